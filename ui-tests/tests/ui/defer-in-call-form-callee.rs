// Mistake: `defer!` inside a closure literal that a call-form `defer!((|| ..)())` calls.
// Fix: write the deferred code as a block: `defer! { defer!(println!("inner")); }`.
use defer_core::with_defer;

#[with_defer]
fn callee() {
    defer!((|| {
        defer!(println!("inner"));
    })());
}

fn main() {
    callee();
}
