// Mistake: deferred code moves the error out of the named result `err` (`if let Err(e) = err`) and never gives `err` a new value.
// Fix: give it one in the same statement (`if let Err(e) = err { err = Err(wrap(e)) }`), or only look at it: `if let Err(e) = &err`.
use defer_core::with_defer;

fn log(_what: String) {}

#[with_defer(named(err = Ok(())))]
fn write() -> Result<(), String> {
    defer! {
        if let Err(e) = err {
            log(e);
        }
    }
    Err(String::from("write failed"))
}

fn main() {
    let _ = write();
}
