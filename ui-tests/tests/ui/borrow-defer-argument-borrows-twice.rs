// Mistake: the call-form `defer!` borrows `v` mutably at its statement, for the call at exit, while `first` still borrows it (E0499).
// Fix: use the block form, which borrows `v` only when it runs at exit: `defer! { fill(&mut v); }`.
use defer_core::with_defer;

fn fill(v: &mut Vec<u32>) {
    v.push(0);
}

#[with_defer]
fn both(mut v: Vec<u32>) -> usize {
    let first = &mut v;
    defer!(fill(&mut v));
    first.push(1);
    first.len()
}

fn main() {
    both(Vec::new());
}
