use defer_core::with_defer;

#[with_defer]
fn with_arguments() {
    defer! {
        let _payload = recover!(1);
    }
}

fn main() {
    with_arguments();
}
