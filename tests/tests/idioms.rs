//! Everyday Go functions, ported as a new user would write them (issue #14).
//! Each test names the Go code it ports and asserts what Go returns and does.
mod common;

use common::{log, take};
use defer_core::with_defer;
use std::error::Error;
use std::fmt;

// ---- 1. deferred code owns the named results -----------------------------
//
// Go:
//     func load(path string) (res error) {
//         defer func() {
//             if res != nil { res = fmt.Errorf("loading %s: %w", path, res) }
//         }()
//         if missing { return errors.New("no such file") }
//         return nil
//     }

#[with_defer(named(res = Ok(())))]
fn load(path: &str, missing: bool) -> anyhow::Result<()> {
    defer! { res = anyhow::Context::context(res, format!("loading {path}")) }
    if missing {
        return Err(anyhow::anyhow!("no such file"));
    }
    Ok(())
}

#[test]
fn deferred_code_wraps_the_error_by_value() {
    assert!(load("a.toml", false).is_ok());
    let error = load("a.toml", true).unwrap_err();
    assert_eq!(format!("{error:#}"), "loading a.toml: no such file");
}

#[derive(Debug)]
struct Ctx {
    source: Box<dyn Error>,
}

impl fmt::Display for Ctx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "port: {}", self.source)
    }
}

impl Error for Ctx {}

// Go:
//     func parsePort(s string) (port int, err error) {
//         defer func() { if err != nil { err = &Ctx{source: err} } }()
//         return strconv.Atoi(s)
//     }
#[with_defer(named(err = Ok(0)))]
fn parse_port(s: &str) -> Result<u16, Box<dyn Error>> {
    defer! {
        if let Err(e) = err {
            err = Err(Box::new(Ctx { source: e }));
        }
    }
    Ok(s.parse::<u16>()?)
}

#[test]
fn an_if_let_that_moves_the_error_keeps_the_ok_value() {
    assert_eq!(parse_port("80").unwrap(), 80);
    let error = parse_port("eighty").unwrap_err();
    assert_eq!(error.to_string(), "port: invalid digit found in string");
    assert!(error.downcast_ref::<Ctx>().is_some());
}

fn join(first: Result<(), String>, second: &str) -> Result<(), String> {
    match first {
        Ok(()) => Err(second.to_string()),
        Err(e) => Err(format!("{e}; {second}")),
    }
}

// Every tier: top level (inline), nested (a stored slot), in a loop (the
// runtime list), past the 8th, `move` form, and a defer inside deferred
// code. Go: `defer func() { err = join(err, "..") }()` in each place.
#[with_defer(named(err = Ok(())))]
fn every_tier(nested: bool) -> Result<(), String> {
    defer! { err = join(err, "top") }
    if nested {
        defer! { err = join(err, "nested") }
    }
    for i in 0..2 {
        defer!(move { err = join(err, &format!("loop {i}")) });
    }
    defer! {
        defer! { err = join(err, "inner") }
        err = join(err, "outer");
    }
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer! { err = join(err, "ninth") }
    Err("body".into())
}

#[test]
fn every_tier_moves_the_named_result_and_gives_it_back() {
    assert_eq!(
        every_tier(true),
        Err("body; ninth; outer; inner; loop 1; loop 0; nested; top".into())
    );
    assert_eq!(take(), ["d8", "d7", "d6", "d5"]);
    assert_eq!(
        every_tier(false),
        Err("body; ninth; outer; inner; loop 1; loop 0; top".into())
    );
    take();
}

// What a panic leaves. Only the statement that has taken the result by
// value loses it: there the result holds its initial value; every other
// write stays, as in Go.

fn exploding(_: Result<(), String>) -> Result<(), String> {
    panic!("while wrapping")
}

#[with_defer(named(err = Ok(())))]
fn panic_while_taken() -> Result<(), String> {
    defer! {
        if recover!().is_some() {
            log(format!("recovered, err = {err:?}"));
        }
    }
    defer! { err = exploding(err) }
    Err("body".into())
}

#[with_defer(named(err = Ok(())))]
fn panic_after_given_back() -> Result<(), String> {
    defer! {
        if recover!().is_some() {
            log(format!("recovered, err = {err:?}"));
        }
    }
    defer! {
        err = join(err, "wrapped");
        panic!("after wrapping");
    }
    Err("body".into())
}

#[test]
fn a_panic_while_the_result_is_taken_leaves_its_initial_value() {
    assert_eq!(panic_while_taken(), Ok(()));
    assert_eq!(take(), ["recovered, err = Ok(())"]);
    assert_eq!(panic_after_given_back(), Err("body; wrapped".into()));
    assert_eq!(take(), ["recovered, err = Err(\"body; wrapped\")"]);
}

// Without an initialiser the initial value is `Default`, also there.
#[with_defer(named(names))]
fn default_while_taken() -> Vec<String> {
    defer! {
        if recover!().is_some() {
            log(format!("recovered, names = {names:?}"));
        }
    }
    defer! {
        names = names.into_iter().map(|name| {
            assert!(name != "bad", "bad name");
            name.to_uppercase()
        }).collect();
    }
    vec!["ok".into(), "bad".into()]
}

#[test]
fn without_an_initialiser_the_taken_result_holds_its_default() {
    assert_eq!(default_while_taken(), Vec::<String>::new());
    assert_eq!(take(), ["recovered, names = []"]);
}

// A `return` after the statement that moves the result is fine.
#[with_defer(named(err = Ok(())))]
fn return_after_taking(stop: bool) -> Result<(), String> {
    defer! {
        err = join(err, "first");
        if stop {
            return;
        }
        err = join(err, "second");
    }
    Err("body".into())
}

#[test]
fn a_return_after_the_taking_statement_keeps_what_it_gave_back() {
    assert_eq!(return_after_taking(true), Err("body; first".into()));
    assert_eq!(
        return_after_taking(false),
        Err("body; first; second".into())
    );
}

// ---- 2. a local that dies before exit is taken by value ------------------

struct Conn(String);

impl Conn {
    fn open(name: &str) -> Conn {
        log(format!("open {name}"));
        Conn(name.to_string())
    }
    fn close(self) {
        log(format!("close {}", self.0));
    }
}

// Go:
//     for _, name := range names {
//         conn := open(name)
//         defer conn.Close()
//     }
#[with_defer]
fn open_all(names: &[&str]) {
    for name in names {
        let conn = Conn::open(name);
        defer!(conn.close());
    }
    log("all open");
}

#[test]
fn a_loop_local_is_closed_at_exit_newest_first() {
    open_all(&["a", "b", "c"]);
    assert_eq!(
        take(),
        ["open a", "open b", "open c", "all open", "close c", "close b", "close a"]
    );
}

// Every kind of binding that dies before exit, in every form: a branch
// local, a `for` pattern, an `if let`, a `while let`, a `match` arm and a
// block local; a Copy one is copied, the others are moved.
#[with_defer]
fn every_dying_binding(items: &[(u32, &str)], maybe: Option<&str>) {
    if let Some(text) = maybe {
        let shout = text.to_uppercase();
        defer! { log(format!("if let: {text} {shout}")) }
    }
    for &(n, name) in items {
        defer! { log(format!("for: {n} {name}")) }
    }
    let mut stack = vec![1, 2];
    while let Some(top) = stack.pop() {
        defer!(log(format!("while let: {top}")));
    }
    match maybe {
        Some(word) if word.len() > 1 => {
            defer! { log(format!("match: {word}")) }
        }
        _ => {}
    }
    {
        let buffer = String::from("block");
        defer! {
            buffer.push('!');
            log(buffer);
        }
    }
    log("body");
}

#[test]
fn every_dying_binding_is_taken_by_value() {
    every_dying_binding(&[(1, "one"), (2, "two")], Some("hi"));
    assert_eq!(
        take(),
        [
            "body",
            "block!",
            "match: hi",
            "while let: 1",
            "while let: 2",
            "for: 2 two",
            "for: 1 one",
            "if let: hi HI",
        ]
    );
}

// A local that lives until exit is still borrowed and seen as it is at exit;
// a dying local that shadows one of its name is taken.
#[with_defer]
fn outer_late_inner_taken(rounds: u32) {
    let name = "outer";
    let seen = std::cell::Cell::new(0);
    for round in 0..rounds {
        let name = format!("round {round}");
        defer! { log(format!("{name}, seen {}", seen.get())) }
        seen.set(seen.get() + 1);
    }
    defer! { log(format!("then {name}")) }
    seen.set(100);
}

#[test]
fn outer_locals_stay_borrowed_and_late_shadowing_locals_are_taken() {
    outer_late_inner_taken(2);
    assert_eq!(
        take(),
        ["then outer", "round 1, seen 100", "round 0, seen 100"]
    );
}

// With named results too: the loop's error, taken by value, joins the
// named result at exit.
#[with_defer(named(err = Ok(())))]
fn close_all(failures: &[&str]) -> Result<(), String> {
    for failure in failures {
        let failure = failure.to_string();
        defer! { err = join(err, &failure) }
    }
    Ok(())
}

#[test]
fn a_dying_local_joins_a_named_result_at_exit() {
    assert_eq!(close_all(&[]), Ok(()));
    assert_eq!(close_all(&["x", "y"]), Err("y; x".into()));
}

// rustc's suggestion for a deferred `Result` nobody reads compiles as
// written, in both forms.
struct File(&'static str);

impl File {
    fn close(&mut self) -> Result<(), String> {
        log(format!("close {}", self.0));
        Err("already closed".into())
    }
}

#[with_defer]
fn close_ignoring_errors(mut file: File, mut other: File, nested: bool) {
    defer!(let _ = file.close());
    if nested {
        defer! { let _ = other.close() }
    }
}

#[test]
fn let_underscore_in_a_defer_ignores_the_result() {
    close_ignoring_errors(File("a"), File("b"), true);
    assert_eq!(take(), ["close b", "close a"]);
}

// ---- 3. closures are defer scopes of their own ----------------------------

struct Job {
    name: &'static str,
    events: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Job {
    fn record(&self, event: String) {
        self.events.lock().unwrap().push(event);
    }
    fn run(&self) -> usize {
        self.record(format!("run {}", self.name));
        self.name.len()
    }
}

// Go:
//     func run(jobs []Job) []int {
//         defer fmt.Println("all joined")
//         done := make(chan int)
//         for _, job := range jobs {
//             go func(job Job) {
//                 defer fmt.Println(job.name, "done")   // when this goroutine's func returns
//                 done <- job.run()
//             }(job)
//         }
//         ..
//     }
#[with_defer]
fn run_jobs(jobs: Vec<Job>) -> Vec<usize> {
    defer!(log("all joined"));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            std::thread::spawn(move || {
                defer! { job.record(format!("{} done", job.name)) }
                job.run()
            })
        })
        .collect();
    let sizes = handles.into_iter().map(|h| h.join().unwrap()).collect();
    log("joined");
    sizes
}

#[test]
fn a_thread_closure_runs_its_defers_when_it_returns() {
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let job = |name| Job {
        name,
        events: std::sync::Arc::clone(&events),
    };
    assert_eq!(run_jobs(vec![job("a"), job("bb")]), [1, 2]);
    assert_eq!(take(), ["joined", "all joined"]);
    let mut events = events.lock().unwrap().clone();
    // The two threads interleave; each one's own events are in order.
    for name in ["a", "bb"] {
        let mine: Vec<&String> = events.iter().filter(|e| e.contains(name)).collect();
        assert_eq!(mine, [&format!("run {name}"), &format!("{name} done")]);
    }
    events.sort();
    assert_eq!(events, ["a done", "bb done", "run a", "run bb"]);
}

// `?` and `return` in a closure leave that call of the closure, running its
// defers, as in a nested function; its return type is inferred when it is
// not written, as without the attribute.
// Go:
//     parse := func(s string) (int, error) {
//         defer log("parsed " + s)
//         n, err := strconv.Atoi(s)
//         if err != nil { return 0, err }
//         defer log("checked " + s)
//         if n > 10 { return 10, nil }
//         return n, nil
//     }
#[with_defer]
fn sum_of(inputs: &[&str]) -> Result<u32, std::num::ParseIntError> {
    defer!(log("sum done"));
    let parse = |s: &str| {
        defer!(log(format!("parsed {s}")));
        let n: u32 = s.parse()?;
        defer!(log(format!("checked {s}")));
        if n > 10 {
            return Ok(10);
        }
        Ok(n)
    };
    let mut sum = 0;
    for input in inputs {
        sum += parse(input)?;
    }
    Ok(sum)
}

#[test]
fn question_mark_and_return_leave_the_closure_call() {
    assert_eq!(sum_of(&["4", "40"]), Ok(14));
    assert_eq!(
        take(),
        [
            "checked 4",
            "parsed 4",
            "checked 40",
            "parsed 40",
            "sum done"
        ]
    );
    assert!(sum_of(&["1", "x", "2"]).is_err());
    assert_eq!(take(), ["checked 1", "parsed 1", "parsed x", "sum done"]);
}

// A closure with a written return type, closures inside closures, loop
// defers and more than 8 defers in one closure, the call form evaluating
// its argument at its statement: every tier, per call.
#[with_defer]
fn nested_closures(rounds: u32) -> u32 {
    defer!(log("outer"));
    let inner = |x: u32| -> u32 {
        let mut seen = x;
        defer!(log(format!("inner sees {seen} at exit, was {x}")));
        defer! { log(format!("inner block sees {seen}")) }
        seen += 100;
        let twice = move |y: u32| {
            for i in 0..2 {
                defer!(log(format!("twice loop {y}.{i}")));
            }
            defer!(log(format!("d1 {y}")));
            defer!(log(format!("d2 {y}")));
            defer!(log(format!("d3 {y}")));
            defer!(log(format!("d4 {y}")));
            defer!(log(format!("d5 {y}")));
            defer!(log(format!("d6 {y}")));
            defer!(log(format!("d7 {y}")));
            defer!(log(format!("d8 {y}")));
            defer!(log(format!("d9 {y}")));
            y * 2
        };
        twice(seen)
    };
    (0..rounds).map(inner).sum()
}

#[test]
fn closures_inside_closures_run_every_tier_per_call() {
    assert_eq!(nested_closures(1), 200);
    assert_eq!(
        take(),
        [
            "d9 100",
            "d8 100",
            "d7 100",
            "d6 100",
            "d5 100",
            "d4 100",
            "d3 100",
            "d2 100",
            "d1 100",
            "twice loop 100.1",
            "twice loop 100.0",
            "inner block sees 100",
            "inner sees 0 at exit, was 0",
            "outer",
        ]
    );
    assert_eq!(nested_closures(2), 200 + 202);
    let events = take();
    assert_eq!(events.len(), 2 * 13 + 1);
    assert_eq!(events[12], "inner sees 0 at exit, was 0");
    assert_eq!(events[13], "d9 101");
    assert_eq!(events[25], "inner sees 1 at exit, was 1");
    assert_eq!(events[26], "outer");
}

// A panic in a closure runs that call's defers; `recover!()` in them stops
// only that call's panic, and the call returns `Default` (here 0), as a
// function would. Without a recovery the panic goes on to the function's
// own defers.
// Go:
//     safe := func(n int) (r int) {
//         defer func() { if p := recover(); p != nil { log("recovered", p) } }()
//         if n == 2 { panic("two") }
//         return n * 10
//     }
#[with_defer]
fn safely(values: &[i32]) -> Vec<i32> {
    defer! {
        if let Some(payload) = recover!() {
            log(format!("function recovered {}", common::text(&*payload)));
        }
    }
    let safe = |n: i32| -> i32 {
        defer! {
            if let Some(payload) = recover!() {
                log(format!("closure recovered {}", common::text(&*payload)));
            }
        }
        if n == 2 {
            panic!("two");
        }
        n * 10
    };
    let unsafe_ = |n: i32| {
        defer!(log(format!("unsafe done {n}")));
        if n == 3 {
            panic!("three");
        }
        n
    };
    values.iter().map(|&n| safe(n) + unsafe_(n)).collect()
}

#[test]
fn recover_in_a_closure_stops_only_that_calls_panic() {
    assert_eq!(common::panic_text(|| safely(&[1, 2])), Ok(vec![11, 2]));
    assert_eq!(
        take(),
        ["unsafe done 1", "closure recovered two", "unsafe done 2"]
    );
    // `safely` recovers the closure's panic and returns its `Default`.
    assert_eq!(common::panic_text(|| safely(&[1, 3])), Ok(vec![]));
    assert_eq!(
        take(),
        ["unsafe done 1", "unsafe done 3", "function recovered three"]
    );
}

// A closure reads and assigns the function's named results, as a Go func
// literal assigns the captured `err`; deferred code may hold closures with
// defers of their own.
// Go:
//     func apply(steps []string) (count int, err error) {
//         fail := func(msg string) { defer log("failed " + msg); err = errors.New(msg) }
//         defer func() { bump := func() { defer log("bump"); count++ }; bump() }()
//         for _, s := range steps { if s == "bad" { fail(s); return }; count++ }
//         return
//     }
#[with_defer(named(count = 0, err = Ok(())))]
fn apply(steps: &[&str]) -> (u32, Result<(), String>) {
    let mut fail = |msg: &str| {
        defer!(log(format!("failed {msg}")));
        err = Err(msg.to_string());
    };
    defer! {
        let mut bump = || {
            defer!(log("bump"));
            count += 1;
        };
        bump();
    }
    for step in steps {
        if *step == "bad" {
            fail(step);
            return;
        }
        count += 1;
    }
    return;
}

#[test]
fn a_closure_assigns_the_named_results() {
    assert_eq!(apply(&["a", "b"]), (3, Ok(())));
    assert_eq!(take(), ["bump"]);
    assert_eq!(apply(&["a", "bad", "c"]), (2, Err("bad".to_string())));
    assert_eq!(take(), ["failed bad", "bump"]);
}

// A closure returned from the function runs its defers on every call.
#[with_defer]
fn counter(label: &'static str) -> impl FnMut() -> u32 {
    defer!(log(format!("made {label}")));
    let mut calls = 0;
    move || {
        calls += 1;
        defer!(log(format!("{label} call {calls}")));
        calls
    }
}

#[test]
fn a_returned_closure_runs_its_defers_per_call() {
    let mut next = counter("c");
    assert_eq!(take(), ["made c"]);
    assert_eq!((next(), next()), (1, 2));
    assert_eq!(take(), ["c call 1", "c call 2"]);
}

// ---- 4. `#[with_defer]` on impl blocks and traits -------------------------

// Go:
//     func (c *Conn) Query(q string) int { defer c.log("done " + q); .. }
//     func (c *Conn) Close() (err error) { defer func() { if err != nil { err = fmt.Errorf("close: %w", err) } }(); .. }
struct Account {
    balance: u32,
}

#[with_defer]
impl Account {
    fn new(balance: u32) -> Account {
        Account { balance }
    }

    fn withdraw(&mut self, amount: u32) -> Result<u32, String> {
        defer! { log(format!("balance {}", self.balance)) }
        if amount > self.balance {
            return Err(format!("{amount} is more than {}", self.balance));
        }
        self.balance -= amount;
        Ok(self.balance)
    }

    // A method keeps its own arguments under the block's attribute.
    #[with_defer(named(err = Ok(())))]
    fn close(self) -> Result<(), String> {
        defer! {
            if let Err(e) = err {
                err = Err(format!("close: {e}"));
            }
        }
        if self.balance > 0 {
            return Err(format!("{} left", self.balance));
        }
        err
    }

    fn untouched(&self) -> u32 {
        self.balance
    }
}

trait Ledger {
    fn entries(&self) -> Vec<u32>;
    fn total(&self) -> u32;
    fn audit(&self) -> u32 {
        self.total()
    }
}

#[with_defer]
impl Ledger for Account {
    fn entries(&self) -> Vec<u32> {
        vec![self.balance]
    }
    fn total(&self) -> u32 {
        defer!(log("totalled"));
        self.entries().iter().sum()
    }
}

// A trait's default bodies; implementations that keep them get the defers.
#[with_defer]
trait Step {
    fn name(&self) -> String;
    fn run<T: fmt::Debug>(&self, input: T) -> String {
        defer!(log(format!("{} ran", self.name())));
        for i in 0..2 {
            defer!(log(format!("{} part {i}", self.name())));
        }
        format!("{}({input:?})", self.name())
    }
}

struct Upper;

impl Step for Upper {
    fn name(&self) -> String {
        "upper".into()
    }
}

#[test]
fn an_impl_blocks_methods_run_their_defers() {
    let mut account = Account::new(10);
    assert_eq!(account.withdraw(3), Ok(7));
    assert_eq!(account.withdraw(30), Err("30 is more than 7".into()));
    assert_eq!(take(), ["balance 7", "balance 7"]);
    assert_eq!(
        (account.untouched(), account.total(), account.audit()),
        (7, 7, 7)
    );
    assert_eq!(take(), ["totalled", "totalled"]);
    assert_eq!(account.close(), Err("close: 7 left".into()));
    assert_eq!(Account::new(0).close(), Ok(()));
}

#[test]
fn a_traits_default_bodies_run_their_defers() {
    assert_eq!(Upper.run(5), "upper(5)");
    assert_eq!(take(), ["upper part 1", "upper part 0", "upper ran"]);
}
