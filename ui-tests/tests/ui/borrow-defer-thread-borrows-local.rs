// Mistake: deferred code spawns a thread whose closure borrows `v`, which the function drops when it returns (E0373).
// Fix: move `v` into the thread: `std::thread::spawn(move || v.len());`.
use defer_core::with_defer;

#[with_defer]
fn spawn_reader(v: Vec<u32>) {
    defer! {
        std::thread::spawn(|| v.len());
    }
    println!("{}", v.len());
}

fn main() {
    spawn_reader(Vec::new());
}
