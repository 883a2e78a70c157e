use defer_core::with_defer;
fn record(_what: &str) {}
fn defer_in_defer() {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch(|| {
            record("body");
        });
    if __defer_bits & 0b0000_0001 != 0 {
        let mut __defer1_bits: u8 = 0;
        let __defer1_panic = ::defer_core::__private::PanicSlot::NEW;
        record("outer start");
        __defer1_bits |= 0b0000_0001;
        __defer1_panic
            .catch(|| {
                record("outer end");
            });
        if __defer1_bits & 0b0000_0001 != 0 {
            if __defer1_panic.recover().is_some() {
                record("inner recovered");
            }
        }
        __defer_panic.absorb(__defer1_panic);
    }
    __defer_panic.finish();
}
fn main() {
    defer_in_defer();
}
