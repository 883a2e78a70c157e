// Independent mistakes are all reported, each at its own tokens.
use defer_core::with_defer;

#[with_defer(flavor, named(n))]
const fn several() -> u32 {
    1
}

fn main() {
    let _ = several();
}
