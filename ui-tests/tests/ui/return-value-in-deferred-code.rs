// Mistake: `return 2` in deferred code, which cannot return a value from the function.
// Fix: name the result and assign it: `#[with_defer(named(n))]` and `defer! { n = 2; }`;
//      a bare `return;` only ends the deferred block.
use defer_core::with_defer;

#[with_defer]
fn returns_from_defer() -> i32 {
    defer! {
        return 2;
    }
    1
}

fn main() {
    returns_from_defer();
}
