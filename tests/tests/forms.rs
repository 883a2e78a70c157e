//! SPEC §2: the three forms of `defer!` and what each evaluates when.
mod common;

use common::{log, take};
use defer_core::with_defer;
use std::cell::Cell;
use std::time::{Duration, Instant};

fn show(x: i32) {
    log(format!("show {x}"));
}

// ---- call form: arguments at the statement -------------------------------

#[with_defer]
fn call_form() {
    let mut x = 1;
    defer!(show(x));
    x = 2;
    log(format!("body {x}"));
}

#[test]
fn call_form_evaluates_arguments_at_the_statement() {
    call_form();
    assert_eq!(take(), ["body 2", "show 1"]);
}

// ---- block form: everything at exit --------------------------------------

#[with_defer]
fn block_form() {
    let mut x = 1;
    defer! { show(x) }
    x = 2;
    log(format!("body {x}"));
}

#[test]
fn block_form_sees_variables_at_exit() {
    block_form();
    assert_eq!(take(), ["body 2", "show 2"]);
}

macro_rules! show_m {
    ($e:expr) => {
        log(format!("macro {}", $e))
    };
}

#[with_defer]
fn macro_call_is_block_form() {
    let mut x = 1;
    defer!(show_m!(x));
    x = 2;
    log(format!("body {x}"));
}

#[test]
fn a_macro_call_is_block_form() {
    macro_call_is_block_form();
    assert_eq!(take(), ["body 2", "macro 2"]);
}

#[with_defer]
fn paren_expr_block_form(out: &mut i32) {
    let mut x = 1;
    defer!(*out += x);
    x = 5;
    log(format!("body {x}"));
}

#[test]
fn a_non_call_expression_is_block_form_and_writes_at_exit() {
    let mut out = 100;
    paren_expr_block_form(&mut out);
    assert_eq!(out, 105);
    assert_eq!(take(), ["body 5"]);
}

#[with_defer]
fn block_writes(out: &mut Vec<i32>) -> usize {
    defer! {
        out.push(9);
        log(format!("exit len {}", out.len()));
    }
    out.push(1);
    out.len()
}

#[test]
fn block_form_writes_variables_at_exit() {
    let mut v = Vec::new();
    assert_eq!(block_writes(&mut v), 1);
    assert_eq!(v, [1, 9]);
    assert_eq!(take(), ["exit len 2"]);
}

// ---- move form: a snapshot ------------------------------------------------

#[with_defer]
fn move_form() {
    let mut x = 1;
    defer!(move { show(x) });
    x = 2;
    log(format!("body {x}"));
}

#[with_defer]
fn move_call_form() {
    let mut x = 1;
    defer!(move show(x * 10));
    x = 2;
    log(format!("body {x}"));
}

#[with_defer]
fn move_string() {
    let s = String::from("snap");
    defer!(move {
        let owned: String = s;
        log(owned);
    });
    let s = "shadow";
    log(s);
}

#[test]
fn move_form_takes_a_snapshot() {
    move_form();
    assert_eq!(take(), ["body 2", "show 1"]);
    move_call_form();
    assert_eq!(take(), ["body 2", "show 10"]);
    move_string();
    assert_eq!(take(), ["shadow", "snap"]);
}

// ---- callees --------------------------------------------------------------

fn report(elapsed: Duration) {
    log(if elapsed >= Duration::from_millis(30) {
        "long"
    } else {
        "short"
    });
}

#[with_defer]
fn timed() {
    defer!((|start: Instant| report(start.elapsed()))(Instant::now()));
    std::thread::sleep(Duration::from_millis(40));
}

#[test]
fn closure_literal_callee_measures_from_the_statement() {
    timed();
    assert_eq!(take(), ["long"]);
}

fn tick(name: &str) -> i32 {
    log(format!("tick {name}"));
    7
}

#[with_defer]
fn closure_callee() {
    let mut x = 1;
    defer!((|a: i32, b: i32| log(format!("closure a={a} b={b} x={x}")))(x, tick("arg")));
    x = 2;
    log(format!("body x={x}"));
}

#[test]
fn closure_literal_callee_is_late_and_its_arguments_early() {
    closure_callee();
    assert_eq!(take(), ["tick arg", "body x=2", "closure a=1 b=7 x=2"]);
}

fn trace(name: &'static str) -> impl FnOnce() {
    log(format!("enter {name}"));
    move || log(format!("exit {name}"))
}

#[with_defer]
fn traced() -> i32 {
    defer!(trace("work")());
    log("working");
    7
}

#[test]
fn non_path_callee_is_evaluated_at_the_statement() {
    assert_eq!(traced(), 7);
    assert_eq!(take(), ["enter work", "working", "exit work"]);
}

fn first(v: i32) {
    log(format!("first {v}"));
}
fn second(v: i32) {
    log(format!("second {v}"));
}

#[with_defer]
fn indexed_callee() {
    let table: [fn(i32); 2] = [first, second];
    let mut i = 0;
    let mut arg = 1;
    defer!(table[i](arg));
    i = 1;
    arg = 2;
    log(format!("body {i} {arg}"));
}

#[test]
fn indexed_callee_is_evaluated_at_the_statement() {
    indexed_callee();
    assert_eq!(take(), ["body 1 2", "first 1"]);
}

#[with_defer]
fn path_callee() {
    let mut f: fn(i32) = first;
    defer!(f(1));
    f = second;
    f(0);
}

#[test]
fn path_callee_is_evaluated_at_exit() {
    path_callee();
    assert_eq!(take(), ["second 0", "second 1"]);
}

fn pair(a: &str, b: &str) {
    log(format!("pair {a} {b}"));
}
fn named(n: &'static str) -> &'static str {
    log(format!("eval {n}"));
    n
}

#[with_defer]
fn left_to_right() {
    defer!(pair(named("a"), named("b")));
    log("body");
}

#[test]
fn call_arguments_are_evaluated_left_to_right_at_the_statement() {
    left_to_right();
    assert_eq!(take(), ["eval a", "eval b", "body", "pair a b"]);
}

#[with_defer]
fn string_argument() {
    let mut s = String::from("x");
    defer!(log(s.clone()));
    s.push('y');
    log(s);
}

#[test]
fn call_argument_is_a_clone_taken_at_the_statement() {
    string_argument();
    assert_eq!(take(), ["xy", "x"]);
}

// ---- receivers ------------------------------------------------------------

#[derive(Clone)]
struct Rec {
    name: String,
}

impl Rec {
    fn say(&self, a: i32) {
        log(format!("{} {a}", self.name));
    }
}

struct Holder {
    rec: Rec,
}

struct Counter {
    n: i32,
}

impl Counter {
    fn bump(&mut self, by: i32) {
        self.n += by;
        log(format!("bumped to {}", self.n));
    }
}

fn make(name: &str) -> Rec {
    log(format!("make {name}"));
    Rec { name: name.into() }
}

#[with_defer]
fn receiver_local() {
    let mut r = Rec { name: "a".into() };
    let mut x = 1;
    defer!(r.say(x));
    r.name = "b".into();
    x = 2;
    log(format!("body {x}"));
}

#[with_defer]
fn receiver_field_path() {
    let mut h = Holder {
        rec: Rec { name: "a".into() },
    };
    defer!(h.rec.say(1));
    h.rec.name = "b".into();
}

#[with_defer]
fn receiver_mut_method() {
    let mut c = Counter { n: 0 };
    defer!(c.bump(10));
    c.n = 5;
}

#[test]
fn place_receiver_is_read_at_exit() {
    receiver_local();
    assert_eq!(take(), ["body 2", "b 1"]);
    receiver_field_path();
    assert_eq!(take(), ["b 1"]);
    receiver_mut_method();
    assert_eq!(take(), ["bumped to 15"]);
}

#[with_defer]
fn receiver_temporary() {
    defer!(make("a").say(1));
    log("body");
}

#[with_defer]
fn receiver_clone() {
    let mut r = Rec { name: "a".into() };
    defer!(r.clone().say(1));
    r.name = "b".into();
    r.say(0);
}

#[test]
fn non_place_receiver_is_evaluated_at_the_statement() {
    receiver_temporary();
    assert_eq!(take(), ["make a", "body", "a 1"]);
    receiver_clone();
    assert_eq!(take(), ["b 0", "a 1"]);
}

// ---- spelling -------------------------------------------------------------

#[with_defer]
fn qualified_paths() {
    defer_core::defer!(log("qualified"));
    ::defer_core::defer! { log("absolute") }
    log("body");
}

mod with_prelude {
    use super::common::log;
    use defer_core::prelude::*;

    #[with_defer]
    pub fn run() {
        defer!(log("prelude"));
        log("body");
    }
}

#[test]
fn defer_is_recognised_by_its_last_path_segment() {
    qualified_paths();
    assert_eq!(take(), ["body", "absolute", "qualified"]);
    with_prelude::run();
    assert_eq!(take(), ["body", "prelude"]);
}

#[with_defer]
fn paren_block() {
    let c = Cell::new(1);
    defer!({
        log(format!("paren block {}", c.get()));
    });
    c.set(2);
}

#[test]
fn parenthesised_block_is_block_form() {
    paren_block();
    assert_eq!(take(), ["paren block 2"]);
}

// ---- more call-form shapes ------------------------------------------------

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
fn question_in_argument(a: &str) -> Result<i32, String> {
    defer!(log("d1"));
    defer!(show(parse(a)?));
    log("body");
    Ok(1)
}

#[test]
fn question_mark_in_a_call_argument_exits_at_the_statement() {
    assert_eq!(question_in_argument("x"), Err("bad x".into()));
    assert_eq!(take(), ["d1"]);
    assert_eq!(question_in_argument("5"), Ok(1));
    assert_eq!(take(), ["body", "show 5", "d1"]);
}

fn consume(s: String) {
    log(format!("consumed {s}"));
}

fn show_ref(v: &[i32]) {
    log(format!("ref {v:?}"));
}

#[with_defer]
fn moved_and_borrowed_arguments() {
    let s = String::from("owned");
    let v = vec![1, 2];
    defer!(consume(s));
    defer!(show_ref(&v));
    defer!(std::mem::drop::<String>(String::from("turbofish")));
    log(format!("len {}", v.len()));
}

#[test]
fn arguments_may_move_or_borrow_locals() {
    moved_and_borrowed_arguments();
    assert_eq!(take(), ["len 2", "ref [1, 2]", "consumed owned"]);
}

impl Rec {
    fn shout(&self) {
        log(format!("{}!", self.name));
    }

    #[with_defer]
    fn method_forms(&mut self) {
        let mut x = 1;
        defer!(self.say(x));
        defer!(Self::tag(x));
        defer!(self.clone().shout());
        x = 2;
        self.name = format!("renamed{x}");
    }

    fn tag(x: i32) {
        log(format!("tag {x}"));
    }
}

#[test]
fn self_receivers_and_self_paths_in_call_form() {
    let mut r = Rec { name: "a".into() };
    r.method_forms();
    assert_eq!(take(), ["a!", "tag 1", "renamed2 1"]);
}

struct Sink(&'static str);

impl Sink {
    fn push(&mut self, n: i32) {
        log(format!("{} {n}", self.0));
    }
}

fn sink(name: &'static str) -> Sink {
    log(format!("make {name}"));
    Sink(name)
}

#[with_defer]
fn stored_receiver_by_mut_self(flag: bool) {
    if flag {
        defer!(sink("nested").push(1));
    }
    for i in 0..2 {
        defer!(sink("loop").push(i));
    }
    log("body");
}

#[test]
fn a_stored_call_forms_receiver_is_made_at_the_statement_and_called_by_mut_self_at_exit() {
    stored_receiver_by_mut_self(true);
    assert_eq!(
        take(),
        [
            "make nested",
            "make loop",
            "make loop",
            "body",
            "loop 1",
            "loop 0",
            "nested 1"
        ]
    );
}
