// Mistake: deferred code assigns a `&str` to the named result `n`, a `u32`.
// Fix: assign a value of the result's type: `defer! { n = 2 }`.
use defer_core::with_defer;

#[with_defer(named(n = 0))]
fn count(flag: bool) -> u32 {
    if flag {
        defer! { n = "many" }
    }
    1
}

fn main() {
    let _ = count(true);
}
