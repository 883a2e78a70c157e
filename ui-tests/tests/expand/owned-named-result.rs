// Deferred code that moves a named result out and gives it a new value in
// the same statement runs that statement on the value taken out of it;
// the result holds its initial value meanwhile.
use defer_core::with_defer;

fn join(first: Result<(), String>, second: &str) -> Result<(), String> {
    match first {
        Ok(()) => Err(second.to_string()),
        Err(e) => Err(format!("{e}; {second}")),
    }
}

#[with_defer(named(err = Ok(())))]
fn owned_named_result(close: bool) -> Result<(), String> {
    defer! { err = join(err, "closed") }
    if close {
        defer! {
            if let Err(e) = err {
                err = Err(format!("write: {e}"));
            }
        }
    }
    Err(String::from("failed"))
}

fn main() {
    let _ = owned_named_result(true);
}
