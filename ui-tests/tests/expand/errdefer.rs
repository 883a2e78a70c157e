// `errdefer!` and `okdefer!`: open-coded as `defer!` is, their exit code
// behind a test of the outcome made as it is about to run (a panic in
// flight; an `Err`/`None` in the return slot); the error form hands the
// slot's error to the closure.
use defer_core::with_defer;

fn record(_what: &str) {}

#[with_defer]
fn save(text: &str) -> Result<u32, String> {
    errdefer! {
        record("roll back");
    }
    okdefer!(record("commit"));
    errdefer!(|e| format!("saving: {e}"));
    text.parse().map_err(|_| String::from("not a number"))
}

fn main() {
    let _ = save("1");
}
