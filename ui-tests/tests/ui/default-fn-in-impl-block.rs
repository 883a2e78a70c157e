// Mistake: a `default fn` (specialization, nightly only) with `defer!` in a `#[with_defer]` impl.
// Fix: move the deferred code into a `#[with_defer]` helper and call it from the `default fn`.
#![feature(specialization)]
use defer_core::with_defer;

trait Describe {
    fn describe(&self) -> String;
}

#[with_defer]
impl<T> Describe for T {
    default fn describe(&self) -> String {
        defer!(println!("described"));
        String::from("something")
    }
}

fn main() {
    let _ = 1.describe();
}
