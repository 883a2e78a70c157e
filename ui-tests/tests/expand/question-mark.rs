// `?` and `return` between two `defer!`s are rewritten to store the result
// and leave their level; after the last `defer!` they stay native.
use defer_core::with_defer;

fn record(_what: &str) {}

fn parse(text: &str) -> Result<i32, String> {
    text.parse().map_err(|_| String::from(text))
}

#[with_defer]
fn question_mark(a: &str, b: &str) -> Result<i32, String> {
    defer!(record("first"));
    let x = parse(a)?;
    if x < 0 {
        return Err(String::from("negative"));
    }
    defer!(record("second"));
    let y = parse(b)?;
    Ok(x + y)
}

fn main() {
    let _ = question_mark("1", "2");
}
