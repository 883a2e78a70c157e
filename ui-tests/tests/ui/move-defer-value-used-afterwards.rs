// Mistake: `defer!(move ..)` moves `name` at its statement, and the body uses `name` afterwards.
// Fix: move a clone into the defer: `let for_defer = name.clone();` then
//      `defer!(move { println!("done: {for_defer}"); });`.
use defer_core::with_defer;

#[with_defer]
fn moved() {
    let name = String::from("work");
    defer!(move {
        println!("done: {name}");
    });
    let _again = name;
}

fn main() {
    moved();
}
