// Mistake: the tail expression `"one"` after a `defer!`, in a function that returns `u32`.
// Fix: end with a value of the return type: `1`.
use defer_core::with_defer;

#[with_defer]
fn tail() -> u32 {
    defer!(println!("bye"));
    "one"
}

fn main() {
    tail();
}
