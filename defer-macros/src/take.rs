//! Deferred code that moves a named result out and gives it a new value,
//! as Go code does with a variable (`res = res.context(..)`,
//! `if let Err(e) = err { err = Err(wrap(e)) }`).
//!
//! Deferred code reaches the named results through `&mut`s (see `refs`),
//! and a value cannot be moved out of a `&mut`. So the smallest statement
//! that may move one out runs on a local of the result's name instead: the
//! value is taken out of its place, leaving the result's initial value
//! there, and put back when the statement ends. Every other statement
//! reads and writes the result in place, so what the older defers and a
//! recovering function see after a panic is the result as it was, except
//! when the panic strikes inside such a statement: then it is the initial
//! value.
//!
//! Input: `err = join(err, e);` in deferred code of a function with
//! `named(err = Ok(()))`.
//! Output:
//! ```text
//! {
//!     let __defer_place_err = &mut *err;
//!     let mut err = ::defer_core::__private::replace(__defer_place_err, Ok(()));
//!     err = join(err, e);
//!     *__defer_place_err = err;
//! }
//! ```

use crate::form::{expr_args, is_defer, is_ident, is_recover, Form};
use crate::frame::Named;
use crate::names;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Item, Macro, Stmt};

/// The named results that `stmt` itself (not a statement nested in one of
/// its blocks, which is its own) may move out and gives a new value (here
/// or in a nested statement): it uses one as a value, other than as the
/// place of an assignment, behind `&`/`&mut`, in a comparison or an
/// arithmetic operation (for the numbers these mostly are, a copy), and
/// assigns it. By syntax alone, so a method call on one counts (it may take
/// `self`), and so does a use in another macro's input. A statement that
/// moves one out without assigning it cannot give it back: it stays as it
/// is, for rustc's "cannot move out of" at the user's tokens. A `defer!`
/// statement is left alone: its code is deferred code of its own.
pub fn moved_by(named: &Named, stmt: &Stmt) -> Vec<Ident> {
    if let Stmt::Macro(mac) = stmt {
        if is_defer(&mac.mac.path) {
            return Vec::new();
        }
    }
    let mut finder = Moves {
        named,
        found: Vec::new(),
    };
    finder.visit_stmt(stmt);
    let mut found = finder.found;
    found.retain(|ident| assigns(stmt, ident));
    found
}

/// `stmt` holds `ident = ..` (outside nested `defer!`s, items).
pub fn assigns(stmt: &Stmt, ident: &Ident) -> bool {
    struct Finder<'a> {
        ident: &'a Ident,
        found: bool,
    }
    impl Visit<'_> for Finder<'_> {
        fn visit_expr_assign(&mut self, assign: &syn::ExprAssign) {
            self.found |= is_ident(&assign.left, self.ident);
            visit::visit_expr_assign(self, assign);
        }
        fn visit_macro(&mut self, mac: &Macro) {
            other_macro(self, mac);
        }
        fn visit_item(&mut self, _: &Item) {}
    }
    let mut finder = Finder {
        ident,
        found: false,
    };
    finder.visit_stmt(stmt);
    finder.found
}

struct Moves<'a> {
    named: &'a Named,
    found: Vec<Ident>,
}

impl Moves<'_> {
    /// `expr` is a place that is assigned or borrowed: a named result there
    /// stays where it is.
    fn place(&mut self, expr: &Expr) {
        match expr {
            Expr::Path(path) if path.path.get_ident().is_some() => {}
            Expr::Field(field) => self.place(&field.base),
            Expr::Index(index) => {
                self.place(&index.expr);
                self.visit_expr(&index.index);
            }
            Expr::Paren(paren) => self.place(&paren.expr),
            other => self.visit_expr(other),
        }
    }
}

impl Visit<'_> for Moves<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Path(path) => {
                let ident = path.path.get_ident().filter(|_| path.qself.is_none());
                if let Some(ident) = ident.filter(|ident| self.named.has(ident)) {
                    if !self.found.contains(ident) {
                        self.found.push(ident.clone());
                    }
                }
            }
            Expr::Assign(assign) => {
                self.place(&assign.left);
                self.visit_expr(&assign.right);
            }
            Expr::Binary(binary) if is_compound_assign(binary.op) => {
                self.place(&binary.left);
                self.visit_expr(&binary.right);
            }
            Expr::Binary(binary) if !is_logical(binary.op) => {
                self.place(&binary.left);
                self.place(&binary.right);
            }
            Expr::Unary(unary) if !matches!(unary.op, syn::UnOp::Deref(_)) => {
                self.place(&unary.expr);
            }
            Expr::Reference(reference) => self.place(&reference.expr),
            Expr::RawAddr(raw) => self.place(&raw.expr),
            _ => visit::visit_expr(self, expr),
        }
    }

    // A nested block's statements are judged one by one.
    fn visit_block(&mut self, _: &syn::Block) {}

    fn visit_macro(&mut self, mac: &Macro) {
        if is_recover(&mac.path) {
            return;
        }
        if is_defer(&mac.path) {
            // A nested call-form `defer!` evaluates its arguments here.
            if let Ok(Form::Call(call)) = Form::parse(&mac.delimiter, mac.tokens.clone()) {
                self.visit_expr(&call);
            }
            return;
        }
        if let Some(exprs) = expr_args(mac) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
    }

    fn visit_item(&mut self, _: &Item) {}
}

/// Walks another macro's input where it parses as expressions. A nested
/// `defer!`'s code is deferred code of its own; `recover!()` has none.
fn other_macro<V: for<'ast> Visit<'ast>>(visitor: &mut V, mac: &Macro) {
    if is_defer(&mac.path) || is_recover(&mac.path) {
        return;
    }
    if let Some(exprs) = expr_args(mac) {
        for expr in &exprs {
            visitor.visit_expr(expr);
        }
    }
}

pub fn is_compound_assign(op: syn::BinOp) -> bool {
    use syn::BinOp::{
        AddAssign, BitAndAssign, BitOrAssign, BitXorAssign, DivAssign, MulAssign, RemAssign,
        ShlAssign, ShrAssign, SubAssign,
    };
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

fn is_logical(op: syn::BinOp) -> bool {
    matches!(op, syn::BinOp::And(_) | syn::BinOp::Or(_))
}

/// Runs `stmt` (already rewritten, `moved` as plain locals in it) on
/// locals of the moved results' names, taken out of their places and put
/// back after it; an error where control could leave it before that.
pub fn wrap(stmt: &mut Stmt, moved: &[Ident], named: &Named, errors: &mut Vec<syn::Error>) {
    if let Some(span) = escape(stmt) {
        let names = moved
            .iter()
            .map(|ident| format!("`{ident}`"))
            .collect::<Vec<_>>();
        let results = if names.len() == 1 {
            "result"
        } else {
            "results"
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "this leaves a statement of deferred code that has taken the named {results} {} by value, before the statement gives {} back; decide first, then move it out and assign it again in one statement",
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" },
            ),
        ));
        return;
    }
    let span = stmt.span();
    let mut take = TokenStream::new();
    let mut give_back = TokenStream::new();
    for ident in moved {
        let place = names::place(ident);
        let initial = initial(named, ident);
        take.extend(quote! {
            let #place = &mut *#ident;
            #[allow(unused_mut, clippy::mem_replace_with_default, clippy::mem_replace_option_with_none)]
            let mut #ident = ::defer_core::__private::replace(#place, #initial);
        });
        // At the user's statement: a result it moved out and did not give
        // a new value is "used here after move" there.
        give_back.extend(quote_spanned!(span=> *#place = #ident;));
    }
    let block = match stmt {
        Stmt::Local(local) => {
            let Some(init) = &mut local.init else {
                return;
            };
            let expr = &init.expr;
            let value = names::value();
            let taken: Expr = syn::parse_quote!({
                #take
                let #value = #expr;
                #give_back
                #value
            });
            *init.expr = taken;
            return;
        }
        Stmt::Expr(expr, semi) => {
            let value = names::value();
            match semi {
                Some(_) => quote!({ #take #expr; #give_back }),
                None => quote!({ #take let #value = #expr; #give_back #value }),
            }
        }
        Stmt::Macro(mac) => quote!({ #take #mac #give_back }),
        Stmt::Item(_) => return,
    };
    *stmt = Stmt::Expr(syn::parse_quote!(#block), None);
}

/// What the place holds while the statement has the value: the result's
/// initial value, `named(err = ..)`'s initialiser evaluated again, or
/// `Default`.
fn initial(named: &Named, ident: &Ident) -> TokenStream {
    let init = named
        .results
        .iter()
        .find(|(name, ..)| name == ident)
        .and_then(|(_, _, init)| init.as_ref());
    match init {
        Some(init) => quote!(#init),
        None => {
            quote_spanned!(ident.span()=> <_ as ::defer_core::__private::NamedDefault>::initial())
        }
    }
}

/// A `return`, or a `break`/`continue` to a loop or block outside `stmt`,
/// that could leave it before the results go back (`?` in deferred code
/// is an error of its own).
fn escape(stmt: &Stmt) -> Option<Span> {
    struct Escape {
        loops: usize,
        labels: Vec<String>,
        found: Option<Span>,
    }
    impl Escape {
        fn inside(&mut self, label: Option<&syn::Label>, visit: impl FnOnce(&mut Self)) {
            let label = label.map(|label| label.name.ident.to_string());
            self.loops += 1;
            self.labels.extend(label.clone());
            visit(self);
            self.loops -= 1;
            if label.is_some() {
                self.labels.pop();
            }
        }
        fn target(&mut self, label: Option<&syn::Lifetime>, span: Span, loop_only: bool) {
            let outside = match label {
                Some(label) => !self.labels.contains(&label.ident.to_string()),
                None => loop_only && self.loops == 0,
            };
            if outside {
                self.found.get_or_insert(span);
            }
        }
    }
    impl Visit<'_> for Escape {
        fn visit_expr_return(&mut self, ret: &syn::ExprReturn) {
            self.found.get_or_insert(ret.return_token.span);
        }
        fn visit_expr_break(&mut self, brk: &syn::ExprBreak) {
            self.target(brk.label.as_ref(), brk.break_token.span, true);
            visit::visit_expr_break(self, brk);
        }
        fn visit_expr_continue(&mut self, cont: &syn::ExprContinue) {
            self.target(cont.label.as_ref(), cont.continue_token.span, true);
        }
        fn visit_expr_loop(&mut self, expr: &syn::ExprLoop) {
            self.inside(expr.label.as_ref(), |this| {
                visit::visit_expr_loop(this, expr)
            });
        }
        fn visit_expr_while(&mut self, expr: &syn::ExprWhile) {
            self.inside(expr.label.as_ref(), |this| {
                visit::visit_expr_while(this, expr)
            });
        }
        fn visit_expr_for_loop(&mut self, expr: &syn::ExprForLoop) {
            self.inside(expr.label.as_ref(), |this| {
                visit::visit_expr_for_loop(this, expr)
            });
        }
        fn visit_expr_block(&mut self, expr: &syn::ExprBlock) {
            match &expr.label {
                // A labeled block is a target for a labeled `break` only.
                Some(label) => {
                    self.labels.push(label.name.ident.to_string());
                    visit::visit_expr_block(self, expr);
                    self.labels.pop();
                }
                None => visit::visit_expr_block(self, expr),
            }
        }
        fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &syn::ExprAsync) {}
        fn visit_macro(&mut self, mac: &Macro) {
            other_macro(self, mac);
        }
        fn visit_item(&mut self, _: &Item) {}
    }
    let mut finder = Escape {
        loops: 0,
        labels: Vec::new(),
        found: None,
    };
    finder.visit_stmt(stmt);
    finder.found
}
