//! Go's `defer`, `recover` and named results for Rust, as one attribute.
//!
//! `#[with_defer]` rewrites a function so that its `defer!` statements run
//! when the function exits, last in first out, on every exit path: `return`,
//! `?`, the tail expression, falling off the end, and a panic. In deferred
//! code, [`recover!()`](recover!) stops a panic, and
//! `#[with_defer(named(..))]` gives the results names that deferred code can
//! read and assign.
//!
//! ```
//! use defer_core::with_defer;
//! use std::cell::RefCell;
//!
//! fn record(log: &RefCell<Vec<String>>, line: String) {
//!     log.borrow_mut().push(line);
//! }
//!
//! #[with_defer]
//! fn work(log: &RefCell<Vec<String>>) -> u32 {
//!     let mut n = 0;
//!     defer! { record(log, format!("exit sees n = {n}")) }
//!     defer!(record(log, format!("argument taken at the statement: {n}")));
//!     n += 41;
//!     n + 1
//! }
//!
//! let log = RefCell::new(Vec::new());
//! assert_eq!(work(&log), 42);
//! assert_eq!(
//!     *log.borrow(),
//!     ["argument taken at the statement: 0", "exit sees n = 41"],
//! );
//! ```
//!
//! # The three forms
//!
//! | form | evaluated at the `defer!` statement | runs at exit |
//! |---|---|---|
//! | `defer!(f(a, b))`, `defer!(x.m(a))` (a call) | the arguments; the callee unless it is a path or a closure literal; the receiver unless it is a place | the call, with the saved arguments |
//! | `defer! { stmts }`, `defer!(expr)` (anything else) | nothing | the code, reading variables as they are at exit |
//! | `defer!(move { stmts })`, `defer!(move f(a))` | a snapshot of every variable the code uses | the code, with its snapshot |
//!
//! # Named results
//!
//! `#[with_defer(named(n))]` names the result `n`: a mutable local that
//! starts at `Default::default()`, or at the value written as
//! `named(err = Ok(()))` (the initialiser may use the parameters). A tuple
//! result gets one name per element: `named(n = 0, err = None)`. `return e`,
//! `?` and the tail expression assign the named results, then the defers
//! run, then the function returns the results as the defers left them; a
//! bare `return;` returns their current values, and so does reaching the
//! end of the body (Go requires a final `return`; SPEC leaves this open, and
//! here it means the same naked return). Deferred code of any form
//! reads, assigns and mutates them in place, as Go's deferred closures do:
//!
//! ```
//! use defer_core::with_defer;
//!
//! // Go: func c() (n int) { defer func() { n++ }(); return 1 }  returns 2
//! #[with_defer(named(n))]
//! fn c() -> i32 {
//!     defer! { n += 1 }
//!     1 // as Go's `return 1`: assigns n = 1, then the defers run
//! }
//! assert_eq!(c(), 2);
//!
//! #[with_defer(named(err = Ok(())))]
//! fn check(name: &str) -> Result<(), String> {
//!     defer! {
//!         if let Err(e) = &mut err {
//!             *e = format!("check {name}: {e}"); // wrap the error on the way out
//!         }
//!     }
//!     if name.is_empty() {
//!         return Err("empty name".into());
//!     }
//!     Ok(())
//! }
//! assert_eq!(check("a"), Ok(()));
//! assert_eq!(check(""), Err("check : empty name".to_string()));
//!
//! #[with_defer(named(count = 0, err = None))]
//! fn count(words: &[&str]) -> (usize, Option<String>) {
//!     for word in words {
//!         if word.is_empty() {
//!             err = Some(format!("empty word after {count}"));
//!             return; // a naked return: the current values
//!         }
//!         count += 1;
//!     }
//!     (count, None)
//! }
//! assert_eq!(count(&["a", "b"]), (2, None));
//! assert_eq!(count(&["a", ""]), (1, Some("empty word after 1".to_string())));
//! ```
//!
//! Deferred code may move a named result out, as Go code assigns a
//! variable from itself, when the same statement gives it a new value:
//!
//! ```
//! use defer_core::with_defer;
//!
//! fn join(first: Result<(), String>, next: &str) -> Result<(), String> {
//!     match first {
//!         Ok(()) => Err(next.to_string()),
//!         Err(e) => Err(format!("{e}; {next}")),
//!     }
//! }
//!
//! #[with_defer(named(err = Ok(())))]
//! fn save(close_fails: bool) -> Result<(), String> {
//!     defer! {
//!         if close_fails {
//!             err = join(err, "close failed"); // moves `err`, gives it a new value
//!         }
//!     }
//!     defer! {
//!         if let Err(e) = err {
//!             err = Err(format!("save: {e}"));
//!         }
//!     }
//!     Err("disk full".to_string())
//! }
//! assert_eq!(save(true), Err("save: disk full; close failed".to_string()));
//! ```
//!
//! Such a statement runs on the value taken out of the result and puts it
//! back when it ends; meanwhile the result holds its initial value (the
//! `named(err = ..)` initialiser, evaluated again, or `Default::default()`
//! without one), which is what older defers and a recovering function see
//! if the statement panics: a panic elsewhere leaves the result as it was.
//! Such a statement must not `return` before it ends (a compile error that
//! says so). A statement counts as one when it assigns the result and uses
//! it as a value: a method call on it (`res.context(..)`), a use in another
//! macro's input or as an argument; assigning it, borrowing it (`&err`),
//! comparing it and arithmetic on it do not. One that moves a result out
//! without assigning it is an error at its tokens ("cannot move out of
//! `err` .. behind a mutable reference"), whose fix is to borrow it.
//!
//! A binding with the same name as a named result, in the body or in
//! deferred code, is a compile error: it would hide the result.
//!
//! # `recover!()` in functions that return a value
//!
//! After [`recover!()`](recover!) stops a panic, the remaining defers run and
//! the function returns normally: its named results; without named results,
//! the value of the `return` (or tail) that was under way when a deferred
//! block panicked; otherwise `Default::default()`, Go's zero value (a
//! function whose return type has no `Default` needs named results to
//! recover). With a named result, a panic becomes an `Err`;
//! [`panic_message`] reads the payload:
//!
//! ```
//! use defer_core::{panic_message, with_defer};
//!
//! #[with_defer(named(res = Ok(0)))]
//! fn checked_div(a: i32, b: i32) -> Result<i32, String> {
//!     defer! {
//!         if let Some(payload) = recover!() {
//!             let message = panic_message(&payload).unwrap_or("unknown panic");
//!             res = Err(format!("recovered: {message}"));
//!         }
//!     }
//!     Ok(a / b)
//! }
//! assert_eq!(checked_div(7, 2), Ok(3));
//! assert_eq!(
//!     checked_div(1, 0),
//!     Err("recovered: attempt to divide by zero".to_string())
//! );
//!
//! #[with_defer]
//! fn parse_or_zero(text: &str) -> i32 {
//!     defer! { recover!(); }
//!     text.parse().unwrap()
//! }
//! assert_eq!(parse_or_zero("12"), 12);
//! assert_eq!(parse_or_zero("twelve"), 0); // i32::default()
//!
//! #[with_defer]
//! fn answer() -> i32 {
//!     defer! { recover!(); }
//!     defer! { panic!("cleanup failed") }
//!     42 // under way when the cleanup panicked: kept
//! }
//! assert_eq!(answer(), 42);
//! ```
//!
//! # Defers in loops
//!
//! A `defer!` in a `loop`, `while` or `for` registers once per iteration, and
//! every registration runs when the function exits (not when its iteration
//! ends), newest first, interleaved in exact reverse order with the other
//! defers. A local of the loop body dies with its iteration, so deferred
//! code that uses it takes it by value at its statement (moved, or copied
//! when it is `Copy`), in every form; locals declared before the loop stay
//! borrowed and are seen as they are at exit.
//!
//! ```
//! use defer_core::with_defer;
//! use std::cell::RefCell;
//!
//! fn record(log: &RefCell<Vec<String>>, line: String) {
//!     log.borrow_mut().push(line);
//! }
//!
//! struct File<'a> {
//!     name: String,
//!     log: &'a RefCell<Vec<String>>,
//! }
//!
//! impl File<'_> {
//!     fn close(self) {
//!         record(self.log, format!("close {}", self.name));
//!     }
//! }
//!
//! #[with_defer]
//! fn open_all(names: &[&str], log: &RefCell<Vec<String>>) {
//!     defer!(record(log, "open_all returns".to_string()));
//!     for (i, name) in names.iter().enumerate() {
//!         let file = File { name: name.to_string(), log };
//!         defer!(file.close()); // `file` dies with its iteration: taken by value
//!         defer!(record(log, format!("deferred in iteration {i}"))); // saved now
//!     }
//!     record(log, "the loop is over".to_string());
//! }
//!
//! let log = RefCell::new(Vec::new());
//! open_all(&["a", "b"], &log);
//! assert_eq!(
//!     *log.borrow(),
//!     [
//!         "the loop is over",
//!         "deferred in iteration 1",
//!         "close b",
//!         "deferred in iteration 0",
//!         "close a",
//!         "open_all returns",
//!     ],
//! );
//! ```
//!
//! A non-`move` block `defer!` in a loop cannot mutably borrow a variable
//! declared outside the loop (every entry would hold the same `&mut` until
//! exit): use a named result, or a `Cell` the entries share.
//!
//! # Closures
//!
//! A closure in a `#[with_defer]` function is a function of its own, as a
//! Go func literal is: its `defer!`s run when a call of it returns, by
//! `return`, `?`, its tail or a panic, newest first, with every tier and
//! form. `return` and `?` in it leave that call, as without the attribute
//! (and its return type, when not written, is inferred as without it);
//! `recover!()` in its deferred code stops only a panic of that call, after
//! which the call returns `Default::default()`. It captures the function's
//! locals and named results by rustc's usual rules, so it may assign them.
//! Closures inside closures work alike; a closure without `defer!` or
//! `recover!()` is left as written. An async closure or async block is a
//! frame of its own alike: its `defer!`s run when its future completes, and
//! may `.await` (see [`async fn`](#async-fn)).
//!
//! ```
//! use defer_core::with_defer;
//! use std::cell::RefCell;
//!
//! #[with_defer]
//! fn sum(inputs: &[&str], log: &RefCell<Vec<String>>) -> Result<u32, std::num::ParseIntError> {
//!     defer! { log.borrow_mut().push("sum returns".to_string()) }
//!     let parse = |s: &str| {
//!         defer! { log.borrow_mut().push(format!("parsed {s:?}")) } // when this call returns
//!         s.parse::<u32>() // or `let n = s.parse()?; Ok(n)`: `?` leaves the call
//!     };
//!     inputs.iter().map(|s| parse(s)).sum()
//! }
//!
//! let log = RefCell::new(Vec::new());
//! assert_eq!(sum(&["1", "x", "3"], &log).ok(), None);
//! assert_eq!(*log.borrow(), [r#"parsed "1""#, r#"parsed "x""#, "sum returns"]);
//! ```
//!
//! # Methods, `impl` blocks and traits
//!
//! `#[with_defer]` goes on a method as on any function. On an `impl` block
//! (inherent or of a trait) or a `trait` with default bodies, it rewrites
//! each method whose body uses `defer!` or `recover!()` and leaves every
//! other item exactly as written; a method that needs `named(..)` carries
//! its own `#[with_defer(named(..))]` inside the block.
//!
//! ```
//! use defer_core::with_defer;
//! use std::cell::RefCell;
//!
//! struct Conn {
//!     log: RefCell<Vec<String>>,
//! }
//!
//! #[with_defer]
//! impl Conn {
//!     fn send(&self, data: &str) -> Result<(), String> {
//!         defer! { self.log.borrow_mut().push(format!("sent {data:?}")) }
//!         if data.is_empty() {
//!             return Err("nothing to send".to_string());
//!         }
//!         Ok(())
//!     }
//!
//!     #[with_defer(named(err = Ok(())))]
//!     fn send_all(&self, data: &[&str]) -> Result<(), String> {
//!         defer! { if let Err(e) = err { err = Err(format!("send_all: {e}")) } }
//!         for chunk in data {
//!             self.send(chunk)?;
//!         }
//!         err
//!     }
//!
//!     fn sent(&self) -> usize { // no `defer!`: left as written
//!         self.log.borrow().len()
//!     }
//! }
//!
//! let conn = Conn { log: RefCell::new(Vec::new()) };
//! assert_eq!(conn.send_all(&["a", "", "b"]), Err("send_all: nothing to send".to_string()));
//! assert_eq!(conn.sent(), 2);
//! ```
//!
//! The body runs in closures (see below), which would hold a `&mut`
//! parameter or `&mut self` by a borrow of their own, so that a reborrow
//! through it (`dst = &mut dst[n..]`, returning `&mut self.items`) could not
//! outlive them. Where no deferred code reads such a reference, the body
//! takes it by value instead, in every edition. A by-value `self` of a
//! method whose return type may borrow (`fn into_iter(self) ->
//! Self::IntoIter` in `impl IntoIterator for &'a mut T`) is taken the same
//! way; when it owns something and the body does not consume it, it is
//! then dropped when the body ends, as the body's own locals are, before
//! deferred code that does not use it.
//!
//! # How it is compiled
//!
//! The first 8 `defer!`s outside loops are *open-coded*, like Go's: each
//! sets one bit of a `u8` (`__defer_bits`), and the function's exit code
//! runs the deferred code whose bit is set, newest first. No allocation, no
//! dynamic dispatch. A `defer!` inside a loop goes to a runtime list: a
//! typed list per loop site, one entry per iteration, with no `Box` per
//! entry; its first 8 entries are kept in place, so a loop that registers
//! 8 or fewer allocates nothing. A `defer!` past the 8th outside loops
//! registers at most once and gets a one-entry slot. All of them run in
//! exact reverse order of registration.
//!
//! What it costs, measured against the same cleanup written by hand (the
//! repository's `BENCHMARKS.md` has the tables and the commands): open-coded
//! `defer!`s execute as many instructions as the handwritten calls, within
//! about one per `defer!`; a loop `defer!` costs about 1 ns more than the
//! call it defers, where Go's costs about 30 ns; a panic stopped by
//! `recover!()` costs what Rust's `catch_unwind` of it costs, within 2%.
//! In debug builds (the dev profile, which `cargo test` uses) there is no
//! optimiser to fold the machinery away: one `defer!` adds about 125
//! instructions to a call (a scopeguard guard: 75), eight add about what
//! eight guards add (650 and 620).
//!
//! A `defer!` directly in the function's top-level block is emitted inline
//! at the exit and borrows nothing while the body runs:
//!
//! ```
//! # use defer_core::with_defer;
//! #[with_defer]
//! fn count() -> i32 {
//!     let mut n = 0;
//!     defer! { assert_eq!(n, 2) }
//!     n += 1; // the body keeps mutating what the deferred code reads
//!     n += 1;
//!     n
//! }
//! assert_eq!(count(), 2);
//! ```
//!
//! Every top-level statement that holds a `defer!` splits the body: the rest
//! of the body runs in a closure under `catch_unwind`, and that statement's
//! exit code follows the call, in the scope of every local declared before
//! it. A panic is caught once, passed outward as a value through the exit
//! code of every level, and resumed once, with its original payload. Each
//! level's deferred code runs under a `catch_unwind` of its own but for the
//! oldest, whose panic the enclosing level catches the same way (past the
//! outermost level, it leaves the function; the payload it replaces is
//! dropped without aborting, even if its own `Drop` panics). Adjacent
//! top-level `defer!`s share one level when what the later ones evaluate at
//! their statements (literals, places) can neither panic nor leave: fewer
//! closures, the same meaning.
//!
//! A `defer!` nested in an `if`, a `match`, a block or a loop is stored as a
//! closure at its statement, in a slot or list declared before the top-level
//! statement that holds it. It may borrow any local declared before that
//! top-level statement, until exit. The locals declared inside that
//! statement (a branch, a loop body, a block, the pattern of a `for`,
//! `if let`, `while let` or `match` arm) die before exit, so it takes the
//! ones it uses by value, moved or copied at its statement, and its code
//! sees them as they were there:
//!
//! ```
//! # use defer_core::with_defer;
//! # use std::cell::RefCell;
//! #[with_defer]
//! fn open_all(names: &[&str], log: &RefCell<Vec<String>>) {
//!     for name in names {
//!         let conn = format!("conn to {name}"); // dies with the iteration
//!         defer! { log.borrow_mut().push(conn) } // `log` borrowed, `conn` taken
//!     }
//! }
//! let log = RefCell::new(Vec::new());
//! open_all(&["a", "b"], &log);
//! assert_eq!(*log.borrow(), ["conn to b", "conn to a"]);
//! ```
//!
//! Using such a local after the `defer!` that took it is rustc's "use of
//! moved value"; assigning it there is a compile error that says the
//! deferred code would not see the new value.
//! Named results are exempt: stored deferred code receives them at exit.
//!
//! Because the rest of the body is a closure from the first statement that
//! holds a `defer!`, a local declared before that statement must have its
//! value there: `let x; defer!(..); x = 1;` is a compile error that says so.
//! For the same reason, `#[with_defer]` goes above other attribute macros
//! that rewrite the body (such as `#[no_panic]`).
//!
//! Borrow errors in such a function are rustc's, about the code as
//! written, at your tokens; where the closure takes part, rustc names it:
//! "closure construction occurs here" at the first statement after the
//! `defer!`, "due to use of `v` in closure" at your use of `v`. Deferred
//! code runs after the function's value is computed, so a `defer!` that
//! touches what the returned reference borrows is an error, with
//! "returning this value requires .." at the returned expression.
//! [`compile_errors`] shows one case of each such error.
//!
//! # `errdefer!` and `okdefer!`
//!
//! [`errdefer!`] runs only if the function is failing when it would run
//! (returning `Err(..)` or `None`, or panicking), [`okdefer!`] only if it
//! returns normally and not with `Err`/`None`; `errdefer!(|e| ..)` gets the
//! `Err`'s error by value and returns the one the function returns:
//!
//! ```
//! # use defer_core::with_defer;
//! # use std::cell::RefCell;
//! #[with_defer]
//! fn save(log: &RefCell<Vec<String>>, text: &str) -> Result<u32, String> {
//!     errdefer! { log.borrow_mut().push("rolled back".into()) }
//!     okdefer! { log.borrow_mut().push("committed".into()) }
//!     errdefer!(|e| format!("saving {text:?}: {e}"));
//!     text.parse().map_err(|_| "not a number".to_string())
//! }
//! let log = RefCell::new(Vec::new());
//! assert_eq!(save(&log, "7"), Ok(7));
//! assert_eq!(save(&log, "x"), Err("saving \"x\": not a number".to_string()));
//! assert_eq!(*log.borrow(), ["committed", "rolled back"]);
//! ```
//!
//! The outcome is judged when the deferred code runs: it sees what newer
//! defers did to named results, and a recovered panic counts as none. They
//! are `defer!`s in everything else (forms, nesting, loops, deferred code,
//! closures, `async fn`, one LIFO order); inside deferred code that is
//! kept until exit, the error form's closure takes what it uses by value.
//!
//! # `async fn`
//!
//! On an `async fn`, deferred code is part of the future: it runs at exit,
//! where it may `.await` (which no `Drop` guard can do), in all three
//! forms. Every exit awaits the pending defers, newest first, each to
//! completion before the next, panics included (the body's, a `poll`'s of
//! a future it awaits, deferred code's: every block is polled under
//! `catch_unwind`). `recover!()` and named results work as in a sync
//! function, and the future is `Send` when the same function written by
//! hand would be.
//!
//! ```
//! # use defer_core::with_defer;
//! # use std::sync::Mutex;
//! # static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
//! # fn log(line: String) { LOG.lock().unwrap().push(line) }
//! async fn close(what: &str) {
//!     log(format!("closed {what}")); // an `.await`ing cleanup
//! }
//!
//! #[with_defer]
//! async fn query(id: u32) -> Result<u32, String> {
//!     defer! { close("connection").await; }    // reads variables at exit
//!     defer!(close(&format!("row {id}")).await); // argument taken now
//!     if id == 0 {
//!         return Err("no row 0".to_string());
//!     }
//!     Ok(id * 10)
//! }
//!
//! # fn block_on<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop {
//! #         if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
//! #             return value;
//! #         }
//! #     }
//! # }
//! assert_eq!(block_on(query(4)), Ok(40));
//! assert_eq!(*LOG.lock().unwrap(), ["closed row 4", "closed connection"]);
//! ```
//!
//! **A future dropped before it completes runs no deferred code.** Rust
//! has no async `Drop`: nothing can await cleanup for a future that is
//! never polled again. Its locals are dropped as usual and nothing leaks,
//! and this holds for every `defer!` alike, so the order of what did run
//! never depends on where the future stopped. Put cleanup that must
//! happen even on cancellation (a timeout, a `select!` that takes another
//! branch, an aborted task) in a `Drop` guard; `defer!` is for cleanup that
//! needs to `.await`.
//!
//! Every tier works as in a sync function: a `defer!` nested in a block,
//! `if`, `match` or loop is an async closure kept until exit. Put
//! `#[with_defer]` above `#[tokio::main]` or `#[tokio::test]`: they turn the
//! body into an async block of their own, and the other order is a compile
//! error that says so.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(inline)]
pub use defer_macros::with_defer;

pub mod compile_errors;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// Defers code to the exit of the enclosing `#[with_defer]` function.
///
/// `#[with_defer]` finds and rewrites every `defer!` in the function it
/// annotates; this macro is what remains where it cannot: used outside such a
/// function (or hidden inside another macro's input, which the attribute
/// cannot see), it is a compile error that says so.
///
/// ```compile_fail
/// fn not_annotated() {
///     defer_core::defer!(println!("bye"));
/// }
/// ```
#[macro_export]
macro_rules! defer {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`defer!` can only be used in a function annotated with `#[with_defer]`: add `#[defer_core::with_defer]` to the enclosing function (a `defer!` inside another macro's input is invisible to the attribute)"
        )
    };
}

/// Defers code to the exit of the enclosing `#[with_defer]` function, to
/// run only if the function is failing when it would run: returning
/// `Err(..)` or `None`, or panicking (for any other return type: only on
/// a panic).
///
/// The three forms of [`defer!`] (`errdefer!(f(x))` evaluates `x` at the
/// statement), and the error form `errdefer!(|e| ..)`: on an `Err` return
/// only, the closure receives the error by value and returns the error the
/// function returns instead (`errdefer!(|e| e.context("loading"))`). By
/// value in and out because that is what wrapping an error takes (`e.context
/// (..)`, `MyError::Io(e)`); a closure that returns `()` (as if it were
/// handed `&mut E`) is a type error at its body. Outside a `#[with_defer]`
/// function it is a compile error that says so.
///
/// ```compile_fail
/// fn not_annotated() -> Result<(), String> {
///     defer_core::errdefer!(println!("failed"));
///     Ok(())
/// }
/// ```
#[macro_export]
macro_rules! errdefer {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`errdefer!` can only be used in a function annotated with `#[with_defer]`: add `#[defer_core::with_defer]` to the enclosing function"
        )
    };
}

/// Defers code to the exit of the enclosing `#[with_defer]` function, to
/// run only if it returns normally and not with `Err(..)`/`None` (no panic
/// in flight): the counterpart of [`errdefer!`], in the three forms of
/// [`defer!`]. Outside a `#[with_defer]` function it is a compile error.
///
/// ```compile_fail
/// fn not_annotated() {
///     defer_core::okdefer!(println!("done"));
/// }
/// ```
#[macro_export]
macro_rules! okdefer {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`okdefer!` can only be used in a function annotated with `#[with_defer]`: add `#[defer_core::with_defer]` to the enclosing function"
        )
    };
}

/// Stops the panic in flight and returns its payload, in deferred code.
///
/// `recover!()` is an expression of type
/// `Option<Box<dyn Any + Send + 'static>>`. Used outside a `#[with_defer]`
/// function it is a compile error that says so.
///
/// ```compile_fail
/// fn not_annotated() {
///     let _ = defer_core::recover!();
/// }
/// ```
#[macro_export]
macro_rules! recover {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`recover!()` can only be used in deferred code of a function annotated with `#[with_defer]`: add `#[defer_core::with_defer]` to the enclosing function"
        )
    };
}

/// The message of a panic payload, as `recover!()` or
/// [`std::panic::catch_unwind`] return it: `Some` for the `&str` and
/// `String` payloads that `panic!` makes, `None` for any other type.
///
/// The idiom "turn a panic into an `Err`":
///
/// ```
/// use defer_core::{panic_message, with_defer};
///
/// #[with_defer(named(res = Ok(0)))]
/// fn checked_div(a: i32, b: i32) -> Result<i32, String> {
///     defer! {
///         if let Some(payload) = recover!() {
///             let message = panic_message(&payload).unwrap_or("unknown panic");
///             res = Err(format!("recovered: {message}"));
///         }
///     }
///     Ok(a / b)
/// }
///
/// assert_eq!(checked_div(7, 2), Ok(3));
/// assert_eq!(
///     checked_div(1, 0),
///     Err("recovered: attempt to divide by zero".to_string())
/// );
/// ```
///
/// It takes the payload as `recover!()` returns it (`&payload`, a
/// `&Box<dyn Any + Send>`) or unboxed (`&*payload`): a `&Box` passed where a
/// `&dyn Any` is expected would otherwise be taken as the `Box` itself, and
/// never match.
#[must_use]
pub fn panic_message<P: Payload + ?Sized>(payload: &P) -> Option<&str> {
    let payload = payload.as_any();
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        Some(message)
    } else {
        payload.downcast_ref::<String>().map(String::as_str)
    }
}

/// A panic payload, boxed or not: what [`panic_message`] accepts.
pub trait Payload: private::Sealed {
    /// The payload itself.
    fn as_any(&self) -> &(dyn core::any::Any + Send);
}

impl Payload for dyn core::any::Any + Send {
    fn as_any(&self) -> &(dyn core::any::Any + Send) {
        self
    }
}

impl Payload for Box<dyn core::any::Any + Send> {
    fn as_any(&self) -> &(dyn core::any::Any + Send) {
        &**self
    }
}

mod private {
    pub trait Sealed {}
    impl Sealed for dyn core::any::Any + Send {}
    impl Sealed for Box<dyn core::any::Any + Send> {}
}

/// What `defer!` is in a `#[with_defer]` body where the attribute cannot
/// reach it: in a nested `fn`, or in another macro's input.
#[doc(hidden)]
#[macro_export]
macro_rules! __defer_out_of_reach {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "this `defer!` is out of reach of `#[with_defer]`: it is inside another macro's input, or in a nested `fn`; make it a statement of the annotated function, or give the nested `fn` its own `#[with_defer]`"
        )
    };
}

/// What `recover!` is in a `#[with_defer]` body where the attribute cannot
/// reach it: in a nested `fn`, or in another macro's input.
#[doc(hidden)]
#[macro_export]
macro_rules! __recover_out_of_reach {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "this `recover!()` is out of reach of `#[with_defer]`: it is inside another macro's input, or in a nested `fn`; call it directly in deferred code of the annotated function, or give the nested `fn` its own `#[with_defer]`"
        )
    };
}

/// `use defer_core::prelude::*;` brings the attribute, both macros and
/// [`panic_message`].
pub mod prelude {
    pub use crate::{defer, errdefer, okdefer, panic_message, recover, with_defer};
}
