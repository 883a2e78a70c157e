// Mistake: `defer!` inside an `async` block, which is a function of its own.
// Fix: move the code that needs the `defer!` into a nested `#[with_defer] fn step()`
//      and call `step()` from the block.
use defer_core::with_defer;

#[with_defer]
fn in_async_block() -> impl core::future::Future<Output = ()> {
    async {
        defer!(println!("bye"));
    }
}

fn main() {
    let _ = in_async_block();
}
