use defer_core::with_defer;
fn record(_n: u32) {}
fn nine_defers(flag: bool) {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let __defer_arg_0_0 = 1;
    __defer_bits |= 0b0000_0001;
    let __defer_arg_1_0 = 2;
    __defer_bits |= 0b0000_0010;
    let __defer_arg_2_0 = 3;
    __defer_bits |= 0b0000_0100;
    let __defer_arg_3_0 = 4;
    __defer_bits |= 0b0000_1000;
    let __defer_arg_4_0 = 5;
    __defer_bits |= 0b0001_0000;
    let __defer_arg_5_0 = 6;
    __defer_bits |= 0b0010_0000;
    let __defer_arg_6_0 = 7;
    __defer_bits |= 0b0100_0000;
    let __defer_arg_7_0 = 8;
    __defer_bits |= 0b1000_0000;
    __defer_panic
        .catch(|| {
            let mut __defer_slot_8 = ::defer_core::__private::Option::None;
            __defer_panic
                .catch(|| {
                    if flag {
                        {
                            let __defer_arg_8_0 = 9;
                            __defer_slot_8 = ::defer_core::__private::Option::Some(
                                ::defer_core::__private::bind(
                                    (__defer_arg_8_0,),
                                    |
                                        (__defer_arg_8_0,),
                                        __defer_panic: &::defer_core::__private::PanicSlot|
                                    {
                                        record(__defer_arg_8_0);
                                    },
                                ),
                            );
                        }
                    }
                });
            __defer_panic.run_slot(&mut __defer_slot_8);
        });
    if __defer_bits & 0b1000_0000 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_7_0);
            });
    }
    if __defer_bits & 0b0100_0000 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_6_0);
            });
    }
    if __defer_bits & 0b0010_0000 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_5_0);
            });
    }
    if __defer_bits & 0b0001_0000 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_4_0);
            });
    }
    if __defer_bits & 0b0000_1000 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_3_0);
            });
    }
    if __defer_bits & 0b0000_0100 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_2_0);
            });
    }
    if __defer_bits & 0b0000_0010 != 0 {
        __defer_panic
            .catch(|| {
                record(__defer_arg_1_0);
            });
    }
    if __defer_bits & 0b0000_0001 != 0 {
        record(__defer_arg_0_0);
    }
    __defer_panic.finish();
}
fn main() {
    nine_defers(true);
}
