// Mistake: the returned closure borrows the parameter `v`, which the function drops when it returns (E0373). `v` is declared before the `defer!`, so the statements after it (which run in a closure of the expansion's) borrow `v` from the function; rustc's `move` suggestion lands in front of the first of those statements, not on the returned closure.
// Fix: move `v` into the returned closure: `Box::new(move || v.len())`.
use defer_core::with_defer;

#[with_defer]
fn reader(v: Vec<u32>) -> Box<dyn Fn() -> usize> {
    defer!(println!("made"));
    Box::new(|| v.len())
}

fn main() {
    reader(vec![1])();
}
