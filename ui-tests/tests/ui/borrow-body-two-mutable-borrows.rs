// Mistake: two `&mut` borrows of `*v` live at once in the statements after a `defer!` (E0499), as they would be without the attribute.
// Fix: finish with one borrow before taking the next: `a.push(1); let b = &mut *v; b.push(2);`.
use defer_core::with_defer;

#[with_defer]
fn push_twice(v: &mut Vec<u32>) {
    defer!(println!("done"));
    let a = &mut *v;
    let b = &mut *v;
    a.push(1);
    b.push(2);
}

fn main() {
    push_twice(&mut Vec::new());
}
