use defer_core::with_defer;

#[with_defer]
fn in_async_block() -> impl core::future::Future<Output = ()> {
    async {
        defer!(println!("bye"));
    }
}

fn main() {
    let _ = in_async_block();
}
