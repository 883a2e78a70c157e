use defer_core::with_defer;
fn log(event: &str) {
    {
        ::std::io::_print(format_args!("{0}\n", event));
    };
}
fn closure_frame(inputs: &[&str]) -> Result<u32, std::num::ParseIntError> {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<
        Result<u32, std::num::ParseIntError>,
    > = ::defer_core::__private::Option::None;
    let __defer_arg_0_0 = "function exit";
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch_value(
            &mut __defer_ret,
            || {
                let parse = |s: &str| -> Result<u32, std::num::ParseIntError> {
                    let mut __defer1_bits: u8 = 0;
                    let __defer1_panic = ::defer_core::__private::PanicSlot::NEW;
                    let mut __defer1_ret: ::defer_core::__private::Option<
                        Result<u32, std::num::ParseIntError>,
                    > = ::defer_core::__private::Option::None;
                    let __defer1_arg_0_0 = "parsed";
                    __defer1_bits |= 0b0000_0001;
                    __defer1_panic
                        .catch_value(
                            &mut __defer1_ret,
                            || {
                                let n: u32 = s.parse()?;
                                Ok(n)
                            },
                        );
                    if __defer1_bits & 0b0000_0001 != 0 {
                        log(__defer1_arg_0_0);
                    }
                    ::defer_core::__private::PanicSlot::finish_value(
                        __defer1_panic,
                        __defer1_ret,
                    )
                };
                let double = |n: u32| n * 2;
                inputs.iter().map(|s| parse(s).map(double)).sum()
            },
        );
    if __defer_bits & 0b0000_0001 != 0 {
        log(__defer_arg_0_0);
    }
    ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    let _ = closure_frame(&["1", "2"]);
}
