//! A test fixture for `ui-tests`: `#[wrap_body]` puts a function's body in a
//! closure that it calls at once, as `#[no_panic]` does. An attribute macro
//! above `#[with_defer]` runs first, so `#[with_defer]` then finds the
//! user's `defer!`s in that closure; the UI case
//! `attribute-macro-above-with-defer` pins the error it gives.

use proc_macro::TokenStream;
use quote::quote;

/// Wraps the body in `(move || { .. })()`.
#[proc_macro_attribute]
pub fn wrap_body(_args: TokenStream, input: TokenStream) -> TokenStream {
    let mut function = syn::parse_macro_input!(input as syn::ItemFn);
    let body = &function.block;
    let output = &function.sig.output;
    let ret = match output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => quote!(#ty),
    };
    *function.block = syn::parse_quote!({ (move || -> #ret #body)() });
    quote!(#function).into()
}
