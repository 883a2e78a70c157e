// Mistake: `recover!()` as an argument of a call-form `defer!`, evaluated at the statement.
// Fix: use the block form, which evaluates the arguments at exit: `defer! { report(recover!()) }`.
use defer_core::with_defer;

fn report(payload: Option<Box<dyn std::any::Any + Send>>) {
    println!("{}", payload.is_some());
}

#[with_defer]
fn argument() {
    defer!(report(recover!()));
    panic!("boom");
}

fn main() {
    argument();
}
