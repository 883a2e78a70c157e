// A `defer!` nested in an `if` is stored as a closure at its statement:
// it borrows `n` until exit, so the body cannot assign `n` afterwards.
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
