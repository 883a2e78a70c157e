// rustc's errors inside deferred code point at the user's tokens.
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
