// Named results: `err` is a local of the return type. `return` and the tail
// assign it, then the exit code runs; stored deferred code gets it as a
// `&mut` at exit only.
use defer_core::with_defer;

fn close(_name: &str) -> Result<(), String> {
    Ok(())
}

#[with_defer(named(err = Ok(())))]
fn named_results(name: &str, check: bool) -> Result<(), String> {
    defer! {
        if let Err(e) = &mut err {
            *e = format!("{name}: {e}");
        }
    }
    if check {
        defer! {
            if let Err(e) = close(name) {
                err = Err(e);
            }
        }
    }
    Err(String::from("failed"))
}

fn main() {
    let _ = named_results("a", true);
}
