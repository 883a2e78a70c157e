// Mistake: deferred code binds a new `err`, hiding the named result `err` it reads at exit.
// Fix: rename the binding: `if let Err(e) = std::fs::remove_file(&file) { println!("{e}"); }`.
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
