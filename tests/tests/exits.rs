//! SPEC §3: every exit runs the registered defers, LIFO; break/continue do not.
mod common;

use common::{log, take};
use defer_core::with_defer;
use std::num::ParseIntError;

#[with_defer]
fn many_exits(k: u32) -> u32 {
    defer!(log("d1"));
    {
        if k == 0 {
            log("ret 0");
            return 0;
        }
    }
    defer!(log("d2"));
    match k {
        1 => return 10,
        2 => {
            log("arm 2");
            if k > 1 {
                return 20;
            }
        }
        _ => {}
    }
    let mut i = 0;
    loop {
        i += 1;
        if i == k {
            return 100 + i;
        }
        if i > 5 {
            break;
        }
    }
    for j in 0..3 {
        if j == 1 && k == 9 {
            return 900;
        }
    }
    while i < 10 {
        i += 1;
        if k == 8 && i == 8 {
            return 800;
        }
    }
    log("end");
    i
}

#[test]
fn return_from_nested_block_match_arm_and_loops() {
    assert_eq!(many_exits(0), 0);
    assert_eq!(take(), ["ret 0", "d1"]);
    assert_eq!(many_exits(1), 10);
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(many_exits(2), 20);
    assert_eq!(take(), ["arm 2", "d2", "d1"]);
    assert_eq!(many_exits(4), 104);
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(many_exits(9), 900);
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(many_exits(8), 800);
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(many_exits(7), 10);
    assert_eq!(take(), ["end", "d2", "d1"]);
}

// As without the attribute, clippy sees a `return` that ends the body.
#[with_defer]
#[allow(clippy::needless_return)]
fn return_expr_first() -> i32 {
    defer!(log("d"));
    return {
        log("return expr");
        5
    };
}

#[test]
fn return_value_is_evaluated_before_the_defers_run() {
    assert_eq!(return_expr_first(), 5);
    assert_eq!(take(), ["return expr", "d"]);
}

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
fn sum(a: &str, b: &str) -> Result<i32, String> {
    let x = parse(a)?;
    defer!(log(format!("d1 x={x}")));
    let y = parse(b)?;
    defer!(log("d2"));
    Ok(x + y)
}

#[test]
fn question_mark_on_result() {
    assert_eq!(sum("x", "1"), Err("bad x".to_string()));
    assert_eq!(take(), Vec::<String>::new());
    assert_eq!(sum("1", "y"), Err("bad y".to_string()));
    assert_eq!(take(), ["d1 x=1"]);
    assert_eq!(sum("1", "2"), Ok(3));
    assert_eq!(take(), ["d2", "d1 x=1"]);
}

#[with_defer]
fn first_even(v: &[i32]) -> Option<i32> {
    defer!(log("d1"));
    let f = v.first()?;
    defer!(log(format!("d2 first={f}")));
    let e = v.iter().find(|x| **x % 2 == 0)?;
    Some(*e * 10 + f)
}

#[test]
fn question_mark_on_option() {
    assert_eq!(first_even(&[]), None);
    assert_eq!(take(), ["d1"]);
    assert_eq!(first_even(&[1, 3]), None);
    assert_eq!(take(), ["d2 first=1", "d1"]);
    assert_eq!(first_even(&[1, 4]), Some(41));
    assert_eq!(take(), ["d2 first=1", "d1"]);
}

#[with_defer]
fn in_format_args(a: &str, b: &str) -> Result<String, String> {
    defer!(log("d"));
    log(format!("parsed {}", parse(a)?));
    println!("printed {}", parse(b)?);
    Ok(format!("<{}>", parse(a)? + parse(b)?))
}

#[test]
fn question_mark_inside_format_and_println_args() {
    assert_eq!(in_format_args("x", "1"), Err("bad x".to_string()));
    assert_eq!(take(), ["d"]);
    assert_eq!(in_format_args("1", "y"), Err("bad y".to_string()));
    assert_eq!(take(), ["parsed 1", "d"]);
    assert_eq!(in_format_args("1", "2"), Ok("<3>".to_string()));
    assert_eq!(take(), ["parsed 1", "d"]);
}

#[derive(Debug, PartialEq)]
enum MyErr {
    Parse(String),
}

impl From<ParseIntError> for MyErr {
    fn from(e: ParseIntError) -> Self {
        MyErr::Parse(e.to_string())
    }
}

#[with_defer]
fn converts(s: &str) -> Result<i32, MyErr> {
    defer!(log("d"));
    let n: i32 = s.parse()?;
    Ok(n * 2)
}

#[test]
fn question_mark_converts_the_error_with_from() {
    assert_eq!(
        converts("q"),
        Err(MyErr::Parse("invalid digit found in string".into()))
    );
    assert_eq!(take(), ["d"]);
    assert_eq!(converts("21"), Ok(42));
    assert_eq!(take(), ["d"]);
}

#[with_defer]
fn nested_question(inputs: &[&str]) -> Result<i32, String> {
    defer!(log("d1"));
    let mut total = 0;
    if !inputs.is_empty() {
        defer!(log("d2"));
        for s in inputs {
            match s.len() {
                0 => return Err("empty".into()),
                _ => total += parse(s)?,
            }
        }
    }
    Ok(total)
}

#[test]
fn question_mark_in_loops_and_match_after_nested_defer() {
    assert_eq!(nested_question(&[]), Ok(0));
    assert_eq!(take(), ["d1"]);
    assert_eq!(nested_question(&["1", "z"]), Err("bad z".into()));
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(nested_question(&["1", ""]), Err("empty".into()));
    assert_eq!(take(), ["d2", "d1"]);
    assert_eq!(nested_question(&["1", "2"]), Ok(3));
    assert_eq!(take(), ["d2", "d1"]);
}

#[with_defer]
fn closures_keep_their_own_exits(s: &str) -> Result<i32, String> {
    defer!(log("d"));
    let inner = |t: &str| -> Option<i32> {
        let v = t.parse::<i32>().ok()?;
        if v < 0 {
            return None;
        }
        Some(v * 2)
    };
    let got = inner(s);
    log(format!("inner {got:?}"));
    Ok(got.unwrap_or(-1))
}

#[test]
fn return_and_question_mark_inside_a_closure_are_not_function_exits() {
    assert_eq!(closures_keep_their_own_exits("x"), Ok(-1));
    assert_eq!(take(), ["inner None", "d"]);
    assert_eq!(closures_keep_their_own_exits("-3"), Ok(-1));
    assert_eq!(take(), ["inner None", "d"]);
    assert_eq!(closures_keep_their_own_exits("4"), Ok(8));
    assert_eq!(take(), ["inner Some(8)", "d"]);
}

#[with_defer]
fn tail() -> i32 {
    let mut n = 1;
    defer! {
        n += 10;
        log(format!("defer n={n}"));
    }
    log("before tail");
    {
        log("tail");
        n
    }
}

#[with_defer]
fn tail_string() -> String {
    let s = String::from("moved out");
    defer!(log("d"));
    s
}

#[test]
fn tail_expression_is_evaluated_before_the_defers() {
    assert_eq!(tail(), 1);
    assert_eq!(take(), ["before tail", "tail", "defer n=11"]);
    assert_eq!(tail_string(), "moved out");
    assert_eq!(take(), ["d"]);
}

#[with_defer]
fn unit_fall_off(flag: bool) {
    defer!(log("d"));
    if flag {
        log("flag");
    }
}

#[with_defer]
fn unit_return(flag: bool) {
    defer!(log("d1"));
    if flag {
        return;
    }
    defer!(log("d2"));
    log("after");
}

#[test]
fn falling_off_the_end_and_bare_return_of_a_unit_function() {
    unit_fall_off(true);
    assert_eq!(take(), ["flag", "d"]);
    unit_fall_off(false);
    assert_eq!(take(), ["d"]);
    unit_return(true);
    assert_eq!(take(), ["d1"]);
    unit_return(false);
    assert_eq!(take(), ["after", "d2", "d1"]);
}

#[with_defer]
fn breaks(c: bool) -> i32 {
    defer!(log("d"));
    let mut n = 0;
    'outer: for i in 0..5 {
        for j in 0..5 {
            if j == 2 {
                continue 'outer;
            }
            if i == 3 {
                break 'outer;
            }
            n += 1;
        }
    }
    let v = 'blk: {
        if c {
            break 'blk 100;
        }
        200
    };
    log("after loops");
    n + v
}

#[test]
fn break_and_continue_are_not_exits() {
    assert_eq!(breaks(true), 106);
    assert_eq!(take(), ["after loops", "d"]);
    assert_eq!(breaks(false), 206);
    assert_eq!(take(), ["after loops", "d"]);
}

#[with_defer]
fn conditional(a: bool, b: bool) {
    defer!(log("always"));
    if a {
        defer!(log("a"));
    } else if b {
        defer!(log("b"));
    } else {
        defer!(log("neither"));
    }
    log("body");
}

#[test]
fn a_defer_registers_only_if_its_statement_runs() {
    conditional(true, true);
    assert_eq!(take(), ["body", "a", "always"]);
    conditional(false, true);
    assert_eq!(take(), ["body", "b", "always"]);
    conditional(false, false);
    assert_eq!(take(), ["body", "neither", "always"]);
}

#[with_defer]
fn only_a_defer() {
    defer!(log("only"));
}

#[with_defer]
fn unit_tail_call(v: &mut Vec<i32>) {
    defer! { log(format!("len {}", v.len())) }
    v.push(1);
    v.clear()
}

#[test]
fn a_defer_as_the_last_statement_and_a_unit_tail_call() {
    only_a_defer();
    assert_eq!(take(), ["only"]);
    let mut v = vec![5];
    unit_tail_call(&mut v);
    assert_eq!(take(), ["len 0"]);
}

#[with_defer]
fn tuple_return(k: i32) -> (i32, String) {
    defer!(log("d"));
    if k > 0 {
        return (k, "positive".into());
    }
    (k, String::from("other"))
}

#[test]
fn tuple_values_through_return_and_tail() {
    assert_eq!(tuple_return(2), (2, "positive".to_string()));
    assert_eq!(tuple_return(-2), (-2, "other".to_string()));
    assert_eq!(take(), ["d", "d"]);
}
