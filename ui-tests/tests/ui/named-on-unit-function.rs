// `()` has no result to name.
use defer_core::with_defer;

#[with_defer(named(done))]
fn work() {
    defer!(println!("cleanup"));
}

fn main() {
    work();
}
