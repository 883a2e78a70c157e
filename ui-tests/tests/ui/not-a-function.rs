// Mistake: `#[with_defer]` on a `struct`.
// Fix: remove it; put `#[with_defer]` on the functions (or the `impl` block) that use `defer!`.
use defer_core::with_defer;

#[with_defer]
struct Guard {
    _n: u32,
}

fn main() {
    let _ = Guard { _n: 0 };
}
