use defer_core::with_defer;
struct Account {
    balance: u32,
}
impl Account {
    fn withdraw(&mut self, amount: u32) -> u32 {
        let mut __defer_bits: u8 = 0;
        let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
        let mut __defer_ret: ::defer_core::__private::Option<u32> = ::defer_core::__private::Option::None;
        __defer_bits |= 0b0000_0001;
        __defer_panic
            .catch_value(
                &mut __defer_ret,
                || {
                    self.balance -= amount;
                    self.balance
                },
            );
        if __defer_bits & 0b0000_0001 != 0 {
            {
                ::std::io::_print(format_args!("withdrawn\n"));
            };
        }
        ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
    }
    fn count(&self) -> u32 {
        #[allow(unused_mut)]
        let mut n: u32 = <_ as ::defer_core::__private::NamedDefault>::initial();
        let mut __defer_bits: u8 = 0;
        let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
        __defer_bits |= 0b0000_0001;
        __defer_panic
            .catch(|| {
                #[allow(unreachable_code)]
                {
                    {
                        let __defer_value_0: u32 = self.balance;
                        n = __defer_value_0;
                        return;
                    }
                }
            });
        if __defer_bits & 0b0000_0001 != 0 {
            #[allow(unused_variables)]
            let n = &mut n;
            (*n) += 1;
        }
        __defer_panic.finish();
        n
    }
    fn balance(&self) -> u32 {
        self.balance
    }
}
fn main() {
    let mut account = Account { balance: 3 };
    let _ = (account.withdraw(1), account.count(), account.balance());
}
