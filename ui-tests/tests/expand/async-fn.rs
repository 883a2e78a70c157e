// An `async fn`: a level that may suspend is an `async` block awaited
// under `catch_async`, so that a panic in any poll still runs the deferred
// code; one that cannot (here the last) is a closure, as in a sync
// function. The deferred code runs inline at exit, where it may `.await`.
use defer_core::with_defer;

async fn close(_what: &str) {}

async fn fetch(id: u32) -> Result<u32, String> {
    Ok(id)
}

#[with_defer]
async fn load(id: u32) -> Result<u32, String> {
    defer! {
        close("connection").await;
    }
    let row = fetch(id).await?;
    defer!(close("row").await);
    Ok(row + 1)
}

fn main() {
    let _ = load(1);
}
