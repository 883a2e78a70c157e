//! Named results inside stored deferred code (nested, in loops, `move`):
//! it gets them as `&mut`s at exit, so non-`Copy` results work with any
//! mix of tiers, and no exit holds them past its own call.
mod common;

use common::{log, panic_text, take};
use defer_core::with_defer;

#[with_defer(named(err = Ok(())))]
fn close_all(names: &[&str], fail: &[&str]) -> Result<(), String> {
    defer!(log("top-level"));
    for name in names {
        let name = (*name).to_string();
        let failed = fail.contains(&name.as_str());
        defer!(move {
            log(format!("close {name}"));
            if failed {
                match &mut err {
                    Err(e) => e.push_str(&format!("; close {name}")),
                    Ok(()) => err = Err(format!("close {name}")),
                }
            }
        });
    }
    if names.len() > 1 {
        defer! { log(format!("nested sees {err:?}")) }
    }
    Ok(())
}

#[test]
fn loop_defers_join_close_errors_into_a_string_result_after_a_top_level_defer() {
    assert_eq!(
        close_all(&["a", "b", "c"], &["a", "c"]),
        Err("close c; close a".to_string())
    );
    assert_eq!(
        take(),
        [
            "nested sees Ok(())",
            "close c",
            "close b",
            "close a",
            "top-level"
        ]
    );
    assert_eq!(close_all(&["a"], &[]), Ok(()));
    assert_eq!(take(), ["close a", "top-level"]);
}

#[with_defer(named(text = String::new(), count = 0))]
fn two_slots_and_a_list(n: usize) -> (String, usize) {
    defer!(log("first"));
    if n > 0 {
        defer! { text.push('a'); count += 1 }
    }
    if n > 1 {
        defer! { text.push('b'); count += 10 }
    }
    for i in 0..n {
        defer!(move { text.push_str(&i.to_string()); count += 100 });
    }
    (String::from(">"), 0)
}

#[test]
fn several_stored_exits_each_borrow_the_results_only_while_they_run() {
    assert_eq!(two_slots_and_a_list(3), (">210ba".to_string(), 311));
    assert_eq!(take(), ["first"]);
    assert_eq!(two_slots_and_a_list(0), (">".to_string(), 0));
    assert_eq!(take(), ["first"]);
}

#[with_defer(named(words = Vec::new()))]
fn receiver_place_is_the_result(flag: bool) -> Vec<String> {
    defer!(log("top"));
    if flag {
        let word = String::from("deferred");
        defer!(words.push(word));
    }
    words.push(String::from("body"));
    words
}

#[test]
fn a_call_form_whose_receiver_is_a_named_result_uses_it_at_exit() {
    assert_eq!(receiver_place_is_the_result(true), ["body", "deferred"]);
    assert_eq!(take(), ["top"]);
    assert_eq!(receiver_place_is_the_result(false), ["body"]);
    assert_eq!(take(), ["top"]);
}

#[with_defer(named(msg = String::from("start")))]
fn closure_callee_in_a_branch(flag: bool) -> String {
    defer!(log("top"));
    if flag {
        let suffix = "!";
        defer!((|s: &str| msg.push_str(s))(suffix));
    }
    msg.push_str(" body");
    msg
}

#[test]
fn a_stored_closure_literal_callee_assigns_the_named_result() {
    assert_eq!(closure_callee_in_a_branch(true), "start body!");
    assert_eq!(closure_callee_in_a_branch(false), "start body");
    assert_eq!(take(), ["top", "top"]);
}

#[derive(Debug, PartialEq)]
struct Report {
    err: Result<(), String>,
}

#[with_defer(named(err = Ok(())))]
fn nested_in_stored(flag: bool) -> Result<(), String> {
    defer!(log("top"));
    if flag {
        defer! {
            defer! { err = Err(String::from("inner")) }
            let report = Report { err: err.clone() };
            log(format!("{report:?}"));
            assert_eq!(err, Ok(()));
            log(format!("{:?} {}", err, err.is_ok()));
        }
    }
    Ok(())
}

#[test]
fn deferred_code_inside_stored_deferred_code_reaches_the_results_too() {
    assert_eq!(nested_in_stored(true), Err("inner".to_string()));
    assert_eq!(take(), ["Report { err: Ok(()) }", "Ok(()) true", "top"]);
}

#[derive(Debug, PartialEq)]
struct Count {
    n: u32,
}

#[with_defer(named(n = 1))]
fn field_shorthand(flag: bool) -> u32 {
    defer!(log("top"));
    if flag {
        defer! {
            let count = Count { n };
            log(format!("{count:?}"));
            n = 7;
        }
    }
    2
}

#[test]
fn field_shorthand_reads_the_named_result() {
    assert_eq!(field_shorthand(true), 7);
    assert_eq!(take(), ["Count { n: 2 }", "top"]);
}

#[with_defer(named(log_lines = Vec::new()))]
fn panics_with_stored_defers(n: usize) -> Vec<String> {
    defer!(log("top"));
    for i in 0..n {
        defer!(move { log_lines.push(format!("entry {i}")) });
    }
    if n > 1 {
        panic!("boom");
    }
    log_lines
}

#[test]
fn a_panic_runs_stored_defers_that_touch_the_results_then_goes_on() {
    assert_eq!(
        panic_text(|| panics_with_stored_defers(2)),
        Err("boom".to_string())
    );
    assert_eq!(take(), ["top"]);
    assert_eq!(panics_with_stored_defers(1), ["entry 0"]);
    assert_eq!(take(), ["top"]);
}

#[with_defer(named(a = 1, b = 2))]
fn swap() -> (i32, i32) {
    defer! { log(format!("{a} {b}")) }
    (b, a)
}

#[test]
fn a_tuple_return_evaluates_every_value_before_it_assigns_the_results() {
    assert_eq!(swap(), (2, 1));
    assert_eq!(take(), ["2 1"]);
}

#[with_defer(named(name = String::from("x"), n = 0))]
fn returns_a_result_as_itself(early: bool) -> (String, usize) {
    defer!(log("top"));
    if early {
        defer! { name.push('!') }
        return (name, n + 1);
    }
    name.push('?');
    (name, 5)
}

#[test]
fn returning_a_non_copy_result_as_itself_keeps_it_in_place() {
    assert_eq!(returns_a_result_as_itself(true), ("x!".to_string(), 1));
    assert_eq!(returns_a_result_as_itself(false), ("x?".to_string(), 5));
    assert_eq!(take(), ["top", "top"]);
}

// Difftest seed 11, program 119: a `move` defer that mutates its own copy of
// a local is `FnMut`; exit code must still call it once, by value.
#[with_defer(named(r))]
fn move_defer_mutates_its_capture(a: i64) -> i64 {
    let mut v = a + 1;
    defer!(move {
        log(format!("v {v}"));
        v *= 3;
        log(format!("v {v}"));
        r *= 3;
    });
    if a > 0 {
        defer!(move {
            v += 100;
            r += v;
        });
    }
    v += 1;
    log(format!("body v {v}"));
    a
}

#[test]
fn a_move_defer_that_mutates_its_capture_runs_once() {
    assert_eq!(move_defer_mutates_its_capture(2), (2 + 103) * 3);
    assert_eq!(take(), ["body v 4", "v 3", "v 9"]);
}

// The body runs off its end: as a naked `return;`, the results as they are.
#[with_defer(named(n = 1))]
fn runs_off_the_end(k: u32) -> u32 {
    defer! { log(format!("exit {n}")) }
    n += k;
}

#[test]
fn reaching_the_end_of_the_body_returns_the_named_results() {
    assert_eq!(runs_off_the_end(4), 5);
    assert_eq!(take(), ["exit 5"]);
}
