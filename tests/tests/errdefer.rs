//! Issue #17: `errdefer!` runs only when the function is failing as it
//! would run (returning `Err`/`None`, or panicking), `okdefer!` only when
//! it returns normally and not with `Err`/`None`; the outcome is judged at
//! that moment. Exact event sequences for every exit × outcome × form.
mod common;

use common::{block_on, log, panic_text, take, yield_now};
use defer_core::with_defer;

fn parse(text: &str) -> Result<u32, String> {
    text.parse().map_err(|_| format!("bad {text}"))
}

#[with_defer]
fn every_form(how: &str) -> Result<u32, String> {
    errdefer! { log("err block") }
    okdefer! { log("ok block") }
    let mut tag = String::from("statement");
    errdefer!(log(format!("err call {tag}"))); // the argument, now
    let snapshot = tag.clone();
    okdefer!(move { log(format!("ok move {snapshot}")) }); // moved in, now
    tag.push_str(" changed");
    defer! { log(format!("always, tag {tag}")) }
    match how {
        "return" => return Err("returned".to_string()),
        "question" => {
            parse("x")?;
        }
        "panic" => panic!("boom"),
        _ => {}
    }
    if how == "tail" {
        Err("tail".to_string())
    } else {
        Ok(1)
    }
}

#[test]
fn each_exit_runs_the_defers_its_outcome_calls_for() {
    let failing = [
        "always, tag statement changed",
        "err call statement",
        "err block",
    ];
    assert_eq!(every_form("ok"), Ok(1));
    assert_eq!(
        take(),
        [
            "always, tag statement changed",
            "ok move statement",
            "ok block"
        ]
    );
    assert_eq!(every_form("return"), Err("returned".to_string()));
    assert_eq!(take(), failing);
    assert_eq!(every_form("question"), Err("bad x".to_string()));
    assert_eq!(take(), failing);
    assert_eq!(every_form("tail"), Err("tail".to_string()));
    assert_eq!(take(), failing);
    assert_eq!(panic_text(|| every_form("panic")), Err("boom".to_string()));
    assert_eq!(take(), failing);
}

#[with_defer]
fn option(found: bool) -> Option<u32> {
    errdefer! { log("none") }
    okdefer! { log("some") }
    found.then_some(3)
}

#[with_defer]
fn unit(fail: bool) {
    errdefer! { log("unit failing") }
    okdefer! { log("unit ok") }
    assert!(!fail, "unit panics");
}

#[test]
fn option_and_other_return_types() {
    assert_eq!(option(true), Some(3));
    assert_eq!(take(), ["some"]);
    assert_eq!(option(false), None);
    assert_eq!(take(), ["none"]);
    // Neither `Result` nor `Option`: only a panic is failing.
    unit(false);
    assert_eq!(take(), ["unit ok"]);
    assert_eq!(panic_text(|| unit(true)), Err("unit panics".to_string()));
    assert_eq!(take(), ["unit failing"]);
}

// The outcome is judged when the code runs: a newer defer that changes
// the named result, or recovers the panic, changes it.
#[with_defer(named(err = Ok(())))]
fn judged_late(break_it: bool, fail: bool) -> Result<(), String> {
    errdefer! { log(format!("rollback after {err:?}")) }
    okdefer! { log("commit") }
    defer! {
        if break_it {
            err = Err("broken on the way out".to_string());
        }
    }
    if fail {
        return Err("failed".to_string());
    }
    Ok(())
}

#[with_defer]
fn recovered() -> i32 {
    errdefer! { log("still failing") }
    okdefer! { log("recovered: ok") }
    defer! {
        if recover!().is_some() {
            log("recover");
        }
    }
    panic!("stopped");
}

#[test]
fn the_outcome_is_judged_when_the_deferred_code_runs() {
    assert_eq!(judged_late(false, false), Ok(()));
    assert_eq!(take(), ["commit"]);
    assert_eq!(
        judged_late(true, false),
        Err("broken on the way out".to_string())
    );
    assert_eq!(take(), ["rollback after Err(\"broken on the way out\")"]);
    assert_eq!(judged_late(false, true), Err("failed".to_string()));
    assert_eq!(take(), ["rollback after Err(\"failed\")"]);
    assert_eq!(recovered(), 0);
    assert_eq!(take(), ["recover", "recovered: ok"]);
}

// ---- the error form --------------------------------------------------------

#[with_defer]
fn load(text: &str) -> Result<u32, String> {
    errdefer!(|e| format!("loading {text:?}: {e}"));
    errdefer!(|e| {
        log(format!("saw {e}"));
        e
    });
    let n = parse(text)?;
    Ok(n + 1)
}

#[with_defer]
fn load_anyhow(text: &str) -> anyhow::Result<u32> {
    errdefer!(|e: anyhow::Error| e.context("loading the config"));
    let n: u32 = text.parse()?;
    Ok(n)
}

#[test]
fn the_error_form_takes_the_error_and_gives_back_the_one_returned() {
    assert_eq!(load("4"), Ok(5));
    assert_eq!(take(), Vec::<String>::new());
    assert_eq!(load("x"), Err("loading \"x\": bad x".to_string()));
    assert_eq!(take(), ["saw bad x"]);
    let error = load_anyhow("y").expect_err("not a number");
    assert_eq!(
        format!("{error:#}"),
        "loading the config: invalid digit found in string"
    );
    assert_eq!(load_anyhow("7").expect("a number"), 7);
}

// ---- tiers, frames, async --------------------------------------------------

#[with_defer]
fn nested(kind: &str) -> Result<u32, String> {
    if kind.starts_with('a') {
        errdefer! { log("nested err") }
        okdefer!(log("nested ok"));
    }
    defer!(log("top"));
    if kind.ends_with('!') {
        return Err(kind.to_string());
    }
    Ok(2)
}

#[with_defer]
fn closure_frame(fail: bool) -> Result<u32, String> {
    okdefer! { log("function ok") }
    let step = |n: u32| -> Result<u32, String> {
        errdefer! { log(format!("closure failed at {n}")) }
        if fail && n == 2 {
            return Err(format!("step {n}"));
        }
        Ok(n)
    };
    let sum = step(1)? + step(2)?;
    Ok(sum)
}

#[test]
fn nested_tiers_and_closure_frames() {
    assert_eq!(nested("abc"), Ok(2));
    assert_eq!(take(), ["top", "nested ok"]);
    assert_eq!(nested("ab!"), Err("ab!".to_string()));
    assert_eq!(take(), ["top", "nested err"]);
    assert_eq!(nested("b!"), Err("b!".to_string()));
    assert_eq!(take(), ["top"]);
    assert_eq!(closure_frame(false), Ok(3));
    assert_eq!(take(), ["function ok"]);
    // The closure's failure is its own; the function's `?` then fails it.
    assert_eq!(closure_frame(true), Err("step 2".to_string()));
    assert_eq!(take(), ["closure failed at 2"]);
}

async fn undo(what: &str) {
    yield_now().await;
    log(format!("undo {what}"));
}

#[with_defer]
async fn async_transaction(fail: bool) -> Result<u32, String> {
    errdefer! { undo("begin").await; }
    okdefer!(undo("nothing").await);
    errdefer!(|e| format!("async: {e}"));
    yield_now().await;
    if fail {
        return Err("failed".to_string());
    }
    Ok(9)
}

#[test]
fn in_an_async_fn() {
    assert_eq!(block_on(async_transaction(false)), Ok(9));
    assert_eq!(take(), ["undo nothing"]);
    assert_eq!(
        block_on(async_transaction(true)),
        Err("async: failed".to_string())
    );
    assert_eq!(take(), ["undo begin"]);
}

// ---- loops and stored deferred code ----------------------------------------

#[with_defer]
fn apply_all(steps: &[&str]) -> Result<usize, String> {
    for step in steps {
        errdefer!(log(format!("undo {step}")));
        okdefer! { log(format!("done {step}")) }
        if step.is_empty() {
            return Err("empty step".to_string());
        }
    }
    Ok(steps.len())
}

// Named results: stored deferred code reads them at exit, so an
// `errdefer!` may sit inside it; a newer entry's change is seen by the
// older ones.
#[with_defer(named(err = Ok(())))]
fn stepwise(steps: &[&str]) -> Result<(), String> {
    for step in steps {
        defer! {
            errdefer! { log(format!("rollback {step} after {err:?}")) }
            if *step == "poison" {
                err = Err("poisoned".to_string());
            }
        }
    }
    Ok(())
}

#[with_defer]
async fn async_steps(steps: &[&str]) -> Result<usize, String> {
    for step in steps {
        errdefer!(undo(step).await);
        yield_now().await;
        if step.is_empty() {
            return Err("empty".to_string());
        }
    }
    Ok(steps.len())
}

#[test]
fn in_loops_and_in_stored_deferred_code_each_entry_is_judged_as_it_runs() {
    assert_eq!(apply_all(&["a", "b"]), Ok(2));
    assert_eq!(take(), ["done b", "done a"]);
    assert_eq!(apply_all(&["a", "b", ""]), Err("empty step".to_string()));
    assert_eq!(take(), ["undo ", "undo b", "undo a"]);
    for count in [8_usize, 9, 1000] {
        let names: Vec<String> = (0..count).map(|i| format!("s{i}")).collect();
        let mut steps: Vec<&str> = names.iter().map(String::as_str).collect();
        steps.push("");
        assert_eq!(apply_all(&steps), Err("empty step".to_string()));
        let mut expected = vec!["undo ".to_string()];
        expected.extend((0..count).rev().map(|i| format!("undo s{i}")));
        assert_eq!(take(), expected, "{count} steps");
    }
    assert_eq!(stepwise(&["a", "b"]), Ok(()));
    assert_eq!(take(), Vec::<String>::new());
    // "poison" runs first (newest); "b" and "a" see the error it made.
    assert_eq!(stepwise(&["a", "b", "poison"]), Err("poisoned".to_string()));
    assert_eq!(
        take(),
        [
            "rollback poison after Err(\"poisoned\")",
            "rollback b after Err(\"poisoned\")",
            "rollback a after Err(\"poisoned\")"
        ]
    );
    assert_eq!(block_on(async_steps(&["x", "y"])), Ok(2));
    assert_eq!(take(), Vec::<String>::new());
    assert_eq!(block_on(async_steps(&["x", ""])), Err("empty".to_string()));
    assert_eq!(take(), ["undo ", "undo x"]);
}

// ---- depth, the ninth defer, panic rules, recover --------------------------

#[with_defer]
fn inside_deferred_code(fail: bool) -> Result<(), String> {
    defer! {
        errdefer! { log("inner sees the failure") }
        okdefer! { log("inner sees success") }
        log("deferred block");
    }
    if fail {
        return Err("no".to_string());
    }
    Ok(())
}

#[with_defer]
fn ninth(fail: bool) -> Result<(), String> {
    defer!(log("1"));
    defer!(log("2"));
    defer!(log("3"));
    defer!(log("4"));
    defer!(log("5"));
    defer!(log("6"));
    defer!(log("7"));
    defer!(log("8"));
    errdefer!(log("9 failing"));
    okdefer!(log("10 ok"));
    if fail {
        return Err("no".to_string());
    }
    Ok(())
}

#[with_defer]
fn errdefer_panics(fail: bool) -> Result<(), String> {
    defer!(log("older still runs"));
    errdefer! { panic!("rollback failed") }
    if fail {
        return Err("no".to_string());
    }
    Ok(())
}

#[with_defer]
fn errdefer_recovers() -> i32 {
    okdefer! { log("ok after the recovery") }
    errdefer! {
        if let Some(payload) = recover!() {
            log(format!("recovered {}", defer_core::panic_message(&payload).unwrap_or("?")));
        }
    }
    panic!("boom");
}

#[test]
fn at_any_depth_past_the_eighth_and_under_the_panic_rules() {
    assert_eq!(inside_deferred_code(false), Ok(()));
    assert_eq!(take(), ["deferred block", "inner sees success"]);
    assert_eq!(inside_deferred_code(true), Err("no".to_string()));
    assert_eq!(take(), ["deferred block", "inner sees the failure"]);
    assert_eq!(ninth(false), Ok(()));
    let mut expected = vec!["10 ok".to_string()];
    expected.extend((1..=8).rev().map(|n| n.to_string()));
    assert_eq!(take(), expected);
    assert_eq!(ninth(true), Err("no".to_string()));
    expected[0] = "9 failing".to_string();
    assert_eq!(take(), expected);
    // A panicking `errdefer!` is a panicking `defer!`: the older still run.
    assert_eq!(errdefer_panics(false), Ok(()));
    assert_eq!(take(), ["older still runs"]);
    assert_eq!(
        panic_text(|| errdefer_panics(true)),
        Err("rollback failed".to_string())
    );
    assert_eq!(take(), ["older still runs"]);
    // An `errdefer!` runs on the panic and may stop it; the older
    // `okdefer!` then sees a normal return.
    assert_eq!(errdefer_recovers(), 0);
    assert_eq!(take(), ["recovered boom", "ok after the recovery"]);
}

// Stored deferred code of a function that returns a value reads the
// outcome from a flag the exit code keeps.
#[with_defer]
fn stored_in_value_fn(steps: &[&str]) -> Result<usize, String> {
    for step in steps {
        defer! {
            errdefer! { log(format!("{step}: the function failed")) }
            okdefer! { log(format!("{step}: the function succeeded")) }
        }
        if step.is_empty() {
            return Err("empty".to_string());
        }
    }
    if steps.len() > 1 {
        defer! {
            errdefer!(log("never: it succeeds"));
            okdefer!(log("branch: ok"));
        }
    }
    Ok(steps.len())
}

#[with_defer]
async fn stored_in_async_value_fn(fail: bool) -> Result<u32, String> {
    if fail {
        defer! {
            errdefer! { undo("async stored").await; }
        }
    }
    yield_now().await;
    if fail {
        return Err("failed".to_string());
    }
    Ok(1)
}

#[test]
fn stored_deferred_code_judges_the_value_under_way() {
    assert_eq!(stored_in_value_fn(&["a", "b"]), Ok(2));
    assert_eq!(
        take(),
        [
            "branch: ok",
            "b: the function succeeded",
            "a: the function succeeded"
        ]
    );
    assert_eq!(stored_in_value_fn(&["a", ""]), Err("empty".to_string()));
    assert_eq!(take(), [": the function failed", "a: the function failed"]);
    fn send<F: std::future::Future + Send>(future: F) -> F {
        future
    }
    assert_eq!(
        block_on(send(stored_in_async_value_fn(true))),
        Err("failed".to_string())
    );
    assert_eq!(take(), ["undo async stored"]);
    assert_eq!(block_on(stored_in_async_value_fn(false)), Ok(1));
    assert_eq!(take(), Vec::<String>::new());
}

// The error form nested in a branch and a loop: each registration wraps
// the error in turn, newest first, with the dying locals it took.
#[with_defer]
fn wrapped(steps: &[&str], note: bool) -> Result<usize, String> {
    if note {
        errdefer!(|e| format!("noted: {e}"));
    }
    for (i, step) in steps.iter().enumerate() {
        let label = format!("step {i}");
        errdefer!(|e| format!("{label} ({step}): {e}"));
        if step.is_empty() {
            return Err("empty".to_string());
        }
    }
    Ok(steps.len())
}

#[test]
fn the_error_form_nested_in_a_branch_and_a_loop() {
    assert_eq!(wrapped(&["a", "b"], true), Ok(2));
    assert_eq!(
        wrapped(&["a", ""], true),
        Err("noted: step 0 (a): step 1 (): empty".to_string())
    );
    assert_eq!(wrapped(&[""], false), Err("step 0 (): empty".to_string()));
    assert_eq!(take(), Vec::<String>::new());
}

// The error form inside deferred code kept until exit: queued as that code
// runs, applied to the return value right after it, in LIFO order with the
// function's own error forms.
#[with_defer]
fn audited(audit: bool, text: &str) -> Result<u32, String> {
    errdefer!(|e| format!("outer: {e}"));
    if audit {
        defer! {
            log("audit ran");
            errdefer!(|e| format!("audited: {e}"));
        }
    }
    errdefer!(|e| format!("inner: {e}"));
    parse(text)
}

#[with_defer]
async fn async_audited(text: &str) -> Result<u32, String> {
    for round in 0..2 {
        defer! {
            errdefer!(|e| format!("round {round}: {e}"));
        }
    }
    yield_now().await;
    parse(text)
}

#[test]
fn the_error_form_inside_stored_deferred_code() {
    assert_eq!(audited(true, "3"), Ok(3));
    assert_eq!(take(), ["audit ran"]);
    assert_eq!(
        audited(true, "x"),
        Err("outer: audited: inner: bad x".to_string())
    );
    assert_eq!(take(), ["audit ran"]);
    assert_eq!(audited(false, "x"), Err("outer: inner: bad x".to_string()));
    fn send<F: std::future::Future + Send>(future: F) -> F {
        future
    }
    assert_eq!(
        block_on(send(async_audited("y"))),
        Err("round 0: round 1: bad y".to_string())
    );
    assert_eq!(block_on(async_audited("4")), Ok(4));
}

#[with_defer]
fn nested_in_stored(steps: &[&str]) -> Result<usize, String> {
    defer! {
        for step in ["first", "second"] {
            errdefer!(|e| format!("{step}: {e}"));
        }
    }
    let n = steps.iter().filter(|s| s.is_empty()).count();
    if n > 0 {
        return Err(format!("{n} empty"));
    }
    Ok(steps.len())
}

#[test]
fn the_error_form_nested_inside_deferred_code() {
    assert_eq!(nested_in_stored(&["a"]), Ok(1));
    assert_eq!(
        nested_in_stored(&["", "b"]),
        Err("first: second: 1 empty".to_string())
    );
}
