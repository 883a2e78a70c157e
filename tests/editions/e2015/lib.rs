//! The core behaviour tests (`../shared.rs`) in an edition 2015 crate.
#![cfg(test)]
extern crate defer_core;

#[path = "../shared.rs"]
mod shared;
