// Mistake: a statement of deferred code takes the named result `err` by value and may `return` before it gives `err` its new value.
// Fix: decide first, then move it out and assign it in one statement: `if !skip { err = err.map_err(wrap) }`.
use defer_core::with_defer;

fn wrap(e: String) -> String {
    format!("write: {e}")
}

#[with_defer(named(err = Ok(())))]
fn write(skip: bool) -> Result<(), String> {
    defer! {
        err = match err {
            Ok(()) => Ok(()),
            Err(e) => {
                if skip {
                    return;
                }
                Err(wrap(e))
            }
        };
    }
    Err(String::from("write failed"))
}

fn main() {
    let _ = write(false);
}
