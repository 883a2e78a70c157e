// Mistake: `return "one"` in a function that returns `u32`.
// Fix: return a value of the return type: `return 1;`.
use defer_core::with_defer;

#[with_defer]
fn early(flag: bool) -> u32 {
    defer!(println!("first"));
    if flag {
        return "one";
    }
    defer!(println!("second"));
    2
}

fn main() {
    early(true);
}
