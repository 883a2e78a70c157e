// Mistake: the error form `errdefer!(|e| ..)` in a function that returns an `Option`: `None` carries no error.
// Fix: `errdefer! { log("not found") }`, which runs when the function returns `None`.
use defer_core::with_defer;

#[with_defer]
fn find(items: &[u32]) -> Option<u32> {
    errdefer!(|e| e);
    items.first().copied()
}

fn main() {
    let _ = find(&[1]);
}
