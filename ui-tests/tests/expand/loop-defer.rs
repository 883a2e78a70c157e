// A loop `defer!` between two top-level ones: the two are open-coded (a bit
// each of `__defer_bits`), the loop's entries go to a typed `Vec`, drained
// newest first at exit.
use defer_core::with_defer;

fn record(_what: &str, _n: usize) {}

#[with_defer]
fn loop_defer(files: &[&str]) {
    defer!(record("first", 0));
    for (i, file) in files.iter().enumerate() {
        defer!(record(file, i));
    }
    defer!(record("last", files.len()));
}

fn main() {
    loop_defer(&["a", "b"]);
}
