// Mistake: a thread's closure borrows `v`, which the function owns and drops when it returns (E0373).
// Fix: move `v` into the thread: `std::thread::spawn(move || v.len())`.
use defer_core::with_defer;

#[with_defer]
fn spawn_reader() -> std::thread::JoinHandle<usize> {
    defer!(println!("spawned"));
    let v = vec![1, 2];
    std::thread::spawn(|| v.len())
}

fn main() {
    spawn_reader().join().unwrap();
}
