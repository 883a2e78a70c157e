// On an `impl` block: the attribute goes on each method instead.
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
