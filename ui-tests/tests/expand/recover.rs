// `recover!()` takes the frame's panic; the function then returns its
// `return` under way, or `Default::default()` (here `0`) when the panic
// struck before one.
use defer_core::with_defer;

fn divide(a: i32, b: i32) -> i32 {
    a / b
}

#[with_defer]
fn recover(a: i32, b: i32) -> i32 {
    defer! {
        if let Some(payload) = recover!() {
            drop(payload);
        }
    }
    divide(a, b)
}

fn main() {
    let _ = recover(1, 0);
}
