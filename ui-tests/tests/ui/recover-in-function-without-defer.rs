// Mistake: `recover!()` in the body of a function that has no `defer!`: it is not deferred code.
// Fix: call it in deferred code: `defer! { let _payload = recover!(); }`.
use defer_core::with_defer;

#[with_defer]
fn no_defer() {
    let _payload = recover!();
}

fn main() {
    no_defer();
}
