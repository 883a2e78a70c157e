// Mistake: `defer!` in a function without `#[with_defer]`.
// Fix: annotate the function: `#[with_defer] fn not_annotated() { .. }`.
#[allow(unused_imports)]
use defer_core::with_defer;

fn not_annotated() {
    defer_core::defer!(println!("bye"));
}

fn main() {
    not_annotated();
}
