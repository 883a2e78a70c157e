//! Issue #16: nested and loop `defer!`s in an `async fn` (stored as async
//! closures until exit), interleaved in exact LIFO order with the
//! top-level ones, every form awaiting, with named results and `recover!()`.
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

#[with_defer]
async fn branches(open: bool, n: u32) -> u32 {
    defer! { close("top").await; }
    if open {
        defer! { close("opened").await; }
        defer!(close_owned(format!("call {n}")).await);
    }
    match n {
        0 => {
            defer!(move { close("move zero").await });
        }
        _ => {
            let label = format!("arm {n}"); // dies with the arm: taken by value
            defer! { close(&label).await; }
        }
    }
    yield_now().await;
    n
}

#[test]
fn nested_defers_run_newest_first_with_the_top_level_ones() {
    assert_eq!(block_on(assert_send(branches(true, 2))), 2);
    assert_eq!(
        take(),
        ["close arm 2", "close call 2", "close opened", "close top"]
    );
    assert_eq!(block_on(branches(false, 0)), 0);
    assert_eq!(take(), ["close move zero", "close top"]);
}

#[with_defer]
async fn in_loops(names: &[&str], stop_at: usize) -> Result<usize, String> {
    defer! { close("before the loop").await; }
    for (i, name) in names.iter().enumerate() {
        if i == stop_at {
            return Err(format!("stopped at {name}"));
        }
        defer!(close(name).await);
        defer! { close(&format!("block {i}")).await; }
    }
    yield_now().await;
    Ok(names.len())
}

#[test]
fn loop_defers_run_newest_first_on_every_exit() {
    for count in [1_usize, 8, 9, 1000] {
        let names: Vec<String> = (0..count).map(|i| format!("n{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            block_on(assert_send(in_loops(&refs, usize::MAX))),
            Ok(count)
        );
        let mut expected = Vec::new();
        for i in (0..count).rev() {
            expected.push(format!("close block {i}"));
            expected.push(format!("close n{i}"));
        }
        expected.push("close before the loop".to_string());
        assert_eq!(take(), expected, "{count} iterations");
    }
    assert_eq!(
        block_on(in_loops(&["a", "b", "c"], 1)),
        Err("stopped at b".to_string())
    );
    assert_eq!(
        take(),
        ["close block 0", "close a", "close before the loop"]
    );
}

#[with_defer(named(err = Ok(())))]
async fn named_nested(steps: &[&str]) -> Result<(), String> {
    for step in steps {
        defer! {
            if err.is_err() {
                close(&format!("undo {step}")).await;
            }
        }
        if *step == "bad" {
            return Err("bad step".to_string());
        }
    }
    Ok(())
}

#[test]
fn stored_deferred_code_reads_the_named_results_at_exit() {
    assert_eq!(
        block_on(assert_send(named_nested(&["a", "b", "bad"]))),
        Err("bad step".to_string())
    );
    assert_eq!(take(), ["close undo bad", "close undo b", "close undo a"]);
    assert_eq!(block_on(named_nested(&["a"])), Ok(()));
    assert_eq!(take(), Vec::<String>::new());
}

#[with_defer]
async fn recovers_in_a_branch(fail: bool) -> u32 {
    if fail {
        defer! {
            yield_now().await;
            if let Some(payload) = recover!() {
                log(format!("recovered {}", panic_message(&payload).unwrap_or("?")));
            }
        }
    }
    defer!(move {
        if recover!().is_some() {
            log("the move form recovered first");
        }
    });
    yield_now().await;
    if fail {
        panic!("boom");
    }
    3
}

#[with_defer]
async fn stored_panics() {
    for i in 0..3 {
        defer! {
            yield_now().await;
            log(format!("entry {i}"));
            if i == 1 {
                panic!("entry 1 failed");
            }
        }
    }
}

#[test]
fn recover_and_panics_in_stored_async_code() {
    assert_eq!(block_on(assert_send(recovers_in_a_branch(true))), 0);
    assert_eq!(take(), ["the move form recovered first"]);
    assert_eq!(block_on(recovers_in_a_branch(false)), 3);
    assert_eq!(take(), Vec::<String>::new());
    // The panicking entry does not stop the older ones.
    assert_eq!(
        panic_text(|| block_on(stored_panics())),
        Err("entry 1 failed".to_string())
    );
    assert_eq!(take(), ["entry 2", "entry 1", "entry 0"]);
}
