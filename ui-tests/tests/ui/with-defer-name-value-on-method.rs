// Mistake: `#[with_defer = ..]` on a method of a `#[with_defer]` block.
// Fix: arguments go in parentheses: `#[with_defer(named(n))]`.
use defer_core::with_defer;

struct Counter;

#[with_defer]
impl Counter {
    #[with_defer = "named(n)"]
    fn count(&self) -> u32 {
        defer!(println!("counted"));
        1
    }
}

fn main() {
    let _ = Counter.count();
}
