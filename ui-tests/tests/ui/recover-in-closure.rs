// Mistake: `recover!()` inside a closure in deferred code; the closure is a function of its own.
// Fix: call `recover!()` directly in the deferred code and move the payload into the closure:
//      `let payload = recover!(); let take = move || payload;`.
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
