use defer_core::with_defer;
fn record(_what: &str, _n: i32) {}
fn trace(_what: &str) -> impl FnOnce() {
    || {}
}
struct Log(Vec<i32>);
impl Log {
    fn push(&mut self, n: i32) {
        self.0.push(n);
    }
}
fn call_form(log: &mut Log) {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
    let mut n = 1;
    let __defer_arg_0_0 = "argument";
    let __defer_arg_0_1 = n;
    __defer_bits |= 0b0000_0001;
    __defer_panic
        .catch(|| {
            let __defer_callee_1 = trace("work");
            __defer_bits |= 0b0000_0010;
            let __defer_arg_2_0 = n;
            __defer_bits |= 0b0000_0100;
            __defer_panic
                .catch(|| {
                    #[allow(unused_mut)]
                    let mut __defer_recv_3 = Log(Vec::new());
                    let __defer_arg_3_0 = n;
                    __defer_bits |= 0b0000_1000;
                    __defer_panic
                        .catch(|| {
                            n += 1;
                            record("body", n);
                        });
                    if __defer_bits & 0b0000_1000 != 0 {
                        __defer_recv_3.push(__defer_arg_3_0);
                    }
                });
            if __defer_bits & 0b0000_0100 != 0 {
                __defer_panic
                    .catch(|| {
                        log.push(__defer_arg_2_0);
                    });
            }
            if __defer_bits & 0b0000_0010 != 0 {
                __defer_callee_1();
            }
        });
    if __defer_bits & 0b0000_0001 != 0 {
        record(__defer_arg_0_0, __defer_arg_0_1);
    }
    __defer_panic.finish();
}
fn main() {
    call_form(&mut Log(Vec::new()));
}
