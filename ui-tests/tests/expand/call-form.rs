// Call-form `defer!`s: arguments (and a callee that is not a path, and a
// receiver that is not a place) are evaluated at the statement.
use defer_core::with_defer;

fn record(_what: &str, _n: i32) {}

fn trace(_what: &str) -> impl FnOnce() {
    || {}
}

struct Log(Vec<i32>);

impl Log {
    fn push(&mut self, n: i32) {
        self.0.push(n);
    }
}

#[with_defer]
fn call_form(log: &mut Log) {
    let mut n = 1;
    defer!(record("argument", n));
    defer!(trace("work")());
    defer!(log.push(n));
    defer!(Log(Vec::new()).push(n));
    n += 1;
    record("body", n);
}

fn main() {
    call_form(&mut Log(Vec::new()));
}
