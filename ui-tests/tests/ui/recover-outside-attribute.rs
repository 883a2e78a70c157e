// `recover!()` in a function without `#[with_defer]`: the stub macro explains.
#[allow(unused_imports)]
use defer_core::with_defer;

fn not_annotated() {
    let _payload = defer_core::recover!();
}

fn main() {
    not_annotated();
}
