// `defer!`s nested in an `if` and a `match`: stored as closures in slots
// declared before the top-level statement that holds them.
use defer_core::with_defer;

fn record(_what: &str, _n: i32) {}

#[with_defer]
fn nested_defer(flag: bool, choice: Option<i32>) -> i32 {
    let n = 1;
    if flag {
        defer! {
            record("if", n);
        }
    }
    match choice {
        Some(m) => defer!(move record("match", m)),
        None => {}
    }
    n + 1
}

fn main() {
    nested_defer(true, Some(2));
}
