// Mistake: `defer!` inside a closure, which is a function of its own.
// Fix: move the `defer!` out of the closure, or make the closure a nested function:
//      `#[with_defer] fn f() { defer!(println!("bye")); }`.
use defer_core::with_defer;

#[with_defer]
fn in_closure() {
    let f = || {
        defer!(println!("bye"));
    };
    f();
}

fn main() {
    in_closure();
}
