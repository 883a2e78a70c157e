// Mistake: `#[with_defer]` on an `async fn`, which is not supported yet.
// Fix: put the `defer!`s in a plain `#[with_defer] fn` and call it from the `async fn`.
use defer_core::with_defer;

#[with_defer]
async fn asynchronous() {
    defer!(println!("bye"));
}

fn main() {
    let _ = asynchronous();
}
