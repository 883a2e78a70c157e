// Mistake: `errdefer!` in a function without `#[with_defer]`.
// Fix: annotate the function: `#[defer_core::with_defer] fn save() -> Result<(), String> { .. }`.
use defer_core::errdefer;

fn save() -> Result<(), String> {
    errdefer!(println!("rolling back"));
    Ok(())
}

fn main() {
    let _ = save();
}
