// Mistake: `#[with_defer(recover)]`: the only argument is `named(..)`.
// Fix: write `#[with_defer]`; `recover!()` needs no opt-in: call it in `defer! { .. }`.
use defer_core::with_defer;

#[with_defer(recover)]
fn unknown() {
    defer!(println!("bye"));
}

fn main() {
    unknown();
}
