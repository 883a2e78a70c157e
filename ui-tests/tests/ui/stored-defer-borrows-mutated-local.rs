// Mistake: a `defer!` nested in an `if` borrows `n` until exit; the body assigns `n` after it.
// Fix: snapshot `n` with `defer!(move { println!("n = {n}") });`, or, to read it at exit,
//      make it a `std::cell::Cell`: `n.set(n.get() + 1)` in the body, `n.get()` in the defer.
use defer_core::with_defer;

#[with_defer]
fn stored(verbose: bool) {
    let mut n = 0;
    if verbose {
        defer! { println!("n = {n}") }
    }
    n += 1;
    println!("{n}");
}

fn main() {
    stored(true);
}
