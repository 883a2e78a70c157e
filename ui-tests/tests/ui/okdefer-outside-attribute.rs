// Mistake: `okdefer!` in a function without `#[with_defer]`.
// Fix: annotate the function: `#[defer_core::with_defer] fn save() -> Result<(), String> { .. }`.
use defer_core::prelude::*;

fn save() -> Result<(), String> {
    okdefer!(println!("committed"));
    Ok(())
}

fn main() {
    let _ = save();
}
