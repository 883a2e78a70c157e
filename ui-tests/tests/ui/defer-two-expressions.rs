// Mistake: `defer!(a, b)` passes two expressions.
// Fix: use the block form, `defer! { println!("a"); println!("b"); }`, or two `defer!`s
//      (which run in reverse order).
use defer_core::with_defer;

#[with_defer]
fn two() {
    defer!(println!("a"), println!("b"));
}

fn main() {
    two();
}
