// Mistake: `named(..)` lists the name `n` twice.
// Fix: give each result its own name: `#[with_defer(named(n = 0, m = 1))]`.
use defer_core::with_defer;

#[with_defer(named(n = 0, n = 1))]
fn pair() -> (u32, u32) {
    defer! { n += 1 }
    (1, 2)
}

fn main() {
    let _ = pair();
}
