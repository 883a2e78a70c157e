//! The core behaviour tests that `tests/editions/e2015`, `e2018` and
//! `e2024` run, here in edition 2021.
#[path = "../editions/shared.rs"]
mod shared;
