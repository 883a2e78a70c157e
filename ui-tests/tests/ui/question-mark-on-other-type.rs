// Mistake: `?` on a value that is neither a `Result` nor an `Option` (here a `u32`).
// Fix: use `?` on the `Result` itself (`let n: u32 = s.parse()?;`), or drop the `?`.
use defer_core::with_defer;

#[with_defer]
fn double(s: &str) -> Result<u32, std::num::ParseIntError> {
    defer!(println!("first"));
    let n: u32 = s.parse().unwrap_or(0)?;
    defer!(println!("second"));
    Ok(n * 2)
}

fn main() {
    let _ = double("21");
}
