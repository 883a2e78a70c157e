//! Code for one `defer!`: what runs at its statement and what runs at exit.
//!
//! Input: `defer!(f(a))` / `defer! { .. }` / `defer!(move ..)`.
//! Output, for a top-level `defer!` (open-coded, inline):
//!   statement: `let __defer_arg_0_0 = a; __defer_bits |= 0b0000_0001;`
//!   exit:      `if __defer_bits & 0b0000_0001 != 0 { __defer_panic.catch(|| { f(__defer_arg_0_0); }); }`
//! and for a nested one (open-coded, stored in a slot declared before the
//! top-level statement that holds it):
//!   statement: `__defer_slot_0 = Some(<closure>); __defer_bits |= 0b0000_0001;`
//!   exit:      `if __defer_bits & 0b0000_0001 != 0 { __defer_panic.call_slot(&mut __defer_slot_0); }`
//! and for one in a loop (the runtime list: per site, a typed `List`, its
//! first entries in place, then a `Vec`):
//!   statement: `__defer_list_0.push(<closure>);`
//!   exit:      `__defer_panic.call_list(&mut __defer_list_0);`
//! When one top-level statement holds a loop `defer!` and any other, each
//! registration also pushes its site's number to the level's order log
//! (`__defer_order`), and the exit pops the log to run them in exact LIFO.

use crate::form::{Form, When};
use crate::frame::{Frame, Runs, Site};
use crate::locals;
use crate::names;
use crate::refs::Deref;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, LitInt, Macro, Stmt, Token};

/// The walk that found the `defer!`, as this module needs it. Deferred
/// code is a body of its own and the code evaluated at the statement is
/// code of the function, so both go back up the pipeline: the walk above
/// (`rewrite::Rewriter`) implements this, and this module imports nothing
/// above it.
pub trait Walk {
    /// The frame the `defer!` belongs to.
    fn frame(&mut self) -> &mut Frame;
    /// `ident` names a local of the statement being walked, in scope here:
    /// it dies before the function exits (see `locals`).
    fn dies(&self, ident: &Ident) -> bool;
    /// A `defer!` at `at` takes the dying local `ident` by value.
    fn take_local(&mut self, ident: &Ident, at: Span);
    fn errors(&mut self) -> &mut Vec<syn::Error>;
    /// Walks code that runs at the `defer!` statement: a call's arguments,
    /// an early callee or receiver.
    fn walk_early(&mut self, expr: &mut Expr);
    /// Walks the body of a closure-literal callee (`defer!((|| ..)())`):
    /// deferred code, which cannot hold `defer!`s of its own.
    fn walk_closure_callee(&mut self, body: &mut Expr);
    /// Lowers deferred code as a body of its own.
    fn lower_deferred(&mut self, stmts: Vec<Stmt>, runs: Runs) -> TokenStream;
}

/// Go's open-coded limit: one bit each of a `u8`.
pub const OPEN_CODED: usize = 8;

fn bit(index: usize) -> LitInt {
    let mask = 1u8 << index;
    let text = format!("{mask:08b}");
    LitInt::new(
        &format!("0b{}_{}", &text[..4], &text[4..]),
        Span::mixed_site(),
    )
}

/// The user's code of a `defer!`, ready to emit at exit.
enum Code {
    /// A call whose early parts are bound to locals at the statement.
    Call {
        lets: TokenStream,
        early: Vec<Ident>,
        /// The early receiver, which exit code may call by `&mut self`.
        receiver: Option<Ident>,
        call: TokenStream,
    },
    Block(TokenStream),
    Move(TokenStream),
}

fn parse(mac: &Macro, errors: &mut Vec<syn::Error>) -> Option<Form> {
    if mac.tokens.is_empty() {
        errors.push(syn::Error::new_spanned(
            mac,
            "`defer!` needs the code to defer: `defer!(f(x))`, `defer! { .. }` or `defer!(move { .. })`",
        ));
        return None;
    }
    match Form::parse(&mac.delimiter, mac.tokens.clone()) {
        Ok(form) => Some(form),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// Where a `defer!` is compiled to (SPEC §4).
#[derive(Clone, Copy)]
enum Tier {
    /// One of the frame's first 8 defers outside loops: bit `0..8`.
    OpenCoded(usize),
    /// A defer outside loops past the 8th. It registers at most once, so a
    /// one-entry slot (an `Option`) is all the list it needs: no allocation.
    Overflow,
    /// A defer in a loop: a typed `List` per site, one entry per iteration.
    List,
}

/// Numbers the frame's sites in source order, which for defers outside
/// loops is also their registration order.
fn place(frame: &mut Frame, in_loop: bool) -> (usize, Tier) {
    let site = frame.next_site;
    frame.next_site += 1;
    if in_loop {
        return (site, Tier::List);
    }
    let index = frame.open_coded;
    frame.open_coded += 1;
    if index < OPEN_CODED {
        (site, Tier::OpenCoded(index))
    } else {
        (site, Tier::Overflow)
    }
}

/// `code` under a `catch`: a panic out of it replaces the one in flight,
/// and the code after it still runs. In an `async fn`, an `async` block
/// awaited under `catch_async`, so that it may `.await`.
pub fn caught(frame: &Frame, code: &TokenStream) -> TokenStream {
    let panic = names::panic(frame.depth);
    if frame.is_async && crate::form::may_await(code) {
        let caught = names::caught();
        quote! {{
            let #caught = ::defer_core::__private::catch_async(async { #code }).await;
            #panic.caught(#caught);
        }}
    } else {
        quote!(#panic.catch(|| { #code });)
    }
}

/// A `defer!` directly in the body's top-level block: inline exit code.
/// The last of its level (the oldest) needs no `catch`: a panic out of it
/// is the enclosing level's.
pub fn top_level(mac: &Macro, walk: &mut dyn Walk) -> (TokenStream, Site) {
    let when = crate::form::when(&mac.path);
    let error_form = error_closure(mac, when);
    let form = match error_form {
        Some(_) => Form::Block(Vec::new()),
        None => match parse(mac, walk.errors()) {
            Some(form) => form,
            None => return (TokenStream::new(), Site::default()),
        },
    };
    let (site, tier) = place(walk.frame(), false);
    let rebind = inline_rebind(&form, walk.frame());
    let code = code(
        form,
        site,
        walk,
        Runs::Inline {
            refs: rebind.is_some(),
        },
    );
    let frame = &*walk.frame();
    // The error form tests for an `Err` itself.
    let when = if error_form.is_some() {
        When::Always
    } else {
        when
    };
    let (statement, run) = match error_form {
        Some(closure) => match map_err(frame, mac, closure) {
            Ok(run) => (TokenStream::new(), run),
            Err(error) => {
                walk.errors().push(error);
                return (TokenStream::new(), Site::default());
            }
        },
        None => inline_run(code, frame, site, mac.path.span(), rebind),
    };
    let run = only_if(frame, when, run);
    // Not the last of its level (it joined a level with another `defer!`
    // after it, see `lower`): a panic out of it must not skip the older.
    let caught = caught(frame, &run);
    let (statement, guard) = match tier {
        Tier::OpenCoded(index) => {
            let (bits, mask) = (names::bits(frame.depth), bit(index));
            (
                quote!(#statement #bits |= #mask;),
                Some(quote!(#bits & #mask != 0)),
            )
        }
        // A top-level statement has run once its level is entered.
        Tier::Overflow | Tier::List => (statement, None),
    };
    let guarded = |run: TokenStream| match &guard {
        Some(guard) => quote!(if #guard { #run }),
        None => quote!({ #run }),
    };
    let exit_suspends = frame.is_async && crate::form::may_await(&run);
    (
        statement,
        Site {
            exit: guarded(caught),
            last: guarded(run),
            exit_suspends,
            ..Site::default()
        },
    )
}

/// `errdefer!(|e| ..)`: the closure, when the `defer!` is one.
fn error_closure(mac: &Macro, when: When) -> Option<syn::ExprClosure> {
    if when != When::Failing || !matches!(mac.delimiter, syn::MacroDelimiter::Paren(_)) {
        return None;
    }
    syn::parse2::<syn::ExprClosure>(mac.tokens.clone())
        .ok()
        .filter(|closure| closure.inputs.len() == 1)
}

/// `errdefer!(|e| ..)` nested in a block or loop: the closure is kept until
/// exit (with the dying locals it uses, taken as a first parameter), and the
/// exit code, which can reach the return slot, hands it the `Err`'s error.
fn nested_error_form(
    mac: &Macro,
    mut closure: syn::ExprClosure,
    walk: &mut dyn Walk,
    in_loop: bool,
) -> Option<(TokenStream, Site)> {
    let span = mac.path.span();
    if let Err(error) = error_form_allowed(walk.frame(), span) {
        walk.errors().push(error);
        return None;
    }
    let taken: Vec<Ident> = crate::locals::used(&[&closure.body], &[])
        .into_iter()
        .filter(|ident| walk.dies(ident))
        .collect();
    for ident in &taken {
        walk.take_local(ident, span);
    }
    let pattern: syn::Pat = syn::parse_quote!((#(#taken,)*));
    closure.inputs.insert(0, pattern);
    if walk.frame().stored {
        // Queued, it outlives this code's locals (see `map_err`).
        closure.capture.get_or_insert(syn::Token![move](span));
    }
    let (site, tier) = place(walk.frame(), in_loop);
    let frame = &*walk.frame();
    let (panic, ret, deferred) = (
        names::panic(frame.depth),
        names::ret(frame.fn_depth),
        names::deferred(),
    );
    let args = names::bound_args();
    // Typed by the return type: `e` is its `Err`'s type.
    let closure = match frame.fn_ret_ty.as_deref() {
        Some(ty) if !matches!(ty, syn::Type::Infer(_)) => {
            quote_spanned!(span=> ::defer_core::__private::err_closure_for::<#ty, _, _>(#closure))
        }
        _ => quote!(#closure),
    };
    let kept = quote_spanned!(span=> ((#(#taken,)*), #closure));
    let call = if frame.stored {
        frame.err_queue.set(true);
        let queue = names::err_queue(frame.fn_depth);
        quote! {
            let (#args, #deferred) = #deferred;
            #queue.push(move |error| #deferred(#args, error));
        }
    } else {
        quote! {
            let (#args, #deferred) = #deferred;
            #panic.catch(|| ::defer_core::__private::map_err(&mut #ret, |error| #deferred(#args, error)));
        }
    };
    let some = quote!(::defer_core::__private::Option::Some(#deferred));
    let (decl, register, exit, run) = match tier {
        Tier::List => {
            let list = names::at(names::list(frame.depth, site), span);
            let new = if frame.is_async {
                quote!(::defer_core::__private::Vec::new())
            } else {
                quote!(::defer_core::__private::List::new())
            };
            (
                quote_spanned!(span=> let mut #list = #new;),
                quote!(#list.push(#kept);),
                quote!(while let #some = #list.pop() { #call }),
                quote!({ if let #some = #list.pop() { #call } }),
            )
        }
        Tier::OpenCoded(_) | Tier::Overflow => {
            let slot = names::at(names::slot(frame.depth, site), span);
            let set_bit = match tier {
                Tier::OpenCoded(index) => {
                    let (bits, mask) = (names::bits(frame.depth), bit(index));
                    quote!(#bits |= #mask;)
                }
                _ => TokenStream::new(),
            };
            let take = quote!(if let #some = #slot.take() { #call });
            (
                quote_spanned!(span=> let mut #slot = ::defer_core::__private::Option::None;),
                quote!(#slot = ::defer_core::__private::Option::Some(#kept); #set_bit),
                take.clone(),
                quote!({ #take }),
            )
        }
    };
    let site = Site {
        decl,
        exit: exit.clone(),
        last: exit,
        run,
        exit_suspends: false,
    };
    Some((register, site))
}

/// The error form needs a function (or closure) that returns a `Result`
/// through its return slot.
fn error_form_allowed(frame: &Frame, span: Span) -> syn::Result<()> {
    let inferred = matches!(frame.fn_ret_ty.as_deref(), Some(syn::Type::Infer(_)));
    if frame.stored && inferred {
        return Err(syn::Error::new(
            span,
            "`errdefer!(|e| ..)` inside deferred code that is kept until exit needs the return type written (`-> Result<T, E>`): the error is queued for the exit code, by its type",
        ));
    }
    if frame.named.is_some() && frame.fn_depth == 0 {
        return Err(syn::Error::new(
            span,
            "`errdefer!(|e| ..)` takes the error from the function's return value, and this function has named results: change the named result itself, `errdefer! { err = err.map_err(|e| ..); }`",
        ));
    }
    if frame.fn_option {
        return Err(syn::Error::new(
            span,
            "`errdefer!(|e| ..)` hands the deferred code the `Err`'s error, and this function returns an `Option`, whose `None` has none: write `errdefer! { .. }`, which runs when it returns `None`",
        ));
    }
    if !frame.fn_value {
        return Err(syn::Error::new(
            span,
            "`errdefer!(|e| ..)` needs a function that returns `Result<T, E>`: it hands the deferred code the `Err`'s error; to run code on a panic only, write `errdefer! { .. }`",
        ));
    }
    Ok(())
}

/// The exit code of `errdefer!(|e| ..)`: an `Err` in the return slot is
/// handed to the closure, whose result replaces it.
fn map_err(frame: &Frame, mac: &Macro, closure: syn::ExprClosure) -> syn::Result<TokenStream> {
    let span = mac.path.span();
    error_form_allowed(frame, span)?;
    if frame.stored {
        // This code cannot reach the return slot: the exit code that ran
        // it applies the closure (see `lower`), after this code's locals
        // are gone, so the closure takes what it uses by value.
        frame.err_queue.set(true);
        let queue = names::err_queue(frame.fn_depth);
        let mut closure = closure;
        closure.capture.get_or_insert(syn::Token![move](span));
        return Ok(quote_spanned!(span=> #queue.push(#closure);));
    }
    let ret = names::ret(frame.fn_depth);
    Ok(quote_spanned!(span=> ::defer_core::__private::map_err(&mut #ret, #closure);))
}

/// The outcome test of an `errdefer!` or `okdefer!`, made as it is about
/// to run: it sees what newer deferred code did to the named results, and
/// a recovered panic is none.
fn outcome_test(frame: &Frame, when: When) -> TokenStream {
    let panicking = {
        let (own, function) = (names::panic(frame.depth), names::panic(frame.fn_depth));
        if frame.depth == frame.fn_depth {
            quote!(#own.in_flight())
        } else {
            quote!((#own.in_flight() || #function.in_flight()))
        }
    };
    let value = name_or_slot_fails(frame);
    let imports = quote!(
        use ::defer_core::__private::{Fails as _, NeverFails as _};
    );
    match when {
        When::Always => quote!(true),
        When::Failing => quote!({ #imports #panicking || #value }),
        When::Succeeding => quote!({ #imports !#panicking && !#value }),
    }
}

/// `run`, in an `errdefer!` or `okdefer!`, behind its [`outcome_test`].
fn only_if(frame: &Frame, when: When, run: TokenStream) -> TokenStream {
    if when == When::Always {
        return run;
    }
    let test = outcome_test(frame, when);
    quote!(if #test { #run })
}

/// The value under way is `Err(..)` or `None`: the return slot's, or a
/// single named result's. A tuple of named results is neither.
fn name_or_slot_fails(frame: &Frame) -> TokenStream {
    let value = names::deferred();
    if frame.fn_value && frame.stored {
        frame.fails_flag.set(true);
        let flag = names::fails(frame.fn_depth);
        return quote!(#flag.load(::defer_core::__private::Relaxed));
    }
    if frame.fn_value {
        let ret = names::ret(frame.fn_depth);
        return quote!(#ret.as_ref().is_some_and(|#value| #value.fails()));
    }
    match frame.named.as_deref() {
        Some(named) if named.results.len() == 1 => {
            let ident = &named.results[0].0;
            if frame.named_refs {
                quote!((&*#ident).fails())
            } else {
                quote!((&#ident).fails())
            }
        }
        _ => quote!(false),
    }
}

/// A block that runs inline reaches the named results through `&mut`s, as
/// stored code does: then one that it moves out (`err = join(err, e)`) is
/// reported at the user's `err` ("cannot move out of"), as in stored code.
fn inline_rebind(form: &Form, frame: &Frame) -> Option<TokenStream> {
    match (form, &frame.named, frame.named_refs) {
        (Form::Block(_), Some(named), false) => {
            let (pattern, refs) = (named.value(), named.refs(false));
            Some(quote!(#[allow(unused_variables)] let #pattern = #refs;))
        }
        _ => None,
    }
}

/// What a top-level `defer!` runs at its statement, and the statements it
/// runs at exit.
fn inline_run(
    code: Code,
    frame: &Frame,
    site: usize,
    span: Span,
    rebind: Option<TokenStream>,
) -> (TokenStream, TokenStream) {
    match code {
        Code::Call { lets, call, .. } => (lets, call),
        Code::Block(code) => (TokenStream::new(), quote!(#rebind #code)),
        Code::Move(code) => {
            let name = names::deferred_fn(frame.depth, site);
            let closure = closure(
                frame,
                span,
                quote_spanned!(span=> move),
                TokenStream::new(),
                code,
            );
            let panic = names::panic(frame.depth);
            // As `FnOnce`: a `move` closure that mutates its captures is
            // `FnMut`, which a direct call would borrow mutably.
            let run = match &frame.named {
                None if frame.is_async => quote!(#name(&#panic).await;),
                None => quote!(::defer_core::__private::call_once(#name, &#panic);),
                Some(named) => {
                    let refs = named.refs(frame.named_refs);
                    if frame.is_async {
                        quote!(#name(&#panic, #refs).await;)
                    } else {
                        quote!(::defer_core::__private::run(#name, &#panic, #refs);)
                    }
                }
            };
            (quote_spanned!(span=> let #name = #closure;), run)
        }
    }
}

/// A `defer!` nested in a block, `if`, `match` or loop of a top-level
/// statement: a closure stored at its statement, run by the level's exit.
/// The code that registers it, and its site; `None` when the `defer!` is
/// malformed (the error is in `walk`).
pub fn stored(mac: &Macro, walk: &mut dyn Walk, in_loop: bool) -> Option<(TokenStream, Site)> {
    let when = crate::form::when(&mac.path);
    if let Some(closure) = error_closure(mac, when) {
        return nested_error_form(mac, closure, walk, in_loop);
    }
    let form = parse(mac, walk.errors())?;
    let (site, tier) = place(walk.frame(), in_loop);
    let span = mac.path.span();
    // rustc suggests `move` at the start of a closure that should take its
    // captures: inside the parentheses, which is where `defer!(move ..)`
    // has it. (For `defer! { .. }` no place is right.)
    let closure_span = match (&mac.delimiter, mac.tokens.clone().into_iter().next()) {
        (syn::MacroDelimiter::Paren(_), Some(first)) => first.span(),
        _ => span,
    };
    let taken = dying_locals(&form, walk);
    for ident in &taken {
        walk.take_local(ident, span);
    }
    let code = code(form, site, walk, Runs::Stored);
    let bound = matches!(code, Code::Call { .. }) || !taken.is_empty();
    let frame = &*walk.frame();
    let (lets, closure) = stored_closure(code, frame, span, closure_span, &taken);
    let list = names::at(names::list(frame.depth, site), span);
    let (register, mut site) = register(tier, frame, site, span, bound, &closure);
    if when != When::Always && matches!(tier, Tier::List) {
        // Each entry's outcome is judged as it would run; one that does
        // not run is dropped in its turn, so the order log stays in step.
        let run = runner(frame, "call_last", quote!(&mut #list), bound);
        let skip = quote!(let _ = #list.pop(););
        let test = outcome_test(frame, when);
        site.exit = quote!(while !#list.is_empty() { if #test { #run; } else { #skip } });
        site.last = site.exit.clone();
        site.run = quote!({ if #test { #run; } else { #skip } });
    } else if when != When::Always {
        // The slot's code runs only if the outcome says so; otherwise it
        // is dropped with its slot.
        site.exit = only_if(frame, when, site.exit);
        site.last = only_if(frame, when, site.last);
        let run = only_if(frame, when, site.run);
        site.run = quote!({ #run });
    }
    Some((quote!(#lets #register), site))
}

/// The locals a stored `defer!`'s code uses that die before exit (see
/// `locals`): declared inside the top-level statement, in scope here. A
/// call form uses locals at exit only in its callee and receiver when they
/// are not evaluated at the statement.
fn dying_locals(form: &Form, walk: &dyn Walk) -> Vec<Ident> {
    let used = match form {
        Form::Block(stmts) => locals::used(&[], stmts),
        Form::Call(Expr::Call(call)) if is_late_callee(&call.func) => {
            locals::used(&[&call.func], &[])
        }
        Form::Call(Expr::MethodCall(call)) if is_place(&call.receiver) => {
            locals::used(&[&call.receiver], &[])
        }
        Form::Call(_) | Form::Move(_) => Vec::new(),
    };
    used.into_iter().filter(|ident| walk.dies(ident)).collect()
}

/// The statement code of a stored `defer!` (a call form's early values),
/// and the closure it stores; `taken`, the dying locals it takes by value.
fn stored_closure(
    code: Code,
    frame: &Frame,
    span: Span,
    closure_span: Span,
    taken: &[Ident],
) -> (TokenStream, TokenStream) {
    match code {
        Code::Call {
            lets,
            mut early,
            receiver,
            call,
        } => {
            early.extend(taken.iter().cloned());
            let mutable = |name: &Ident| receiver.as_ref() == Some(name) || taken.contains(name);
            (
                lets,
                bound_call(frame, span, closure_span, &early, &mutable, call),
            )
        }
        Code::Block(code) if !taken.is_empty() => (
            TokenStream::new(),
            bound_call(frame, span, closure_span, taken, &|_| true, code),
        ),
        Code::Block(code) => (
            TokenStream::new(),
            closure(
                frame,
                closure_span,
                TokenStream::new(),
                TokenStream::new(),
                code,
            ),
        ),
        Code::Move(code) => (
            TokenStream::new(),
            closure(
                frame,
                span,
                quote_spanned!(span=> move),
                TokenStream::new(),
                code,
            ),
        ),
    }
}

/// Stored code and the values it takes at the statement (a call form's
/// early values, dying locals), bound together: the code receives them as
/// parameters of their names.
fn bound_call(
    frame: &Frame,
    span: Span,
    closure_span: Span,
    early: &[Ident],
    mutable: &dyn Fn(&Ident) -> bool,
    call: TokenStream,
) -> TokenStream {
    let patterns = early.iter().map(|name| {
        if mutable(name) {
            quote!(mut #name)
        } else {
            quote!(#name)
        }
    });
    // `mut`: a receiver may be called through `&mut self` at exit, and
    // deferred code may change a local it took.
    let allow = early
        .iter()
        .any(mutable)
        .then(|| quote!(#[allow(unused_mut)]));
    let args = quote!(#allow (#(#patterns,)*),);
    let closure = closure(frame, closure_span, TokenStream::new(), args, call);
    let prefix = if frame.is_async { "async_" } else { "" };
    let bind = match &frame.named {
        None if frame.is_async => quote_spanned!(span=> ::defer_core::__private::bind_async),
        None => quote_spanned!(span=> ::defer_core::__private::bind),
        Some(named) => {
            let arity = named.results.len();
            let bind = Ident::new(&format!("{prefix}bind_with{arity}"), Span::call_site());
            if frame.is_async {
                let types = named.results.iter().map(|(_, ty, _)| ty);
                quote_spanned!(span=> ::defer_core::__private::Bound::#bind::<#(#types),*>)
            } else {
                quote_spanned!(span=> ::defer_core::__private::Bound::#bind)
            }
        }
    };
    quote!(#bind((#(#early,)*), #closure))
}

/// Where a stored `defer!` keeps its closure: the code that stores it at
/// the statement, and its site (the storage's declaration, the exit code).
fn register(
    tier: Tier,
    frame: &Frame,
    site: usize,
    span: Span,
    bound: bool,
    closure: &TokenStream,
) -> (TokenStream, Site) {
    let depth = frame.depth;
    match tier {
        Tier::OpenCoded(_) | Tier::Overflow => {
            let slot = names::at(names::slot(depth, site), span);
            let run = runner(frame, "call_slot", quote!(&mut #slot), bound);
            let last = runner(frame, "run_slot", quote!(&mut #slot), bound);
            // An open-coded slot has its bit; past the 8th, the slot's own
            // `Option` says whether the statement ran.
            let (guard, set_bit) = match tier {
                Tier::OpenCoded(index) => {
                    let (bits, mask) = (names::bits(depth), bit(index));
                    (Some(quote!(#bits & #mask != 0)), quote!(#bits |= #mask;))
                }
                _ => (None, TokenStream::new()),
            };
            let guarded = |run: &TokenStream| match &guard {
                Some(guard) => quote!(if #guard { #run; }),
                None => quote!(#run;),
            };
            let site = Site {
                decl: quote_spanned!(span=> let mut #slot = ::defer_core::__private::Option::None;),
                exit: guarded(&run),
                last: guarded(&last),
                run,
                exit_suspends: false,
            };
            (
                quote!(#slot = ::defer_core::__private::Option::Some(#closure); #set_bit),
                site,
            )
        }
        Tier::List => {
            let list = names::at(names::list(depth, site), span);
            let run = runner(frame, "call_list", quote!(&mut #list), bound);
            // Each entry but the last needs the catch: no variant without.
            let site = Site {
                decl: if frame.is_async {
                    // The entries in place would all be part of the
                    // future's state, across every `.await` of the body.
                    quote_spanned!(span=> let mut #list = ::defer_core::__private::Vec::new();)
                } else {
                    quote_spanned!(span=> let mut #list = ::defer_core::__private::List::new();)
                },
                exit: quote!(#run;),
                last: quote!(#run;),
                run: runner(frame, "call_last", quote!(&mut #list), bound),
                exit_suspends: false,
            };
            (quote!(#list.push(#closure);), site)
        }
    }
}

/// The closure a stored `defer!` keeps until exit. In a function with named
/// results it takes them as `&mut` parameters (see [`crate::refs`]), typed,
/// so that it accepts them for any lifetime: it borrows them only while it
/// runs.
fn closure(
    frame: &Frame,
    span: Span,
    capture: TokenStream,
    args: TokenStream,
    code: TokenStream,
) -> TokenStream {
    let panic = names::panic(frame.depth);
    let frame_ty = quote!(::defer_core::__private::PanicSlot);
    let params = frame.named.as_ref().map(|named| named.params());
    if frame.is_async {
        return async_closure(frame, span, &capture, &args, &code);
    }
    quote_spanned!(span=> #capture |#args #panic: &#frame_ty, #params| { #code })
}

/// [`closure`] in an `async fn`: an async closure, whose future may borrow
/// what it is handed, called by the exit code itself (see `async_runner`).
fn async_closure(
    frame: &Frame,
    span: Span,
    capture: &TokenStream,
    args: &TokenStream,
    code: &TokenStream,
) -> TokenStream {
    frame.suspends.set(true);
    let panic = names::panic(frame.depth);
    let named = frame.named.as_ref().map(|named| named.params());
    quote_spanned!(span=> async #capture |#args #panic: &::defer_core::__private::AsyncSlot, #named| { #code })
}

/// Runs stored deferred code through the frame's `method`. With named
/// results, through its `_with` twin, whose callback hands the code `&mut`s
/// to them, made only then; `bound` for a call form's `Bound`.
fn runner(frame: &Frame, method: &str, storage: TokenStream, bound: bool) -> TokenStream {
    let panic = names::panic(frame.depth);
    if frame.is_async {
        return async_runner(frame, method, &storage, bound);
    }
    match &frame.named {
        None => {
            let method = Ident::new(method, Span::call_site());
            quote!(#panic.#method(#storage))
        }
        Some(named) => {
            let method = Ident::new(&format!("{method}_with"), Span::call_site());
            let refs = named.refs(frame.named_refs);
            let deferred = names::deferred();
            // Called through a generic `FnOnce` bound: a `move` closure
            // that mutates its captures is `FnMut`, which a direct call
            // would pick, borrowing the closure mutably.
            let call = if bound {
                quote!(#deferred.call(#panic, #refs))
            } else {
                quote!(::defer_core::__private::run(#deferred, #panic, #refs))
            };
            quote!(#panic.#method(#storage, |#deferred, #panic| #call))
        }
    }
}

/// [`runner`] in an `async fn`: the same four ways to run stored code,
/// written out, each awaiting the async closure's future, under
/// `catch_async` but for `run_slot`.
fn async_runner(frame: &Frame, method: &str, storage: &TokenStream, bound: bool) -> TokenStream {
    let (panic, deferred) = (names::panic(frame.depth), names::deferred());
    let refs = frame
        .named
        .as_ref()
        .map(|named| named.refs(frame.named_refs));
    // Called here, not through a generic `async fn` of defer-core's (see
    // `bind_async` there).
    let args = names::bound_args();
    let future = match (&refs, bound) {
        (None, false) => quote!(#deferred(&#panic)),
        (None, true) => quote!({
            let (#args, #deferred) = #deferred.into_parts();
            #deferred(#args, &#panic)
        }),
        (Some(refs), false) => quote!(#deferred(&#panic, #refs)),
        (Some(refs), true) => quote!({
            let (#args, #deferred) = #deferred.into_parts();
            #deferred(#args, &#panic, #refs)
        }),
    };
    let caught = caught(frame, &quote!(#future.await;));
    let some = quote!(::defer_core::__private::Option::Some(#deferred));
    match method {
        "call_slot" => quote!(if let #some = (#storage).take() { #caught }),
        "run_slot" => quote!(if let #some = (#storage).take() { #future.await; }),
        "call_list" => quote!(while let #some = (#storage).pop() { #caught }),
        "call_last" => quote!(if let #some = (#storage).pop() { #caught }),
        _ => unreachable!("no runner `{method}`"),
    }
}

/// `stored`: the code runs from a closure kept until exit (block and call
/// forms; the `move` form always is one).
fn code(form: Form, index: usize, walk: &mut dyn Walk, runs: Runs) -> Code {
    match form {
        Form::Call(call) => call_code(call, index, walk, runs),
        Form::Block(stmts) => Code::Block(walk.lower_deferred(stmts, runs)),
        Form::Move(stmts) => Code::Move(walk.lower_deferred(stmts, Runs::Stored)),
    }
}

/// Rewrites the named results in `expr` to the `&mut` parameters of stored
/// deferred code, when `refs`.
fn deref_named(expr: &mut Expr, refs: bool, walk: &mut dyn Walk) {
    if let (true, Some(named)) = (refs, walk.frame().named.clone()) {
        let errors = Deref::new(&named).expr(expr);
        walk.errors().extend(errors);
    }
}

/// Splits a call into what is evaluated at the statement (arguments, a
/// callee that is not a path or closure literal, a receiver that is not a
/// place) and the call that runs at exit.
fn call_code(call: Expr, index: usize, walk: &mut dyn Walk, runs: Runs) -> Code {
    let stored = runs.named_refs();
    let frame = walk.frame();
    let mut early = Early {
        depth: frame.depth,
        index,
        // Early parts run at the statement, late parts at exit.
        refs: frame.named_refs,
        late_refs: frame.named_refs || stored,
        lets: TokenStream::new(),
        names: Vec::new(),
        receiver: None,
    };
    let call = early.call(call, walk);
    Code::Call {
        lets: early.lets,
        early: early.names,
        receiver: early.receiver,
        call: quote!(#call;),
    }
}

/// The parts of one call-form `defer!` evaluated at its statement, each
/// bound to a local.
struct Early {
    depth: usize,
    index: usize,
    /// The named results are `&mut` parameters where the statement runs,
    /// and where the exit runs (`late_refs`).
    refs: bool,
    late_refs: bool,
    lets: TokenStream,
    names: Vec<Ident>,
    /// The early receiver, which exit code may call by `&mut self`.
    receiver: Option<Ident>,
}

impl Early {
    fn bind(&mut self, walk: &mut dyn Walk, name: Ident, mut value: Expr, receiver: bool) {
        deref_named(&mut value, self.refs, walk);
        walk.walk_early(&mut value);
        self.lets.extend(if receiver {
            // `mut`: a receiver evaluated at the statement may be called
            // through `&mut self` at exit (a `RefMut`, a builder).
            quote_spanned!(value.span()=> #[allow(unused_mut)] let mut #name = #value;)
        } else {
            quote_spanned!(value.span()=> let #name = #value;)
        });
        if receiver {
            self.receiver = Some(name.clone());
        }
        self.names.push(name);
    }

    /// `(a, b)`: each argument bound at the statement.
    fn args(
        &mut self,
        walk: &mut dyn Walk,
        args: Punctuated<Expr, Token![,]>,
        paren: Span,
    ) -> TokenStream {
        let mut bound = Vec::new();
        for (position, arg) in args.into_iter().enumerate() {
            let name = names::arg(self.depth, self.index, position);
            self.bind(walk, name.clone(), arg, false);
            bound.push(name);
        }
        quote_spanned!(paren=> (#(#bound),*))
    }

    /// A callee or a receiver: used at exit as it stands when `late`,
    /// otherwise bound at the statement to `name`. `true` for a closure
    /// literal, walked as deferred code.
    fn head(
        &mut self,
        walk: &mut dyn Walk,
        expr: &mut Expr,
        late: bool,
        name: Ident,
        receiver: bool,
    ) -> (TokenStream, bool) {
        if late {
            deref_named(expr, self.late_refs, walk);
            let literal = closure_callee(expr, walk);
            (quote!(#expr), literal)
        } else {
            self.bind(walk, name.clone(), expr.clone(), receiver);
            (quote!(#name), false)
        }
    }

    /// A call, or an awaited call (`f(x).await`), whose await runs at
    /// exit with the call.
    fn call(&mut self, call: Expr, walk: &mut dyn Walk) -> TokenStream {
        match call {
            Expr::Call(call) => self.function_call(call, walk),
            Expr::MethodCall(call) => self.method_call(call, walk),
            Expr::Await(awaited) => {
                let (dot, await_token) = (awaited.dot_token, awaited.await_token);
                let call = self.call(*awaited.base, walk);
                quote!(#call #dot #await_token)
            }
            _ => unreachable!("Form::Call holds only calls"),
        }
    }

    fn function_call(&mut self, mut call: syn::ExprCall, walk: &mut dyn Walk) -> TokenStream {
        let (late, name) = (
            is_late_callee(&call.func),
            names::callee(self.depth, self.index),
        );
        let (func, literal) = self.head(walk, &mut call.func, late, name, false);
        // Go's `defer func(..) { .. }(..)`: calling the literal where it
        // stands is the point, not a redundant closure.
        let allow = literal.then(|| quote!(#[allow(clippy::redundant_closure_call)]));
        let args = self.args(walk, call.args, call.paren_token.span.join());
        quote!(#allow #func #args)
    }

    fn method_call(&mut self, mut call: syn::ExprMethodCall, walk: &mut dyn Walk) -> TokenStream {
        let (late, name) = (
            is_place(&call.receiver),
            names::receiver(self.depth, self.index),
        );
        let (receiver, _) = self.head(walk, &mut call.receiver, late, name, true);
        let args = self.args(walk, call.args, call.paren_token.span.join());
        let (method, turbofish) = (&call.method, &call.turbofish);
        quote!(#receiver.#method #turbofish #args)
    }
}

/// SPEC §2: a callee that is a path or a closure literal is not evaluated
/// at the statement.
fn is_late_callee(func: &Expr) -> bool {
    match func {
        Expr::Path(_) | Expr::Closure(_) => true,
        Expr::Paren(paren) => is_late_callee(&paren.expr),
        _ => false,
    }
}

/// SPEC §2: a receiver that is a place (a local, a field path) is used at
/// exit, so the body may keep using it.
fn is_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(path) => path.qself.is_none(),
        Expr::Field(field) => is_place(&field.base),
        Expr::Paren(paren) => is_place(&paren.expr),
        _ => false,
    }
}

/// A closure-literal callee is deferred code (Go's `defer func() { .. }()`):
/// its `recover!()` reaches the panic in flight.
fn closure_callee(func: &mut Expr, walk: &mut dyn Walk) -> bool {
    match func {
        Expr::Paren(paren) => closure_callee(&mut paren.expr, walk),
        Expr::Closure(closure) => {
            walk.walk_closure_callee(&mut closure.body);
            true
        }
        _ => false,
    }
}
