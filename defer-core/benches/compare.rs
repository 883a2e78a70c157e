//! Wall-clock time of every scenario of issue #7 (`scenarios/mod.rs`): with
//! `#[with_defer]`, handwritten cleanup, `scopeguard` guards, boxed closures
//! and, for panics, a bare `catch_unwind`, in one run. Ids are
//! `compare/{scenario}/{variant}`. `instructions.rs` counts instructions of
//! the same functions.
//!
//! `cargo bench -p defer-core --bench compare`
//! (`-- loop_10/` and the like runs a subset)

mod scenarios;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

fn compare(c: &mut Criterion) {
    scenarios::quiet_panics();
    let cases = scenarios::cases();
    // All checked before any is measured: a broken variant stops the run.
    for case in &cases {
        case.check();
    }
    let mut group = c.benchmark_group("compare");
    // Short, so that the ~40 cases take a few minutes in all.
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    for case in &cases {
        let (run, arg) = (case.run, case.arg);
        group.bench_function(case.id(), |b| b.iter(|| run(black_box(arg))));
    }
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
