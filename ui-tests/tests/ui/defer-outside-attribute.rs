// `defer!` in a function without `#[with_defer]`: the stub macro explains.
#[allow(unused_imports)]
use defer_core::with_defer;

fn not_annotated() {
    defer_core::defer!(println!("bye"));
}

fn main() {
    not_annotated();
}
