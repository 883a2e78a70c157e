// Mistake: `#[with_defer]` on a `mod`, to cover every function in it.
// Fix: put `#[with_defer]` on each function that uses `defer!`, or on an `impl` block.
use defer_core::with_defer;

#[with_defer]
mod jobs {
    pub fn run() {
        println!("run");
    }
}

fn main() {
    jobs::run();
}
