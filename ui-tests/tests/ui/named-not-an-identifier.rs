// A named result is a local: it needs an identifier.
use defer_core::with_defer;

#[with_defer(named(self.n = 0))]
fn count() -> usize {
    defer! { n += 1 }
    1
}

fn main() {
    let _ = count();
}
