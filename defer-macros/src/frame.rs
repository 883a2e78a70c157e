//! The plain data the lowering passes share: what a frame returns ([`Ret`],
//! [`Named`]), the frame being lowered ([`Frame`]), and one `defer!`'s
//! contribution to its level ([`Site`]). No module here decides anything;
//! the passes above read and fill these.

use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::cell::Cell;
use std::rc::Rc;
use syn::{Lifetime, Type};

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
    /// parameter of stored deferred code (see the `refs` pass). It may not
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
}

/// A body being lowered: the function's, or a deferred block's with
/// `defer!`s of its own (depth 1, 2, ..., whose generated names carry the
/// depth, see [`crate::names`]).
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
    /// The body of a closure with `defer!`s: a function of its own.
    pub closure: bool,
    /// Parameters of a `&mut` type, which the levels may take by value
    /// (see `repoint`).
    pub repointable: Vec<Param>,
    /// The function returns a type that borrows (`&`, a lifetime): its
    /// `&mut` parameters are taken by value wherever the levels use them.
    pub returns_borrow: bool,
    /// The returned value may hold a lifetime: it borrows, or it is a
    /// `dyn` (`+ 'static` unless said) or an `impl` (which captures the
    /// function's lifetimes from edition 2024). Its levels store it from
    /// the innermost one too (see `lower`).
    pub value_may_borrow: bool,
    /// Those of them the levels took: their `mut` is used inside.
    pub moved_params: Vec<Ident>,
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
    /// Deferred code that runs inline in its level's exit code, not in a
    /// closure: the label of its block, which a `return` there breaks.
    pub label: Option<Lifetime>,
    /// A `return` was turned into a `break` of `label`.
    pub label_used: bool,
    /// The body of an `async fn`, or deferred code in one: its levels and
    /// caught deferred code are `async` blocks, awaited under
    /// `catch_async`, and deferred code may `.await`.
    pub is_async: bool,
    /// Code that suspends (an `async` level or block, an async closure)
    /// shares this frame's panic slot: it is then the `Sync` `AsyncSlot`,
    /// so that the future stays `Send`. Set while the frame is lowered.
    pub suspends: Cell<bool>,
    /// The depth of the frame whose outcome `errdefer!`/`okdefer!` judge:
    /// the function's (0), a closure's or an async block's; deferred code
    /// has its owner's.
    pub fn_depth: usize,
    /// That frame returns through its return slot (`Ret::Value`).
    pub fn_value: bool,
    /// That frame's written return type is an `Option<..>`.
    pub fn_option: bool,
    /// That frame's return type, when it returns through its slot (`_`
    /// where it is not written).
    pub fn_ret_ty: Option<Rc<Type>>,
    /// This frame's code runs inside stored deferred code (a closure kept
    /// until exit), which cannot read the return slot.
    pub stored: bool,
    /// Stored deferred code of the `fn_depth` frame tests its outcome: that
    /// frame then keeps whether its value fails in a flag it can read.
    pub fails_flag: Rc<Cell<bool>>,
    /// Stored deferred code of the `fn_depth` frame holds the error form
    /// `errdefer!(|e| ..)`: it queues its closure, which that frame's exit
    /// code then applies to the return slot.
    pub err_queue: Rc<Cell<bool>>,
}

/// How deferred code runs.
#[derive(Clone, Copy)]
pub enum Runs {
    /// In a closure kept from its statement until exit: it takes the named
    /// results as `&mut` parameters.
    Stored,
    /// Inline in its level's exit code (a top-level `defer! { .. }`);
    /// `refs`: it reaches the named results through `&mut`s rebound there.
    Inline { refs: bool },
}

impl Runs {
    /// The code reaches the named results through `&mut`s.
    pub fn named_refs(self) -> bool {
        match self {
            Runs::Stored => true,
            Runs::Inline { refs } => refs,
        }
    }
}

impl Frame {
    pub fn function(ret: Ret) -> Frame {
        let named = match &ret {
            Ret::Named(named) => Some(Rc::clone(named)),
            _ => None,
        };
        let fn_value = matches!(ret, Ret::Value(_));
        let fn_option = match &ret {
            Ret::Value(ty) => match &**ty {
                Type::Path(path) => path
                    .path
                    .segments
                    .last()
                    .is_some_and(|last| last.ident == "Option"),
                _ => false,
            },
            _ => false,
        };
        let fn_ret_ty = match &ret {
            Ret::Value(ty) => Some(Rc::new((**ty).clone())),
            _ => None,
        };
        Frame {
            fn_value,
            fn_option,
            fn_ret_ty,
            named,
            named_refs: false,
            as_written: false,
            label: None,
            label_used: false,
            depth: 0,
            ret,
            owner_panic: None,
            deferred: false,
            closure_callee: false,
            closure: false,
            repointable: Vec::new(),
            returns_borrow: false,
            value_may_borrow: false,
            moved_params: Vec::new(),
            next_site: 0,
            open_coded: 0,
            recovers: false,
            owner_recovers: false,
            is_async: false,
            suspends: Cell::new(false),
            fn_depth: 0,
            stored: false,
            fails_flag: Rc::default(),
            err_queue: Rc::default(),
        }
    }

    /// The frame of deferred code that `owner`'s exit runs.
    pub fn deferred_in(owner: &Frame, runs: Runs) -> Frame {
        let label = match runs {
            Runs::Stored => None,
            Runs::Inline { .. } => Some(names::exit_label(owner.depth + 1)),
        };
        Frame {
            named_refs: owner.named_refs || runs.named_refs(),
            as_written: false,
            label,
            label_used: false,
            depth: owner.depth + 1,
            ret: Ret::Unit,
            owner_panic: Some(names::panic(owner.depth)),
            named: owner.named.clone(),
            deferred: true,
            closure_callee: false,
            closure: false,
            repointable: Vec::new(),
            returns_borrow: false,
            value_may_borrow: false,
            moved_params: Vec::new(),
            next_site: 0,
            open_coded: 0,
            recovers: false,
            owner_recovers: false,
            is_async: owner.is_async,
            suspends: Cell::new(false),
            fn_depth: owner.fn_depth,
            fn_value: owner.fn_value,
            fn_option: owner.fn_option,
            fn_ret_ty: owner.fn_ret_ty.clone(),
            stored: owner.stored || matches!(runs, Runs::Stored),
            fails_flag: Rc::clone(&owner.fails_flag),
            err_queue: Rc::clone(&owner.err_queue),
        }
    }

    /// A closure's body, inside `owner`: its own frame, as a nested
    /// function's, whose names do not hide the owner's.
    pub fn closure(owner: &Frame, ret: Ret) -> Frame {
        Frame {
            depth: owner.depth + 1,
            closure: true,
            named: None,
            fn_depth: owner.depth + 1,
            ..Frame::function(ret)
        }
    }

    pub fn closure_callee(owner: &Frame) -> Frame {
        Frame {
            label: None,
            deferred: false,
            closure_callee: true,
            // A closure: it cannot `.await`.
            is_async: false,
            ..Frame::deferred_in(owner, Runs::Inline { refs: false })
        }
    }
}

/// A parameter of a `&mut` type (`&mut T`, `Option<&mut T>`), or a
/// `&mut self` receiver (`ident` is then `self`).
#[derive(Clone)]
pub struct Param {
    pub ident: Ident,
    pub mutable: bool,
    pub receiver: bool,
}

/// One `defer!`'s contribution to its level: storage declared before the
/// level's statement, and the exit code.
#[derive(Default)]
pub struct Site {
    pub decl: TokenStream,
    /// The exit code, run in reverse site order. A panic out of it is
    /// caught, so that the older sites still run.
    pub exit: TokenStream,
    /// The exit code when it is the level's last: a panic out of it is the
    /// enclosing level's to catch, so it needs no `catch` of its own.
    pub last: TokenStream,
    /// The exit code as an arm of the order log's `match`: run this site's
    /// newest registration.
    pub run: TokenStream,
    /// `exit` is an async block sharing the frame's panic slot (see
    /// `Frame::suspends`); `last` runs inline and shares nothing.
    pub exit_suspends: bool,
}
