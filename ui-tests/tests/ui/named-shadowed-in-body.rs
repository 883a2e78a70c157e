// `return n + 1` assigns the named result `n`; a local `n` would hide it.
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
