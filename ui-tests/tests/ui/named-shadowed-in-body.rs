// Mistake: `let mut n` declares a local that would hide the named result `n`.
// Fix: rename the local (`let mut m = 100;`), or assign the named result itself (`n = 100;`).
use defer_core::with_defer;

#[with_defer(named(n))]
fn count() -> i32 {
    defer!(println!("exit"));
    let mut n = 100;
    n += 1;
    return n + 1;
}

fn main() {
    let _ = count();
}
