use defer_core::with_defer;

#[with_defer]
fn two() {
    defer!(println!("a"), println!("b"));
}

fn main() {
    two();
}
