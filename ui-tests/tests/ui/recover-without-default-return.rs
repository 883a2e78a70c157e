// SPEC §6: a function whose deferred code calls `recover!()` returns
// `Default::default()` after a recovery, so without `named(..)` its return
// type must implement `Default`.
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
