// Mistake: deferred code assigns a `&str` to a `u32` local.
// Fix: give the local a value of its type: `let n: u32 = 1;`.
use defer_core::with_defer;

#[with_defer]
fn typed() {
    defer! {
        let n: u32 = "one";
        println!("{n}");
    }
    if true {
        defer! {
            let m: u32 = "two";
            println!("{m}");
        }
    }
}

fn main() {
    typed();
}
