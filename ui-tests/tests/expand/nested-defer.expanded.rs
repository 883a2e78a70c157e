use defer_core::with_defer;
fn record(_what: &str, _n: i32) {}
fn nested_defer(flag: bool, choice: Option<i32>) -> i32 {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<i32> = ::defer_core::__private::Option::None;
    let n = 1;
    let mut __defer_slot_0 = ::defer_core::__private::Option::None;
    __defer_panic
        .catch(|| {
            if flag {
                {
                    __defer_slot_0 = ::defer_core::__private::Option::Some(|
                        __defer_panic: &::defer_core::__private::PanicSlot|
                    {
                        record("if", n);
                    });
                    __defer_bits |= 0b0000_0001;
                }
            }
            let mut __defer_slot_1 = ::defer_core::__private::Option::None;
            __defer_panic
                .catch_value(
                    &mut __defer_ret,
                    || {
                        match choice {
                            Some(m) => {
                                __defer_slot_1 = ::defer_core::__private::Option::Some(move |
                                    __defer_panic: &::defer_core::__private::PanicSlot|
                                {
                                    record("match", m);
                                });
                                __defer_bits |= 0b0000_0010;
                            }
                            None => {}
                        }
                        n + 1
                    },
                );
            if __defer_bits & 0b0000_0010 != 0 {
                __defer_panic.run_slot(&mut __defer_slot_1);
            }
        });
    if __defer_bits & 0b0000_0001 != 0 {
        __defer_panic.run_slot(&mut __defer_slot_0);
    }
    ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    nested_defer(true, Some(2));
}
