//! Named results inside stored deferred code.
//!
//! Stored deferred code (a `defer!` nested in a block or a loop, past the
//! 8th, or in `move` form) is a closure that lives from its statement to
//! the exit. It cannot capture the named results: it would borrow them for
//! the whole body, or take them. So it receives them at exit as `&mut`
//! parameters of the same names, and its code is rewritten here from `err`
//! to `(*err)`, which reads and assigns the result itself. The spans stay
//! the user's, so type errors still point at their tokens.
//!
//! Input: stored deferred code, `if let Err(e) = &err { err = wrap(e) }`.
//! Output: `if let Err(e) = &(*err) { (*err) = wrap(e) }`, and an error at
//! any binding in it that would hide a named result. A statement that
//! moves a result out runs on a local of its name instead (see `take`).

use crate::form::{expr_args, is_defer, is_recover};
use crate::frame::Named;
use crate::take;
use proc_macro2::Ident;
use quote::quote_spanned;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, FieldValue, Item, Macro, Member, PatIdent, Stmt, Token};

pub struct Deref<'a> {
    named: &'a Named,
    pub errors: Vec<syn::Error>,
    /// The results that the statement being rewritten has taken by value:
    /// plain locals in it.
    owned: Vec<Ident>,
}

impl<'a> Deref<'a> {
    pub fn new(named: &'a Named) -> Self {
        Deref {
            named,
            errors: Vec::new(),
            owned: Vec::new(),
        }
    }

    pub fn stmts(mut self, stmts: &mut [Stmt]) -> Vec<syn::Error> {
        for stmt in stmts {
            self.stmt(stmt);
        }
        self.errors
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        let mut moved = take::moved_by(self.named, stmt);
        moved.retain(|ident| !self.owned.contains(ident));
        if moved.is_empty() {
            self.visit_stmt_mut(stmt);
            return;
        }
        let outer = self.owned.len();
        self.owned.extend(moved.iter().cloned());
        self.visit_stmt_mut(stmt);
        self.owned.truncate(outer);
        take::wrap(stmt, &moved, self.named, &mut self.errors);
    }

    pub fn expr(mut self, expr: &mut Expr) -> Vec<syn::Error> {
        self.visit_expr_mut(expr);
        self.errors
    }

    fn result(&self, expr: &Expr) -> Option<Ident> {
        let Expr::Path(path) = expr else {
            return None;
        };
        let ident = path.path.get_ident()?;
        let named = path.qself.is_none() && self.named.has(ident) && !self.owned.contains(ident);
        named.then(|| ident.clone())
    }
}

fn deref(ident: &Ident) -> Expr {
    let span = ident.span();
    Expr::Verbatim(quote_spanned!(span=> (*#ident)))
}

impl VisitMut for Deref<'_> {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        for stmt in &mut block.stmts {
            self.stmt(stmt);
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match self.result(expr) {
            Some(ident) => *expr = deref(&ident),
            None => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_field_value_mut(&mut self, field: &mut FieldValue) {
        // `Point { err }` is `Point { err: err }`: keep the field's name.
        if let (Member::Named(name), None) = (&field.member, &field.colon_token) {
            if self.named.has(name) && !self.owned.contains(name) {
                field.colon_token = Some(Token![:](name.span()));
            }
        }
        visit_mut::visit_field_value_mut(self, field);
    }

    fn visit_pat_ident_mut(&mut self, pat: &mut PatIdent) {
        if self.named.has(&pat.ident) {
            let message = format!(
                "`{}` is a named result, which this deferred code reads and assigns at exit: a new binding of that name would hide it; rename the binding",
                pat.ident,
            );
            self.errors.push(syn::Error::new(pat.ident.span(), message));
        }
        visit_mut::visit_pat_ident_mut(self, pat);
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        // A nested `defer!` is rewritten when it is lowered, as deferred
        // code of its own; `recover!()` has no input.
        if is_defer(&mac.path) || is_recover(&mac.path) {
            return;
        }
        // Other macros whose input is expressions (`println!`, `assert_eq!`,
        // `vec!`...): rewrite them. Others keep `err` as the `&mut`, which
        // formats and matches as the value does.
        if let Some(mut exprs) = expr_args(mac) {
            for expr in &mut exprs {
                self.visit_expr_mut(expr);
            }
            mac.tokens = quote::ToTokens::into_token_stream(exprs);
        }
    }

    fn visit_item_mut(&mut self, _: &mut Item) {
        // A nested item cannot see the function's locals.
    }
}

/// A binding in the body that hides a named result would take the value of
/// a `return` meant for the result (Go assigns the result itself), so it is
/// an error. Deferred code, in macro input, is checked when it is lowered.
pub fn forbid_shadowing(named: &Named, block: &syn::Block, errors: &mut Vec<syn::Error>) {
    struct Shadows<'a> {
        named: &'a Named,
        errors: &'a mut Vec<syn::Error>,
    }
    impl Visit<'_> for Shadows<'_> {
        fn visit_pat_ident(&mut self, pat: &PatIdent) {
            if self.named.has(&pat.ident) {
                let message = format!(
                    "`{}` is a named result: a new binding of that name would hide it from `return` and from deferred code; rename the binding",
                    pat.ident,
                );
                self.errors.push(syn::Error::new(pat.ident.span(), message));
            }
            visit::visit_pat_ident(self, pat);
        }

        fn visit_item(&mut self, _: &Item) {}
    }
    Shadows { named, errors }.visit_block(block);
}
