//! `--lints`: the warnings rustc and clippy (`all` and `pedantic`) give the
//! crate with and without the annotations must be the same, lint for lint
//! and line for line (issue #15: exactly the user's lints, no more, no
//! fewer). The annotations add no lines, so lines compare as they are.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// One warning: its lint, file and line.
pub type Warning = (String, String, usize);

/// The warnings `cargo clippy` gives the crate at `dir`.
pub fn warnings(dir: &Path, target: &Path) -> Result<BTreeSet<Warning>, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--lib", "--tests", "--message-format=json", "--"])
        .args(["-W", "clippy::all", "-W", "clippy::pedantic"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("running cargo clippy: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo clippy failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(warning)
        .collect())
}

/// A warning out of one line of cargo's JSON messages (read by hand: the
/// tool depends on nothing but syn).
fn warning(line: &str) -> Option<Warning> {
    if !line.contains(r#""reason":"compiler-message""#) || !line.contains(r#""level":"warning""#) {
        return None;
    }
    // The diagnostic's own code comes after its children's (`null`).
    let code = after(line, r#""code":{"code":""#)?;
    let lint = code[..code.find('"')?].to_string();
    // Its own spans are the last `"spans":[`; the primary one is the
    // first marked so after that.
    let spans = &line[line.rfind(r#""spans":["#)?..];
    let primary = spans.find(r#""is_primary":true"#)?;
    let file = spans[..primary].rfind(r#""file_name":""#)? + r#""file_name":""#.len();
    let file = &spans[file..];
    let file = file[..file.find('"')?].to_string();
    let start = after(&spans[primary..], r#""line_start":"#)?;
    let line_number = start[..start.find(|c: char| !c.is_ascii_digit())?]
        .parse()
        .ok()?;
    Some((lint, file, line_number))
}

fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    Some(&text[text.find(marker)? + marker.len()..])
}

/// Prints the differences; `true` when there are none.
pub fn same(plain: &BTreeSet<Warning>, annotated: &BTreeSet<Warning>) -> bool {
    for (lint, file, line) in plain.difference(annotated) {
        println!("lost:  {file}:{line}: {lint}");
    }
    for (lint, file, line) in annotated.difference(plain) {
        println!("added: {file}:{line}: {lint}");
    }
    println!(
        "{} warnings without the attribute, {} with it",
        plain.len(),
        annotated.len()
    );
    plain == annotated
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_lint_file_and_line_of_a_warning() {
        let line = r#"{"reason":"compiler-message","message":{"children":[{"code":null,"spans":[{"file_name":"src/other.rs","is_primary":true,"line_start":9}]}],"code":{"code":"clippy::must_use_candidate","explanation":null},"level":"warning","message":"this function could have a `#[must_use]` attribute","spans":[{"byte_end":10,"file_name":"src/lib.rs","is_primary":true,"label":null,"line_end":3,"line_start":3}]}}"#;
        assert_eq!(
            super::warning(line),
            Some(("clippy::must_use_candidate".into(), "src/lib.rs".into(), 3))
        );
        assert_eq!(super::warning(&line.replace("warning", "error")), None);
    }
}
