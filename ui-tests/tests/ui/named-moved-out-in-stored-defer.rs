// Mistake: a nested `defer!` moves the named result `err` out (`join(err, ..)`) to assign it back.
// Fix: take it out first: `err = join(std::mem::replace(&mut err, Ok(())), e);`.
use defer_core::with_defer;

fn join(first: Result<(), String>, second: String) -> Result<(), String> {
    match first {
        Ok(()) => Err(second),
        Err(e) => Err(format!("{e}; {second}")),
    }
}

fn close() -> Result<(), String> {
    Err(String::from("close failed"))
}

#[with_defer(named(err = Ok(())))]
fn write(opened: bool) -> Result<(), String> {
    if opened {
        defer! {
            if let Err(e) = close() {
                err = join(err, e);
            }
        }
    }
    Err(String::from("write failed"))
}

fn main() {
    let _ = write(true);
}
