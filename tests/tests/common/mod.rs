//! Shared recorder for the behaviour tests: every test thread has its own log.
#![allow(dead_code)]

use std::any::Any;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

/// Appends one event to this thread's log.
pub fn log(event: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(event.into()));
}

/// Takes (and clears) this thread's log.
pub fn take() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// The text of a `panic!` payload (`&str` or `String`), or a marker.
pub fn text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<not a string>".to_string()
    }
}

/// Runs `f`; a panic comes back as the text of its payload.
pub fn panic_text<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| text(&*p))
}

/// Runs `f`; a panic comes back as its payload.
pub fn payload<R>(f: impl FnOnce() -> R) -> Result<R, Box<dyn Any + Send>> {
    catch_unwind(AssertUnwindSafe(f))
}

/// Runs a future to completion on this thread, polling it in a loop with a
/// waker that does nothing: enough for futures that only ever wait on
/// [`Yield`], and it keeps the log on the test's own thread.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

/// A future that is pending once, then ready: a real suspension point.
pub struct Yield(bool);

/// Suspends the current task once.
pub fn yield_now() -> Yield {
    Yield(false)
}

impl std::future::Future for Yield {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

/// Polls a future `polls` times, then drops it: a cancellation at its
/// `polls`-th suspension point. `true` if it was still pending.
pub fn poll_then_drop<F: std::future::Future>(future: F, polls: usize) -> bool {
    let mut future = Box::pin(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    (0..polls).all(|_| future.as_mut().poll(&mut cx).is_pending())
}
