//! The attribute's entry: parse, validate, lower, print.
//!
//! Input: `#[with_defer(args)] fn f(..) -> R { body }`.
//! Output: `fn f(..) -> R { <the lowered body> }` with the same signature
//! and attributes; or, on a mistake, every error at once followed by the
//! function as written without its `defer!`s, so that one mistake does not
//! cascade.

use crate::args::{Args, NamedArgs};
use crate::form::{calls_stub, is_defer, is_recover, mentions};
use crate::frame::{Frame, Named, Ret};
use crate::{expect, lower, methods, refs, repoint, strip};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use std::rc::Rc;
use syn::visit_mut::{self, VisitMut};
use syn::{Item, ItemFn, ReturnType, Stmt, Type};

pub fn with_defer(args: TokenStream, input: TokenStream) -> TokenStream {
    if let Ok(function) = syn::parse2::<ItemFn>(input.clone()) {
        return expand_function(args, function, input);
    }
    match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(block)) => methods::impl_block(args, block, function),
        Ok(Item::Trait(block)) => methods::trait_block(args, block, function),
        _ => not_a_function(input),
    }
}

/// One function (or method) as tokens: what `methods` hands back.
fn function(args: TokenStream, input: TokenStream) -> TokenStream {
    match syn::parse2::<ItemFn>(input.clone()) {
        Ok(function) => expand_function(args, function, input),
        Err(error) => error.into_compile_error(),
    }
}

/// `input` is `function`'s tokens, parsed again on the rare paths that
/// need the function as written.
fn expand_function(args: TokenStream, mut function: ItemFn, input: TokenStream) -> TokenStream {
    let mut errors = Vec::new();
    let args = Args::parse(args).unwrap_or_else(|error| {
        errors.push(error);
        Args::default()
    });
    validate(&function, &mut errors);
    let ret = ret_kind(&function.sig.output, args.named, &mut errors);
    if let Ret::Named(named) = &ret {
        refs::forbid_shadowing(named, &function.block, &mut errors);
    }
    if errors.is_empty() {
        let imports = stub_imports(&function.block);
        // Lowering consumes the statements; the rare paths that need the
        // function as written parse it again rather than every expansion
        // cloning its body.
        let mut stmts = std::mem::take(&mut function.block.stmts);
        if let Some((helper, call)) = expect::helper(&function.sig) {
            if expect::wrap_returned_closures(&mut stmts, &call) > 0 {
                stmts.insert(0, Stmt::Item(Item::Verbatim(helper)));
            }
        }
        let mut frame = Frame::function(ret);
        frame.is_async = function.sig.asyncness.is_some();
        frame.returns_borrow = repoint::returns_borrow(&function.sig.output);
        frame.value_may_borrow = repoint::value_may_borrow(&function.sig.output);
        frame.repointable = repoint::params(&function.sig, frame.returns_borrow);
        let body = lower::body(stmts, &mut frame, &mut errors);
        allow_unused_mut(&mut function.sig, &frame.moved_params);
        if frame.recovers && matches!(frame.ret, Ret::Never) {
            errors.push(syn::Error::new_spanned(
                &function.sig.output,
                "a function that returns `!` cannot `recover!()`: after a recovered panic it would have to return; return a value (e.g. `-> Result<(), String>`), or recover in a caller",
            ));
        }
        if errors.is_empty() && frame.as_written {
            return reparsed(input).map_or_else(syn::Error::into_compile_error, as_written);
        }
        if errors.is_empty() {
            let ItemFn {
                attrs, vis, sig, ..
            } = &function;
            // syn keeps the body's inner attributes (`#![allow(..)]`) with
            // the outer ones; they go back at the top of the body.
            let (inner, outer): (Vec<_>, Vec<_>) = attrs
                .iter()
                .partition(|attr| matches!(attr.style, syn::AttrStyle::Inner(_)));
            // The body's braces keep the user's span: lints that measure or
            // locate the body (`too_many_lines`, `missing_panics_doc`) see
            // the function as written.
            let mut block = proc_macro2::Group::new(
                proc_macro2::Delimiter::Brace,
                quote!(#(#inner)* #imports #body),
            );
            block.set_span(function.block.brace_token.span.join());
            return quote!(#(#outer)* #vis #sig #block);
        }
        match reparsed(input) {
            Ok(original) => function = original,
            Err(error) => errors.push(error),
        }
    }
    fail(errors, function)
}

/// The levels took these parameters by value (see `repoint`): the `mut`
/// the user wrote is used inside them, not where rustc looks for it.
fn allow_unused_mut(sig: &mut syn::Signature, moved: &[proc_macro2::Ident]) {
    for input in &mut sig.inputs {
        match input {
            syn::FnArg::Typed(typed) => {
                if matches!(&*typed.pat, syn::Pat::Ident(pat) if moved.contains(&pat.ident)) {
                    typed.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
                }
            }
            syn::FnArg::Receiver(receiver) => {
                if moved.iter().any(|ident| ident == "self") {
                    receiver.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
                }
            }
        }
    }
}

/// The function as written, parsed again from the attribute's input (which
/// parsed once already).
fn reparsed(input: TokenStream) -> syn::Result<ItemFn> {
    syn::parse2(input)
}

fn validate(function: &ItemFn, errors: &mut Vec<syn::Error>) {
    let sig = &function.sig;
    if let Some(constness) = &sig.constness {
        errors.push(syn::Error::new_spanned(
            constness,
            "`#[with_defer]` cannot be applied to a `const fn`: deferred code runs under `catch_unwind`, which is not `const`",
        ));
    }
}

fn not_a_function(input: TokenStream) -> TokenStream {
    let Ok(mut item) = syn::parse2::<Item>(input.clone()) else {
        let error = syn::Error::new_spanned(&input, NOT_A_FUNCTION).into_compile_error();
        return quote!(#error #input);
    };
    let error = syn::Error::new_spanned(item_keyword(&item), NOT_A_FUNCTION).into_compile_error();
    // Its `defer!`s would only add "annotate the function" errors.
    strip::StripDefers.visit_item_mut(&mut item);
    quote!(#error #item)
}

const NOT_A_FUNCTION: &str = "`#[with_defer]` can only be applied to a function, an `impl` block or a `trait`: it rewrites function bodies so that their `defer!`s run at exit";

/// The tokens that name an item's kind, to point the error at.
fn item_keyword(item: &Item) -> TokenStream {
    match item {
        Item::Struct(item) => item.struct_token.to_token_stream(),
        Item::Enum(item) => item.enum_token.to_token_stream(),
        Item::Impl(item) => item.impl_token.to_token_stream(),
        Item::Trait(item) => item.trait_token.to_token_stream(),
        Item::Mod(item) => item.mod_token.to_token_stream(),
        Item::Const(item) => item.const_token.to_token_stream(),
        Item::Static(item) => item.static_token.to_token_stream(),
        Item::Type(item) => item.type_token.to_token_stream(),
        Item::Use(item) => item.use_token.to_token_stream(),
        other => other.to_token_stream(),
    }
}

fn ret_kind(output: &ReturnType, named: Option<NamedArgs>, errors: &mut Vec<syn::Error>) -> Ret {
    let ty = match output {
        ReturnType::Type(_, ty) if !matches!(&**ty, Type::Tuple(tuple) if tuple.elems.is_empty()) => {
            ty
        }
        _ => {
            if let Some(named) = named {
                errors.push(syn::Error::new(
                    named.span,
                    "`named(..)` names the function's results, and this function returns `()`: add a return type, e.g. `-> Result<(), E>`",
                ));
            }
            return Ret::Unit;
        }
    };
    if let Type::Never(_) = &**ty {
        if let Some(named) = named {
            errors.push(syn::Error::new(
                named.span,
                "`named(..)` cannot be used on a function that returns `!`: it never returns, so it has no result to name; drop `named(..)`",
            ));
        }
        return Ret::Never;
    }
    let mut slot_ty = (**ty).clone();
    InferImplTrait.visit_type_mut(&mut slot_ty);
    match named {
        None => Ret::Value(Box::new(slot_ty)),
        Some(named) => match named_results(ty, named) {
            Ok(named) => Ret::Named(Rc::new(named)),
            Err(error) => {
                errors.push(error);
                Ret::Unit
            }
        },
    }
}

/// The runtime binds call-form defers for up to this many named results.
const MAX_NAMED: usize = 8;

/// Pairs each name of `named(..)` with its type: the return type for one
/// name, the tuple's elements for several.
fn named_results(ty: &Type, named: NamedArgs) -> syn::Result<Named> {
    let count = named.results.len();
    if count > MAX_NAMED {
        return Err(syn::Error::new(
            named.span,
            format!("`named(..)` supports at most {MAX_NAMED} results; this one lists {count}: return a struct instead"),
        ));
    }
    let types: Vec<Type> = if count == 1 {
        vec![ty.clone()]
    } else {
        match ty {
            Type::Tuple(tuple) if tuple.elems.len() == count => tuple.elems.iter().cloned().collect(),
            _ => {
                return Err(syn::Error::new(
                    named.span,
                    format!(
                        "`named(..)` lists {count} results, so the function must return a tuple of {count} values; it returns `{}`",
                        type_text(ty)
                    ),
                ))
            }
        }
    };
    if let Some(bad) = types.iter().find(|ty| contains_impl_trait(ty)) {
        return Err(syn::Error::new_spanned(
            bad,
            "a named result needs a type that can be written: it cannot be `impl Trait`",
        ));
    }
    Ok(Named {
        ty: ty.clone(),
        results: named
            .results
            .into_iter()
            .zip(types)
            .map(|(result, ty)| (result.ident, ty, result.init))
            .collect(),
    })
}

/// A type as a user writes it: `Option<String>`, not `Option < String >`.
fn type_text(ty: &Type) -> String {
    let text = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        let prev = out.chars().last();
        let skip = c == ' '
            && (matches!(next, Some('<' | '>' | ',' | ')' | ':'))
                || matches!(prev, Some('<' | '(' | '&' | ':')));
        if !skip {
            out.push(c);
        }
    }
    out
}

fn contains_impl_trait(ty: &Type) -> bool {
    let mut ty = ty.clone();
    let before = ty.to_token_stream().to_string();
    InferImplTrait.visit_type_mut(&mut ty);
    ty.to_token_stream().to_string() != before
}

/// `impl Trait` cannot be written in a `let` type: the slot's annotation
/// uses `_` there and lets the body's value decide.
struct InferImplTrait;

impl VisitMut for InferImplTrait {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::ImplTrait(impl_trait) = ty {
            *ty = Type::Infer(syn::TypeInfer {
                attrs: Vec::new(),
                underscore_token: syn::Token![_](syn::spanned::Spanned::span(impl_trait)),
            });
            return;
        }
        visit_mut::visit_type_mut(self, ty);
    }
}

/// On error: the errors, and the function with its `defer!`s and
/// `recover!()`s taken out, so that one mistake does not cascade into the
/// stub macros' errors and IDEs keep working on the rest.
fn fail(errors: Vec<syn::Error>, function: ItemFn) -> TokenStream {
    let mut errors = errors.into_iter();
    let mut error = errors.next().expect("fail is called with errors");
    for more in errors {
        error.combine(more);
    }
    let error = error.into_compile_error();
    // Locals that only the stripped code used would add warnings to errors.
    let function = as_written(function);
    quote!(#error #function)
}

/// The function as written, without its `defer!`s and `recover!()`s, for
/// rustc to report an error in it.
fn as_written(mut function: ItemFn) -> TokenStream {
    strip::StripDefers.visit_block_mut(&mut function.block);
    function.attrs.push(syn::parse_quote!(#[allow(unused)]));
    if let Some(imports) = stub_imports(&function.block) {
        function.block.stmts.insert(0, imports);
    }
    quote!(#function)
}

/// `defer!` and `recover!` where the attribute cannot rewrite them (in a
/// nested `fn` without its own attribute, in another macro's input) are
/// the `defer-core` stubs, whose error says what to do, even when the user
/// imported only `with_defer`. Only then, and not when the body imports
/// them itself.
fn stub_imports(block: &syn::Block) -> Option<Stmt> {
    let mut finder = Unreachable::default();
    syn::visit::visit_block(&mut finder, block);
    (finder.found && !finder.imported).then(|| {
        syn::parse_quote!(
            #[allow(unused_imports)]
            use ::defer_core::{
                __defer_out_of_reach as defer, __defer_out_of_reach as errdefer,
                __defer_out_of_reach as okdefer, __recover_out_of_reach as recover,
            };
        )
    })
}

#[derive(Default)]
struct Unreachable {
    found: bool,
    imported: bool,
}

impl syn::visit::Visit<'_> for Unreachable {
    fn visit_item(&mut self, item: &Item) {
        if let Item::Use(item) = item {
            self.imported |= mentions(
                item.tree.to_token_stream(),
                &["defer", "errdefer", "okdefer", "recover", "prelude"],
            );
        } else {
            self.found |= calls_stub(item.to_token_stream());
        }
    }

    fn visit_macro(&mut self, mac: &syn::Macro) {
        if !is_defer(&mac.path) && !is_recover(&mac.path) {
            self.found |= calls_stub(mac.tokens.clone());
        }
    }
}
