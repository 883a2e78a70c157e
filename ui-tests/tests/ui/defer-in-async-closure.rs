// Mistake: `defer!` inside an `async` closure, whose body is a future (a plain closure would do).
// Fix: move the code that needs the `defer!` into a nested `#[with_defer] fn step()`
//      and call `step()` from the closure.
use defer_core::with_defer;

#[with_defer]
fn in_async_closure() {
    let job = async || {
        defer!(println!("bye"));
    };
    let _ = job();
}

fn main() {
    in_async_closure();
}
