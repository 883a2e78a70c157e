// Mistake: the deferred call returns a `Result` that nothing looks at (this crate denies `unused_must_use`).
// Fix: handle it, or write what rustc suggests, which compiles as written: `defer!(let _ = file.close());`, `defer! { let _ = file.close() }`.
#![deny(unused_must_use)]

use defer_core::with_defer;

struct File;

impl File {
    fn close(&mut self) -> Result<(), String> {
        Ok(())
    }
}

#[with_defer]
fn save(mut file: File, mut log: File, verbose: bool) {
    defer!(file.close());
    if verbose {
        defer! { log.close() }
    }
}

fn main() {
    save(File, File, true);
}
