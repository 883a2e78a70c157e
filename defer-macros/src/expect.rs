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
//! `__defer_expect::<T..>(|..| ..)`. Only where the bounds can be written
//! in a nested function: not with `Self`, nor with a one-letter type name
//! the function does not declare (an `impl` block's parameter).

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
    if bounds.is_empty() || !writable(&quote!(#(#bounds)*), sig) {
        return None;
    }
    let name = name();
    let param = Ident::new("__DeferF", Span::mixed_site());
    let generics = sig.generics.params.iter();
    let where_clause = &sig.generics.where_clause;
    let item = quote! {
        #[allow(clippy::inline_always, clippy::needless_lifetimes, clippy::extra_unused_type_parameters)]
        #[inline(always)]
        fn #name<#(#generics,)* #param: #(#bounds)+*>(f: #param) -> #param #where_clause { f }
    };
    let types: Vec<TokenStream> = sig
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(param.ident.to_token_stream()),
            GenericParam::Const(param) => Some(param.ident.to_token_stream()),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
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

/// No `Self`, and no one-letter type name that is not the function's own
/// (it would be its `impl` block's, which a nested function cannot see).
fn writable(tokens: &TokenStream, sig: &Signature) -> bool {
    tokens.clone().into_iter().all(|tree| match tree {
        TokenTree::Ident(ident) => {
            let text = ident.to_string();
            let outer_param = text.len() == 1
                && text.chars().all(|c| c.is_ascii_uppercase())
                && !sig.generics.type_params().any(|param| param.ident == ident)
                && !sig
                    .generics
                    .const_params()
                    .any(|param| param.ident == ident);
            text != "Self" && !outer_param
        }
        TokenTree::Group(group) => writable(&group.stream(), sig),
        _ => true,
    })
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
