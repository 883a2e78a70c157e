// A block-form `defer!` in the top-level block: open-coded, inline at exit,
// reading `n` as it is at exit.
use defer_core::with_defer;

fn record(_what: &str, _n: i32) {}

#[with_defer]
fn top_level_block() -> i32 {
    let mut n = 0;
    defer! {
        record("exit sees", n);
    }
    n += 1;
    n
}

fn main() {
    top_level_block();
}
