//! `&mut` bindings that the body re-points: moved into the level closures.
//!
//! A level closure captures a binding it assigns by unique borrow, so in
//! `dst = &mut dst[n..];` the new reference is a reborrow through that
//! borrow and cannot outlive the closure (E0597), although the function
//! compiles without the attribute. A reference has no destructor, so when
//! no deferred code reads it, nothing tells whether the closure holds the
//! binding or a borrow of it: the closure takes it by value.
//!
//! Input: the candidates, `mut` parameters and top-level `let mut`
//! bindings of type `&mut T` or `Option<&mut T>` (written, or an `&mut ..`
//! initialiser), and where the body's levels start.
//! Output: per level, the bindings to move in at the top of its closure,
//! `#[allow(unused_mut)] let mut dst = dst;`, for every level from the one
//! after the declaration down to the last one that assigns the binding;
//! and the declarations whose `mut` that leaves unused in the outer scope.

use crate::form::{calls_stub, is_ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::visit::Visit;
use syn::{Expr, FnArg, Pat, Signature, Stmt, Type};

/// The `mut` parameters of a `&mut T` or `Option<&mut T>` type.
pub fn params(sig: &Signature) -> Vec<Ident> {
    sig.inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) if mut_ref_type(&typed.ty) => mut_ident(&typed.pat),
            _ => None,
        })
        .collect()
}

/// What to move into each level, and which top-level `let`s (by index)
/// and parameters were moved.
#[derive(Default)]
pub struct Moves {
    pub per_level: Vec<Vec<Ident>>,
    pub lets: Vec<usize>,
    pub params: Vec<Ident>,
}

impl Moves {
    /// `#[allow(unused_mut)] let mut x = x;` for each binding moved into
    /// level `level`.
    pub fn taken_by(&self, level: usize) -> TokenStream {
        let idents = self.per_level.get(level).into_iter().flatten();
        quote!(#(#[allow(unused_mut)] let mut #idents = #idents;)*)
    }
}

pub fn moves(stmts: &[Stmt], starts: &[usize], params: &[Ident]) -> Moves {
    let mut moves = Moves {
        per_level: vec![Vec::new(); starts.len()],
        ..Moves::default()
    };
    if starts.is_empty() {
        return moves;
    }
    let mut candidates: Vec<(Ident, Option<usize>)> =
        params.iter().map(|param| (param.clone(), None)).collect();
    for (index, stmt) in stmts.iter().enumerate() {
        if let Some(ident) = let_candidate(stmt) {
            candidates.push((ident, Some(index)));
        }
    }
    for (ident, declared) in candidates {
        let first = declared.map_or(0, |index| index + 1);
        // Up to the next top-level `let` of the same name, which is another
        // binding.
        let end = (first..stmts.len())
            .find(|&index| binds(&stmts[index], &ident))
            .unwrap_or(stmts.len());
        let Some(last_assigned) = (first..end)
            .rev()
            .find(|&index| assigns(&stmts[index], &ident))
        else {
            continue;
        };
        if stmts
            .iter()
            .any(|stmt| deferred_code_mentions(stmt, &ident))
        {
            continue;
        }
        let mut moved = false;
        for (level, &start) in starts.iter().enumerate() {
            if start >= first && start <= last_assigned {
                moves.per_level[level].push(ident.clone());
                moved = true;
            }
        }
        match (moved, declared) {
            (false, _) => {}
            (true, Some(index)) => moves.lets.push(index),
            (true, None) => moves.params.push(ident),
        }
    }
    moves
}

fn mut_ident(pat: &Pat) -> Option<Ident> {
    match pat {
        Pat::Ident(pat)
            if pat.mutability.is_some() && pat.by_ref.is_none() && pat.subpat.is_none() =>
        {
            Some(pat.ident.clone())
        }
        _ => None,
    }
}

/// `&mut T`, `&'a mut T` or `Option<&mut T>`: no destructor.
fn mut_ref_type(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => reference.mutability.is_some(),
        Type::Paren(paren) => mut_ref_type(&paren.elem),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                return false;
            };
            last.ident == "Option"
                && args.args.len() == 1
                && matches!(&args.args[0], syn::GenericArgument::Type(inner) if matches!(inner, Type::Reference(r) if r.mutability.is_some()))
        }
        _ => false,
    }
}

/// `let mut x: &mut T = ..;` or `let mut x = &mut ..;`.
fn let_candidate(stmt: &Stmt) -> Option<Ident> {
    let Stmt::Local(local) = stmt else {
        return None;
    };
    match &local.pat {
        Pat::Type(typed) if mut_ref_type(&typed.ty) => mut_ident(&typed.pat),
        pat => {
            let init = local.init.as_ref()?;
            let is_mut_ref =
                matches!(&*init.expr, Expr::Reference(reference) if reference.mutability.is_some());
            (is_mut_ref && init.diverge.is_none())
                .then(|| mut_ident(pat))
                .flatten()
        }
    }
}

/// A top-level `let` that binds `ident` (shadowing it from there on).
fn binds(stmt: &Stmt, ident: &Ident) -> bool {
    let Stmt::Local(local) = stmt else {
        return false;
    };
    let mut finder = Binds {
        ident,
        found: false,
    };
    finder.visit_pat(&local.pat);
    finder.found
}

struct Binds<'a> {
    ident: &'a Ident,
    found: bool,
}

impl Visit<'_> for Binds<'_> {
    fn visit_pat_ident(&mut self, pat: &syn::PatIdent) {
        self.found |= pat.ident == *self.ident;
        syn::visit::visit_pat_ident(self, pat);
    }
}

/// `ident = ..` somewhere in `stmt`.
fn assigns(stmt: &Stmt, ident: &Ident) -> bool {
    struct Finder<'a> {
        ident: &'a Ident,
        found: bool,
    }
    impl Visit<'_> for Finder<'_> {
        fn visit_expr_assign(&mut self, assign: &syn::ExprAssign) {
            self.found |= is_ident(&assign.left, self.ident);
            syn::visit::visit_expr_assign(self, assign);
        }
        fn visit_item(&mut self, _: &syn::Item) {}
    }
    let mut finder = Finder {
        ident,
        found: false,
    };
    finder.visit_stmt(stmt);
    finder.found
}

/// `ident` in the tokens of a `defer!` (or `recover!`) in `stmt`: exit
/// code that runs outside the level closures may read it.
fn deferred_code_mentions(stmt: &Stmt, ident: &Ident) -> bool {
    struct Finder<'a> {
        ident: &'a Ident,
        found: bool,
    }
    impl Visit<'_> for Finder<'_> {
        fn visit_macro(&mut self, mac: &syn::Macro) {
            let deferred = crate::form::is_defer(&mac.path) || calls_stub(mac.tokens.clone());
            self.found |= deferred && mentions(mac.tokens.clone(), self.ident);
        }
        fn visit_item(&mut self, _: &syn::Item) {}
    }
    let mut finder = Finder {
        ident,
        found: false,
    };
    finder.visit_stmt(stmt);
    finder.found
}

fn mentions(tokens: TokenStream, ident: &Ident) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(found) => found == *ident,
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), ident),
        _ => false,
    })
}
