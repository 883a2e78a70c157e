// Mistake: the deferred code pushes to `*v` at exit, while the returned `&mut v[0]` still borrows it (E0501; without the attribute, E0499): a `Vec` that grows may move, and the returned reference would dangle.
// Fix: do the deferred work before taking the borrow that is returned, or return an index: `-> usize`.
use defer_core::with_defer;

#[with_defer]
fn first(v: &mut Vec<u32>) -> &mut u32 {
    defer! {
        v.push(0);
    }
    &mut v[0]
}

fn main() {
    *first(&mut vec![1]) = 2;
}
