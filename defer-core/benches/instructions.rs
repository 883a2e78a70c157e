//! Instructions and heap allocations per call of every scenario of issue #7
//! (`scenarios/mod.rs`, the functions `compare.rs` times), as a markdown
//! table. Instruction counts are stable where wall-clock time is not.
//!
//! `cargo bench -p defer-core --bench instructions`
//! (`-- loop_10/` and the like runs the cases whose `scenario/variant`
//! contains the filter; without `--bench`, as in `cargo test --benches`, it
//! only checks that every case does its work)
//!
//! Instructions: the binary re-runs itself under
//! `valgrind --tool=callgrind`, once per case for each of two call counts,
//! and takes `(Ir2 - Ir1) / (calls2 - calls1)`, so start-up and first-call
//! costs cancel out. From that, the cost of an empty call through the same
//! loop is subtracted. Without valgrind only the allocation column is
//! printed. Allocations (`alloc` and `realloc` calls): a counting global
//! allocator, in-process, without valgrind.

mod scenarios;

use scenarios::Case;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

/// Present in the environment of a child run under callgrind:
/// `"{scenario}/{variant} {calls}"`.
const CHILD: &str = "WITH_DEFER_INSTRUCTIONS_CHILD";

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

struct Counting;

// Counting costs one `lock add` per allocation inside the callgrind runs
// too: negligible next to the allocator's own few dozen instructions.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged, under the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What the harness loop itself costs per call, subtracted from every case.
#[inline(never)]
fn empty(x: u64) -> u64 {
    x
}

fn empty_case() -> Case {
    Case {
        scenario: "harness",
        variant: "empty",
        run: empty,
        arg: 7,
        returns: 7,
        sinks: 0,
    }
}

/// The loop measured, in the child and for allocations alike.
fn run(case: &Case, calls: u64) {
    for _ in 0..calls {
        black_box((case.run)(black_box(case.arg)));
    }
}

/// Two call counts: the second minus the first is what is measured. Fewer
/// for the cases that cost thousands of instructions per call.
fn call_counts(case: &Case) -> (u64, u64) {
    if case.scenario == "loop_1000" || case.scenario.starts_with("panic_") {
        (100, 1_100)
    } else {
        (1_000, 11_000)
    }
}

fn main() {
    scenarios::quiet_panics();
    let mut cases = scenarios::cases();
    cases.push(empty_case());
    if let Ok(job) = std::env::var(CHILD) {
        child(&cases, &job);
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; other flags are ignored.
    let filter = args.iter().find(|arg| !arg.starts_with('-'));
    let selected: Vec<&Case> = cases
        .iter()
        .filter(|case| case.scenario != "harness")
        .filter(|case| filter.is_none_or(|f| case.id().contains(f.as_str())))
        .collect();
    if selected.is_empty() {
        eprintln!("no case matches {filter:?}");
        std::process::exit(1);
    }
    for case in &selected {
        case.check();
    }
    // Without `--bench` (`cargo test --benches`), checking is all: as
    // criterion's test mode, and no minutes of valgrind in a test run.
    if !args.iter().any(|arg| arg == "--bench") {
        println!(
            "checked {} cases; `cargo bench` measures them",
            selected.len()
        );
        return;
    }
    let allocations: Vec<f64> = selected.iter().map(|case| allocations(case)).collect();
    let instructions = if valgrind_works() {
        let exe = std::env::current_exe().expect("the path of this binary");
        let overhead = per_call(&exe, cases.last().expect("the empty case"));
        eprintln!("an empty call through the harness loop: {overhead:.1} instructions");
        let net = selected
            .iter()
            .map(|case| Some(per_call(&exe, case) - overhead))
            .collect();
        Some((overhead, net))
    } else {
        eprintln!(
            "valgrind not found (or not working): instruction counts skipped, \
             allocations only; install valgrind for the instruction column"
        );
        None
    };
    print_table(&selected, instructions.as_ref(), &allocations);
    print_sizes();
}

/// Issue #16: the size of each async scenario's future.
fn print_sizes() {
    println!();
    println!("Future sizes (`size_of_val` before the first poll), in bytes:");
    println!();
    println!("| scenario | handwritten | with_defer | difference |");
    println!("|---|---:|---:|---:|");
    for (scenario, handwritten, with_defer) in scenarios::asyncs::sizes() {
        let difference = i128::try_from(with_defer).unwrap_or(i128::MAX)
            - i128::try_from(handwritten).unwrap_or(i128::MAX);
        println!("| {scenario} | {handwritten} | {with_defer} | {difference:+} |");
    }
}

/// Runs one case, under callgrind in practice, and checks its work.
fn child(cases: &[Case], job: &str) {
    let (id, calls) = job.split_once(' ').expect("`{id} {calls}`");
    let calls: u64 = calls.parse().expect("a call count");
    let case = cases
        .iter()
        .find(|case| case.id() == id)
        .unwrap_or_else(|| panic!("no case {id}"));
    let before = scenarios::sunk();
    scenarios::or_exit(id, || run(case, calls));
    let sunk = scenarios::sunk().wrapping_sub(before);
    if sunk != case.sinks.wrapping_mul(calls) {
        eprintln!("{id}: {sunk} sunk in {calls} calls");
        std::process::exit(1);
    }
}

fn allocations(case: &Case) -> f64 {
    let (_, calls) = call_counts(case);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    run(case, calls);
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    (after - before) as f64 / calls as f64
}

fn valgrind_works() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

fn per_call(exe: &Path, case: &Case) -> f64 {
    let (few, many) = call_counts(case);
    eprintln!("callgrind: {}", case.id());
    let delta = collected(exe, case, many) - collected(exe, case, few);
    delta as f64 / (many - few) as f64
}

/// Instructions executed by a child that makes `calls` calls: callgrind's
/// `Collected : N` line.
fn collected(exe: &Path, case: &Case, calls: u64) -> i64 {
    let id = case.id();
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .env(CHILD, format!("{id} {calls}"))
        .output()
        .expect("running valgrind");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{id} under callgrind:\n{stderr}");
    stderr
        .lines()
        .find_map(|line| line.split_once("Collected :"))
        .and_then(|(_, n)| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no `Collected :` line from callgrind:\n{stderr}"))
}

fn print_table(
    cases: &[&Case],
    instructions: Option<&(f64, Vec<Option<f64>>)>,
    allocations: &[f64],
) {
    let reference = |case: &Case, values: &[Option<f64>]| {
        let wanted = scenarios::reference(case.scenario);
        let i = cases
            .iter()
            .position(|c| c.scenario == case.scenario && c.variant == wanted)?;
        values[i]
    };
    println!();
    if let Some((overhead, _)) = instructions {
        println!(
            "Instructions per call (callgrind `Ir`), net of the harness loop \
             ({overhead:.1} per empty call); ratio to `handwritten`, or to \
             `catch_unwind` for the panic scenarios. Allocations: heap \
             `alloc` + `realloc` calls per call."
        );
    } else {
        println!("Allocations: heap `alloc` + `realloc` calls per call.");
    }
    println!();
    println!("| scenario | variant | instructions/call | ratio | allocations/call |");
    println!("|---|---|---:|---:|---:|");
    for (i, case) in cases.iter().enumerate() {
        let (ir, ratio) = match instructions {
            Some((_, values)) => {
                let ir = values[i].map_or("–".to_string(), |ir| format!("{ir:.1}"));
                let ratio = match (values[i], reference(case, values)) {
                    (Some(ir), Some(base)) if base > 0.0 => format!("{:.2}", ir / base),
                    _ => "–".to_string(),
                };
                (ir, ratio)
            }
            None => ("–".to_string(), "–".to_string()),
        };
        println!(
            "| {} | {} | {ir} | {ratio} | {} |",
            case.scenario,
            case.variant,
            number(allocations[i]),
        );
    }
}

/// Whole numbers without a fraction, the rest with two digits.
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}
