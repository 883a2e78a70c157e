// No `defer!` at all: `recover!()` is still outside deferred code.
use defer_core::with_defer;

#[with_defer]
fn no_defer() {
    let _payload = recover!();
}

fn main() {
    no_defer();
}
