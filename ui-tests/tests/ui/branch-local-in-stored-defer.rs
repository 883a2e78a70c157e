// A local declared inside the `if` dies at the end of the branch; the
// stored defer must take it with `move`.
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
