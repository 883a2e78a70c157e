//! `annotate-crate CRATE_DIR [-- CARGO_TEST_ARGS..]`: copies a crate's
//! sources to a scratch directory, puts `#[::defer_core::with_defer]` and
//! two `defer!`s that use nothing on every function with a body (free
//! functions, methods, trait default methods, nested functions; not
//! `const fn` or functions inside `macro_rules!`; `async fn` too), makes it
//! depend on this checkout's `defer-core`, and runs `cargo test` there.
//!
//! SPEC §8: a crate that compiles and passes without the attribute must do
//! so with it. It prints how many functions it annotated per file, fails
//! when that is none, and exits with `cargo test`'s status. The sources
//! are edited as text at the functions' positions, so the copy keeps the
//! crate's formatting, comments and line numbers (an attribute and the
//! defers go on the lines they annotate).
//!
//! `--lints` compares the crate's rustc and clippy warnings with and
//! without the annotations instead (see `lints`). `CRATE_DIR` may be
//! `NAME@VERSION`, fetched from crates.io.
//!
//! Examples: `cargo run -p defer-real-crates -- smallvec@1.16.2`,
//! `cargo run -p defer-real-crates -- --lints either@1.19.0`.

use proc_macro2::LineColumn;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::{env, fs};
use syn::visit::Visit;

const ATTRIBUTE: &str = "#[::defer_core::with_defer] ";
const DEFERS: &str = " defer!(()); defer! { let _ = 0u8; }";

mod lints;

fn main() -> ExitCode {
    let mut args: Vec<String> = env::args().skip(1).collect();
    let lint_mode = args.first().is_some_and(|arg| arg == "--lints");
    if lint_mode {
        args.remove(0);
    }
    let Some(source) = args.first() else {
        eprintln!("usage: annotate-crate [--lints] CRATE_DIR [-- CARGO_TEST_ARGS..]");
        return ExitCode::from(2);
    };
    let test_args: Vec<&String> = args.iter().skip_while(|a| *a != "--").skip(1).collect();
    let source = match source.split_once('@') {
        Some((name, version)) => match fetch(name, version) {
            Ok(dir) => dir,
            Err(error) => {
                eprintln!("annotate-crate: {error}");
                return ExitCode::from(2);
            }
        },
        None => PathBuf::from(source),
    };
    let result = if lint_mode {
        compare_lints(&source)
    } else {
        run(&source, &test_args)
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("annotate-crate: {error}");
            ExitCode::from(2)
        }
    }
}

/// `NAME@VERSION`: the crate's sources from crates.io, through cargo's own
/// download (a scratch project that depends on it, `cargo fetch`).
fn fetch(name: &str, version: &str) -> Result<PathBuf, String> {
    let project = env::temp_dir()
        .join("defer-real-crates")
        .join(format!("fetch-{name}-{version}"));
    fs::create_dir_all(project.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
    );
    fs::write(project.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    fs::write(project.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    let status = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["fetch", "--quiet"])
        .current_dir(&project)
        .status()
        .map_err(|e| format!("running cargo fetch: {e}"))?;
    if !status.success() {
        return Err(format!("cargo fetch of {name} {version} failed"));
    }
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .ok_or("no CARGO_HOME or HOME")?;
    let registry = home.join("registry/src");
    let entries = fs::read_dir(&registry).map_err(|e| format!("{}: {e}", registry.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|index| index.path().join(format!("{name}-{version}")))
        .find(|dir| dir.is_dir())
        .ok_or_else(|| format!("{name}-{version} is not in {}", registry.display()))
}

fn target_dir() -> PathBuf {
    env::temp_dir().join("defer-real-crates-target")
}

fn run(source: &Path, test_args: &[&String]) -> Result<ExitCode, String> {
    let copy = annotated_copy(source)?;
    let status = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .arg("test")
        .args(test_args)
        .env("CARGO_TARGET_DIR", target_dir())
        .current_dir(&copy)
        .status()
        .map_err(|e| format!("running cargo test: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `--lints`: the crate's warnings, as it is and annotated.
fn compare_lints(source: &Path) -> Result<ExitCode, String> {
    let plain = scratch_copy(source, "-plain")?;
    let annotated = annotated_copy(source)?;
    let before = lints::warnings(&plain, &target_dir())?;
    let after = lints::warnings(&annotated, &target_dir())?;
    Ok(if lints::same(&before, &after) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A copy of the crate with `defer-core` as a dependency.
fn scratch_copy(source: &Path, suffix: &str) -> Result<PathBuf, String> {
    let name = source
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or("the crate directory has no name")?;
    let copy = env::temp_dir()
        .join("defer-real-crates")
        .join(format!("{name}{suffix}"));
    let _ = fs::remove_dir_all(&copy);
    copy_dir(source, &copy).map_err(|e| format!("copying {}: {e}", source.display()))?;
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../defer-core");
    let core = core
        .canonicalize()
        .map_err(|e| format!("{}: {e}", core.display()))?;
    add_dependency(&copy.join("Cargo.toml"), &core)?;
    // In both copies, so that `--lints` compares the same lines.
    for root in ["src/lib.rs", "src/main.rs", "lib.rs"] {
        let root = copy.join(root);
        if root.exists() {
            declare_extern_crate(&root)?;
        }
    }
    Ok(copy)
}

/// The copy with every function annotated; fails when there is none.
fn annotated_copy(source: &Path) -> Result<PathBuf, String> {
    let copy = scratch_copy(source, "")?;
    let mut total = 0;
    for file in rust_files(&copy)? {
        let count = annotate_file(&file)?;
        if count > 0 {
            println!(
                "{count:5}  {}",
                file.strip_prefix(&copy).unwrap_or(&file).display()
            );
        }
        total += count;
    }
    println!("{total:5}  functions annotated ({})", copy.display());
    if total == 0 {
        return Err("nothing to annotate".into());
    }
    Ok(copy)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target)?;
            }
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// `defer-core` as a dependency, and a `[workspace]` of its own so that
/// the copy does not join an enclosing workspace.
fn add_dependency(manifest: &Path, core: &Path) -> Result<(), String> {
    let text = fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let line = format!(
        "defer-core = {{ path = {:?} }}\n",
        core.display().to_string()
    );
    let text = match text.find("[dependencies]\n") {
        Some(at) => {
            let at = at + "[dependencies]\n".len();
            format!("{}{line}{}", &text[..at], &text[at..])
        }
        None => format!("{text}\n[dependencies]\n{line}"),
    };
    let text = if text.contains("[workspace]") {
        text
    } else {
        format!("{text}\n[workspace]\n")
    };
    fs::write(manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))
}

/// Edition 2015 reaches `::defer_core` only through the crate root.
fn declare_extern_crate(root: &Path) -> Result<(), String> {
    let text = fs::read_to_string(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", root.display()))?;
    // After the inner attributes, which must come first.
    let at = file
        .attrs
        .iter()
        .map(|attr| syn::spanned::Spanned::span(attr).end())
        .max_by_key(|end| (end.line, end.column))
        .map_or(0, |end| offset(&text, end));
    let text = format!(
        "{}\n#[allow(unused_extern_crates)] extern crate defer_core;\n{}",
        &text[..at],
        &text[at..]
    );
    fs::write(root, text).map_err(|e| format!("{}: {e}", root.display()))
}

/// The crate's own sources: every `.rs` file but the build script and
/// those of its tests, benches and examples (`src/`, or the root for
/// crates such as fnv that keep `lib.rs` there).
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "tests" | "benches" | "examples" | "target") {
                files.extend(rust_files(&path)?);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") && name != "build.rs" {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Annotates every function of one file; returns how many.
fn annotate_file(path: &Path) -> Result<usize, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (text, count) = annotate(text);
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(count)
}

/// The source with every function annotated, and how many.
fn annotate(text: String) -> (String, usize) {
    let Ok(file) = syn::parse_file(&text) else {
        // A file that is not Rust on its own (an `include!`d fragment).
        return (text, 0);
    };
    let mut finder = Functions::default();
    finder.visit_file(&file);
    let mut edits: Vec<(usize, &str)> = Vec::new();
    for function in &finder.found {
        edits.push((offset(&text, function.item), ATTRIBUTE));
        edits.push((offset(&text, function.body), DEFERS));
    }
    edits.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
    let mut text = text;
    for (at, insert) in edits {
        text.insert_str(at, insert);
    }
    (text, finder.found.len())
}

/// A function to annotate: where its item starts (its first attribute)
/// and where its body's `{` ends.
struct Function {
    item: LineColumn,
    body: LineColumn,
}

#[derive(Default)]
struct Functions {
    found: Vec<Function>,
}

impl Functions {
    fn add(
        &mut self,
        attrs: &[syn::Attribute],
        start: proc_macro2::Span,
        sig: &syn::Signature,
        block: &syn::Block,
    ) {
        if sig.constness.is_some() || already_annotated(attrs) {
            return;
        }
        let item = attrs
            .iter()
            .filter(|attr| matches!(attr.style, syn::AttrStyle::Outer))
            .map(|attr| attr.pound_token.span)
            .chain([start])
            .map(|span| span.start())
            .min_by_key(|at| (at.line, at.column))
            .unwrap_or_else(|| start.start());
        // After the body's inner attributes (`#![allow(..)]`), which come
        // first; syn keeps them with the outer ones.
        let body = attrs
            .iter()
            .filter(|attr| matches!(attr.style, syn::AttrStyle::Inner(_)))
            .map(|attr| syn::spanned::Spanned::span(attr).end())
            .chain([block.brace_token.span.open().end()])
            .max_by_key(|at| (at.line, at.column))
            .unwrap_or_else(|| block.brace_token.span.open().end());
        self.found.push(Function { item, body });
    }
}

/// The function carries `#[with_defer]` already.
fn already_annotated(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        path.segments
            .iter()
            .any(|segment| segment.ident == "with_defer")
    })
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let start = syn::spanned::Spanned::span(&item.sig);
        let start = match &item.vis {
            syn::Visibility::Inherited => start,
            vis => syn::spanned::Spanned::span(vis),
        };
        self.add(&item.attrs, start, &item.sig, &item.block);
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let start = match &item.vis {
            syn::Visibility::Inherited => syn::spanned::Spanned::span(&item.sig),
            vis => syn::spanned::Spanned::span(vis),
        };
        if item.modifiers.defaultness.is_none() {
            self.add(&item.attrs, start, &item.sig, &item.block);
        }
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            let start = syn::spanned::Spanned::span(&item.sig);
            self.add(&item.attrs, start, &item.sig, block);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }
}

/// The byte offset of a line and (character) column in `text`.
fn offset(text: &str, at: LineColumn) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(at.line - 1)
        .map(str::len)
        .sum();
    let line = &text[line_start..];
    line_start
        + line
            .char_indices()
            .nth(at.column)
            .map_or(line.len(), |(index, _)| index)
}

#[cfg(test)]
mod tests {
    #[test]
    fn annotates_every_function_with_a_body_and_nothing_else() {
        let source = r#"//! A crate.
/// Docs.
#[inline]
pub fn free(x: u32) -> u32 {
    #![allow(unused)]
    x
}
const fn constant() -> u32 { 1 }
async fn later() {}
struct S;
impl S {
    pub(crate) fn method(&self) {}
}
trait T {
    fn required(&self);
    fn provided(&self) { fn nested() {} }
}
macro_rules! m { () => { fn hidden() {} } }
"#;
        let (annotated, count) = super::annotate(source.to_string());
        assert_eq!(count, 5);
        let expected = r#"//! A crate.
#[::defer_core::with_defer] /// Docs.
#[inline]
pub fn free(x: u32) -> u32 {
    #![allow(unused)] defer!(()); defer! { let _ = 0u8; }
    x
}
const fn constant() -> u32 { 1 }
#[::defer_core::with_defer] async fn later() { defer!(()); defer! { let _ = 0u8; }}
struct S;
impl S {
    #[::defer_core::with_defer] pub(crate) fn method(&self) { defer!(()); defer! { let _ = 0u8; }}
}
trait T {
    fn required(&self);
    #[::defer_core::with_defer] fn provided(&self) { defer!(()); defer! { let _ = 0u8; } #[::defer_core::with_defer] fn nested() { defer!(()); defer! { let _ = 0u8; }} }
}
macro_rules! m { () => { fn hidden() {} } }
"#;
        assert_eq!(annotated, expected);
    }
}
