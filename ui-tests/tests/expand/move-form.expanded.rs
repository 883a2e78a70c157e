use defer_core::with_defer;
fn consume(_name: String) {}
fn record(_what: &str, _n: i32) {}
fn move_form() {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let name = String::from("work");
    let mut n = 1;
    let __defer_fn_0 = move |__defer_panic: &::defer_core::__private::PanicSlot| {
        consume(name);
        record("snapshot", n);
    };
    __defer_bits |= 0b0000_0001;
    let __defer_fn_1 = move |__defer_panic: &::defer_core::__private::PanicSlot| {
        record("call", n);
    };
    __defer_bits |= 0b0000_0010;
    __defer_panic
        .catch(|| {
            n += 1;
            record("body", n);
        });
    if __defer_bits & 0b0000_0010 != 0 {
        __defer_panic
            .catch(|| {
                ::defer_core::__private::call_once(__defer_fn_1, &__defer_panic);
            });
    }
    if __defer_bits & 0b0000_0001 != 0 {
        ::defer_core::__private::call_once(__defer_fn_0, &__defer_panic);
    }
    __defer_panic.finish();
}
fn main() {
    move_form();
}
