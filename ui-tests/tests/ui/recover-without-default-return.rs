// Mistake: deferred code calls `recover!()`, but the return type `NoDefault` has no `Default`.
// Fix: name the result with an initial value: `#[with_defer(named(out = NoDefault))]`,
//      or `#[derive(Default)]` on the return type.
use defer_core::with_defer;

struct NoDefault;

#[with_defer]
fn recovers() -> NoDefault {
    defer! {
        let _ = recover!();
    }
    panic!("boom");
}

fn main() {
    let _ = recovers();
}
