// Mistake: `named(..)` on a function that returns `()`, which has no result to name.
// Fix: drop `named(..)` (`#[with_defer]`), or name a real result:
//      `#[with_defer(named(err = Ok(())))] fn work() -> Result<(), String>`.
use defer_core::with_defer;

#[with_defer(named(done))]
fn work() {
    defer!(println!("cleanup"));
}

fn main() {
    work();
}
