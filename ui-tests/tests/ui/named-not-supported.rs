use defer_core::with_defer;

#[with_defer(named(err = Ok(())))]
fn named() -> Result<(), String> {
    defer!(println!("bye"));
    Ok(())
}

fn main() {
    let _ = named();
}
