//! Behaviour tests of `#[with_defer]` live in `tests/`; this crate has no code of its own.
