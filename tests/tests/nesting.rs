//! SPEC §3/§4: defers at any depth, LIFO interleaved; capture rules; shadowing.
mod common;

use common::{log, take};
use defer_core::with_defer;
use std::cell::Cell;

#[with_defer]
fn interleaved(k: u32) {
    defer!(log("top1"));
    if k > 0 {
        defer!(log("if1"));
        if k > 1 {
            defer!(log("if2"));
        }
    }
    defer!(log("top2"));
    match k {
        0 => {
            defer!(log("arm0"));
        }
        _ => {
            defer!(log(format!("arm {k}")));
        }
    }
    {
        defer!(log("block"));
    }
    log("body end");
}

#[test]
fn nested_defers_interleave_lifo_with_top_level_ones() {
    interleaved(2);
    assert_eq!(
        take(),
        ["body end", "block", "arm 2", "top2", "if2", "if1", "top1"]
    );
    interleaved(1);
    assert_eq!(
        take(),
        ["body end", "block", "arm 1", "top2", "if1", "top1"]
    );
    interleaved(0);
    assert_eq!(take(), ["body end", "block", "arm0", "top2", "top1"]);
}

#[with_defer]
fn no_borrow_during_body() -> i32 {
    let mut n = 0;
    defer! { log(format!("n={n}")) }
    n += 1;
    let r = &mut n;
    *r += 1;
    n
}

#[with_defer]
fn no_borrow_vec() {
    let mut v = Vec::new();
    defer! { log(format!("{v:?}")) }
    v.push(1);
    let r = &mut v;
    r.push(2);
}

#[test]
fn top_level_block_defer_borrows_nothing_during_the_body() {
    assert_eq!(no_borrow_during_body(), 2);
    assert_eq!(take(), ["n=2"]);
    no_borrow_vec();
    assert_eq!(take(), ["[1, 2]"]);
}

#[with_defer]
fn simple_mutation() {
    let mut n = 0;
    defer! { log(format!("{n}")) }
    n += 1;
}

#[test]
fn spec_example_block_defer_logs_the_final_value() {
    simple_mutation();
    assert_eq!(take(), ["1"]);
}

#[with_defer]
fn shadowing() -> &'static str {
    let x = 1;
    defer! { log(format!("x={x}")) }
    let x = "two";
    defer! { log(format!("x={x}")) }
    let x = 3.5;
    log(format!("body x={x}"));
    "done"
}

#[test]
fn block_defer_sees_the_binding_in_scope_at_its_statement() {
    assert_eq!(shadowing(), "done");
    assert_eq!(take(), ["body x=3.5", "x=two", "x=1"]);
}

#[with_defer]
fn nested_captures(c: bool) {
    let name = String::from("outer");
    let mut counter = 0;
    let cell = Cell::new(0);
    if c {
        let local = format!("local{counter}");
        defer!(move { log(format!("move {local}")) });
        defer! { log(format!("borrow {name} cell={}", cell.get())) }
        defer!(log(format!("call {counter}")));
    }
    counter += 1;
    cell.set(5);
    log(format!("end {counter}"));
}

#[test]
fn nested_defers_borrow_earlier_locals_and_move_inner_ones() {
    nested_captures(true);
    assert_eq!(
        take(),
        ["end 1", "call 0", "borrow outer cell=5", "move local0"]
    );
    nested_captures(false);
    assert_eq!(take(), ["end 1"]);
}

#[with_defer]
fn labeled(stop: bool) -> i32 {
    defer!(log("top"));
    let v = 'a: {
        defer!(log("in labeled block"));
        if stop {
            break 'a 1;
        }
        log("after break");
        2
    };
    log(format!("v={v}"));
    v
}

#[test]
fn defer_in_a_labeled_block_runs_at_function_exit_not_at_break() {
    assert_eq!(labeled(true), 1);
    assert_eq!(take(), ["v=1", "in labeled block", "top"]);
    assert_eq!(labeled(false), 2);
    assert_eq!(take(), ["after break", "v=2", "in labeled block", "top"]);
}

#[with_defer]
fn if_let_else(opt: Option<&'static str>) {
    if let Some(v) = opt {
        defer!(move { log(format!("some {v}")) });
    } else {
        defer!(log("none"));
    }
    log("body");
}

#[test]
fn defers_in_if_let_and_else_branches() {
    if_let_else(Some("x"));
    assert_eq!(take(), ["body", "some x"]);
    if_let_else(None);
    assert_eq!(take(), ["body", "none"]);
}

#[with_defer]
fn deep(k: i32) -> i32 {
    defer!(log("top"));
    match k {
        n if n > 10 => {
            {
                if n % 2 == 0 {
                    {
                        defer!(log(format!("deep even {n}")));
                    }
                } else {
                    defer!(log(format!("deep odd {n}")));
                }
            }
            n
        }
        n => n * 2,
    }
}

#[test]
fn defers_deep_in_nested_blocks_and_guarded_arms() {
    assert_eq!(deep(12), 12);
    assert_eq!(take(), ["deep even 12", "top"]);
    assert_eq!(deep(13), 13);
    assert_eq!(take(), ["deep odd 13", "top"]);
    assert_eq!(deep(3), 6);
    assert_eq!(take(), ["top"]);
}

struct Rec {
    name: &'static str,
}

impl Rec {
    fn say(&self, a: i32) {
        log(format!("{} {a}", self.name));
    }
}

fn make(name: &'static str) -> Rec {
    log(format!("make {name}"));
    Rec { name }
}

#[with_defer]
fn nested_call_forms(c: bool) {
    let r = Rec { name: "r" };
    let mut x = 1;
    if c {
        defer!(r.say(x));
        defer!(make("tmp").say(x + 1));
        let inner = 40;
        defer!(log(format!("inner {}", inner + x)));
    }
    x = 10;
    log(format!("body {x}"));
}

#[test]
fn nested_call_form_evaluates_arguments_at_its_statement() {
    nested_call_forms(true);
    assert_eq!(take(), ["make tmp", "body 10", "inner 41", "tmp 2", "r 1"]);
}

#[with_defer]
fn loops_without_defers(v: &[i32]) -> i32 {
    defer!(log("d"));
    let mut sum = 0;
    for x in v {
        if *x < 0 {
            break;
        }
        sum += x;
    }
    sum
}

#[test]
fn loop_bodies_without_defer_and_a_defer_after_a_loop() {
    assert_eq!(loops_without_defers(&[1, 2, 3]), 6);
    assert_eq!(take(), ["d"]);
    assert_eq!(loops_without_defers(&[1, -2, 3]), 1);
    assert_eq!(take(), ["d"]);
}
