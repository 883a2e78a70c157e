//! SPEC §6: `recover!()` takes the panic of its own function call, once;
//! after a recovery the remaining defers run and the function returns its
//! named results, the value of the `return` under way, or `Default`.
mod common;

use common::{log, panic_text, take, text};
use defer_core::with_defer;
use std::any::Any;
use std::panic::panic_any;

fn describe(p: Option<Box<dyn Any + Send>>) -> String {
    match p {
        Some(b) => format!("Some({})", text(&*b)),
        None => "None".to_string(),
    }
}

// ---- recovery with named results -----------------------------------------------

#[with_defer(named(n = 1))]
fn recovers_named(fail: bool) -> i32 {
    defer! { log(format!("d0 sees {n}")) }
    defer! {
        let p = recover!();
        log(format!("recovered {} at n={n}", describe(p)));
    }
    defer! { log(format!("d2 sees {n}")) }
    n = 5;
    if fail {
        panic!("boom");
    }
    n = 6;
    return;
}

#[test]
fn after_a_recovery_the_remaining_defers_run_and_the_named_results_return() {
    assert_eq!(panic_text(|| recovers_named(true)), Ok(5));
    assert_eq!(
        take(),
        ["d2 sees 5", "recovered Some(boom) at n=5", "d0 sees 5"]
    );
    assert_eq!(recovers_named(false), 6);
    assert_eq!(take(), ["d2 sees 6", "recovered None at n=6", "d0 sees 6"]);
}

// Go: func f() (n int, err error) {
//         defer func() { if r := recover(); r != nil { err = fmt.Errorf("recovered: %v", r) } }()
//         n = 3; panic("x") }
#[with_defer(named(n = 0, err = None))]
fn recover_into_err(fail: bool) -> (i32, Option<String>) {
    defer! {
        if let Some(p) = recover!() {
            err = Some(format!("recovered: {}", text(&*p)));
        }
    }
    n = 3;
    if fail {
        panic!("x");
    }
    (n + 1, None)
}

#[test]
fn recover_then_return_the_named_results() {
    assert_eq!(
        panic_text(|| recover_into_err(true)),
        Ok((3, Some("recovered: x".to_string())))
    );
    assert_eq!(recover_into_err(false), (4, None));
    assert_eq!(take(), [] as [&str; 0]);
}

#[with_defer(named(res = Ok(0)))]
fn safe_div(a: i32, b: i32) -> Result<i32, String> {
    defer! {
        if let Some(p) = recover!() {
            res = Err(format!("safe_div({a}, {b}): {}", text(&*p)));
        }
    }
    Ok(a / b)
}

fn divide_all(pairs: &[(i32, i32)]) -> Vec<Result<i32, String>> {
    let mut out = Vec::new();
    for &(a, b) in pairs {
        out.push(safe_div(a, b));
        log(format!("after {a}/{b}"));
    }
    out
}

#[test]
fn turn_a_panic_into_an_err_and_the_caller_continues_normally() {
    assert_eq!(safe_div(7, 2), Ok(3));
    assert_eq!(
        divide_all(&[(1, 0), (8, 4), (i32::MIN, -1)]),
        [
            Err("safe_div(1, 0): attempt to divide by zero".to_string()),
            Ok(2),
            Err("safe_div(-2147483648, -1): attempt to divide with overflow".to_string()),
        ]
    );
    assert_eq!(take(), ["after 1/0", "after 8/4", "after -2147483648/-1"]);
}

#[derive(Debug, PartialEq)]
struct Code(u32);

#[with_defer(named(n))]
fn recover_twice(fail: bool) -> u32 {
    defer! {
        let first = recover!();
        let second = recover!();
        if let Some(code) = first.as_ref().and_then(|p| p.downcast_ref::<Code>()) {
            n = code.0;
        }
        log(format!(
            "first {} second {}",
            first.is_some(),
            second.is_some()
        ));
    }
    if fail {
        panic_any(Code(42));
    }
    7
}

#[test]
fn the_payload_is_taken_once_and_a_second_recover_returns_none() {
    assert_eq!(panic_text(|| recover_twice(true)), Ok(42));
    assert_eq!(take(), ["first true second false"]);
    assert_eq!(recover_twice(false), 7);
    assert_eq!(take(), ["first false second false"]);
}

// ---- recovery without named results: the return under way, or Default ------------

#[with_defer]
fn return_under_way(early: bool) -> i32 {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    defer! { panic!("cleanup") }
    if early {
        return 7;
    }
    8
}

#[test]
fn after_a_deferred_panic_is_recovered_the_return_under_way_is_returned() {
    assert_eq!(panic_text(|| return_under_way(true)), Ok(7));
    assert_eq!(take(), ["recovered Some(cleanup)"]);
    assert_eq!(panic_text(|| return_under_way(false)), Ok(8));
    assert_eq!(take(), ["recovered Some(cleanup)"]);
}

#[with_defer(named(res = Ok(0)))]
fn question_under_way(input: Result<i32, String>) -> Result<i32, String> {
    defer! { log(format!("recovered {} at {res:?}", describe(recover!()))) }
    defer! { panic!("cleanup") }
    let v = input?;
    Ok(v + 1)
}

#[with_defer]
fn option_under_way(input: Option<i32>) -> Option<i32> {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    defer! { panic!("cleanup") }
    let v = input?;
    Some(v + 1)
}

#[test]
fn after_a_recovery_the_value_of_a_question_mark_or_tail_under_way_is_returned() {
    assert_eq!(
        panic_text(|| question_under_way(Err("e".into()))),
        Ok(Err("e".to_string()))
    );
    assert_eq!(take(), ["recovered Some(cleanup) at Err(\"e\")"]);
    assert_eq!(panic_text(|| question_under_way(Ok(1))), Ok(Ok(2)));
    assert_eq!(take(), ["recovered Some(cleanup) at Ok(2)"]);
    assert_eq!(panic_text(|| option_under_way(Some(1))), Ok(Some(2)));
    assert_eq!(take(), ["recovered Some(cleanup)"]);
    assert_eq!(panic_text(|| option_under_way(None)), Ok(None));
    assert_eq!(take(), ["recovered Some(cleanup)"]);
}

fn compute(fail: bool) -> String {
    if fail {
        panic!("compute failed");
    }
    "computed".to_string()
}

// As without the attribute, clippy sees a `return` that ends the body.
#[with_defer]
#[allow(clippy::needless_return)]
fn zero_string(fail: bool) -> String {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    return compute(fail);
}

#[with_defer]
fn zero_tuple(fail: bool) -> (i32, Vec<u8>, Option<char>) {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    if fail {
        panic!("tuple");
    }
    (1, vec![2], Some('3'))
}

#[test]
fn a_panic_before_any_return_is_recovered_into_the_default_value() {
    assert_eq!(panic_text(|| zero_string(true)), Ok(String::new()));
    assert_eq!(take(), ["recovered Some(compute failed)"]);
    assert_eq!(zero_string(false), "computed");
    assert_eq!(take(), ["recovered None"]);
    assert_eq!(panic_text(|| zero_tuple(true)), Ok((0, vec![], None)));
    assert_eq!(take(), ["recovered Some(tuple)"]);
    assert_eq!(zero_tuple(false), (1, vec![2], Some('3')));
    assert_eq!(take(), ["recovered None"]);
}

// Go: func f() (n int) {
//         defer func() { recover() }()
//         defer func() { n += 10; panic("after assign") }()
//         return 1 }            -> 11
#[with_defer(named(n))]
fn named_kept_after_deferred_panic() -> i32 {
    defer! { log(format!("recovered {} at n={n}", describe(recover!()))) }
    defer! {
        n += 10;
        panic!("after assign");
    }
    1
}

#[test]
fn a_deferred_blocks_assignments_before_its_panic_are_kept() {
    assert_eq!(panic_text(named_kept_after_deferred_panic), Ok(11));
    assert_eq!(take(), ["recovered Some(after assign) at n=11"]);
}

// ---- whose panic recover!() sees --------------------------------------------------

#[with_defer(named(n = 1))]
fn helper_recovers_its_own() -> i32 {
    defer! {
        if let Some(p) = recover!() {
            log(format!("helper recovered {}", text(&*p)));
            n = 2;
        }
    }
    panic!("helper");
}

#[with_defer(named(s))]
fn caller_of_helper(later_recovers: bool) -> String {
    if later_recovers {
        defer! { s = format!("later recovered {}", describe(recover!())) }
    }
    defer! { log(format!("helper gave {}", helper_recovers_its_own())) }
    panic!("caller");
}

#[test]
fn a_callees_recover_never_stops_the_callers_panic() {
    assert_eq!(
        panic_text(|| caller_of_helper(true)),
        Ok("later recovered Some(caller)".to_string())
    );
    assert_eq!(take(), ["helper recovered helper", "helper gave 2"]);
    assert_eq!(panic_text(|| caller_of_helper(false)), Err("caller".into()));
    assert_eq!(take(), ["helper recovered helper", "helper gave 2"]);
}

#[with_defer]
fn helper_without_panic() -> u8 {
    defer! { log(format!("helper sees {}", describe(recover!()))) }
    3
}

#[with_defer(named(n))]
fn caller_with_deferred_helper() -> u8 {
    defer! { log(format!("caller sees {}", describe(recover!()))) }
    defer! { n = helper_without_panic() }
    panic!("mine");
}

#[test]
fn a_recovering_function_called_from_deferred_code_sees_none() {
    assert_eq!(panic_text(caller_with_deferred_helper), Ok(3));
    assert_eq!(take(), ["helper sees None", "caller sees Some(mine)"]);
}

#[with_defer(named(out))]
fn recurse(depth: u32) -> String {
    defer! {
        let p = recover!();
        log(format!("depth {depth} recover {}", describe(p)));
    }
    if depth == 0 {
        out = "bottom".into();
        panic!("at bottom");
    }
    let inner = recurse(depth - 1);
    format!("{depth}[{inner}]")
}

#[test]
fn each_call_recovers_only_its_own_panic() {
    assert_eq!(recurse(2), "2[1[bottom]]");
    assert_eq!(
        take(),
        [
            "depth 0 recover Some(at bottom)",
            "depth 1 recover None",
            "depth 2 recover None"
        ]
    );
}

// Go: the deferred func's own nested defer recovers the panic raised in it;
// the body's panic stays in flight for the function's other defers.
#[with_defer(named(n))]
fn nested_recover_named(body_panics: bool) -> i32 {
    defer! {
        n += 100;
        log(format!("outer recover {}", describe(recover!())));
    }
    defer! {
        defer! {
            log(format!("inner {}", describe(recover!())));
            n += 10;
        }
        n += 1;
        panic!("in defer");
    }
    if body_panics {
        panic!("body");
    }
    5
}

#[test]
fn a_recover_nested_in_deferred_code_sees_only_that_codes_panic() {
    assert_eq!(panic_text(|| nested_recover_named(false)), Ok(116));
    assert_eq!(take(), ["inner Some(in defer)", "outer recover None"]);
    assert_eq!(panic_text(|| nested_recover_named(true)), Ok(111));
    assert_eq!(take(), ["inner Some(in defer)", "outer recover Some(body)"]);
}

#[with_defer(named(n = 9))]
fn nested_recover_sees_none(c: bool) -> i32 {
    defer! { log(format!("function's recover {}", describe(recover!()))) }
    if c {
        defer! {
            defer! {
                log(format!("nested recover {}", describe(recover!())));
                n += 1;
            }
            log("deferred block");
        }
    }
    panic!("function");
}

#[test]
fn a_recover_nested_in_deferred_code_does_not_take_the_functions_panic() {
    assert_eq!(panic_text(|| nested_recover_sees_none(true)), Ok(10));
    assert_eq!(
        take(),
        [
            "deferred block",
            "nested recover None",
            "function's recover Some(function)"
        ]
    );
    assert_eq!(panic_text(|| nested_recover_sees_none(false)), Ok(9));
    assert_eq!(take(), ["function's recover Some(function)"]);
}

// ---- recover!() in every tier and form ------------------------------------------------

#[with_defer(named(n))]
fn recover_in_loop(count: i32) -> i32 {
    defer! { log(format!("top {}", describe(recover!()))) }
    for i in 0..count {
        defer!(move {
            let p = recover!();
            log(format!("loop {i} {}", describe(p)));
            n += 1;
        });
    }
    panic!("loop body");
}

#[test]
fn the_newest_loop_defer_recovers() {
    assert_eq!(panic_text(|| recover_in_loop(3)), Ok(3));
    assert_eq!(
        take(),
        [
            "loop 2 Some(loop body)",
            "loop 1 None",
            "loop 0 None",
            "top None"
        ]
    );
    assert_eq!(panic_text(|| recover_in_loop(0)), Ok(0));
    assert_eq!(take(), ["top Some(loop body)"]);
}

#[with_defer(named(n))]
fn recover_past_the_eighth(c: bool) -> i32 {
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer! { log(format!("d8 {}", describe(recover!()))) }
    if c {
        defer! {
            log(format!("d9 {}", describe(recover!())));
            n = 9;
        }
    }
    panic!("late");
}

#[test]
fn a_defer_past_the_eighth_recovers() {
    assert_eq!(panic_text(|| recover_past_the_eighth(true)), Ok(9));
    assert_eq!(
        take(),
        [
            "d9 Some(late)",
            "d8 None",
            "d7",
            "d6",
            "d5",
            "d4",
            "d3",
            "d2",
            "d1"
        ]
    );
    assert_eq!(panic_text(|| recover_past_the_eighth(false)), Ok(0));
    assert_eq!(
        take(),
        ["d8 Some(late)", "d7", "d6", "d5", "d4", "d3", "d2", "d1"]
    );
}

// Go: defer func() { if r := recover(); r != nil { n = -1 } }()
#[with_defer(named(n = 1))]
fn recover_in_closure_callee(fail: bool) -> i32 {
    defer!((|| {
        if let Some(p) = recover!() {
            log(format!("closure recovered {}", text(&*p)));
            n = -1;
        }
    })());
    if fail {
        panic!("closure");
    }
    2
}

#[test]
fn a_closure_literal_callee_recovers() {
    assert_eq!(panic_text(|| recover_in_closure_callee(true)), Ok(-1));
    assert_eq!(take(), ["closure recovered closure"]);
    assert_eq!(recover_in_closure_callee(false), 2);
    assert_eq!(take(), [] as [&str; 0]);
}

// ---- three frames deep -------------------------------------------------------------------

#[with_defer]
fn level3(n: i32) -> i32 {
    defer!(log("level3 d"));
    if n > 2 {
        panic!("too deep: {n}");
    }
    n
}

#[with_defer]
fn level2(n: i32) -> i32 {
    defer! { log("level2 d") }
    let v = level3(n + 1);
    log("level2 after call");
    v * 10
}

#[with_defer(named(v = -1))]
fn level1(n: i32) -> i32 {
    defer! {
        if let Some(p) = recover!() {
            log(format!("level1 recovered {}", text(&*p)));
        }
    }
    level2(n + 1)
}

fn top(n: i32) -> i32 {
    let v = level1(n);
    log(format!("top continues with {v}"));
    v + 1
}

#[test]
fn three_frames_deep_the_outermost_recovers_and_its_caller_continues() {
    assert_eq!(top(1), 0);
    assert_eq!(
        take(),
        [
            "level3 d",
            "level2 d",
            "level1 recovered too deep: 3",
            "top continues with -1"
        ]
    );
    assert_eq!(top(0), 21);
    assert_eq!(
        take(),
        [
            "level3 d",
            "level2 after call",
            "level2 d",
            "top continues with 20"
        ]
    );
}

#[with_defer(named(n = 1))]
fn repanic_named() -> i32 {
    defer! {
        if let Some(p) = recover!() {
            log(format!("outer recovered {}", text(&*p)));
            n *= 100;
        }
    }
    defer! {
        if let Some(p) = recover!() {
            n = 2;
            panic!("wrapped: {}", text(&*p));
        }
    }
    panic!("original");
}

#[test]
fn a_re_panic_in_deferred_code_is_recovered_by_an_earlier_defer() {
    assert_eq!(panic_text(repanic_named), Ok(200));
    assert_eq!(take(), ["outer recovered wrapped: original"]);
}

#[test]
fn panic_message_reads_str_and_string_payloads_boxed_or_not() {
    let boxed = std::panic::catch_unwind(|| panic!("static text")).unwrap_err();
    assert_eq!(defer_core::panic_message(&boxed), Some("static text"));
    assert_eq!(defer_core::panic_message(&*boxed), Some("static text"));
    let n = 7;
    let formatted = std::panic::catch_unwind(|| panic!("formatted {n}")).unwrap_err();
    assert_eq!(defer_core::panic_message(&formatted), Some("formatted 7"));
    let other = std::panic::catch_unwind(|| std::panic::panic_any(42_u8)).unwrap_err();
    assert_eq!(defer_core::panic_message(&other), None);
}
