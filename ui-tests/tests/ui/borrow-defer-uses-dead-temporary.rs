// Mistake: the deferred code prints `seen` at exit, but `seen` holds a borrow of a temporary `String`, freed at the end of its statement (E0716).
// Fix: keep owned values: `let mut seen: Vec<String>` and `seen.push(String::from("abc"))`.
use defer_core::with_defer;

#[with_defer]
fn log_all() {
    let mut seen: Vec<&str> = Vec::new();
    defer! {
        println!("{seen:?}");
    }
    seen.push(String::from("abc").as_str());
}

fn main() {
    log_all();
}
