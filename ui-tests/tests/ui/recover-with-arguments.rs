// Mistake: `recover!(1)`: `recover!()` takes no arguments.
// Fix: call it without arguments: `let _payload = recover!();`.
use defer_core::with_defer;

#[with_defer]
fn with_arguments() {
    defer! {
        let _payload = recover!(1);
    }
}

fn main() {
    with_arguments();
}
