// A `defer!` hidden in another macro's input is invisible to the attribute.
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
