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
//! `parse_print`); then, from criterion's estimates, the time per statement.
//! Linear growth shows as flat per-statement columns down each (D, R).
//!
//! `cargo bench -p defer-macros --bench expansion`
//!
//! The macro's modules are compiled into this bench: a proc-macro crate
//! exports nothing else. `proc_macro2` runs on its own fallback here, not on
//! rustc's `proc_macro` bridge, so absolute times are those of the macro's
//! own work, not of a real `rustc` expansion.

#[path = "../src/args.rs"]
#[allow(dead_code)]
mod args;
#[path = "../src/expand.rs"]
#[allow(dead_code)]
mod expand;
#[path = "../src/form.rs"]
#[allow(dead_code)]
mod form;
#[path = "../src/lower.rs"]
#[allow(dead_code)]
mod lower;
#[path = "../src/names.rs"]
#[allow(dead_code)]
mod names;
#[path = "../src/refs.rs"]
#[allow(dead_code)]
mod refs;
#[path = "../src/rewrite.rs"]
#[allow(dead_code)]
mod rewrite;
#[path = "../src/site.rs"]
#[allow(dead_code)]
mod site;

use criterion::{BatchSize, Criterion};
use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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

fn main() {
    let cases = cases();
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
}
