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

use crate::exit::Mode;
use crate::form::{is_defer, quiet_at_statement};
use crate::frame::{Frame, Named, Ret, Runs, Site};
use crate::late_init;
use crate::names;
use crate::refs::Deref;
use crate::repoint;
use crate::rewrite::{Lowering, Rewriter};
use crate::site;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use std::rc::Rc;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Item, Macro, Stmt};

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
    /// `&mut` bindings it re-points, taken by value (see `repoint`).
    moves: TokenStream,
    body: TokenStream,
    /// The body is one expression, its tail.
    only_tail: bool,
    sites: Vec<Site>,
    /// The order log, when the statement holds a loop `defer!` and others.
    order: Option<Ident>,
}

const LOWERING: Lowering = Lowering { deferred, body };

/// Deferred code: a body of its own, whose `defer!`s run when it ends.
/// Run inline, it is a block whose label its `return`s break.
pub fn deferred(
    mut stmts: Vec<Stmt>,
    owner: &mut Frame,
    runs: Runs,
    errors: &mut Vec<syn::Error>,
) -> TokenStream {
    // Deferred code has no value: a trailing expression is a statement.
    if let Some(Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
        *semi = Some(Default::default());
    }
    let mut frame = Frame::deferred_in(owner, runs);
    if let (true, Some(named)) = (frame.named_refs, &frame.named) {
        errors.extend(Deref::new(named).stmts(&mut stmts));
    }
    let tokens = body(stmts, &mut frame, errors);
    owner.recovers |= frame.owner_recovers;
    match (&frame.label, frame.label_used) {
        (Some(label), true) => quote!(#label: { #tokens }),
        _ => tokens,
    }
}

/// Input: a body's statements. Output: its frame's setup, the statements
/// before the first level, the levels nested in one another, and the
/// frame's epilogue (see the module's example).
pub fn body(stmts: Vec<Stmt>, frame: &mut Frame, errors: &mut Vec<syn::Error>) -> TokenStream {
    let (items, mut stmts) = hoist_items(stmts);
    let plan = Plan::of(&stmts, frame);
    let tail_span = stmts.last().filter(|stmt| is_tail(stmt)).map(Spanned::span);
    late_init::forbid(&stmts, &plan.starts, errors);
    let moves = repoint::moves(
        &stmts,
        &plan.starts,
        &frame.repointable,
        frame.returns_borrow,
    );
    for &index in &moves.lets {
        if let Stmt::Local(local) = &mut stmts[index] {
            local.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
        }
    }
    if let Some((first, last)) = moves.self_renamed {
        stmts[first..=last]
            .iter_mut()
            .for_each(repoint::rename_self);
    }
    frame.moved_params.clone_from(&moves.params);
    let (pre, mut levels) = split(stmts, &plan, frame, errors);
    for (index, level) in levels.iter_mut().enumerate() {
        level.moves = moves.taken_by(index);
    }
    if levels.is_empty() {
        if let Some(named) = &plan.named {
            // An empty body: the named results' initial values.
            let (declarations, value) = (declarations(named), named.value());
            return quote!(#(#items)* #declarations #value);
        }
        return quote!(#(#items)* #pre);
    }
    let nested = assemble(levels, frame, plan.stores);
    let (setup, epilogue) = frame_parts(frame, tail_span);
    quote!(#(#items)* #setup #pre #nested #epilogue)
}

/// Where a body's levels start, decided before it is walked.
struct Plan {
    counts: Vec<DeferCounts>,
    /// The statements that start a level, in ascending order.
    starts: Vec<usize>,
    /// The frame's named results, when it is the function's.
    named: Option<Rc<Named>>,
    /// The innermost level stores the frame's value too (see
    /// [`Plan::mode`]).
    stores: bool,
    last: Option<usize>,
}

impl Plan {
    fn of(stmts: &[Stmt], frame: &Frame) -> Plan {
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
        // A top-level `defer!` right after another joins its level when
        // nothing it does at its statement can panic or leave: its exit
        // code runs in the same scope either way, and one level is one
        // closure under `catch_unwind` fewer.
        starts.retain(|&start| start == 0 || !joins_previous(&stmts[start - 1], &stmts[start]));
        let innermost = starts.last().map_or(stmts, |&start| &stmts[start..]);
        // An `async fn`'s innermost block gives its value (`async_run`).
        let stores = named.is_some()
            || (matches!(frame.ret, Ret::Value(_))
                && frame.value_may_borrow
                && !frame.is_async
                && !hides_exit(innermost));
        Plan {
            counts,
            starts,
            named,
            stores,
            last: stmts.len().checked_sub(1),
        }
    }

    /// Only the innermost level's closure returns the function's value
    /// itself, with native `return` and `?`; every other level stores it
    /// and leaves. Where the value may borrow (see
    /// `Frame::value_may_borrow`), the innermost level stores it too: a closure that
    /// returned it would tie its borrows to a bound of the runtime's, and
    /// rustc's errors about them would point into defer-core. Storing costs
    /// a closure per `?` (the conversion), so it is not done everywhere.
    fn mode(&self, level: usize) -> Mode {
        if level + 1 == self.starts.len() && !self.stores {
            Mode::Innermost
        } else {
            Mode::Rewrite
        }
    }

    /// The order log of the level that `position` starts: several sites
    /// of which one may register many times, so their relative order is
    /// only known at run time.
    fn order(&self, position: usize, frame: &Frame) -> Option<Ident> {
        let counts = &self.counts[position];
        let ordered = counts.in_loops > 0 && counts.all > 1;
        ordered.then(|| names::order(frame.depth))
    }
}

/// A `?` or `return` that the walk cannot rewrite: in another macro's
/// input that is not expressions (`map_both!(x, ref y => y.next()?)`), or
/// in what a macro other than the standard library's expands to
/// (`try_right!(..)`, `bail!(..)`). It keeps its meaning only where the
/// level returns the value itself.
fn hides_exit(stmts: &[Stmt]) -> bool {
    struct Finder(bool);
    impl Visit<'_> for Finder {
        fn visit_macro(&mut self, mac: &Macro) {
            let ours = is_defer(&mac.path) || crate::form::is_recover(&mac.path);
            let hidden = !crate::form::STANDARD
                .iter()
                .any(|name| crate::form::is_named(&mac.path, name))
                || (crate::form::expr_args(mac).is_none() && exits(mac.tokens.clone()));
            if !ours && hidden {
                self.0 = true;
            }
        }
        // Their `return` and `?` are their own.
        fn visit_item(&mut self, _: &Item) {}
        fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
    }
    fn exits(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Punct(punct) => punct.as_char() == '?',
            proc_macro2::TokenTree::Ident(ident) => ident == "return",
            proc_macro2::TokenTree::Group(group) => exits(group.stream()),
            proc_macro2::TokenTree::Literal(_) => false,
        })
    }
    let mut finder = Finder(false);
    stmts.iter().for_each(|stmt| finder.visit_stmt(stmt));
    finder.0
}

fn joins_previous(previous: &Stmt, stmt: &Stmt) -> bool {
    as_top_level_defer(previous).is_some()
        && as_top_level_defer(stmt).is_some_and(quiet_at_statement)
}

fn as_top_level_defer(stmt: &Stmt) -> Option<&Macro> {
    match stmt {
        Stmt::Macro(mac) if is_defer(&mac.mac.path) => Some(&mac.mac),
        _ => None,
    }
}

/// Walks the statements in order: those before the first level as they
/// are, each later one into its level.
fn split(
    stmts: Vec<Stmt>,
    plan: &Plan,
    frame: &mut Frame,
    errors: &mut Vec<syn::Error>,
) -> (TokenStream, Vec<Level>) {
    let mut pre = TokenStream::new();
    let mut levels: Vec<Level> = Vec::new();
    // `starts` is sorted: a cursor keeps the walk linear in statements.
    let mut next_start = plan.starts.iter().peekable();
    for (position, stmt) in stmts.into_iter().enumerate() {
        let starts_level = next_start.next_if(|&&start| start == position).is_some();
        if starts_level {
            levels.push(Level::new(plan.order(position, frame)));
        }
        let Some(current) = levels.len().checked_sub(1) else {
            pre.extend(walk(stmt, frame, errors, Mode::Outside, None).0);
            continue;
        };
        match stmt {
            // A level's own `defer!`, or one that joins it (see `Plan`).
            Stmt::Macro(mac) if levels[current].body.is_empty() && is_defer(&mac.mac.path) => {
                let enclosing = current
                    .checked_sub(1)
                    .map_or(Mode::Outside, |up| plan.mode(up));
                let (statement, site) = top_level_defer(&mac.mac, frame, enclosing, errors);
                let level = &mut levels[current];
                level.before.extend(statement);
                level.sites.push(site);
            }
            stmt => {
                let tail = Some(position) == plan.last && plan.named.is_some();
                let mode = plan.mode(current);
                levels[current].push(stmt, tail, mode, frame, errors);
            }
        }
    }
    (pre, levels)
}

impl Level {
    fn new(order: Option<Ident>) -> Level {
        let before = match &order {
            Some(order) => {
                quote!(let mut #order: ::defer_core::__private::List<u16> = ::defer_core::__private::List::new();)
            }
            None => TokenStream::new(),
        };
        Level {
            before,
            span: None,
            moves: TokenStream::new(),
            body: TokenStream::new(),
            only_tail: false,
            sites: Vec::new(),
            order,
        }
    }

    /// Walks a statement into the level's body. `stored_tail`: the body's
    /// last statement, in a function with named results.
    fn push(
        &mut self,
        stmt: Stmt,
        stored_tail: bool,
        mode: Mode,
        frame: &mut Frame,
        errors: &mut Vec<syn::Error>,
    ) {
        let stored_tail = stored_tail && is_tail(&stmt);
        let span = stmt.span();
        self.only_tail = self.body.is_empty() && is_tail(&stmt);
        let stmt = if stored_tail { tail_return(stmt) } else { stmt };
        let (mut tokens, sites) = walk(stmt, frame, errors, mode, self.order.clone());
        if stored_tail {
            // A diverging tail (`todo!()`) makes the assignment
            // unreachable; that says nothing about the user's code.
            tokens = quote!(#[allow(unreachable_code)] { #tokens });
        }
        self.span.get_or_insert(span);
        for site in &sites {
            self.before.extend(site.decl.clone());
        }
        self.body.extend(tokens);
        self.sites.extend(sites);
    }
}

fn is_tail(stmt: &Stmt) -> bool {
    matches!(
        stmt,
        Stmt::Expr(_, None)
            | Stmt::Macro(syn::StmtMacro {
                semi_token: None,
                ..
            })
    )
}

/// A `defer!` that is itself a top-level statement: its code at the
/// statement runs in the enclosing level (`mode`).
fn top_level_defer(
    mac: &Macro,
    frame: &mut Frame,
    mode: Mode,
    errors: &mut Vec<syn::Error>,
) -> (TokenStream, Site) {
    let mut rewriter = Rewriter::new(frame, errors, mode, LOWERING);
    site::top_level(mac, &mut rewriter)
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
    let mut rewriter = Rewriter::new(frame, errors, mode, LOWERING);
    rewriter.order = order;
    rewriter.visit_stmt_mut(&mut stmt);
    (quote!(#stmt), rewriter.sites)
}

/// Items are visible in their whole block: hoisting them out of the level
/// closures keeps them visible to exit code. `macro_rules!` is textually
/// scoped and may use earlier locals, so it stays in place. Another
/// macro in statement position may expand to statements, so it stays too,
/// except those that read as item declarations (see `declares_items`),
/// which the hoisted items may use; not the body's last, which may be its
/// value (`quote! { fn f() {} }`).
fn hoist_items(stmts: Vec<Stmt>) -> (Vec<Item>, Vec<Stmt>) {
    let mut items = Vec::new();
    let mut rest = Vec::new();
    let last = stmts.len().saturating_sub(1);
    for (index, stmt) in stmts.into_iter().enumerate() {
        match stmt {
            Stmt::Macro(mac) if index == last && mac.semi_token.is_none() => {
                rest.push(Stmt::Macro(mac));
            }
            Stmt::Item(Item::Macro(mac)) if declares_items(&mac.mac) => {
                items.push(Item::Macro(mac));
            }
            Stmt::Macro(mac) if declares_items(&mac.mac) => {
                items.push(Item::Macro(syn::ItemMacro {
                    attrs: mac.attrs,
                    ident: None,
                    mac: mac.mac,
                    semi_token: mac.semi_token,
                }))
            }
            Stmt::Item(item) if !matches!(&item, Item::Macro(_)) => items.push(item),
            other => rest.push(other),
        }
    }
    (items, rest)
}

/// `thread_local!`, or a macro in braces whose input reads as item
/// declarations (`pin_project! { struct F { .. } }`, `bitflags! { pub
/// struct B: u8 { .. } }`): what it declares is an item, which the
/// hoisted items (an `impl` of it) may use, and it cannot use locals.
fn declares_items(mac: &Macro) -> bool {
    const ITEMS: &[&str] = &[
        "struct", "enum", "union", "trait", "impl", "fn", "type", "static", "const", "mod",
    ];
    if crate::form::is_named(&mac.path, "thread_local") {
        return true;
    }
    if !matches!(mac.delimiter, syn::MacroDelimiter::Brace(_)) {
        return false;
    }
    let mut tokens = mac.tokens.clone().into_iter().peekable();
    loop {
        match tokens.next() {
            // `#[attr]`, `pub`, `pub(crate)`.
            Some(proc_macro2::TokenTree::Punct(punct)) if punct.as_char() == '#' => {
                tokens.next();
            }
            Some(proc_macro2::TokenTree::Ident(ident)) if ident == "pub" => {
                if let Some(proc_macro2::TokenTree::Group(_)) = tokens.peek() {
                    tokens.next();
                }
            }
            Some(proc_macro2::TokenTree::Ident(ident)) => {
                return ITEMS.iter().any(|item| ident == item);
            }
            _ => return false,
        }
    }
}

/// `stores`: the innermost level stores the value (see [`Plan::mode`]).
fn assemble(levels: Vec<Level>, frame: &Frame, stores: bool) -> TokenStream {
    let panic = names::panic(frame.depth);
    let ret = names::ret(frame.depth);
    let innermost = levels.len() - 1;
    let mut inner = TokenStream::new();
    for (index, level) in levels.into_iter().enumerate().rev() {
        let Level {
            before,
            span,
            moves,
            body,
            only_tail,
            sites,
            order,
        } = level;
        let span = span.unwrap_or_else(Span::call_site);
        let run = match (&frame.ret, index == innermost) {
            _ if frame.is_async && may_await(&body, &inner) => {
                async_run(frame, index == innermost, span, &moves, &body, &inner)
            }
            (Ret::Never, true) | (Ret::Value(_), true) if !stores => {
                quote_spanned!(span=> #panic.catch_value(&mut #ret, || { #moves #body #inner });)
            }
            (Ret::Value(ty), true) => {
                // The body as a block: a diverging one still type-checks
                // (the store after it is then the expansion's unreachable
                // code, not the user's), one that falls off its end is
                // rustc's own mismatch.
                let value = names::value();
                // A lone diverging tail bound to `_` (`-> impl Trait`, a
                // closure) would be clippy's "sub-expression diverges":
                // the user wrote it as the function's tail.
                let lone = (only_tail && matches!(&**ty, syn::Type::Infer(_)))
                    .then(|| quote!(#[allow(clippy::diverging_sub_expression)]));
                quote_spanned! {span=> #panic.catch(|| {
                    #moves
                    #lone
                    let #value: #ty = { #body #inner };
                    #[allow(unreachable_code)]
                    { #ret = ::defer_core::__private::Option::Some(#value); }
                });}
            }
            // A `defer!` that ends the body: nothing runs after it.
            _ if body.is_empty() && inner.is_empty() => TokenStream::new(),
            _ => quote_spanned!(span=> #panic.catch(|| { #moves #body #inner });),
        };
        // Error forms that stored code queued apply right after it ran.
        let drain = (frame.depth == frame.fn_depth && frame.err_queue.get()).then(|| {
            let (queue, ret) = (names::err_queue(frame.depth), names::ret(frame.depth));
            quote!(#panic.catch(|| #queue.apply(&mut #ret));)
        });
        let exits = match order {
            Some(order) => {
                let ids = 0..u16::try_from(sites.len()).unwrap_or(u16::MAX);
                let runs = sites.iter().map(|site| {
                    let run = &site.run;
                    quote!({ #run; #drain })
                });
                let id = names::site_id();
                quote! {
                    while let ::defer_core::__private::Option::Some(#id) = #order.pop() {
                        match #id {
                            #(#ids => #runs,)*
                            _ => {}
                        }
                    }
                }
            }
            // Newest first; the oldest runs last, when nothing of this
            // level is left to protect from its panic.
            None => {
                let exits = sites.iter().enumerate().rev().map(|(index, site)| {
                    let exit = if index == 0 {
                        &site.last
                    } else {
                        if site.exit_suspends {
                            frame.suspends.set(true);
                        }
                        &site.exit
                    };
                    quote!(#exit #drain)
                });
                quote!(#(#exits)*)
            }
        };
        // Stored code that tests the outcome reads it from the flag.
        let flag = (frame.depth == frame.fn_depth && frame.fails_flag.get()).then(|| {
            let (flag, ret, value) = (names::fails(frame.depth), names::ret(frame.depth), names::deferred());
            quote! {{
                use ::defer_core::__private::{Fails as _, NeverFails as _};
                #flag.store(#ret.as_ref().is_some_and(|#value| #value.fails()), ::defer_core::__private::Relaxed);
            }}
        });
        inner = quote!(#before #run #flag #exits);
    }
    inner
}

/// `tail`: the body's tail expression. The value leaves the frame there
/// as far as rustc can tell: "returning this value requires that .." points
/// at it (else at the return type), not at the attribute.
/// A level of an `async fn` that may suspend: it `.await`s, or calls a
/// macro other than the standard library's, which may (`select!`). One
/// that cannot runs in a closure, as in a sync function: no state machine.
fn may_await(body: &TokenStream, inner: &TokenStream) -> bool {
    crate::form::may_await(body) || crate::form::may_await(inner)
}

/// A level of an `async fn`: an `async` block awaited under `catch_async`.
/// The innermost one of a function that returns a value gives the value,
/// its native `return` and `?` included: the block's type is the
/// function's, as a closure's would be in the synchronous shape.
fn async_run(
    frame: &Frame,
    innermost: bool,
    span: Span,
    moves: &TokenStream,
    body: &TokenStream,
    inner: &TokenStream,
) -> TokenStream {
    frame.suspends.set(true);
    let (panic, ret, caught) = (
        names::panic(frame.depth),
        names::ret(frame.depth),
        names::caught(),
    );
    let awaited = |code: TokenStream| {
        quote_spanned! {span=>
            let #caught = ::defer_core::__private::catch_async(async { #moves #code }).await;
        }
    };
    match (&frame.ret, innermost) {
        (Ret::Value(ty), true) => {
            let value = names::value();
            let run = awaited(quote! {
                let #value: #ty = { #body #inner };
                #[allow(unreachable_code)]
                { #value }
            });
            quote!({ #run #ret = #panic.caught(#caught); })
        }
        _ if body.is_empty() && inner.is_empty() && !matches!(frame.ret, Ret::Never) => {
            TokenStream::new()
        }
        _ => {
            let run = awaited(quote!(#body #inner));
            quote!({ #run #panic.caught(#caught); })
        }
    }
}

/// The frame's panic slot: `Sync` where code that suspends shares it (see
/// `Frame::suspends`); otherwise the synchronous one, even in an `async
/// fn`: no `&` to it lives across an `.await` then.
fn slot_type(frame: &Frame) -> TokenStream {
    if frame.suspends.get() {
        quote!(::defer_core::__private::AsyncSlot)
    } else {
        quote!(::defer_core::__private::PanicSlot)
    }
}

fn frame_parts(frame: &Frame, tail: Option<Span>) -> (TokenStream, TokenStream) {
    let bits = names::bits(frame.depth);
    let panic = names::panic(frame.depth);
    let ret = names::ret(frame.depth);
    let slot_ty = slot_type(frame);
    let mut setup = quote! {
        let mut #bits: u8 = 0;
        let #panic = #slot_ty::NEW;
    };
    if frame.depth == frame.fn_depth && frame.fails_flag.get() {
        let flag = names::fails(frame.depth);
        setup.extend(quote!(let #flag = ::defer_core::__private::AtomicBool::new(false);));
    }
    if let (true, true, Some(ty)) = (
        frame.depth == frame.fn_depth,
        frame.err_queue.get(),
        frame.fn_ret_ty.as_deref(),
    ) {
        let queue = names::err_queue(frame.depth);
        let kind = if frame.is_async {
            quote!(AsyncErrQueue)
        } else {
            quote!(ErrQueue)
        };
        setup.extend(quote! {
            let #queue = ::defer_core::__private::#kind::<<#ty as ::defer_core::__private::ErrOf>::Err>::new();
        });
    }
    let epilogue = match (&frame.ret, &frame.owner_panic) {
        (_, Some(owner)) => quote!(#owner.absorb(#panic);),
        (Ret::Unit, None) => quote!(#panic.finish();),
        (Ret::Value(ty), None) => {
            setup.extend(
                quote!(let mut #ret: ::defer_core::__private::Option<#ty> = ::defer_core::__private::Option::None;),
            );
            if frame.recovers {
                // SPEC §6: after a recovery the function returns the value
                // of the `return` under way, or else `Default::default()`;
                // the bound's error points at the return type.
                let zero = quote_spanned!(ty.span()=> <_ as ::defer_core::__private::Recovered>::recovered);
                quote!(#panic.finish_recovered(#ret, #zero))
            } else {
                // A path call: its span is its own tokens', not the
                // hygienic receiver's, which rustc would show as "in this
                // attribute macro expansion".
                let span = tail.unwrap_or_else(|| ty.span());
                let slot_ty = slot_type(frame);
                quote_spanned!(span=> #slot_ty::finish_value(#panic, #ret))
            }
        }
        (Ret::Named(named), None) => {
            let declarations = declarations(named);
            setup = quote!(#declarations #setup);
            let value = named.value();
            quote!(#panic.finish(); #value)
        }
        (Ret::Never, None) => {
            setup.extend(quote! {
                let mut #ret: ::defer_core::__private::Option<::defer_core::__private::Infallible> = ::defer_core::__private::Option::None;
            });
            quote!(match #panic.finish_value(#ret) {})
        }
    };
    (setup, epilogue)
}

/// `let mut n: T = init;` for each named result, at function entry.
fn declarations(named: &Named) -> TokenStream {
    let declarations = named.results.iter().map(|(ident, ty, init)| {
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

/// The `defer!`s a top-level statement holds that the attribute registers
/// (closures, async blocks and nested items are other functions), and how
/// many of them sit in loops.
#[derive(Default)]
struct DeferCounts {
    all: usize,
    in_loops: usize,
}

impl DeferCounts {
    fn of(stmt: &Stmt) -> DeferCounts {
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
