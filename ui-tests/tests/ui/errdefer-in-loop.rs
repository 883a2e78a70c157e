// Mistake: `errdefer!` inside a loop, which is not supported yet.
// Fix: one `errdefer!` in the function's top-level block that undoes every step: `let mut done = Vec::new(); errdefer! { for step in done.iter().rev() { undo(step) } }`, and `done.push(step)` in the loop.
use defer_core::with_defer;

fn undo(_step: &str) {}

#[with_defer]
fn apply(steps: &[&str]) -> Result<(), String> {
    for step in steps {
        errdefer!(undo(step));
        if step.is_empty() {
            return Err("empty step".to_string());
        }
    }
    Ok(())
}

fn main() {
    let _ = apply(&["a"]);
}
