// Mistake: `recover!()` in a function without `#[with_defer]`.
// Fix: annotate the function and call it in deferred code:
//      `#[with_defer] fn not_annotated() { defer! { let _payload = recover!(); } }`.
#[allow(unused_imports)]
use defer_core::with_defer;

fn not_annotated() {
    let _payload = defer_core::recover!();
}

fn main() {
    not_annotated();
}
