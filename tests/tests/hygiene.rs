//! SPEC §9 hygiene: user names never collide with the expansion's.
mod common;

use common::{log, panic_text, take};
use defer_core::with_defer;

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
#[allow(clippy::used_underscore_binding)]
fn user_names(k: &str) -> Result<i32, String> {
    let __defer_bits = 1u8;
    let __defer_panic = "p";
    let mut __defer_ret = 10;
    let __defer_slot_0 = String::from("s0");
    let frame = 3;
    let slot = 4;
    let value = 5;
    let residual = 6;
    defer!(log(format!(
        "call {__defer_bits} {__defer_panic} {__defer_ret}"
    )));
    defer! {
        log(format!(
            "block {__defer_slot_0} {frame} {slot} {value} {residual} {__defer_ret} {__defer_bits}"
        ));
    }
    if !k.is_empty() {
        defer!(log(format!("nested {frame}{slot}{value}{residual}")));
    }
    __defer_ret += parse(k)?;
    Ok(__defer_ret)
}

#[test]
fn locals_named_like_generated_ones_are_unaffected() {
    assert_eq!(user_names("5"), Ok(15));
    assert_eq!(
        take(),
        ["nested 3456", "block s0 3 4 5 6 15 1", "call 1 p 10"]
    );
    assert_eq!(user_names("x"), Err("bad x".into()));
    assert_eq!(
        take(),
        ["nested 3456", "block s0 3 4 5 6 10 1", "call 1 p 10"]
    );
    assert_eq!(user_names(""), Err("bad ".into()));
    assert_eq!(take(), ["block s0 3 4 5 6 10 1", "call 1 p 10"]);
}

#[with_defer]
#[allow(clippy::used_underscore_binding)]
fn parameter_names(frame: i32, __defer_panic: &str, __defer_arg_0_0: i32, payload: i32) -> i32 {
    defer!(log(format!(
        "{frame} {__defer_panic} {__defer_arg_0_0} {payload}"
    )));
    let args = 7;
    let ret = 8;
    let f = 9;
    defer!(move { log(format!("move {args} {ret} {f}")) });
    defer! {
        defer!(log(format!("inner {frame} {payload}")));
    }
    if frame > 100 {
        panic!("{__defer_panic}");
    }
    frame + __defer_arg_0_0 + payload + args + ret + f
}

#[test]
fn parameters_named_like_generated_ones_are_unaffected() {
    assert_eq!(parameter_names(1, "x", 2, 3), 30);
    assert_eq!(take(), ["inner 1 3", "move 7 8 9", "1 x 2 3"]);
    assert_eq!(
        panic_text(|| parameter_names(101, "msg", 0, 0)),
        Err("msg".into())
    );
    assert_eq!(take(), ["inner 101 0", "move 7 8 9", "101 msg 0 0"]);
}

/// Items named like std's: the expansion reaches everything by absolute paths.
#[allow(dead_code, non_camel_case_types, clippy::all)]
mod shadowing {
    use super::common::log;
    use defer_core::with_defer;

    struct Option;
    struct Some;
    struct None;
    struct Box;
    struct Vec;
    struct String;
    struct Cell;
    struct AssertUnwindSafe;
    struct PanicSlot;
    trait FnOnce {}
    trait Default {}
    trait Drop {}
    fn drop() {}
    fn catch_unwind() {}
    fn resume_unwind() {}
    fn panic() {}
    mod core {}
    mod std {}
    mod defer_core_shadow {}

    type Result = ();

    #[with_defer]
    pub fn run(k: i32) -> ::core::result::Result<i32, &'static str> {
        defer!(log("top"));
        if k > 0 {
            defer! { log("nested") }
        }
        defer!(move { log(::std::format!("move {k}")) });
        defer! {
            defer!(log("inner"));
        }
        let v: ::core::option::Option<i32> = ::core::option::Option::Some(k);
        let ::core::option::Option::Some(v) = v else {
            return Err("none");
        };
        if v < 0 {
            Err("negative")?;
        }
        Ok(v)
    }

    #[with_defer]
    pub fn unit_panics() {
        defer!(log("unit top"));
        ::core::panic!("shadowed panic");
    }
}

#[test]
fn shadowed_std_names_do_not_break_the_expansion() {
    assert_eq!(shadowing::run(2), Ok(2));
    assert_eq!(take(), ["inner", "move 2", "nested", "top"]);
    assert_eq!(shadowing::run(-1), Err("negative"));
    assert_eq!(take(), ["inner", "move -1", "top"]);
    assert_eq!(
        panic_text(shadowing::unit_panics),
        Err("shadowed panic".into())
    );
    assert_eq!(take(), ["unit top"]);
}

macro_rules! make_defer_fn {
    ($name:ident, $var:ident) => {
        #[with_defer]
        fn $name() -> i32 {
            let $var = 1;
            defer!(log(format!("macro-made {}", $var)));
            $var + 1
        }
    };
}

make_defer_fn!(from_macro, __defer_bits);

#[test]
fn with_defer_functions_generated_by_macro_rules() {
    assert_eq!(from_macro(), 2);
    assert_eq!(take(), ["macro-made 1"]);
}

//     --> #[with_defer(named(site))]
//     expected `&mut u32`, found `&mut u16`
// (at fb182db: E0631 "type mismatch in closure arguments", expected
// `fn(&PanicSlot, u16)`, found `fn(&PanicSlot, u32)`).
// With any other name (`n`) the same function compiles and returns 371
// (tests/tests/list.rs, `named_results_through_several_sites_in_one_loop`).
// Fix: bind the popped id to a `names::` ident at `Span::mixed_site()`.
#[with_defer(named(site))]
fn named_result_called_site(k: u32) -> u32 {
    for i in 1..=k {
        defer!(move { site = site * 10 + i });
        if i == 1 {
            defer!(move { site += 5 });
        }
    }
    log("body");
    0
}

#[test]
fn a_named_result_called_site_is_not_shadowed_by_the_order_log() {
    assert_eq!(named_result_called_site(3), 371);
    assert_eq!(take(), ["body"]);
    assert_eq!(named_result_called_site(1), 51);
    assert_eq!(take(), ["body"]);
}

/// A user's locals named like the storage of this function's stored and
/// loop `defer!`s (sites 1 and 3), in the body and in deferred code.
#[with_defer]
#[allow(clippy::used_underscore_binding)]
fn user_storage_names(flag: bool) -> usize {
    let __defer_slot_1 = String::from("user");
    let mut __defer_list_3 = 1;
    if flag {
        defer!(log(format!("if {__defer_slot_1} {__defer_list_3}")));
        defer! { log(format!("block {__defer_slot_1}")) }
    } else {
        defer!(move log(format!("else {__defer_list_3}")));
    }
    for i in 0..2 {
        defer!(log(format!("loop {i} {__defer_slot_1}")));
        __defer_list_3 += 1;
    }
    __defer_slot_1.len() + __defer_list_3
}

#[test]
fn locals_named_like_defer_storage_are_the_users() {
    assert_eq!(user_storage_names(true), 7);
    assert_eq!(
        take(),
        ["loop 1 user", "loop 0 user", "block user", "if user 1"]
    );
    assert_eq!(user_storage_names(false), 7);
    assert_eq!(take(), ["loop 1 user", "loop 0 user", "else 1"]);
}
