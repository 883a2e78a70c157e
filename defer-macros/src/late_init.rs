//! A check on a body's top-level statements before it is lowered: a local
//! declared before a level starts must not get its value inside the level.
//!
//! Input: the statements, and the positions where levels start.
//! Output: an error at each `let x;` that only a later level assigns.

use crate::form::is_ident;
use proc_macro2::Ident;
use syn::{Item, Stmt};

/// `let x;` before a level and `x = ..` in it: the level is a closure,
/// which cannot initialise a local it captures, and rustc would say that
/// `x` is not mutable and not initialised. A local assigned somewhere
/// between its `let` and the level is taken as initialised there.
pub fn forbid(stmts: &[Stmt], starts: &[usize], errors: &mut Vec<syn::Error>) {
    for (position, stmt) in stmts.iter().enumerate() {
        let Some((ident, None)) = let_binding(stmt) else {
            continue;
        };
        let Some(&start) = starts.iter().find(|&&start| start > position) else {
            continue;
        };
        let assigns = |stmts: &[Stmt]| stmts.iter().any(|stmt| assigns_to(stmt, ident));
        // Up to a top-level `let` of the same name, which starts another
        // local.
        let end = (start..stmts.len())
            .find(|&later| let_binding(&stmts[later]).is_some_and(|(other, _)| other == ident))
            .unwrap_or(stmts.len());
        if !assigns(&stmts[position + 1..start]) && assigns(&stmts[start..end]) {
            let message = format!(
                "`{ident}` gets its value after a statement that holds a `defer!`, and from there on `#[with_defer]` runs the body in a closure, which cannot initialise a local declared outside it; declare `{ident}` after the `defer!`, or give it a value here",
            );
            errors.push(syn::Error::new(ident.span(), message));
        }
    }
}

/// `let x ..;` or `let x: T ..;`: `x`, and its initialiser if any.
fn let_binding(stmt: &Stmt) -> Option<(&Ident, Option<&syn::LocalInit>)> {
    let Stmt::Local(local) = stmt else {
        return None;
    };
    let pat = match &local.pat {
        syn::Pat::Type(typed) => &*typed.pat,
        pat => pat,
    };
    match pat {
        syn::Pat::Ident(pat) => Some((&pat.ident, local.init.as_ref())),
        _ => None,
    }
}

/// `stmt` holds `ident = ..` (outside closures and items, which could not
/// initialise the function's local either way).
fn assigns_to(stmt: &Stmt, ident: &Ident) -> bool {
    struct Finder<'a> {
        ident: &'a Ident,
        found: bool,
    }
    impl syn::visit::Visit<'_> for Finder<'_> {
        fn visit_expr_assign(&mut self, assign: &syn::ExprAssign) {
            self.found |= is_ident(&assign.left, self.ident);
            syn::visit::visit_expr_assign(self, assign);
        }
        fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
        fn visit_item(&mut self, _: &Item) {}
    }
    let mut finder = Finder {
        ident,
        found: false,
    };
    syn::visit::Visit::visit_stmt(&mut finder, stmt);
    finder.found
}
