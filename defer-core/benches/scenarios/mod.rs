//! The scenarios of issue #7, shared by `compare.rs` (criterion, wall-clock)
//! and `instructions.rs` (callgrind, instruction counts), so that both tables
//! measure the same machine code. A Go benchmark uses the same scenario
//! names: keep them.
//!
//! Every variant of a scenario does the same work, `sink(n)` calls (the
//! "unlock" side of a lock/unlock pair), in the same order:
//!
//! - `with_defer`: `#[with_defer]` and `defer!`;
//! - `handwritten`: the cleanup written by hand at each exit (the limit);
//! - `scopeguard`: `scopeguard::guard`s (in a `Vec` popped newest first for
//!   loops);
//! - `boxed`: a naive runtime list, `Vec<Box<dyn FnOnce()>>` popped newest
//!   first when it drops;
//! - `catch_unwind` (panic scenarios only, instead of `handwritten`): a bare
//!   `std::panic::catch_unwind` of the same `panic!` plus the same sink calls
//!   written by hand: a panic has no cheaper handwritten cleanup.
//!
//! Not a bench target itself: `mod scenarios;` in each bench.

use defer_core::with_defer;
use scopeguard::guard;
use std::cell::Cell;
use std::hint::black_box;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};

static SUNK: AtomicU64 = AtomicU64::new(0);

/// The deferred work. Not inlined, so every variant pays the same call.
#[inline(never)]
pub fn sink(n: u64) {
    SUNK.fetch_add(black_box(n), Ordering::Relaxed);
}

/// `sink`, for a cleanup that may panic, as most real ones may (an
/// `unwrap`, an index): the compiler must then keep every exit path of a
/// panic, where for `sink` it proves there is none. `u64::MAX` never comes.
#[inline(never)]
pub fn sink_or_panic(n: u64) {
    assert!(black_box(n) != u64::MAX, "no such cleanup");
    SUNK.fetch_add(n, Ordering::Relaxed);
}

/// Everything `sink` has added so far (wrapping).
pub fn sunk() -> u64 {
    SUNK.load(Ordering::Relaxed)
}

/// The panic scenarios panic once per call: the default hook would print
/// each one (and take a lock to do it), so it is replaced by a no-op before
/// anything is measured.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// Runs `f`; if it panics, prints `what` and the message and exits: with
/// the hook silenced, a failed check would otherwise fail without a word.
pub fn or_exit<T>(what: &str, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = defer_core::panic_message(&payload).unwrap_or("a panic");
        eprintln!("{what}: {message}");
        std::process::exit(1)
    })
}

/// A scenario function: its argument, and what it returns.
pub type Run = fn(u64) -> u64;

/// One variant of one scenario.
pub struct Case {
    pub scenario: &'static str,
    pub variant: &'static str,
    /// Called through this pointer, with `arg` behind `black_box`, by both
    /// harnesses alike.
    pub run: Run,
    pub arg: u64,
    /// What `run(arg)` returns.
    pub returns: u64,
    /// What `run(arg)` adds to the sink.
    pub sinks: u64,
}

impl Case {
    /// `scenario/variant`, the criterion id and the filter's haystack.
    pub fn id(&self) -> String {
        format!("{}/{}", self.scenario, self.variant)
    }

    /// Exits with a message unless `run` does the work: a variant that
    /// lost its cleanup must not report a fast number. The sink sum is
    /// blind to order, so the order of the calls is left to the crate's own
    /// tests.
    pub fn check(&self) {
        or_exit(&format!("check of {}", self.id()), || {
            check_one(self, self.arg, self.returns, self.sinks);
            match self.scenario {
                // The early-return path must run the cleanup too.
                "one" | "async_one" | "async_await" => check_one(self, 0, 0, 1),
                // The `?` leaves early, and the cleanup still sees `n`.
                "question" => check_one(self, 200, 200, 200),
                // `sink(0)` adds nothing, so `loop_1` alone proves nothing;
                // the loop scenarios share one function per variant,
                // checked at 10.
                "loop_1" | "loop_10" | "loop_1000" => check_one(self, 10, 0, 45),
                _ => {}
            }
        });
    }
}

fn check_one(case: &Case, arg: u64, returns: u64, sinks: u64) {
    let before = sunk();
    let got = (case.run)(black_box(arg));
    let sunk = sunk().wrapping_sub(before);
    assert_eq!(
        (got, sunk),
        (returns, sinks),
        "{}({arg}): (returned, sunk)",
        case.id()
    );
}

/// The reference variant a scenario's ratios are taken against.
#[allow(dead_code, reason = "only instructions.rs prints ratios")]
pub fn reference(scenario: &str) -> &'static str {
    if scenario.starts_with("panic_") {
        "catch_unwind"
    } else {
        "handwritten"
    }
}

/// Every case, grouped by scenario, the reference variant first.
pub fn cases() -> Vec<Case> {
    let case = |scenario, variant, run, arg, returns, sinks| Case {
        scenario,
        variant,
        run,
        arg,
        returns,
        sinks,
    };
    let mut cases = vec![
        case("one", "handwritten", one::handwritten, 7, 21, 1),
        case("one", "with_defer", one::with_defer, 7, 21, 1),
        case("one", "scopeguard", one::scopeguard, 7, 21, 1),
        case("one", "boxed", one::boxed, 7, 21, 1),
        case("eight", "handwritten", eight::handwritten, 7, 21, 36),
        case("eight", "with_defer", eight::with_defer, 7, 21, 36),
        case("eight", "scopeguard", eight::scopeguard, 7, 21, 36),
        case("eight", "boxed", eight::boxed, 7, 21, 36),
        case("nine", "handwritten", nine::handwritten, 7, 21, 45),
        case("nine", "with_defer", nine::with_defer, 7, 21, 45),
        case("nine", "scopeguard", nine::scopeguard, 7, 21, 45),
        case("nine", "boxed", nine::boxed, 7, 21, 45),
        case(
            "eight_may_panic",
            "handwritten",
            eight_may_panic::handwritten,
            7,
            21,
            36,
        ),
        case(
            "eight_may_panic",
            "with_defer",
            eight_may_panic::with_defer,
            7,
            21,
            36,
        ),
        case(
            "eight_may_panic",
            "scopeguard",
            eight_may_panic::scopeguard,
            7,
            21,
            36,
        ),
        case(
            "eight_may_panic",
            "boxed",
            eight_may_panic::boxed,
            7,
            21,
            36,
        ),
    ];
    // Non-capturing closures, so they coerce to `Run`.
    let loops: [(&str, Run); 4] = [
        ("handwritten", |n| {
            loops::handwritten(n);
            0
        }),
        ("with_defer", |n| {
            loops::with_defer(n);
            0
        }),
        ("scopeguard", |n| {
            loops::scopeguard(n);
            0
        }),
        ("boxed", |n| {
            loops::boxed(n);
            0
        }),
    ];
    for (scenario, n) in [("loop_1", 1), ("loop_10", 10), ("loop_1000", 1000)] {
        for (variant, run) in loops {
            cases.push(case(scenario, variant, run, n, 0, n * (n - 1) / 2));
        }
    }
    cases.extend([
        case("named", "handwritten", named::handwritten, 7, 22, 1),
        case("named", "with_defer", named::with_defer, 7, 22, 1),
        case("named", "scopeguard", named::scopeguard, 7, 22, 1),
        case("named", "boxed", named::boxed, 7, 22, 1),
        case("question", "handwritten", question::handwritten, 7, 24, 8),
        case("question", "with_defer", question::with_defer, 7, 24, 8),
        case("question", "scopeguard", question::scopeguard, 7, 24, 8),
        case("question", "boxed", question::boxed, 7, 24, 8),
        case("panic_1", "catch_unwind", panic_1::catch_unwind, 7, 0, 1),
        case("panic_1", "with_defer", panic_1::with_defer, 7, 0, 1),
        case("panic_1", "scopeguard", panic_1::scopeguard, 7, 0, 1),
        case("panic_1", "boxed", panic_1::boxed, 7, 0, 1),
        case("panic_8", "catch_unwind", panic_8::catch_unwind, 7, 0, 36),
        case("panic_8", "with_defer", panic_8::with_defer, 7, 0, 36),
        case("panic_8", "scopeguard", panic_8::scopeguard, 7, 0, 36),
        case("panic_8", "boxed", panic_8::boxed, 7, 0, 36),
        case(
            "async_one",
            "handwritten",
            asyncs::one::handwritten,
            7,
            21,
            1,
        ),
        case("async_one", "with_defer", asyncs::one::with_defer, 7, 21, 1),
        case("errdefer_ok", "handwritten", outcome::handwritten, 7, 21, 2),
        case("errdefer_ok", "with_defer", outcome::with_defer, 7, 21, 2),
        case("errdefer_err", "handwritten", outcome::handwritten, 0, 0, 1),
        case("errdefer_err", "with_defer", outcome::with_defer, 0, 0, 1),
        case(
            "async_eight",
            "handwritten",
            asyncs::eight::handwritten,
            7,
            21,
            36,
        ),
        case(
            "async_eight",
            "with_defer",
            asyncs::eight::with_defer,
            7,
            21,
            36,
        ),
        case(
            "async_await",
            "handwritten",
            asyncs::awaits::handwritten,
            7,
            21,
            1,
        ),
        case(
            "async_await",
            "with_defer",
            asyncs::awaits::with_defer,
            7,
            21,
            1,
        ),
    ]);
    cases
}

/// A naive runtime defer list: one `Box` per deferred call (none for a
/// closure that captures nothing), run newest first when the list drops,
/// so on every exit path as `defer!` does.
#[derive(Default)]
pub struct Boxed<'a>(Vec<Box<dyn FnOnce() + 'a>>);

impl<'a> Boxed<'a> {
    fn push(&mut self, f: impl FnOnce() + 'a) {
        self.0.push(Box::new(f));
    }
}

impl Drop for Boxed<'_> {
    fn drop(&mut self) {
        while let Some(f) = self.0.pop() {
            f();
        }
    }
}

/// One cleanup around a small call, with an early return.
mod one {
    use super::*;

    #[inline(never)]
    #[with_defer]
    pub fn with_defer(x: u64) -> u64 {
        defer!(sink(1));
        if x == 0 {
            return 0;
        }
        black_box(x) * 3
    }

    #[inline(never)]
    pub fn handwritten(x: u64) -> u64 {
        if x == 0 {
            sink(1);
            return 0;
        }
        let r = black_box(x) * 3;
        sink(1);
        r
    }

    #[inline(never)]
    pub fn scopeguard(x: u64) -> u64 {
        let _unlock = guard(1, sink);
        if x == 0 {
            return 0;
        }
        black_box(x) * 3
    }

    #[inline(never)]
    pub fn boxed(x: u64) -> u64 {
        let mut defers = Boxed::default();
        defers.push(|| sink(1));
        if x == 0 {
            return 0;
        }
        black_box(x) * 3
    }
}

/// Eight cleanups `$cleanup(1..=8)`, run newest first at exit, in each
/// variant: `eight` and `eight_may_panic` differ only in the cleanup.
macro_rules! eight_cleanups {
    ($cleanup:ident) => {
        use super::*;

        #[inline(never)]
        #[with_defer]
        pub fn with_defer(x: u64) -> u64 {
            defer!($cleanup(1));
            defer!($cleanup(2));
            defer!($cleanup(3));
            defer!($cleanup(4));
            defer!($cleanup(5));
            defer!($cleanup(6));
            defer!($cleanup(7));
            defer!($cleanup(8));
            black_box(x) * 3
        }

        #[inline(never)]
        pub fn handwritten(x: u64) -> u64 {
            let r = black_box(x) * 3;
            $cleanup(8);
            $cleanup(7);
            $cleanup(6);
            $cleanup(5);
            $cleanup(4);
            $cleanup(3);
            $cleanup(2);
            $cleanup(1);
            r
        }

        #[inline(never)]
        pub fn scopeguard(x: u64) -> u64 {
            let _g1 = guard(1, $cleanup);
            let _g2 = guard(2, $cleanup);
            let _g3 = guard(3, $cleanup);
            let _g4 = guard(4, $cleanup);
            let _g5 = guard(5, $cleanup);
            let _g6 = guard(6, $cleanup);
            let _g7 = guard(7, $cleanup);
            let _g8 = guard(8, $cleanup);
            black_box(x) * 3
        }

        #[inline(never)]
        pub fn boxed(x: u64) -> u64 {
            let mut defers = Boxed::default();
            defers.push(|| $cleanup(1));
            defers.push(|| $cleanup(2));
            defers.push(|| $cleanup(3));
            defers.push(|| $cleanup(4));
            defers.push(|| $cleanup(5));
            defers.push(|| $cleanup(6));
            defers.push(|| $cleanup(7));
            defers.push(|| $cleanup(8));
            black_box(x) * 3
        }
    };
}

/// Eight cleanups: the most `#[with_defer]` open-codes.
mod eight {
    eight_cleanups!(sink);
}

/// `eight` with cleanups that may panic. Not one of Go's scenarios: in
/// Rust, what a cleanup may do changes the code around it. The handwritten
/// variant stops at the first cleanup that panics; the others run the rest.
mod eight_may_panic {
    eight_cleanups!(sink_or_panic);
}

/// Nine cleanups: the ninth is past the open-coded `u8` and goes to a
/// runtime slot in `#[with_defer]`.
mod nine {
    use super::*;

    #[inline(never)]
    #[with_defer]
    pub fn with_defer(x: u64) -> u64 {
        defer!(sink(1));
        defer!(sink(2));
        defer!(sink(3));
        defer!(sink(4));
        defer!(sink(5));
        defer!(sink(6));
        defer!(sink(7));
        defer!(sink(8));
        defer!(sink(9));
        black_box(x) * 3
    }

    #[inline(never)]
    pub fn handwritten(x: u64) -> u64 {
        let r = black_box(x) * 3;
        sink(9);
        sink(8);
        sink(7);
        sink(6);
        sink(5);
        sink(4);
        sink(3);
        sink(2);
        sink(1);
        r
    }

    #[inline(never)]
    pub fn scopeguard(x: u64) -> u64 {
        let _g1 = guard(1, sink);
        let _g2 = guard(2, sink);
        let _g3 = guard(3, sink);
        let _g4 = guard(4, sink);
        let _g5 = guard(5, sink);
        let _g6 = guard(6, sink);
        let _g7 = guard(7, sink);
        let _g8 = guard(8, sink);
        let _g9 = guard(9, sink);
        black_box(x) * 3
    }

    #[inline(never)]
    pub fn boxed(x: u64) -> u64 {
        let mut defers = Boxed::default();
        defers.push(|| sink(1));
        defers.push(|| sink(2));
        defers.push(|| sink(3));
        defers.push(|| sink(4));
        defers.push(|| sink(5));
        defers.push(|| sink(6));
        defers.push(|| sink(7));
        defers.push(|| sink(8));
        defers.push(|| sink(9));
        black_box(x) * 3
    }
}

/// `n` defers in a loop (`loop_1`, `loop_10`, `loop_1000`), run newest
/// first at exit. They return `()`, as Go's do; `cases` adapts them.
mod loops {
    use super::*;

    #[inline(never)]
    #[with_defer]
    pub fn with_defer(n: u64) {
        for i in 0..n {
            defer!(sink(i));
        }
    }

    #[inline(never)]
    pub fn handwritten(n: u64) {
        for i in (0..n).rev() {
            sink(i);
        }
    }

    #[inline(never)]
    pub fn scopeguard(n: u64) {
        let mut guards = Vec::new();
        for i in 0..n {
            guards.push(guard(i, sink));
        }
        // Popped one by one: dropping the `Vec` would run them oldest first.
        while let Some(g) = guards.pop() {
            drop(g);
        }
    }

    #[inline(never)]
    pub fn boxed(n: u64) {
        let mut defers = Boxed::default();
        for i in 0..n {
            defers.push(move || sink(i));
        }
    }
}

/// A named result modified by a defer. Go:
/// `func f(x uint64) (r uint64) { defer func() { r++; sink(1) }(); return x * 3 }`.
mod named {
    use super::*;

    #[inline(never)]
    #[with_defer(named(r = 0))]
    pub fn with_defer(x: u64) -> u64 {
        defer! {
            r += 1;
            sink(1);
        }
        black_box(x) * 3
    }

    #[inline(never)]
    pub fn handwritten(x: u64) -> u64 {
        let mut r = black_box(x) * 3;
        r += 1;
        sink(1);
        r
    }

    // The guard owns the only `&mut r` until it drops, so the body writes
    // the result through it.
    #[inline(never)]
    pub fn scopeguard(x: u64) -> u64 {
        let mut r = 0;
        {
            let mut result = guard(&mut r, |r| {
                *r += 1;
                sink(1);
            });
            **result = black_box(x) * 3;
        }
        r
    }

    // A boxed closure cannot hold `&mut r` while the body assigns it: the
    // result lives in a `Cell` both share.
    #[inline(never)]
    pub fn boxed(x: u64) -> u64 {
        let r = Cell::new(0);
        {
            let mut defers = Boxed::default();
            defers.push(|| {
                r.set(r.get() + 1);
                sink(1);
            });
            r.set(black_box(x) * 3);
        }
        r.get()
    }
}

/// A block defer that sees a local as it is at exit, and a `?` that may
/// leave early: `let mut n = x; defer! { sink(n) } n = checked(n)?; ..`.
mod question {
    use super::*;

    /// Fails past 100: the early exit.
    #[inline(never)]
    fn checked(n: u64) -> Result<u64, u64> {
        if black_box(n) > 100 {
            Err(n)
        } else {
            Ok(n)
        }
    }

    fn either(result: Result<u64, u64>) -> u64 {
        match result {
            Ok(n) | Err(n) => n,
        }
    }

    #[inline(never)]
    #[with_defer]
    fn with_defer_inner(x: u64) -> Result<u64, u64> {
        let mut n = x;
        defer! { sink(n) }
        n = checked(n)?;
        n += 1;
        Ok(n * 3)
    }

    pub fn with_defer(x: u64) -> u64 {
        either(with_defer_inner(x))
    }

    #[inline(never)]
    fn handwritten_inner(x: u64) -> Result<u64, u64> {
        let mut n = x;
        n = match checked(n) {
            Ok(n) => n,
            Err(e) => {
                sink(n);
                return Err(e);
            }
        };
        n += 1;
        let r = Ok(n * 3);
        sink(n);
        r
    }

    pub fn handwritten(x: u64) -> u64 {
        either(handwritten_inner(x))
    }

    // The guard owns `n`, so the body reads and writes it through it.
    #[inline(never)]
    fn scopeguard_inner(x: u64) -> Result<u64, u64> {
        let mut n = guard(x, sink);
        *n = checked(*n)?;
        *n += 1;
        Ok(*n * 3)
    }

    pub fn scopeguard(x: u64) -> u64 {
        either(scopeguard_inner(x))
    }

    #[inline(never)]
    fn boxed_inner(x: u64) -> Result<u64, u64> {
        let n = Cell::new(x);
        let mut defers = Boxed::default();
        defers.push(|| sink(n.get()));
        n.set(checked(n.get())?);
        n.set(n.get() + 1);
        Ok(n.get() * 3)
    }

    pub fn boxed(x: u64) -> u64 {
        either(boxed_inner(x))
    }
}

/// A panic through 1 defer, stopped by `recover!()` in that defer.
mod panic_1 {
    use super::*;

    #[inline(never)]
    #[with_defer]
    pub fn with_defer(_x: u64) -> u64 {
        defer! {
            recover!();
            sink(1);
        }
        panic!("boom")
    }

    #[inline(never)]
    pub fn catch_unwind(_x: u64) -> u64 {
        let payload = super::catch_unwind(|| -> u64 { panic!("boom") }).err();
        drop(payload);
        sink(1);
        0
    }

    // A guard cannot stop a panic: the recovering one sits outside the
    // `catch_unwind`.
    #[inline(never)]
    pub fn scopeguard(_x: u64) -> u64 {
        let _recover = guard(1, sink);
        let payload = super::catch_unwind(|| -> u64 { panic!("boom") }).err();
        drop(payload);
        0
    }

    // Go's shape done naively: the list outlives the `catch_unwind`, the
    // payload waits in a `Cell` where the first entry recovers it.
    #[inline(never)]
    pub fn boxed(_x: u64) -> u64 {
        let in_flight = Cell::new(None);
        {
            let mut defers = Boxed::default();
            defers.push(|| {
                drop(in_flight.take());
                sink(1);
            });
            if let Err(payload) = super::catch_unwind(|| -> u64 { panic!("boom") }) {
                in_flight.set(Some(payload));
            }
        }
        if let Some(payload) = in_flight.take() {
            resume_unwind(payload);
        }
        0
    }
}

/// A panic through 8 defers, stopped by `recover!()` in the first
/// registered, so it runs last.
mod panic_8 {
    use super::*;

    #[inline(never)]
    #[with_defer]
    pub fn with_defer(_x: u64) -> u64 {
        defer! {
            recover!();
            sink(1);
        }
        defer!(sink(2));
        defer!(sink(3));
        defer!(sink(4));
        defer!(sink(5));
        defer!(sink(6));
        defer!(sink(7));
        defer!(sink(8));
        panic!("boom")
    }

    #[inline(never)]
    pub fn catch_unwind(_x: u64) -> u64 {
        let payload = super::catch_unwind(|| -> u64 { panic!("boom") }).err();
        sink(8);
        sink(7);
        sink(6);
        sink(5);
        sink(4);
        sink(3);
        sink(2);
        drop(payload);
        sink(1);
        0
    }

    #[inline(never)]
    pub fn scopeguard(_x: u64) -> u64 {
        let _recover = guard(1, sink);
        let payload = super::catch_unwind(AssertUnwindSafe(|| -> u64 {
            let _g2 = guard(2, sink);
            let _g3 = guard(3, sink);
            let _g4 = guard(4, sink);
            let _g5 = guard(5, sink);
            let _g6 = guard(6, sink);
            let _g7 = guard(7, sink);
            let _g8 = guard(8, sink);
            panic!("boom")
        }))
        .err();
        drop(payload);
        0
    }

    #[inline(never)]
    pub fn boxed(_x: u64) -> u64 {
        let in_flight = Cell::new(None);
        {
            let mut defers = Boxed::default();
            defers.push(|| {
                drop(in_flight.take());
                sink(1);
            });
            defers.push(|| sink(2));
            defers.push(|| sink(3));
            defers.push(|| sink(4));
            defers.push(|| sink(5));
            defers.push(|| sink(6));
            defers.push(|| sink(7));
            defers.push(|| sink(8));
            if let Err(payload) = super::catch_unwind(|| -> u64 { panic!("boom") }) {
                in_flight.set(Some(payload));
            }
        }
        if let Some(payload) = in_flight.take() {
            resume_unwind(payload);
        }
        0
    }
}

/// Issue #16: the same cleanups in an `async fn`, driven by the smallest
/// executor (a no-op waker, polled until ready): nothing awaits but where
/// a scenario says so, so every future completes in one poll.
pub mod asyncs {
    use super::*;
    use std::future::Future;

    /// Polls `future` to completion.
    #[inline(never)]
    pub fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                return value;
            }
        }
    }

    /// `sink` as an `async fn` that is ready at once.
    #[inline(never)]
    pub async fn sink_ready(n: u64) {
        sink(n);
    }

    pub mod one {
        use super::*;

        #[with_defer]
        pub async fn with_defer_body(x: u64) -> u64 {
            defer!(sink(1));
            if x == 0 {
                return 0;
            }
            black_box(x) * 3
        }

        pub async fn handwritten_body(x: u64) -> u64 {
            if x == 0 {
                sink(1);
                return 0;
            }
            let r = black_box(x) * 3;
            sink(1);
            r
        }

        pub fn with_defer(x: u64) -> u64 {
            block_on(with_defer_body(x))
        }

        pub fn handwritten(x: u64) -> u64 {
            block_on(handwritten_body(x))
        }
    }

    pub mod eight {
        use super::*;

        #[with_defer]
        pub async fn with_defer_body(x: u64) -> u64 {
            defer!(sink(1));
            defer!(sink(2));
            defer!(sink(3));
            defer!(sink(4));
            defer!(sink(5));
            defer!(sink(6));
            defer!(sink(7));
            defer!(sink(8));
            black_box(x) * 3
        }

        pub async fn handwritten_body(x: u64) -> u64 {
            let r = black_box(x) * 3;
            sink(8);
            sink(7);
            sink(6);
            sink(5);
            sink(4);
            sink(3);
            sink(2);
            sink(1);
            r
        }

        pub fn with_defer(x: u64) -> u64 {
            block_on(with_defer_body(x))
        }

        pub fn handwritten(x: u64) -> u64 {
            block_on(handwritten_body(x))
        }
    }

    /// One cleanup that awaits a ready future.
    pub mod awaits {
        use super::*;

        #[with_defer]
        pub async fn with_defer_body(x: u64) -> u64 {
            defer!(sink_ready(1).await);
            if x == 0 {
                return 0;
            }
            black_box(x) * 3
        }

        pub async fn handwritten_body(x: u64) -> u64 {
            if x == 0 {
                sink_ready(1).await;
                return 0;
            }
            let r = black_box(x) * 3;
            sink_ready(1).await;
            r
        }

        pub fn with_defer(x: u64) -> u64 {
            block_on(with_defer_body(x))
        }

        pub fn handwritten(x: u64) -> u64 {
            block_on(handwritten_body(x))
        }
    }

    #[allow(dead_code, reason = "only instructions.rs prints sizes")]
    #[with_defer]
    async fn nine_with_defer(x: u64) -> u64 {
        defer!(sink(1));
        defer!(sink(2));
        defer!(sink(3));
        defer!(sink(4));
        defer!(sink(5));
        defer!(sink(6));
        defer!(sink(7));
        defer!(sink(8));
        defer!(sink(9));
        black_box(x) * 3
    }

    #[allow(dead_code, reason = "only instructions.rs prints sizes")]
    async fn nine_handwritten(x: u64) -> u64 {
        let r = black_box(x) * 3;
        for n in (1..=9).rev() {
            sink(n);
        }
        r
    }

    #[allow(dead_code, reason = "only instructions.rs prints sizes")]
    #[with_defer]
    async fn loop_with_defer(n: u64) {
        for i in 0..n {
            defer!(sink_ready(i).await);
        }
    }

    #[allow(dead_code, reason = "only instructions.rs prints sizes")]
    async fn loop_handwritten(n: u64) {
        for i in (0..n).rev() {
            sink_ready(i).await;
        }
    }

    /// `size_of_val` of each scenario's future, before it is polled:
    /// `(scenario, handwritten, with_defer)`.
    #[allow(dead_code, reason = "only instructions.rs prints sizes")]
    pub fn sizes() -> Vec<(&'static str, usize, usize)> {
        use std::mem::size_of_val;
        vec![
            (
                "one",
                size_of_val(&one::handwritten_body(1)),
                size_of_val(&one::with_defer_body(1)),
            ),
            (
                "eight",
                size_of_val(&eight::handwritten_body(1)),
                size_of_val(&eight::with_defer_body(1)),
            ),
            (
                "nine",
                size_of_val(&nine_handwritten(1)),
                size_of_val(&nine_with_defer(1)),
            ),
            (
                "await",
                size_of_val(&awaits::handwritten_body(1)),
                size_of_val(&awaits::with_defer_body(1)),
            ),
            (
                "loop",
                size_of_val(&loop_handwritten(1)),
                size_of_val(&loop_with_defer(1)),
            ),
        ]
    }
}

/// Issue #17: cleanup that depends on the outcome, `sink(1)` on `Err` and
/// `sink(2)` on `Ok`: `errdefer!`/`okdefer!` against an `if let Err` by
/// hand. `errdefer_ok` takes the success path, `errdefer_err` the error.
mod outcome {
    use super::*;

    #[inline(never)]
    #[with_defer]
    fn with_defer_result(x: u64) -> Result<u64, u64> {
        errdefer!(sink(1));
        okdefer!(sink(2));
        if x == 0 {
            return Err(0);
        }
        Ok(black_box(x) * 3)
    }

    #[inline(never)]
    fn handwritten_result(x: u64) -> Result<u64, u64> {
        let result = if x == 0 { Err(0) } else { Ok(black_box(x) * 3) };
        if result.is_err() {
            sink(1);
        } else {
            sink(2);
        }
        result
    }

    pub fn with_defer(x: u64) -> u64 {
        match with_defer_result(x) {
            Ok(value) | Err(value) => value,
        }
    }

    pub fn handwritten(x: u64) -> u64 {
        match handwritten_result(x) {
            Ok(value) | Err(value) => value,
        }
    }
}
