// Mistake: the error form `errdefer!(|e| ..)` inside a loop (or a block, `if`, `match`), which is not supported yet.
// Fix: one error form in the function's top-level block: `errdefer!(|e| format!("step failed: {e}"));` before the loop.
use defer_core::with_defer;

#[with_defer]
fn apply(steps: &[&str]) -> Result<(), String> {
    for step in steps {
        errdefer!(|e| format!("{step}: {e}"));
        if step.is_empty() {
            return Err("empty step".to_string());
        }
    }
    Ok(())
}

fn main() {
    let _ = apply(&["a"]);
}
