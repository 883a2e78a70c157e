//! Compile-fail UI tests and expansion snapshots of `#[with_defer]` live in `tests/`.
