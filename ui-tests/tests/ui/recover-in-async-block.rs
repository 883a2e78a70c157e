// Mistake: `recover!()` in an `async` block in deferred code; the block is a function of its own.
// Fix: call `recover!()` directly in the deferred code and move the payload into the block:
//      `let payload = recover!(); let _future = async move { payload };`.
use defer_core::with_defer;

#[with_defer]
fn in_async_block() {
    defer! {
        let _future = async { recover!() };
    }
    panic!("boom");
}

fn main() {
    in_async_block();
}
