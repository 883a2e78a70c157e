// A loop `defer!` in an `async fn`: each iteration stores an async closure
// in the site's `Vec`; the exit code calls and awaits them, newest first,
// each under `catch_async`.
use defer_core::with_defer;

async fn release(_name: &str) {}

#[with_defer]
async fn release_all(names: &[&str]) {
    for name in names {
        defer!(release(name).await);
    }
}

fn main() {
    let _ = release_all(&["a"]);
}
