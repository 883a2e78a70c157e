//! Issue #16: async blocks and async closures inside a `#[with_defer]`
//! function are frames of their own: their `defer!`s run when that future
//! completes (Go's func literals, as closures are), with every feature of
//! a function's frame. And `#[with_defer]` above the runtimes' own
//! attribute macros.
mod common;

use common::{block_on, log, panic_text, take, yield_now};
use defer_core::{panic_message, with_defer};
use std::future::Future;

fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

async fn close(what: &str) {
    yield_now().await;
    log(format!("close {what}"));
}

async fn close_owned(what: String) {
    close(&what).await;
}

// A sync function that returns a future made of an async block.
#[with_defer]
fn job(n: u32) -> impl Future<Output = u32> + Send {
    defer!(log("job built"));
    async move {
        defer! { close("block").await; }
        yield_now().await;
        log(format!("block body {n}"));
        n + 1
    }
}

#[test]
fn an_async_blocks_defers_run_when_its_future_completes() {
    let future = job(1);
    assert_eq!(take(), ["job built"]); // the block has not run
    assert_eq!(block_on(assert_send(future)), 2);
    assert_eq!(take(), ["block body 1", "close block"]);
}

#[with_defer]
async fn outer(inputs: &[&str]) -> Result<u32, String> {
    defer! { close("outer").await; }
    let parse = async |text: &str| -> Result<u32, String> {
        defer!(close(&format!("parsed {text}")).await);
        yield_now().await;
        text.parse().map_err(|_| format!("bad {text}"))
    };
    let mut sum = 0;
    for text in inputs {
        sum += parse(text).await?;
    }
    let tail = async {
        defer! { log("tail block done"); }
        for i in 0..2 {
            defer!(close_owned(format!("tail {i}")).await);
        }
        sum * 10
    };
    Ok(tail.await)
}

#[test]
fn async_closures_and_blocks_inside_an_async_fn() {
    assert_eq!(block_on(assert_send(outer(&["1", "2"]))), Ok(30));
    assert_eq!(
        take(),
        [
            "close parsed 1",
            "close parsed 2",
            "close tail 1",
            "close tail 0",
            "tail block done",
            "close outer"
        ]
    );
    assert_eq!(block_on(outer(&["1", "x"])), Err("bad x".to_string()));
    assert_eq!(take(), ["close parsed 1", "close parsed x", "close outer"]);
}

#[with_defer]
async fn block_recovers(fail: bool) -> u32 {
    let inner = async {
        defer! {
            if let Some(payload) = recover!() {
                log(format!("block recovered {}", panic_message(&payload).unwrap_or("?")));
            }
        }
        yield_now().await;
        if fail {
            panic!("in block");
        }
        1_u32
    };
    defer!(close("outer").await);
    inner.await + 5
}

#[with_defer]
async fn block_panics() {
    defer! { close("outer sees it").await; }
    async {
        defer! { close("block").await; }
        yield_now().await;
        panic!("from the block");
    }
    .await;
}

#[test]
fn panics_and_recover_in_an_async_block_are_its_own() {
    // The block's panic is stopped inside the block, which then gives its
    // type's default value, as a recovering function does.
    assert_eq!(block_on(block_recovers(true)), 5);
    assert_eq!(take(), ["block recovered in block", "close outer"]);
    assert_eq!(block_on(block_recovers(false)), 6);
    assert_eq!(take(), ["close outer"]);
    assert_eq!(
        panic_text(|| block_on(block_panics())),
        Err("from the block".to_string())
    );
    assert_eq!(take(), ["close block", "close outer sees it"]);
}

// ---- the runtimes' attribute macros, below `#[with_defer]` -----------------

#[with_defer]
#[tokio::main(flavor = "current_thread")]
async fn tokio_main_current(n: u32) -> u32 {
    defer! { close("main current").await; }
    tokio::task::yield_now().await;
    n * 2
}

#[with_defer]
#[tokio::main]
async fn tokio_main_multi(n: u32) -> (u32, Vec<String>) {
    defer! { log("main multi"); }
    let handle = tokio::spawn(async move {
        let value = job(n).await;
        (value, take())
    });
    handle.await.expect("the task completes")
}

#[test]
fn with_defer_above_tokio_main() {
    assert_eq!(tokio_main_current(4), 8);
    assert_eq!(take(), ["close main current"]);
    // The task's log is its worker thread's; this thread logs "main multi".
    let (value, logged) = tokio_main_multi(1);
    assert_eq!(value, 2);
    assert_eq!(logged, ["job built", "block body 1", "close block"]);
    assert_eq!(take(), ["main multi"]);
}

#[with_defer]
#[tokio::test]
async fn with_defer_above_tokio_test_current_thread() {
    defer! {
        close("test current").await;
        assert_eq!(take(), ["body", "close test current"]);
    }
    tokio::task::yield_now().await;
    log("body");
}

#[with_defer]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_defer_above_tokio_test_multi_thread() {
    defer! {
        close("test multi").await;
        assert_eq!(take(), ["body", "close test multi"]);
    }
    log("body");
}
