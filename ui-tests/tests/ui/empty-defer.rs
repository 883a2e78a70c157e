use defer_core::with_defer;

#[with_defer]
fn empty() {
    defer!();
}

fn main() {
    empty();
}
