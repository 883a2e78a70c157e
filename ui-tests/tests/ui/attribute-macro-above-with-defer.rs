// Mistake: another attribute macro that wraps the body in a closure sits above `#[with_defer]`.
// Fix: put `#[with_defer]` first, above the other attribute macros: it must see the body as written.
use defer_core::with_defer;
use defer_ui_wrap_body::wrap_body;

#[wrap_body]
#[with_defer]
fn half(x: u32) -> u32 {
    defer!(println!("halved"));
    x / 2
}

fn main() {
    let _ = half(4);
}
