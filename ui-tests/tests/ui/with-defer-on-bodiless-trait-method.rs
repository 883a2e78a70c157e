// Mistake: `#[with_defer]` on a trait method without a body, inside a `#[with_defer] trait`.
// Fix: put `#[with_defer]` on the `impl` blocks (or methods) that implement it.
use defer_core::with_defer;

#[with_defer]
trait Store {
    #[with_defer]
    fn put(&mut self, value: u32);
}

fn main() {}
