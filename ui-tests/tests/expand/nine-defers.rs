// Nine top-level defers: the first eight are open-coded behind the bits of
// a `u8`; the ninth, which can register only once, runs from its statement
// (a one-entry slot when it is nested).
use defer_core::with_defer;

fn record(_n: u32) {}

#[with_defer]
fn nine_defers(flag: bool) {
    defer!(record(1));
    defer!(record(2));
    defer!(record(3));
    defer!(record(4));
    defer!(record(5));
    defer!(record(6));
    defer!(record(7));
    defer!(record(8));
    if flag {
        defer!(record(9));
    }
}

fn main() {
    nine_defers(true);
}
