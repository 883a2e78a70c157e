//! The attribute's arguments: `#[with_defer]` or `#[with_defer(named(..))]`.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Meta, Token};

pub struct Args;

impl Args {
    pub fn parse(tokens: TokenStream) -> syn::Result<Args> {
        syn::parse2(tokens)
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        let mut errors: Option<syn::Error> = None;
        for meta in metas {
            let error = if meta.path().is_ident("named") {
                syn::Error::new_spanned(
                    meta,
                    "`named(..)` results are not supported yet by this version of `#[with_defer]`",
                )
            } else {
                syn::Error::new_spanned(
                    meta.path(),
                    "unknown argument to `#[with_defer]`: the only argument is `named(..)`, e.g. `#[with_defer(named(err = Ok(())))]`",
                )
            };
            match &mut errors {
                Some(all) => all.combine(error),
                None => errors = Some(error),
            }
        }
        match errors {
            Some(error) => Err(error),
            None => Ok(Args),
        }
    }
}
