use defer_core::with_defer;

#[with_defer]
fn in_loop() {
    for i in 0..3 {
        defer!(println!("{i}"));
    }
}

fn main() {
    in_loop();
}
