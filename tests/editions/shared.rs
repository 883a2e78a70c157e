// The core behaviour tests, run by one crate per edition (2015, 2018,
// 2024; the main test crate is 2021). Written in the syntax every edition
// accepts: the crate root declares `extern crate defer_core;` for 2015.

use defer_core::with_defer;
use std::cell::RefCell;

thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

fn log<S: Into<String>>(event: S) {
    let event = event.into();
    LOG.with(|l| l.borrow_mut().push(event));
}

fn take() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

#[with_defer]
fn lifo_and_forms(x: i32) -> i32 {
    let mut n = x;
    defer!(log("call"));
    defer! { log(format!("block sees {}", n)) }
    if n > 0 {
        defer!(log("nested"));
    }
    for i in 0..2 {
        defer!(log(format!("loop {}", i)));
    }
    n += 1;
    n
}

#[test]
fn lifo_every_tier() {
    assert_eq!(lifo_and_forms(1), 2);
    assert_eq!(
        take(),
        ["loop 1", "loop 0", "nested", "block sees 2", "call"]
    );
}

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {}", s))
}

#[with_defer]
fn exits(a: &str, b: &str) -> Result<i32, String> {
    defer!(log("first"));
    let x = parse(a)?;
    defer!(log("second"));
    if x == 0 {
        return Ok(0);
    }
    Ok(x + parse(b)?)
}

#[test]
fn return_question_mark_and_tail() {
    assert_eq!(exits("1", "2"), Ok(3));
    assert_eq!(exits("0", "x"), Ok(0));
    assert_eq!(take(), ["second", "first", "second", "first"]);
    assert_eq!(exits("x", "2"), Err("bad x".to_string()));
    assert_eq!(exits("1", "x"), Err("bad x".to_string()));
    assert_eq!(take(), ["first", "second", "first"]);
}

#[with_defer(named(err = Ok(())))]
fn named(fail: bool) -> Result<(), String> {
    defer! {
        if let Err(e) = err {
            err = Err(format!("wrapped: {}", e));
        }
    }
    if fail {
        return Err("boom".to_string());
    }
    err
}

#[test]
fn named_results_owned_by_deferred_code() {
    assert_eq!(named(false), Ok(()));
    assert_eq!(named(true), Err("wrapped: boom".to_string()));
}

#[with_defer]
fn recovers() -> i32 {
    defer! {
        if let Some(payload) = recover!() {
            log(defer_core::panic_message(&payload).unwrap_or("?"));
        }
    }
    panic!("caught");
}

#[test]
fn recover_stops_a_panic() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let value = recovers();
    std::panic::set_hook(hook);
    assert_eq!(value, 0);
    assert_eq!(take(), ["caught"]);
}

#[with_defer]
fn closure_frame(inputs: &[&str]) -> i32 {
    defer!(log("function"));
    let parse_or_zero = |s: &str| -> i32 {
        defer!(log(format!("parsed {}", s)));
        parse(s).unwrap_or(0)
    };
    inputs.iter().map(|s| parse_or_zero(s)).sum()
}

#[test]
fn closures_are_frames() {
    assert_eq!(closure_frame(&["1", "x"]), 1);
    assert_eq!(take(), ["parsed 1", "parsed x", "function"]);
}

// The shapes that broke before edition 2021 (issue #15): borrows of
// `&mut self` and of `&mut` parameters returned or stored.
struct Buffer {
    items: Vec<u8>,
}

enum Either<L, R> {
    Left(L),
    Right(R),
}

#[with_defer]
impl Buffer {
    fn as_mut_slice(&mut self) -> &mut [u8] {
        defer!(log("as_mut_slice"));
        &mut self.items[..]
    }

    fn first_mut(&mut self) -> Option<&mut u8> {
        defer!(log("first_mut"));
        self.items.first_mut()
    }

    fn either(&mut self, left: bool) -> Either<&mut Vec<u8>, &mut [u8]> {
        defer!(log("either"));
        if left {
            return Either::Left(&mut self.items);
        }
        Either::Right(self.as_mut_slice())
    }
}

impl std::ops::Deref for Buffer {
    type Target = [u8];
    #[with_defer]
    fn deref(&self) -> &[u8] {
        defer!(log("deref"));
        &self.items
    }
}

impl std::ops::DerefMut for Buffer {
    #[with_defer]
    fn deref_mut(&mut self) -> &mut [u8] {
        defer!(log("deref_mut"));
        &mut self.items
    }
}

// A by-value `self` that is a `&mut` (smallvec's `IntoIterator for &'a mut
// SmallVec<A>`), with the attribute on the method.
impl<'a> IntoIterator for &'a mut Buffer {
    type Item = &'a mut u8;
    type IntoIter = std::slice::IterMut<'a, u8>;
    #[with_defer]
    fn into_iter(self) -> Self::IntoIter {
        defer!(log("into_iter"));
        self.items.iter_mut()
    }
}

#[with_defer]
fn longer<'a>(a: &'a mut String, b: &'a mut String) -> &'a mut String {
    defer!(log("longer"));
    if a.len() >= b.len() {
        return &mut *a;
    }
    b
}

struct Counter<'a> {
    len: &'a mut usize,
}

impl<'a> Counter<'a> {
    #[with_defer]
    fn new(len: &'a mut usize) -> Self {
        defer!(log("new"));
        *len += 1;
        Counter { len }
    }
}

#[test]
fn borrows_of_mut_self_and_mut_parameters() {
    let mut buffer = Buffer {
        items: vec![1, 2, 3],
    };
    buffer.as_mut_slice()[0] = 10;
    *buffer.first_mut().unwrap() += 1;
    if let Either::Right(slice) = buffer.either(false) {
        slice[1] = 20;
    }
    if let Either::Left(items) = buffer.either(true) {
        items.push(4);
    }
    buffer[2] = 30;
    let sum: u32 = buffer.iter().map(|&b| u32::from(b)).sum();
    for item in &mut buffer {
        *item += 1;
    }
    assert_eq!(buffer.items, [12, 21, 31, 5]);
    assert_eq!(sum, 11 + 20 + 30 + 4);
    assert_eq!(
        take(),
        [
            "as_mut_slice",
            "first_mut",
            "as_mut_slice",
            "either",
            "either",
            "deref_mut",
            "deref",
            "into_iter"
        ]
    );
    let (mut a, mut b) = (String::from("long"), String::from("b"));
    longer(&mut a, &mut b).push('!');
    assert_eq!((a.as_str(), b.as_str()), ("long!", "b"));
    let mut len = 0;
    let counter = Counter::new(&mut len);
    *counter.len += 1;
    assert_eq!(len, 2);
    assert_eq!(take(), ["longer", "new"]);
}

// A `thread_local!` in a body, used by an item of the same body (smallvec's
// tests): both stay visible to each other.
#[with_defer]
fn local_items() -> usize {
    defer!(log("local_items"));
    thread_local! { static DROPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) }; }
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            DROPS.with(|d| d.set(d.get() + 1));
        }
    }
    drop((Counted, Counted));
    DROPS.with(std::cell::Cell::get)
}

#[test]
fn items_and_item_macros_of_a_body() {
    assert_eq!(local_items(), 2);
    assert_eq!(take(), ["local_items"]);
}
