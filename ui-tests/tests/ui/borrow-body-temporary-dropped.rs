// Mistake: `name` borrows a temporary `String` that is freed at the end of its statement (E0716).
// Fix: bind the `String` to a local first: `let owned = String::from("abc"); let name = owned.as_str();`.
use defer_core::with_defer;

#[with_defer]
fn name_len() -> usize {
    defer!(println!("done"));
    let name: &str = String::from("abc").as_str();
    name.len()
}

fn main() {
    name_len();
}
