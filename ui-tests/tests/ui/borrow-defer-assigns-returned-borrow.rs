// Mistake: the deferred code assigns `*x` at exit, while the returned `&*x` still borrows it (E0506).
// Fix: assign before taking the borrow that is returned: `*x = 0; &*x`.
use defer_core::with_defer;

#[with_defer]
fn peek(x: &mut u32) -> &u32 {
    defer! {
        *x = 0;
    }
    &*x
}

fn main() {
    peek(&mut 1);
}
