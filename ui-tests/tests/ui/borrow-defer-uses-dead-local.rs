// Mistake: the deferred code prints `seen` at exit, but `seen` holds a borrow of `x`, which died at the end of its block (E0597).
// Fix: keep values, not borrows: `let mut seen: Vec<u32>` and `seen.push(x)`.
use defer_core::with_defer;

#[with_defer]
fn log_all() {
    let mut seen: Vec<&u32> = Vec::new();
    defer! {
        println!("{seen:?}");
    }
    {
        let x = 1;
        seen.push(&x);
    }
}

fn main() {
    log_all();
}
