//! SPEC §3/§6: a panic unwinding out of the body runs the defers, LIFO, and
//! goes on with the same payload; a panic in deferred code replaces it.
mod common;

use common::{log, panic_text, payload, take};
use defer_core::with_defer;
use std::panic::panic_any;
use std::sync::Arc;

#[derive(Debug, PartialEq)]
struct Boom(i32);

#[with_defer]
fn panics_after(n: i32) -> i32 {
    defer!(log("d1"));
    if n > 0 {
        defer!(log("nested d2"));
    }
    defer!(move { log(format!("d3 n={n}")) });
    if n > 1 {
        panic_any(Boom(n));
    }
    defer!(log("d4"));
    n
}

#[test]
fn panic_runs_registered_defers_lifo_and_keeps_its_payload() {
    let p = payload(|| panics_after(2)).unwrap_err();
    assert_eq!(p.downcast_ref::<Boom>(), Some(&Boom(2)));
    assert_eq!(take(), ["d3 n=2", "nested d2", "d1"]);
    assert_eq!(panics_after(1), 1);
    assert_eq!(take(), ["d4", "d3 n=1", "nested d2", "d1"]);
}

#[with_defer]
fn arc_payload(token: Arc<str>) {
    defer!(log("d"));
    panic_any(token);
}

#[test]
fn the_very_same_payload_object_arrives() {
    let token: Arc<str> = Arc::from("token");
    let p = payload(|| arc_payload(Arc::clone(&token))).unwrap_err();
    let got = p.downcast_ref::<Arc<str>>().expect("payload type kept");
    assert!(Arc::ptr_eq(got, &token));
    assert_eq!(take(), ["d"]);
}

#[with_defer]
fn panic_before_second(fail: bool) {
    defer!(log("first"));
    if fail {
        panic!("early");
    }
    defer!(log("second"));
}

#[test]
fn defers_after_the_panic_point_never_register() {
    assert_eq!(
        panic_text(|| panic_before_second(true)),
        Err("early".into())
    );
    assert_eq!(take(), ["first"]);
}

fn callee(n: i32) -> i32 {
    if n > 2 {
        panic!("callee panicked with {n}");
    }
    n
}

#[with_defer]
fn calls(n: i32) -> Result<i32, String> {
    defer!(log("d1"));
    let v = callee(n);
    defer!(log(format!("d2 {v}")));
    Ok(callee(n + 1) + v)
}

#[test]
fn a_callee_panic_unwinding_through_runs_the_defers() {
    assert_eq!(
        panic_text(|| calls(3)),
        Err("callee panicked with 3".to_string())
    );
    assert_eq!(take(), ["d1"]);
    assert_eq!(
        panic_text(|| calls(2)),
        Err("callee panicked with 3".to_string())
    );
    assert_eq!(take(), ["d2 2", "d1"]);
    assert_eq!(calls(1), Ok(3));
    assert_eq!(take(), ["d2 1", "d1"]);
}

struct Loud(&'static str);

impl Drop for Loud {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[with_defer]
fn replaced() {
    defer!(log("d1 still runs"));
    defer! { panic_any(Loud("second")) }
    panic_any(Loud("first"));
}

#[test]
fn a_panic_in_deferred_code_replaces_the_panic_in_flight() {
    let p = payload(replaced).unwrap_err();
    assert_eq!(take(), ["drop first", "d1 still runs"]);
    assert_eq!(p.downcast_ref::<Loud>().map(|l| l.0), Some("second"));
    drop(p);
    assert_eq!(take(), ["drop second"]);
}

#[with_defer]
fn cleanup_panics() -> i32 {
    defer!(log("d1"));
    defer! { panic!("cleanup") }
    defer!(log("d3"));
    5
}

#[test]
fn a_panic_in_deferred_code_after_a_normal_exit_propagates_after_the_rest() {
    assert_eq!(panic_text(cleanup_panics), Err("cleanup".into()));
    assert_eq!(take(), ["d3", "d1"]);
}

#[with_defer]
fn two_cleanup_panics(nested: bool) {
    defer!(log("d0"));
    defer! { panic!("a") }
    if nested {
        defer! { panic!("nested b") }
    }
    defer!(log("d3"));
    log("body");
}

#[test]
fn the_last_panic_raised_by_deferred_code_wins() {
    assert_eq!(panic_text(|| two_cleanup_panics(true)), Err("a".into()));
    assert_eq!(take(), ["body", "d3", "d0"]);
}

#[with_defer]
fn nested_panic_replaces(fail: bool) -> u8 {
    defer!(log("outer"));
    if fail {
        defer! {
            log("nested runs");
            panic!("from nested defer");
        }
    }
    panic!("from body");
}

#[test]
fn a_panic_in_a_nested_deferred_block_replaces_the_body_panic() {
    assert_eq!(
        panic_text(|| nested_panic_replaces(true)),
        Err("from nested defer".into())
    );
    assert_eq!(take(), ["nested runs", "outer"]);
    assert_eq!(
        panic_text(|| nested_panic_replaces(false)),
        Err("from body".into())
    );
    assert_eq!(take(), ["outer"]);
}

#[with_defer]
fn inner_fn(n: i32) -> i32 {
    defer!(log("inner d1"));
    defer! { log(format!("inner d2 {n}")) }
    panic!("inner {n}");
}

#[with_defer]
fn outer_fn(n: i32) -> i32 {
    defer!(log("outer d1"));
    let v = inner_fn(n);
    defer!(log("outer never"));
    v
}

#[test]
fn panics_cross_nested_with_defer_functions() {
    assert_eq!(panic_text(|| outer_fn(4)), Err("inner 4".into()));
    assert_eq!(take(), ["inner d2 4", "inner d1", "outer d1"]);
}

#[with_defer]
fn string_payload(n: usize) -> Vec<usize> {
    let v = [1, 2, 3];
    defer! { log(format!("len {}", v.len())) }
    vec![v[n]]
}

#[test]
fn index_out_of_bounds_payload_is_kept() {
    let got = panic_text(|| string_payload(7));
    assert_eq!(
        got,
        Err("index out of bounds: the len is 3 but the index is 7".into())
    );
    assert_eq!(take(), ["len 3"]);
    assert_eq!(string_payload(1), [2]);
    assert_eq!(take(), ["len 3"]);
}

// Adjacent top-level `defer!`s share one level when what the later one
// evaluates at its statement cannot panic or leave (its arguments are
// literals or places). One whose arguments can must still have the older
// defers run.

fn exploding_argument() -> &'static str {
    panic!("argument")
}

#[with_defer]
fn second_defer_argument_panics() {
    defer!(log("d0"));
    defer!(log(exploding_argument()));
    log("body");
}

#[test]
fn a_panic_in_the_next_defers_arguments_runs_the_older_defer() {
    assert_eq!(
        panic_text(second_defer_argument_panics),
        Err("argument".into())
    );
    assert_eq!(take(), ["d0"]);
}

fn failing() -> Result<&'static str, String> {
    Err("no argument".into())
}

#[with_defer]
fn second_defer_argument_fails() -> Result<(), String> {
    defer!(log("d0"));
    defer!(log(failing()?));
    log("body");
    Ok(())
}

#[test]
fn a_question_mark_in_the_next_defers_arguments_runs_the_older_defer() {
    assert_eq!(second_defer_argument_fails(), Err("no argument".into()));
    assert_eq!(take(), ["d0"]);
}

#[with_defer]
fn adjacent_quiet_defers(n: i32, fail: bool) -> i32 {
    let name = "place";
    defer!(log("d0"));
    defer!(log(name));
    defer! { log("block") }
    defer!(move { log(format!("move {n}")) });
    defer!(log("last"));
    if fail {
        panic!("body");
    }
    n
}

#[test]
fn adjacent_quiet_defers_run_newest_first_on_every_exit() {
    assert_eq!(adjacent_quiet_defers(3, false), 3);
    assert_eq!(take(), ["last", "move 3", "block", "place", "d0"]);
    assert_eq!(
        panic_text(|| adjacent_quiet_defers(4, true)),
        Err("body".into())
    );
    assert_eq!(take(), ["last", "move 4", "block", "place", "d0"]);
}
