use defer_core::with_defer;

#[with_defer]
async fn asynchronous() {
    defer!(println!("bye"));
}

fn main() {
    let _ = asynchronous();
}
