// Mistake: a `defer!` in a loop takes `conn` (which dies with its iteration) by value, and the loop body uses `conn` after it.
// Fix: use `conn` before the `defer!` that takes it: `conn.send("hello"); defer!(conn.close());`.
use defer_core::with_defer;

struct Conn(String);

impl Conn {
    fn open(name: &str) -> Conn {
        Conn(name.to_string())
    }
    fn send(&mut self, text: &str) {
        self.0.push_str(text);
    }
    fn close(self) {}
}

#[with_defer]
fn greet_all(names: &[&str]) {
    for name in names {
        let mut conn = Conn::open(name);
        defer!(conn.close());
        conn.send("hello");
    }
}

fn main() {
    greet_all(&["a", "b"]);
}
