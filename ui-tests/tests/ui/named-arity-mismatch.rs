// Three names for a function that returns a pair.
use defer_core::with_defer;

#[with_defer(named(n = 0, err = None, extra))]
fn counted() -> (usize, Option<String>) {
    defer! { n += 1 }
    (1, None)
}

fn main() {
    let _ = counted();
}
