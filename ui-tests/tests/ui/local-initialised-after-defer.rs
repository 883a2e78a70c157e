// Mistake: `let total;` is declared before a `defer!` and initialised after it.
// Fix: declare it after the `defer!` (`let total = ..;`), or initialise it where it is declared.
use defer_core::with_defer;

#[with_defer]
fn sum(values: &[u32]) -> u32 {
    let total;
    defer!(println!("summed {} values", values.len()));
    total = values.iter().sum();
    total
}

fn main() {
    let _ = sum(&[1, 2]);
}
