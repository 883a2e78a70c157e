// A nested `defer!` reads `err` at exit: a binding named `err` inside it
// would hide the named result.
use defer_core::with_defer;

#[with_defer(named(err = Ok(())))]
fn close(files: &[&str]) -> Result<(), String> {
    for file in files {
        let file = file.to_string();
        defer!(move {
            if let Err(err) = std::fs::remove_file(&file) {
                println!("{err}");
            }
        });
    }
    Ok(())
}

fn main() {
    let _ = close(&["a"]);
}
