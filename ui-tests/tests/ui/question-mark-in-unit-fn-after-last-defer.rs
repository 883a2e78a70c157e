// `?` after the last `defer!` of a function that returns `()`: rustc's
// own message, which should still speak of the function.
use defer_core::with_defer;

#[with_defer]
fn unit() {
    defer!(println!("bye"));
    let n: i32 = "1".parse()?;
    println!("{n}");
}

fn main() {
    unit();
}
