// Mistake: a closure that mutates `*v` is still to be called when the body reads `v` (E0501).
// Fix: read before making the closure, or call the closure first: `push(); let n = v.len();`.
use defer_core::with_defer;

#[with_defer]
fn count(v: &mut Vec<u32>) -> usize {
    defer!(println!("done"));
    let mut push = || v.push(1);
    let n = v.len();
    push();
    n
}

fn main() {
    count(&mut Vec::new());
}
