//! A body (the function's, or a deferred block's) as nested levels.
//!
//! Input: `s0; defer!{A}; s1; if c { defer!(g(x)); } s2; tail`
//! Output (a function returning `R`):
//! ```text
//! let mut __defer_bits: u8 = 0;
//! let __defer_panic = PanicSlot::new();
//! let mut __defer_ret: Option<R> = None;
//! s0;
//! __defer_bits |= 0b0000_0001;
//! __defer_panic.catch(|| {                     // level 1: the rest of the body
//!     s1;                                       // `return`/`?` here: rewritten
//!     let mut __defer_slot_1 = None;
//!     __defer_panic.catch_value(&mut __defer_ret, || {   // innermost level:
//!         if c { __defer_slot_1 = Some(..); __defer_bits |= 0b0000_0010; }
//!         s2;                                   // native `return`/`?`
//!         tail
//!     });
//!     if __defer_bits & 0b0000_0010 != 0 { __defer_panic.call_slot(&mut __defer_slot_1); }
//! });
//! if __defer_bits & 0b0000_0001 != 0 { __defer_panic.catch(|| { A }); }
//! __defer_panic.finish_value(__defer_ret)          // resumes a panic once
//! ```
//! Each level's exit code follows its closure in the scope of every local
//! declared before its statement, so deferred code sees them at exit, and a
//! panic is passed outward as a value and resumed once.

use crate::form::is_defer;
use crate::names;
use crate::rewrite::{DeferCounts, Mode, Rewriter};
use crate::site;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use std::rc::Rc;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Expr, Item, Stmt, Type};

/// What the body's frame returns.
pub enum Ret {
    /// `()`: no return slot.
    Unit,
    /// A value, with the type to annotate the slot with (`impl Trait`
    /// replaced by `_`).
    Value(Box<Type>),
    /// `-> !`: the slot holds `Infallible`.
    Never,
    /// `named(..)`: the named results are the slot.
    Named(Rc<Named>),
}

/// The named results of `#[with_defer(named(..))]`.
pub struct Named {
    /// The function's return type: one result's type, or their tuple.
    pub ty: Type,
    /// Each name, its type, and its initial value.
    pub results: Vec<(Ident, Type, Option<syn::Expr>)>,
}

impl Named {
    /// `n`, or `(n, err)`: the results as one value, and as the place to
    /// assign one to.
    pub fn value(&self) -> TokenStream {
        self.each(|ident, _| quote!(#ident))
    }

    /// `ident` names one of the results.
    pub fn has(&self, ident: &Ident) -> bool {
        self.results.iter().any(|(name, ..)| name == ident)
    }

    /// One result's part alone, several as a tuple.
    fn each(&self, part: impl Fn(&Ident, &Type) -> TokenStream) -> TokenStream {
        let parts = self.results.iter().map(|(ident, ty, _)| part(ident, ty));
        if self.results.len() == 1 {
            quote!(#(#parts)*)
        } else {
            quote!((#(#parts),*))
        }
    }

    /// `n: &mut T`, or `(n, err): (&mut A, &mut B)`: the results as the
    /// parameter of stored deferred code (see [`crate::refs`]). It may not
    /// use them.
    pub fn params(&self) -> TokenStream {
        let (pattern, ty) = (self.value(), self.each(|_, ty| quote!(&mut #ty)));
        quote!(#[allow(unused_variables)] #pattern: #ty)
    }

    /// `&mut n`, or `(&mut n, &mut err)`: what exit code hands to stored
    /// deferred code. `through` when the results are themselves `&mut`
    /// parameters here (exit code inside stored deferred code).
    pub fn refs(&self, through: bool) -> TokenStream {
        self.each(|ident, _| {
            if through {
                quote!(&mut *#ident)
            } else {
                quote!(&mut #ident)
            }
        })
    }

    /// `return value;`: Go evaluates the values, then assigns the results.
    /// A result returned as itself (`return err`) is left in place: moving
    /// it out and back would make the level closure that holds the
    /// `return` take it. Each value is bound with its written type, so that
    /// a mismatch reads as it would without the attribute.
    pub fn assign(&self, value: &Expr) -> TokenStream {
        let values: Vec<&Expr> = match (self.results.len(), strip_parens(value)) {
            (1, _) => vec![value],
            (count, Expr::Tuple(tuple)) if tuple.elems.len() == count => {
                tuple.elems.iter().collect()
            }
            _ => {
                let (ty, place, bound) = (&self.ty, self.value(), names::value());
                return quote!(let #bound: #ty = #value; #place = #bound;);
            }
        };
        let mut lets = TokenStream::new();
        let mut stores = TokenStream::new();
        for (index, ((ident, ty, _), value)) in self.results.iter().zip(values).enumerate() {
            if is_ident(value, ident) {
                continue;
            }
            let bound = names::value_of(index);
            lets.extend(quote!(let #bound: #ty = #value;));
            stores.extend(quote!(#ident = #bound;));
        }
        quote!(#lets #stores)
    }

    fn declarations(&self) -> TokenStream {
        let declarations = self.results.iter().map(|(ident, ty, init)| {
            let init = match init {
                Some(init) => quote!(#init),
                None => {
                    quote_spanned!(ident.span()=> <_ as ::defer_core::__private::NamedDefault>::initial())
                }
            };
            // `mut` goes unused when only the initial value is returned.
            quote!(#[allow(unused_mut)] let mut #ident: #ty = #init;)
        });
        quote!(#(#declarations)*)
    }
}

pub struct Frame {
    pub depth: usize,
    pub ret: Ret,
    /// The frame whose panic `recover!()` at this body's own level takes:
    /// the enclosing frame's for deferred code, none for a function body.
    pub owner_panic: Option<Ident>,
    /// Deferred code: `return expr` and `?` are errors.
    pub deferred: bool,
    /// The body of a closure-literal callee (`defer!((|| ..)())`): deferred
    /// code, but a closure, so it cannot hold `defer!`s of its own.
    pub closure_callee: bool,
    /// Sites numbered so far (they name slots and lists).
    pub next_site: usize,
    /// Defers outside loops so far: the first 8 get a bit.
    pub open_coded: usize,
    /// A `recover!()` takes this frame's panic: after the exit code the
    /// function may have to return without a value of its own.
    pub recovers: bool,
    /// A `recover!()` at this body's own level takes the owner's panic.
    pub owner_recovers: bool,
    /// The function's named results, in every frame of the function:
    /// stored deferred code takes them in and hands them back at exit.
    pub named: Option<Rc<Named>>,
    /// Code of this frame runs inside stored deferred code: the named
    /// results are `&mut` parameters.
    pub named_refs: bool,
    /// The body has an error that rustc reports best on the function as
    /// written (`?` in a function that returns `()`).
    pub as_written: bool,
}

impl Frame {
    pub fn function(ret: Ret) -> Frame {
        let named = match &ret {
            Ret::Named(named) => Some(Rc::clone(named)),
            _ => None,
        };
        Frame {
            named,
            named_refs: false,
            as_written: false,
            depth: 0,
            ret,
            owner_panic: None,
            deferred: false,
            closure_callee: false,
            next_site: 0,
            open_coded: 0,
            recovers: false,
            owner_recovers: false,
        }
    }

    fn deferred_in(owner: &Frame, stored: bool) -> Frame {
        Frame {
            named_refs: owner.named_refs || stored,
            as_written: false,
            depth: owner.depth + 1,
            ret: Ret::Unit,
            owner_panic: Some(names::panic(owner.depth)),
            named: owner.named.clone(),
            deferred: true,
            closure_callee: false,
            next_site: 0,
            open_coded: 0,
            recovers: false,
            owner_recovers: false,
        }
    }

    pub fn closure_callee(owner: &Frame) -> Frame {
        Frame {
            deferred: false,
            closure_callee: true,
            ..Frame::deferred_in(owner, false)
        }
    }
}

/// One `defer!`'s contribution to its level: storage declared before the
/// level's statement, and the exit code.
#[derive(Default)]
pub struct Site {
    pub decl: TokenStream,
    /// The exit code, run in reverse site order.
    pub exit: TokenStream,
    /// The exit code as an arm of the order log's `match`: run this site's
    /// newest registration.
    pub run: TokenStream,
}

/// The top-level statement that starts a level, the statements after it up
/// to the next level, and the defers it registers.
struct Level {
    /// Runs before the level's closure: slot declarations, and a top-level
    /// `defer!`'s statement code.
    before: TokenStream,
    /// The first statement of the body: the level's closure is located
    /// there, so that a borrow error about what it captures points at the
    /// user's code that uses the capture, not at the attribute.
    span: Option<Span>,
    body: TokenStream,
    sites: Vec<Site>,
    /// The order log, when the statement holds a loop `defer!` and others.
    order: Option<Ident>,
}

/// Deferred code: a body of its own, whose `defer!`s run when it ends.
/// `stored` when it runs from a closure kept until exit, rather than inline
/// in the exit code.
pub fn deferred(
    mut stmts: Vec<Stmt>,
    owner: &mut Frame,
    stored: bool,
    errors: &mut Vec<syn::Error>,
) -> TokenStream {
    // Deferred code has no value: a trailing expression is a statement.
    if let Some(Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
        *semi = Some(Default::default());
    }
    let mut frame = Frame::deferred_in(owner, stored);
    if let (true, Some(named)) = (frame.named_refs, &frame.named) {
        errors.extend(crate::refs::Deref::new(named).stmts(&mut stmts));
    }
    let tokens = body(stmts, &mut frame, errors);
    owner.recovers |= frame.owner_recovers;
    tokens
}

pub fn body(stmts: Vec<Stmt>, frame: &mut Frame, errors: &mut Vec<syn::Error>) -> TokenStream {
    let (items, stmts) = hoist_items(stmts);
    let counts: Vec<DeferCounts> = stmts.iter().map(DeferCounts::of).collect();
    let mut starts: Vec<usize> = (0..stmts.len()).filter(|&i| counts[i].all > 0).collect();
    let named = match &frame.ret {
        Ret::Named(named) => Some(Rc::clone(named)),
        _ => None,
    };
    if named.is_some() && starts.first() != Some(&0) && !stmts.is_empty() {
        // With named results every `return`, `?` and the tail assign them
        // and leave a level, so the whole body is one.
        starts.insert(0, 0);
    }
    forbid_late_init(&stmts, &starts, errors);
    let level_count = starts.len();
    let last = stmts.len().checked_sub(1);
    let mode_of = |level: usize| {
        if level + 1 == level_count && named.is_none() {
            Mode::Native
        } else {
            Mode::Rewrite
        }
    };
    let mut pre = TokenStream::new();
    let mut levels: Vec<Level> = Vec::new();
    // `starts` is sorted: a cursor keeps the walk linear in statements.
    let mut next_start = starts.iter().peekable();
    for (position, stmt) in stmts.into_iter().enumerate() {
        let starts_level = next_start.next_if(|&&start| start == position).is_some();
        if starts_level {
            // Several sites of which one may register many times: their
            // relative order is only known at run time.
            let ordered = counts[position].in_loops > 0 && counts[position].all > 1;
            let order = ordered.then(|| names::order(frame.depth));
            let before = match &order {
                Some(order) => {
                    quote!(let mut #order: ::defer_core::__private::List<u16> = ::defer_core::__private::List::new();)
                }
                None => TokenStream::new(),
            };
            levels.push(Level {
                before,
                span: None,
                body: TokenStream::new(),
                sites: Vec::new(),
                order,
            });
        }
        let Some(current) = levels.len().checked_sub(1) else {
            pre.extend(walk(stmt, frame, errors, Mode::Native, None).0);
            continue;
        };
        match stmt {
            Stmt::Macro(mac) if starts_level && is_defer(&mac.mac.path) => {
                let enclosing = current.checked_sub(1).map_or(Mode::Native, mode_of);
                let (statement, site) = site::top_level(&mac.mac, frame, enclosing, errors);
                let level = &mut levels[current];
                level.before = statement;
                level.sites.push(site);
            }
            stmt => {
                let is_tail = Some(position) == last
                    && matches!(
                        &stmt,
                        Stmt::Expr(_, None)
                            | Stmt::Macro(syn::StmtMacro {
                                semi_token: None,
                                ..
                            })
                    );
                let order = levels[current].order.clone();
                let span = stmt.span();
                let named_tail = is_tail && named.is_some();
                let stmt = if named_tail { tail_return(stmt) } else { stmt };
                let (mut tokens, sites) = walk(stmt, frame, errors, mode_of(current), order);
                if named_tail {
                    // A diverging tail (`todo!()`) makes the assignment
                    // unreachable; that says nothing about the user's code.
                    tokens = quote!(#[allow(unreachable_code)] { #tokens });
                }
                let level = &mut levels[current];
                level.span.get_or_insert(span);
                for site in &sites {
                    level.before.extend(site.decl.clone());
                }
                level.body.extend(tokens);
                level.sites.extend(sites);
            }
        }
    }
    if levels.is_empty() {
        if let Some(named) = &named {
            // An empty body: the named results' initial values.
            let (declarations, value) = (named.declarations(), named.value());
            return quote!(#(#items)* #declarations #value);
        }
        return quote!(#(#items)* #pre);
    }
    let nested = assemble(levels, frame);
    let (setup, epilogue) = frame_parts(frame);
    quote!(#(#items)* #setup #pre #nested #epilogue)
}

/// The tail expression of a function with named results is Go's `return
/// e`: it assigns them, and the exit code runs.
fn tail_return(stmt: Stmt) -> Stmt {
    let value = match stmt {
        Stmt::Expr(value, None) => value,
        Stmt::Macro(mac) => Expr::Macro(syn::ExprMacro {
            attrs: mac.attrs,
            mac: mac.mac,
        }),
        stmt => return stmt,
    };
    let ret = Expr::Return(syn::ExprReturn {
        attrs: Vec::new(),
        return_token: syn::Token![return](value.span()),
        expr: Some(Box::new(value)),
    });
    Stmt::Expr(ret, None)
}

fn walk(
    mut stmt: Stmt,
    frame: &mut Frame,
    errors: &mut Vec<syn::Error>,
    mode: Mode,
    order: Option<Ident>,
) -> (TokenStream, Vec<Site>) {
    let mut rewriter = Rewriter::new(frame, errors, mode);
    rewriter.order = order;
    rewriter.visit_stmt_mut(&mut stmt);
    (quote!(#stmt), rewriter.sites)
}

/// Items are visible in their whole block: hoisting them out of the level
/// closures keeps them visible to exit code. `macro_rules!` is textually
/// scoped and may use earlier locals, so it stays in place.
fn hoist_items(stmts: Vec<Stmt>) -> (Vec<Item>, Vec<Stmt>) {
    let mut items = Vec::new();
    let mut rest = Vec::new();
    for stmt in stmts {
        match stmt {
            Stmt::Item(item) if !matches!(&item, Item::Macro(_)) => items.push(item),
            other => rest.push(other),
        }
    }
    (items, rest)
}

fn assemble(levels: Vec<Level>, frame: &Frame) -> TokenStream {
    let panic = names::panic(frame.depth);
    let ret = names::ret(frame.depth);
    let innermost = levels.len() - 1;
    let mut inner = TokenStream::new();
    for (index, level) in levels.into_iter().enumerate().rev() {
        let Level {
            before,
            span,
            body,
            sites,
            order,
        } = level;
        let span = span.unwrap_or_else(Span::call_site);
        let run = match (&frame.ret, index == innermost) {
            (Ret::Value(_) | Ret::Never, true) => {
                quote_spanned!(span=> #panic.catch_value(&mut #ret, || { #body #inner });)
            }
            // A `defer!` that ends the body: nothing runs after it.
            _ if body.is_empty() && inner.is_empty() => TokenStream::new(),
            _ => quote_spanned!(span=> #panic.catch(|| { #body #inner });),
        };
        let exits = match order {
            Some(order) => {
                let ids = 0..u16::try_from(sites.len()).unwrap_or(u16::MAX);
                let runs = sites.iter().map(|site| &site.run);
                let id = names::site_id();
                quote! {
                    while let ::core::option::Option::Some(#id) = #order.pop() {
                        match #id {
                            #(#ids => #runs,)*
                            _ => {}
                        }
                    }
                }
            }
            None => {
                let exits = sites.iter().rev().map(|site| &site.exit);
                quote!(#(#exits)*)
            }
        };
        inner = quote!(#before #run #exits);
    }
    inner
}

fn frame_parts(frame: &Frame) -> (TokenStream, TokenStream) {
    let bits = names::bits(frame.depth);
    let panic = names::panic(frame.depth);
    let ret = names::ret(frame.depth);
    let mut setup = quote! {
        let mut #bits: u8 = 0;
        let #panic = ::defer_core::__private::PanicSlot::new();
    };
    let epilogue = match (&frame.ret, &frame.owner_panic) {
        (_, Some(owner)) => quote!(#owner.absorb(#panic);),
        (Ret::Unit, None) => quote!(#panic.finish();),
        (Ret::Value(ty), None) => {
            setup.extend(
                quote!(let mut #ret: ::core::option::Option<#ty> = ::core::option::Option::None;),
            );
            if frame.recovers {
                // SPEC §6: after a recovery the function returns the value
                // of the `return` under way, or else `Default::default()`;
                // the bound's error points at the return type.
                let zero = quote_spanned!(ty.span()=> <_ as ::defer_core::__private::Recovered>::recovered);
                quote!(#panic.finish_recovered(#ret, #zero))
            } else {
                quote!(#panic.finish_value(#ret))
            }
        }
        (Ret::Named(named), None) => {
            let declarations = named.declarations();
            setup = quote!(#declarations #setup);
            let value = named.value();
            quote!(#panic.finish(); #value)
        }
        (Ret::Never, None) => {
            setup.extend(quote! {
                let mut #ret: ::core::option::Option<::core::convert::Infallible> = ::core::option::Option::None;
            });
            quote!(match #panic.finish_value(#ret) {})
        }
    };
    (setup, epilogue)
}

/// `let x;` before a level and `x = ..` in it: the level is a closure,
/// which cannot initialise a local it captures, and rustc would say that
/// `x` is not mutable and not initialised. A local assigned somewhere
/// between its `let` and the level is taken as initialised there.
fn forbid_late_init(stmts: &[Stmt], starts: &[usize], errors: &mut Vec<syn::Error>) {
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

fn strip_parens(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(paren) => strip_parens(&paren.expr),
        Expr::Group(group) => strip_parens(&group.expr),
        expr => expr,
    }
}

fn is_ident(expr: &Expr, ident: &Ident) -> bool {
    match strip_parens(expr) {
        Expr::Path(path) => path.qself.is_none() && path.path.get_ident() == Some(ident),
        _ => false,
    }
}
