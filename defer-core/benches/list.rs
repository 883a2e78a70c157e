//! The runtime list (loop `defer!`s) against three ways of doing the same
//! cleanup without the attribute, for N = 1, 10 and 1000 defers per call,
//! measured in the same run:
//!
//! - `with_defer`: `for i in 0..n { defer!(sink(i)) }` in a `#[with_defer]`
//!   function (a typed `Vec` of closures, drained newest first at exit);
//! - `handwritten`: no list at all, the `n` calls written at the end of the
//!   function in reverse order (the limit);
//! - `boxed`: a `Vec<Box<dyn FnOnce()>>` pushed in the loop, popped (so
//!   newest first) at the end;
//! - `scopeguard`: `scopeguard::guard(i, sink)` guards pushed into a `Vec`
//!   and popped one by one at the end (a `Vec` drops front to back, so
//!   popping keeps the order LIFO).
//!
//! Every variant runs `sink(i)` for `i` in `(0..n).rev()`: the same work.
//! `n` goes through `black_box`, so no loop is constant-folded.
//!
//! `cargo bench -p defer-core --bench list`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use defer_core::with_defer;
use std::cell::Cell;
use std::hint::black_box;
use std::time::Duration;

thread_local! {
    static ACC: Cell<u64> = const { Cell::new(0) };
}

/// The deferred work: adds `i` to a thread-local accumulator. Small, not
/// optimised away (`black_box`), and capturing only `i` (one `u64` per
/// entry in every variant).
#[inline]
fn sink(i: u64) {
    ACC.with(|acc| acc.set(acc.get().wrapping_add(black_box(i))));
}

#[inline(never)]
#[with_defer]
fn with_defer_list(n: u64) {
    for i in 0..n {
        defer!(sink(i));
    }
}

#[inline(never)]
fn handwritten(n: u64) {
    for i in (0..n).rev() {
        sink(i);
    }
}

#[inline(never)]
fn boxed(n: u64) {
    let mut list: Vec<Box<dyn FnOnce()>> = Vec::new();
    for i in 0..n {
        list.push(Box::new(move || sink(i)));
    }
    while let Some(f) = list.pop() {
        f();
    }
}

#[inline(never)]
fn scope_guards(n: u64) {
    let mut guards = Vec::new();
    for i in 0..n {
        guards.push(scopeguard::guard(i, sink));
    }
    // Popped one by one: dropping the `Vec` would run them oldest first.
    while let Some(guard) = guards.pop() {
        drop(guard);
    }
}

fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    for n in [1_u64, 10, 1000] {
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::new("with_defer", n), &n, |b, &n| {
            b.iter(|| with_defer_list(black_box(n)));
        });
        group.bench_with_input(BenchmarkId::new("handwritten", n), &n, |b, &n| {
            b.iter(|| handwritten(black_box(n)));
        });
        group.bench_with_input(BenchmarkId::new("boxed", n), &n, |b, &n| {
            b.iter(|| boxed(black_box(n)));
        });
        group.bench_with_input(BenchmarkId::new("scopeguard", n), &n, |b, &n| {
            b.iter(|| scope_guards(black_box(n)));
        });
    }
    group.finish();
}

criterion_group!(benches, list);
criterion_main!(benches);
