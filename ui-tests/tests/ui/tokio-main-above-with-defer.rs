// Mistake: `#[tokio::main]` above `#[with_defer]`: tokio's macro runs first and turns the body into an async block, in which `#[with_defer]` then finds the `defer!`s.
// Fix: put `#[with_defer]` first: `#[with_defer] #[tokio::main] async fn main() { .. }`.
use defer_core::with_defer;

async fn close() {}

#[tokio::main(flavor = "current_thread")]
#[with_defer]
async fn main() {
    defer! { close().await; }
    println!("body");
}
