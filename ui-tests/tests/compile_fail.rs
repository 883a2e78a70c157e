//! Compile errors of `#[with_defer]`, `defer!` and `recover!()`: each case
//! in `tests/ui/` must fail with the reviewed `.stderr` beside it.
//!
//! Regenerate with `TRYBUILD=overwrite cargo test -p defer-ui-tests --test compile_fail`
//! and read every changed `.stderr`: the primary span must point at the
//! user's tokens.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
