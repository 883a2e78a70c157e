// Mistake: `recover!()` in the function body, outside deferred code.
// Fix: call it in deferred code: `defer! { if recover!().is_some() { println!("recovered"); } }`.
use defer_core::with_defer;

#[with_defer]
fn outside() {
    defer!(println!("bye"));
    if recover!().is_some() {
        println!("recovered");
    }
}

fn main() {
    outside();
}
