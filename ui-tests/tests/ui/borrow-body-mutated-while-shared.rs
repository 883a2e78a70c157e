// Mistake: `v` is pushed to while `first` still borrows it (E0502).
// Fix: copy the value out first: `let first = v[0]; v.push(first); first`.
use defer_core::with_defer;

#[with_defer]
fn grow(mut v: Vec<u32>) -> u32 {
    defer!(println!("done"));
    let first = &v[0];
    v.push(*first);
    *first
}

fn main() {
    grow(vec![1]);
}
