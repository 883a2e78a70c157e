use defer_core::with_defer;
async fn close(_what: &str) {}
async fn fetch(id: u32) -> Result<u32, String> {
    Ok(id)
}
async fn load(id: u32) -> Result<u32, String> {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::AsyncSlot::NEW;
    let mut __defer_ret: ::defer_core::__private::Option<Result<u32, String>> = ::defer_core::__private::Option::None;
    __defer_bits |= 0b0000_0001;
    {
        let __defer_caught = ::defer_core::__private::catch_async(async {
                let row = match <_ as ::defer_core::__private::Branch>::branch(
                    fetch(id).await,
                ) {
                    ::defer_core::__private::ControlFlow::Continue(__defer_value) => {
                        __defer_value
                    }
                    ::defer_core::__private::ControlFlow::Break(__defer_residual) => {
                        __defer_ret = ::defer_core::__private::Option::Some(
                            (|| -> Result<u32, String> { match __defer_residual? {} })(),
                        );
                        return;
                    }
                };
                let __defer_arg_1_0 = "row";
                __defer_bits |= 0b0000_0010;
                __defer_panic.catch_value(&mut __defer_ret, || { Ok(row + 1) });
                if __defer_bits & 0b0000_0010 != 0 {
                    close(__defer_arg_1_0).await;
                }
            })
            .await;
        __defer_panic.caught(__defer_caught);
    }
    if __defer_bits & 0b0000_0001 != 0 {
        close("connection").await;
    }
    ::defer_core::__private::AsyncSlot::finish_value(__defer_panic, __defer_ret)
}
fn main() {
    let _ = load(1);
}
