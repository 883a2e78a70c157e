use defer_core::with_defer;

#[with_defer]
fn in_async_block() {
    defer! {
        let _future = async { recover!() };
    }
    panic!("boom");
}

fn main() {
    in_async_block();
}
