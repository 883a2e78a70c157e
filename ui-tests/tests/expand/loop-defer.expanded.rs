use defer_core::with_defer;
fn record(_what: &str, _n: usize) {}
fn loop_defer(files: &[&str]) {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let __defer_arg_0_0 = "first";
    let __defer_arg_0_1 = 0;
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch(|| {
            let mut __defer_list_1 = ::defer_core::__private::List::new();
            __defer_panic
                .catch(|| {
                    for (i, file) in files.iter().enumerate() {
                        {
                            let __defer_arg_1_0 = file;
                            let __defer_arg_1_1 = i;
                            __defer_list_1
                                .push(
                                    ::defer_core::__private::bind(
                                        (__defer_arg_1_0, __defer_arg_1_1),
                                        |
                                            (__defer_arg_1_0, __defer_arg_1_1),
                                            __defer_panic: &::defer_core::__private::PanicSlot|
                                        {
                                            record(__defer_arg_1_0, __defer_arg_1_1);
                                        },
                                    ),
                                );
                        }
                    }
                    let __defer_arg_2_0 = "last";
                    let __defer_arg_2_1 = files.len();
                    __defer_bits |= 0b0000_0010;
                    if __defer_bits & 0b0000_0010 != 0 {
                        record(__defer_arg_2_0, __defer_arg_2_1);
                    }
                });
            __defer_panic.call_list(&mut __defer_list_1);
        });
    if __defer_bits & 0b0000_0001 != 0 {
        record(__defer_arg_0_0, __defer_arg_0_1);
    }
    __defer_panic.finish();
}
fn main() {
    loop_defer(&["a", "b"]);
}
