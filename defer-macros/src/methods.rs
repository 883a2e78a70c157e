//! `#[with_defer]` on an `impl` block (inherent or of a trait) or on a
//! `trait` with default method bodies.
//!
//! Input: `#[with_defer] impl T { fn a(&self) { defer!(..); } fn b(&self) {} }`.
//! Output: the same block, with each method whose body holds `defer!` or
//! `recover!()` expanded as `#[with_defer] fn` would expand it, and every
//! other item as written. A method may carry its own `#[with_defer(..)]`
//! for arguments of its own (`named(..)`): the block's attribute takes it
//! off and expands the method with them.

use crate::args::Args;
use crate::form::{body_holds_defer, is_named};
use crate::strip::StripDefers;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Attribute, Block, ImplItem, ItemImpl, ItemTrait, Meta, TraitItem};

/// What expands one function: `expand::function`, handed down so that this
/// module does not import the one above it.
pub type ExpandFn = fn(TokenStream, TokenStream) -> TokenStream;

pub fn impl_block(args: TokenStream, mut block: ItemImpl, expand: ExpandFn) -> TokenStream {
    let mut errors = block_args(args);
    for item in &mut block.items {
        let ImplItem::Fn(method) = item else {
            continue;
        };
        let Ok(args) = method_args(&mut method.attrs, &method.block, &mut errors) else {
            as_written(&mut method.attrs, &mut method.block);
            continue;
        };
        let Some(args) = args else {
            continue;
        };
        if let Some(default) = &method.modifiers.defaultness {
            errors.push(syn::Error::new_spanned(
                default,
                "`#[with_defer]` cannot rewrite a `default fn`: put the deferred code in a helper function that carries `#[with_defer]`, and call it",
            ));
            as_written(&mut method.attrs, &mut method.block);
            continue;
        }
        typed_receiver(&mut method.sig, &block.self_ty);
        let (attrs, vis, sig, body) = (&method.attrs, &method.vis, &method.sig, &method.block);
        let function = quote!(#(#attrs)* #vis #sig #body);
        *item = ImplItem::Verbatim(expand(args, function));
    }
    with_errors(errors, block.into_token_stream())
}

pub fn trait_block(args: TokenStream, mut block: ItemTrait, expand: ExpandFn) -> TokenStream {
    let mut errors = block_args(args);
    for item in &mut block.items {
        let TraitItem::Fn(method) = item else {
            continue;
        };
        let Some(body) = &mut method.default else {
            if let Some(attr) = take_own_attribute(&mut method.attrs) {
                errors.push(syn::Error::new_spanned(
                    attr,
                    "this method has no body for `#[with_defer]` to rewrite: put the attribute on its implementations, or give it a default body",
                ));
            }
            continue;
        };
        let Ok(args) = method_args(&mut method.attrs, body, &mut errors) else {
            as_written(&mut method.attrs, body);
            continue;
        };
        let Some(args) = args else {
            continue;
        };
        let (attrs, sig) = (&method.attrs, &method.sig);
        let function = quote!(#(#attrs)* #sig #body);
        *item = TraitItem::Verbatim(expand(args, function));
    }
    with_errors(errors, block.into_token_stream())
}

/// In `impl .. for &'a mut T`, a by-value `self` is a `&mut`: written as
/// `self: &'a mut T`, the same type, the expansion can see it is one (and
/// take it by value where the body returns a borrow of it, see `repoint`).
fn typed_receiver(sig: &mut syn::Signature, self_ty: &syn::Type) {
    let syn::Type::Reference(reference) = self_ty else {
        return;
    };
    if reference.mutability.is_none() {
        return;
    }
    if let Some(syn::FnArg::Receiver(receiver)) = sig.inputs.first_mut() {
        if matches!(receiver.kind, syn::ReceiverKind::Value) && receiver.mutability.is_none() {
            let colon = syn::Token![:](receiver.self_token.span);
            receiver.kind = syn::ReceiverKind::Typed(colon, Box::new(self_ty.clone()));
        }
    }
}

/// The block's own arguments: none is meaningful for every method at once.
fn block_args(args: TokenStream) -> Vec<syn::Error> {
    match Args::parse(args) {
        Ok(Args { named: Some(named) }) => vec![syn::Error::new(
            named.span,
            "`named(..)` names the results of one function, and this attribute is on a whole block: put `#[with_defer(named(..))]` on the method whose results it names",
        )],
        Ok(Args { named: None }) => Vec::new(),
        Err(error) => vec![error],
    }
}

/// The arguments to expand a method with, when it is to be rewritten: it
/// holds `defer!`/`recover!()`, or carries an attribute of its own (which
/// this takes off). `Err` when that attribute is a mistake (pushed to
/// `errors`).
fn method_args(
    attrs: &mut Vec<Attribute>,
    body: &Block,
    errors: &mut Vec<syn::Error>,
) -> Result<Option<TokenStream>, ()> {
    match take_own_attribute(attrs) {
        Some(attr) => match attr.meta {
            Meta::Path(_) => Ok(Some(TokenStream::new())),
            Meta::List(list) => Ok(Some(list.tokens)),
            Meta::NameValue(meta) => {
                errors.push(syn::Error::new_spanned(
                    meta,
                    "`#[with_defer]` takes its arguments in parentheses: `#[with_defer(named(..))]`",
                ));
                Err(())
            }
        },
        None => Ok(body_holds_defer(body).then(TokenStream::new)),
    }
}

/// A method left as written after a mistake in its attribute: without its
/// `defer!`s, which would only add "cannot find macro" errors.
fn as_written(attrs: &mut Vec<Attribute>, body: &mut Block) {
    StripDefers.visit_block_mut(body);
    attrs.push(syn::parse_quote!(#[allow(unused)]));
}

/// Takes a method's own `#[with_defer]` (or `#[defer_core::with_defer]`)
/// off it.
fn take_own_attribute(attrs: &mut Vec<Attribute>) -> Option<Attribute> {
    let index = attrs
        .iter()
        .position(|attr| is_named(attr.path(), "with_defer"))?;
    Some(attrs.remove(index))
}

fn with_errors(errors: Vec<syn::Error>, block: TokenStream) -> TokenStream {
    let errors = errors.into_iter().map(syn::Error::into_compile_error);
    quote!(#(#errors)* #block)
}
