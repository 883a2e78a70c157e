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

use crate::form::Form;
use crate::lower::{self, Frame, Site};
use crate::names;
use crate::rewrite::{Mode, Rewriter};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Expr, LitInt, Macro};

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

/// A `defer!` directly in the body's top-level block: inline exit code.
pub fn top_level(
    mac: &Macro,
    frame: &mut Frame,
    mode: Mode,
    errors: &mut Vec<syn::Error>,
) -> (TokenStream, Site) {
    let Some(form) = parse(mac, errors) else {
        return (TokenStream::new(), Site::default());
    };
    let (site, tier) = place(frame, false);
    let depth = frame.depth;
    // A block that runs inline still reaches the named results through
    // `&mut`s, as stored code does: captured by its closure, one that it
    // moves out (`err = join(err, e)`) would be moved into the closure, and
    // rustc would report a use after move at the attribute; through a
    // `&mut`, the error is at the user's `err` ("cannot move out of").
    let rebind = match (&form, &frame.named, frame.named_refs) {
        (Form::Block(_), Some(named), false) => {
            let (pattern, refs) = (named.value(), named.refs(false));
            Some(quote!(#[allow(unused_variables)] let #pattern = #refs;))
        }
        _ => None,
    };
    let code = {
        let mut rewriter = Rewriter::new(frame, errors, mode);
        code(form, site, &mut rewriter, rebind.is_some())
    };
    let bits = names::bits(depth);
    let panic = names::panic(depth);
    let span = mac.path.span();
    let (statement, run) = match code {
        Code::Call { lets, call, .. } => (lets, quote!(#panic.catch(|| { #call });)),
        Code::Block(code) => (
            TokenStream::new(),
            quote!(#panic.catch(|| { #rebind #code });),
        ),
        Code::Move(code) => {
            let name = names::deferred_fn(depth, site);
            let closure = closure(
                frame,
                span,
                quote_spanned!(span=> move),
                TokenStream::new(),
                code,
            );
            let run = runner(frame, "call", quote!(#name), false);
            (quote_spanned!(span=> let #name = #closure;), quote!(#run;))
        }
    };
    let (statement, exit) = match tier {
        Tier::OpenCoded(index) => {
            let mask = bit(index);
            (
                quote!(#statement #bits |= #mask;),
                quote!(if #bits & #mask != 0 { #run }),
            )
        }
        // A top-level statement has run once its level is entered.
        Tier::Overflow | Tier::List => (statement, run.clone()),
    };
    (
        statement,
        Site {
            exit,
            run,
            ..Site::default()
        },
    )
}

/// A `defer!` nested in a block, `if`, `match` or loop of a top-level
/// statement: a closure stored at its statement, run by the level's exit.
pub fn stored(mac: &Macro, rewriter: &mut Rewriter) -> TokenStream {
    let Some(form) = parse(mac, rewriter.errors) else {
        return quote!({});
    };
    let (site, tier) = place(rewriter.frame, rewriter.in_loop());
    let depth = rewriter.frame.depth;
    let span = mac.path.span();
    // rustc suggests `move` at the start of a closure that should take its
    // captures: inside the parentheses, which is where `defer!(move ..)`
    // has it. (For `defer! { .. }` no place is right.)
    let closure_span = match (&mac.delimiter, mac.tokens.clone().into_iter().next()) {
        (syn::MacroDelimiter::Paren(_), Some(first)) => first.span(),
        _ => span,
    };
    let code = code(form, site, rewriter, true);
    let bound = matches!(code, Code::Call { .. });
    let frame = &*rewriter.frame;
    let (lets, closure) = match code {
        Code::Call {
            lets,
            early,
            receiver,
            call,
        } => {
            let patterns = early.iter().map(|name| {
                if receiver.as_ref() == Some(name) {
                    quote!(mut #name)
                } else {
                    quote!(#name)
                }
            });
            // `mut`: a receiver may be called through `&mut self` at exit.
            let allow = receiver.as_ref().map(|_| quote!(#[allow(unused_mut)]));
            let args = quote!(#allow (#(#patterns,)*),);
            let closure = closure(frame, closure_span, TokenStream::new(), args, call);
            let bind = match &frame.named {
                None => quote_spanned!(span=> ::defer_core::__private::bind),
                Some(named) => {
                    let arity = named.results.len();
                    let bind = Ident::new(&format!("bind_with{arity}"), Span::call_site());
                    quote_spanned!(span=> ::defer_core::__private::Bound::#bind)
                }
            };
            (lets, quote!(#bind((#(#early,)*), #closure)))
        }
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
    };
    let register = match tier {
        Tier::OpenCoded(_) | Tier::Overflow => {
            let slot = names::at(names::slot(depth, site), span);
            let run = runner(frame, "call_slot", quote!(&mut #slot), bound);
            // An open-coded slot has its bit; past the 8th, the slot's own
            // `Option` says whether the statement ran.
            let (exit, set_bit) = match tier {
                Tier::OpenCoded(index) => {
                    let (bits, mask) = (names::bits(depth), bit(index));
                    (
                        quote!(if #bits & #mask != 0 { #run; }),
                        quote!(#bits |= #mask;),
                    )
                }
                _ => (quote!(#run;), TokenStream::new()),
            };
            rewriter.sites.push(Site {
                decl: quote_spanned!(span=> let mut #slot = ::core::option::Option::None;),
                exit,
                run,
            });
            quote!(#slot = ::core::option::Option::Some(#closure); #set_bit)
        }
        Tier::List => {
            let list = names::at(names::list(depth, site), span);
            rewriter.sites.push(Site {
                decl: quote_spanned!(span=> let mut #list = ::defer_core::__private::List::new();),
                exit: {
                    let run = runner(frame, "call_list", quote!(&mut #list), bound);
                    quote!(#run;)
                },
                run: runner(frame, "call_last", quote!(&mut #list), bound),
            });
            quote!(#list.push(#closure);)
        }
    };
    let order = rewriter.order.as_ref().map(|order| {
        let id = u16::try_from(rewriter.sites.len() - 1).unwrap_or(u16::MAX);
        quote!(#order.push(#id);)
    });
    quote!({
        #lets
        #register
        #order
    })
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
    quote_spanned!(span=> #capture |#args #panic: &#frame_ty, #params| { #code })
}

/// Runs stored deferred code through the frame's `method`. With named
/// results, through its `_with` twin, whose callback hands the code `&mut`s
/// to them, made only then; `bound` for a call form's `Bound`.
fn runner(frame: &Frame, method: &str, storage: TokenStream, bound: bool) -> TokenStream {
    let panic = names::panic(frame.depth);
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

/// `stored`: the code runs from a closure kept until exit (block and call
/// forms; the `move` form always is one).
fn code(form: Form, index: usize, rewriter: &mut Rewriter, stored: bool) -> Code {
    let (frame, errors) = (&mut *rewriter.frame, &mut *rewriter.errors);
    match form {
        Form::Call(call) => call_code(call, index, rewriter, stored),
        Form::Block(stmts) => Code::Block(lower::deferred(stmts, frame, stored, errors)),
        Form::Move(stmts) => Code::Move(lower::deferred(stmts, frame, true, errors)),
    }
}

/// Rewrites the named results in `expr` to the `&mut` parameters of stored
/// deferred code, when `refs`.
fn deref_named(expr: &mut Expr, refs: bool, rewriter: &mut Rewriter) {
    if let (true, Some(named)) = (refs, &rewriter.frame.named) {
        let errors = crate::refs::Deref::new(named).expr(expr);
        rewriter.errors.extend(errors);
    }
}

/// Splits a call into what is evaluated at the statement (arguments, a
/// callee that is not a path or closure literal, a receiver that is not a
/// place) and the call that runs at exit.
fn call_code(call: Expr, index: usize, rewriter: &mut Rewriter, stored: bool) -> Code {
    let depth = rewriter.frame.depth;
    // Early parts run at the statement, late parts at exit.
    let (early_refs, late_refs) = (
        rewriter.frame.named_refs,
        rewriter.frame.named_refs || stored,
    );
    let mut lets = TokenStream::new();
    let mut early = Vec::new();
    let mut receiver = None;
    let mut bind = |rewriter: &mut Rewriter, name: Ident, mut value: Expr, receiver: bool| {
        deref_named(&mut value, early_refs, rewriter);
        rewriter.in_defer_args = true;
        rewriter.visit_expr_mut(&mut value);
        rewriter.in_defer_args = false;
        lets.extend(if receiver {
            // `mut`: a receiver evaluated at the statement may be called
            // through `&mut self` at exit (a `RefMut`, a builder).
            quote_spanned!(value.span()=> #[allow(unused_mut)] let mut #name = #value;)
        } else {
            quote_spanned!(value.span()=> let #name = #value;)
        });
        early.push(name);
    };
    let mut allow = TokenStream::new();
    let call = match call {
        Expr::Call(mut call) => {
            let func = if is_late_callee(&call.func) {
                deref_named(&mut call.func, late_refs, rewriter);
                if closure_callee(&mut call.func, rewriter) {
                    // Go's `defer func(..) { .. }(..)`: calling the literal
                    // where it stands is the point, not a redundant closure.
                    allow = quote!(#[allow(clippy::redundant_closure_call)]);
                }
                let func = &call.func;
                quote!(#func)
            } else {
                let name = names::callee(depth, index);
                bind(rewriter, name.clone(), (*call.func).clone(), false);
                quote!(#name)
            };
            let mut args = Vec::new();
            for (position, arg) in call.args.into_iter().enumerate() {
                let name = names::arg(depth, index, position);
                bind(rewriter, name.clone(), arg, false);
                args.push(name);
            }
            let paren = call.paren_token.span.join();
            let args = quote_spanned!(paren=> (#(#args),*));
            quote!(#func #args)
        }
        Expr::MethodCall(mut call) => {
            let receiver = if is_place(&call.receiver) {
                deref_named(&mut call.receiver, late_refs, rewriter);
                let receiver = &call.receiver;
                quote!(#receiver)
            } else {
                let name = names::receiver(depth, index);
                bind(rewriter, name.clone(), (*call.receiver).clone(), true);
                receiver = Some(name.clone());
                quote!(#name)
            };
            let mut args = Vec::new();
            for (position, arg) in call.args.into_iter().enumerate() {
                let name = names::arg(depth, index, position);
                bind(rewriter, name.clone(), arg, false);
                args.push(name);
            }
            let method = &call.method;
            let turbofish = &call.turbofish;
            let paren = call.paren_token.span.join();
            let args = quote_spanned!(paren=> (#(#args),*));
            quote!(#receiver.#method #turbofish #args)
        }
        _ => unreachable!("Form::Call holds only calls"),
    };
    let call = quote!(#allow #call;);
    Code::Call {
        lets,
        early,
        receiver,
        call,
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
fn closure_callee(func: &mut Expr, rewriter: &mut Rewriter) -> bool {
    match func {
        Expr::Paren(paren) => closure_callee(&mut paren.expr, rewriter),
        Expr::Closure(closure) => {
            let mut frame = Frame::closure_callee(rewriter.frame);
            let mut inner = Rewriter::new(&mut frame, rewriter.errors, Mode::Native);
            inner.visit_expr_mut(&mut closure.body);
            rewriter.frame.recovers |= frame.owner_recovers;
            true
        }
        _ => false,
    }
}
