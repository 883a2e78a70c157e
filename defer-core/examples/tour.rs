//! A guided tour of `#[with_defer]`: Go's `defer`, `recover` and named
//! results in Rust.
//!
//! Run it with `cargo run -p defer-core --example tour`.
//!
//! Every section below runs a small `#[with_defer]` function. The functions
//! record what happens with `event(..)`, and the tour prints those records,
//! so what you read under "what happened" is what the code really did. The
//! code shown under each heading is cut from this file between its
//! `// >>> name` and `// <<< name` markers.

use defer_core::{panic_message, with_defer};
use std::any::Any;
use std::cell::RefCell;
use std::num::ParseIntError;
use std::panic::{self, UnwindSafe};

// ---------------------------------------------------------------------------
// The event log the tour prints.

thread_local! {
    static EVENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records one thing that happened.
fn event(line: impl Into<String>) {
    EVENTS.with(|events| events.borrow_mut().push(line.into()));
}

/// Prints, numbered, everything recorded since the last call.
fn what_happened() {
    let events = EVENTS.with(|events| std::mem::take(&mut *events.borrow_mut()));
    println!("  what happened:");
    for (number, line) in events.iter().enumerate() {
        println!("    {}. {line}", number + 1);
    }
    println!();
}

/// Runs `f`, catching a deliberate panic without the default hook's message.
fn quietly<R>(f: impl FnOnce() -> R + UnwindSafe) -> std::thread::Result<R> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(f);
    panic::set_hook(hook);
    result
}

/// The message of a panic payload (`panic!("..")` makes a `&str` or a `String`).
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "<not a string>".to_string()
    }
}

const SOURCE: &str = include_str!("tour.rs");

/// Prints a section's heading, its explanation and its code.
fn section(number: u32, title: &str, explanation: &str, snippet: &str) {
    let heading = format!("{number}. {title}");
    println!("{heading}");
    println!("{}", "-".repeat(heading.len()));
    for line in explanation.lines() {
        println!("  {line}");
    }
    let begin = format!("// >>> {snippet}");
    let end = format!("// <<< {snippet}");
    let code = SOURCE
        .lines()
        .skip_while(|line| line.trim() != begin)
        .skip(1)
        .take_while(|line| line.trim() != end);
    println!();
    for line in code {
        println!("  | {line}");
    }
    println!();
}

// ---------------------------------------------------------------------------
// 1. Last in, first out.

// >>> lifo
#[with_defer]
fn lifo() {
    defer!(event("first defer! runs last"));
    defer!(event("second defer! runs second"));
    defer!(event("third defer! runs first"));
    event("the body ends");
}
// <<< lifo

// ---------------------------------------------------------------------------
// 2. The three forms, and when each one evaluates what.

fn show(form: &str, x: i32) {
    event(format!("{form} sees x = {x}"));
}

// >>> forms
#[with_defer]
fn forms() {
    let mut x = 1;
    defer!(show("call form   defer!(show(x))     ", x)); // arguments: now
    defer! { show("block form  defer!{ show(x) }   ", x) } // everything: at exit
    defer!(move { show("move form   defer!(move { .. })", x) }); // snapshot: now
    x = 2;
    event(format!("the body ends with x = {x}"));
}
// <<< forms

// >>> trace
fn trace(name: &str) -> impl FnOnce() + '_ {
    event(format!("enter {name}"));
    move || event(format!("leave {name}"))
}

#[with_defer]
fn traced() {
    defer!(trace("traced")()); // `trace("traced")` runs now, its result at exit
    event("working");
}
// <<< trace

// ---------------------------------------------------------------------------
// 3. Every exit runs the defers.

// >>> exits
#[with_defer]
fn parse_double(input: &str) -> Result<u32, ParseIntError> {
    defer!(event(format!("cleanup for {input:?}")));
    if input.is_empty() {
        return Ok(0); // `return`
    }
    let n: u32 = input.trim().parse()?; // `?` on an error
    assert!(n != 13, "13 is unlucky"); // a panic
    Ok(n * 2) // the tail expression
}

#[with_defer]
fn first_word(text: &str) -> Option<&str> {
    defer!(event(format!("cleanup for {text:?}")));
    let word = text.split_whitespace().next()?; // `?` on `None`
    Some(word)
}
// <<< exits

// ---------------------------------------------------------------------------
// 4. A defer registers only if its statement runs.

// >>> conditional
#[with_defer]
fn open(name: &str, read_only: bool) {
    event(format!("open {name}"));
    defer!(event(format!("close {name}")));
    if !read_only {
        event(format!("lock {name}"));
        defer!(event(format!("unlock {name}")));
    }
    match name.rsplit_once('.') {
        Some((_, "log")) => defer!(event(format!("flush {name}"))),
        _ => event("nothing to flush"),
    }
    event("use the file");
}
// <<< conditional

// ---------------------------------------------------------------------------
// 6. Defers in loops.

// >>> loops
struct Handle {
    name: String,
}

impl Handle {
    fn open(name: &str) -> Handle {
        event(format!("open {name}"));
        Handle {
            name: name.to_string(),
        }
    }

    fn close(self) {
        event(format!("close {}", self.name));
    }
}

#[with_defer]
fn open_all(names: &[&str]) {
    defer!(event("the defer! before the loop runs last"));
    let mut opened = 0;
    for (i, name) in names.iter().enumerate() {
        let handle = Handle::open(name);
        defer!(handle.close()); // a local of the loop body: the defer takes it
        opened += 1;
        defer!(event(format!("iteration {i} saw opened = {opened}"))); // argument: now
    }
    event(format!(
        "the loop is over: {opened} open, nothing closed yet"
    ));
}
// <<< loops

// ---------------------------------------------------------------------------
// 7. Deferred code can defer, too.

// >>> nested
#[with_defer]
fn nested() {
    defer! {
        event("the deferred block starts");
        defer!(event("its own defer runs when the deferred block ends"));
        event("the deferred block ends");
    }
    event("the body ends");
}
// <<< nested

// ---------------------------------------------------------------------------
// 8. Panics: defers run, then the panic goes on.

// >>> panics
#[with_defer]
fn panicking() {
    defer!(event("the first defer still runs"));
    defer! {
        event("a defer panics while the body's panic is in flight");
        panic!("second panic");
    }
    defer!(event("the newest defer runs first"));
    panic!("first panic");
}
// <<< panics

// ---------------------------------------------------------------------------
// 9. recover!() stops a panic.

// >>> recover
#[with_defer]
fn divide(a: u32, b: u32) {
    defer! {
        if let Some(payload) = recover!() {
            event(format!("recovered: {}", message(&*payload)));
        }
    }
    event(format!("{a} / {b} = {}", a / b));
}
// <<< recover

// ---------------------------------------------------------------------------
// 10. Named results.

// >>> named
// Go: func c() (n int) { defer func() { n++ }(); return 1 }  returns 2
#[with_defer(named(n))]
fn c() -> i32 {
    defer! {
        event(format!("the defer sees n = {n} and adds 1"));
        n += 1;
    }
    1 // as Go's `return 1`: sets n = 1, then the defers run, then c returns n
}

#[with_defer(named(res = Ok(0)))]
fn parse_port(text: &str) -> Result<u16, String> {
    defer! {
        if let Err(e) = &mut res {
            *e = format!("parse_port({text:?}): {e}"); // wrap the error on the way out
        }
    }
    if text.is_empty() {
        return Err("empty".into());
    }
    let port: u16 = text.parse().map_err(|e| format!("{e}"))?;
    Ok(port)
}
// <<< named

// ---------------------------------------------------------------------------
// 11. recover!() in a function that returns a value.

// >>> recover_value
#[with_defer(named(res = Ok(0)))]
fn checked_div(a: i32, b: i32) -> Result<i32, String> {
    defer! {
        if let Some(payload) = recover!() {
            let message = panic_message(&payload).unwrap_or("unknown panic");
            res = Err(format!("recovered: {message}"));
        }
    }
    Ok(a / b)
}

#[with_defer]
fn parse_or_zero(text: &str) -> i32 {
    defer! { recover!(); } // no named result: a recovered panic returns i32's default
    text.trim().parse().unwrap()
}

#[with_defer]
fn answer() -> i32 {
    defer! { recover!(); }
    defer! { panic!("cleanup failed") } // runs after the tail `42` was evaluated
    42 // the value under way is kept
}
// <<< recover_value

// ---------------------------------------------------------------------------
// 12. A top-level block defer borrows nothing.

// >>> borrows
#[with_defer]
fn counting() -> usize {
    let mut n = 0;
    let mut seen = Vec::new();
    defer! { event(format!("at exit: n = {n}, seen = {seen:?}")) }
    for word in ["a", "b", "c"] {
        n += 1; // the body keeps writing what the defer reads
        seen.push(word);
    }
    n
}
// <<< borrows

// ---------------------------------------------------------------------------
// 13. Deferred code owns the named results.

// >>> owned
// Go: func load(path string) (err error) {
//         defer func() { if err != nil { err = fmt.Errorf("loading %s: %w", path, err) } }()
//         ..
#[with_defer(named(err = Ok(())))]
fn load(path: &str) -> Result<(), String> {
    defer! {
        if let Err(e) = err {
            err = Err(format!("loading {path}: {e}")); // moves `err` out, gives it a new value
        }
    }
    defer! { err = err.and_then(|()| check_permissions(path)) }
    if path.is_empty() {
        return Err("no path".into());
    }
    Ok(())
}

fn check_permissions(path: &str) -> Result<(), String> {
    if path.starts_with('/') {
        Err("permission denied".into())
    } else {
        Ok(())
    }
}
// <<< owned

// ---------------------------------------------------------------------------
// 14. Closures are frames of their own.

// >>> closures
// Go: parse := func(s string) (int, error) { defer log("parsed " + s); .. }
#[with_defer]
fn sum_all(inputs: &[&str]) -> Result<u32, ParseIntError> {
    defer!(event("sum_all returns"));
    let parse = |s: &str| -> Result<u32, ParseIntError> {
        defer!(event(format!("parsed {s:?}"))); // when this call of `parse` returns
        let n: u32 = s.parse()?; // leaves this call, not `sum_all`
        Ok(n * 10)
    };
    let mut sum = 0;
    for input in inputs {
        sum += parse(input).unwrap_or(0);
    }
    Ok(sum)
}
// <<< closures

// ---------------------------------------------------------------------------
// 15. `#[with_defer]` on an `impl` block.

// >>> impl_block
struct Account {
    balance: u32,
}

#[with_defer]
impl Account {
    fn withdraw(&mut self, amount: u32) -> Result<u32, String> {
        defer! { event(format!("balance is now {}", self.balance)) }
        if amount > self.balance {
            return Err(format!("cannot withdraw {amount}"));
        }
        self.balance -= amount;
        Ok(self.balance)
    }

    fn balance(&self) -> u32 {
        self.balance // no `defer!`: left exactly as written
    }
}
// <<< impl_block

// ---------------------------------------------------------------------------
// 17. `errdefer!` and `okdefer!`: a transaction.

// >>> transaction
#[with_defer]
fn settle(amounts: &[i64]) -> Result<i64, String> {
    event("begin");
    errdefer! { event("roll back") } // on `Err`, `None` or a panic
    okdefer! { event("commit") } // on a normal, non-`Err` return
    errdefer!(|e| format!("transaction: {e}")); // the error, by value
    let mut balance = 0;
    for amount in amounts {
        balance += amount;
        if balance < 0 {
            return Err(format!("overdrawn by {}", -balance));
        }
    }
    Ok(balance)
}
// <<< transaction

// ---------------------------------------------------------------------------
// 16. `async fn`: deferred code that `.await`s.

/// A cleanup that suspends once before it finishes, as a network call does.
async fn release(what: &str) {
    Pending(false).await;
    event(format!("released {what} (after a suspension)"));
}

// >>> async_fn
#[with_defer]
async fn transaction(fail: bool) -> Result<u32, String> {
    defer! { release("connection").await; } // awaited at exit, every exit
    event("begin");
    defer!(release(&format!("lock {}", u8::from(fail))).await); // argument now
    if fail {
        return Err("declined".to_string());
    }
    event("commit");
    Ok(7)
}
// <<< async_fn

/// Pending once, then ready.
struct Pending(bool);

impl std::future::Future for Pending {
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

/// The smallest executor: polls until ready (a real program uses tokio's).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

fn main() {
    println!("A tour of #[with_defer]: Go's `defer`, `recover` and named results in Rust");
    println!("===========================================================================");
    println!();
    println!("  `#[defer_core::with_defer]` rewrites one function so that each");
    println!("  `defer!` in it runs when the function exits, however it exits.");
    println!("  Inside the function, `defer!` and `recover!` need no import, and");
    println!("  `#[with_defer(named(..))]` gives its results names, as Go does.");
    println!();

    tour_lifo();
    tour_forms();
    tour_trace();
    tour_exits();
    tour_conditional();
    tour_loops();
    tour_nested();
    tour_panics();
    tour_recover();
    tour_named();
    tour_recover_value();
    tour_borrows();
    tour_owned();
    tour_closures();
    tour_impl_block();
    tour_async_fn();
    tour_transaction();
    how_it_is_compiled();
}

fn tour_async_fn() {
    section(
        16,
        "`async fn`: deferred code that `.await`s",
        "No `Drop` guard can await, so async cleanup (close a connection, roll
back a transaction) is usually written by hand on every path. On an
`async fn`, deferred code is part of the future: every exit awaits the
pending defers, newest first, panics included, and the future stays `Send`.
A future dropped before it completes runs no deferred code (Rust has no
async `Drop`): cleanup that must run even then belongs in a `Drop` guard.",
        "async_fn",
    );
    event(format!(
        "transaction(false) = {:?}",
        block_on(transaction(false))
    ));
    event(format!(
        "transaction(true) = {:?}",
        block_on(transaction(true))
    ));
    what_happened();
}

fn tour_transaction() {
    section(
        17,
        "`errdefer!` and `okdefer!`: cleanup that knows how it ended",
        "Roll back on failure, commit on success. `errdefer!` runs only if the
function is returning `Err`/`None` or panicking when it would run,
`okdefer!` only on a normal, non-`Err` return; `errdefer!(|e| ..)` gets the
error by value and returns the one the function returns (Zig's `errdefer`,
D's `scope(failure)`/`scope(success)`).",
        "transaction",
    );
    event(format!("settle(&[5, -2]) = {:?}", settle(&[5, -2])));
    event(format!("settle(&[5, -9]) = {:?}", settle(&[5, -9])));
    what_happened();
}

fn tour_lifo() {
    section(
        1,
        "Last in, first out",
        "As in Go, defers run when the function exits, newest first: the
cleanup of the last thing acquired runs before the cleanup of the things
it may depend on. Falling off the end of a `()` function is an exit.",
        "lifo",
    );
    lifo();
    what_happened();
}

fn tour_forms() {
    section(
        2,
        "The three forms, and when they evaluate",
        "Go's `defer f(x)` evaluates `x` at the defer statement; a Go closure
`defer func() { f(x) }()` reads `x` at exit; `defer func(x int) {..}(x)`
takes a snapshot. `defer!` has all three: a call (arguments now), a block
(everything at exit), and `move` (a snapshot of what the code uses, now).
Here x is 1 at the defer statements and 2 at exit.",
        "forms",
    );
    forms();
    what_happened();
}

fn tour_trace() {
    section(
        3,
        "The callee of a call form is evaluated now, too",
        "Go's tracing idiom `defer trace(\"name\")()` calls `trace` at the defer
statement and the function it returns at exit. A callee that is not a plain
path or closure literal is evaluated at the statement, as in Go.",
        "trace",
    );
    traced();
    what_happened();
}

fn tour_exits() {
    section(
        4,
        "Every exit runs the defers",
        "`return`, `?` on a `Result` or an `Option`, the tail expression, and a
panic all run the function's defers. A panic goes on afterwards with the
same payload: the caller's `catch_unwind` below receives \"13 is unlucky\".",
        "exits",
    );
    for input in ["", "x", "21", "13"] {
        match quietly(|| parse_double(input)) {
            Ok(result) => event(format!("parse_double({input:?}) returned {result:?}")),
            Err(payload) => event(format!(
                "parse_double({input:?}) panicked; the caller caught {:?}",
                message(&*payload)
            )),
        }
    }
    for text in ["hello world", "   "] {
        let result = first_word(text);
        event(format!("first_word({text:?}) returned {result:?}"));
    }
    what_happened();
}

fn tour_conditional() {
    section(
        5,
        "A defer registers only when its statement runs",
        "A `defer!` in an `if` branch that is not taken, or in a `match` arm
that does not match, never runs. It may sit at any depth of the body,
loops included (next section).",
        "conditional",
    );
    open("data.bin", true);
    open("app.log", false);
    what_happened();
}

fn tour_loops() {
    section(
        6,
        "Defers in loops run at function exit",
        "A `defer!` in a loop registers once per iteration, as in Go, and every
registration runs when the function exits (not at the end of its
iteration), newest first. A call form saves each iteration's arguments; a
local of the loop body dies with its iteration, so a defer that uses it
takes it by value at its statement (the locals that live until exit, it
borrows).",
        "loops",
    );
    open_all(&["a.txt", "b.txt", "c.txt"]);
    what_happened();
}

fn tour_nested() {
    section(
        7,
        "Deferred code can defer, too",
        "A `defer!` inside deferred code belongs to that deferred code, as a
defer in Go's deferred function: it runs when the deferred block ends.",
        "nested",
    );
    nested();
    what_happened();
}

fn tour_panics() {
    section(
        8,
        "Panics in the body and in cleanup",
        "If the body panics, every registered defer still runs, newest first.
A panic inside a defer does not skip the remaining defers, and it does not
abort the process (a `Drop` guard that panics during unwinding does): as in
Go, the new panic replaces the one in flight, and the caller sees it.",
        "panics",
    );
    if let Err(payload) = quietly(panicking) {
        event(format!("the caller caught {:?}", message(&*payload)));
    }
    what_happened();
}

fn tour_recover() {
    section(
        9,
        "recover!() turns a panic into a normal return",
        "`recover!()` in deferred code takes the payload of the panic in
flight and stops it (`None` when nothing is panicking), like Go's
`recover()`. The function then returns normally. For functions that return
a value, see section 11.",
        "recover",
    );
    for (a, b) in [(10, 2), (1, 0)] {
        match quietly(|| divide(a, b)) {
            Ok(()) => event(format!("divide({a}, {b}) returned normally")),
            Err(_) => event(format!("divide({a}, {b}) panicked")),
        }
    }
    what_happened();
}

fn tour_named() {
    section(
        10,
        "Named results: deferred code can change the result",
        "`#[with_defer(named(n))]` makes the result a mutable local `n`, which
starts at `Default::default()` or at the value written as `named(n = ..)`;
a tuple result gets one name per element: `named(n = 0, err = None)`.
`return e`, `?` and the tail assign the named results, then the defers run,
and the function returns the results as the defers left them: Go's `c()`
returns 2, and a deferred block can wrap every error on its way out.",
        "named",
    );
    event(format!("c() returned {}", c()));
    for text in ["8080", "", "http"] {
        event(format!(
            "parse_port({text:?}) returned {:?}",
            parse_port(text)
        ));
    }
    what_happened();
}

fn tour_recover_value() {
    section(
        11,
        "recover!() in a function that returns a value",
        "After a recovery, a function returns its named results: a defer that
recovers can set them, which turns a panic into an `Err`.
`defer_core::panic_message(&payload)` reads the message of a `panic!`.
Without named results, the function returns the value of a `return` that
was under way when a deferred block panicked, or else
`Default::default()`, Go's zero value.",
        "recover_value",
    );
    for (a, b) in [(7, 2), (1, 0)] {
        match quietly(|| checked_div(a, b)) {
            Ok(result) => event(format!("checked_div({a}, {b}) returned {result:?}")),
            Err(_) => event(format!("checked_div({a}, {b}) panicked")),
        }
    }
    for text in ["42", "forty-two"] {
        match quietly(|| parse_or_zero(text)) {
            Ok(result) => event(format!("parse_or_zero({text:?}) returned {result}")),
            Err(_) => event(format!("parse_or_zero({text:?}) panicked")),
        }
    }
    match quietly(answer) {
        Ok(result) => event(format!("answer() returned {result}")),
        Err(_) => event("answer() panicked"),
    }
    what_happened();
}

fn tour_borrows() {
    section(
        12,
        "A top-level block defer borrows nothing",
        "A Drop guard is a closure that holds its borrows until the end of the
scope, so `let _g = guard(|| log(n)); n += 1;` does not compile. A block
`defer!` directly in the function's top-level block is not a closure: it is
pasted at the exit, so the body may keep mutating what it reads.",
        "borrows",
    );
    let result = counting();
    event(format!("counting() returned {result}"));
    what_happened();
}

fn tour_owned() {
    section(
        13,
        "Deferred code owns the named results",
        "Deferred code may move a named result out and give it a new value, as
Go code assigns a variable from itself: `err = err.and_then(..)`,
`if let Err(e) = err { err = .. }`, `res = res.context(..)`. The statement
that does it works on the value taken out; meanwhile the result holds its
initial value, which is what is left if that statement panics.",
        "owned",
    );
    for path in ["notes.txt", "", "/etc/shadow"] {
        event(format!("load({path:?}) returned {:?}", load(path)));
    }
    what_happened();
}

fn tour_closures() {
    section(
        14,
        "Closures are frames of their own",
        "A closure is a function of its own, as a Go func literal: its `defer!`s
run when a call of it returns, and `return` and `?` in it leave that call.
`recover!()` in its deferred code stops only that call's panic. A closure
without `defer!` is left as written.",
        "closures",
    );
    event(format!(
        "sum_all([\"1\", \"x\", \"3\"]) returned {:?}",
        sum_all(&["1", "x", "3"])
    ));
    what_happened();
}

fn tour_impl_block() {
    section(
        15,
        "On a whole impl block or trait",
        "`#[with_defer]` on an `impl` block (or a `trait` with default bodies)
rewrites each method that uses `defer!` and leaves every other item as
written. A method that needs `named(..)` carries its own attribute inside.",
        "impl_block",
    );
    let mut account = Account { balance: 10 };
    event(format!("withdraw(3) returned {:?}", account.withdraw(3)));
    event(format!("withdraw(30) returned {:?}", account.withdraw(30)));
    event(format!("balance() returned {}", account.balance()));
    what_happened();
}

fn how_it_is_compiled() {
    println!("18. How it is compiled");
    println!("----------------------");
    println!(
        "  Like Go's open-coded defers. The function gets one `u8` bitmask; each of
  its first 8 `defer!`s outside loops owns one bit, which its statement
  sets, and the exit runs, newest first, the defers whose bit is set: no
  heap allocation, no dynamic dispatch. A `defer!` in a loop adds an entry
  to a typed list (one per loop site, no `Box` per entry, the first 8 in
  place: a loop of 8 or fewer allocates nothing), and one past the 8th gets
  a one-entry slot; all of them run in exact reverse order.

  Every top-level statement that holds a `defer!` splits the body into
  levels: the statements after it run in a closure under `catch_unwind`,
  and that statement's exit code follows the call, in the scope of every
  local declared before it. So deferred code sees those locals as they are
  at exit. A `return` or `?` stores the result and leaves its level; each
  enclosing level then runs its own exit code. A panic is caught once,
  passed outward as a value, and resumed once with its original payload.
  `cargo expand` shows it all; the README walks through an expansion.

  What it costs, against the same cleanup written by hand (BENCHMARKS.md,
  `cargo bench -p defer-core --bench instructions`): open-coded defers run
  as many instructions, within about one per defer; a loop defer about 1 ns
  more than its call (Go's: about 30 ns); no allocation below 9 per loop.
  In a debug build, where nothing is optimised, eight defers cost about what
  eight scopeguard guards do and a lone defer 1.7 times what one guard does
  (add `--profile dev` to the command).

  Every compile error the attribute can lead to, with the code that causes
  it and the fix, is in the crate docs' `compile_errors` chapter
  (`cargo doc -p defer-core --open`).

  The README lists the known limitations."
    );
}
