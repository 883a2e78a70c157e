// Mistake: naming a result of type `impl Trait`: a named result is a local, whose type is written.
// Fix: name the concrete type: `fn digits(n: u32) -> std::vec::IntoIter<u32>`, or drop `named(..)`.
use defer_core::with_defer;

#[with_defer(named(it))]
fn digits(n: u32) -> impl Iterator<Item = u32> {
    defer!(println!("made the iterator"));
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect::<Vec<_>>()
        .into_iter()
}

fn main() {
    let _ = digits(42);
}
