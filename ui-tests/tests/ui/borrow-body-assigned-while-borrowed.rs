// Mistake: `x` is assigned while `r` still borrows it (E0506).
// Fix: read through the borrow before the assignment: `let old = *r; x = 0; old + x`.
use defer_core::with_defer;

#[with_defer]
fn reset(mut x: u32) -> u32 {
    defer!(println!("done"));
    let r = &x;
    x = 0;
    *r + x
}

fn main() {
    reset(1);
}
