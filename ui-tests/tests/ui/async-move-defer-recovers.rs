// Mistake: `recover!()` in the `move` form of `defer!` in an `async fn`, which is not supported yet.
// Fix: use the block form, `defer! { if let Some(p) = recover!() { .. } }`, and copy what it needs into locals before the `defer!`.
use defer_core::with_defer;

#[with_defer]
async fn guarded() -> u32 {
    defer!(move {
        if recover!().is_some() {
            println!("recovered");
        }
    });
    panic!("boom");
}

fn main() {
    let _ = guarded();
}
