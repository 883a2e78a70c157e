// Mistake: a `defer!` nested in an `if` borrows `name`, a branch local that dies before exit.
// Fix: take the local by value: `defer!(move { println!("done: {name}") });`.
use defer_core::with_defer;

#[with_defer]
fn branch_local(verbose: bool) {
    if verbose {
        let name = String::from("work");
        defer! { println!("done: {name}") }
    }
    println!("body");
}

fn main() {
    branch_local(true);
}
