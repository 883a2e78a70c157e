// Mistake: `seen` keeps a borrow of `x`, which dies at the end of its block (E0597).
// Fix: keep values, not borrows, or declare `x` before `seen`: `let x = 1; let mut seen = vec![&x];`.
use defer_core::with_defer;

#[with_defer]
fn collect() -> usize {
    let mut seen: Vec<&u32> = Vec::new();
    defer!(println!("done"));
    {
        let x = 1;
        seen.push(&x);
    }
    seen.len()
}

fn main() {
    collect();
}
