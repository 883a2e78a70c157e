// Mistake: `#[with_defer]` on an `impl` block.
// Fix: put `#[with_defer]` on each method that uses `defer!`.
use defer_core::with_defer;

struct Guard;

#[with_defer]
impl Guard {
    fn close(&self) {
        defer!(println!("closed"));
    }
}

fn main() {
    Guard.close();
}
