//! What `#[with_defer]` costs at compile time (issue #13): the whole of
//! rustc's work on an annotated function (expansion, type and borrow
//! checking, code generation), against the same function with `scopeguard`
//! guards and written by hand, in the dev and release profiles.
//!
//! `cargo bench -p defer-core --bench compile_time` (about 10 minutes;
//! `-- quick` builds each crate once instead of five times, and a word,
//! `-- two_defers`, builds only the cases whose name contains it)
//!
//! Each case is a crate of its own, generated under
//! `target/compile-time/`, with `defer-core` and `scopeguard` as
//! dependencies, built first once so that only the crate itself is timed
//! (`CARGO_INCREMENTAL=0`, the lock file copied from this workspace). A
//! build is timed from `cargo build` to its exit; the median of five is
//! taken, and the per-function figure is the difference to the
//! handwritten crate divided by the number of functions.
//!
//! 1. `two_defers`: 200 functions, each with a block defer, a call-form
//!    defer and a `?` (the function of the issue).
//! 2. Scaling: 10 functions of 1,000 statements with D defers and R early
//!    returns, against the same functions with the defers as plain calls
//!    and no attribute: the time per function should grow with D and R
//!    about linearly.
//!
//! Without `--bench` (as in `cargo test --benches`) it only writes the
//! crates' sources and exits.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const FUNCTIONS: usize = 200;

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    WithDefer,
    Scopeguard,
    Handwritten,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::WithDefer => "with_defer",
            Variant::Scopeguard => "scopeguard",
            Variant::Handwritten => "handwritten",
        }
    }
}

const PRELUDE: &str = "#![allow(dead_code, unused_imports, clippy::all)]
use defer_core::with_defer;
use scopeguard::guard;
#[inline(never)]
pub fn sink(x: u64) {
    std::hint::black_box(x);
}
#[inline(never)]
pub fn check(n: u64) -> Result<u64, ()> {
    if n > 1000 { Err(()) } else { Ok(n) }
}
#[inline(never)]
pub fn cleanup(k: u32) {
    std::hint::black_box(k);
}
";

/// The function: `let mut n = x + i; defer! { s.push(n) }
/// defer!(sink(x)); n = check(n)?; n += 1; Ok(n * 2)`, and its
/// equivalents.
fn two_defers(variant: Variant, i: usize) -> String {
    match variant {
        Variant::WithDefer => format!(
            "#[with_defer]
pub fn f{i}(x: u64, s: &mut Vec<u64>) -> Result<u64, ()> {{
    let mut n = x + {i};
    defer! {{ s.push(n) }}
    defer!(sink(x));
    n = check(n)?;
    n += 1;
    Ok(n * 2)
}}
"
        ),
        Variant::Scopeguard => format!(
            "pub fn f{i}(x: u64, s: &mut Vec<u64>) -> Result<u64, ()> {{
    let mut n = guard(x + {i}, |n| s.push(n));
    let _sink = guard(x, sink);
    *n = check(*n)?;
    *n += 1;
    Ok(*n * 2)
}}
"
        ),
        Variant::Handwritten => format!(
            "pub fn f{i}(x: u64, s: &mut Vec<u64>) -> Result<u64, ()> {{
    let mut n = x + {i};
    n = match check(n) {{
        Ok(v) => v,
        Err(e) => {{
            sink(x);
            s.push(n);
            return Err(e);
        }}
    }};
    n += 1;
    let r = Ok(n * 2);
    sink(x);
    s.push(n);
    r
}}
"
        ),
    }
}

/// A function of `statements` statements, `defers` of them `defer!`s (or,
/// without the attribute, plain calls in their place) and `returns` early
/// returns, as in `defer-macros/benches/expansion.rs`.
fn long_function(
    i: usize,
    statements: usize,
    defers: usize,
    returns: usize,
    annotated: bool,
) -> String {
    let mut kinds = vec![0u8; statements];
    for d in 0..defers {
        kinds[d * statements / defers] = 1;
    }
    for r in 0..returns {
        let mut at = (r * statements / returns + statements / (2 * returns)) % statements;
        while kinds[at] != 0 {
            at = (at + 1) % statements;
        }
        kinds[at] = 2;
    }
    let mut body = String::new();
    for (k, kind) in kinds.into_iter().enumerate() {
        match (kind, annotated) {
            (1, true) => writeln!(body, "    defer!(cleanup({k}));"),
            (1, false) => writeln!(body, "    cleanup({k});"),
            (2, _) => writeln!(body, "    if x == {k} {{ return acc; }}"),
            _ => writeln!(body, "    acc = acc.wrapping_mul(3).wrapping_add({k});"),
        }
        .expect("writing to a String");
    }
    let attribute = if annotated { "#[with_defer]\n" } else { "" };
    format!("{attribute}pub fn g{i}(x: u32) -> u32 {{\n    let mut acc = x;\n{body}    acc\n}}\n")
}

struct Case {
    name: String,
    functions: usize,
    source: String,
}

fn cases() -> (Vec<Case>, Vec<(String, String)>) {
    let mut cases = Vec::new();
    for variant in [
        Variant::WithDefer,
        Variant::Scopeguard,
        Variant::Handwritten,
    ] {
        let source: String = (0..FUNCTIONS).map(|i| two_defers(variant, i)).collect();
        cases.push(Case {
            name: format!("two_defers_{}", variant.name()),
            functions: FUNCTIONS,
            source,
        });
    }
    // (annotated case, its plain baseline)
    let mut pairs = Vec::new();
    for (defers, returns) in [(1, 1), (8, 1), (64, 1), (1, 20), (8, 20), (64, 20)] {
        for annotated in [true, false] {
            let source = (0..10)
                .map(|i| long_function(i, 1000, defers, returns, annotated))
                .collect();
            let kind = if annotated { "with_defer" } else { "plain" };
            cases.push(Case {
                name: format!("s1000_d{defers}_r{returns}_{kind}"),
                functions: 10,
                source,
            });
        }
        pairs.push((
            format!("s1000_d{defers}_r{returns}_with_defer"),
            format!("s1000_d{defers}_r{returns}_plain"),
        ));
    }
    (cases, pairs)
}

fn write_crate(root: &Path, case: &Case) -> PathBuf {
    let dir = root.join(&case.name);
    std::fs::create_dir_all(dir.join("src")).expect("creating the crate's directory");
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = format!(
        "[package]\nname = \"ct-{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ndefer-core = {{ path = {:?} }}\nscopeguard = \"1.2\"\n\n[workspace]\n",
        case.name.replace('_', "-"),
        core.display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("writing Cargo.toml");
    let lock = core.join("../Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copying Cargo.lock");
    }
    std::fs::write(dir.join("src/lib.rs"), format!("{PRELUDE}{}", case.source))
        .expect("writing lib.rs");
    dir
}

/// Seconds of one `cargo build` of the crate alone (its dependencies are
/// built already).
fn build(dir: &Path, target: &Path, release: bool) -> f64 {
    // A fresh modification time, so that cargo rebuilds the crate.
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read(&lib).expect("reading lib.rs");
    std::fs::write(&lib, text).expect("touching lib.rs");
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(dir)
        .args(["build", "--quiet", "--lib"])
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0");
    if release {
        command.arg("--release");
    }
    let start = Instant::now();
    let status = command.status().expect("running cargo build");
    assert!(status.success(), "cargo build of {} failed", dir.display());
    start.elapsed().as_secs_f64()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/compile-time");
    let target = root.join("target");
    let (cases, pairs) = cases();
    let dirs: Vec<PathBuf> = cases.iter().map(|case| write_crate(&root, case)).collect();
    if !args.iter().any(|arg| arg == "--bench") {
        println!(
            "wrote {} crates under {}; `cargo bench` builds and times them",
            cases.len(),
            root.display()
        );
        return;
    }
    let runs = if args.iter().any(|arg| arg == "quick") {
        1
    } else {
        5
    };
    let filter = args
        .iter()
        .find(|arg| !arg.starts_with('-') && *arg != "quick");
    let selected: Vec<usize> = (0..cases.len())
        .filter(|&i| filter.is_none_or(|f| cases[i].name.contains(f.as_str())))
        .collect();
    for (profile, release) in [("dev", false), ("release", true)] {
        // The dependencies, once, and a first build of each crate.
        for &i in &selected {
            build(&dirs[i], &target, release);
        }
        let mut times = vec![None; cases.len()];
        for &i in &selected {
            let time = median(
                (0..runs)
                    .map(|_| build(&dirs[i], &target, release))
                    .collect(),
            );
            eprintln!("{profile}: {} {time:.3} s", cases[i].name);
            times[i] = Some(time);
        }
        let time_of = |name: &str| {
            let i = cases.iter().position(|case| case.name == name)?;
            times[i].map(|time| (time, cases[i].functions))
        };
        report_two(profile, &time_of);
        report_scaling(profile, &time_of, &pairs);
    }
}

type TimeOf<'a> = &'a dyn Fn(&str) -> Option<(f64, usize)>;

fn report_two(profile: &str, time_of: TimeOf) {
    let Some((hand, n)) = time_of("two_defers_handwritten") else {
        return;
    };
    println!();
    println!("{profile} profile, {n} functions with two defers and a `?` (median of the builds):");
    println!();
    println!("| variant | build | per function over handwritten |");
    println!("|---|---:|---:|");
    for variant in ["with_defer", "scopeguard", "handwritten"] {
        let Some((time, n)) = time_of(&format!("two_defers_{variant}")) else {
            continue;
        };
        println!(
            "| {variant} | {time:.2} s | {:.2} ms |",
            (time - hand) * 1000.0 / n as f64
        );
    }
}

fn report_scaling(profile: &str, time_of: TimeOf, pairs: &[(String, String)]) {
    let rows: Vec<_> = pairs
        .iter()
        .filter_map(|(annotated, plain)| Some((annotated, time_of(annotated)?, time_of(plain)?)))
        .collect();
    if rows.is_empty() {
        return;
    }
    println!();
    println!(
        "{profile} profile, 10 functions of 1,000 statements, against the same without the attribute:"
    );
    println!();
    println!("| defers | returns | with_defer | plain | per function over plain |");
    println!("|---:|---:|---:|---:|---:|");
    for (annotated, (with, n), (without, _)) in rows {
        let parts: Vec<&str> = annotated.split('_').collect();
        println!(
            "| {} | {} | {with:.2} s | {without:.2} s | {:.1} ms |",
            &parts[1][1..],
            &parts[2][1..],
            (with - without) * 1000.0 / n as f64
        );
    }
}
