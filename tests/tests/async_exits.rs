//! Issue #16: `#[with_defer]` on `async fn`. Deferred code may `.await`;
//! every exit awaits the pending defers, newest first; panics in the body,
//! in an awaited future's `poll` and in deferred code follow the sync
//! rules; the future is `Send` when the handwritten one would be; a future
//! dropped before it completes runs no deferred code.
mod common;

use common::{block_on, log, panic_text, poll_then_drop, take, yield_now};
use defer_core::{panic_message, with_defer};
use std::future::Future;

fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

/// Async cleanup that suspends before it logs.
async fn close(what: &str) {
    yield_now().await;
    log(format!("close {what}"));
}

async fn parse(text: &str) -> Result<u32, String> {
    yield_now().await;
    text.parse().map_err(|_| format!("bad {text}"))
}

// ---- every exit ------------------------------------------------------------

#[with_defer]
async fn every_exit(input: &str) -> Result<u32, String> {
    defer! { close("first").await; }
    let n = parse(input).await?;
    if n == 0 {
        return Err("zero".to_string());
    }
    defer!(close("second").await);
    yield_now().await;
    Ok(n * 2)
}

#[with_defer]
async fn falls_off_the_end(n: u32) {
    defer! { close("unit").await; }
    yield_now().await;
    if n == 0 {
        log("early");
        return;
    }
    log(format!("body {n}"));
}

#[test]
fn every_exit_awaits_the_pending_defers_newest_first() {
    assert_eq!(block_on(every_exit("4")), Ok(8));
    assert_eq!(take(), ["close second", "close first"]);
    assert_eq!(block_on(every_exit("x")), Err("bad x".to_string()));
    assert_eq!(take(), ["close first"]);
    assert_eq!(block_on(every_exit("0")), Err("zero".to_string()));
    assert_eq!(take(), ["close first"]);
    block_on(falls_off_the_end(1));
    assert_eq!(take(), ["body 1", "close unit"]);
    block_on(falls_off_the_end(0));
    assert_eq!(take(), ["early", "close unit"]);
}

// ---- the three forms, with and without `.await` ----------------------------

async fn record(what: &str, n: u32) {
    yield_now().await;
    log(format!("{what} {n}"));
}

#[with_defer]
async fn forms() -> u32 {
    let mut n = 1;
    defer! { record("block sees", n).await; }
    defer!(record("call took", n).await);
    defer!(move { record("move took", n).await });
    defer!(log(format!("sync call took {n}")));
    n = 5;
    yield_now().await;
    n
}

#[test]
fn each_form_evaluates_when_go_does() {
    assert_eq!(block_on(forms()), 5);
    assert_eq!(
        take(),
        [
            "sync call took 1",
            "move took 1",
            "call took 1",
            "block sees 5",
        ]
    );
}

// ---- panics ----------------------------------------------------------------

/// A future whose `poll` panics.
struct PanicsInPoll;

impl Future for PanicsInPoll {
    type Output = ();
    fn poll(self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        panic!("in poll")
    }
}

#[with_defer]
async fn panics_in_body(at: &str) -> u32 {
    defer! { close("older").await; }
    defer!(close("newer").await);
    yield_now().await;
    if at == "poll" {
        PanicsInPoll.await;
    }
    panic!("in body");
}

#[with_defer]
async fn panics_in_deferred_code() {
    defer! { close("oldest").await; }
    defer! {
        yield_now().await;
        panic!("in deferred code");
    }
    defer! { close("newest").await; }
    yield_now().await;
    panic!("in body");
}

#[test]
fn a_panic_anywhere_runs_the_pending_defers_then_goes_on() {
    assert_eq!(
        panic_text(|| block_on(panics_in_body("body"))),
        Err("in body".to_string())
    );
    assert_eq!(take(), ["close newer", "close older"]);
    assert_eq!(
        panic_text(|| block_on(panics_in_body("poll"))),
        Err("in poll".to_string())
    );
    assert_eq!(take(), ["close newer", "close older"]);
    // The deferred code's panic replaces the body's; the older still runs.
    assert_eq!(
        panic_text(|| block_on(panics_in_deferred_code())),
        Err("in deferred code".to_string())
    );
    assert_eq!(take(), ["close newest", "close oldest"]);
}

#[with_defer]
async fn recovers(fail: bool) -> u32 {
    defer! { close("after recover").await; }
    defer! {
        yield_now().await;
        if let Some(payload) = recover!() {
            log(format!("recovered {}", panic_message(&payload).unwrap_or("?")));
        }
    }
    yield_now().await;
    if fail {
        panic!("boom");
    }
    7
}

#[test]
fn recover_in_async_deferred_code_stops_the_panic() {
    assert_eq!(block_on(recovers(true)), 0);
    assert_eq!(take(), ["recovered boom", "close after recover"]);
    assert_eq!(block_on(recovers(false)), 7);
    assert_eq!(take(), ["close after recover"]);
}

// ---- named results, defers in deferred code, past the 8th ------------------

#[with_defer(named(err = Ok(())))]
async fn transfer(fail: bool) -> Result<(), String> {
    defer! {
        if err.is_err() {
            close("rollback").await;
            err = Err(format!("transfer: {}", err.clone().unwrap_err()));
        } else {
            close("commit").await;
        }
    }
    yield_now().await;
    if fail {
        return Err("declined".to_string());
    }
    Ok(())
}

#[with_defer]
async fn nested_in_deferred_code() {
    defer! {
        defer! { close("inner older").await; }
        defer!(close("inner newer").await);
        log("outer deferred body");
    }
    log("body");
}

#[with_defer]
async fn nine() {
    defer!(record("d", 1).await);
    defer!(record("d", 2).await);
    defer!(record("d", 3).await);
    defer!(record("d", 4).await);
    defer!(record("d", 5).await);
    defer!(record("d", 6).await);
    defer!(record("d", 7).await);
    defer!(record("d", 8).await);
    defer!(record("d", 9).await);
    yield_now().await;
}

#[test]
fn named_results_nested_frames_and_past_the_eighth() {
    assert_eq!(
        block_on(transfer(true)),
        Err("transfer: declined".to_string())
    );
    assert_eq!(take(), ["close rollback"]);
    assert_eq!(block_on(transfer(false)), Ok(()));
    assert_eq!(take(), ["close commit"]);
    block_on(nested_in_deferred_code());
    assert_eq!(
        take(),
        [
            "body",
            "outer deferred body",
            "close inner newer",
            "close inner older"
        ]
    );
    block_on(nine());
    let expected: Vec<String> = (1..=9).rev().map(|n| format!("d {n}")).collect();
    assert_eq!(take(), expected);
}

// ---- methods and generics --------------------------------------------------

struct Conn {
    name: String,
    sent: Vec<String>,
}

impl Conn {
    #[with_defer]
    async fn send(&mut self, text: &str) -> usize {
        defer! { close(&format!("{} after {}", self.name, self.sent.len())).await; }
        yield_now().await;
        self.sent.push(text.to_string());
        self.sent.len()
    }

    #[with_defer]
    async fn peek(&self) -> &str {
        defer!(close("peek").await);
        yield_now().await;
        &self.name
    }

    #[with_defer]
    async fn into_sent(self) -> Vec<String> {
        defer!(close("into_sent").await);
        self.sent
    }
}

#[with_defer]
async fn largest<T: PartialOrd + Copy + Send + Sync>(items: &[T]) -> Option<T> {
    defer!(close("largest").await);
    yield_now().await;
    let mut best = *items.first()?;
    for &item in items {
        if item > best {
            best = item;
        }
    }
    Some(best)
}

#[test]
fn methods_with_every_receiver_and_generic_functions() {
    let mut conn = Conn {
        name: "db".to_string(),
        sent: Vec::new(),
    };
    assert_eq!(block_on(conn.send("a")), 1);
    assert_eq!(take(), ["close db after 1"]);
    assert_eq!(block_on(conn.peek()), "db");
    assert_eq!(take(), ["close peek"]);
    assert_eq!(block_on(conn.into_sent()), ["a"]);
    assert_eq!(take(), ["close into_sent"]);
    assert_eq!(block_on(largest(&[3, 9, 4])), Some(9));
    assert_eq!(take(), ["close largest"]);
    assert_eq!(block_on(largest::<u8>(&[])), None);
    assert_eq!(take(), ["close largest"]);
}

// ---- Send ------------------------------------------------------------------

#[test]
fn the_futures_are_send() {
    let mut conn = Conn {
        name: "db".to_string(),
        sent: Vec::new(),
    };
    block_on(assert_send(every_exit("1"))).unwrap();
    block_on(assert_send(falls_off_the_end(1)));
    block_on(assert_send(forms()));
    block_on(assert_send(recovers(false)));
    block_on(assert_send(transfer(false))).unwrap();
    block_on(assert_send(nested_in_deferred_code()));
    block_on(assert_send(nine()));
    block_on(assert_send(conn.send("a")));
    block_on(assert_send(conn.peek()));
    block_on(assert_send(largest(&[1])));
    take();
}

#[test]
fn tokio_spawns_them_on_both_schedulers() {
    for runtime in [
        tokio::runtime::Builder::new_current_thread().build(),
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build(),
    ] {
        let runtime = runtime.expect("a tokio runtime");
        // The log is per thread: each task returns what it logged.
        let logged = runtime.block_on(async {
            tokio::spawn(async {
                let value = every_exit("3").await;
                (value, take())
            })
            .await
            .expect("the task completes")
        });
        assert_eq!(
            logged,
            (
                Ok(6),
                vec!["close second".to_string(), "close first".to_string()]
            )
        );
    }
}

// ---- cancellation ----------------------------------------------------------

/// Counts its drops in the log.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[with_defer]
async fn cancellable() -> u32 {
    let _before = Guard("before");
    defer! {
        log("deferred starts");
        close("deferred").await;
    }
    let _after = Guard("after");
    yield_now().await; // suspension 1: in the body
    log("body done");
    1
}

#[test]
fn a_future_dropped_before_it_completes_runs_no_deferred_code() {
    // Dropped at its first suspension point, in the body.
    assert!(poll_then_drop(cancellable(), 1));
    assert_eq!(take(), ["drop after", "drop before"]);
    // Dropped while its deferred code awaits.
    assert!(poll_then_drop(cancellable(), 2));
    assert_eq!(
        take(),
        ["body done", "drop after", "deferred starts", "drop before"]
    );
    // Never polled.
    drop(cancellable());
    assert_eq!(take(), Vec::<String>::new());
    // Run to the end.
    assert_eq!(block_on(cancellable()), 1);
    assert_eq!(
        take(),
        [
            "body done",
            "drop after",
            "deferred starts",
            "close deferred",
            "drop before"
        ]
    );
}

// ---- `async fn` in traits --------------------------------------------------

trait Store {
    async fn save(&mut self, item: &str) -> Result<usize, String>;

    async fn save_all(&mut self, items: &[&str]) -> Result<usize, String>;
}

struct Memory(Vec<String>);

impl Store for Memory {
    #[with_defer]
    async fn save(&mut self, item: &str) -> Result<usize, String> {
        defer! { close(&format!("saved {}", self.0.len())).await; }
        if item.is_empty() {
            return Err("empty".to_string());
        }
        yield_now().await;
        self.0.push(item.to_string());
        Ok(self.0.len())
    }

    #[with_defer]
    async fn save_all(&mut self, items: &[&str]) -> Result<usize, String> {
        for item in items {
            defer!(close(item).await);
            self.save(item).await?;
        }
        Ok(self.0.len())
    }
}

#[test]
fn async_fn_in_a_trait_impl() {
    let mut store = Memory(Vec::new());
    assert_eq!(block_on(store.save("a")), Ok(1));
    assert_eq!(take(), ["close saved 1"]);
    assert_eq!(block_on(store.save("")), Err("empty".to_string()));
    assert_eq!(take(), ["close saved 1"]);
    assert_eq!(
        block_on(store.save_all(&["b", "", "c"])),
        Err("empty".to_string())
    );
    assert_eq!(
        take(),
        ["close saved 2", "close saved 2", "close ", "close b"]
    );
}

// ---- frames with either panic slot -----------------------------------------

// The function's frame suspends (its deferred code awaits), the deferred
// block's own frame does not, and the other way round: each absorbs the
// other's panic.
#[with_defer]
async fn mixed_frames(which: u32) {
    defer! {
        defer!(log("inner sync"));
        if which == 1 {
            panic!("from the sync inner frame");
        }
    }
    defer! {
        defer!(close("inner async").await);
        if which == 2 {
            panic!("from the async inner frame");
        }
    }
    defer!(close("outer").await);
    yield_now().await;
}

#[test]
fn deferred_frames_of_either_kind_pass_their_panics_out() {
    block_on(assert_send(mixed_frames(0)));
    assert_eq!(take(), ["close outer", "close inner async", "inner sync"]);
    assert_eq!(
        panic_text(|| block_on(mixed_frames(1))),
        Err("from the sync inner frame".to_string())
    );
    assert_eq!(take(), ["close outer", "close inner async", "inner sync"]);
    assert_eq!(
        panic_text(|| block_on(mixed_frames(2))),
        Err("from the async inner frame".to_string())
    );
    assert_eq!(take(), ["close outer", "close inner async", "inner sync"]);
}

// A provided `async fn` of a trait, with the attribute on the `trait`.
#[with_defer]
trait Greeter {
    fn name(&self) -> String;

    async fn greet(&self) -> String {
        defer!(close(&format!("greeted {}", self.name())).await);
        yield_now().await;
        format!("hello {}", self.name())
    }
}

struct Named(&'static str);

impl Greeter for Named {
    fn name(&self) -> String {
        self.0.to_string()
    }
}

#[test]
fn a_provided_async_method_of_a_trait() {
    let named = Named("ann");
    assert_eq!(block_on(named.greet()), "hello ann");
    assert_eq!(take(), ["close greeted ann"]);
    let mut store = Memory(Vec::new());
    block_on(assert_send(store.save("a"))).expect("saved");
    block_on(assert_send(store.save_all(&["b"]))).expect("saved");
    take();
}
