// Mistake: `?` in deferred code: it would return from a function that has already started to exit.
// Fix: handle the error in the block: `if let Ok(n) = "1".parse::<i32>() { .. }`; to change
//      the function's result, assign a named result (`#[with_defer(named(..))]`).
use defer_core::with_defer;

#[with_defer]
fn question_mark_in_defer() -> Result<(), std::num::ParseIntError> {
    defer! {
        let n: i32 = "1".parse()?;
        println!("{n}");
    }
    Ok(())
}

fn main() {
    let _ = question_mark_in_defer();
}
