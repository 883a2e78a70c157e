use defer_core::with_defer;
fn close(_name: &str) -> Result<(), String> {
    Ok(())
}
fn named_results(name: &str, check: bool) -> Result<(), String> {
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
                    if check {
                        {
                            __defer_slot_1 = ::defer_core::__private::Option::Some(|
                                __defer_panic: &::defer_core::__private::PanicSlot,
                                #[allow(unused_variables)]
                                err: &mut Result<(), String>|
                            {
                                if let Err(e) = close(name) {
                                    (*err) = Err(e);
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
        if let Err(e) = &mut (*err) {
            *e = ::alloc::__export::must_use({
                ::alloc::fmt::format(format_args!("{0}: {1}", name, e))
            });
        }
    }
    __defer_panic.finish();
    err
}
fn main() {
    let _ = named_results("a", true);
}
