use defer_core::with_defer;
async fn release(_name: &str) {}
async fn release_all(names: &[&str]) {
    let mut __defer_bits: u8 = 0;
    let __defer_panic = ::defer_core::__private::AsyncSlot::NEW;
    let mut __defer_list_0 = ::defer_core::__private::Vec::new();
    {
        let __defer_caught = ::defer_core::__private::catch_async(async {
                for name in names {
                    {
                        let __defer_arg_0_0 = name;
                        __defer_list_0
                            .push(
                                ::defer_core::__private::bind_async(
                                    (__defer_arg_0_0,),
                                    async |
                                        (__defer_arg_0_0,),
                                        __defer_panic: &::defer_core::__private::AsyncSlot|
                                    {
                                        release(__defer_arg_0_0).await;
                                    },
                                ),
                            );
                    }
                }
            })
            .await;
        __defer_panic.caught(__defer_caught);
    }
    while let ::defer_core::__private::Option::Some(__defer_deferred) = (&mut __defer_list_0)
        .pop()
    {
        {
            let __defer_caught = ::defer_core::__private::catch_async(async {
                    {
                        let (__defer_args, __defer_deferred) = __defer_deferred
                            .into_parts();
                        __defer_deferred(__defer_args, &__defer_panic)
                    }
                        .await;
                })
                .await;
            __defer_panic.caught(__defer_caught);
        }
    }
    __defer_panic.finish();
}
fn main() {
    let _ = release_all(&["a"]);
}
