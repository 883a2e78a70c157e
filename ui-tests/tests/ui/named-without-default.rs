// Mistake: `named(h)` without an initial value, for a type (`Handle`) that has no `Default`.
// Fix: give it an initial value, `#[with_defer(named(h = Handle(0)))]`, or `#[derive(Default)]`.
use defer_core::with_defer;

struct Handle(u32);

#[with_defer(named(h))]
fn open() -> Handle {
    defer!(println!("opened"));
    Handle(1)
}

fn main() {
    let _ = open();
}
