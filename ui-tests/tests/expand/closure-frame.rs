// A closure with `defer!`s is a frame of its own, as Go's func literal:
// its defers run when a call of it returns, and its `?` leaves that call.
// A closure without `defer!` is left as written.
use defer_core::with_defer;

fn log(event: &str) {
    println!("{event}");
}

#[with_defer]
fn closure_frame(inputs: &[&str]) -> Result<u32, std::num::ParseIntError> {
    defer!(log("function exit"));
    let parse = |s: &str| -> Result<u32, std::num::ParseIntError> {
        defer!(log("parsed"));
        let n: u32 = s.parse()?;
        Ok(n)
    };
    let double = |n: u32| n * 2;
    inputs.iter().map(|s| parse(s).map(double)).sum()
}

fn main() {
    let _ = closure_frame(&["1", "2"]);
}
