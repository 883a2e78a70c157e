// Mistake: `?` in a function that returns `()`.
// Fix: return a `Result` (`fn unit() -> Result<(), std::num::ParseIntError>`, ending in `Ok(())`),
//      or handle the error: `let Ok(n) = "1".parse::<i32>() else { return };`.
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
