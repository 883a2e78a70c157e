// Arguments of a call-form `defer!` are evaluated at the statement, so
// `recover!()` there could never see the panic.
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
