// Mistake: the error form `errdefer!(|e| ..)` in a function that returns `()`: there is no error to hand it.
// Fix: return a `Result` (`-> Result<(), String>`), or write `errdefer! { .. }`, which runs on a panic.
use defer_core::with_defer;

#[with_defer]
fn work() {
    errdefer!(|e| e);
    println!("working");
}

fn main() {
    work();
}
