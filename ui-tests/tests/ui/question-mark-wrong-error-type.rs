// `?` between two `defer!`s whose error does not convert.
use defer_core::with_defer;

struct MyError;

#[with_defer]
fn convert() -> Result<i32, MyError> {
    defer!(println!("first"));
    let n: i32 = "1".parse()?;
    defer!(println!("second"));
    Ok(n)
}

fn main() {
    let _ = convert();
}
