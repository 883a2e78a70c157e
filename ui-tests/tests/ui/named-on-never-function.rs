// Mistake: `named(..)` on a function that returns `!`: it never returns, so it has no result.
// Fix: drop `named(..)`: `#[with_defer] fn serve() -> !`.
use defer_core::with_defer;

#[with_defer(named(code))]
fn serve() -> ! {
    defer!(println!("shutting down"));
    panic!("the server stopped")
}

fn main() {
    serve();
}
