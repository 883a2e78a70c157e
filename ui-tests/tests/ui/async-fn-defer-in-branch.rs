// Mistake: a `defer!` inside an `if` of an `async fn`: only the function's top-level `defer!`s are supported in `async fn` so far.
// Fix: move the `defer!` to the function's top-level block, and test the condition inside it: `defer! { if opened { conn.close().await } }`.
use defer_core::with_defer;

async fn close() {}

#[with_defer]
async fn maybe_close(open: bool) {
    if open {
        defer! { close().await; }
    }
}

fn main() {
    let _ = maybe_close(true);
}
