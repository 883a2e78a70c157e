// A closure-literal callee is a closure: it cannot hold `defer!`s.
use defer_core::with_defer;

#[with_defer]
fn callee() {
    defer!((|| {
        defer!(println!("inner"));
    })());
}

fn main() {
    callee();
}
