//! The attribute's arguments: `#[with_defer]` or `#[with_defer(named(..))]`.

use proc_macro2::{Ident, Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Meta, Token};

#[derive(Default)]
pub struct Args {
    pub named: Option<NamedArgs>,
}

/// `named(n, err = Ok(()))`: one name per returned value, each with an
/// optional initial value (`Default::default()` otherwise).
pub struct NamedArgs {
    /// The whole `named(..)`, to point errors about it at.
    pub span: Span,
    pub results: Vec<NamedResult>,
}

pub struct NamedResult {
    pub ident: Ident,
    pub init: Option<Expr>,
}

impl Args {
    pub fn parse(tokens: TokenStream) -> syn::Result<Args> {
        syn::parse2(tokens)
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        let mut args = Args::default();
        let mut errors = Errors::default();
        for meta in metas {
            if !meta.path().is_ident("named") {
                errors.push(syn::Error::new_spanned(
                    meta.path(),
                    "unknown argument to `#[with_defer]`: the only argument is `named(..)`, e.g. `#[with_defer(named(err = Ok(())))]`",
                ));
                continue;
            }
            let Meta::List(list) = &meta else {
                errors.push(syn::Error::new_spanned(
                    &meta,
                    "`named` lists the names of the results: `named(n)`, `named(n = 0, err = None)`",
                ));
                continue;
            };
            if args.named.is_some() {
                errors.push(syn::Error::new_spanned(
                    &meta,
                    "`named(..)` is given twice: list every result in one `named(..)`",
                ));
                continue;
            }
            match list.parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
                Ok(items) => {
                    let results = named_results(items, &mut errors);
                    if results.is_empty() && errors.0.is_none() {
                        errors.push(syn::Error::new_spanned(
                            &meta,
                            "`named()` needs at least one name: `named(n)`",
                        ));
                    }
                    args.named = Some(NamedArgs {
                        span: meta.span(),
                        results,
                    });
                }
                Err(error) => errors.push(error),
            }
        }
        errors.finish(args)
    }
}

fn named_results(items: Punctuated<Expr, Token![,]>, errors: &mut Errors) -> Vec<NamedResult> {
    let mut results: Vec<NamedResult> = Vec::new();
    for item in items {
        let (name, init) = match item {
            Expr::Assign(assign) => (*assign.left, Some(*assign.right)),
            other => (other, None),
        };
        let Some(ident) = as_ident(&name) else {
            errors.push(syn::Error::new_spanned(
                &name,
                "a named result must be an identifier: `named(n)` or `named(n = 0)`",
            ));
            continue;
        };
        if results.iter().any(|result| result.ident == ident) {
            errors.push(syn::Error::new_spanned(
                &ident,
                format!("the named result `{ident}` is listed twice"),
            ));
            continue;
        }
        results.push(NamedResult { ident, init });
    }
    results
}

fn as_ident(expr: &Expr) -> Option<Ident> {
    match expr {
        Expr::Path(path) if path.attrs.is_empty() && path.qself.is_none() => {
            path.path.get_ident().cloned()
        }
        _ => None,
    }
}

/// Collects errors so that a user sees every mistake at once.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}
