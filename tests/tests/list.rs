//! SPEC §3/§4: the runtime list. A `defer!` inside a loop registers once per
//! iteration that executes it, runs at function exit (not at the end of the
//! iteration), and interleaves in exact LIFO with every other tier.
mod common;

use common::{log, panic_text, payload, take};
use defer_core::with_defer;
use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt::Debug;
use std::panic::panic_any;

// ---- every loop kind ------------------------------------------------------

#[with_defer]
fn for_range(n: u32) {
    for i in 0..n {
        defer!(log(format!("for {i}")));
        log(format!("body {i}"));
    }
    log("after loop");
}

#[test]
fn for_over_a_range_registers_once_per_iteration_and_runs_at_exit() {
    for_range(3);
    assert_eq!(
        take(),
        [
            "body 0",
            "body 1",
            "body 2",
            "after loop",
            "for 2",
            "for 1",
            "for 0"
        ]
    );
}

#[with_defer]
fn for_iterator(words: &[&str]) {
    for (index, word) in words.iter().enumerate() {
        defer!(log(format!("{index}:{word}")));
    }
    for word in words.iter().rev().skip(1) {
        defer!(log(format!("rev {word}")));
    }
    log("end");
}

#[test]
fn for_over_iterators() {
    for_iterator(&["a", "b", "c"]);
    assert_eq!(take(), ["end", "rev a", "rev b", "2:c", "1:b", "0:a"]);
}

#[with_defer]
fn plain_loop(limit: u32) -> u32 {
    let mut i = 0;
    loop {
        if i == limit {
            break;
        }
        defer!(log(format!("loop {i}")));
        i += 1;
    }
    log(format!("after loop i={i}"));
    i
}

#[test]
fn plain_loop_with_break() {
    assert_eq!(plain_loop(3), 3);
    assert_eq!(take(), ["after loop i=3", "loop 2", "loop 1", "loop 0"]);
}

#[with_defer]
fn while_loop(mut n: i32) {
    while n > 0 {
        defer!(log(format!("while {n}")));
        n -= 1;
    }
    log(format!("after while n={n}"));
}

#[test]
fn while_loop_registers_per_iteration() {
    while_loop(3);
    assert_eq!(take(), ["after while n=0", "while 1", "while 2", "while 3"]);
}

#[with_defer]
fn while_let(mut stack: Vec<i32>) -> usize {
    let mut popped = 0;
    while let Some(top) = stack.pop() {
        defer!(log(format!("popped {top}")));
        popped += 1;
    }
    log(format!("empty after {popped}"));
    popped
}

#[test]
fn while_let_registers_per_iteration() {
    assert_eq!(while_let(vec![1, 2, 3]), 3);
    // Popped 3, 2, 1; the defers run in reverse: 1, 2, 3.
    assert_eq!(
        take(),
        ["empty after 3", "popped 1", "popped 2", "popped 3"]
    );
}

#[with_defer]
fn while_let_owned(items: Vec<String>) {
    let mut queue = VecDeque::from(items);
    while let Some(item) = queue.pop_front() {
        defer!(move {
            let owned: String = item;
            log(owned);
        });
    }
    log("drained");
}

#[test]
fn while_let_moves_each_owned_item_into_its_entry() {
    while_let_owned(vec!["x".into(), "y".into(), "z".into()]);
    assert_eq!(take(), ["drained", "z", "y", "x"]);
}

#[with_defer]
fn nested_loops() {
    for i in 0..2 {
        for j in 0..2 {
            defer!(log(format!("inner {i}{j}")));
        }
        defer!(log(format!("outer {i}")));
    }
    log("done");
}

#[test]
fn nested_loops_interleave_their_sites_in_registration_order() {
    nested_loops();
    assert_eq!(
        take(),
        ["done", "outer 1", "inner 11", "inner 10", "outer 0", "inner 01", "inner 00"]
    );
}

#[with_defer]
fn three_loop_kinds_nested(n: u32) {
    let mut i = 0;
    loop {
        if i == n {
            break;
        }
        let mut j = 0;
        while j < 2 {
            for k in 0..2 {
                if (i + j + k) % 2 == 0 {
                    defer!(log(format!("{i}{j}{k}")));
                }
            }
            j += 1;
        }
        i += 1;
    }
}

#[test]
fn loop_while_for_nested_with_a_conditional_defer() {
    three_loop_kinds_nested(2);
    assert_eq!(take(), ["110", "101", "011", "000"]);
    three_loop_kinds_nested(0);
    assert_eq!(take(), Vec::<String>::new());
}

// ---- any depth inside the loop --------------------------------------------

#[with_defer]
fn conditional_in_loop(n: u32) {
    for i in 0..n {
        if i % 2 == 0 {
            defer!(log(format!("even {i}")));
        } else if i % 3 == 0 {
            defer!(log(format!("three {i}")));
        }
    }
    log("end");
}

#[test]
fn conditional_defers_in_a_loop_register_only_when_taken() {
    conditional_in_loop(7);
    assert_eq!(
        take(),
        ["end", "even 6", "even 4", "three 3", "even 2", "even 0"]
    );
}

#[with_defer]
fn match_in_loop(codes: &[u8]) {
    for &code in codes {
        match code {
            0 => defer!(log("zero")),
            1 => {}
            n if n < 10 => {
                defer!(log(format!("small {n}")));
            }
            n => {
                defer!(log(format!("big {n}")));
            }
        }
    }
}

#[test]
fn defers_in_match_arms_in_a_loop() {
    match_in_loop(&[0, 5, 1, 20, 0, 7]);
    assert_eq!(take(), ["small 7", "zero", "big 20", "small 5", "zero"]);
}

#[with_defer]
fn block_in_loop() {
    for i in 1..=3 {
        {
            let scaled = i * 10;
            {
                defer!(log(format!("scaled {scaled}")));
            }
        }
        log(format!("iteration {i}"));
    }
}

#[test]
fn defer_in_nested_blocks_in_a_loop_runs_at_function_exit() {
    block_in_loop();
    assert_eq!(
        take(),
        [
            "iteration 1",
            "iteration 2",
            "iteration 3",
            "scaled 30",
            "scaled 20",
            "scaled 10"
        ]
    );
}

// ---- the three forms, per iteration ---------------------------------------

fn trace(i: u32) -> impl FnOnce() {
    log(format!("enter {i}"));
    move || log(format!("exit {i}"))
}

#[with_defer]
fn call_form_parts() {
    for i in 0..2 {
        defer!(trace(i)());
        log(format!("body {i}"));
    }
}

#[test]
fn call_form_in_a_loop_evaluates_a_non_path_callee_per_iteration() {
    call_form_parts();
    assert_eq!(
        take(),
        ["enter 0", "body 0", "enter 1", "body 1", "exit 1", "exit 0"]
    );
}

struct Tag {
    name: String,
}

impl Tag {
    fn say(&self, i: u32) {
        log(format!("{} {i}", self.name));
    }
}

#[with_defer]
fn place_receiver_in_loop() {
    let tag = Tag { name: "tag".into() };
    let mut arg = 0;
    for _ in 0..3 {
        defer!(tag.say(arg));
        arg += 1;
    }
    log(format!("arg {arg}"));
}

#[test]
fn call_form_in_a_loop_saves_each_iterations_arguments() {
    place_receiver_in_loop();
    assert_eq!(take(), ["arg 3", "tag 2", "tag 1", "tag 0"]);
}

#[with_defer]
fn move_snapshot_per_iteration() -> i32 {
    let mut total = 0;
    for i in 1..=3 {
        total += i;
        defer!(move { log(format!("total {total} at {i}")) });
    }
    total = 100;
    log(format!("total now {total}"));
    total
}

#[test]
fn move_form_in_a_loop_snapshots_per_iteration() {
    assert_eq!(move_snapshot_per_iteration(), 100);
    assert_eq!(
        take(),
        [
            "total now 100",
            "total 6 at 3",
            "total 3 at 2",
            "total 1 at 1"
        ]
    );
}

#[with_defer]
fn block_form_sees_outer_at_exit() {
    let seen = Cell::new(0);
    let label = String::from("seen");
    for i in 0..3 {
        seen.set(i);
        defer! { log(format!("{label} {}", seen.get())) }
    }
    seen.set(99);
    log("set 99");
}

#[test]
fn block_form_in_a_loop_reads_outer_variables_as_they_are_at_exit() {
    block_form_sees_outer_at_exit();
    assert_eq!(take(), ["set 99", "seen 99", "seen 99", "seen 99"]);
}

#[with_defer]
fn all_forms_in_one_loop() {
    let late = Cell::new("start");
    for i in 0..2 {
        defer!(log(format!("call {i} {}", late.get())));
        defer! { log(format!("block {}", late.get())) }
        defer!(move { log(format!("move {i}")) });
        late.set(if i == 0 { "first" } else { "second" });
    }
    late.set("exit");
}

#[test]
fn three_forms_in_one_loop_body_run_in_exact_reverse() {
    all_forms_in_one_loop();
    assert_eq!(
        take(),
        [
            "move 1",
            "block exit",
            "call 1 first",
            "move 0",
            "block exit",
            "call 0 start"
        ]
    );
}

#[with_defer(named(n))]
fn named_digits(k: u32) -> u32 {
    for i in 1..=k {
        defer!(move { n = n * 10 + i });
    }
    log(format!("tail with n={n}"));
    0
}

#[test]
fn loop_defers_assign_named_results_at_exit() {
    assert_eq!(named_digits(3), 321);
    assert_eq!(take(), ["tail with n=0"]);
    assert_eq!(named_digits(0), 0);
    assert_eq!(take(), ["tail with n=0"]);
}

// ---- LIFO across tiers ----------------------------------------------------

#[with_defer]
fn tiers(flag: bool) {
    defer!(log("open a"));
    for i in 0..2 {
        defer!(log(format!("loop1 {i}")));
    }
    defer!(log("open b"));
    if flag {
        defer!(log("nested c"));
    }
    for i in 0..2 {
        defer!(log(format!("loop2 {i}")));
    }
    defer!(log("open d"));
    log("body end");
}

#[test]
fn loop_defers_before_between_and_after_open_coded_ones() {
    tiers(true);
    assert_eq!(
        take(),
        [
            "body end", "open d", "loop2 1", "loop2 0", "nested c", "open b", "loop1 1", "loop1 0",
            "open a"
        ]
    );
    tiers(false);
    assert_eq!(
        take(),
        ["body end", "open d", "loop2 1", "loop2 0", "open b", "loop1 1", "loop1 0", "open a"]
    );
}

#[with_defer]
fn one_statement_mixes_tiers(flag: bool, n: u32) {
    if flag {
        defer!(log("before loop"));
        for i in 0..n {
            defer!(log(format!("in loop {i}")));
            if i == 1 {
                defer!(log("in loop extra"));
            }
        }
        defer!(log("after loop"));
    }
    log("end");
}

#[test]
fn one_statement_with_loop_and_non_loop_defers_runs_in_exact_reverse() {
    one_statement_mixes_tiers(true, 3);
    assert_eq!(
        take(),
        [
            "end",
            "after loop",
            "in loop 2",
            "in loop extra",
            "in loop 1",
            "in loop 0",
            "before loop"
        ]
    );
    one_statement_mixes_tiers(true, 0);
    assert_eq!(take(), ["end", "after loop", "before loop"]);
    one_statement_mixes_tiers(false, 3);
    assert_eq!(take(), ["end"]);
}

#[with_defer]
fn list_after_eight_open_coded(flag: bool) {
    defer!(log("o0"));
    defer!(log("o1"));
    defer!(log("o2"));
    defer!(log("o3"));
    defer!(log("o4"));
    defer!(log("o5"));
    defer!(log("o6"));
    if flag {
        defer!(log("o7 nested"));
    }
    {
        defer!(log("overflow 8"));
        for i in 0..2 {
            defer!(log(format!("list {i}")));
        }
        defer!(log("overflow 9"));
    }
    defer!(log("overflow 10"));
}

#[test]
fn list_and_overflow_and_open_coded_in_exact_reverse() {
    list_after_eight_open_coded(true);
    assert_eq!(
        take(),
        [
            "overflow 10",
            "overflow 9",
            "list 1",
            "list 0",
            "overflow 8",
            "o7 nested",
            "o6",
            "o5",
            "o4",
            "o3",
            "o2",
            "o1",
            "o0"
        ]
    );
    list_after_eight_open_coded(false);
    assert_eq!(
        take(),
        [
            "overflow 10",
            "overflow 9",
            "list 1",
            "list 0",
            "overflow 8",
            "o6",
            "o5",
            "o4",
            "o3",
            "o2",
            "o1",
            "o0"
        ]
    );
}

// ---- break, continue, labels ----------------------------------------------

#[with_defer]
fn break_and_continue() {
    for i in 0..10 {
        if i == 1 {
            continue;
        }
        defer!(log(format!("d{i}")));
        if i % 2 == 0 {
            log(format!("continue {i}"));
            continue;
        }
        if i == 5 {
            log("break");
            break;
        }
    }
    log("after");
}

#[test]
fn break_and_continue_are_not_exits() {
    break_and_continue();
    assert_eq!(
        take(),
        [
            "continue 0",
            "continue 2",
            "continue 4",
            "break",
            "after",
            "d5",
            "d4",
            "d3",
            "d2",
            "d0"
        ]
    );
}

#[with_defer]
fn labeled() {
    'outer: for i in 0..3 {
        'inner: for j in 0..3 {
            if j == 2 {
                continue 'outer;
            }
            if i == 2 {
                break 'outer;
            }
            if i == 1 && j == 0 {
                defer!(log("skip inner"));
                continue 'inner;
            }
            defer!(log(format!("{i}{j}")));
        }
    }
    log("after outer");
}

#[test]
fn labeled_break_and_continue() {
    labeled();
    assert_eq!(take(), ["after outer", "11", "skip inner", "01", "00"]);
}

#[with_defer]
fn loop_break_value(stop: u32) -> u32 {
    defer!(log("top"));
    let mut i = 0;
    let found = loop {
        defer!(log(format!("iter {i}")));
        if i == stop {
            break i * 100;
        }
        i += 1;
    };
    log(format!("found {found}"));
    found + 1
}

#[test]
fn loop_with_a_break_value_then_the_defers_at_exit() {
    assert_eq!(loop_break_value(2), 201);
    assert_eq!(take(), ["found 200", "iter 2", "iter 1", "iter 0", "top"]);
}

// ---- return and ? from inside loops ----------------------------------------

#[with_defer]
fn find(values: &[i32], target: i32) -> Option<usize> {
    defer!(log("top"));
    for (index, &value) in values.iter().enumerate() {
        defer!(log(format!("visit {value}")));
        if value == target {
            log("found");
            return Some(index);
        }
        log(format!("next after {value}"));
    }
    defer!(log("not found"));
    None
}

#[test]
fn return_mid_iteration_runs_the_registered_entries() {
    assert_eq!(find(&[4, 5, 6], 5), Some(1));
    assert_eq!(
        take(),
        ["next after 4", "found", "visit 5", "visit 4", "top"]
    );
    assert_eq!(find(&[4, 5], 9), None);
    assert_eq!(
        take(),
        [
            "next after 4",
            "next after 5",
            "not found",
            "visit 5",
            "visit 4",
            "top"
        ]
    );
}

#[with_defer]
fn unit_return_in_nested_loop(stop: (u32, u32)) {
    for i in 0..3 {
        for j in 0..3 {
            defer!(log(format!("{i}{j}")));
            if (i, j) == stop {
                return;
            }
        }
    }
    log("completed");
}

#[test]
fn bare_return_from_a_nested_loop() {
    unit_return_in_nested_loop((1, 0));
    assert_eq!(take(), ["10", "02", "01", "00"]);
    unit_return_in_nested_loop((9, 9));
    assert_eq!(
        take(),
        [
            "completed",
            "22",
            "21",
            "20",
            "12",
            "11",
            "10",
            "02",
            "01",
            "00"
        ]
    );
}

#[with_defer]
fn sum_all(inputs: &[&str]) -> Result<i32, String> {
    defer!(log("first"));
    let mut sum = 0;
    for s in inputs {
        defer!(log(format!("saw {s}")));
        let n: i32 = s.parse().map_err(|_| format!("bad {s}"))?;
        defer!(log(format!("parsed {n}")));
        sum += n;
    }
    defer!(log(format!("sum {sum}")));
    Ok(sum)
}

#[test]
fn question_mark_inside_a_loop() {
    assert_eq!(sum_all(&["1", "x", "3"]), Err("bad x".to_string()));
    assert_eq!(take(), ["saw x", "parsed 1", "saw 1", "first"]);
    assert_eq!(sum_all(&["1", "2"]), Ok(3));
    assert_eq!(
        take(),
        ["sum 3", "parsed 2", "saw 2", "parsed 1", "saw 1", "first"]
    );
}

// ---- panics with list entries pending --------------------------------------

#[derive(Debug, PartialEq)]
struct Boom(u32);

#[with_defer]
fn panic_in_loop(at: u32) -> u32 {
    defer!(log("top"));
    for i in 0..5 {
        defer!(log(format!("entry {i}")));
        if i == at {
            panic_any(Boom(i));
        }
    }
    defer!(log("after loop"));
    at
}

#[test]
fn a_panic_runs_the_pending_entries_then_goes_on_with_its_payload() {
    let p = payload(|| panic_in_loop(2)).unwrap_err();
    assert_eq!(p.downcast_ref::<Boom>(), Some(&Boom(2)));
    assert_eq!(take(), ["entry 2", "entry 1", "entry 0", "top"]);
    assert_eq!(panic_in_loop(7), 7);
    assert_eq!(
        take(),
        [
            "after loop",
            "entry 4",
            "entry 3",
            "entry 2",
            "entry 1",
            "entry 0",
            "top"
        ]
    );
}

#[with_defer]
fn panic_after_mixed_statement(n: u32) {
    defer!(log("top"));
    if n > 0 {
        defer!(log("nested before"));
        for i in 0..n {
            defer!(log(format!("entry {i}")));
        }
        defer!(log("nested after"));
    }
    panic!("after {n} entries");
}

#[test]
fn a_panic_after_a_mixed_statement_runs_everything_in_order() {
    assert_eq!(
        panic_text(|| panic_after_mixed_statement(2)),
        Err("after 2 entries".to_string())
    );
    assert_eq!(
        take(),
        ["nested after", "entry 1", "entry 0", "nested before", "top"]
    );
}

#[with_defer]
fn entries_panic(bad: &[u32]) {
    defer!(log("top"));
    for i in 0..4 {
        let fails = bad.contains(&i);
        defer!(move {
            if fails {
                panic!("cleanup {i}");
            }
            log(format!("entry {i}"));
        });
    }
    log("body done");
}

#[test]
fn a_panicking_entry_does_not_skip_the_other_entries() {
    assert_eq!(
        panic_text(|| entries_panic(&[1])),
        Err("cleanup 1".to_string())
    );
    assert_eq!(
        take(),
        ["body done", "entry 3", "entry 2", "entry 0", "top"]
    );
    // Entries 2 and 0 panic; 0 runs last, so its panic is the one that goes on.
    assert_eq!(
        panic_text(|| entries_panic(&[0, 2])),
        Err("cleanup 0".to_string())
    );
    assert_eq!(take(), ["body done", "entry 3", "entry 1", "top"]);
}

#[with_defer]
fn recover_after_entries(n: u32) -> u32 {
    defer! {
        if let Some(p) = recover!() {
            log(format!("recovered {}", common::text(&*p)));
        }
    }
    for i in 0..n {
        defer!(log(format!("entry {i}")));
    }
    panic!("boom with {n}");
}

#[test]
fn entries_run_before_an_older_defer_recovers() {
    assert_eq!(recover_after_entries(3), 0);
    assert_eq!(
        take(),
        ["entry 2", "entry 1", "entry 0", "recovered boom with 3"]
    );
}

#[with_defer]
fn loop_entry_recovers(n: u32) -> u32 {
    defer!(log("top"));
    for i in 0..n {
        defer! {
            match recover!() {
                Some(p) => log(format!("recovered {}", common::text(&*p))),
                None => log("nothing"),
            }
        }
        log(format!("registered {i}"));
    }
    panic!("boom");
}

#[test]
fn only_the_newest_loop_entry_recovers() {
    assert_eq!(loop_entry_recovers(2), 0);
    assert_eq!(
        take(),
        [
            "registered 0",
            "registered 1",
            "recovered boom",
            "nothing",
            "top"
        ]
    );
}

// ---- shapes -----------------------------------------------------------------

#[with_defer]
fn sum_with_value(values: &[i32]) -> i32 {
    let mut total = 0;
    for &x in values {
        defer!(log(format!("x {x} total {total}")));
        total += x;
    }
    total
}

#[test]
fn value_returning_function_with_loop_defers() {
    assert_eq!(sum_with_value(&[1, 2, 3]), 6);
    assert_eq!(take(), ["x 3 total 3", "x 2 total 1", "x 1 total 0"]);
}

struct Stack {
    name: &'static str,
    items: Vec<u32>,
}

impl Stack {
    #[with_defer]
    fn drain(&mut self) -> usize {
        let mut n = 0;
        while let Some(item) = self.items.pop() {
            defer!(log(format!("drained {item}")));
            n += 1;
        }
        log(format!("{} empty", self.name));
        n
    }

    fn note(&self, i: u32) {
        log(format!("{} note {i}", self.name));
    }

    #[with_defer]
    fn notes(&self, n: u32) {
        for i in 0..n {
            defer!(self.note(i));
        }
        log("notes registered");
    }
}

#[test]
fn methods_with_loop_defers() {
    let mut s = Stack {
        name: "s",
        items: vec![1, 2],
    };
    assert_eq!(s.drain(), 2);
    assert!(s.items.is_empty());
    assert_eq!(take(), ["s empty", "drained 1", "drained 2"]);
    s.notes(2);
    assert_eq!(take(), ["notes registered", "s note 1", "s note 0"]);
}

#[with_defer]
fn generic_items<T: Debug>(items: &[T]) -> usize {
    for item in items {
        defer!(log(format!("{item:?}")));
    }
    items.len()
}

#[test]
fn generic_function_with_loop_defers() {
    assert_eq!(generic_items(&[Some(1), None]), 2);
    assert_eq!(take(), ["None", "Some(1)"]);
    assert_eq!(generic_items(&["a"]), 1);
    assert_eq!(take(), ["\"a\""]);
}

#[with_defer]
fn zero_registrations(n: u32, m: i32) -> u32 {
    defer!(log("only"));
    for i in 0..n {
        defer!(log(format!("for {i}")));
    }
    let mut k = m;
    while k > 0 {
        defer!(log(format!("while {k}")));
        k -= 1;
    }
    for i in 0..10 {
        if i > 100 {
            defer!(log("never"));
        }
    }
    n
}

#[test]
fn loops_that_register_nothing_run_no_entries() {
    assert_eq!(zero_registrations(0, 0), 0);
    assert_eq!(take(), ["only"]);
    assert_eq!(zero_registrations(0, -3), 0);
    assert_eq!(take(), ["only"]);
    assert_eq!(zero_registrations(2, 1), 2);
    assert_eq!(take(), ["while 1", "for 1", "for 0", "only"]);
}

#[with_defer]
fn recursive(depth: u32) {
    for i in 0..2 {
        defer!(log(format!("depth {depth} entry {i}")));
    }
    if depth > 0 {
        recursive(depth - 1);
        log(format!("back in {depth}"));
    }
}

#[test]
fn each_call_has_its_own_list() {
    recursive(1);
    assert_eq!(
        take(),
        [
            "depth 0 entry 1",
            "depth 0 entry 0",
            "back in 1",
            "depth 1 entry 1",
            "depth 1 entry 0"
        ]
    );
}

#[with_defer]
fn loop_in_deferred_code() {
    defer! {
        for i in 0..3 {
            defer!(log(format!("inner {i}")));
        }
        log("deferred body");
    }
    defer!(log("second"));
    log("body");
}

#[test]
fn loop_defers_inside_deferred_code_run_when_that_code_ends() {
    loop_in_deferred_code();
    assert_eq!(
        take(),
        [
            "body",
            "second",
            "deferred body",
            "inner 2",
            "inner 1",
            "inner 0"
        ]
    );
}

struct Loud(u32);

impl Loud {
    fn id(&self) -> u32 {
        self.0
    }
}

impl Drop for Loud {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[with_defer]
fn moved_guards() {
    for i in 0..2 {
        let guard = Loud(i);
        defer!(move { log(format!("run {}", guard.id())) });
        log(format!("end of iteration {i}"));
    }
    log("after loop");
}

#[test]
fn a_moved_value_lives_until_its_entry_runs() {
    moved_guards();
    assert_eq!(
        take(),
        [
            "end of iteration 0",
            "end of iteration 1",
            "after loop",
            "run 1",
            "drop 1",
            "run 0",
            "drop 0"
        ]
    );
}

// ---- scale -------------------------------------------------------------------

thread_local!(static CHECK: Cell<(u64, u64, u64)> = const { Cell::new((0, 0, 0)) });

/// Records one entry run: (runs, entries seen out of order, next expected).
fn check(i: u64) {
    CHECK.with(|c| {
        let (runs, wrong, expected) = c.get();
        let wrong = wrong + u64::from(i != expected);
        c.set((runs + 1, wrong, expected.wrapping_sub(1)));
    });
}

#[with_defer]
fn million(n: u64) -> u64 {
    CHECK.with(|c| c.set((0, 0, n - 1)));
    for i in 0..n {
        defer!(check(i));
    }
    n
}

#[test]
fn a_million_loop_entries_run_once_each_in_reverse() {
    assert_eq!(million(1_000_000), 1_000_000);
    // Every entry ran once, each the one expected, ending below 0.
    assert_eq!(CHECK.with(Cell::get), (1_000_000, 0, u64::MAX));
}

#[with_defer]
fn million_with_markers(n: u64) {
    CHECK.with(|c| c.set((0, 0, n - 1)));
    defer!(log("first"));
    for i in 0..n {
        defer!(check(i));
        if i == n / 2 {
            defer!(log(CHECK.with(Cell::get).0.to_string()));
            defer! { log(format!("runs before marker {}", CHECK.with(Cell::get).0)) }
        }
    }
    log("registered");
}

#[test]
fn a_million_entries_interleaved_with_other_sites() {
    million_with_markers(1_000_000);
    assert_eq!(CHECK.with(Cell::get), (1_000_000, 0, u64::MAX));
    // The block marker registered after entry 500_000, so it runs after the
    // 499_999 newer entries; the call marker's argument was taken at its
    // statement (0 runs then).
    assert_eq!(
        take(),
        ["registered", "runs before marker 499999", "0", "first"]
    );
}

// ---- more shapes ---------------------------------------------------------

#[with_defer]
fn tail_loop(stop: u32) -> u32 {
    defer!(log("top"));
    let mut i = 0;
    loop {
        defer!(log(format!("tail iter {i}")));
        if i == stop {
            break i + 10;
        }
        i += 1;
    }
}

#[test]
fn a_loop_as_the_tail_expression_yields_its_break_value() {
    assert_eq!(tail_loop(1), 11);
    assert_eq!(take(), ["tail iter 1", "tail iter 0", "top"]);
}

#[with_defer]
fn defer_in_defer_in_loop() {
    for i in 0..2 {
        defer!(move {
            defer!(log(format!("inner {i}")));
            log(format!("outer {i}"));
        });
    }
    log("body");
}

#[test]
fn a_loop_entry_with_its_own_defer_runs_it_when_the_entry_ends() {
    defer_in_defer_in_loop();
    assert_eq!(take(), ["body", "outer 1", "inner 1", "outer 0", "inner 0"]);
}

#[with_defer]
fn deferred_code_with_mixed_sites(n: u32) {
    defer! {
        defer!(log("deferred first"));
        for i in 0..n {
            defer!(log(format!("deferred entry {i}")));
            if i == 0 {
                defer!(log("deferred marker"));
            }
        }
        log("deferred body");
    }
    log("body");
}

#[test]
fn loop_and_other_sites_inside_deferred_code_run_in_exact_reverse() {
    deferred_code_with_mixed_sites(2);
    assert_eq!(
        take(),
        [
            "body",
            "deferred body",
            "deferred entry 1",
            "deferred marker",
            "deferred entry 0",
            "deferred first"
        ]
    );
}

#[with_defer]
fn labeled_block_in_loop(n: u32) {
    for i in 0..n {
        'check: {
            if i % 2 == 1 {
                break 'check;
            }
            defer!(log(format!("even {i}")));
        }
        defer!(log(format!("each {i}")));
    }
}

#[test]
fn defers_in_a_labeled_block_inside_a_loop() {
    labeled_block_in_loop(4);
    assert_eq!(
        take(),
        ["each 3", "each 2", "even 2", "each 1", "each 0", "even 0"]
    );
}

#[with_defer]
fn option_in_nested_loops(grid: &[&[Option<u32>]]) -> Option<u32> {
    let mut sum = 0;
    for (r, row) in grid.iter().enumerate() {
        for cell in row.iter() {
            let v = (*cell)?;
            defer!(log(format!("r{r} v{v}")));
            sum += v;
        }
    }
    Some(sum)
}

#[test]
fn question_mark_on_option_in_nested_loops() {
    assert_eq!(
        option_in_nested_loops(&[&[Some(1), Some(2)], &[Some(3)]]),
        Some(6)
    );
    assert_eq!(take(), ["r1 v3", "r0 v2", "r0 v1"]);
    assert_eq!(
        option_in_nested_loops(&[&[Some(1)], &[Some(3), None, Some(4)]]),
        None
    );
    assert_eq!(take(), ["r1 v3", "r0 v1"]);
}

#[with_defer(named(n))]
fn named_panic_recover() -> u32 {
    defer! {
        if let Some(p) = recover!() {
            log(format!("recovered {} at n={n}", common::text(&*p)));
            n += 1000;
        }
    }
    for i in 1..=3 {
        defer!(move {
            n = n * 10 + i;
            if i == 2 {
                panic!("entry {i}");
            }
        });
    }
    0
}

#[test]
fn a_panicking_loop_entry_keeps_its_named_result_writes_and_is_recovered() {
    assert_eq!(named_panic_recover(), 1321);
    assert_eq!(take(), ["recovered entry 2 at n=321"]);
}

#[with_defer]
fn move_borrowed_items(items: &[String]) {
    let prefix = "item";
    for item in items {
        defer!(move { log(format!("{prefix} {item}")) });
    }
    log("registered");
}

#[test]
fn move_form_in_a_loop_copies_borrows_of_outer_data() {
    move_borrowed_items(&["a".into(), "b".into()]);
    assert_eq!(take(), ["registered", "item b", "item a"]);
}

// ---- storage: no allocation per entry ---------------------------------------

/// Counts this thread's allocations, so that tests running in parallel do
/// not see each other's.
struct CountingAlloc;

thread_local!(static ALLOCATIONS: Cell<usize> = const { Cell::new(0) });

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        // SAFETY: the caller's contract is passed on.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract is passed on.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        // SAFETY: the caller's contract is passed on.
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[with_defer]
fn quiet_entries(n: u64) {
    CHECK.with(|c| c.set((0, 0, n - 1)));
    for i in 0..n {
        defer!(check(i));
    }
}

#[with_defer]
fn quiet_mixed(n: u64) {
    CHECK.with(|c| c.set((0, 0, n - 1)));
    for i in 0..n {
        defer!(check(i));
        if i == n / 2 {
            defer! { CHECK.with(|c| c.set((c.get().0 + 1000, c.get().1, c.get().2))) }
        }
    }
}

#[test]
fn the_list_grows_geometrically_not_per_entry() {
    // A doubling Vec from 4 slots to 4096 allocates 11 times.
    let allocations = allocations_in(|| quiet_entries(4096));
    assert_eq!(CHECK.with(Cell::get), (4096, 0, u64::MAX));
    assert!(
        allocations <= 16,
        "{allocations} allocations for 4096 entries"
    );
    // Twice the entries, at most one more allocation.
    let more = allocations_in(|| quiet_entries(8192));
    assert_eq!(CHECK.with(Cell::get), (8192, 0, u64::MAX));
    assert!(
        more <= allocations + 1,
        "{more} allocations for 8192 entries"
    );
    // With a second site the order log doubles as well: two Vecs.
    let allocations = allocations_in(|| quiet_mixed(4096));
    assert_eq!(CHECK.with(Cell::get), (4096 + 1000, 0, u64::MAX));
    assert!(
        allocations <= 32,
        "{allocations} allocations for 4097 entries"
    );
}

#[test]
fn a_loop_that_registers_up_to_eight_defers_allocates_nothing() {
    assert_eq!(allocations_in(|| quiet_entries(1)), 0);
    assert_eq!(allocations_in(|| quiet_entries(8)), 0);
    // The ninth entry spills to the heap.
    assert_eq!(allocations_in(|| quiet_entries(9)), 1);
    // With the order log (a loop defer and a nested one in one statement).
    assert_eq!(allocations_in(|| quiet_mixed(4)), 0);
}

#[with_defer]
fn quiet_past_eight(nested: bool) {
    CHECK.with(|c| c.set((0, 0, 11)));
    defer!(check(0));
    defer!(check(1));
    defer!(check(2));
    defer!(check(3));
    defer!(check(4));
    defer!(check(5));
    defer!(check(6));
    defer!(check(7));
    defer!(check(8));
    if nested {
        defer!(check(9));
        {
            defer!(check(10));
        }
    }
    defer!(check(11));
}

#[test]
fn defers_outside_loops_past_the_eighth_allocate_nothing() {
    assert_eq!(allocations_in(|| quiet_past_eight(true)), 0);
    assert_eq!(CHECK.with(Cell::get), (12, 0, u64::MAX));
}

// ---- odd places and return shapes --------------------------------------------

#[with_defer]
fn defer_in_while_condition(mut n: u32) {
    while {
        defer!(log(format!("cond {n}")));
        n > 0
    } {
        n -= 1;
    }
    log("after while");
}

#[test]
fn a_defer_in_a_while_condition_registers_each_time_the_condition_runs() {
    defer_in_while_condition(2);
    assert_eq!(take(), ["after while", "cond 0", "cond 1", "cond 2"]);
}

#[with_defer]
fn defer_in_iterator_expression(n: u32) {
    for i in {
        defer!(log("iterator expression"));
        0..n
    } {
        defer!(log(format!("i {i}")));
    }
}

#[test]
fn a_defer_in_a_for_iterator_expression_registers_once() {
    defer_in_iterator_expression(2);
    assert_eq!(take(), ["i 1", "i 0", "iterator expression"]);
    defer_in_iterator_expression(0);
    assert_eq!(take(), ["iterator expression"]);
}

#[with_defer]
fn defer_as_loop_tail(n: u32) {
    for i in 0..n {
        defer!(log(format!("tail {i}")))
    }
    let mut k = 0;
    while k < n {
        k += 1;
        if k % 2 == 0 {
            defer!(log(format!("even k {k}")))
        }
    }
}

#[test]
fn a_defer_without_semicolon_as_the_loop_bodys_tail() {
    defer_as_loop_tail(3);
    assert_eq!(take(), ["even k 2", "tail 2", "tail 1", "tail 0"]);
}

struct Cells {
    values: Vec<u32>,
}

impl Cells {
    #[with_defer]
    fn last_mut(&mut self) -> Option<&mut u32> {
        for v in &self.values {
            defer!(log(format!("saw {v}")));
        }
        self.values.last_mut()
    }
}

#[test]
fn a_method_returning_a_borrow_of_self_with_loop_defers() {
    let mut cells = Cells { values: vec![1, 2] };
    if let Some(last) = cells.last_mut() {
        *last = 9;
    }
    assert_eq!(cells.values, [1, 9]);
    assert_eq!(take(), ["saw 2", "saw 1"]);
}

#[with_defer]
fn never_returns(stop: u32) -> ! {
    let mut i = 0;
    loop {
        defer!(log(format!("never {i}")));
        if i == stop {
            panic!("stopped at {i}");
        }
        i += 1;
    }
}

#[test]
fn a_diverging_function_with_loop_defers() {
    assert_eq!(panic_text(|| never_returns(2)), Err("stopped at 2".into()));
    assert_eq!(take(), ["never 2", "never 1", "never 0"]);
}

#[with_defer]
fn impl_return(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        defer!(log(format!("entry {i}")));
    }
    (0..n).map(|i| i * 2)
}

#[test]
fn an_impl_trait_return_with_loop_defers() {
    assert_eq!(impl_return(3).collect::<Vec<_>>(), [0, 2, 4]);
    assert_eq!(take(), ["entry 2", "entry 1", "entry 0"]);
}

#[with_defer]
fn return_with_order_log(stop: u32) -> u32 {
    defer!(log("top"));
    for i in 0..5 {
        defer!(log(format!("a{i}")));
        if i % 2 == 0 {
            defer!(log(format!("b{i}")));
        }
        if i == stop {
            return i * 10;
        }
    }
    defer!(log("after"));
    99
}

#[test]
fn return_mid_loop_with_several_sites_in_the_loop() {
    assert_eq!(return_with_order_log(2), 20);
    assert_eq!(take(), ["b2", "a2", "a1", "b0", "a0", "top"]);
    assert_eq!(return_with_order_log(9), 99);
    assert_eq!(
        take(),
        ["after", "b4", "a4", "a3", "b2", "a2", "a1", "b0", "a0", "top"]
    );
}

#[with_defer]
fn question_in_arguments(inputs: &[&str]) -> Result<usize, String> {
    defer!(log("top"));
    for s in inputs {
        defer!(log(format!(
            "value {}",
            s.parse::<i32>().map_err(|_| format!("bad {s}"))?
        )));
    }
    defer!(log("after"));
    Ok(inputs.len())
}

#[test]
fn question_mark_in_a_loop_defers_arguments_leaves_at_the_statement() {
    assert_eq!(question_in_arguments(&["1", "x", "3"]), Err("bad x".into()));
    assert_eq!(take(), ["value 1", "top"]);
    assert_eq!(question_in_arguments(&["1", "2"]), Ok(2));
    assert_eq!(take(), ["after", "value 2", "value 1", "top"]);
}

#[with_defer(named(n))]
fn named_with_order_log(k: u32) -> u32 {
    for i in 1..=k {
        defer!(move { n = n * 10 + i });
        if i == 1 {
            defer!(move { n += 5 });
        }
    }
    0
}

#[test]
fn named_results_through_several_sites_in_one_loop() {
    // Registered: 1, +5, 2, 3. Exit from n = 0: 3, then 2, then +5, then 1.
    assert_eq!(named_with_order_log(3), ((3 * 10 + 2) + 5) * 10 + 1);
    assert_eq!(named_with_order_log(3), 371);
    assert_eq!(named_with_order_log(1), 51);
}

#[with_defer(named(total = Ok(0)))]
fn named_question_in_loop(inputs: &[&str]) -> Result<i32, String> {
    for s in inputs {
        let v: i32 = s.parse().map_err(|_| format!("bad {s}"))?;
        defer!(move {
            if let Ok(t) = &mut total {
                *t += v;
            }
        });
        if v < 0 {
            defer! { log(format!("negative, total {total:?}")) }
        }
    }
    Ok(0)
}

#[test]
fn question_mark_in_a_loop_with_named_results() {
    assert_eq!(named_question_in_loop(&["1", "-2", "3"]), Ok(2));
    assert_eq!(take(), ["negative, total Ok(3)"]);
    assert_eq!(named_question_in_loop(&["-1", "x"]), Err("bad x".into()));
    assert_eq!(take(), ["negative, total Err(\"bad x\")"]);
}

fn checked(i: u32) -> String {
    if i == 2 {
        panic!("argument {i}");
    }
    format!("arg {i}")
}

#[with_defer]
fn panic_in_arguments() {
    defer!(log("top"));
    for i in 0..4 {
        defer!(log(checked(i)));
    }
}

#[test]
fn a_panic_while_evaluating_a_loop_defers_arguments_registers_nothing() {
    assert_eq!(panic_text(panic_in_arguments), Err("argument 2".into()));
    assert_eq!(take(), ["arg 1", "arg 0", "top"]);
}
