// Mistake: `#[with_defer]` on a `const fn` (deferred code runs under `catch_unwind`, not `const`).
// Fix: drop `const` (`fn constant() -> u32`), or drop the attribute.
use defer_core::with_defer;

#[with_defer]
const fn constant() -> u32 {
    1
}

fn main() {
    let _ = constant();
}
