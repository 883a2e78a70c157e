// `#[with_defer]` on an `impl` block rewrites the methods that use
// `defer!`, with the arguments of their own `#[with_defer(..)]` if any,
// and leaves every other item as written.
use defer_core::with_defer;

struct Account {
    balance: u32,
}

#[with_defer]
impl Account {
    fn withdraw(&mut self, amount: u32) -> u32 {
        defer!(println!("withdrawn"));
        self.balance -= amount;
        self.balance
    }

    #[with_defer(named(n))]
    fn count(&self) -> u32 {
        defer! { n += 1 }
        self.balance
    }

    fn balance(&self) -> u32 {
        self.balance
    }
}

fn main() {
    let mut account = Account { balance: 3 };
    let _ = (account.withdraw(1), account.count(), account.balance());
}
