// `defer!(move ..)` takes `name` at the statement.
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
