// Mistake: the deferred code reads `self.map` at exit, while the returned `&mut self.map[..]` still borrows it mutably (E0501; without the attribute, E0502).
// Fix: compute what the deferred code needs before the borrow, and defer its use: `let len = self.map.len(); defer!(println!("{len} entries"));`.
use defer_core::with_defer;

struct Table {
    map: Vec<u32>,
}

impl Table {
    #[with_defer]
    fn entries(&mut self) -> &mut [u32] {
        defer! {
            println!("{} entries", self.map.len());
        }
        &mut self.map[..]
    }
}

fn main() {
    let mut table = Table { map: vec![1] };
    table.entries()[0] = 2;
}
