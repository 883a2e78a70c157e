// Mistake: `named()` with no name in it.
// Fix: name the result, `#[with_defer(named(total))]`, or drop `named()`.
use defer_core::with_defer;

#[with_defer(named())]
fn sum(values: &[u32]) -> u32 {
    defer!(println!("summed"));
    values.iter().sum()
}

fn main() {
    let _ = sum(&[1, 2]);
}
