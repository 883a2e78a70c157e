// Mistake: `?` on a `ParseIntError` where the error type `MyError` has no `From<ParseIntError>`.
// Fix: implement `From<std::num::ParseIntError> for MyError`, or convert at the `?`:
//      `"1".parse().map_err(|_| MyError)?`.
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
