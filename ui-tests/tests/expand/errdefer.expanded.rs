use defer_core::with_defer;
fn record(_what: &str) {}
fn save(text: &str) -> Result<u32, String> {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<Result<u32, String>> = ::defer_core::__private::Option::None;
    __defer_bits |= 0b0000_0001;
    let __defer_arg_1_0 = "commit";
    __defer_bits |= 0b0000_0010;
    __defer_bits |= 0b0000_0100;
    __defer_panic
        .catch_value(
            &mut __defer_ret,
            || { text.parse().map_err(|_| String::from("not a number")) },
        );
    if __defer_bits & 0b0000_0100 != 0 {
        __defer_panic
            .catch(|| {
                ::defer_core::__private::map_err(
                    &mut __defer_ret,
                    |e| ::alloc::__export::must_use({
                        ::alloc::fmt::format(format_args!("saving: {0}", e))
                    }),
                );
            });
    }
    if __defer_bits & 0b0000_0010 != 0 {
        __defer_panic
            .catch(|| {
                if {
                    use ::defer_core::__private::{Fails as _, NeverFails as _};
                    !__defer_panic.in_flight()
                        && !__defer_ret
                            .as_ref()
                            .is_some_and(|__defer_deferred| __defer_deferred.fails())
                } {
                    record(__defer_arg_1_0);
                }
            });
    }
    if __defer_bits & 0b0000_0001 != 0 {
        if {
            use ::defer_core::__private::{Fails as _, NeverFails as _};
            __defer_panic.in_flight()
                || __defer_ret
                    .as_ref()
                    .is_some_and(|__defer_deferred| __defer_deferred.fails())
        } {
            record("roll back");
        }
    }
    ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    let _ = save("1");
}
