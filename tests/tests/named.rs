//! SPEC §5: named results. `return e;`, `?` and the tail assign them, the
//! defers run, then the function returns their final values; deferred code
//! of every form and tier reads and assigns them as they are at exit.
mod common;

use common::{log, take};
use defer_core::with_defer;

fn show(tag: &str, n: i32) {
    log(format!("{tag} {n}"));
}

// ---- initial values ----------------------------------------------------------

#[with_defer(named(n))]
fn starts_at_default(add: i32) -> i32 {
    log(format!("entry {n}"));
    defer! { log(format!("exit {n}")) }
    n += add;
    return;
}

#[test]
fn a_named_result_starts_at_default_and_a_bare_return_returns_it() {
    assert_eq!(starts_at_default(4), 4);
    assert_eq!(take(), ["entry 0", "exit 4"]);
    assert_eq!(starts_at_default(-2), -2);
    assert_eq!(take(), ["entry 0", "exit -2"]);
}

#[with_defer(named(n = base * 10 + i32::from(bump)))]
fn init_from_parameters(base: i32, bump: bool) -> i32 {
    log(format!("entry {n}"));
    defer! { log(format!("exit {n}")) }
    if bump {
        n += 100;
    }
    return;
}

#[test]
fn the_initial_value_may_use_the_parameters() {
    assert_eq!(init_from_parameters(3, false), 30);
    assert_eq!(take(), ["entry 30", "exit 30"]);
    assert_eq!(init_from_parameters(3, true), 131);
    assert_eq!(take(), ["entry 31", "exit 131"]);
}

#[with_defer(named(s = String::from("init")))]
fn untouched_string() -> String {
    log(format!("body sees {s}"));
    return;
}

#[test]
fn a_bare_return_without_defers_returns_the_initial_value() {
    assert_eq!(untouched_string(), "init");
    assert_eq!(take(), ["body sees init"]);
}

// ---- return, tail and bare return ---------------------------------------------

// Go: func c() (i int) { defer func() { i++ }(); return 1 } returns 2.
#[with_defer(named(i))]
fn go_c(early: bool) -> i32 {
    defer! {
        log(format!("defer sees {i}"));
        i += 1;
    }
    if early {
        return 1;
    }
    log("tail");
    10
}

#[test]
fn return_and_tail_assign_the_named_result_before_the_defers_run() {
    assert_eq!(go_c(true), 2);
    assert_eq!(take(), ["defer sees 1"]);
    assert_eq!(go_c(false), 11);
    assert_eq!(take(), ["tail", "defer sees 10"]);
}

// Go: func first() (x int) { defer func() { x++ }(); x = 10; return } -> 11
#[with_defer(named(x))]
fn first() -> i32 {
    defer!((|| x += 1)());
    x = 10;
    return;
}

// Go: func second() (x int) { x = 10; defer func(v int) { x = v }(x); x = 20; return 30 } -> 10
#[with_defer(named(x))]
fn second() -> i32 {
    x = 10;
    defer!((|v: i32| x = v)(x));
    x = 20;
    log(format!("body {x}"));
    30
}

#[test]
fn go_first_and_second() {
    assert_eq!(first(), 11);
    assert_eq!(take(), [] as [&str; 0]);
    assert_eq!(second(), 10);
    assert_eq!(take(), ["body 20"]);
}

#[with_defer(named(n = 1))]
fn bare_return_in_a_branch(stop: bool) -> i32 {
    defer! { log(format!("exit {n}")) }
    n = 5;
    if stop {
        return;
    }
    n = 6;
    n * 100
}

#[test]
fn a_bare_return_returns_the_current_values() {
    assert_eq!(bare_return_in_a_branch(true), 5);
    assert_eq!(take(), ["exit 5"]);
    assert_eq!(bare_return_in_a_branch(false), 600);
    assert_eq!(take(), ["exit 600"]);
}

#[with_defer(named(count = 0, err = None))]
fn tuple_results(items: &[&str]) -> (usize, Option<String>) {
    defer! { log(format!("exit {count} {err:?}")) }
    for item in items {
        if item.is_empty() {
            return (count + 100, Some(format!("empty at {count}")));
        }
        count += 1;
    }
    (count * 2, None)
}

#[test]
fn return_and_tail_destructure_a_tuple_into_the_named_results() {
    assert_eq!(tuple_results(&["a", "b"]), (4, None));
    assert_eq!(take(), ["exit 4 None"]);
    assert_eq!(
        tuple_results(&["a", "", "c"]),
        (101, Some("empty at 1".to_string()))
    );
    assert_eq!(take(), ["exit 101 Some(\"empty at 1\")"]);
}

#[with_defer(named(count = 7, err = None))]
fn tuple_body_assigns(fail: bool) -> (usize, Option<&'static str>) {
    defer! {
        log(format!("exit {count} {err:?}"));
        count += 1;
    }
    count = 1;
    if fail {
        err = Some("failed");
        return;
    }
    count = 2;
    return;
}

#[test]
fn the_body_assigns_tuple_named_results_directly() {
    assert_eq!(tuple_body_assigns(true), (2, Some("failed")));
    assert_eq!(take(), ["exit 1 Some(\"failed\")"]);
    assert_eq!(tuple_body_assigns(false), (3, None));
    assert_eq!(take(), ["exit 2 None"]);
}

#[with_defer(named(res = Ok(1)))]
fn question_mark(input: Result<i32, String>) -> Result<i32, String> {
    defer! { log(format!("exit {res:?}")) }
    let v = input?;
    log(format!("got {v}"));
    Ok(v * 2)
}

#[test]
fn question_mark_assigns_the_named_result() {
    assert_eq!(question_mark(Ok(4)), Ok(8));
    assert_eq!(take(), ["got 4", "exit Ok(8)"]);
    assert_eq!(question_mark(Err("bad".into())), Err("bad".to_string()));
    assert_eq!(take(), ["exit Err(\"bad\")"]);
}

// ---- every form and tier reads and writes them at exit -------------------------

#[with_defer(named(n))]
fn nested_defers(c: bool, k: u8) -> i32 {
    defer! { log(format!("top sees {n}")) }
    if c {
        defer! {
            log(format!("if sees {n}"));
            n += 1;
        }
    } else {
        defer! { n -= 1 }
    }
    match k {
        0 => defer! {
            log(format!("match 0 sees {n}"));
            n *= 10;
        },
        _ => {
            defer!(n *= 100);
        }
    }
    {
        defer! { n += 3 }
    }
    5
}

#[test]
fn defers_nested_in_if_match_and_blocks_assign_the_named_result() {
    // ((5 + 3) * 10) + 1
    assert_eq!(nested_defers(true, 0), 81);
    assert_eq!(take(), ["match 0 sees 8", "if sees 80", "top sees 81"]);
    // ((5 + 3) * 100) - 1
    assert_eq!(nested_defers(false, 1), 799);
    assert_eq!(take(), ["top sees 799"]);
}

#[with_defer(named(n))]
fn loop_defers(count: i32) -> i32 {
    defer! { log(format!("top sees {n}")) }
    for i in 1..=count {
        defer!(move {
            log(format!("loop {i} sees {n}"));
            n = n * 10 + i;
        });
    }
    let mut j = 0;
    while j < 2 {
        j += 1;
        defer! { n += 1000 }
    }
    7
}

#[test]
fn loop_defers_assign_the_named_result_lifo() {
    // 7 + 2000, then i = 3, 2, 1.
    assert_eq!(loop_defers(3), 2_007_321);
    assert_eq!(
        take(),
        [
            "loop 3 sees 2007",
            "loop 2 sees 20073",
            "loop 1 sees 200732",
            "top sees 2007321",
        ]
    );
    assert_eq!(loop_defers(0), 2007);
    assert_eq!(take(), ["top sees 2007"]);
}

#[with_defer(named(n = 1))]
fn mixed_statement(c: bool) -> i32 {
    if c {
        defer! { n = n * 10 + 1 }
        for i in 2..4 {
            defer!(move { n = n * 10 + i });
        }
        defer! { n = n * 10 + 4 }
    }
    n
}

#[test]
fn loop_and_non_loop_defers_of_one_statement_assign_in_exact_lifo() {
    assert_eq!(mixed_statement(true), 14_321);
    assert_eq!(mixed_statement(false), 1);
    assert_eq!(take(), [] as [&str; 0]);
}

#[with_defer(named(n))]
fn past_the_eighth(c: bool) -> i32 {
    defer!(log(format!("d1 {n}")));
    defer! { log(format!("d2 {n}")) }
    defer! { n += 1 }
    defer! { n += 1 }
    defer! { n += 1 }
    defer! { n += 1 }
    defer! { n += 1 }
    defer! { n *= 10 }
    // The 9th and 10th: past the open-coded tier.
    defer! {
        log(format!("ninth sees {n}"));
        n += 2;
    }
    if c {
        defer! {
            log(format!("tenth sees {n}"));
            n *= 3;
        }
    }
    defer!(move {
        log(format!("eleventh sees {n}"));
        n += 1;
    });
    4
}

#[test]
fn defers_past_the_eighth_assign_the_named_result() {
    // (((4 + 1) * 3 + 2) * 10) + 5
    assert_eq!(past_the_eighth(true), 175);
    assert_eq!(
        take(),
        [
            "eleventh sees 4",
            "tenth sees 5",
            "ninth sees 15",
            "d2 175",
            "d1 0"
        ]
    );
    // ((4 + 1 + 2) * 10) + 5
    assert_eq!(past_the_eighth(false), 75);
    assert_eq!(take(), ["eleventh sees 4", "ninth sees 5", "d2 75", "d1 0"]);
}

#[with_defer(named(n))]
fn move_defers(c: bool) -> i32 {
    let tag = String::from("top");
    defer!(move {
        log(format!("{tag} move sees {n}"));
        n += 1;
    });
    n = 5;
    if c {
        let inner = String::from("nested");
        defer!(move {
            log(format!("{inner} move sees {n}"));
            n *= 2;
        });
    }
    n = 6;
    // The move form of a call is deferred code too: the named result is
    // not part of its snapshot.
    defer!(move show("move call", n));
    log(format!("body {n}"));
    n + 1
}

#[test]
fn a_move_defer_sees_the_named_result_as_at_exit() {
    assert_eq!(move_defers(true), 15);
    assert_eq!(
        take(),
        [
            "body 6",
            "move call 7",
            "nested move sees 7",
            "top move sees 14"
        ]
    );
    assert_eq!(move_defers(false), 8);
    assert_eq!(take(), ["body 6", "move call 7", "top move sees 7"]);
}

#[with_defer(named(n = 1))]
fn call_form_args(c: bool) -> i32 {
    defer!(show("top", n));
    n = 2;
    if c {
        defer!(show("nested", n * 10));
    }
    for _ in 0..2 {
        n += 1;
        defer!(show("loop", n));
    }
    n = 50;
    n + 50
}

#[test]
fn call_form_arguments_read_the_named_result_at_the_statement() {
    assert_eq!(call_form_args(true), 100);
    assert_eq!(take(), ["loop 4", "loop 3", "nested 20", "top 1"]);
    assert_eq!(call_form_args(false), 100);
    assert_eq!(take(), ["loop 4", "loop 3", "top 1"]);
}

#[with_defer(named(n))]
fn defer_in_deferred_code(c: bool) -> i32 {
    defer! {
        defer! {
            log(format!("inner sees {n}"));
            n += 100;
        }
        log(format!("outer sees {n}"));
        n *= 2;
        if c {
            defer!(move {
                log(format!("inner move sees {n}"));
                n += 1;
            });
        }
    }
    if c {
        defer! {
            defer! { n -= 1 }
            n *= 3;
        }
    }
    3
}

#[test]
fn a_defer_inside_deferred_code_assigns_the_named_result_when_that_code_ends() {
    // nested: 3 * 3 - 1 = 8; outer: 16, inner move 17, inner 117
    assert_eq!(defer_in_deferred_code(true), 117);
    assert_eq!(
        take(),
        ["outer sees 8", "inner move sees 16", "inner sees 17"]
    );
    assert_eq!(defer_in_deferred_code(false), 106);
    assert_eq!(take(), ["outer sees 3", "inner sees 6"]);
}

// ---- Go's error idioms ----------------------------------------------------------

fn open_file(name: &str) -> Result<u32, String> {
    match name {
        "" => Err("empty name".into()),
        "missing" => Err("not found".into()),
        _ => Ok(u32::try_from(name.len()).unwrap_or(u32::MAX)),
    }
}

#[with_defer(named(res = Ok(0)))]
fn open(name: &str) -> Result<u32, String> {
    defer! {
        if let Err(e) = &mut res {
            *e = format!("open {name:?}: {e}");
        }
    }
    let fd = open_file(name)?;
    log(format!("opened {fd}"));
    if fd > 5 {
        return Err(format!("fd {fd} too large"));
    }
    Ok(fd * 10)
}

#[test]
fn a_deferred_block_wraps_the_error_in_the_named_result() {
    assert_eq!(open("abc"), Ok(30));
    assert_eq!(take(), ["opened 3"]);
    assert_eq!(open("missing"), Err("open \"missing\": not found".into()));
    assert_eq!(open(""), Err("open \"\": empty name".into()));
    assert_eq!(take(), [] as [&str; 0]);
    assert_eq!(
        open("abcdefg"),
        Err("open \"abcdefg\": fd 7 too large".into())
    );
    assert_eq!(take(), ["opened 7"]);
}

struct Handle {
    name: String,
    fails: bool,
}

fn close(handle: Handle) -> Result<(), String> {
    log(format!("close {}", handle.name));
    if handle.fails {
        Err(format!("close {} failed", handle.name))
    } else {
        Ok(())
    }
}

#[with_defer(named(err = Ok(())))]
fn close_all(names: &[&str]) -> Result<(), String> {
    for name in names {
        let handle = Handle {
            name: (*name).to_string(),
            fails: name.starts_with('!'),
        };
        defer!(move {
            if let Err(e) = close(handle) {
                match &mut err {
                    Ok(()) => err = Err(e),
                    Err(previous) => *previous = format!("{previous}; {e}"),
                }
            }
        });
    }
    if names.contains(&"stop") {
        return Err("stopped".into());
    }
    Ok(())
}

#[test]
fn close_errors_are_joined_into_the_named_result() {
    assert_eq!(close_all(&["a", "b"]), Ok(()));
    assert_eq!(take(), ["close b", "close a"]);
    assert_eq!(
        close_all(&["!a", "b", "!c"]),
        Err("close !c failed; close !a failed".into())
    );
    assert_eq!(take(), ["close !c", "close b", "close !a"]);
    assert_eq!(
        close_all(&["!x", "stop"]),
        Err("stopped; close !x failed".into())
    );
    assert_eq!(take(), ["close stop", "close !x"]);
}

// ---- generics and methods --------------------------------------------------------

#[with_defer(named(out = first.clone()))]
fn generic_named<T: Clone + std::fmt::Debug>(first: T, replace: Option<T>) -> T {
    defer! { log(format!("exit {out:?}")) }
    if let Some(r) = replace {
        return r;
    }
    return;
}

#[test]
fn generic_named_results() {
    assert_eq!(generic_named("a", None), "a");
    assert_eq!(generic_named(vec![1], Some(vec![2, 3])), [2, 3]);
    assert_eq!(take(), ["exit \"a\"", "exit [2, 3]"]);
}

struct Counter {
    total: i32,
}

impl Counter {
    #[with_defer(named(before = self.total, after = 0))]
    fn add(&mut self, k: i32) -> (i32, i32) {
        defer! {
            self.total += k;
            after = self.total;
        }
        log(format!("before {before}"));
        return;
    }
}

#[test]
fn a_method_with_named_results_initialised_from_self() {
    let mut c = Counter { total: 5 };
    assert_eq!(c.add(2), (5, 7));
    assert_eq!(c.add(3), (7, 10));
    assert_eq!(c.total, 10);
    assert_eq!(take(), ["before 5", "before 7"]);
}
