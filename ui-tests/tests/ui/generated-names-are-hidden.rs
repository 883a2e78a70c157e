// Mistake: the body names `__defer_bits`, a local of the expansion, which user code cannot reach.
// Fix: do not rely on the expansion's `__defer` names; declare your own local: `let bits = 0;`.
use defer_core::with_defer;

#[with_defer]
fn hidden() {
    defer!(println!("bye"));
    __defer_bits = 0;
}

fn main() {
    hidden();
}
