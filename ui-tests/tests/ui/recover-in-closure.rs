// Even inside deferred code, a closure is another function: its
// `recover!()` could not reach the panic in flight.
use defer_core::with_defer;

#[with_defer]
fn in_closure() {
    defer! {
        let take = || recover!();
        let _ = take();
    }
    panic!("boom");
}

fn main() {
    in_closure();
}
