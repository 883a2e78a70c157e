// `defer!(move ..)`: a snapshot of what the code uses, taken at the
// statement.
use defer_core::with_defer;

fn consume(_name: String) {}

fn record(_what: &str, _n: i32) {}

#[with_defer]
fn move_form() {
    let name = String::from("work");
    let mut n = 1;
    defer!(move {
        consume(name);
        record("snapshot", n);
    });
    defer!(move record("call", n));
    n += 1;
    record("body", n);
}

fn main() {
    move_form();
}
