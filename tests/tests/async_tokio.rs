//! Issue #16 on a real runtime: the same functions, spawned on tokio's
//! current-thread and multi-thread schedulers, suspending on real timers
//! (a task may move between worker threads at each `.await`, so the log
//! is the task's own, not a thread's).
use defer_core::{panic_message, with_defer};
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Log = Arc<Mutex<Vec<String>>>;

async fn step(log: &Log, what: &str) {
    tokio::time::sleep(Duration::from_millis(1)).await;
    log.lock().expect("the log").push(what.to_string());
}

#[with_defer]
async fn walk(log: Log, items: Vec<&'static str>) -> Result<usize, String> {
    defer! { step(&log, "top").await; }
    for (i, item) in items.iter().enumerate() {
        defer!(step(&log, item).await);
        if *item == "fail" {
            return Err(format!("failed at {i}"));
        }
        if *item == "panic" {
            panic!("boom at {i}");
        }
        tokio::task::yield_now().await;
    }
    Ok(items.len())
}

#[with_defer(named(err = Ok(())))]
async fn guarded(log: Log, fail: bool) -> Result<(), String> {
    defer! {
        if let Some(payload) = recover!() {
            err = Err(format!("recovered {}", panic_message(&payload).unwrap_or("?")));
        }
        step(&log, "guard").await;
    }
    tokio::time::sleep(Duration::from_millis(1)).await;
    if fail {
        panic!("inside");
    }
    Ok(())
}

fn runtimes() -> [tokio::runtime::Runtime; 2] {
    [
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime"),
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("a multi-thread runtime"),
    ]
}

fn taken(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.lock().expect("the log"))
}

#[test]
fn every_exit_and_panic_on_both_schedulers() {
    for runtime in runtimes() {
        let log: Log = Arc::default();
        runtime.block_on(async {
            let ok = tokio::spawn(walk(log.clone(), vec!["a", "b"])).await;
            assert_eq!(ok.expect("no panic"), Ok(2));
            assert_eq!(taken(&log), ["b", "a", "top"]);

            let failed = tokio::spawn(walk(log.clone(), vec!["a", "fail", "c"])).await;
            assert_eq!(failed.expect("no panic"), Err("failed at 1".to_string()));
            assert_eq!(taken(&log), ["fail", "a", "top"]);

            let panicked = tokio::spawn(walk(log.clone(), vec!["a", "panic"])).await;
            let payload = panicked.expect_err("a panic").into_panic();
            assert_eq!(panic_message(&payload), Some("boom at 1"));
            assert_eq!(taken(&log), ["panic", "a", "top"]);

            let recovered = tokio::spawn(guarded(log.clone(), true)).await;
            assert_eq!(
                recovered.expect("recovered"),
                Err("recovered inside".to_string())
            );
            assert_eq!(taken(&log), ["guard"]);
            let fine = tokio::spawn(guarded(log.clone(), false)).await;
            assert_eq!(fine.expect("no panic"), Ok(()));
            assert_eq!(taken(&log), ["guard"]);
        });
    }
}

#[with_defer]
async fn slow(log: Log) {
    defer! { step(&log, "deferred").await; }
    tokio::time::sleep(Duration::from_secs(60)).await;
}

#[test]
fn a_timeout_cancels_without_running_deferred_code() {
    for runtime in runtimes() {
        let log: Log = Arc::default();
        runtime.block_on(async {
            let result = tokio::time::timeout(Duration::from_millis(5), slow(log.clone())).await;
            assert!(result.is_err(), "timed out");
            // The cancelled future's deferred code never runs, even later.
            tokio::time::sleep(Duration::from_millis(5)).await;
            assert_eq!(taken(&log), Vec::<String>::new());
            // Without the timeout, it does.
            let log2 = log.clone();
            let quick = tokio::spawn(async move { walk(log2, vec!["x"]).await });
            assert_eq!(quick.await.expect("no panic"), Ok(1));
            assert_eq!(taken(&log), ["x", "top"]);
        });
    }
}
