//! Scoping around the split body: items, `use`s, drops, expression positions.
mod common;

use common::{log, take};
use defer_core::with_defer;

#[with_defer]
fn late_item() -> i32 {
    defer!(log(format!("early arg {}", helper())));
    defer! { log(format!("late {}", helper() + LATE)) }
    let v = helper();
    fn helper() -> i32 {
        4
    }
    const LATE: i32 = 100;
    v + LATE
}

#[test]
fn items_declared_after_a_defer_are_visible_in_the_whole_body() {
    assert_eq!(late_item(), 104);
    assert_eq!(take(), ["late 104", "early arg 4"]);
}

#[with_defer]
fn late_use() -> String {
    defer!(log(Write::to_owned("used")));
    use std::borrow::ToOwned as Write;
    let s: String = Write::to_owned("x");
    s
}

#[test]
fn use_declarations_after_a_defer_are_visible_before_it() {
    assert_eq!(late_use(), "x");
    assert_eq!(take(), ["used"]);
}

struct Loud(&'static str);

impl Drop for Loud {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[with_defer]
fn drops() {
    let _a = Loud("a");
    defer!(log("d1"));
    let _b = Loud("b");
    defer! { log("d2") }
    let _c = Loud("c");
}

#[test]
fn a_defer_behaves_like_a_guard_declared_at_its_statement() {
    drops();
    assert_eq!(take(), ["drop c", "d2", "drop b", "d1", "drop a"]);
}

#[with_defer]
fn move_snapshot_dropped_after_running() {
    let l = Loud("snap");
    defer!(move {
        log(format!("running with {}", l.0));
    });
    log("body");
}

#[test]
fn a_move_snapshot_lives_until_its_code_ran() {
    move_snapshot_dropped_after_running();
    assert_eq!(take(), ["body", "running with snap", "drop snap"]);
}

#[with_defer]
fn defer_in_let_initialiser(c: bool) -> i32 {
    defer!(log("top"));
    let v = {
        let t = 3;
        if c {
            defer!(move { log(format!("inner t={t}")) });
        }
        t * 2
    };
    log(format!("v={v}"));
    v
}

#[test]
fn defer_inside_a_let_initialiser_block() {
    assert_eq!(defer_in_let_initialiser(true), 6);
    assert_eq!(take(), ["v=6", "inner t=3", "top"]);
    assert_eq!(defer_in_let_initialiser(false), 6);
    assert_eq!(take(), ["v=6", "top"]);
}

// As without the attribute, clippy sees a `return` in the tail.
#[with_defer]
#[allow(clippy::needless_return)]
fn defer_in_tail_expression(k: i32) -> i32 {
    defer!(log("top"));
    match k {
        0 => {
            defer!(log("arm zero"));
            10
        }
        n if n < 0 => return -1,
        n => {
            defer!(log(format!("arm {n}")));
            n * 2
        }
    }
}

#[test]
fn defer_inside_the_tail_expression() {
    assert_eq!(defer_in_tail_expression(0), 10);
    assert_eq!(take(), ["arm zero", "top"]);
    assert_eq!(defer_in_tail_expression(4), 8);
    assert_eq!(take(), ["arm 4", "top"]);
    assert_eq!(defer_in_tail_expression(-4), -1);
    assert_eq!(take(), ["top"]);
}

#[with_defer]
fn unit_tail_if(c: bool) {
    defer!(log("top"));
    if c {
        defer!(log("then"));
    } else {
        defer!(log("else"));
    }
}

#[test]
fn unit_function_whose_tail_is_an_if_with_defers() {
    unit_tail_if(true);
    assert_eq!(take(), ["then", "top"]);
    unit_tail_if(false);
    assert_eq!(take(), ["else", "top"]);
}

#[with_defer]
fn let_else(opt: Option<i32>) -> i32 {
    defer!(log("d1"));
    let Some(v) = opt else {
        log("else branch");
        return -1;
    };
    defer!(move { log(format!("d2 {v}")) });
    v
}

#[test]
fn let_else_after_a_defer() {
    assert_eq!(let_else(None), -1);
    assert_eq!(take(), ["else branch", "d1"]);
    assert_eq!(let_else(Some(3)), 3);
    assert_eq!(take(), ["d2 3", "d1"]);
}

#[with_defer]
fn loops_inside_deferred_code() {
    defer! {
        for i in 0..4 {
            if i == 1 {
                continue;
            }
            if i == 3 {
                break;
            }
            log(format!("i={i}"));
        }
        let mut j = 0;
        loop {
            j += 1;
            if j == 2 {
                log("return from loop in defer");
                return;
            }
        }
    }
    defer!(log("after in source, runs first"));
}

#[test]
fn break_continue_and_return_in_loops_inside_deferred_code() {
    loops_inside_deferred_code();
    assert_eq!(
        take(),
        [
            "after in source, runs first",
            "i=0",
            "i=2",
            "return from loop in defer"
        ]
    );
}

#[with_defer]
fn closure_mutates_what_defer_reads() -> i32 {
    let mut total = 0;
    defer! { log(format!("total {total}")) }
    let mut add = |x: i32| total += x;
    add(2);
    add(3);
    total
}

#[test]
fn closures_in_the_body_may_mutate_what_a_top_level_defer_reads() {
    assert_eq!(closure_mutates_what_defer_reads(), 5);
    assert_eq!(take(), ["total 5"]);
}

#[with_defer]
fn recursive(n: u32) -> u32 {
    defer!(log(format!("leave {n}")));
    if n == 0 {
        return 0;
    }
    n + recursive(n - 1)
}

#[test]
fn recursion_runs_each_frames_defers() {
    assert_eq!(recursive(2), 3);
    assert_eq!(take(), ["leave 0", "leave 1", "leave 2"]);
}

#[with_defer]
fn loop_break_value() -> i32 {
    defer!(log("d"));
    let mut i = 0;
    loop {
        i += 1;
        if i == 3 {
            break i * 10;
        }
    }
}

#[test]
fn tail_loop_with_break_value() {
    assert_eq!(loop_break_value(), 30);
    assert_eq!(take(), ["d"]);
}

#[with_defer]
fn temporaries(c: bool) -> usize {
    let r = &String::from("extended");
    defer!(log(format!("r={r}")));
    if c {
        defer! { log(format!("nested r={r}")) }
    }
    r.len()
}

#[test]
fn temporary_lifetime_extension_before_a_defer() {
    assert_eq!(temporaries(true), 8);
    assert_eq!(take(), ["nested r=extended", "r=extended"]);
}

#[with_defer]
fn inferred_after_split() -> usize {
    let mut v = Vec::new();
    let mut total = Default::default();
    defer!(log("d"));
    v.push(2u16);
    total += v[0];
    let t: u16 = total;
    v.len() + usize::from(t)
}

#[test]
fn types_inferred_from_code_after_a_defer() {
    assert_eq!(inferred_after_split(), 3);
    assert_eq!(take(), ["d"]);
}

#[with_defer]
fn refcell_tail(early: bool) -> i32 {
    let cell = std::cell::RefCell::new(1);
    defer! {
        *cell.borrow_mut() += 10;
        log(format!("cell {}", cell.borrow()));
    }
    if early {
        return *cell.borrow() + 100;
    }
    *cell.borrow()
}

#[test]
fn temporaries_of_the_return_value_are_gone_before_the_defers_run() {
    assert_eq!(refcell_tail(false), 1);
    assert_eq!(take(), ["cell 11"]);
    assert_eq!(refcell_tail(true), 101);
    assert_eq!(take(), ["cell 11"]);
}

#[with_defer]
fn late_static() -> u32 {
    defer!(log(format!("static {}", GREETING.len())));
    static GREETING: &str = "hello";
    struct Late(u32);
    let l = Late(7);
    l.0
}

#[test]
fn statics_and_structs_declared_after_a_defer() {
    assert_eq!(late_static(), 7);
    assert_eq!(take(), ["static 5"]);
}

/// A local declared without a value is fine before a `defer!` when it gets
/// its value before it too (or within the same level): only a value given
/// after the `defer!` is an error (ui-tests `local-initialised-after-defer`).
#[with_defer]
#[allow(clippy::needless_late_init)]
fn initialised_before_the_defer(flag: bool) -> u32 {
    let x: u32;
    if flag {
        x = 1;
    } else {
        x = 2;
    }
    defer!(log(format!("x was {x}")));
    x * 10
}

#[with_defer(named(n))]
#[allow(clippy::needless_late_init)]
fn initialised_in_the_first_level() -> u32 {
    let y;
    y = 3;
    n = y;
    defer! { n += 1 }
    n * 2
}

#[test]
fn a_local_initialised_before_its_defer_needs_nothing_more() {
    assert_eq!(initialised_before_the_defer(true), 10);
    assert_eq!(take(), ["x was 1"]);
    assert_eq!(initialised_before_the_defer(false), 20);
    assert_eq!(take(), ["x was 2"]);
    // `n * 2` assigns 6, then the defer adds 1.
    assert_eq!(initialised_in_the_first_level(), 7);
}

/// A `let` of the same name after the `defer!` is another local: assigning
/// it is no late initialisation of the first.
#[with_defer]
#[allow(unused_variables, clippy::needless_late_init)]
fn shadowed_after_the_defer() -> u32 {
    let z: u32;
    defer!(log("deferred"));
    let mut z: u32 = 1;
    z += 1;
    z = z.pow(2) * 5;
    z
}

#[test]
fn a_later_let_of_the_same_name_is_another_local() {
    assert_eq!(shadowed_after_the_defer(), 20);
    assert_eq!(take(), ["deferred"]);
}
