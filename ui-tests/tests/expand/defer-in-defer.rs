// A `defer!` inside deferred code belongs to that deferred code: it runs
// when the deferred block ends, and `recover!()` there sees only a panic
// raised inside that block.
use defer_core::with_defer;

fn record(_what: &str) {}

#[with_defer]
fn defer_in_defer() {
    defer! {
        record("outer start");
        defer! {
            if recover!().is_some() {
                record("inner recovered");
            }
        }
        record("outer end");
    }
    record("body");
}

fn main() {
    defer_in_defer();
}
