// Mistake: a `defer!` in a loop takes `total` (which dies with its iteration) by value, and the loop body changes `total` after it, as Go code would expect the deferred code to see.
// Fix: give `total` its final value before the `defer!`: `let total = row.len() * 2; defer! { .. }`.
use defer_core::with_defer;

#[with_defer]
fn report(rows: &[Vec<u32>]) {
    for row in rows {
        let mut total = row.len();
        defer! { println!("row total: {total}") }
        total *= 2;
    }
}

fn main() {
    report(&[vec![1, 2]]);
}
