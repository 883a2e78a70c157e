// Mistake: the call-form `defer!` moves `s` at its statement (its arguments are evaluated there), while `r` still borrows it (E0505).
// Fix: use the block form, which moves `s` only at exit: `defer! { drop(s); }`.
use defer_core::with_defer;

#[with_defer]
fn consume(s: String) -> usize {
    let r = &s;
    defer!(drop(s));
    r.len()
}

fn main() {
    consume(String::new());
}
