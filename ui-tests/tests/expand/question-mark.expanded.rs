use defer_core::with_defer;
fn record(_what: &str) {}
fn parse(text: &str) -> Result<i32, String> {
    text.parse().map_err(|_| String::from(text))
}
fn question_mark(a: &str, b: &str) -> Result<i32, String> {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<Result<i32, String>> = ::defer_core::__private::Option::None;
    let __defer_arg_0_0 = "first";
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch(|| {
            let x = match <_ as ::defer_core::__private::Branch>::branch(parse(a)) {
                ::defer_core::__private::ControlFlow::Continue(__defer_value) => {
                    __defer_value
                }
                ::defer_core::__private::ControlFlow::Break(__defer_residual) => {
                    __defer_ret = ::defer_core::__private::Option::Some(
                        (|| -> Result<i32, String> { match __defer_residual? {} })(),
                    );
                    return;
                }
            };
            if x < 0 {
                {
                    let __defer_value: Result<i32, String> = Err(
                        String::from("negative"),
                    );
                    __defer_ret = ::defer_core::__private::Option::Some(__defer_value);
                    return;
                };
            }
            let __defer_arg_1_0 = "second";
            __defer_bits |= 0b0000_0010;
            __defer_panic
                .catch_value(
                    &mut __defer_ret,
                    || {
                        let y = parse(b)?;
                        Ok(x + y)
                    },
                );
            if __defer_bits & 0b0000_0010 != 0 {
                record(__defer_arg_1_0);
            }
        });
    if __defer_bits & 0b0000_0001 != 0 {
        record(__defer_arg_0_0);
    }
    ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    let _ = question_mark("1", "2");
}
