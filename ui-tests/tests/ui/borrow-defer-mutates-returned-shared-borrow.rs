// Mistake: the deferred code pushes to `*v` at exit, while the returned `&v[0]` still borrows it (E0502).
// Fix: push before taking the borrow that is returned: `v.push(0); &v[0]`.
use defer_core::with_defer;

#[with_defer]
fn first(v: &mut Vec<u32>) -> &u32 {
    defer! {
        v.push(0);
    }
    &v[0]
}

fn main() {
    first(&mut vec![1]);
}
