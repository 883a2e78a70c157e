// Mistake: the error form's closure returns `()`, as if it were handed `&mut E`: it takes the error by value and must return the error the function returns.
// Fix: return it: `errdefer!(|e| { log(&e); e })`, or wrap it: `errdefer!(|e| format!("saving: {e}"))`.
use defer_core::with_defer;

fn log(_error: &str) {}

#[with_defer]
fn save() -> Result<(), String> {
    errdefer!(|e| log(&e));
    Err("disk full".to_string())
}

fn main() {
    let _ = save();
}
