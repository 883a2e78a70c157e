// The expansion's `#[allow]`s must not silence the user's own lints.
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
