// Mistake: `named(self.n = 0)`: a named result is a new local, not a place.
// Fix: name it with an identifier: `#[with_defer(named(n = 0))]`.
use defer_core::with_defer;

#[with_defer(named(self.n = 0))]
fn count() -> usize {
    defer! { n += 1 }
    1
}

fn main() {
    let _ = count();
}
