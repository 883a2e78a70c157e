//! `return` and `?` inside a level: "the function's result is this; leave
//! for the exit code".
//!
//! Input: `return v` / `return` / `e?`, in a level closure that returns to
//! its exit code (`Mode::Rewrite`).
//! Output:
//! ```text
//! return v   ->  { let __defer_value: R = v; __defer_ret = Some(__defer_value); return; }
//! e?         ->  match <_ as Branch>::branch(e) {
//!                    Continue(__defer_value) => __defer_value,
//!                    Break(__defer_residual) => { __defer_ret = Some((|| -> R { match __defer_residual? {} })()); return; }
//!                }
//! ```
//! With named results, `return v` assigns them (Go's `return`) and a bare
//! `return` leaves them as they are (Go's naked return). Outside level
//! closures and in the innermost one, which returns the value itself, both
//! keep their own meaning; in deferred code that runs inline, a `return`
//! outside its levels breaks the deferred block's label.

use crate::form::{is_ident, strip_parens};
use crate::frame::{Frame, Named, Ret};
use crate::names;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, ExprReturn, ExprTry};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The code runs outside any level closure of its frame: `return` and
    /// `?` keep their meaning, unless the frame is deferred code that runs
    /// inline (then `return` breaks its block).
    Outside,
    /// The code runs in the innermost level closure, which returns the
    /// value: `return` and `?` keep their meaning.
    Innermost,
    /// The code runs in a level closure that returns to its exit code.
    Rewrite,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    Return,
    Question,
}

/// The `return` that leaves a level for its exit code. Located at the
/// user's `return` or `?`, but marked as the expansion's: lints about the
/// user's `return` (clippy's `needless_return` for one that ends the body)
/// see the user's code as it is, not as the expansion moves it.
fn leave(span: Span) -> TokenStream {
    quote_spanned!(span.resolved_at(Span::mixed_site())=> return)
}

/// `return`, `return v`: `None` where it keeps its meaning (or is an
/// error, pushed to `errors`).
pub fn rewrite_return(
    ret: &ExprReturn,
    frame: &mut Frame,
    mode: Mode,
    errors: &mut Vec<syn::Error>,
) -> Option<Expr> {
    if frame.deferred {
        if let Some(value) = &ret.expr {
            errors.push(syn::Error::new(
                value.span(),
                "deferred code cannot return a value from the function: a bare `return;` ends the deferred block; to change the result, use `named(..)` results",
            ));
            return None;
        }
        let label = frame.label.as_ref().filter(|_| mode == Mode::Outside)?;
        let span = ret.return_token.span.resolved_at(Span::mixed_site());
        let code = quote_spanned!(span=> { break #label; });
        frame.label_used = true;
        return Some(Expr::Verbatim(code));
    }
    if mode != Mode::Rewrite {
        return None;
    }
    let span = ret.return_token.span;
    let leave = leave(span);
    let code = match (&ret.expr, &frame.ret) {
        // Go's naked return: the named results as they are.
        (None, Ret::Unit | Ret::Named(_)) => quote_spanned!(span=> { #leave; }),
        (Some(value), Ret::Named(named)) => {
            let assign = assign(named, value);
            quote_spanned!(span=> { #assign #leave; })
        }
        (Some(value), _) => store(frame, quote!(#value), span, Exit::Return),
        // Still the type error it was, reported at the `return`.
        (None, _) => store(frame, quote_spanned!(span=> ()), span, Exit::Return),
    };
    Some(Expr::Verbatim(code))
}

/// `e?`: `None` where it keeps its meaning (or is an error, pushed to
/// `errors`, or is best reported on the function as written, which sets
/// `frame.as_written`).
pub fn rewrite_try(
    expr: &ExprTry,
    frame: &mut Frame,
    mode: Mode,
    errors: &mut Vec<syn::Error>,
) -> Option<Expr> {
    let span = expr.question_token.span;
    if frame.deferred {
        errors.push(syn::Error::new(
            span,
            "the `?` operator cannot be used in deferred code: it would return from the function after it has started to exit; handle the error inside the deferred block (`if let Err(e) = ..`)",
        ));
        return None;
    }
    if let (Ret::Unit, false) = (&frame.ret, frame.closure_callee) {
        // rustc explains this one best (with a fix), on the function as
        // written: inside the expansion it would speak of a closure.
        frame.as_written = true;
        return None;
    }
    if mode != Mode::Rewrite {
        return None;
    }
    let inner = &expr.expr;
    let (value, residual) = (names::value(), names::residual(span));
    // The residual goes through the native `?`, in a closure that returns
    // the function's type: a failed conversion is rustc's own "`?`
    // couldn't convert the error", at the user's `?`.
    let ty = match &frame.ret {
        Ret::Value(ty) => quote!(#ty),
        Ret::Named(named) => {
            let ty = &named.ty;
            quote!(#ty)
        }
        Ret::Unit | Ret::Never => quote!(_),
    };
    let question = syn::Token![?](span);
    let generated = span.resolved_at(Span::mixed_site());
    let converted = quote_spanned!(generated=> (|| -> #ty { match #residual #question {} })());
    let store = store(frame, converted, span, Exit::Question);
    Some(Expr::Verbatim(quote_spanned! {span=>
        match <_ as ::defer_core::__private::Branch>::branch(#inner) {
            ::defer_core::__private::ControlFlow::Continue(#value) => #value,
            ::defer_core::__private::ControlFlow::Break(#residual) => #store,
        }
    }))
}

/// "The function's result is `value`; leave this level." After a
/// `return`, the value is first bound with the function's return type as
/// the user wrote it, so a mismatch reads as it would without the
/// attribute. After a `?` it is not: the conversion's own error, at the
/// `?`, is the one rustc gives without the attribute.
fn store(frame: &Frame, value: TokenStream, span: Span, exit: Exit) -> TokenStream {
    let bound = names::value();
    let leave = leave(span);
    match &frame.ret {
        Ret::Unit => quote_spanned!(span=> { let () = #value; #leave; }),
        Ret::Value(ty) if exit == Exit::Return => {
            let slot = names::ret(frame.depth);
            quote_spanned!(span=> {
                let #bound: #ty = #value;
                #slot = ::defer_core::__private::Option::Some(#bound);
                #leave;
            })
        }
        Ret::Value(_) | Ret::Never => {
            let slot = names::ret(frame.depth);
            quote_spanned!(span=> {
                #slot = ::defer_core::__private::Option::Some(#value);
                #leave;
            })
        }
        // A `return` assigns through `assign`; this is a `?`.
        Ret::Named(named) => {
            let place = named.value();
            quote_spanned!(span=> {
                #place = #value;
                #leave;
            })
        }
    }
}

/// `return value;` with named results: Go evaluates the values, then
/// assigns the results. A result returned as itself (`return err`) is left
/// in place: moving it out and back would make the level closure that
/// holds the `return` take it. Each value is bound with its written type,
/// so that a mismatch reads as it would without the attribute.
fn assign(named: &Named, value: &Expr) -> TokenStream {
    let values: Vec<&Expr> = match (named.results.len(), strip_parens(value)) {
        (1, _) => vec![value],
        (count, Expr::Tuple(tuple)) if tuple.elems.len() == count => tuple.elems.iter().collect(),
        _ => {
            let (ty, place, bound) = (&named.ty, named.value(), names::value());
            return quote!(let #bound: #ty = #value; #place = #bound;);
        }
    };
    let mut lets = TokenStream::new();
    let mut stores = TokenStream::new();
    for (index, ((ident, ty, _), value)) in named.results.iter().zip(values).enumerate() {
        if is_ident(value, ident) {
            continue;
        }
        let bound = names::value_of(index);
        lets.extend(quote!(let #bound: #ty = #value;));
        stores.extend(quote!(#ident = #bound;));
    }
    quote!(#lets #stores)
}
