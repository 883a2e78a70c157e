// Mistake: `.await` in a `defer!` of a plain closure inside an `async fn`: the closure is a function of its own, and not `async`.
// Fix: put the `defer!` in the `async fn`'s own body, or make the closure a `#[with_defer] async fn` of its own and await its call.
use defer_core::with_defer;

async fn close() {}

#[with_defer]
async fn outer() {
    let step = || {
        defer! { close().await; }
        println!("step");
    };
    step();
}

fn main() {
    let _ = outer();
}
