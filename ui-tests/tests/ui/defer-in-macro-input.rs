// Mistake: `defer!` inside another macro's input (`vec![..]`), where `#[with_defer]` cannot see it.
// Fix: move the `defer!` out of the macro call: `defer!(println!("bye")); vec![1]`.
use defer_core::with_defer;

#[with_defer]
fn hidden() -> Vec<i32> {
    vec![{
        defer!(println!("bye"));
        1
    }]
}

fn main() {
    hidden();
}
