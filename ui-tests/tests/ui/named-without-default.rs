// `named(n)` without an initial value starts at `Default::default()`.
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
