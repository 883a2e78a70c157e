// Mistake: unused locals in the body and in deferred code; the expansion keeps your lints firing.
// Fix: use them, or prefix them with `_`: `let _unused = 1;`, `let _also_unused = 2;`.
#![deny(warnings)]

use defer_core::with_defer;

#[with_defer]
fn lints() {
    let unused = 1;
    defer! {
        let also_unused = 2;
    }
    if false {
        defer!(println!("nested"));
    }
}

fn main() {
    lints();
}
