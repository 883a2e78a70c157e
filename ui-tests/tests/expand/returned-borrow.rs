// A function that returns a borrow: its innermost level stores the value
// in the return slot as the other levels do, so that a borrow error about
// the returned value points at the returned expression.
use defer_core::with_defer;

struct Table {
    name: String,
    rows: Vec<u32>,
}

impl Table {
    #[with_defer]
    fn rows_mut(&mut self) -> &mut [u32] {
        defer! {
            println!("rows of {}", self.name);
        }
        self.rows.push(0);
        &mut self.rows[..]
    }
}

fn main() {
    let mut table = Table { name: String::new(), rows: Vec::new() };
    table.rows_mut()[0] = 1;
}
