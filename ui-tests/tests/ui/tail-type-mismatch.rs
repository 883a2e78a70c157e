// A wrong tail expression after a `defer!` is reported at the tail.
use defer_core::with_defer;

#[with_defer]
fn tail() -> u32 {
    defer!(println!("bye"));
    "one"
}

fn main() {
    tail();
}
