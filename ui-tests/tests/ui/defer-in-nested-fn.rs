// Mistake: `defer!` in a nested `fn`: the attribute on the outer function does not reach it.
// Fix: annotate the nested function too: `#[with_defer] fn inner() { .. }`.
use defer_core::with_defer;

#[with_defer]
fn outer() {
    fn inner() {
        defer!(println!("inner"));
    }
    defer!(println!("outer"));
    inner();
}

fn main() {
    outer();
}
