use defer_core::with_defer;

#[with_defer]
fn returns_from_defer() -> i32 {
    defer! {
        return 2;
    }
    1
}

fn main() {
    returns_from_defer();
}
