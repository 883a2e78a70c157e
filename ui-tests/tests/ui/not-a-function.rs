use defer_core::with_defer;

#[with_defer]
struct Guard {
    _n: u32,
}

fn main() {
    let _ = Guard { _n: 0 };
}
