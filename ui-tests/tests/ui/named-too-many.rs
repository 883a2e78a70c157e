// Mistake: `named(..)` lists nine results; at most 8 are supported.
// Fix: return a struct that implements `Default` and name it once:
//      `#[with_defer(named(out))] fn nine() -> Nine` with `defer! { out.a += 1 }`.
use defer_core::with_defer;

#[with_defer(named(a, b, c, d, e, f, g, h, i))]
fn nine() -> (u8, u8, u8, u8, u8, u8, u8, u8, u8) {
    defer! { a += 1 }
    (1, 2, 3, 4, 5, 6, 7, 8, 9)
}

fn main() {
    let _ = nine();
}
