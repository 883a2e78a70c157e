// Mistake: two `named(..)` arguments for the two results of a tuple.
// Fix: list every result in one: `#[with_defer(named(n, err = None))]`.
use defer_core::with_defer;

#[with_defer(named(n), named(err = None))]
fn parse(s: &str) -> (u32, Option<String>) {
    defer!(println!("parsed {s}"));
    (s.len() as u32, None)
}

fn main() {
    let _ = parse("12");
}
