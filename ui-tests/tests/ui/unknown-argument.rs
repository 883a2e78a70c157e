use defer_core::with_defer;

#[with_defer(recover)]
fn unknown() {
    defer!(println!("bye"));
}

fn main() {
    unknown();
}
