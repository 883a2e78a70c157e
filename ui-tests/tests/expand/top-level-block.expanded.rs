use defer_core::with_defer;
fn record(_what: &str, _n: i32) {}
fn top_level_block() -> i32 {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<i32> = ::defer_core::__private::Option::None;
    let mut n = 0;
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch_value(
            &mut __defer_ret,
            || {
                n += 1;
                n
            },
        );
    if __defer_bits & 0b0000_0001 != 0 {
        record("exit sees", n);
    }
    ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    top_level_block();
}
