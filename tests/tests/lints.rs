//! SPEC §9: the expansion is lint-clean. This file denies warnings,
//! `clippy::all` and `clippy::pedantic`, and forbids unsafe code; `cargo clippy
//! --all-targets -- -D warnings` over it proves every form's expansion clean.
#![forbid(unsafe_code)]
#![deny(warnings)]
#![deny(clippy::all, clippy::pedantic)]

mod common;

use common::{log, panic_text, take, text};
use defer_core::with_defer;

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
fn all_forms(a: &str, b: &str) -> Result<i32, String> {
    let mut n = parse(a)?;
    defer!(log(format!("call {n}")));
    defer! { log(format!("block {n}")) }
    defer!(move { log(format!("move {n}")) });
    if n > 0 {
        defer!(log("nested call"));
        defer! { log("nested block") }
    }
    defer! {
        defer!(log("inner"));
        log("outer");
    }
    n += parse(b)?;
    Ok(n)
}

#[test]
fn lint_clean_all_forms() {
    assert_eq!(all_forms("1", "2"), Ok(3));
    assert_eq!(
        take(),
        [
            "outer",
            "inner",
            "nested block",
            "nested call",
            "move 1",
            "block 3",
            "call 1"
        ]
    );
    assert_eq!(all_forms("1", "x"), Err("bad x".into()));
    assert_eq!(
        take(),
        [
            "outer",
            "inner",
            "nested block",
            "nested call",
            "move 1",
            "block 1",
            "call 1"
        ]
    );
    assert_eq!(all_forms("y", "1"), Err("bad y".into()));
    assert_eq!(take(), Vec::<String>::new());
}

#[with_defer]
fn option_exits(v: &[u8]) -> Option<u8> {
    defer!(log("d1"));
    let first = *v.first()?;
    defer!(log(format!("d2 {first}")));
    for x in v {
        if *x == 0 {
            return None;
        }
    }
    let last = *v.last()?;
    Some(first.max(last))
}

#[test]
fn lint_clean_option_and_returns() {
    assert_eq!(option_exits(&[]), None);
    assert_eq!(take(), ["d1"]);
    assert_eq!(option_exits(&[2, 0]), None);
    assert_eq!(take(), ["d2 2", "d1"]);
    assert_eq!(option_exits(&[2, 5]), Some(5));
    assert_eq!(take(), ["d2 2", "d1"]);
}

#[with_defer]
fn unit_with_recover(fail: bool) {
    defer!(log("d0"));
    defer! {
        if let Some(p) = recover!() {
            log(format!("recovered {}", text(&*p)));
        }
    }
    assert!(!fail, "lint panic");
    log("body");
}

#[test]
fn lint_clean_recover() {
    assert_eq!(panic_text(|| unit_with_recover(true)), Ok(()));
    assert_eq!(take(), ["recovered lint panic", "d0"]);
    unit_with_recover(false);
    assert_eq!(take(), ["body", "d0"]);
}

#[with_defer]
fn panics_through(n: u32) -> u32 {
    defer!(log("d"));
    defer! {
        log("before return");
        if n > 1 {
            return;
        }
        log("after return");
    }
    assert!(n < 3, "too big: {n}");
    n * 2
}

#[test]
fn lint_clean_panic_and_bare_return_in_defer() {
    assert_eq!(panics_through(1), 2);
    assert_eq!(take(), ["before return", "after return", "d"]);
    assert_eq!(panic_text(|| panics_through(5)), Err("too big: 5".into()));
    assert_eq!(take(), ["before return", "d"]);
}

struct Meter {
    reads: Vec<u32>,
}

impl Meter {
    #[with_defer]
    fn record(&mut self, v: u32) -> usize {
        defer! { log(format!("len {}", self.reads.len())) }
        self.reads.push(v);
        self.reads.len()
    }

    #[with_defer]
    fn latest(&mut self) -> Option<&mut u32> {
        defer!(log("latest"));
        self.reads.last_mut()
    }

    #[with_defer]
    fn describe(&self) -> String {
        defer!(self.note("describe"));
        format!("{:?}", self.reads)
    }

    fn note(&self, what: &str) {
        log(format!("{what} {}", self.reads.len()));
    }
}

#[test]
fn lint_clean_methods() {
    let mut m = Meter { reads: Vec::new() };
    assert_eq!(m.record(4), 1);
    if let Some(r) = m.latest() {
        *r += 1;
    }
    assert_eq!(m.describe(), "[5]");
    assert_eq!(take(), ["len 1", "latest", "describe 1"]);
}

#[with_defer]
fn generic_display<T: std::fmt::Display>(x: &T, s: &str) -> Result<impl std::fmt::Display, String> {
    defer!(log(format!("shown {x}")));
    let n = parse(s)?;
    Ok(format!("{x}{n}"))
}

#[test]
fn lint_clean_generic_impl_trait() {
    assert_eq!(
        generic_display(&"a", "1").map(|d| d.to_string()),
        Ok("a1".into())
    );
    assert_eq!(take(), ["shown a"]);
}

#[with_defer]
fn tail_and_late_receiver() -> usize {
    let mut v = vec![1];
    defer!(v.clear());
    defer! { log(format!("len {}", v.len())) }
    v.push(2);
    v.len()
}

#[test]
fn lint_clean_tail_and_receiver() {
    assert_eq!(tail_and_late_receiver(), 2);
    assert_eq!(take(), ["len 2"]);
}

/// Named results in every tier: an inline block that assigns one, an inline
/// block that does not touch them, a call form, a stored block, a loop, a
/// `move` form, `?` and `return`, and a recovered panic.
#[with_defer(named(count = 0, err = None))]
fn named_everywhere(words: &[&str], fail: bool) -> (usize, Option<String>) {
    defer! {
        if let Some(e) = &mut err {
            e.push_str(" (wrapped)");
        }
    }
    defer! { log("untouched") }
    defer!(log(format!("call sees {count}")));
    if fail {
        defer! {
            if recover!().is_some() {
                err = Some(String::from("recovered"));
            }
        }
    }
    for word in words {
        defer!(move log(format!("word {word}")));
        count += 1;
    }
    if words.is_empty() {
        return (0, Some(String::from("empty")));
    }
    assert!(!fail, "lint failure");
    (count * 10, None)
}

#[test]
fn lint_clean_named_results() {
    assert_eq!(named_everywhere(&["a", "b"], false), (20, None));
    assert_eq!(take(), ["word b", "word a", "call sees 0", "untouched"]);
    assert_eq!(
        named_everywhere(&[], false),
        (0, Some(String::from("empty (wrapped)")))
    );
    assert_eq!(take(), ["call sees 0", "untouched"]);
    assert_eq!(
        named_everywhere(&["a"], true),
        (1, Some(String::from("recovered (wrapped)")))
    );
    assert_eq!(take(), ["word a", "call sees 0", "untouched"]);
}

/// Deferred code that moves named results out and gives them back, inline
/// and stored, in a statement, an `if let` and a `let`.
#[with_defer(named(count = 0, err = None))]
fn named_moved(words: &[&str]) -> (usize, Option<String>) {
    defer! {
        err = err.map(|e| format!("{e} (moved)"));
    }
    if !words.is_empty() {
        defer! {
            if let Some(e) = err {
                err = Some(format!("{e}, {count} words"));
            }
            let total = count.saturating_mul(2);
            count = total;
        }
    }
    (words.len(), Some(String::from("done")))
}

#[test]
fn lint_clean_moved_named_results() {
    assert_eq!(
        named_moved(&["a", "b"]),
        (4, Some(String::from("done, 2 words (moved)")))
    );
    assert_eq!(named_moved(&[]), (0, Some(String::from("done (moved)"))));
}

// Closure frames: a written and an inferred return type, `?` and `return`
// in a non-innermost level, a loop defer, `recover!()`, a nested closure.
#[with_defer]
fn closure_frames(inputs: &[&str]) -> Result<i32, String> {
    defer!(log("function"));
    let checked = |s: &str| -> Result<i32, String> {
        defer!(log(format!("checked {s}")));
        let n = parse(s)?;
        defer! { log(format!("in range {n}")) }
        if n > 9 {
            return Ok(9);
        }
        Ok(n)
    };
    let safe = |n: i32| {
        defer! {
            if let Some(payload) = recover!() {
                log(format!("recovered {}", text(&*payload)));
            }
        }
        for i in 0..n {
            defer!(log(format!("loop {i}")));
        }
        let square = move |m: i32| {
            defer!(log("square"));
            m * m
        };
        assert!(n < 3, "too big");
        square(n)
    };
    let mut sum = 0;
    for input in inputs {
        sum += safe(checked(input)?);
    }
    Ok(sum)
}

#[test]
fn lint_clean_closure_frames() {
    assert_eq!(panic_text(|| closure_frames(&["2", "12"])), Ok(Ok(4)));
    assert_eq!(
        take(),
        [
            "in range 2",
            "checked 2",
            "square",
            "loop 1",
            "loop 0",
            "in range 12",
            "checked 12",
            "loop 8",
            "loop 7",
            "loop 6",
            "loop 5",
            "loop 4",
            "loop 3",
            "loop 2",
            "loop 1",
            "loop 0",
            "recovered too big",
            "function",
        ]
    );
}

// A re-pointed `&mut` parameter and `let mut` binding: the levels take them
// by value, and their `mut` stays used (no `unused_mut`).
#[with_defer]
fn repointed(src: &[u8], mut dst: &mut [u8]) -> usize {
    defer!(log("copied"));
    let mut spare: &mut [u8] = &mut [];
    let mut copied = 0;
    while !dst.is_empty() {
        let n = dst.len().min(src.len());
        dst[..n].copy_from_slice(&src[..n]);
        spare = &mut spare[..];
        dst = &mut dst[n..];
        copied += n;
    }
    copied + spare.len()
}

#[test]
fn lint_clean_repointed_mut_bindings() {
    let mut buffer = [0u8; 3];
    assert_eq!(repointed(&[4, 5], &mut buffer), 3);
    assert_eq!((buffer, take()), ([4, 5, 4], vec!["copied".to_string()]));
}

struct Ledger {
    balance: i32,
}

impl Ledger {
    fn debit(&mut self, amount: i32) -> Result<(), String> {
        if amount > self.balance {
            return Err(format!("{amount} is more than {}", self.balance));
        }
        self.balance -= amount;
        Ok(())
    }
}

// `e?;` as a statement, rewritten in a level (named results, and between
// two top-level defers): no `unnecessary_semicolon` on the user's `;`.
#[with_defer(named(err = Ok(())))]
fn question_statements(ledger: &mut Ledger, amounts: &[i32]) -> Result<(), String> {
    defer!(log("named"));
    for &amount in amounts {
        ledger.debit(amount)?;
    }
    err
}

#[with_defer]
fn question_between_defers(ledger: &mut Ledger, amount: i32) -> Result<i32, String> {
    defer!(log("first"));
    ledger.debit(amount)?;
    defer!(log("second"));
    ledger.debit(amount)?;
    Ok(ledger.balance)
}

#[test]
fn lint_clean_question_mark_statements() {
    let mut ledger = Ledger { balance: 10 };
    assert_eq!(question_statements(&mut ledger, &[3, 4]), Ok(()));
    assert_eq!(
        question_statements(&mut ledger, &[5]),
        Err("5 is more than 3".to_string())
    );
    assert_eq!(question_between_defers(&mut ledger, 1), Ok(1));
    assert_eq!(
        question_between_defers(&mut ledger, 1),
        Err("1 is more than 0".to_string())
    );
    assert_eq!(
        take(),
        ["named", "named", "second", "first", "second", "first"]
    );
}

// The user's own lints still fire inside a rewritten function: its body
// keeps its span (issue #15, part 1). `expect` fails the build if they do
// not.
/// Halves an even number.
#[expect(clippy::missing_panics_doc, clippy::must_use_candidate)]
#[with_defer]
pub fn half(x: u32) -> u32 {
    defer!(log("halved"));
    assert!(x.is_multiple_of(2), "odd");
    x / 2
}

#[test]
fn user_lints_fire_in_a_rewritten_function() {
    assert_eq!(half(4), 2);
    assert_eq!(take(), ["halved"]);
}

// A function returning a borrow of `&mut self` or of a `&mut` parameter:
// the levels take them by value (`let __defer_self = self;`, `let b = b;`).
struct Names {
    all: Vec<String>,
}

impl Names {
    #[with_defer]
    fn first_or<'a>(&'a mut self, fallback: &'a mut String) -> &'a mut String {
        defer!(log("first_or"));
        if self.all.is_empty() {
            return fallback;
        }
        defer!(log("found"));
        &mut self.all[0]
    }
}

#[test]
fn lint_clean_returned_borrows() {
    let mut names = Names { all: Vec::new() };
    let mut fallback = String::from("none");
    names.first_or(&mut fallback).push('!');
    names.all.push(String::from("a"));
    names.first_or(&mut fallback).push('?');
    assert_eq!((fallback.as_str(), names.all[0].as_str()), ("none!", "a?"));
    assert_eq!(take(), ["first_or", "found", "first_or"]);
}

// ---- issue #16: `async fn` -------------------------------------------------

async fn settle(what: &str) {
    common::yield_now().await;
    log(format!("settle {what}"));
}

#[with_defer(named(err = Ok(())))]
async fn async_everything(input: &str) -> Result<(), String> {
    defer! {
        if let Err(e) = &err {
            log(format!("failed: {e}"));
        }
    }
    let n = parse(input)?;
    defer! { settle("block").await; }
    defer!(settle(&format!("call {n}")).await);
    defer!(move { settle(&format!("move {n}")).await });
    defer! {
        defer!(settle("inner").await);
        if recover!().is_some() {
            log("recovered");
        }
    }
    common::yield_now().await;
    if n < 0 {
        return Err("negative".to_string());
    }
    Ok(())
}

#[with_defer]
async fn async_value(input: &str) -> Result<i32, String> {
    defer!(settle("value").await);
    let n = parse(input)?;
    common::yield_now().await;
    Ok(n * 2)
}

#[test]
fn lint_clean_async_fn() {
    assert_eq!(common::block_on(async_everything("1")), Ok(()));
    assert_eq!(
        take(),
        [
            "settle inner",
            "settle move 1",
            "settle call 1",
            "settle block"
        ]
    );
    assert_eq!(
        common::block_on(async_everything("-1")),
        Err("negative".to_string())
    );
    assert_eq!(
        take(),
        [
            "settle inner",
            "settle move -1",
            "settle call -1",
            "settle block",
            "failed: negative"
        ]
    );
    assert_eq!(common::block_on(async_value("x")), Err("bad x".to_string()));
    assert_eq!(take(), ["settle value"]);
    assert_eq!(common::block_on(async_value("4")), Ok(8));
    assert_eq!(take(), ["settle value"]);
}

#[with_defer(named(done = 0))]
async fn async_stored(names: &[&str]) -> usize {
    for name in names {
        defer!(settle(name).await);
        defer! {
            done += 1;
        }
    }
    if names.is_empty() {
        defer!(move { settle("none").await });
    }
    done
}

#[test]
fn lint_clean_async_stored_defers() {
    assert_eq!(common::block_on(async_stored(&["a", "b"])), 2);
    assert_eq!(take(), ["settle b", "settle a"]);
    assert_eq!(common::block_on(async_stored(&[])), 0);
    assert_eq!(take(), ["settle none"]);
}

// ---- issue #17: `errdefer!` and `okdefer!` ---------------------------------

#[with_defer(named(err = Ok(())))]
fn outcome_named(fail: bool) -> Result<(), String> {
    errdefer! { log(format!("failed with {err:?}")) }
    okdefer!(log("ok"));
    if fail {
        errdefer!(log("nested"));
        return Err("no".to_string());
    }
    Ok(())
}

#[with_defer]
fn outcome_value(text: &str) -> Result<i32, String> {
    errdefer!(|e| format!("parsing: {e}"));
    okdefer!(move { log("parsed") });
    parse(text)
}

#[test]
fn lint_clean_errdefer_and_okdefer() {
    assert_eq!(outcome_named(false), Ok(()));
    assert_eq!(take(), ["ok"]);
    assert_eq!(outcome_named(true), Err("no".to_string()));
    assert_eq!(take(), ["nested", "failed with Err(\"no\")"]);
    assert_eq!(outcome_value("x"), Err("parsing: bad x".to_string()));
    assert_eq!(outcome_value("2"), Ok(2));
    assert_eq!(take(), ["parsed"]);
}
