// Mistake: `recover!()` in a function that returns `!`, which cannot return after a recovery.
// Fix: return a value (`fn serve() -> Result<(), String>`), or recover in the caller.
use defer_core::with_defer;

#[with_defer]
fn serve() -> ! {
    defer! {
        if recover!().is_some() {
            println!("recovered");
        }
    }
    panic!("the server stopped")
}

fn main() {
    serve();
}
