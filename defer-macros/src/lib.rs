//! Implementation detail of [`defer-core`](https://docs.rs/defer-core): the
//! `#[with_defer]` attribute. Depend on `defer-core`, not on this crate.
//!
//! The pipeline is parse ([`args`], [`form`]) -> plan and emit ([`lower`],
//! [`site`], with the body walk in [`rewrite`]).

mod args;
mod expand;
mod form;
mod lower;
mod names;
mod rewrite;
mod site;

use proc_macro::TokenStream;

/// See the `defer-core` crate documentation.
#[proc_macro_attribute]
pub fn with_defer(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::with_defer(args.into(), input.into()).into()
}
