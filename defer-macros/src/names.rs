//! Names of the locals the expansion introduces. All are `__defer` names at
//! `Span::mixed_site()`, so user code can neither see nor shadow them.
//!
//! A deferred block that holds `defer!`s of its own has a frame of its own
//! (depth 1, 2, ...); its names carry the depth so that its exit code and
//! its `recover!()` can still name the enclosing frame's.

use proc_macro2::{Ident, Span};

fn ident(depth: usize, name: &str) -> Ident {
    let text = if depth == 0 {
        format!("__defer_{name}")
    } else {
        format!("__defer{depth}_{name}")
    };
    Ident::new(&text, Span::mixed_site())
}

pub fn bits(depth: usize) -> Ident {
    ident(depth, "bits")
}

pub fn panic(depth: usize) -> Ident {
    ident(depth, "panic")
}

/// The value under way fails: what `errdefer!`/`okdefer!` in stored
/// deferred code read, as that code cannot read the return slot.
pub fn fails(depth: usize) -> Ident {
    ident(depth, "fails")
}

/// The queue of error forms that stored deferred code ran.
pub fn err_queue(depth: usize) -> Ident {
    ident(depth, "errq")
}

/// A bound call-form's arguments, taken back out at exit (an `async fn`).
pub fn bound_args() -> Ident {
    ident(0, "args")
}

/// What a block awaited under `catch_async` gave (an `async fn`).
pub fn caught() -> Ident {
    ident(0, "caught")
}

pub fn ret(depth: usize) -> Ident {
    ident(depth, "ret")
}

pub fn slot(depth: usize, index: usize) -> Ident {
    ident(depth, &format!("slot_{index}"))
}

pub fn deferred_fn(depth: usize, index: usize) -> Ident {
    ident(depth, &format!("fn_{index}"))
}

pub fn arg(depth: usize, index: usize, position: usize) -> Ident {
    ident(depth, &format!("arg_{index}_{position}"))
}

pub fn callee(depth: usize, index: usize) -> Ident {
    ident(depth, &format!("callee_{index}"))
}

pub fn receiver(depth: usize, index: usize) -> Ident {
    ident(depth, &format!("recv_{index}"))
}

pub fn list(depth: usize, index: usize) -> Ident {
    ident(depth, &format!("list_{index}"))
}

/// The site whose registration the order log pops next.
pub fn site_id() -> Ident {
    ident(0, "site")
}

pub fn order(depth: usize) -> Ident {
    ident(depth, "order")
}

/// Where a statement of deferred code that takes the named result `ident`
/// by value gives it back.
pub fn place(ident: &Ident) -> Ident {
    let name = syn::ext::IdentExt::unraw(ident);
    Ident::new(&format!("__defer_place_{name}"), Span::mixed_site())
}

/// The block of deferred code that runs inline, which its `return` breaks.
pub fn exit_label(depth: usize) -> syn::Lifetime {
    let ident = ident(depth, "exit");
    syn::Lifetime {
        apostrophe: ident.span(),
        ident,
    }
}

/// Stored deferred code, in the exit's callback that runs it.
pub fn deferred() -> Ident {
    ident(0, "deferred")
}

/// One value of `return (a, b)` in a function with named results.
pub fn value_of(index: usize) -> Ident {
    ident(0, &format!("value_{index}"))
}

pub fn value() -> Ident {
    ident(0, "value")
}

/// At the user's `?` with the user's hygiene: rustc reports an error whose
/// span has a macro's hygiene at the macro call, the attribute, and the
/// residual's conversion error belongs at the `?`. Safe to share the user's
/// hygiene: the name is bound in a match arm that holds no user code.
pub fn residual(at: Span) -> Ident {
    Ident::new("__defer_residual", at)
}

/// `name`, still invisible to user code, but located at the user's `defer!`:
/// rustc's borrow errors say where a slot or list is "declared", and that
/// is the `defer!` it holds.
pub fn at(name: Ident, defer: Span) -> Ident {
    Ident::new(&name.to_string(), defer.resolved_at(Span::mixed_site()))
}
