//! A closure returned as `impl Fn..` keeps the signature the return type
//! gives it.
//!
//! Without the attribute,
//! `fn get(e: &[u64]) -> impl Fn(&usize) -> u64 + '_ { move |&i| e[i] }`
//! compiles because rustc checks the tail closure against the return type
//! and takes its parameter types (and their higher-ranked lifetimes) from
//! the bounds. Inside a level closure the tail
//! is checked against an inferred type and that is lost: "type annotations
//! needed", or "implementation of `Fn` is not general enough". rustc takes
//! a closure's signature from the bounds of the generic parameter it is
//! passed as, so the tail closure goes through an identity function whose
//! parameter carries the return type's bounds.
//!
//! Input: a function returning `impl Bounds`, whose tail or `return` values
//! are closure literals (through blocks, `if`, `match` and parentheses).
//! Output: `fn __defer_expect<G.., __DeferF: Bounds>(f: __DeferF) ->
//! __DeferF where .. { f }` (the function's generics and `where` clause,
//! lifetime bounds left out), and each such closure as
//! `__defer_expect::<T..>(|..| ..)`. What the bounds name from outside
//! the function (`Self`, an `impl` block's one-letter type parameters, its
//! lifetimes) becomes parameters of the helper that the call passes; not
//! where they need their traits (`Self::Item`, `T::Output`).

use crate::form::starts_path;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, GenericParam, ReturnType, Signature, Stmt, Type, TypeParamBound};

/// The helper for `sig`, when it returns `impl Bounds` that a nested
/// function can write; `None` otherwise.
pub fn helper(sig: &Signature) -> Option<(TokenStream, TokenStream)> {
    let ReturnType::Type(_, ty) = &sig.output else {
        return None;
    };
    let Type::ImplTrait(impl_trait) = &**ty else {
        return None;
    };
    let bounds: Vec<&TypeParamBound> = impl_trait
        .bounds
        .iter()
        .filter(|bound| matches!(bound, TypeParamBound::Trait(_)))
        .collect();
    if bounds.is_empty() {
        return None;
    }
    let mut outer = Outer::default();
    let bounds = outer.rewrite(quote!(#(#bounds)+*), sig)?;
    let where_clause = match &sig.generics.where_clause {
        Some(clause) => outer.rewrite(clause.to_token_stream(), sig)?,
        None => TokenStream::new(),
    };
    let name = name();
    let param = Ident::new("__DeferF", Span::mixed_site());
    let lifetimes = &outer.lifetimes;
    let generics = sig.generics.params.iter();
    let outer_types = &outer.types;
    let self_param = outer.uses_self.then(self_param);

    let item = quote! {
        #[allow(clippy::inline_always, clippy::needless_lifetimes, clippy::extra_unused_type_parameters, non_camel_case_types)]
        #[inline(always)]
        fn #name<#(#lifetimes,)* #(#generics,)* #(#outer_types,)* #self_param #param: #bounds>(f: #param) -> #param #where_clause { f }
    };
    let mut types: Vec<TokenStream> = sig
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(param.ident.to_token_stream()),
            GenericParam::Const(param) => Some(param.ident.to_token_stream()),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    types.extend(outer.types.iter().map(ToTokens::to_token_stream));
    if outer.uses_self {
        types.push(quote!(Self));
    }
    let call = if types.is_empty() {
        quote!(#name)
    } else {
        quote!(#name::<#(#types,)* _>)
    };
    Some((item, call))
}

fn name() -> Ident {
    Ident::new("__defer_expect", Span::mixed_site())
}

fn self_param() -> TokenStream {
    let ident = Ident::new("__DeferSelf", Span::mixed_site());
    quote!(#ident,)
}

/// What the bounds name from outside the function, which a nested
/// function must declare and its call pass: `Self`, one-letter type names
/// the function does not declare (its `impl` block's parameters, or a
/// type of that name: the call passes whichever it is), and lifetimes.
#[derive(Default)]
struct Outer {
    types: Vec<Ident>,
    lifetimes: Vec<syn::Lifetime>,
    uses_self: bool,
}

impl Outer {
    /// The bounds with `Self` as a parameter of the helper's own; `None`
    /// when a nested function cannot write them (`Self::Item`,
    /// `T::Output`: their traits are not known here).
    fn rewrite(&mut self, tokens: TokenStream, sig: &Signature) -> Option<TokenStream> {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        for (index, tree) in trees.iter().enumerate() {
            let next_is_path = starts_path(trees.get(index + 1));
            match tree {
                TokenTree::Ident(ident) if ident == "Self" => {
                    if next_is_path {
                        return None;
                    }
                    self.uses_self = true;
                    out.push(TokenTree::Ident(Ident::new(
                        "__DeferSelf",
                        Span::mixed_site(),
                    )));
                    continue;
                }
                TokenTree::Ident(ident) if is_outer_type(ident, sig) => {
                    if next_is_path {
                        return None;
                    }
                    if !self.types.contains(ident) {
                        self.types.push(ident.clone());
                    }
                }
                TokenTree::Punct(punct) if punct.as_char() == '\'' => {
                    if let Some(TokenTree::Ident(ident)) = trees.get(index + 1) {
                        let declared = sig
                            .generics
                            .lifetimes()
                            .any(|param| param.lifetime.ident == *ident);
                        let named = ident != "static" && ident != "_";
                        if named && !declared && !self.lifetimes.iter().any(|l| l.ident == *ident) {
                            self.lifetimes.push(syn::Lifetime {
                                apostrophe: punct.span(),
                                ident: ident.clone(),
                            });
                        }
                    }
                }
                TokenTree::Group(group) => {
                    let mut inner = proc_macro2::Group::new(
                        group.delimiter(),
                        self.rewrite(group.stream(), sig)?,
                    );
                    inner.set_span(group.span());
                    out.push(TokenTree::Group(inner));
                    continue;
                }
                _ => {}
            }
            out.push(tree.clone());
        }
        Some(out.into_iter().collect())
    }
}

fn is_outer_type(ident: &Ident, sig: &Signature) -> bool {
    let text = ident.to_string();
    text.len() == 1
        && text.chars().all(|c| c.is_ascii_uppercase())
        && !sig
            .generics
            .type_params()
            .any(|param| param.ident == *ident)
        && !sig
            .generics
            .const_params()
            .any(|param| param.ident == *ident)
}

/// Wraps the closures the body returns in `call(..)`; how many it wrapped.
pub fn wrap_returned_closures(stmts: &mut [Stmt], call: &TokenStream) -> usize {
    let mut wrapper = Wrap { call, count: 0 };
    for stmt in stmts.iter_mut() {
        wrapper.visit_stmt_mut(stmt);
    }
    if let Some(Stmt::Expr(tail, None)) = stmts.last_mut() {
        wrapper.value(tail);
    }
    wrapper.count
}

struct Wrap<'a> {
    call: &'a TokenStream,
    count: usize,
}

impl Wrap<'_> {
    /// `expr` is a value the function returns.
    fn value(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) => {
                // A real call, so that the walk after this one still finds a
                // closure there (with `defer!`s of its own, a frame).
                let closure = std::mem::replace(expr, Expr::Verbatim(TokenStream::new()));
                *expr = Expr::Call(syn::ExprCall {
                    attrs: Vec::new(),
                    func: Box::new(Expr::Verbatim(self.call.clone())),
                    paren_token: syn::token::Paren::default(),
                    args: std::iter::once(closure).collect(),
                });
                self.count += 1;
            }
            Expr::Paren(paren) => self.value(&mut paren.expr),
            Expr::Block(block) => self.block_value(&mut block.block),
            Expr::If(expr_if) => {
                self.block_value(&mut expr_if.then_branch);
                if let Some((_, other)) = &mut expr_if.else_branch {
                    self.value(other);
                }
            }
            Expr::Match(expr_match) => {
                for arm in &mut expr_match.arms {
                    self.value(&mut arm.body);
                }
            }
            _ => {}
        }
    }

    fn block_value(&mut self, block: &mut syn::Block) {
        if let Some(Stmt::Expr(tail, None)) = block.stmts.last_mut() {
            self.value(tail);
        }
    }
}

impl VisitMut for Wrap<'_> {
    fn visit_expr_return_mut(&mut self, ret: &mut syn::ExprReturn) {
        if let Some(value) = &mut ret.expr {
            self.value(value);
        }
        visit_mut::visit_expr_return_mut(self, ret);
    }

    // Their `return`s are their own.
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
