use defer_core::with_defer;

#[with_defer]
fn in_closure() {
    let f = || {
        defer!(println!("bye"));
    };
    f();
}

fn main() {
    in_closure();
}
