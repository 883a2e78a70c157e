// A wrong `return` value between two `defer!`s is reported at the value.
use defer_core::with_defer;

#[with_defer]
fn early(flag: bool) -> u32 {
    defer!(println!("first"));
    if flag {
        return "one";
    }
    defer!(println!("second"));
    2
}

fn main() {
    early(true);
}
