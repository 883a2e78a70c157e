use defer_core::with_defer;
struct Table {
    name: String,
    rows: Vec<u32>,
}
impl Table {
    fn rows_mut(&mut self) -> &mut [u32] {
        let mut __defer_bits: u8 = 0;
        let __defer_panic = ::defer_core::__private::PanicSlot::NEW;
        let mut __defer_ret: ::defer_core::__private::Option<&mut [u32]> = ::defer_core::__private::Option::None;
        __defer_bits |= 0b0000_0001;
        __defer_panic
            .catch(|| {
                let __defer_value: &mut [u32] = {
                    self.rows.push(0);
                    &mut self.rows[..]
                };
                #[allow(unreachable_code)]
                {
                    __defer_ret = ::defer_core::__private::Option::Some(__defer_value);
                }
            });
        if __defer_bits & 0b0000_0001 != 0 {
            {
                ::std::io::_print(format_args!("rows of {0}\n", self.name));
            };
        }
        ::defer_core::__private::PanicSlot::finish_value(__defer_panic, __defer_ret)
    }
}
fn main() {
    let mut table = Table {
        name: String::new(),
        rows: Vec::new(),
    };
    table.rows_mut()[0] = 1;
}
