// Mistake: the error form `errdefer!(|e| ..)` inside deferred code that is kept until exit (a `defer!` nested in an `if`), which cannot reach the function's return value.
// Fix: write it in the function's body, in the same `if`: `if audit { errdefer!(|e| format!("audited: {e}")); }`.
use defer_core::with_defer;

#[with_defer]
fn save(audit: bool) -> Result<(), String> {
    if audit {
        defer! {
            errdefer!(|e| format!("audited: {e}"));
        }
    }
    Err("disk full".to_string())
}

fn main() {
    let _ = save(true);
}
