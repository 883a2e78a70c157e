use defer_core::with_defer;
fn divide(a: i32, b: i32) -> i32 {
    a / b
}
fn recover(a: i32, b: i32) -> i32 {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<i32> = ::defer_core::__private::Option::None;
    __defer_bits |= 0b0000_0001;
    __defer_panic.catch_value(&mut __defer_ret, || { divide(a, b) });
    if __defer_bits & 0b0000_0001 != 0 {
        if let Some(payload) = __defer_panic.recover() {
            drop(payload);
        }
    }
    __defer_panic
        .finish_recovered(
            __defer_ret,
            <_ as ::defer_core::__private::Recovered>::recovered,
        )
}
fn main() {
    let _ = recover(1, 0);
}
