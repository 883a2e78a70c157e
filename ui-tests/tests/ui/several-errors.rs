// Mistake: an unknown argument `flavor` and a `const fn`: both are reported.
// Fix: drop the unknown argument and `const`: `#[with_defer(named(n))] fn several() -> u32`.
use defer_core::with_defer;

#[with_defer(flavor, named(n))]
const fn several() -> u32 {
    1
}

fn main() {
    let _ = several();
}
