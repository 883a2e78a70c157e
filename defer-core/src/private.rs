//! The small runtime that `#[with_defer]` expansions call. Not public API:
//! names and signatures change without notice.

use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError};

// Generated code reaches `core` through these: a bare `::core` path does
// not resolve in an edition 2015 crate without `extern crate core;`.
pub use core::convert::Infallible;
pub use core::mem::replace;
pub use core::ops::ControlFlow;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result;
pub use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
/// An `async fn`'s loop site keeps its entries here: the future's state
/// then holds a `Vec`, not [`List`]'s entries in place.
pub use std::vec::Vec;

/// A panic payload, as `std::panic::catch_unwind` returns it.
pub type Payload = Box<dyn Any + Send + 'static>;

/// The panic in flight in one `#[with_defer]` frame (a function body, or a
/// deferred block that has `defer!`s of its own).
///
/// A `Cell` so that every level closure, every stored deferred closure and
/// the exit code can share it by `&` without borrow conflicts: each level
/// runs under [`PanicSlot::catch`], which stores the payload here instead of
/// re-raising it, so a panic unwinds once per frame however many levels and
/// defers it passes; [`PanicSlot::finish`] re-raises it once at the end.
///
/// The payload is boxed once more so that the slot is one thin pointer:
/// carried through a function's catches, the two words of a bare payload
/// cost two register moves per defer (`eight`: 91 instructions a call
/// against 63 handwritten, `cargo bench -p defer-core --bench
/// instructions`); one word costs none (63). The extra allocation happens
/// only when a panic is caught, next to the unwinder's own ~25,000.
pub struct PanicSlot(Cell<Option<Box<InFlight>>>);

/// A caught panic's payload, boxed once more (see [`PanicSlot`]). Dropped
/// (superseded by a newer panic, or left in the slot when a frame's last
/// deferred code panics: it runs without a `catch` of its own), it drops
/// the payload so that a `Drop` of the payload's that panics cannot abort
/// the unwinding, and the normal path pays nothing for it.
pub struct InFlight(Option<Payload>);

impl InFlight {
    fn payload(&mut self) -> Payload {
        match self.0.take() {
            Some(payload) => payload,
            None => unreachable!("with_defer: a panic slot held no payload"),
        }
    }
}

impl Drop for InFlight {
    // Out of line, as `PanicSlot::replace`: inlined, it grew the landing
    // pads that drop a slot enough to cost the normal path a saved register.
    #[cold]
    #[inline(never)]
    fn drop(&mut self) {
        if let Some(payload) = self.0.take() {
            drop_payload(payload);
        }
    }
}

impl PanicSlot {
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        Self::NEW
    }

    /// An empty slot, as a constant: in a debug build, `new()` is a call.
    /// The expansion only ever moves it into a local of its own.
    #[allow(
        clippy::declare_interior_mutable_const,
        reason = "each use is a new slot, as intended"
    )]
    pub const NEW: Self = PanicSlot(Cell::new(None));

    /// Runs `f`; a panic out of it replaces the payload in flight.
    #[inline(always)]
    pub fn catch<F: FnOnce()>(&self, f: F) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(f)) {
            self.replace(payload);
        }
    }

    /// Runs the innermost level of a function that returns a value, and
    /// writes the value once into the frame's return slot.
    #[inline(always)]
    pub fn catch_value<R, F: FnOnce() -> R>(&self, ret: &mut Option<R>, f: F) {
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(value) => *ret = Some(value),
            Err(payload) => self.replace(payload),
        }
    }

    /// Runs a stored deferred closure, handing it this frame so that its
    /// `recover!()` reaches the panic in flight.
    #[inline(always)]
    pub fn call<F: FnOnce(&Self)>(&self, f: F) {
        self.call_with(f, |f, frame| f(frame));
    }

    /// Runs the deferred closure stored in `slot`, if its statement ran.
    #[inline(always)]
    pub fn call_slot<F: FnOnce(&Self)>(&self, slot: &mut Option<F>) {
        self.call_slot_with(slot, |f, frame| f(frame));
    }

    /// [`PanicSlot::call_slot`] without a `catch`: for the last exit of a
    /// level, whose panic the enclosing level catches (or that leaves the
    /// frame).
    #[inline(always)]
    pub fn run_slot<F: FnOnce(&Self)>(&self, slot: &mut Option<F>) {
        if let Some(f) = slot.take() {
            f(self);
        }
    }

    /// Runs a loop site's list, newest first.
    #[inline]
    pub fn call_list<F: FnOnce(&Self)>(&self, list: &mut List<F>) {
        self.call_list_with(list, |f, frame| f(frame));
    }

    /// Runs the newest entry of a loop site's list (the order log says it
    /// is the newest registration of the whole statement).
    #[inline(always)]
    pub fn call_last<F: FnOnce(&Self)>(&self, list: &mut List<F>) {
        self.call_last_with(list, |f, frame| f(frame));
    }

    /// [`PanicSlot::call`] through `run`, which hands `f` this frame and,
    /// in a function with named results, `&mut`s to them, borrowed only
    /// while `f` runs.
    #[inline(always)]
    pub fn call_with<F, G: FnOnce(F, &Self)>(&self, f: F, run: G) {
        self.catch(|| run(f, self));
    }

    /// [`PanicSlot::call_slot`] through `run`.
    #[inline(always)]
    pub fn call_slot_with<F, G: FnOnce(F, &Self)>(&self, slot: &mut Option<F>, run: G) {
        if let Some(f) = slot.take() {
            self.call_with(f, run);
        }
    }

    /// [`PanicSlot::run_slot`] through `run`.
    #[inline(always)]
    pub fn run_slot_with<F, G: FnOnce(F, &Self)>(&self, slot: &mut Option<F>, run: G) {
        if let Some(f) = slot.take() {
            run(f, self);
        }
    }

    /// [`PanicSlot::call_list`] through `run`. One `catch_unwind` for the
    /// whole list: a panicking entry is recorded and the rest still run.
    #[inline]
    pub fn call_list_with<F, G: FnMut(F, &Self)>(&self, list: &mut List<F>, mut run: G) {
        // Until the list is drained without a panic: an entry that panics
        // is recorded, and the entries older than it still run.
        while let Err(payload) = catch_unwind(AssertUnwindSafe(|| {
            // Newest first: the spilled entries, then those in place.
            while let Some(f) = list.spill.pop() {
                run(f, self);
            }
            while let Some(f) = list.pop_inline() {
                run(f, self);
            }
        })) {
            self.replace(payload);
        }
    }

    /// [`PanicSlot::call_last`] through `run`.
    #[inline(always)]
    pub fn call_last_with<F, G: FnOnce(F, &Self)>(&self, list: &mut List<F>, run: G) {
        if let Some(f) = list.pop() {
            self.call_with(f, run);
        }
    }

    /// `recover!()`: takes the payload in flight, stopping the panic.
    #[inline]
    pub fn recover(&self) -> Option<Payload> {
        self.0.take().map(|mut in_flight| in_flight.payload())
    }

    /// A panic is in flight in this frame (`errdefer!`, `okdefer!`).
    #[inline]
    pub fn in_flight(&self) -> bool {
        let in_flight = self.0.take();
        let panicking = in_flight.is_some();
        self.0.set(in_flight);
        panicking
    }

    /// Ends a deferred block's own frame: a panic still in flight there
    /// replaces the enclosing frame's, as a panic in Go's deferred call does.
    #[inline]
    pub fn absorb<S: Slot>(&self, inner: S) {
        if let Some(payload) = inner.into_in_flight() {
            self.replace_boxed(payload);
        }
    }

    /// Ends a frame of a function without a value: re-raises the panic still
    /// in flight, with its original payload.
    // `inline(always)`, these three, with their cold paths out of line: a
    // debug build calls them on every return otherwise (`one`: 191 -> 176
    // instructions a call in the dev profile).
    #[inline(always)]
    pub fn finish(self) {
        if let Some(payload) = self.0.into_inner() {
            resume(payload);
        }
    }

    /// Ends a frame of a function that returns a value.
    #[inline(always)]
    pub fn finish_value<R>(self, ret: Option<R>) -> R {
        self.finish();
        match ret {
            Some(value) => value,
            // Every path into the exit code either stored the value or
            // stored a panic, and `finish` re-raised the panic.
            None => no_value(),
        }
    }

    /// Ends a frame of a function whose deferred code can `recover!()`:
    /// after a recovery it returns the value of the `return` that was under
    /// way, or else the zero value, as Go does.
    #[inline(always)]
    pub fn finish_recovered<R>(self, ret: Option<R>, zero: fn() -> R) -> R {
        self.finish();
        match ret {
            Some(value) => value,
            None => zero(),
        }
    }

    // Out of line: each catch's landing pad is then a call, and the normal
    // path keeps the slot in one register without shuffles (`cargo bench
    // -p defer-core --bench instructions`: eight cleanups that may panic
    // 102 -> 91 instructions a call, handwritten 88; `loop_1` 79 -> 77).
    #[inline(never)]
    fn replace(&self, payload: Payload) {
        self.replace_boxed(boxed(payload));
    }

    #[inline(always)]
    fn replace_boxed(&self, payload: Box<InFlight>) {
        drop(self.0.replace(Some(payload)));
    }
}

/// The panic in flight in one frame of an `async fn`: [`PanicSlot`]'s
/// twin, shared by `&` as that one is, but `Sync`, so that the blocks and
/// stored async closures that hold a `&AsyncSlot` across an `.await` leave
/// the function's future `Send`. The lock is taken only to record, take or
/// re-raise a panic: the normal path reads nothing.
pub struct AsyncSlot(Mutex<Option<Box<InFlight>>>);

impl AsyncSlot {
    /// An empty slot (see [`PanicSlot::NEW`]).
    #[allow(
        clippy::declare_interior_mutable_const,
        reason = "each use is a new slot, as intended"
    )]
    pub const NEW: Self = AsyncSlot(Mutex::new(None));

    fn slot(&self) -> MutexGuard<'_, Option<Box<InFlight>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What a block awaited under [`catch_async`] gave: its value, or
    /// `None` after a panic, which replaces the one in flight.
    #[inline(always)]
    pub fn caught<T>(&self, result: Result<T, Payload>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(payload) => {
                self.replace(payload);
                None
            }
        }
    }

    /// [`PanicSlot::catch`]: a level or deferred block of an `async fn`
    /// that does not `.await` runs as in a sync function.
    #[inline(always)]
    pub fn catch<F: FnOnce()>(&self, f: F) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(f)) {
            self.replace(payload);
        }
    }

    /// [`PanicSlot::catch_value`], in an `async fn` (see
    /// [`AsyncSlot::catch`]).
    #[inline(always)]
    pub fn catch_value<R, F: FnOnce() -> R>(&self, ret: &mut Option<R>, f: F) {
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(value) => *ret = Some(value),
            Err(payload) => self.replace(payload),
        }
    }

    /// A panic is in flight in this frame (`errdefer!`, `okdefer!`).
    #[inline]
    pub fn in_flight(&self) -> bool {
        self.slot().is_some()
    }

    /// `recover!()`: takes the payload in flight, stopping the panic.
    #[inline]
    pub fn recover(&self) -> Option<Payload> {
        let in_flight = self.slot().take();
        in_flight.map(|mut in_flight| in_flight.payload())
    }

    /// Ends a deferred block's own frame (see [`PanicSlot::absorb`]).
    #[inline]
    pub fn absorb<S: Slot>(&self, inner: S) {
        if let Some(payload) = inner.into_in_flight() {
            self.replace_boxed(payload);
        }
    }

    fn into_inner(self) -> Option<Box<InFlight>> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    /// Ends a frame of a function without a value (see
    /// [`PanicSlot::finish`]).
    #[inline(always)]
    pub fn finish(self) {
        if let Some(payload) = self.into_inner() {
            resume(payload);
        }
    }

    /// Ends a frame of a function that returns a value.
    #[inline(always)]
    pub fn finish_value<R>(self, ret: Option<R>) -> R {
        self.finish();
        match ret {
            Some(value) => value,
            None => no_value(),
        }
    }

    /// Ends a frame of a function whose deferred code can `recover!()`.
    #[inline(always)]
    pub fn finish_recovered<R>(self, ret: Option<R>, zero: fn() -> R) -> R {
        self.finish();
        match ret {
            Some(value) => value,
            None => zero(),
        }
    }

    #[inline(never)]
    fn replace(&self, payload: Payload) {
        self.replace_boxed(boxed(payload));
    }

    fn replace_boxed(&self, payload: Box<InFlight>) {
        // The superseded payload drops after the lock is released.
        let superseded = self.slot().replace(payload);
        drop(superseded);
    }
}

/// `errdefer!`/`okdefer!`: the value under way is a failure. Called as a
/// method on `&R`: for `Result` and `Option` this trait's method is found
/// first; any other type finds [`NeverFails`]'s, through one more `&`.
pub trait Fails {
    /// `Err(..)` or `None`.
    fn fails(&self) -> bool;
}

impl<T, E> Fails for Result<T, E> {
    #[inline(always)]
    fn fails(&self) -> bool {
        self.is_err()
    }
}

impl<T> Fails for Option<T> {
    #[inline(always)]
    fn fails(&self) -> bool {
        self.is_none()
    }
}

/// Any other type's value never fails (see [`Fails`]).
pub trait NeverFails {
    /// Always `false`.
    fn fails(&self) -> bool {
        false
    }
}

impl<T: ?Sized> NeverFails for &T {}

/// `errdefer!(|e| ..)`: an `Err` under way becomes `Err(f(e))`.
#[inline]
pub fn map_err<T, E, F: FnOnce(E) -> E>(slot: &mut Option<Result<T, E>>, f: F) {
    if let Some(Err(_)) = slot {
        if let Some(Err(error)) = slot.take() {
            *slot = Some(Err(f(error)));
        }
    }
}

/// The error type of a `Result`, for [`err_closure_for`].
pub trait ErrOf {
    /// `E` of `Result<T, E>`.
    type Err;
}

impl<T, E> ErrOf for Result<T, E> {
    type Err = E;
}

/// The error forms that stored deferred code ran, in the order it ran
/// them, for the exit code to apply to the return slot (which that code
/// cannot reach) right after it.
pub struct ErrQueue<'a, E>(RefCell<Vec<ErrorForm<'a, E>>>);

/// One queued error form.
type ErrorForm<'a, E> = Box<dyn FnOnce(E) -> E + 'a>;

/// One queued error form of an `async fn`.
type SendErrorForm<'a, E> = Box<dyn FnOnce(E) -> E + Send + 'a>;

impl<'a, E> ErrQueue<'a, E> {
    /// An empty queue: no allocation until an error form runs.
    #[must_use]
    pub fn new() -> Self {
        ErrQueue(RefCell::new(Vec::new()))
    }

    /// Queues one error form's closure.
    pub fn push<F: FnOnce(E) -> E + 'a>(&self, f: F) {
        self.0.borrow_mut().push(Box::new(f));
    }

    /// Applies the queued closures, oldest first, to an `Err` under way.
    pub fn apply<T>(&self, slot: &mut Option<Result<T, E>>) {
        let queued = core::mem::take(&mut *self.0.borrow_mut());
        for f in queued {
            map_err(slot, f);
        }
    }
}

impl<E> Default for ErrQueue<'_, E> {
    fn default() -> Self {
        Self::new()
    }
}

/// [`ErrQueue`] in an `async fn`: `Sync`, so that the future stays `Send`.
pub struct AsyncErrQueue<'a, E>(Mutex<Vec<SendErrorForm<'a, E>>>);

impl<'a, E> AsyncErrQueue<'a, E> {
    /// An empty queue.
    #[must_use]
    pub fn new() -> Self {
        AsyncErrQueue(Mutex::new(Vec::new()))
    }

    /// Queues one error form's closure.
    pub fn push<F: FnOnce(E) -> E + Send + 'a>(&self, f: F) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Box::new(f));
    }

    /// Applies the queued closures, oldest first, to an `Err` under way.
    pub fn apply<T>(&self, slot: &mut Option<Result<T, E>>) {
        let queued = core::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        for f in queued {
            map_err(slot, f);
        }
    }
}

impl<E> Default for AsyncErrQueue<'_, E> {
    fn default() -> Self {
        Self::new()
    }
}

/// A nested `errdefer!(|e| ..)`'s closure, typed by the function's return
/// type `R` (its first parameter: the dying locals it took).
#[inline(always)]
pub fn err_closure_for<R: ErrOf, A, F: FnOnce(A, R::Err) -> R::Err>(f: F) -> F {
    f
}

/// Either panic slot, as a deferred frame's: its owner absorbs it whatever
/// each of them is (an `async fn`'s deferred block that does not suspend
/// keeps the synchronous one).
pub trait Slot {
    /// The panic still in flight, if any.
    fn into_in_flight(self) -> Option<Box<InFlight>>;
}

impl Slot for PanicSlot {
    fn into_in_flight(self) -> Option<Box<InFlight>> {
        self.0.into_inner()
    }
}

impl Slot for AsyncSlot {
    fn into_in_flight(self) -> Option<Box<InFlight>> {
        self.into_inner()
    }
}

/// Polls `future` under `catch_unwind`: a panic in any of its polls ends
/// it with the payload. The future is pinned here, in this function's own
/// (pinned) state, so the adapter that polls it holds a `Pin<&mut F>`,
/// which is `Unpin`: no `unsafe` projection, here or in the expansion.
pub async fn catch_async<F: Future>(future: F) -> Result<F::Output, Payload> {
    let future = core::pin::pin!(future);
    CatchAsync(future).await
}

/// Polls a pinned future under `catch_unwind` (see [`catch_async`]).
struct CatchAsync<'a, F>(Pin<&'a mut F>);

impl<F: Future> Future for CatchAsync<'_, F> {
    type Output = Result<F::Output, Payload>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.get_mut().0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    }
}

impl Default for PanicSlot {
    fn default() -> Self {
        Self::new()
    }
}

#[cold]
#[inline(never)]
#[allow(clippy::boxed_local, reason = "as the slot holds it: one thin pointer")]
fn resume(mut payload: Box<InFlight>) -> ! {
    resume_unwind(payload.payload())
}

#[cold]
#[inline(never)]
fn no_value() -> ! {
    unreachable!("with_defer: a frame ended with neither a value nor a panic")
}

/// Only when a panic is caught; see [`PanicSlot::replace`].
#[cold]
#[inline(never)]
fn boxed(payload: Payload) -> Box<InFlight> {
    Box::new(InFlight(Some(payload)))
}

/// Drops a superseded panic payload. Its `Drop` may itself panic; that panic
/// is caught and dropped in turn, so cleanup never aborts the process.
#[cold]
#[inline(never)]
fn drop_payload(mut payload: Payload) {
    while let Err(next) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        payload = next;
    }
}

/// Binds the arguments of a stored call-form `defer!`, evaluated at its
/// statement, to the code that calls the callee at exit.
#[inline(always)]
pub fn bind<A, F: FnOnce(A, &PanicSlot)>(args: A, f: F) -> impl FnOnce(&PanicSlot) {
    move |frame| f(args, frame)
}

/// Runs a top-level `move` defer's code, the last exit of its level, as
/// `FnOnce` (it may mutate its captures).
#[inline(always)]
pub fn call_once<F: FnOnce(&PanicSlot)>(f: F, frame: &PanicSlot) {
    f(frame);
}

/// Runs stored deferred code of a function with named results, as
/// `FnOnce`: it may mutate its `move` captures.
#[inline(always)]
pub fn run<N, F: FnOnce(&PanicSlot, N)>(f: F, frame: &PanicSlot, named: N) {
    f(frame, named);
}

// Async deferred code is an async closure kept until exit, which the
// expansion calls itself: an `async fn` of defer-core's that called it would
// hold it across its `.await` under a generic bound, and rustc would then
// find the function's future not `Send` ("implementation of `Send` is not
// general enough").

/// [`bind`] in an `async fn`.
#[inline(always)]
pub fn bind_async<A, F: for<'p> AsyncFnOnce(A, &'p AsyncSlot)>(args: A, f: F) -> Bound<A, F> {
    Bound(args, f)
}

impl<A, F> Bound<A, F> {
    /// The arguments and the code, for the expansion to call (see
    /// [`bind_async`]).
    #[inline(always)]
    pub fn into_parts(self) -> (A, F) {
        (self.0, self.1)
    }
}

/// [`bind`] for a function with named results: the arguments, and the code
/// that takes them with `&mut`s to the named results. Not a closure, so
/// that its type does not fix the lifetime of those `&mut`s: each exit
/// lends them only for the call.
pub struct Bound<A, F>(A, F);

impl<A, F> Bound<A, F> {
    /// Calls the code with its arguments, the frame and the named results.
    #[inline(always)]
    pub fn call<N>(self, frame: &PanicSlot, named: N)
    where
        F: FnOnce(A, &PanicSlot, N),
    {
        (self.1)(self.0, frame, named);
    }
}

/// One `bind_withN` per number of named results: the bound gives the
/// closure its argument types and takes the results' `&mut`s for any
/// lifetime.
macro_rules! bind_with {
    ($name:ident, $async_name:ident: $($lt:lifetime $ty:ident),+) => {
        impl<A, F> Bound<A, F> {
            #[doc = "Binds a call-form `defer!` of a function with named results."]
            #[inline(always)]
            pub fn $name<$($ty: ?Sized),+>(args: A, f: F) -> Self
            where
                F: for<$($lt),+> FnOnce(A, &PanicSlot, bind_with!(@refs $($lt $ty),+)),
            {
                Bound(args, f)
            }

            #[doc = "Binds a call-form `defer!` of an `async fn` with named results."]
            #[inline(always)]
            pub fn $async_name<$($ty: ?Sized),+>(args: A, f: F) -> Self
            where
                F: for<'p, $($lt),+> AsyncFnOnce(A, &'p AsyncSlot, bind_with!(@refs $($lt $ty),+)),
            {
                Bound(args, f)
            }
        }
    };
    (@refs $lt:lifetime $ty:ident) => { &$lt mut $ty };
    (@refs $($lt:lifetime $ty:ident),+) => { ($(&$lt mut $ty),+) };
}

bind_with!(bind_with1, async_bind_with1: 'a T1);
bind_with!(bind_with2, async_bind_with2: 'a T1, 'b T2);
bind_with!(bind_with3, async_bind_with3: 'a T1, 'b T2, 'c T3);
bind_with!(bind_with4, async_bind_with4: 'a T1, 'b T2, 'c T3, 'd T4);
bind_with!(bind_with5, async_bind_with5: 'a T1, 'b T2, 'c T3, 'd T4, 'e T5);
bind_with!(bind_with6, async_bind_with6: 'a T1, 'b T2, 'c T3, 'd T4, 'e T5, 'f T6);
bind_with!(bind_with7, async_bind_with7: 'a T1, 'b T2, 'c T3, 'd T4, 'e T5, 'f T6, 'g T7);
bind_with!(bind_with8, async_bind_with8: 'a T1, 'b T2, 'c T3, 'd T4, 'e T5, 'f T6, 'g T7, 'h T8);

/// `?` as the expansion rewrites it in levels that cannot use the native
/// operator (their closure returns to the exit code, not to the caller).
#[diagnostic::on_unimplemented(
    message = "the `?` operator can only be applied to values of type `Result` or `Option` in a `#[with_defer]` function",
    label = "cannot use the `?` operator on `{Self}`"
)]
pub trait Branch {
    type Output;
    type Residual;
    fn branch(self) -> ControlFlow<Self::Residual, Self::Output>;
}

// Not recommended in errors: a list of impls in `__private` tells the user
// nothing the message does not say.
#[diagnostic::do_not_recommend]
impl<T, E> Branch for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;
    #[inline(always)]
    fn branch(self) -> ControlFlow<Self::Residual, T> {
        match self {
            Ok(v) => ControlFlow::Continue(v),
            Err(e) => ControlFlow::Break(Err(e)),
        }
    }
}

#[diagnostic::do_not_recommend]
impl<T> Branch for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;
    #[inline(always)]
    fn branch(self) -> ControlFlow<Self::Residual, T> {
        match self {
            Some(v) => ControlFlow::Continue(v),
            None => ControlFlow::Break(None),
        }
    }
}

/// The value a function returns after its deferred code recovered a panic
/// that struck before it had a value: Go's zero value, `Default::default()`.
/// The expansion names `<_ as Recovered>::recovered` at the span of the
/// return type, so that a missing `Default` is reported there, with this
/// trait's message (a bound on a helper function would add a note that
/// points into this file).
#[diagnostic::on_unimplemented(
    message = "`recover!()` needs a value to return after it stops a panic, and `{Self}` does not implement `Default`",
    label = "this return type has no `Default` value",
    note = "a function whose deferred code calls `recover!()` returns `Default::default()` when the panic struck before a `return`; add `named(..)` results (`#[with_defer(named(..))]`) so it returns their values instead, or return a type that implements `Default`"
)]
pub trait Recovered {
    fn recovered() -> Self;
}

impl<T: Default> Recovered for T {
    #[inline]
    fn recovered() -> Self {
        T::default()
    }
}

/// The initial value of a named result listed without one. The expansion
/// names `<_ as NamedDefault>::initial()` at the result's name in
/// `named(..)`, so that a missing `Default` is reported there.
#[diagnostic::on_unimplemented(
    message = "a named result listed without an initial value starts at `Default::default()`, and `{Self}` does not implement `Default`",
    label = "this named result needs an initial value",
    note = "give it one in the attribute: `named(name = EXPR)`; EXPR may use the parameters"
)]
pub trait NamedDefault {
    fn initial() -> Self;
}

impl<T: Default> NamedDefault for T {
    #[inline]
    fn initial() -> Self {
        T::default()
    }
}

/// How many entries a loop site keeps on the stack before it allocates:
/// a loop that registers a few defers costs no allocation at all.
pub const INLINE: usize = 8;

/// A loop site's runtime list: its first [`INLINE`] entries in place, the
/// rest in a `Vec` that grows geometrically, allocated only when needed.
/// Typed by the site's closure: no `Box`, no `dyn`.
pub struct List<T> {
    inline: [Option<T>; INLINE],
    len: usize,
    spill: Vec<T>,
}

impl<T> List<T> {
    #[inline(always)]
    #[must_use]
    pub const fn new() -> Self {
        List {
            inline: [const { None }; INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }

    #[inline(always)]
    pub fn push(&mut self, entry: T) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = Some(entry);
            self.len += 1;
        } else {
            self.spill.push(entry);
        }
    }

    /// No entry is left (`errdefer!`/`okdefer!` in a loop run them one by
    /// one, each if its outcome says so).
    #[inline(always)]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0 && self.spill.is_empty()
    }

    /// The newest entry: the spilled ones are newer than the inline ones.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<T> {
        match self.spill.pop() {
            Some(entry) => Some(entry),
            None => self.pop_inline(),
        }
    }

    #[inline(always)]
    fn pop_inline(&mut self) -> Option<T> {
        let newest = self.len.checked_sub(1)?;
        self.len = newest;
        self.inline.get_mut(newest)?.take()
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List::new()
    }
}
