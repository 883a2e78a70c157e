// Mistake: `named(..)` lists three names for a function that returns a pair.
// Fix: list one name per tuple element: `#[with_defer(named(n = 0, err = None))]`.
use defer_core::with_defer;

#[with_defer(named(n = 0, err = None, extra))]
fn counted() -> (usize, Option<String>) {
    defer! { n += 1 }
    (1, None)
}

fn main() {
    let _ = counted();
}
