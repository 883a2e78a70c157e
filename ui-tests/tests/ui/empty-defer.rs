// Mistake: `defer!()` with nothing to defer.
// Fix: give it the code to run at exit: `defer!(f(x))`, `defer! { .. }` or `defer!(move { .. })`.
use defer_core::with_defer;

#[with_defer]
fn empty() {
    defer!();
}

fn main() {
    empty();
}
