// Mistake: `name` is moved out before a `defer!` and assigned again after it.
// Fix: declare a new binding after the `defer!` (`let name = String::from("b");`).
use defer_core::with_defer;

fn consume(_: String) {}

#[with_defer]
fn rename() {
    let mut name = String::from("a");
    consume(name);
    defer!(println!("renamed"));
    name = String::from("b");
    println!("{name}");
}

fn main() {
    rename();
}
