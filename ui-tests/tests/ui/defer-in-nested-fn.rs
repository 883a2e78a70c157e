// A nested `fn` is a function of its own: the attribute on the outer
// function does not reach its `defer!`.
use defer_core::with_defer;

#[with_defer]
fn outer() {
    fn inner() {
        defer!(println!("inner"));
    }
    defer!(println!("outer"));
    inner();
}

fn main() {
    outer();
}
