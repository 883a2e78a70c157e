//! SPEC §6: a panic inside deferred code does not skip the remaining
//! defers; it replaces the panic in flight (whose payload is dropped), a
//! later `recover!()` sees the new one, and nothing aborts, even when a
//! superseded payload's own `Drop` panics.
mod common;

use common::{log, panic_text, payload, take, text};
use defer_core::with_defer;
use std::any::Any;
use std::panic::panic_any;
use std::sync::Arc;

/// A payload that logs when it is dropped.
struct Loud(String);

impl Drop for Loud {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

fn loud(name: &str) -> ! {
    panic_any(Loud(name.to_string()))
}

/// The name of a `Loud` payload, or the text of another one.
fn name_of(p: &(dyn Any + Send)) -> String {
    p.downcast_ref::<Loud>()
        .map_or_else(|| text(p), |l| format!("Loud({})", l.0))
}

fn describe(p: Option<&(dyn Any + Send)>) -> String {
    p.map_or_else(|| "None".to_string(), |p| format!("Some({})", name_of(p)))
}

/// A payload whose `Drop` panics.
struct Bomb(&'static str);

impl Drop for Bomb {
    fn drop(&mut self) {
        log(format!("{} goes off", self.0));
        panic!("{} went off", self.0);
    }
}

/// A payload whose `Drop` panics with another `Chain`, `n` times.
struct Chain(u32);

impl Drop for Chain {
    fn drop(&mut self) {
        log(format!("chain {} dropped", self.0));
        if self.0 > 0 {
            panic_any(Chain(self.0 - 1));
        }
    }
}

// ---- the remaining defers run; each new panic replaces the one in flight ----------

#[with_defer(named(n))]
fn every_tier_panics() -> i32 {
    defer! {
        let p = recover!();
        log(format!("recovered {} at n={n}", describe(p.as_deref())));
    }
    defer! {
        n += 1;
        loud("top");
    }
    if n == 0 {
        defer! {
            n += 10;
            loud("nested");
        }
    }
    for i in 0..2 {
        defer!(move {
            n += 100;
            loud(&format!("loop {i}"));
        });
    }
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer! {
        n += 1000;
        loud("ninth");
    }
    if n == 0 {
        defer! {
            n += 10_000;
            loud("tenth");
        }
    }
    loud("body");
}

#[test]
fn in_every_tier_a_deferred_panic_replaces_the_last_and_the_rest_still_run() {
    assert_eq!(panic_text(every_tier_panics), Ok(11_211));
    assert_eq!(
        take(),
        [
            "drop body",
            "drop tenth",
            "d8",
            "d7",
            "d6",
            "d5",
            "d4",
            "drop ninth",
            "drop loop 1",
            "drop loop 0",
            "drop nested",
            "recovered Some(Loud(top)) at n=11211",
            "drop top",
        ]
    );
}

#[with_defer]
fn loop_panics(count: usize) {
    defer!(log("d0"));
    for i in 0..count {
        defer!(move {
            log(format!("loop {i}"));
            loud(&format!("loop {i}"));
        });
    }
    loud("body");
}

#[test]
fn every_loop_entry_runs_and_the_last_panic_raised_escapes() {
    let p = payload(|| loop_panics(3)).unwrap_err();
    assert_eq!(
        take(),
        [
            "loop 2",
            "drop body",
            "loop 1",
            "drop loop 2",
            "loop 0",
            "drop loop 1",
            "d0"
        ]
    );
    assert_eq!(name_of(&*p), "Loud(loop 0)");
    drop(p);
    assert_eq!(take(), ["drop loop 0"]);
}

#[with_defer(named(n))]
fn panic_after_return(recovering: bool) -> i32 {
    if recovering {
        defer! {
            let p = recover!();
            log(format!("recovered {} at n={n}", describe(p.as_deref())));
        }
    }
    defer! { log(format!("d1 sees {n}")) }
    defer! {
        n += 1;
        panic!("cleanup");
    }
    defer! { log(format!("d3 sees {n}")) }
    3
}

#[test]
fn a_deferred_panic_while_no_panic_is_in_flight_starts_one() {
    assert_eq!(
        panic_text(|| panic_after_return(false)),
        Err("cleanup".into())
    );
    assert_eq!(take(), ["d3 sees 3", "d1 sees 4"]);
    assert_eq!(panic_text(|| panic_after_return(true)), Ok(4));
    assert_eq!(
        take(),
        ["d3 sees 3", "d1 sees 4", "recovered Some(cleanup) at n=4"]
    );
}

#[with_defer]
fn returns_loud(cleanup_panics: bool) -> Loud {
    defer!(log("d0"));
    if cleanup_panics {
        defer! { panic!("cleanup") }
    }
    Loud("ret".into())
}

#[test]
fn the_return_value_is_kept_while_the_defers_run_and_dropped_when_the_panic_leaves() {
    assert_eq!(
        panic_text(|| returns_loud(true).0.clone()),
        Err("cleanup".into())
    );
    assert_eq!(take(), ["d0", "drop ret"]);
    assert_eq!(returns_loud(false).0, "ret");
    assert_eq!(take(), ["d0", "drop ret"]);
}

fn failing_close(name: &str) {
    loud(&format!("close {name}"));
}

#[with_defer]
fn callee_panics_in_deferred_code() {
    defer!(log("d0"));
    defer!(failing_close("f"));
    loud("body");
}

#[test]
fn a_callee_panicking_in_deferred_code_replaces_the_panic_in_flight() {
    let p = payload(callee_panics_in_deferred_code).unwrap_err();
    assert_eq!(take(), ["drop body", "d0"]);
    assert_eq!(name_of(&*p), "Loud(close f)");
    drop(p);
    assert_eq!(take(), ["drop close f"]);
}

#[with_defer]
fn replacing_payload_escapes(token: Arc<str>) {
    defer!(move { panic_any(token) });
    loud("body");
}

#[test]
fn the_replacing_payload_object_is_the_one_that_escapes() {
    let token: Arc<str> = Arc::from("token");
    let p = payload(|| replacing_payload_escapes(Arc::clone(&token))).unwrap_err();
    assert_eq!(take(), ["drop body"]);
    let got = p.downcast_ref::<Arc<str>>().expect("payload type kept");
    assert!(Arc::ptr_eq(got, &token));
}

// ---- deferred code with defers of its own ---------------------------------------------

#[with_defer(named(n))]
fn deferred_frame_panics() -> i32 {
    defer! {
        let p = recover!();
        log(format!("recovered {} at n={n}", describe(p.as_deref())));
    }
    defer! {
        defer! { n += 1 }
        n = 10;
        loud("deferred");
    }
    loud("body");
}

#[test]
fn a_panic_in_deferred_code_with_its_own_defers_replaces_the_functions() {
    assert_eq!(panic_text(deferred_frame_panics), Ok(11));
    assert_eq!(
        take(),
        [
            "drop body",
            "recovered Some(Loud(deferred)) at n=11",
            "drop deferred"
        ]
    );
}

#[with_defer]
fn nested_defer_panics() {
    defer!(log("d0"));
    defer! {
        defer! { loud("inner") }
        log("block");
    }
    loud("body");
}

#[test]
fn a_panic_in_a_defer_nested_in_deferred_code_replaces_the_functions() {
    let p = payload(nested_defer_panics).unwrap_err();
    assert_eq!(take(), ["block", "drop body", "d0"]);
    assert_eq!(name_of(&*p), "Loud(inner)");
    drop(p);
    assert_eq!(take(), ["drop inner"]);
}

// ---- across frames ----------------------------------------------------------------------

#[with_defer]
fn frame3() -> i32 {
    defer!(log("frame3 d"));
    loud("frame3");
}

#[with_defer]
fn frame2() -> i32 {
    defer!(log("frame2 d0"));
    defer! { loud("frame2") }
    frame3() + 1
}

#[with_defer(named(n = 7))]
fn frame1() -> i32 {
    defer! {
        let p = recover!();
        log(format!("frame1 recovered {}", describe(p.as_deref())));
    }
    frame2()
}

#[test]
fn a_callers_deferred_panic_replaces_the_callees_and_the_outermost_recovers() {
    assert_eq!(frame1(), 7);
    assert_eq!(
        take(),
        [
            "frame3 d",
            "drop frame3",
            "frame2 d0",
            "frame1 recovered Some(Loud(frame2))",
            "drop frame2"
        ]
    );
}

// ---- payloads whose Drop panics: nothing aborts --------------------------------------

#[with_defer]
fn bomb_replaced() {
    defer!(log("d0 still runs"));
    defer! { panic!("second") }
    panic_any(Bomb("first"));
}

#[test]
fn a_superseded_payload_whose_drop_panics_does_not_abort() {
    assert_eq!(panic_text(bomb_replaced), Err("second".into()));
    assert_eq!(take(), ["first goes off", "d0 still runs"]);
}

// The deferred code a level runs last has no `catch` of its own (nothing of
// the level is left to protect): a panic out of it leaves the payload in
// flight in the frame's slot, which drops it without aborting.

#[with_defer]
fn bomb_then_last_block_panics() {
    defer! { panic!("last") }
    panic_any(Bomb("first"));
}

#[with_defer]
fn bomb_then_last_stored_panics(flag: bool) {
    if flag {
        defer! { panic!("last stored") }
    }
    panic_any(Bomb("first"));
}

#[with_defer]
fn bomb_then_last_move_panics() {
    let name = "last move";
    defer!(move { panic!("{name}") });
    panic_any(Bomb("first"));
}

#[with_defer]
fn chain_then_last_call_panics() {
    defer!(std::panic::panic_any("last call"));
    panic_any(Chain(1));
}

#[test]
fn the_last_deferred_code_panicking_over_a_bomb_does_not_abort() {
    assert_eq!(panic_text(bomb_then_last_block_panics), Err("last".into()));
    assert_eq!(take(), ["first goes off"]);
    assert_eq!(
        panic_text(|| bomb_then_last_stored_panics(true)),
        Err("last stored".into())
    );
    assert_eq!(take(), ["first goes off"]);
    assert_eq!(
        panic_text(bomb_then_last_move_panics),
        Err("last move".into())
    );
    assert_eq!(take(), ["first goes off"]);
    assert_eq!(
        panic_text(chain_then_last_call_panics),
        Err("last call".into())
    );
    assert_eq!(take(), ["chain 1 dropped", "chain 0 dropped"]);
}

#[with_defer]
fn inner_frame_last_panics_over_its_bomb() {
    defer!(log("outer still runs"));
    defer! {
        defer! { panic!("inner last") }
        panic_any(Bomb("inner"));
    }
}

#[test]
fn a_deferred_blocks_own_last_defer_panicking_over_a_bomb_reaches_the_function() {
    assert_eq!(
        panic_text(inner_frame_last_panics_over_its_bomb),
        Err("inner last".into())
    );
    assert_eq!(take(), ["inner goes off", "outer still runs"]);
}

#[with_defer(named(n))]
fn bomb_then_recover() -> i32 {
    defer! {
        let p = recover!();
        log(format!("recovered {}", describe(p.as_deref())));
    }
    defer! {
        n = 1;
        panic!("second");
    }
    panic_any(Bomb("first"));
}

#[test]
fn after_a_payload_drop_panics_a_later_recover_sees_the_replacing_panic() {
    assert_eq!(panic_text(bomb_then_recover), Ok(1));
    assert_eq!(take(), ["first goes off", "recovered Some(second)"]);
}

#[with_defer]
fn chain_replaced() {
    defer!(log("d0"));
    defer! { panic!("new") }
    panic_any(Chain(2));
}

#[test]
fn a_chain_of_panicking_payload_drops_is_dropped_to_the_end() {
    assert_eq!(panic_text(chain_replaced), Err("new".into()));
    assert_eq!(
        take(),
        [
            "chain 2 dropped",
            "chain 1 dropped",
            "chain 0 dropped",
            "d0"
        ]
    );
}

#[with_defer(named(n))]
fn defuse() -> i32 {
    defer! {
        let p = recover!();
        log(format!("outer recovered {}", describe(p.as_deref())));
    }
    defer! {
        let p = recover!();
        log(format!(
            "got a bomb: {}",
            p.as_deref().is_some_and(<dyn Any + Send>::is::<Bomb>)
        ));
        n = 5;
        drop(p);
        log("never");
    }
    panic_any(Bomb("b"));
}

#[test]
fn dropping_a_recovered_bomb_in_deferred_code_is_a_new_panic() {
    assert_eq!(panic_text(defuse), Ok(5));
    assert_eq!(
        take(),
        [
            "got a bomb: true",
            "b goes off",
            "outer recovered Some(b went off)"
        ]
    );
}
