// The expansion's locals are at mixed-site hygiene: user code cannot name
// them.
use defer_core::with_defer;

#[with_defer]
fn hidden() {
    defer!(println!("bye"));
    __defer_bits = 0;
}

fn main() {
    hidden();
}
