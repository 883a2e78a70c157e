//! SPEC §7: `defer!` inside deferred code belongs to that deferred code; a
//! bare `return;` ends that deferred block only.
mod common;

use common::{log, panic_text, payload, take};
use defer_core::with_defer;
use std::panic::panic_any;

#[with_defer]
fn inner_runs_when_block_ends() {
    defer!(log("d0"));
    defer! {
        defer!(log("d1 inner"));
        log("d1 body");
    }
    defer!(log("d2"));
    log("body");
}

#[test]
fn inner_defer_runs_when_its_deferred_block_ends() {
    inner_runs_when_block_ends();
    assert_eq!(take(), ["body", "d2", "d1 body", "d1 inner", "d0"]);
}

#[with_defer]
fn inner_forms() {
    defer! {
        let mut x = 1;
        defer!(log(format!("inner call {x}")));
        defer! { log(format!("inner block {x}")) }
        defer!(move { log(format!("inner move {x}")) });
        x = 2;
        log(format!("outer block {x}"));
    }
    log("body");
}

#[test]
fn all_three_forms_inside_deferred_code() {
    inner_forms();
    assert_eq!(
        take(),
        [
            "body",
            "outer block 2",
            "inner move 1",
            "inner block 2",
            "inner call 1"
        ]
    );
}

#[with_defer]
fn early_return_in_defer(stop: bool) -> i32 {
    defer!(log("d0"));
    defer! {
        defer!(log("inner"));
        log("a");
        if stop {
            return;
        }
        log("b");
    }
    defer!(log("d2"));
    42
}

#[test]
fn bare_return_in_deferred_code_ends_that_block_only() {
    assert_eq!(early_return_in_defer(true), 42);
    assert_eq!(take(), ["d2", "a", "inner", "d0"]);
    assert_eq!(early_return_in_defer(false), 42);
    assert_eq!(take(), ["d2", "a", "b", "inner", "d0"]);
}

// A top-level deferred block runs inline at its level's exit, not in a
// closure: a `return` before its own first `defer!` must still end only it.
#[with_defer]
fn early_return_in_inline_defer(stop: bool) -> i32 {
    defer!(log("d0"));
    defer! {
        log("a");
        if stop {
            return;
        }
        log("b");
        defer!(log("inner"));
        log("c");
    }
    defer!(log("d2"));
    7
}

#[test]
fn bare_return_before_the_first_defer_of_deferred_code_ends_that_block_only() {
    assert_eq!(early_return_in_inline_defer(true), 7);
    assert_eq!(take(), ["d2", "a", "d0"]);
    assert_eq!(early_return_in_inline_defer(false), 7);
    assert_eq!(take(), ["d2", "a", "b", "c", "inner", "d0"]);
}

#[with_defer]
fn early_return_in_nested_defer(c: bool, stop: bool) {
    defer!(log("d0"));
    if c {
        defer! {
            log("x");
            if stop {
                return;
            }
            log("y");
        }
    }
    defer!(move {
        log("m");
        if stop {
            return;
        }
        log("n");
    });
    log("body");
}

#[test]
fn bare_return_in_stored_and_move_deferred_code() {
    early_return_in_nested_defer(true, true);
    assert_eq!(take(), ["body", "m", "x", "d0"]);
    early_return_in_nested_defer(true, false);
    assert_eq!(take(), ["body", "m", "n", "x", "y", "d0"]);
    early_return_in_nested_defer(false, true);
    assert_eq!(take(), ["body", "m", "d0"]);
}

#[derive(Debug, PartialEq)]
struct Boom(i32);

#[with_defer]
fn panicking_defer() {
    defer!(log("d0"));
    defer! {
        defer!(log("inner cleanup"));
        log("d1 start");
        panic_any(Boom(2));
    }
    log("body");
    panic_any(Boom(1));
}

#[test]
fn a_panic_in_deferred_code_runs_its_inner_defers_and_the_remaining_ones() {
    let p = payload(panicking_defer).unwrap_err();
    assert_eq!(p.downcast_ref::<Boom>(), Some(&Boom(2)));
    assert_eq!(take(), ["body", "d1 start", "inner cleanup", "d0"]);
}

#[with_defer]
fn inner_defer_panics() -> u8 {
    defer!(log("d0"));
    defer! {
        defer!(log("inner first"));
        defer! { panic!("inner panic") }
        log("block");
    }
    7
}

#[test]
fn a_panic_in_an_inner_defer_propagates_after_everything_ran() {
    assert_eq!(panic_text(inner_defer_panics), Err("inner panic".into()));
    assert_eq!(take(), ["block", "inner first", "d0"]);
}

#[with_defer]
fn three_levels() -> &'static str {
    defer! {
        defer! {
            defer!(log("l3"));
            log("l2");
        }
        log("l1");
    }
    log("l0");
    "ok"
}

#[test]
fn defers_nest_three_levels_deep() {
    assert_eq!(three_levels(), "ok");
    assert_eq!(take(), ["l0", "l1", "l2", "l3"]);
}

#[with_defer]
fn stored_with_inner(c: bool) -> i32 {
    defer!(log("top"));
    if c {
        defer! {
            defer!(log("n inner"));
            log("n body");
        }
    }
    log("body");
    5
}

#[test]
fn a_stored_deferred_block_with_its_own_defer() {
    assert_eq!(stored_with_inner(true), 5);
    assert_eq!(take(), ["body", "n body", "n inner", "top"]);
    assert_eq!(stored_with_inner(false), 5);
    assert_eq!(take(), ["body", "top"]);
}

#[with_defer]
fn eight_plus_inner() {
    defer!(log("1"));
    defer!(log("2"));
    defer!(log("3"));
    defer! {
        defer!(log("4c"));
        defer!(log("4b"));
        defer!(log("4a"));
        log("4");
    }
    defer!(log("5"));
    defer!(log("6"));
    defer!(log("7"));
    defer!(log("8"));
}

#[test]
fn inner_defers_count_toward_their_own_block_not_the_function() {
    eight_plus_inner();
    assert_eq!(
        take(),
        ["8", "7", "6", "5", "4", "4a", "4b", "4c", "3", "2", "1"]
    );
}

#[with_defer]
fn closure_with_question_in_defer() -> Result<i32, String> {
    defer! {
        defer!(log("inner"));
        let parse = |s: &str| -> Result<i32, String> {
            let n: i32 = s.parse().map_err(|_| format!("bad {s}"))?;
            Ok(n + 1)
        };
        log(format!("closure in defer {:?} {:?}", parse("3"), parse("q")));
    }
    Ok(1)
}

#[test]
fn closures_with_question_mark_inside_deferred_code() {
    assert_eq!(closure_with_question_in_defer(), Ok(1));
    assert_eq!(take(), ["closure in defer Ok(4) Err(\"bad q\")", "inner"]);
}
