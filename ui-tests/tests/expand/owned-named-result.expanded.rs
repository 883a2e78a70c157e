use defer_core::with_defer;
fn join(first: Result<(), String>, second: &str) -> Result<(), String> {
    match first {
        Ok(()) => Err(second.to_string()),
        Err(e) => {
            Err(
                ::alloc::__export::must_use({
                    ::alloc::fmt::format(format_args!("{0}; {1}", e, second))
                }),
            )
        }
    }
}
fn owned_named_result(close: bool) -> Result<(), String> {
    #[allow(unused_mut)]
    let mut err: Result<(), String> = Ok(());
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch(|| {
            let mut __defer_slot_1 = ::defer_core::__private::Option::None;
            __defer_panic
                .catch(|| {
                    if close {
                        {
                            __defer_slot_1 = ::defer_core::__private::Option::Some(|
                                __defer_panic: &::defer_core::__private::PanicSlot,
                                #[allow(unused_variables)]
                                err: &mut Result<(), String>|
                            {
                                {
                                    let __defer_place_err = &mut *err;
                                    #[allow(
                                        unused_mut,
                                        clippy::mem_replace_with_default,
                                        clippy::mem_replace_option_with_none
                                    )]
                                    let mut err = ::defer_core::__private::replace(
                                        __defer_place_err,
                                        Ok(()),
                                    );
                                    if let Err(e) = err {
                                        err = Err(
                                            ::alloc::__export::must_use({
                                                ::alloc::fmt::format(format_args!("write: {0}", e))
                                            }),
                                        );
                                    }
                                    *__defer_place_err = err;
                                }
                            });
                            __defer_bits |= 0b0000_0010;
                        }
                    }
                    #[allow(unreachable_code)]
                    {
                        {
                            let __defer_value_0: Result<(), String> = Err(
                                String::from("failed"),
                            );
                            err = __defer_value_0;
                            return;
                        }
                    }
                });
            if __defer_bits & 0b0000_0010 != 0 {
                __defer_panic
                    .run_slot_with(
                        &mut __defer_slot_1,
                        |__defer_deferred, __defer_panic| ::defer_core::__private::run(
                            __defer_deferred,
                            __defer_panic,
                            &mut err,
                        ),
                    );
            }
        });
    if __defer_bits & 0b0000_0001 != 0 {
        #[allow(unused_variables)]
        let err = &mut err;
        {
            let __defer_place_err = &mut *err;
            #[allow(
                unused_mut,
                clippy::mem_replace_with_default,
                clippy::mem_replace_option_with_none
            )]
            let mut err = ::defer_core::__private::replace(__defer_place_err, Ok(()));
            err = join(err, "closed");
            *__defer_place_err = err;
        }
    }
    __defer_panic.finish();
    err
}
fn main() {
    let _ = owned_named_result(true);
}
