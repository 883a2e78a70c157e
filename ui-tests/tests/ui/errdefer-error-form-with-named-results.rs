// Mistake: the error form `errdefer!(|e| ..)` in a function with named results, whose error is the named result itself.
// Fix: change the named result in a block: `errdefer! { err = err.map_err(|e| format!("saving: {e}")); }`.
use defer_core::with_defer;

#[with_defer(named(err = Ok(())))]
fn save() -> Result<(), String> {
    errdefer!(|e| format!("saving: {e}"));
    Err("disk full".to_string())
}

fn main() {
    let _ = save();
}
