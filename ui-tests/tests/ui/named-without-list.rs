// Mistake: `named = ..` instead of a list of results.
// Fix: `#[with_defer(named(err = Ok(())))]`.
use defer_core::with_defer;

#[with_defer(named = err)]
fn work() -> Result<(), String> {
    defer!(println!("done"));
    Ok(())
}

fn main() {
    let _ = work();
}
