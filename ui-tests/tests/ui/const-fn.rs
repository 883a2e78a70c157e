use defer_core::with_defer;

#[with_defer]
const fn constant() -> u32 {
    1
}

fn main() {
    let _ = constant();
}
