//! Expansion snapshots: `tests/expand/*.rs` expanded by `cargo expand` must
//! match the reviewed `*.expanded.rs` beside them.
//!
//! Without `cargo-expand` (at the pinned version) the test is skipped with a
//! message, except when `CI=true`, where it fails. A missing snapshot is
//! written locally and is a failure in CI. Refresh changed snapshots with
//! `MACROTEST=overwrite cargo test -p defer-ui-tests --test expand`, then
//! read the diff.

use std::env;
use std::process::Command;

/// The `cargo-expand` the snapshots were generated with: its output format
/// is part of the snapshot.
const CARGO_EXPAND_VERSION: &str = "1.0.127";

#[test]
fn expand() {
    let in_ci = env::var("CI").is_ok_and(|value| value == "true");
    if let Err(missing) = cargo_expand_installed() {
        assert!(
            !in_ci,
            "expansion snapshots are required when CI=true: {missing}"
        );
        eprintln!("skipping expansion snapshots: {missing}");
        return;
    }
    if in_ci {
        macrotest::expand_without_refresh("tests/expand/*.rs");
    } else {
        macrotest::expand("tests/expand/*.rs");
    }
}

fn cargo_expand_installed() -> Result<(), String> {
    let install = format!(
        "install with `cargo install --locked cargo-expand --version {CARGO_EXPAND_VERSION}`"
    );
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo).args(["expand", "--version"]).output();
    match output {
        Ok(output) if output.status.success() => {
            let version = String::from_utf8_lossy(&output.stdout);
            if version
                .split_whitespace()
                .any(|word| word == CARGO_EXPAND_VERSION)
            {
                Ok(())
            } else {
                Err(format!(
                    "cargo-expand {CARGO_EXPAND_VERSION} is needed, found `{}`; {install}",
                    version.trim(),
                ))
            }
        }
        _ => Err(format!("cargo-expand is not installed; {install}")),
    }
}
