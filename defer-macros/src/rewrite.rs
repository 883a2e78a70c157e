//! The walk over one top-level statement of a body.
//!
//! Input: a statement, the frame it belongs to, and whether it runs inside
//! a level closure that is not the innermost one (`Mode::Rewrite`).
//! Output: the statement with every nested `defer!` replaced by its
//! registration code (its exit code collected in `sites`), `recover!()`
//! pointed at the right frame, and, in `Mode::Rewrite`, `return` and `?`
//! turned into "store the result, leave this level".

use crate::form::{is_defer, is_recover};
use crate::lower::{Frame, Ret, Site};
use crate::site;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprReturn, ExprTry, Item, Macro, Stmt};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `return` and `?` keep their meaning: the code runs outside any level
    /// closure, or in the innermost one, whose closure returns the value.
    Native,
    /// The code runs in a level closure that returns to its exit code.
    Rewrite,
}

/// The `return` that leaves a level for its exit code. Located at the
/// user's `return` or `?`, but marked as the expansion's: lints about the
/// user's `return` (clippy's `needless_return` for one that ends the body)
/// see the user's code as it is, not as the expansion moves it.
fn leave(span: Span) -> TokenStream {
    quote_spanned!(span.resolved_at(Span::mixed_site())=> return)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    Return,
    Question,
}

pub struct Rewriter<'a> {
    pub frame: &'a mut Frame,
    pub errors: &'a mut Vec<syn::Error>,
    pub mode: Mode,
    pub sites: Vec<Site>,
    /// Inside a call-form defer's arguments, evaluated at its statement.
    pub in_defer_args: bool,
    /// The level's order log, when its statement needs one.
    pub order: Option<proc_macro2::Ident>,
    loops: usize,
    edits: usize,
}

impl<'a> Rewriter<'a> {
    pub fn new(frame: &'a mut Frame, errors: &'a mut Vec<syn::Error>, mode: Mode) -> Self {
        Rewriter {
            frame,
            errors,
            mode,
            sites: Vec::new(),
            in_defer_args: false,
            order: None,
            loops: 0,
            edits: 0,
        }
    }

    pub fn in_loop(&self) -> bool {
        self.loops > 0
    }

    fn error(&mut self, span: Span, message: &str) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// A `defer!` below the top level: stored in a slot at its statement.
    fn nested_defer(&mut self, mac: &Macro) -> TokenStream {
        if self.in_defer_args || self.frame.closure_callee {
            self.error(
                mac.path.span(),
                "`defer!` cannot be used inside a call-form `defer!`: write the deferred code as a block, `defer! { .. defer!(..); .. }`",
            );
            return quote!({});
        }
        let code = site::stored(mac, self);
        self.edits += 1;
        code
    }

    fn recover(&mut self, mac: &Macro) -> Expr {
        let span = mac.path.span();
        if self.in_defer_args {
            self.error(
                span,
                "`recover!()` cannot be an argument of a call-form `defer!`: arguments are evaluated at the `defer!` statement, not at exit; write `defer! { f(recover!()) }` to call it at exit",
            );
        } else if let Some(owner) = self.frame.owner_panic.clone() {
            if !mac.tokens.is_empty() {
                self.error(mac.tokens.span(), "`recover!()` takes no arguments");
            }
            self.edits += 1;
            self.frame.owner_recovers = true;
            return Expr::Verbatim(quote_spanned!(span=> #owner.recover()));
        } else {
            self.error(
                span,
                "`recover!()` can only be called in deferred code: use it inside `defer! { .. }`, where it stops the panic in flight",
            );
        }
        Expr::Verbatim(quote!(::core::option::Option::None))
    }

    fn rewrite_return(&mut self, ret: &mut ExprReturn) -> Option<Expr> {
        if self.frame.deferred {
            if let Some(value) = &ret.expr {
                self.error(
                    value.span(),
                    "deferred code cannot return a value from the function: a bare `return;` ends the deferred block; to change the result, use `named(..)` results",
                );
            }
            return None;
        }
        if self.mode == Mode::Native {
            return None;
        }
        let span = ret.return_token.span;
        self.edits += 1;
        let leave = leave(span);
        let code = match (&ret.expr, &self.frame.ret) {
            // Go's naked return: the named results as they are.
            (None, Ret::Unit | Ret::Named(_)) => quote_spanned!(span=> { #leave; }),
            (Some(value), Ret::Named(named)) => {
                let assign = named.assign(value);
                quote_spanned!(span=> { #assign #leave; })
            }
            (Some(value), _) => self.store(quote!(#value), span, Exit::Return),
            // Still the type error it was, reported at the `return`.
            (None, _) => self.store(quote_spanned!(span=> ()), span, Exit::Return),
        };
        Some(Expr::Verbatim(code))
    }

    /// "The function's result is `value`; leave this level." After a
    /// `return`, the value is first bound with the function's return type as
    /// the user wrote it, so a mismatch reads as it would without the
    /// attribute. After a `?` it is not: the conversion's own error, at the
    /// `?`, is the one rustc gives without the attribute.
    fn store(&self, value: TokenStream, span: Span, exit: Exit) -> TokenStream {
        let bound = crate::names::value();
        let leave = leave(span);
        match &self.frame.ret {
            Ret::Unit => quote_spanned!(span=> { let () = #value; #leave; }),
            Ret::Value(ty) if exit == Exit::Return => {
                let slot = crate::names::ret(self.frame.depth);
                quote_spanned!(span=> {
                    let #bound: #ty = #value;
                    #slot = ::core::option::Option::Some(#bound);
                    #leave;
                })
            }
            Ret::Value(_) | Ret::Never => {
                let slot = crate::names::ret(self.frame.depth);
                quote_spanned!(span=> {
                    #slot = ::core::option::Option::Some(#value);
                    #leave;
                })
            }
            // A `return` assigns through `Named::assign`; this is a `?`.
            Ret::Named(named) => {
                let place = named.value();
                quote_spanned!(span=> {
                    #place = #value;
                    #leave;
                })
            }
        }
    }

    fn rewrite_try(&mut self, expr: &ExprTry) -> Option<Expr> {
        let span = expr.question_token.span;
        if self.frame.deferred {
            self.error(
                span,
                "the `?` operator cannot be used in deferred code: it would return from the function after it has started to exit; handle the error inside the deferred block (`if let Err(e) = ..`)",
            );
            return None;
        }
        if let (Ret::Unit, false) = (&self.frame.ret, self.frame.closure_callee) {
            // rustc explains this one best (with a fix), on the function as
            // written: inside the expansion it would speak of a closure.
            self.frame.as_written = true;
            return None;
        }
        if self.mode == Mode::Native {
            return None;
        }
        let inner = &expr.expr;
        let (value, residual) = (crate::names::value(), crate::names::residual(span));
        // The residual goes through the native `?`, in a closure that
        // returns the function's type: a failed conversion is rustc's own
        // "`?` couldn't convert the error", at the user's `?`.
        let ty = match &self.frame.ret {
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
        let store = self.store(converted, span, Exit::Question);
        self.edits += 1;
        Some(Expr::Verbatim(quote_spanned! {span=>
            match <_ as ::defer_core::__private::Branch>::branch(#inner) {
                ::core::ops::ControlFlow::Continue(#value) => #value,
                ::core::ops::ControlFlow::Break(#residual) => #store,
            }
        }))
    }

    /// Other macros: where their input parses as comma-separated
    /// expressions (`println!`, `format!`, `vec!`, `assert!`...), walk it so
    /// that a `?` inside still leaves the function.
    fn other_macro(&mut self, mac: &mut Macro) {
        if self.mode == Mode::Native && !self.frame.deferred {
            return;
        }
        let Some(mut exprs) = crate::form::expr_args(mac) else {
            return;
        };
        let before = self.edits;
        for expr in &mut exprs {
            self.visit_expr_mut(expr);
        }
        if self.edits != before {
            mac.tokens = quote!(#exprs);
        }
    }

    fn forbid_inside(&mut self, what: &str, body: &Expr) {
        self.forbid(body, |mac| {
            if mac == "defer!" {
                format!("`defer!` cannot be used inside {what}: it is a function of its own; move the `defer!` out of it (a nested `fn` can carry its own `#[with_defer]`)")
            } else {
                format!("`recover!()` cannot be used inside {what}: it must be called directly by deferred code")
            }
        });
    }

    /// An error at each `defer!` and `recover!()` in `body`; `message`
    /// gets `"defer!"` or `"recover!()"`.
    fn forbid(&mut self, body: &Expr, message: impl Fn(&str) -> String) {
        let mut finder = Misuse::default();
        finder.visit_expr(body);
        for (span, is_defer) in finder.found {
            let message = message(if is_defer { "defer!" } else { "recover!()" });
            self.error(span, &message);
        }
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if let Stmt::Macro(mac) = stmt {
            if is_defer(&mac.mac.path) {
                let code = self.nested_defer(&mac.mac);
                *stmt = Stmt::Expr(Expr::Verbatim(code), None);
                return;
            }
            if is_recover(&mac.mac.path) {
                let semi = mac.semi_token;
                *stmt = Stmt::Expr(self.recover(&mac.mac), semi);
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let replacement = match expr {
            Expr::Macro(mac) if is_defer(&mac.mac.path) => {
                Some(Expr::Verbatim(self.nested_defer(&mac.mac)))
            }
            Expr::Macro(mac) if is_recover(&mac.mac.path) => Some(self.recover(&mac.mac)),
            Expr::Closure(closure) if written_by_another_macro(closure) => {
                let message = |mac: &str| {
                    format!("`#[with_defer]` sees this `{mac}` in a closure that another attribute macro on the function made of its body: put `#[with_defer]` above that attribute, so that it runs first")
                };
                self.forbid(&closure.body, message);
                return;
            }
            Expr::Closure(closure) => {
                self.forbid_inside("a closure", &closure.body);
                return;
            }
            Expr::Async(block) => {
                let body = Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: block.block.clone(),
                });
                self.forbid_inside("an async block", &body);
                return;
            }
            Expr::ForLoop(for_loop) => {
                self.visit_expr_mut(&mut for_loop.expr);
                self.loops += 1;
                self.visit_block_mut(&mut for_loop.body);
                self.loops -= 1;
                return;
            }
            Expr::While(_) | Expr::Loop(_) => {
                self.loops += 1;
                visit_mut::visit_expr_mut(self, expr);
                self.loops -= 1;
                return;
            }
            Expr::Return(ret) => {
                if let Some(value) = &mut ret.expr {
                    self.visit_expr_mut(value);
                }
                self.rewrite_return(ret)
            }
            Expr::Try(try_expr) => {
                self.visit_expr_mut(&mut try_expr.expr);
                self.rewrite_try(try_expr)
            }
            _ => {
                visit_mut::visit_expr_mut(self, expr);
                None
            }
        };
        if let Some(replacement) = replacement {
            *expr = replacement;
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        self.other_macro(mac);
    }

    fn visit_item_mut(&mut self, _: &mut Item) {
        // Do not recurse into nested items: a nested `fn` is a function of
        // its own, expanded by its own `#[with_defer]` if it has one.
    }
}

/// Finds `defer!`/`recover!` where they cannot be: inside a closure or an
/// async block (nested items are skipped: they have their own attribute).
#[derive(Default)]
struct Misuse {
    found: Vec<(Span, bool)>,
}

impl Visit<'_> for Misuse {
    fn visit_macro(&mut self, mac: &Macro) {
        if is_defer(&mac.path) {
            self.found.push((mac.path.span(), true));
        } else if is_recover(&mac.path) {
            self.found.push((mac.path.span(), false));
        }
    }

    fn visit_item(&mut self, _: &Item) {}
}

/// The `defer!`s a top-level statement holds that the attribute registers
/// (closures, async blocks and nested items are other functions), and how
/// many of them sit in loops.
#[derive(Default)]
pub struct DeferCounts {
    pub all: usize,
    pub in_loops: usize,
}

impl DeferCounts {
    pub fn of(stmt: &Stmt) -> DeferCounts {
        struct Finder {
            counts: DeferCounts,
            loops: usize,
        }
        impl Finder {
            fn in_loop(&mut self, visit: impl FnOnce(&mut Self)) {
                self.loops += 1;
                visit(self);
                self.loops -= 1;
            }
        }
        impl Visit<'_> for Finder {
            fn visit_macro(&mut self, mac: &Macro) {
                if is_defer(&mac.path) {
                    self.counts.all += 1;
                    self.counts.in_loops += usize::from(self.loops > 0);
                }
            }
            fn visit_expr_for_loop(&mut self, expr: &syn::ExprForLoop) {
                self.visit_expr(&expr.expr);
                self.in_loop(|finder| finder.visit_block(&expr.body));
            }
            fn visit_expr_while(&mut self, expr: &syn::ExprWhile) {
                self.in_loop(|finder| syn::visit::visit_expr_while(finder, expr));
            }
            fn visit_expr_loop(&mut self, expr: &syn::ExprLoop) {
                self.in_loop(|finder| syn::visit::visit_expr_loop(finder, expr));
            }
            fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
            fn visit_expr_async(&mut self, _: &syn::ExprAsync) {}
            fn visit_item(&mut self, _: &Item) {}
        }
        let mut finder = Finder {
            counts: DeferCounts::default(),
            loops: 0,
        };
        finder.visit_stmt(stmt);
        finder.counts
    }
}

/// A closure whose `|` is not in the source: another attribute macro on the
/// function (`#[no_panic]` wraps the body in one) ran first and made it, at
/// its own attribute. Unknown outside a real compilation: then `false`.
fn written_by_another_macro(closure: &syn::ExprClosure) -> bool {
    closure
        .inputs_begin
        .span
        .source_text()
        .is_some_and(|text| !text.starts_with('|'))
}
