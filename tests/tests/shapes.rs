//! SPEC §8: every supported function shape, each pinned by a test.
mod common;

use common::{log, panic_text, take};
use defer_core::with_defer;
use std::fmt::{Debug, Display};

struct Acc {
    name: String,
    items: Vec<i32>,
}

impl Acc {
    #[with_defer]
    fn new(name: &str) -> Self {
        defer!(log(format!("new {name}")));
        Self {
            name: name.to_string(),
            items: Vec::new(),
        }
    }

    #[with_defer]
    fn into_name(self) -> String {
        defer!(log(format!("into_name with {} items", self.items.len())));
        self.name
    }

    #[with_defer]
    fn total(&self) -> i32 {
        defer! { log(format!("total of {}", self.name)) }
        self.items.iter().sum()
    }

    #[with_defer]
    fn push(&mut self, v: i32) -> usize {
        defer! { log(format!("len at exit {}", self.items.len())) }
        self.items.push(v);
        self.items.len()
    }

    // `boxed_local` fires on the handwritten method too: it is about the
    // user's signature, not the expansion.
    #[allow(clippy::boxed_local)]
    #[with_defer]
    fn boxed(self: Box<Self>) -> String {
        defer!(log("boxed d1"));
        defer! { log(format!("boxed sees {}", self.name)) }
        format!("box {}", self.name)
    }

    #[with_defer]
    fn as_mut(&mut self) -> &mut Vec<i32> {
        defer!(log("as_mut"));
        &mut self.items
    }

    #[with_defer]
    fn pick(&mut self, left: bool) -> Either<&mut String, &mut Vec<i32>> {
        defer!(log(format!("pick {left}")));
        if left {
            return Either::Left(&mut self.name);
        }
        Either::Right(&mut self.items)
    }
}

enum Either<L, R> {
    Left(L),
    Right(R),
}

#[test]
fn methods_with_self_ref_mut_and_box_receivers() {
    let mut a = Acc::new("a");
    assert_eq!(take(), ["new a"]);
    assert_eq!(a.push(3), 1);
    assert_eq!(take(), ["len at exit 1"]);
    assert_eq!(a.push(4), 2);
    assert_eq!(take(), ["len at exit 2"]);
    assert_eq!(a.total(), 7);
    assert_eq!(take(), ["total of a"]);
    assert_eq!(a.into_name(), "a");
    assert_eq!(take(), ["into_name with 2 items"]);
    let b = Box::new(Acc::new("b"));
    take();
    assert_eq!(b.boxed(), "box b");
    assert_eq!(take(), ["boxed sees b", "boxed d1"]);
}

#[test]
fn methods_returning_borrows_of_mut_self() {
    let mut a = Acc::new("a");
    take();
    a.as_mut().push(5);
    assert_eq!(take(), ["as_mut"]);
    assert_eq!(a.items, [5]);
    match a.pick(true) {
        Either::Left(name) => name.push('!'),
        Either::Right(_) => panic!("wrong arm"),
    }
    match a.pick(false) {
        Either::Left(_) => panic!("wrong arm"),
        Either::Right(items) => items.push(6),
    }
    assert_eq!(take(), ["pick true", "pick false"]);
    assert_eq!(a.name, "a!");
    assert_eq!(a.items, [5, 6]);
}

#[with_defer]
fn longer<'a>(a: &'a mut String, b: &'a mut String) -> &'a mut String {
    defer!(log("longer"));
    if a.len() >= b.len() {
        a
    } else {
        b
    }
}

#[test]
fn function_returning_a_borrow_of_a_mut_parameter() {
    let mut a = String::from("xy");
    let mut b = String::from("xyz");
    longer(&mut a, &mut b).push('!');
    assert_eq!(b, "xyz!");
    assert_eq!(a, "xy");
    assert_eq!(take(), ["longer"]);
}

trait Greet {
    fn greet(&self, who: &str) -> String;
}

impl Greet for Acc {
    #[with_defer]
    fn greet(&self, who: &str) -> String {
        defer!(log(format!("greeted {who}")));
        format!("{} greets {who}", self.name)
    }
}

#[test]
fn trait_impl_method() {
    let a = Acc::new("a");
    take();
    let g: &dyn Greet = &a;
    assert_eq!(g.greet("b"), "a greets b");
    assert_eq!(take(), ["greeted b"]);
}

#[with_defer]
fn largest<T>(v: &[T]) -> Option<&T>
where
    T: PartialOrd + Debug,
{
    defer!(log(format!("largest of {}", v.len())));
    let mut best = v.first()?;
    defer! { log(format!("best {best:?}")) }
    for x in v {
        if x > best {
            best = x;
        }
    }
    Some(best)
}

#[with_defer]
fn sum_array<const N: usize, T: Copy + Into<i64>>(a: [T; N]) -> i64 {
    defer!(log(format!("N={N}")));
    a.iter().map(|x| (*x).into()).sum()
}

#[test]
fn generics_where_clauses_and_const_generics() {
    assert_eq!(largest::<i32>(&[]), None);
    assert_eq!(take(), ["largest of 0"]);
    assert_eq!(largest(&[3, 9, 2]), Some(&9));
    assert_eq!(take(), ["best 9", "largest of 3"]);
    assert_eq!(sum_array([1i32, 2, 3]), 6);
    assert_eq!(take(), ["N=3"]);
}

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    #[with_defer]
    fn pop_or(&mut self, d: T) -> T
    where
        T: Debug,
    {
        defer! { log(format!("left {:?}", self.items)) }
        self.items.pop().unwrap_or(d)
    }
}

#[test]
fn generic_impl_method_with_where() {
    let mut s = Stack { items: vec![1, 2] };
    assert_eq!(s.pop_or(0), 2);
    assert_eq!(take(), ["left [1]"]);
    assert_eq!(s.pop_or(0), 1);
    assert_eq!(s.pop_or(0), 0);
    assert_eq!(take(), ["left []", "left []"]);
}

#[with_defer]
fn first_word<'a>(s: &'a str) -> &'a str {
    defer!(log("first_word"));
    s.split(' ').next().unwrap_or(s)
}

#[with_defer]
fn evens<'a>(v: &'a [i32]) -> impl Iterator<Item = &'a i32> + 'a {
    defer!(log("evens"));
    v.iter().filter(|x| **x % 2 == 0)
}

#[test]
fn lifetimes_and_borrowed_impl_trait_return() {
    let text = String::from("hello world");
    assert_eq!(first_word(&text), "hello");
    assert_eq!(take(), ["first_word"]);
    let v = [1, 2, 3, 4];
    assert_eq!(evens(&v).copied().collect::<Vec<_>>(), [2, 4]);
    assert_eq!(take(), ["evens"]);
}

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
fn render(x: impl Display, s: &str) -> Result<impl Display, String> {
    defer!(log("render"));
    let n = parse(s)?;
    Ok(format!("{x}:{n}"))
}

#[test]
fn impl_trait_in_argument_and_return_position_with_question_mark() {
    assert_eq!(render("k", "5").map(|d| d.to_string()), Ok("k:5".into()));
    assert_eq!(take(), ["render"]);
    assert_eq!(render(1.5, "z").map(|d| d.to_string()), Err("bad z".into()));
    assert_eq!(take(), ["render"]);
}

/// Reads through a raw pointer.
///
/// # Safety
/// `p` must be valid for reads.
#[with_defer]
unsafe fn raw_read(p: *const i32) -> i32 {
    defer!(log("unsafe d"));
    unsafe { *p }
}

#[test]
fn unsafe_fn() {
    let x = 41;
    // SAFETY: `&x` is valid for reads.
    let v = unsafe { raw_read(&x) };
    assert_eq!(v, 41);
    assert_eq!(take(), ["unsafe d"]);
}

#[with_defer]
fn die(code: u32) -> ! {
    defer!(log("die d1"));
    defer!(move { log(format!("die d2 {code}")) });
    panic!("die {code}");
}

#[with_defer]
fn never_loop(stop: u32) -> ! {
    defer!(log("never_loop d"));
    let mut i = 0;
    loop {
        i += 1;
        if i == stop {
            panic!("stopped at {i}");
        }
    }
}

#[test]
fn never_returning_function() {
    assert_eq!(panic_text(|| die(3)), Err("die 3".into()));
    assert_eq!(take(), ["die d2 3", "die d1"]);
    assert_eq!(panic_text(|| never_loop(4)), Err("stopped at 4".into()));
    assert_eq!(take(), ["never_loop d"]);
}

/// Doubles `x`.
#[inline]
#[must_use]
#[with_defer]
#[allow(clippy::double_must_use)]
fn attributed(x: i32) -> i32 {
    defer!(log("attributed"));
    x * 2
}

#[with_defer]
#[inline(never)]
#[doc = "kept"]
fn attributed_after(x: i32) -> i32 {
    defer!(log("attributed_after"));
    x + 1
}

#[with_defer]
#[cfg(any())]
fn configured() -> i32 {
    defer!(log("wrong"));
    1
}

#[with_defer]
#[cfg(not(any()))]
fn configured() -> i32 {
    defer!(log("right"));
    2
}

#[test]
fn other_attributes_are_kept() {
    assert_eq!(attributed(4), 8);
    assert_eq!(attributed_after(4), 5);
    assert_eq!(configured(), 2);
    assert_eq!(take(), ["attributed", "attributed_after", "right"]);
}

#[with_defer]
fn with_helper(n: i32) -> i32 {
    fn helper(v: i32) -> i32 {
        if v < 0 {
            return 0;
        }
        v * 2
    }
    defer!(log(format!("helper {}", helper(n))));
    defer! { log(format!("late helper {}", helper(n + 1))) }
    helper(n)
}

#[test]
fn nested_fn_item_used_by_deferred_code() {
    assert_eq!(with_helper(3), 6);
    assert_eq!(take(), ["late helper 8", "helper 6"]);
    assert_eq!(with_helper(-5), 0);
    assert_eq!(take(), ["late helper 0", "helper 0"]);
}

#[with_defer]
fn outer_with_inner(n: i32) -> i32 {
    #[with_defer]
    fn inner(v: i32) -> i32 {
        defer!(log("inner d"));
        if v > 10 {
            return 10;
        }
        v
    }
    defer!(log("outer d"));
    inner(n) + 1
}

#[test]
fn nested_fn_with_its_own_with_defer() {
    assert_eq!(outer_with_inner(20), 11);
    assert_eq!(take(), ["inner d", "outer d"]);
    assert_eq!(outer_with_inner(2), 3);
    assert_eq!(take(), ["inner d", "outer d"]);
}

#[with_defer]
fn generic_closure_arg<F>(f: F, x: i32) -> i32
where
    F: Fn(i32) -> i32,
{
    defer!(log(format!("f(0)={}", f(0))));
    defer! { log(format!("late f(1)={}", f(1))) }
    f(x)
}

#[test]
fn generic_closure_parameter_used_by_deferred_code() {
    assert_eq!(generic_closure_arg(|v| v + 100, 5), 105);
    assert_eq!(take(), ["late f(1)=101", "f(0)=100"]);
}

#[with_defer]
fn pattern_params((a, b): (i32, i32), &c: &i32, mut d: i32, _: u8) -> i32 {
    defer!(log(format!("args {a} {b} {c} {d}")));
    d += 1;
    defer! { log(format!("late d={d}")) }
    a + b + c + d
}

#[test]
fn pattern_and_mut_parameters() {
    assert_eq!(pattern_params((1, 2), &3, 4, 0), 11);
    assert_eq!(take(), ["late d=5", "args 1 2 3 4"]);
}

struct Token(u32);

impl Token {
    #[with_defer]
    fn bump(mut self) -> Self {
        defer!(log(format!("bumped from {}", self.0)));
        self.0 += 1;
        self
    }

    #[with_defer]
    fn label(&self) -> &'_ str {
        defer!(log("label"));
        if self.0 > 1 {
            "many"
        } else {
            "one"
        }
    }
}

impl Clone for Token {
    #[with_defer]
    fn clone(&self) -> Self {
        defer!(log("cloned"));
        Token(self.0)
    }
}

#[test]
fn mut_self_elided_lifetime_and_trait_method_returning_self() {
    let t = Token(1).bump();
    assert_eq!(t.0, 2);
    assert_eq!(t.label(), "many");
    assert_eq!(t.clone().0, 2);
    assert_eq!(take(), ["bumped from 1", "label", "cloned"]);
}

trait Shape {
    fn area(&self) -> f64;
    fn describe(&self) -> String;
}

struct Square(f64);

impl Shape for Square {
    #[with_defer]
    fn area(&self) -> f64 {
        defer!(log("area"));
        self.0 * self.0
    }

    #[with_defer]
    fn describe(&self) -> String {
        defer!(log(format!("describe via {}", self.area())));
        format!("square {}", self.0)
    }
}

#[test]
fn trait_object_dispatch_to_with_defer_methods() {
    let s: Box<dyn Shape> = Box::new(Square(2.0));
    assert_eq!(s.describe(), "square 2");
    assert_eq!(take(), ["area", "describe via 4"]);
}

// ---- issue #15: `&mut` bindings re-pointed at a reborrow of themselves ----

// bytes 1.12.2, `buf_impl.rs`: a `&mut` parameter re-pointed in a loop.
#[with_defer]
fn copy_to(src: &[u8], mut dst: &mut [u8]) -> usize {
    defer!(log("copied"));
    let mut copied = 0;
    while !dst.is_empty() {
        let n = dst.len().min(src.len());
        dst[..n].copy_from_slice(&src[..n]);
        dst = &mut dst[n..];
        copied += n;
    }
    copied
}

struct Node {
    value: u32,
    next: Option<Box<Node>>,
}

// An `Option<&mut T>` parameter walked down a list.
#[with_defer]
fn bump_all(mut cursor: Option<&mut Node>, by: u32) -> u32 {
    let mut visited = 0;
    defer!(log("walked"));
    while let Some(node) = cursor {
        node.value += by;
        visited += 1;
        cursor = node.next.as_deref_mut();
    }
    visited
}

struct Source<'a> {
    bytes: &'a [u8],
}

impl Source<'_> {
    // A `&mut self` method with a re-pointed `&mut` parameter and a
    // re-pointed `let mut` binding, across two levels, with `return`.
    #[with_defer]
    fn fill(&mut self, mut out: &mut [u8]) -> usize {
        defer!(log("fill done"));
        let mut window: &mut [u8] = &mut [];
        if out.len() > 1 {
            defer!(log("split"));
            let (first, rest) = out.split_at_mut(1);
            first[0] = self.bytes[0];
            window = first;
            out = rest;
        }
        let n = out.len().min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        out = &mut out[n..];
        if out.is_empty() {
            return n + window.len();
        }
        self.bytes = &self.bytes[n..];
        n
    }
}

#[test]
fn a_mut_parameter_re_pointed_at_a_reborrow_of_itself() {
    let mut buffer = [0u8; 5];
    assert_eq!(copy_to(&[1, 2], &mut buffer), 5);
    assert_eq!(buffer, [1, 2, 1, 2, 1]);
    assert_eq!(take(), ["copied"]);

    let mut list = Node {
        value: 1,
        next: Some(Box::new(Node {
            value: 2,
            next: None,
        })),
    };
    assert_eq!(bump_all(Some(&mut list), 10), 2);
    assert_eq!(
        (list.value, list.next.as_ref().map(|n| n.value)),
        (11, Some(12))
    );
    assert_eq!(bump_all(None, 1), 0);
    assert_eq!(take(), ["walked", "walked"]);

    let mut source = Source { bytes: &[9, 8, 7] };
    let mut out = [0u8; 3];
    assert_eq!(source.fill(&mut out), 3);
    assert_eq!(out, [9, 9, 8]);
    assert_eq!(take(), ["split", "fill done"]);
    let mut wide = [0u8; 8];
    assert_eq!(source.fill(&mut wide[..1]), 1);
    assert_eq!(take(), ["fill done"]);
}

// ---- issue #15: closures returned as `impl Fn..` ---------------------------

// indexmap 2.14.2, `inner.rs`: a pattern parameter whose type comes from
// the return type's bound.
#[with_defer]
fn get_hash(entries: &[u64]) -> impl Fn(&usize) -> u64 + '_ {
    defer!(log("get_hash"));
    move |&i| u64::from(entries[i].count_ones())
}

// hashbrown 0.17.1, `map.rs`: generic, with a `where` clause, and a
// tuple behind the reference.
#[with_defer]
fn make_hasher<Q, V, S>(hash_builder: &S) -> impl Fn(&(Q, V)) -> u64 + '_
where
    Q: std::hash::Hash,
    S: std::hash::BuildHasher,
{
    defer!(log("make_hasher"));
    move |val| hash_builder.hash_one(&val.0)
}

// `FnMut`, returned by `return` from a level that is not the innermost,
// inside an `if`.
#[with_defer]
fn counter_from(start: u32, step: u32) -> impl FnMut(&mut Vec<u32>) -> u32 {
    defer!(log("counter_from"));
    let mut next = start;
    if step > 0 {
        return move |out| {
            out.push(next);
            next += step;
            next
        };
    }
    defer!(log("unreachable"));
    panic!("no step")
}

// `impl Iterator` built from closures passed to adapters: no closure is
// the value itself, as before.
#[with_defer]
fn doubled_evens(v: &[u32]) -> impl Iterator<Item = u32> + '_ {
    defer!(log("doubled_evens"));
    v.iter().filter(|&&x| x % 2 == 0).map(|x| x * 2)
}

#[test]
fn a_closure_returned_as_impl_fn_keeps_its_signature() {
    let hash = get_hash(&[7, 8]);
    assert_eq!((hash(&0), hash(&1)), (3, 1));
    let state = std::collections::hash_map::RandomState::new();
    let hasher = make_hasher::<u8, &str, _>(&state);
    assert_eq!(hasher(&(1, "a")), hasher(&(1, "b")));
    assert_eq!(take(), ["get_hash", "make_hasher"]);
    let mut out = Vec::new();
    let mut count = counter_from(5, 2);
    assert_eq!((count(&mut out), count(&mut out)), (7, 9));
    assert_eq!(out, [5, 7]);
    assert_eq!(take(), ["counter_from"]);
    assert_eq!(
        panic_text(|| counter_from(1, 0)).err().as_deref(),
        Some("no step")
    );
    assert_eq!(take(), ["unreachable", "counter_from"]);
    let evens: Vec<u32> = doubled_evens(&[1, 2, 3, 4]).collect();
    assert_eq!(evens, [4, 8]);
    assert_eq!(take(), ["doubled_evens"]);
}

// Methods whose returned closure's bounds name `Self`, the `impl` block's
// type parameter and its lifetime: the helper takes them as parameters.
struct Bag<T> {
    items: Vec<T>,
}

impl<T: PartialEq + Copy> Bag<T> {
    #[with_defer]
    fn has(&self) -> impl Fn(&T) -> bool + '_ {
        defer!(log("has"));
        move |x| self.items.contains(x)
    }

    #[with_defer]
    fn same(&self) -> impl Fn(&Self) -> bool + '_
    where
        Self: Sized,
    {
        defer!(log("same"));
        move |other| other.items == self.items
    }
}

struct Prefix<'a> {
    text: &'a str,
}

impl<'a> Prefix<'a> {
    #[with_defer]
    fn starts(&self) -> impl Fn(&'a str) -> bool + '_ {
        defer!(log("starts"));
        move |t| t.starts_with(self.text)
    }
}

#[test]
fn a_methods_closure_gets_its_signature_from_self_and_the_impls_parameters() {
    let bag = Bag { items: vec![1, 2] };
    assert!(bag.has()(&2));
    assert!(bag.same()(&Bag { items: vec![1, 2] }));
    assert!(Prefix { text: "a" }.starts()("ab"));
    assert_eq!(take(), ["has", "same", "starts"]);
}

// A by-value `self` of a method whose return type may borrow is taken into
// the body where the body uses it: when it owns something, it is dropped
// when the body ends, before deferred code that does not use it (crate
// docs, "Methods"). Not used by the body, it is dropped after, as a
// parameter.
struct Labelled(&'static str);

impl Drop for Labelled {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

impl Labelled {
    #[with_defer]
    fn label(self) -> &'static str {
        defer!(log("deferred"));
        self.0
    }

    #[with_defer]
    fn constant(self) -> &'static str {
        defer!(log("deferred"));
        "constant"
    }
}

#[test]
fn a_by_value_self_the_body_uses_drops_before_deferred_code() {
    assert_eq!(Labelled("a").label(), "a");
    assert_eq!(take(), ["drop a", "deferred"]);
    assert_eq!(Labelled("b").constant(), "constant");
    assert_eq!(take(), ["deferred", "drop b"]);
}

// ---- issue #15: the innermost level stores the value it computes ----------
// (so that rustc's borrow errors about a returned borrow point at the
// returned expression, not into defer-core)

struct Table {
    name: String,
    rows: Vec<u32>,
}

impl Table {
    // The returned borrow holds `self.rows` while the deferred code reads
    // `self.name` at exit: disjoint fields, as without the attribute.
    #[with_defer]
    fn rows_mut(&mut self) -> &mut [u32] {
        defer! { log(format!("rows of {}", self.name)) }
        self.rows.push(0);
        &mut self.rows[..]
    }
}

struct Noisy(&'static str);

impl Noisy {
    fn id(&self) -> &'static str {
        self.0
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

// A tail whose temporary outlives the body's locals (edition 2021), then
// the deferred code.
#[with_defer]
fn tail_with_temporary() -> &'static str {
    defer!(log("deferred"));
    let _local = Noisy("local");
    Noisy("temporary").id()
}

// No tail: the body ends with a `return` statement, or diverges.
#[with_defer]
#[allow(clippy::needless_return, reason = "the shape under test")]
fn ends_in_return(n: u32) -> u32 {
    defer!(log("deferred"));
    let doubled = n * 2;
    return doubled + 1;
}

#[with_defer]
fn ends_in_loop(limit: u32) -> u32 {
    defer!(log("deferred"));
    let mut n = 0;
    loop {
        if n == limit {
            return n;
        }
        n += 1;
    }
}

#[with_defer]
fn ends_in_panic(n: u32) -> u32 {
    defer!(log(format!("deferred {n}")));
    panic!("no value for {n}");
}

#[test]
fn the_innermost_level_stores_every_way_a_body_ends() {
    let mut table = Table {
        name: "t".to_string(),
        rows: vec![7],
    };
    table.rows_mut()[0] = 8;
    assert_eq!(take(), ["rows of t"]);
    assert_eq!(table.rows, [8, 0]);

    assert_eq!(tail_with_temporary(), "temporary");
    assert_eq!(take(), ["drop local", "drop temporary", "deferred"]);

    assert_eq!(ends_in_return(3), 7);
    assert_eq!(take(), ["deferred"]);
    assert_eq!(ends_in_loop(4), 4);
    assert_eq!(take(), ["deferred"]);
    assert_eq!(
        panic_text(|| ends_in_panic(5)),
        Err("no value for 5".to_string())
    );
    assert_eq!(take(), ["deferred 5"]);
}

// either 1.19.0, `iterator.rs`: a `?` inside another macro's input that is
// not expressions (so not rewritten), in a function whose value borrows:
// its innermost level keeps returning the value itself.
macro_rules! with_ref {
    ($v:expr, ref $x:ident => $body:expr) => {{
        let $x = &$v;
        $body
    }};
}

#[with_defer]
fn first_even(v: &[u32]) -> Option<&u32> {
    defer!(log("first_even"));
    let found = with_ref!(v, ref items => items.iter().find(|x| *x % 2 == 0)?);
    Some(found)
}

#[test]
fn a_question_mark_hidden_in_another_macro_keeps_its_meaning() {
    assert_eq!(first_even(&[1, 3]), None);
    assert_eq!(take(), ["first_even"]);
    assert_eq!(first_even(&[1, 4, 6]), Some(&4));
    assert_eq!(take(), ["first_even"]);
}

// either 1.19.0, `try_right!`: a `return` in what another macro expands to.
macro_rules! or_return {
    ($e:expr, $default:expr) => {
        match $e {
            Some(v) => v,
            None => return $default,
        }
    };
}

#[with_defer]
fn first_char(s: &str) -> &str {
    defer!(log("first_char"));
    let c = or_return!(s.get(..1), "none");
    c
}

#[test]
fn a_return_hidden_in_another_macro_keeps_its_meaning() {
    assert_eq!(first_char(""), "none");
    assert_eq!(take(), ["first_char"]);
    assert_eq!(first_char("ab"), "a");
    assert_eq!(take(), ["first_char"]);
}

// futures-lite 2.6.0, `io.rs`: an item declared by another macro in the
// body (`pin_project! { struct CopyFuture .. }`), used by an `impl` item
// of the body. Items are hoisted out of the levels; so is the macro.
macro_rules! items {
    ($($item:item)*) => { $($item)* };
}

#[with_defer]
fn item_macro_in_body(n: u32) -> u32 {
    defer!(log("items"));
    items! {
        struct Counter(u32);
    }
    impl Counter {
        fn get(&self) -> u32 {
            self.0 * 2
        }
    }
    Counter(n).get()
}

#[test]
fn an_item_declared_by_a_macro_in_the_body_is_visible_to_the_other_items() {
    assert_eq!(item_macro_in_body(4), 8);
    assert_eq!(take(), ["items"]);
}
