//! SPEC §6: `recover!()` in functions returning `()`.
mod common;

use common::{log, panic_text, take, text};
use defer_core::with_defer;
use std::panic::panic_any;

fn describe(p: Option<Box<dyn std::any::Any + Send>>) -> String {
    match p {
        Some(b) => format!("Some({})", text(&*b)),
        None => "None".to_string(),
    }
}

#[with_defer]
fn recovers(fail: bool) {
    defer!(log("d0 runs after recovery"));
    defer! {
        let p = recover!();
        log(format!("recovered {}", describe(p)));
    }
    defer!(log("d2"));
    log("body");
    if fail {
        panic!("boom");
    }
    log("no panic");
}

#[test]
fn recover_stops_the_panic_and_the_remaining_defers_run() {
    assert_eq!(panic_text(|| recovers(true)), Ok(()));
    assert_eq!(
        take(),
        [
            "body",
            "d2",
            "recovered Some(boom)",
            "d0 runs after recovery"
        ]
    );
}

#[test]
fn recover_returns_none_when_nothing_panics() {
    recovers(false);
    assert_eq!(
        take(),
        [
            "body",
            "no panic",
            "d2",
            "recovered None",
            "d0 runs after recovery"
        ]
    );
}

#[with_defer]
fn recover_twice(fail: bool) {
    defer! {
        let a = recover!();
        let b = recover!();
        log(format!("{} / {}", describe(a), describe(b)));
    }
    if fail {
        panic_any(String::from("owned"));
    }
}

#[test]
fn a_second_recover_returns_none() {
    assert_eq!(panic_text(|| recover_twice(true)), Ok(()));
    assert_eq!(take(), ["Some(owned) / None"]);
    recover_twice(false);
    assert_eq!(take(), ["None / None"]);
}

#[with_defer]
fn recover_two_defers(fail: bool) {
    defer! { log(format!("earlier sees {}", describe(recover!()))) }
    defer! { log(format!("later sees {}", describe(recover!()))) }
    if fail {
        panic!("once");
    }
}

#[test]
fn only_the_first_defer_to_recover_gets_the_payload() {
    assert_eq!(panic_text(|| recover_two_defers(true)), Ok(()));
    assert_eq!(take(), ["later sees Some(once)", "earlier sees None"]);
}

#[with_defer]
fn recovers_a_deferred_panic() {
    defer!(log("d0"));
    defer! { log(format!("recovered {}", describe(recover!()))) }
    defer! { panic!("from defer") }
    log("body");
}

#[test]
fn recover_sees_a_panic_raised_by_later_deferred_code() {
    assert_eq!(panic_text(recovers_a_deferred_panic), Ok(()));
    assert_eq!(take(), ["body", "recovered Some(from defer)", "d0"]);
}

#[with_defer]
fn recovers_the_replacement() {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    defer! { panic!("second") }
    panic!("first");
}

#[test]
fn recover_sees_the_panic_that_replaced_the_first() {
    assert_eq!(panic_text(recovers_the_replacement), Ok(()));
    assert_eq!(take(), ["recovered Some(second)"]);
}

fn callee_panics() {
    panic!("callee");
}

#[with_defer]
fn recovers_callee() {
    defer! { log(format!("recovered {}", describe(recover!()))) }
    callee_panics();
    log("never");
}

#[test]
fn recover_stops_a_panic_from_a_callee() {
    assert_eq!(panic_text(recovers_callee), Ok(()));
    assert_eq!(take(), ["recovered Some(callee)"]);
}

#[with_defer]
fn helper() {
    defer! { log(format!("helper recover {}", describe(recover!()))) }
}

#[with_defer]
fn caller() {
    defer!(helper());
    panic!("caller");
}

#[test]
fn a_callees_recover_does_not_stop_the_callers_panic() {
    assert_eq!(panic_text(caller), Err("caller".into()));
    assert_eq!(take(), ["helper recover None"]);
}

#[with_defer]
fn nested_recover_none() {
    defer! {
        defer! { log(format!("inner sees {}", describe(recover!()))) }
        log("outer");
    }
    panic!("body");
}

#[test]
fn recover_nested_in_deferred_code_does_not_see_the_functions_panic() {
    assert_eq!(panic_text(nested_recover_none), Err("body".into()));
    assert_eq!(take(), ["outer", "inner sees None"]);
}

#[with_defer]
fn nested_recover_inner(body_panics: bool) {
    defer!(log("d0"));
    defer! {
        defer! { log(format!("inner caught {}", describe(recover!()))) }
        panic!("in defer");
    }
    if body_panics {
        panic!("body");
    }
}

#[test]
fn recover_nested_in_deferred_code_sees_that_codes_panic() {
    assert_eq!(panic_text(|| nested_recover_inner(false)), Ok(()));
    assert_eq!(take(), ["inner caught Some(in defer)", "d0"]);
    // The deferred block's own panic was recovered inside it, so it never
    // escaped to replace the body's: the body's panic goes on (as in Go).
    assert_eq!(
        panic_text(|| nested_recover_inner(true)),
        Err("body".into())
    );
    assert_eq!(take(), ["inner caught Some(in defer)", "d0"]);
}

#[with_defer]
fn repanics() {
    defer!(log("d0"));
    defer! {
        if let Some(p) = recover!() {
            panic!("wrapped: {}", text(&*p));
        }
    }
    panic!("original");
}

#[test]
fn panicking_again_after_recover_raises_the_new_payload() {
    assert_eq!(panic_text(repanics), Err("wrapped: original".into()));
    assert_eq!(take(), ["d0"]);
}

#[with_defer]
fn recover_in_stored_and_move(c: bool) {
    let tag = String::from("m");
    defer!(move { log(format!("{tag} {}", describe(recover!()))) });
    if c {
        defer! { log(format!("stored {}", describe(::defer_core::recover!()))) }
    }
    panic!("p");
}

#[test]
fn recover_in_stored_and_move_form_and_by_path() {
    assert_eq!(panic_text(|| recover_in_stored_and_move(true)), Ok(()));
    assert_eq!(take(), ["stored Some(p)", "m None"]);
    assert_eq!(panic_text(|| recover_in_stored_and_move(false)), Ok(()));
    assert_eq!(take(), ["m Some(p)"]);
}
