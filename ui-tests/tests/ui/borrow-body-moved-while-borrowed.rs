// Mistake: `s` is moved out while `r` still borrows it (E0505).
// Fix: use the borrow before the move: `let n = r.len(); drop(s); n`.
use defer_core::with_defer;

#[with_defer]
fn consume(s: String) -> usize {
    defer!(println!("done"));
    let r = &s;
    drop(s);
    r.len()
}

fn main() {
    consume(String::new());
}
