// Mistake: the returned trait object captures the borrowed `v`, but `Box<dyn Fn() -> usize>` means `+ 'static`.
// Fix: say that the result borrows from `v`: `-> Box<dyn Fn() -> usize + '_>`.
use defer_core::with_defer;

#[with_defer]
fn reader(v: &[u32]) -> Box<dyn Fn() -> usize> {
    defer!(println!("made"));
    Box::new(move || v.len())
}

fn main() {
    reader(&[1])();
}
