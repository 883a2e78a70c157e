//! One and eight open-coded defers against the same cleanup written by hand
//! at each exit, measured in the same run.
//!
//! `cargo bench -p defer-core --bench open_coded`

use criterion::{criterion_group, criterion_main, Criterion};
use defer_core::with_defer;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The "unlock" side of a lock/unlock pair: small, not optimised away.
#[inline(never)]
fn cleanup(n: u64) {
    COUNTER.fetch_add(black_box(n), Ordering::Relaxed);
}

#[inline(never)]
fn handwritten_one(x: u64) -> u64 {
    if x == 0 {
        cleanup(1);
        return 0;
    }
    let r = black_box(x) * 3;
    cleanup(1);
    r
}

#[inline(never)]
#[with_defer]
fn deferred_one(x: u64) -> u64 {
    defer!(cleanup(1));
    if x == 0 {
        return 0;
    }
    black_box(x) * 3
}

#[inline(never)]
fn handwritten_eight(x: u64) -> u64 {
    let r = black_box(x) * 3;
    for n in (1..=8).rev() {
        cleanup(n);
    }
    r
}

#[inline(never)]
#[with_defer]
fn deferred_eight(x: u64) -> u64 {
    defer!(cleanup(1));
    defer!(cleanup(2));
    defer!(cleanup(3));
    defer!(cleanup(4));
    defer!(cleanup(5));
    defer!(cleanup(6));
    defer!(cleanup(7));
    defer!(cleanup(8));
    black_box(x) * 3
}

fn open_coded(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_coded");
    group.bench_function("one/handwritten", |b| {
        b.iter(|| handwritten_one(black_box(7)));
    });
    group.bench_function("one/with_defer", |b| {
        b.iter(|| deferred_one(black_box(7)));
    });
    group.bench_function("eight/handwritten", |b| {
        b.iter(|| handwritten_eight(black_box(7)));
    });
    group.bench_function("eight/with_defer", |b| {
        b.iter(|| deferred_eight(black_box(7)));
    });
    group.finish();
}

criterion_group!(benches, open_coded);
criterion_main!(benches);
