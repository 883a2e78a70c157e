// Mistake: a `defer!` in a loop borrows `i`, which dies with its iteration, before exit.
// Fix: take a snapshot with `move` (as rustc suggests): `defer!(move println!("{i}"));`.
use defer_core::with_defer;

#[with_defer]
fn in_loop() {
    for i in 0..3 {
        defer!(println!("{i}"));
    }
}

fn main() {
    in_loop();
}
