// Mistake: `named(..)` on an `impl` block: it names one function's results.
// Fix: `#[with_defer]` on the block, `#[with_defer(named(err = Ok(())))]` on the method.
use defer_core::with_defer;

struct Conn;

#[with_defer(named(err = Ok(())))]
impl Conn {
    fn close(&self) -> Result<(), String> {
        defer! { err = err.map_err(|e| format!("close: {e}")) }
        Err("busy".into())
    }
}

fn main() {
    let _ = Conn.close();
}
