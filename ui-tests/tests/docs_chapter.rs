//! The "Compile errors" chapter of the crate docs
//! (`defer-core/src/compile_errors.rs`) shows every case of `tests/ui/`:
//! its code and its `.stderr`, under a heading that the chapter's index
//! links to. This test fails when a case is missing from the chapter (or
//! the chapter names a case that no longer exists), and when a case lacks
//! the `// Mistake:` / `// Fix:` comment the chapter relies on.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const INCLUDE_PREFIX: &str = "include_str!(\"../ui/";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The names of the cases, `tests/ui/NAME.rs`, sorted.
fn cases() -> Vec<String> {
    let dir = manifest_dir().join("tests/ui");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .expect("UTF-8 file name")
                .to_owned()
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no cases in {}", dir.display());
    names
}

fn chapter() -> String {
    read(&manifest_dir().join("../defer-core/src/compile_errors.rs"))
}

/// The files of `tests/ui/` that the chapter includes.
fn included_files(chapter: &str) -> BTreeSet<String> {
    chapter
        .split(INCLUDE_PREFIX)
        .skip(1)
        .map(|rest| {
            rest.split('"')
                .next()
                .expect("split yields a piece")
                .to_owned()
        })
        .collect()
}

#[test]
fn every_case_is_in_the_chapter() {
    let chapter = chapter();
    let included = included_files(&chapter);
    let mut missing = Vec::new();
    for name in cases() {
        let wanted = [
            format!("{INCLUDE_PREFIX}{name}.rs\")"),
            format!("{INCLUDE_PREFIX}{name}.stderr\")"),
            format!("//! ## `{name}`\n"),
            format!("](#{name})"),
        ];
        missing.extend(
            wanted
                .into_iter()
                .filter(|snippet| !chapter.contains(snippet.as_str()))
                .map(|snippet| format!("{name}: {}", snippet.trim_end())),
        );
    }
    assert!(
        missing.is_empty(),
        "defer-core/src/compile_errors.rs must show every tests/ui case NAME: a \
         `## `NAME`` heading, an index link `(#NAME)`, and an \
         `include_str!` of NAME.rs and of NAME.stderr; missing:\n{}",
        missing.join("\n"),
    );
    let ui = manifest_dir().join("tests/ui");
    let stale: Vec<&String> = included
        .iter()
        .filter(|file| !ui.join(file).is_file())
        .collect();
    assert!(
        stale.is_empty(),
        "defer-core/src/compile_errors.rs includes files that are not in tests/ui: {stale:?}",
    );
}

#[test]
fn every_case_says_its_mistake_and_fix() {
    let ui = manifest_dir().join("tests/ui");
    let mut bad = Vec::new();
    for name in cases() {
        let code = read(&ui.join(format!("{name}.rs")));
        let mut lines = code.lines();
        let mistake = lines.next().unwrap_or_default();
        let fix = lines.next().unwrap_or_default();
        if !mistake.starts_with("// Mistake: ") || !fix.starts_with("// Fix: ") {
            bad.push(format!(
                "{name}.rs: must start with `// Mistake: ..` and `// Fix: ..` lines"
            ));
        }
        for file in [format!("{name}.rs"), format!("{name}.stderr")] {
            let text = read(&ui.join(&file));
            // The chapter puts each file in a fenced code block.
            if !text.ends_with('\n') || text.contains("```") {
                bad.push(format!(
                    "{file}: must end with a newline and contain no ``` to fit in a code block"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
