//! `#[with_defer]` above another attribute macro that rewrites the body
//! (here one that wraps it in a closure, as `#[no_panic]` does): it runs
//! first, on the body as written, and the other macro wraps its output. The
//! other order is a compile error (ui-tests `attribute-macro-above-with-defer`).
mod common;

use common::{log, take};
use defer_core::with_defer;
use defer_ui_wrap_body::wrap_body;

#[with_defer]
#[wrap_body]
fn half(x: u32) -> u32 {
    defer!(log(format!("halved {x}")));
    if x == 0 {
        return 0;
    }
    x / 2
}

#[test]
fn with_defer_above_a_body_rewriting_attribute_runs_first() {
    assert_eq!(half(8), 4);
    assert_eq!(take(), ["halved 8"]);
    assert_eq!(half(0), 0);
    assert_eq!(take(), ["halved 0"]);
}
