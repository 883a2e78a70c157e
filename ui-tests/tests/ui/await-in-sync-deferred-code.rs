// Mistake: `.await` in deferred code of a function that is not `async`.
// Fix: make the function an `async fn`, whose deferred code may `.await`.
use defer_core::with_defer;

async fn close() {}

#[with_defer]
fn not_async() {
    defer! { close().await; }
    println!("body");
}

fn main() {
    not_async();
}
