// Mistake: `errdefer!` inside deferred code that is kept until exit (a `defer!` nested in an `if`): it cannot read the function's outcome there.
// Fix: write the `errdefer!` in the function's body, inside the same `if`: `if audit { errdefer!(log("failed")); }`.
use defer_core::with_defer;

fn log(_what: &str) {}

#[with_defer]
fn save(audit: bool) -> Result<(), String> {
    if audit {
        defer! {
            errdefer!(log("failed"));
        }
    }
    Err("disk full".to_string())
}

fn main() {
    let _ = save(true);
}
