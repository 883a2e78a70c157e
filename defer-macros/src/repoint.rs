//! `&mut` bindings the levels take by value.
//!
//! A level closure captures a binding it reborrows by unique borrow, so a
//! reborrow through it cannot outlive the closure, although the function
//! compiles without the attribute: `dst = &mut dst[n..];` re-points a
//! `&mut` parameter at such a reborrow (E0597), and a function that returns
//! a borrow of `&mut self` or of a `&mut` parameter returns one (before
//! edition 2021, where a closure captures the whole `self`: E0373). A
//! reference has no destructor, so when no deferred code reads it, nothing
//! tells whether the closure holds the binding or a borrow of it: the
//! closure takes it by value.
//!
//! Input: the candidates, parameters of type `&mut T` or `Option<&mut T>`,
//! a `&mut self` receiver, and top-level `let mut` bindings of such a type
//! (written, or an `&mut ..` initialiser); where the body's levels start.
//! Output: per level, the bindings to move in at the top of its closure
//! (`let mut dst = dst;`, `let __defer_self = self;`), for every level from
//! the one after the declaration down to the last one that assigns the
//! binding (or, when the function returns a borrow, uses it); the
//! declarations whose `mut` that leaves unused; and `self` renamed in the
//! statements of those levels, since `self` cannot be bound again.

use crate::form::{calls_stub, is_defer, mentions, starts_path};
use crate::frame::Param;
use crate::take::assigns;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, FnArg, Pat, ReceiverKind, ReturnType, Signature, Stmt, Type};

/// The parameters of a `&mut` type, and a `&mut self` receiver.
/// `returns_borrow`: see [`returns_borrow`], which decides for a by-value
/// `self`.
pub fn params(sig: &Signature, returns_borrow: bool) -> Vec<Param> {
    sig.inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Receiver(receiver) => {
                let by_mut_ref = match &receiver.kind {
                    ReceiverKind::Reference(_, _, mutability) => mutability.is_some(),
                    ReceiverKind::Typed(_, ty) => {
                        matches!(&**ty, Type::Reference(r) if r.mutability.is_some())
                    }
                    // `impl<'a> IntoIterator for &'a mut T { fn into_iter(self)
                    // -> Self::IntoIter }`: a by-value `self` may be a `&mut`
                    // the result borrows from. If it owns something instead,
                    // moved into the levels it is dropped when the body ends,
                    // as the body's own locals are, before deferred code
                    // that does not use it.
                    ReceiverKind::Value => returns_borrow,
                    _ => false,
                };
                by_mut_ref.then(|| Param {
                    ident: Ident::new("self", receiver.self_token.span),
                    mutable: receiver.mutability.is_some(),
                    receiver: true,
                })
            }
            FnArg::Typed(typed) if mut_ref_type(&typed.ty) => match &*typed.pat {
                Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => Some(Param {
                    ident: pat.ident.clone(),
                    mutable: pat.mutability.is_some(),
                    receiver: false,
                }),
                _ => None,
            },
            FnArg::Typed(_) => None,
        })
        .collect()
}

/// The return type may borrow: it holds a `&`, a lifetime, or `Self`
/// (which may carry one).
pub fn returns_borrow(output: &ReturnType) -> bool {
    holds(output.to_token_stream(), &["Self"])
}

/// The returned value may hold a lifetime: [`returns_borrow`], or a `dyn`
/// or an `impl` type. A lifetime hidden in a path (`-> Parser` for
/// `Parser<'a>`) is not seen.
pub fn value_may_borrow(output: &ReturnType) -> bool {
    holds(output.to_token_stream(), &["Self", "dyn", "impl"])
}

/// `tokens` hold a `&`, a lifetime, or one of `idents`.
fn holds(tokens: TokenStream, idents: &[&str]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Punct(punct) => punct.as_char() == '&' || punct.as_char() == '\'',
        TokenTree::Ident(ident) => idents.iter().any(|name| ident == name),
        TokenTree::Group(group) => holds(group.stream(), idents),
        _ => false,
    })
}

/// One binding moved into one level.
#[derive(Clone)]
struct Move {
    param: Param,
    /// The outermost level it moves into: a receiver comes from `self`.
    first: bool,
}

/// What to move into each level, which top-level `let`s (by index) and
/// parameters were moved, and where `self` is renamed.
#[derive(Default)]
pub struct Moves {
    per_level: Vec<Vec<Move>>,
    pub lets: Vec<usize>,
    pub params: Vec<Ident>,
    /// The statements (by index, inclusive) that use `self` as
    /// `__defer_self`.
    pub self_renamed: Option<(usize, usize)>,
}

impl Moves {
    /// The moves at the top of level `level`'s closure.
    pub fn taken_by(&self, level: usize) -> TokenStream {
        let mut tokens = TokenStream::new();
        for Move { param, first } in self.per_level.get(level).into_iter().flatten() {
            let ident = &param.ident;
            tokens.extend(match (param.receiver, first, param.mutable) {
                (true, true, mutable) => {
                    let renamed = renamed_self(ident.span());
                    let mutable = mutable.then(|| quote!(mut));
                    quote!(#[allow(unused_mut)] let #mutable #renamed = #ident;)
                }
                (true, false, mutable) => {
                    let renamed = renamed_self(ident.span());
                    let mutable = mutable.then(|| quote!(mut));
                    quote!(#[allow(unused_mut)] let #mutable #renamed = #renamed;)
                }
                (false, _, true) => quote!(#[allow(unused_mut)] let mut #ident = #ident;),
                (false, _, false) => quote!(let #ident = #ident;),
            });
        }
        tokens
    }
}

pub fn moves(stmts: &[Stmt], starts: &[usize], params: &[Param], returns_borrow: bool) -> Moves {
    let mut moves = Moves {
        per_level: vec![Vec::new(); starts.len()],
        ..Moves::default()
    };
    if starts.is_empty() {
        return moves;
    }
    let mut candidates: Vec<(Param, Option<usize>)> =
        params.iter().map(|param| (param.clone(), None)).collect();
    for (index, stmt) in stmts.iter().enumerate() {
        if let Some(ident) = let_candidate(stmt) {
            let param = Param {
                ident,
                mutable: true,
                receiver: false,
            };
            candidates.push((param, Some(index)));
        }
    }
    for (param, declared) in candidates {
        let ident = &param.ident;
        let name = ident.to_string();
        let first = declared.map_or(0, |index| index + 1);
        // Up to the next top-level `let` of the same name, which is another
        // binding.
        let end = (first..stmts.len())
            .find(|&index| binds(&stmts[index], ident))
            .unwrap_or(stmts.len());
        // A `&mut` parameter is a reference the levels may always hold by
        // value; `self` and `let`s only where that is what makes the
        // function compile, to keep the expansion as written elsewhere.
        let needs = |stmt: &Stmt| match (param.receiver, declared) {
            (false, None) => mentions_in(stmt, &name),
            _ if returns_borrow => mentions_in(stmt, &name),
            (true, _) => false,
            (false, Some(_)) => assigns(stmt, ident),
        };
        let Some(last) = (first..end).rev().find(|&index| needs(&stmts[index])) else {
            continue;
        };
        if stmts.iter().any(|stmt| deferred_code_mentions(stmt, &name)) {
            continue;
        }
        let levels: Vec<usize> = (0..starts.len())
            .filter(|&level| starts[level] >= first && starts[level] <= last)
            .collect();
        for (nth, &level) in levels.iter().enumerate() {
            moves.per_level[level].push(Move {
                param: param.clone(),
                first: nth == 0,
            });
        }
        match (levels.first(), declared) {
            (None, _) => {}
            (Some(&level), _) if param.receiver => {
                moves.self_renamed = Some((starts[level], last));
                if param.mutable {
                    moves.params.push(ident.clone());
                }
            }
            (Some(_), Some(index)) => moves.lets.push(index),
            (Some(_), None) => moves.params.push(ident.clone()),
        }
    }
    moves
}

/// `__defer_self`, located at the user's `self`.
fn renamed_self(at: Span) -> Ident {
    Ident::new("__defer_self", Span::mixed_site().located_at(at))
}

/// Renames `self` to `__defer_self` in `stmt`, other macros' input
/// included (but not `self::` paths, nor nested items).
pub fn rename_self(stmt: &mut Stmt) {
    RenameSelf.visit_stmt_mut(stmt);
}

struct RenameSelf;

impl VisitMut for RenameSelf {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Path(path) = expr {
            if path.qself.is_none() && path.path.segments.len() == 1 {
                let segment = &mut path.path.segments[0];
                if segment.ident == "self" {
                    segment.ident = renamed_self(segment.ident.span());
                    return;
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = rename_in_tokens(std::mem::take(&mut mac.tokens));
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn rename_in_tokens(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (index, tree) in trees.iter().enumerate() {
        out.push(match tree {
            // `self::item` names a module, not the receiver.
            TokenTree::Ident(ident) if ident == "self" && !starts_path(trees.get(index + 1)) => {
                TokenTree::Ident(renamed_self(ident.span()))
            }
            TokenTree::Group(group) => {
                let mut renamed =
                    proc_macro2::Group::new(group.delimiter(), rename_in_tokens(group.stream()));
                renamed.set_span(group.span());
                TokenTree::Group(renamed)
            }
            other => other.clone(),
        });
    }
    out.into_iter().collect()
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

/// `ident` in the tokens of a `defer!` (or `recover!`) in `stmt`: exit
/// code that runs outside the level closures may read it.
fn deferred_code_mentions(stmt: &Stmt, name: &str) -> bool {
    struct Finder<'a> {
        name: &'a str,
        found: bool,
    }
    impl Visit<'_> for Finder<'_> {
        fn visit_macro(&mut self, mac: &syn::Macro) {
            let deferred = is_defer(&mac.path) || calls_stub(mac.tokens.clone());
            self.found |= deferred && mentions(mac.tokens.clone(), &[self.name]);
        }
        fn visit_item(&mut self, _: &syn::Item) {}
    }
    let mut finder = Finder { name, found: false };
    finder.visit_stmt(stmt);
    finder.found
}

/// `name` anywhere in `stmt`'s tokens, nested items left out.
fn mentions_in(stmt: &Stmt, name: &str) -> bool {
    !matches!(stmt, Stmt::Item(_)) && mentions(stmt.to_token_stream(), &[name])
}
