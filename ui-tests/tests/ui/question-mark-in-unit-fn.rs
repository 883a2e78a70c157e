// `?` between two `defer!`s of a function that returns `()`.
use defer_core::with_defer;

#[with_defer]
fn unit() {
    defer!(println!("first"));
    let n: i32 = "1".parse()?;
    defer!(println!("second"));
    println!("{n}");
}

fn main() {
    unit();
}
