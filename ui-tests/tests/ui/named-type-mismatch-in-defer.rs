// Deferred code assigns the named result: the types must agree.
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
