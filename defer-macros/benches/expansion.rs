//! Compile-side scaling (issue #7, item 4): how the time to expand
//! `#[with_defer]` and the size of its output grow with the function.
//!
//! Generated functions have S statements (10, 100, 1000, 2000), of which D
//! are `defer!(cleanup(k));` (1, 8, 64) spread evenly from the first
//! statement on, R are early returns `if x == k { return k; }` (1, 20)
//! spread between them, and the rest alternate `let v_k = x.wrapping_add(k);`
//! and `acc = acc.wrapping_mul(3).wrapping_add(v_k);`. Cases with D + R > S
//! are skipped.
//!
//! Printed: a table of input and output token counts; criterion's time per
//! expansion (group `expansion`, ids `S1000_D8_R20`) and, as the floor any
//! attribute pays, per syn parse and print of the same function (group
//! `parse_print`); then, from criterion's estimates, the time per statement;
//! last, the same in instructions, which are stable where wall-clock time on
//! a shared machine is not: per expansion, per parse and print, the macro's
//! own work (the difference) and both per statement. Linear growth shows as
//! flat per-statement columns down each (D, R); under the table, what a
//! defer and a return cost in place of a plain statement.
//!
//! `cargo bench -p defer-macros --bench expansion`
//! (`-- S1000_` and the like runs the cases whose id contains the filter,
//! in criterion and in the instruction table alike; without `--bench`, as in
//! `cargo test --benches`, criterion runs each routine once and no
//! instructions are counted)
//!
//! Instructions: the binary re-runs itself under `valgrind --tool=callgrind`
//! (environment variable `WITH_DEFER_EXPANSION_CHILD`), once per case and
//! routine for each of two repetition counts, and takes
//! `(Ir2 - Ir1) / (n2 - n1)` from callgrind's `Collected :` line, so
//! start-up, building the input and first-call costs cancel out. Each
//! repetition clones the input built before the loop and drops the output;
//! that clone, its drop and the loop, counted alone the same way (a
//! reference count in `proc_macro2`'s fallback, under 100 instructions), are
//! subtracted from both routines. The tokens themselves are copied when syn
//! first reads the shared stream, inside both routines alike, so that copy
//! cancels in the own work. Up to two children run at a time; the pass
//! takes about a minute. Without valgrind the table is skipped with a
//! one-line message.
//!
//! The macro's modules are compiled into this bench: a proc-macro crate
//! exports nothing else. `proc_macro2` runs on its own fallback here, not on
//! rustc's `proc_macro` bridge, so absolute times are those of the macro's
//! own work, not of a real `rustc` expansion.

#[path = "../src/args.rs"]
#[allow(dead_code)]
mod args;
#[path = "../src/exit.rs"]
#[allow(dead_code)]
mod exit;
#[path = "../src/expand.rs"]
#[allow(dead_code)]
mod expand;
#[path = "../src/expect.rs"]
#[allow(dead_code)]
mod expect;
#[path = "../src/form.rs"]
#[allow(dead_code)]
mod form;
#[path = "../src/frame.rs"]
#[allow(dead_code)]
mod frame;
#[path = "../src/late_init.rs"]
#[allow(dead_code)]
mod late_init;
#[path = "../src/locals.rs"]
#[allow(dead_code)]
mod locals;
#[path = "../src/lower.rs"]
#[allow(dead_code)]
mod lower;
#[path = "../src/methods.rs"]
#[allow(dead_code)]
mod methods;
#[path = "../src/names.rs"]
#[allow(dead_code)]
mod names;
#[path = "../src/refs.rs"]
#[allow(dead_code)]
mod refs;
#[path = "../src/repoint.rs"]
#[allow(dead_code)]
mod repoint;
#[path = "../src/rewrite.rs"]
#[allow(dead_code)]
mod rewrite;
#[path = "../src/site.rs"]
#[allow(dead_code)]
mod site;
#[path = "../src/strip.rs"]
#[allow(dead_code)]
mod strip;
#[path = "../src/take.rs"]
#[allow(dead_code)]
mod take;

use criterion::{BatchSize, Criterion};
use proc_macro2::{TokenStream, TokenTree};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Present in the environment of a child run under callgrind:
/// `"{routine} {case id} {repetitions}"`.
const CHILD: &str = "WITH_DEFER_EXPANSION_CHILD";

const STATEMENTS: [usize; 4] = [10, 100, 1000, 2000];
const DEFERS: [usize; 3] = [1, 8, 64];
const RETURNS: [usize; 2] = [1, 20];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Plain,
    Defer,
    Return,
}

struct Case {
    statements: usize,
    defers: usize,
    returns: usize,
}

impl Case {
    fn id(&self) -> String {
        format!("S{}_D{}_R{}", self.statements, self.defers, self.returns)
    }

    /// `fn f(x: u32) -> u32 { let mut acc = x; <S statements> acc }`. Every
    /// `let` is read by the next plain statement (or the tail), so the
    /// function compiles without warnings.
    fn source(&self) -> String {
        let (s, d, r) = (self.statements, self.defers, self.returns);
        let mut kinds = vec![Kind::Plain; s];
        // The first defer opens the first level, so every statement sits in
        // a level and every return outside the innermost one is rewritten.
        for i in 0..d {
            kinds[i * s / d] = Kind::Defer;
        }
        for j in 0..r {
            let mut at = (j * s / r + s / (2 * r)) % s;
            while kinds[at] != Kind::Plain {
                at = (at + 1) % s;
            }
            kinds[at] = Kind::Return;
        }
        let mut body = String::new();
        let mut pending = None;
        let mut updated = false;
        for (k, kind) in kinds.into_iter().enumerate() {
            match (kind, pending.take()) {
                (Kind::Defer, unread) => {
                    body += &format!("defer!(cleanup({k}));\n");
                    pending = unread;
                }
                (Kind::Return, unread) => {
                    body += &format!("if x == {k} {{ return {k}; }}\n");
                    pending = unread;
                }
                (Kind::Plain, None) => {
                    body += &format!("let v_{k} = x.wrapping_add({k});\n");
                    pending = Some(k);
                }
                (Kind::Plain, Some(v)) => {
                    body += &format!("acc = acc.wrapping_mul(3).wrapping_add(v_{v});\n");
                    updated = true;
                }
            }
        }
        match pending {
            Some(v) => body += &format!("acc.wrapping_add(v_{v})"),
            None => body += "acc",
        }
        let mutable = if updated { "mut " } else { "" };
        format!("fn f(x: u32) -> u32 {{\nlet {mutable}acc = x;\n{body}\n}}\n")
    }

    fn input(&self) -> TokenStream {
        self.source().parse().expect("generated source tokenizes")
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for &defers in &DEFERS {
        for &returns in &RETURNS {
            for &statements in &STATEMENTS {
                if defers + returns <= statements {
                    cases.push(Case {
                        statements,
                        defers,
                        returns,
                    });
                }
            }
        }
    }
    cases
}

fn expand(input: TokenStream) -> TokenStream {
    expand::with_defer(TokenStream::new(), input)
}

/// The floor for any attribute on the same function: parse it with syn and
/// print it back. Most of an expansion's time is this.
fn parse_print(input: TokenStream) -> TokenStream {
    let function: syn::ItemFn = syn::parse2(input).expect("generated source parses");
    quote::quote!(#function)
}

/// Counted as in the crate's unit test: a group is one token plus its
/// contents.
fn count_tokens(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + count_tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

fn print_sizes(cases: &[Case]) {
    println!("\n| S | D | R | input tokens | output tokens | output/input | output tokens/stmt |");
    println!("|--:|--:|--:|--:|--:|--:|--:|");
    for case in cases {
        let input = case.input();
        let output = expand(input.clone());
        let text = output.to_string();
        assert!(
            !text.contains("compile_error"),
            "{}: the expansion is an error:\n{text}",
            case.id()
        );
        let (input, output) = (count_tokens(input), count_tokens(output));
        println!(
            "| {} | {} | {} | {input} | {output} | {:.2} | {:.1} |",
            case.statements,
            case.defers,
            case.returns,
            output as f64 / input as f64,
            output as f64 / case.statements as f64,
        );
    }
    println!();
}

fn bench(c: &mut Criterion, cases: &[Case]) {
    for (name, routine) in [
        ("expansion", expand as fn(TokenStream) -> TokenStream),
        ("parse_print", parse_print),
    ] {
        let mut group = c.benchmark_group(name);
        for case in cases {
            let input = case.input();
            // The input's clone and the output's drop stay outside the timing.
            group.bench_function(case.id(), |b| {
                b.iter_batched(|| input.clone(), routine, BatchSize::SmallInput);
            });
        }
        group.finish();
    }
}

/// Where criterion writes its estimates, found the way criterion finds it;
/// without `CARGO_TARGET_DIR`, from the bench binary's place in
/// `<target>/release/deps/`.
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(target).join("criterion"));
    }
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// `"<key>":{..."point_estimate":<n>` from criterion's `estimates.json`,
/// read by hand to keep serde out of the dev-dependencies. `None` for
/// `"slope":null` (flat sampling).
fn point_estimate(json: &str, key: &str) -> Option<f64> {
    let rest = &json[json.find(&format!("\"{key}\":{{"))?..];
    let rest = &rest[rest.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = rest.find([',', '}'])?;
    rest[..end].trim().parse().ok()
}

/// The time per expansion criterion reports (its slope when it has one,
/// else the mean), in nanoseconds.
fn estimate(dir: &Path, group: &str, case: &Case, since: SystemTime) -> Option<f64> {
    let path = dir
        .join(group)
        .join(case.id())
        .join("new")
        .join("estimates.json");
    // Older files are from another run (or `--test`, which writes none).
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let json = std::fs::read_to_string(path).ok()?;
    point_estimate(&json, "slope").or_else(|| point_estimate(&json, "mean"))
}

fn print_times(cases: &[Case], since: SystemTime) {
    let Some(dir) = criterion_dir() else {
        return;
    };
    let mut rows = Vec::new();
    for case in cases {
        // A case filtered out on the command line has no fresh estimate.
        if let Some(ns) = estimate(&dir, "expansion", case, since) {
            let output = count_tokens(expand(case.input()));
            let floor = estimate(&dir, "parse_print", case, since)
                .map_or_else(|| "-".to_string(), |floor| format!("{:.2}", ns / floor));
            rows.push(format!(
                "| {} | {} | {} | {:.1} | {:.0} | {:.1} | {floor} |",
                case.statements,
                case.defers,
                case.returns,
                ns / 1000.0,
                ns / case.statements as f64,
                ns / output as f64,
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    println!("\n| S | D | R | µs/expansion | ns/stmt | ns/output token | × parse+print |");
    println!("|--:|--:|--:|--:|--:|--:|--:|");
    for row in rows {
        println!("{row}");
    }
    println!();
}

/// What a callgrind child repeats, each time on a fresh clone of the input.
#[derive(Clone, Copy, PartialEq)]
enum Routine {
    /// The clone and the drop alone, with the loop: subtracted from the
    /// other two.
    Clone,
    ParsePrint,
    Expansion,
}

const ROUTINES: [Routine; 3] = [Routine::Clone, Routine::ParsePrint, Routine::Expansion];

impl Routine {
    fn name(self) -> &'static str {
        match self {
            Routine::Clone => "clone",
            Routine::ParsePrint => "parse_print",
            Routine::Expansion => "expansion",
        }
    }

    fn routine(self) -> fn(TokenStream) -> TokenStream {
        match self {
            Routine::Clone => identity,
            Routine::ParsePrint => parse_print,
            Routine::Expansion => expand,
        }
    }
}

fn identity(tokens: TokenStream) -> TokenStream {
    tokens
}

/// Two repetition counts: the second minus the first is what is measured.
/// Few for the large functions (millions of instructions each), more for
/// the small ones and for the clone alone (a reference count in
/// `proc_macro2`'s fallback).
fn repetitions(case: &Case, routine: Routine) -> (u64, u64) {
    if routine == Routine::Clone {
        (100, 1_100)
    } else if case.statements >= 1000 {
        (1, 3)
    } else if case.statements >= 100 {
        (2, 8)
    } else {
        (10, 40)
    }
}

/// Runs one routine on one case, under callgrind in practice.
fn child(cases: &[Case], job: &str) {
    let mut fields = job.split(' ');
    let (Some(name), Some(id), Some(repetitions), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        panic!("{CHILD}={job:?}: not `{{routine}} {{case}} {{repetitions}}`");
    };
    let routine = ROUTINES
        .into_iter()
        .find(|routine| routine.name() == name)
        .unwrap_or_else(|| panic!("no routine {name}"))
        .routine();
    let case = cases
        .iter()
        .find(|case| case.id() == id)
        .unwrap_or_else(|| panic!("no case {id}"));
    let repetitions: u64 = repetitions.parse().expect("a repetition count");
    let input = case.input();
    for _ in 0..repetitions {
        black_box(routine(black_box(&input).clone()));
    }
}

/// The filter: the first argument that is neither a flag nor the value of
/// one of criterion's options that take one (`--sample-size 10`); `--bench`
/// and other flags are ignored.
fn filter(args: &[String]) -> Option<&str> {
    const VALUED: [&str; 19] = [
        "-c",
        "--color",
        "--colour",
        "-s",
        "--save-baseline",
        "-b",
        "--baseline",
        "--baseline-lenient",
        "--load-baseline",
        "--format",
        "--profile-time",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--output-format",
    ];
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if VALUED.contains(&arg.as_str()) || arg == "--plotting-backend" {
            args.next();
        } else if !arg.starts_with('-') {
            return Some(arg);
        }
    }
    None
}

/// Instructions are counted only when criterion measures: with `--bench`
/// (as `cargo bench` passes), not in its test, list or profile modes.
fn counting(args: &[String]) -> bool {
    let has = |flag: &str| args.iter().any(|arg| arg == flag);
    has("--bench") && !has("--test") && !has("--list") && !has("--profile-time")
}

fn valgrind_works() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

struct Job<'a> {
    case: &'a Case,
    routine: Routine,
    repetitions: u64,
}

/// Instructions executed by a child: callgrind's `Collected : N` line.
fn collected(exe: &Path, job: &Job) -> Result<i64, String> {
    let what = format!(
        "{} {} {}",
        job.routine.name(),
        job.case.id(),
        job.repetitions
    );
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .env(CHILD, &what)
        .output()
        .map_err(|error| format!("running valgrind: {error}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("`{what}` under callgrind failed:\n{stderr}"));
    }
    stderr
        .lines()
        .find_map(|line| line.split_once("Collected :"))
        .and_then(|(_, n)| n.trim().parse().ok())
        .ok_or_else(|| format!("no `Collected :` line from callgrind:\n{stderr}"))
}

/// Every job's count, two children at a time (counts do not depend on
/// what else runs).
fn collect_all(exe: &Path, jobs: &[Job]) -> Result<Vec<i64>, String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let next = AtomicUsize::new(0);
    let mut counts = vec![0; jobs.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            return Ok(done);
                        };
                        match collected(exe, job) {
                            Ok(ir) => done.push((i, ir)),
                            Err(error) => {
                                // The other worker stops at its next job.
                                next.store(jobs.len(), Ordering::Relaxed);
                                return Err(error);
                            }
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            for (i, ir) in worker.join().expect("a callgrind worker")? {
                counts[i] = ir;
            }
        }
        Ok(counts)
    })
}

/// Instructions per repetition of each routine, by case: `[clone,
/// parse_print, expansion]`.
fn instructions(cases: &[&Case]) -> Result<Vec<[f64; 3]>, String> {
    let exe = std::env::current_exe().map_err(|error| error.to_string())?;
    let mut jobs = Vec::new();
    for case in cases {
        for routine in ROUTINES {
            let (few, many) = repetitions(case, routine);
            for repetitions in [few, many] {
                jobs.push(Job {
                    case,
                    routine,
                    repetitions,
                });
            }
        }
    }
    // The largest first, so that two workers finish together.
    jobs.sort_by_key(|job| std::cmp::Reverse(job.case.statements));
    let start = Instant::now();
    eprintln!(
        "callgrind: {} runs for {} case(s), up to two at a time",
        jobs.len(),
        cases.len()
    );
    let counts = collect_all(&exe, &jobs)?;
    eprintln!("callgrind: done in {:.0?}", start.elapsed());
    let per_repetition = |case: &Case, routine: Routine| {
        let (few, many) = repetitions(case, routine);
        let count = |repetitions: u64| {
            let i = jobs
                .iter()
                .position(|job| {
                    std::ptr::eq(job.case, case)
                        && job.routine == routine
                        && job.repetitions == repetitions
                })
                .expect("a job for every case, routine and count");
            counts[i]
        };
        (count(many) - count(few)) as f64 / (many - few) as f64
    };
    Ok(cases
        .iter()
        .map(|case| ROUTINES.map(|routine| per_repetition(case, routine)))
        .collect())
}

fn print_instructions(cases: &[&Case]) {
    if !valgrind_works() {
        println!("valgrind not found (or not working): instruction table skipped");
        return;
    }
    let counts = match instructions(cases) {
        Ok(counts) => counts,
        Err(error) => {
            eprintln!("{error}");
            println!("callgrind failed: instruction table skipped");
            return;
        }
    };
    let clones = counts.iter().map(|[clone, ..]| *clone);
    let (low, high) = clones.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), ir| {
        (low.min(ir), high.max(ir))
    });
    // Net of the clone, the drop and the loop.
    let rows: Vec<(&Case, f64, f64)> = cases
        .iter()
        .zip(&counts)
        .map(|(case, [clone, parse_print, expansion])| {
            (*case, expansion - clone, parse_print - clone)
        })
        .collect();
    println!(
        "\nInstructions (callgrind `Ir`) per expansion and per syn parse + print \
         of the same function, net of cloning the input, dropping it and the \
         loop ({low:.0}–{high:.0} per repetition); own work = expansion − \
         parse + print.\n"
    );
    println!(
        "| S | D | R | Ir/expansion | Ir/parse+print | Ir own work | own share \
         | expansion Ir/stmt | own Ir/stmt |"
    );
    println!("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for &(case, expansion, parse_print) in &rows {
        let own = expansion - parse_print;
        let s = case.statements as f64;
        println!(
            "| {} | {} | {} | {expansion:.0} | {parse_print:.0} | {own:.0} | {:.0}% | {:.0} | {:.0} |",
            case.statements,
            case.defers,
            case.returns,
            100.0 * own / expansion,
            expansion / s,
            own / s,
        );
    }
    print_marginal(&rows);
    println!();
}

/// What a defer and a return cost in the macro's own work, in place of a
/// plain statement: the slope between the fewest and the most of them at
/// the same S and the same other count.
fn print_marginal(rows: &[(&Case, f64, f64)]) {
    let own = |s: usize, d: usize, r: usize| {
        rows.iter()
            .find(|(case, ..)| case.statements == s && case.defers == d && case.returns == r)
            .map(|&(_, expansion, parse_print)| expansion - parse_print)
    };
    let slope = |low: Option<f64>, high: Option<f64>, n: usize| match (low, high) {
        (Some(low), Some(high)) => format!("{:.0}", (high - low) / n as f64),
        _ => "–".to_string(),
    };
    let (d_low, r_low) = (DEFERS[0], RETURNS[0]);
    let r_high = RETURNS[RETURNS.len() - 1];
    let mut lines = Vec::new();
    for s in STATEMENTS {
        // The most defers this S has cases for (fewer than D_max at small S).
        let Some(d_high) = DEFERS[1..]
            .iter()
            .rev()
            .copied()
            .find(|&d| RETURNS.iter().any(|&r| own(s, d, r).is_some()))
        else {
            continue;
        };
        let mut cells = vec![s.to_string()];
        for r in RETURNS {
            cells.push(slope(own(s, d_low, r), own(s, d_high, r), d_high - d_low));
        }
        for d in DEFERS {
            cells.push(slope(own(s, d, r_low), own(s, d, r_high), r_high - r_low));
        }
        if cells[1..].iter().any(|cell| cell != "–") {
            lines.push(format!("| {} |", cells.join(" | ")));
        }
    }
    if lines.is_empty() {
        return;
    }
    println!(
        "\nOwn work (Ir) per defer and per return in place of a plain statement: \
         the slope from D = {d_low} to the most defers the S allows, at the same R, \
         and from R = {r_low} to R = {r_high}, at the same D (returns are \
         rewritten only outside the innermost level: none at D = {d_low}). At \
         S ≥ 1000 these are small differences of large counts, which glibc \
         malloc's heap state moves by 1–2% from case to case: read S = 100.\n"
    );
    let mut header = vec!["S".to_string()];
    header.extend(RETURNS.map(|r| format!("per defer, R = {r}")));
    header.extend(DEFERS.map(|d| format!("per return, D = {d}")));
    println!("| {} |", header.join(" | "));
    println!("|--:|{}", "--:|".repeat(header.len() - 1));
    for line in lines {
        println!("{line}");
    }
}

fn main() {
    let cases = cases();
    if let Ok(job) = std::env::var(CHILD) {
        child(&cases, &job);
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    print_sizes(&cases);
    let since = SystemTime::now();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20)
        .configure_from_args();
    bench(&mut criterion, &cases);
    criterion.final_summary();
    print_times(&cases, since);
    // Without `--bench` (`cargo test --benches`), criterion's test mode ran
    // each routine once: no minutes of valgrind in a test run.
    if counting(&args) {
        let filter = filter(&args);
        let selected: Vec<&Case> = cases
            .iter()
            .filter(|case| filter.is_none_or(|f| case.id().contains(f)))
            .collect();
        if selected.is_empty() {
            println!(
                "no case id contains `{}`: instruction table skipped",
                filter.unwrap_or_default()
            );
        } else {
            print_instructions(&selected);
        }
    }
}
