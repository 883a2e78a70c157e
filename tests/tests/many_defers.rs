//! SPEC §3/§4: defers outside loops past the 8th (the runtime tier), in
//! functions with 9, 20 and 100 of them, at the top level and nested, run in
//! exact reverse order of registration, interleaved with the open-coded ones.
//!
//! The 100-defer functions are written out statement by statement: the
//! attribute sees a `macro_rules!` call unexpanded, so a macro cannot
//! generate the `defer!`s.
mod common;

use common::{log, panic_text, payload, take, text};
use defer_core::with_defer;
use std::cell::Cell;
use std::panic::panic_any;

/// `d{k}` for each `k`, newest first: the exact order at exit.
fn reversed(ks: impl DoubleEndedIterator<Item = u32>) -> Vec<String> {
    ks.rev().map(|k| format!("d{k}")).collect()
}

// ---- 9 -------------------------------------------------------------------

#[with_defer]
fn nine() {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    log("body");
}

#[test]
fn nine_top_level_defers_run_in_reverse() {
    nine();
    let mut expected = vec!["body".to_string()];
    expected.extend(reversed(0..9));
    assert_eq!(take(), expected);
}

#[with_defer]
fn nine_then_panic(ninth: bool) -> u32 {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    if ninth {
        defer!(log("d8"));
    }
    panic_any(ninth);
}

#[test]
fn nine_defers_run_on_a_panic_which_keeps_its_payload() {
    let p = payload(|| nine_then_panic(true)).unwrap_err();
    assert_eq!(p.downcast_ref::<bool>(), Some(&true));
    assert_eq!(take(), reversed(0..9));
    let p = payload(|| nine_then_panic(false)).unwrap_err();
    assert_eq!(p.downcast_ref::<bool>(), Some(&false));
    assert_eq!(take(), reversed(0..8));
}

// ---- 20 ------------------------------------------------------------------

#[with_defer]
fn twenty(mask: u32) {
    defer!(log("d0"));
    if mask & (1 << 1) != 0 {
        defer!(log(format!("d{}", 1)));
    }
    defer!(log("d2"));
    {
        let k = 3;
        defer!(log(format!("d{k}")));
    }
    defer!(log("d4"));
    if mask & (1 << 5) != 0 {
        defer!(log(format!("d{}", 5)));
    }
    defer!(log("d6"));
    {
        let k = 7;
        defer!(log(format!("d{k}")));
    }
    defer!(log("d8"));
    if mask & (1 << 9) != 0 {
        defer!(log(format!("d{}", 9)));
    }
    defer!(log("d10"));
    {
        let k = 11;
        defer!(log(format!("d{k}")));
    }
    defer!(log("d12"));
    if mask & (1 << 13) != 0 {
        defer!(log(format!("d{}", 13)));
    }
    defer!(log("d14"));
    {
        let k = 15;
        defer!(log(format!("d{k}")));
    }
    defer!(log("d16"));
    if mask & (1 << 17) != 0 {
        defer!(log(format!("d{}", 17)));
    }
    defer!(log("d18"));
    {
        let k = 19;
        defer!(log(format!("d{k}")));
    }
    log("body");
}

fn twenty_expected(mask: u32) -> Vec<String> {
    let mut expected = vec!["body".to_string()];
    expected.extend(reversed(
        (0..20).filter(|k| k % 4 != 1 || mask & (1 << k) != 0),
    ));
    expected
}

#[test]
fn twenty_defers_top_level_and_nested_run_in_reverse() {
    for mask in [
        u32::MAX,
        0,
        0b10_0000_0000_0010_0010,
        0b10_0010_0010_0000_0000,
    ] {
        twenty(mask);
        assert_eq!(take(), twenty_expected(mask), "mask {mask:#b}");
    }
    // The expected lists differ, so the comparison cannot pass by accident.
    assert_eq!(twenty_expected(u32::MAX).len(), 21);
    assert_eq!(twenty_expected(0).len(), 16);
}

#[with_defer]
fn twenty_stop(stop: u32) -> u32 {
    defer!(log("d0"));
    if stop > 1 {
        defer!(log("d1"));
    }
    defer!(log("d2"));
    if stop > 3 {
        defer!(log("d3"));
    }
    defer!(log("d4"));
    if stop == 4 {
        panic!("stop at {stop}");
    }
    if stop > 5 {
        defer!(log("d5"));
    }
    defer!(log("d6"));
    if stop > 7 {
        defer!(log("d7"));
    }
    defer!(log("d8"));
    if stop > 9 {
        defer!(log("d9"));
    }
    if stop == 9 {
        panic!("stop at {stop}");
    }
    defer!(log("d10"));
    if stop > 11 {
        defer!(log("d11"));
    }
    defer!(log("d12"));
    if stop > 13 {
        defer!(log("d13"));
    }
    defer!(log("d14"));
    if stop == 14 {
        panic!("stop at {stop}");
    }
    if stop > 15 {
        defer!(log("d15"));
    }
    defer!(log("d16"));
    if stop > 17 {
        defer!(log("d17"));
    }
    defer!(log("d18"));
    if stop > 19 {
        defer!(log("d19"));
    }
    if stop == 19 {
        panic!("stop at {stop}");
    }
    stop
}

#[test]
fn twenty_defers_with_a_panic_part_way() {
    // Odd ones register only below `stop`; even ones always, until the panic.
    let registered =
        |stop: u32, upto: u32| reversed((0..=upto).filter(move |k| k % 2 == 0 || stop > *k));
    assert_eq!(panic_text(|| twenty_stop(9)), Err("stop at 9".to_string()));
    assert_eq!(take(), registered(9, 9));
    assert_eq!(
        panic_text(|| twenty_stop(14)),
        Err("stop at 14".to_string())
    );
    assert_eq!(take(), registered(14, 14));
    assert_eq!(twenty_stop(12), 12);
    assert_eq!(take(), registered(12, 19));
    assert_eq!(twenty_stop(100), 100);
    assert_eq!(take(), reversed(0..20));
}

// ---- 100 -----------------------------------------------------------------

#[with_defer]
fn hundred() {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer!(log("d9"));
    defer!(log("d10"));
    defer!(log("d11"));
    defer!(log("d12"));
    defer!(log("d13"));
    defer!(log("d14"));
    defer!(log("d15"));
    defer!(log("d16"));
    defer!(log("d17"));
    defer!(log("d18"));
    defer!(log("d19"));
    defer!(log("d20"));
    defer!(log("d21"));
    defer!(log("d22"));
    defer!(log("d23"));
    defer!(log("d24"));
    defer!(log("d25"));
    defer!(log("d26"));
    defer!(log("d27"));
    defer!(log("d28"));
    defer!(log("d29"));
    defer!(log("d30"));
    defer!(log("d31"));
    defer!(log("d32"));
    defer!(log("d33"));
    defer!(log("d34"));
    defer!(log("d35"));
    defer!(log("d36"));
    defer!(log("d37"));
    defer!(log("d38"));
    defer!(log("d39"));
    defer!(log("d40"));
    defer!(log("d41"));
    defer!(log("d42"));
    defer!(log("d43"));
    defer!(log("d44"));
    defer!(log("d45"));
    defer!(log("d46"));
    defer!(log("d47"));
    defer!(log("d48"));
    defer!(log("d49"));
    defer!(log("d50"));
    defer!(log("d51"));
    defer!(log("d52"));
    defer!(log("d53"));
    defer!(log("d54"));
    defer!(log("d55"));
    defer!(log("d56"));
    defer!(log("d57"));
    defer!(log("d58"));
    defer!(log("d59"));
    defer!(log("d60"));
    defer!(log("d61"));
    defer!(log("d62"));
    defer!(log("d63"));
    defer!(log("d64"));
    defer!(log("d65"));
    defer!(log("d66"));
    defer!(log("d67"));
    defer!(log("d68"));
    defer!(log("d69"));
    defer!(log("d70"));
    defer!(log("d71"));
    defer!(log("d72"));
    defer!(log("d73"));
    defer!(log("d74"));
    defer!(log("d75"));
    defer!(log("d76"));
    defer!(log("d77"));
    defer!(log("d78"));
    defer!(log("d79"));
    defer!(log("d80"));
    defer!(log("d81"));
    defer!(log("d82"));
    defer!(log("d83"));
    defer!(log("d84"));
    defer!(log("d85"));
    defer!(log("d86"));
    defer!(log("d87"));
    defer!(log("d88"));
    defer!(log("d89"));
    defer!(log("d90"));
    defer!(log("d91"));
    defer!(log("d92"));
    defer!(log("d93"));
    defer!(log("d94"));
    defer!(log("d95"));
    defer!(log("d96"));
    defer!(log("d97"));
    defer!(log("d98"));
    defer!(log("d99"));
    log("body");
}

#[test]
fn a_hundred_top_level_defers_run_in_reverse() {
    hundred();
    let mut expected = vec!["body".to_string()];
    expected.extend(reversed(0..100));
    assert_eq!(take(), expected);
}

#[with_defer]
fn hundred_nested(mask: u128) -> (usize, usize) {
    let mut count = 0;
    let mut skipped = 0;
    defer!(log("d0"));
    count += 1;
    if mask & (1 << 1) != 0 {
        defer!(log("d1"));
        count += 1;
    }
    {
        {
            defer!(log("d2"));
        }
        count += 1;
    }
    defer!(log("d3"));
    count += 1;
    if mask & (1 << 4) != 0 {
        defer!(log("d4"));
        count += 1;
    }
    match mask >> 5 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d5"));
            count += 1;
        }
    }
    defer!(log("d6"));
    count += 1;
    if mask & (1 << 7) != 0 {
        defer!(log("d7"));
        count += 1;
    }
    {
        {
            defer!(log("d8"));
        }
        count += 1;
    }
    defer!(log("d9"));
    count += 1;
    if mask & (1 << 10) != 0 {
        defer!(log("d10"));
        count += 1;
    }
    {
        {
            defer!(log("d11"));
        }
        count += 1;
    }
    defer!(log("d12"));
    count += 1;
    if mask & (1 << 13) != 0 {
        defer!(log("d13"));
        count += 1;
    }
    {
        {
            defer!(log("d14"));
        }
        count += 1;
    }
    match mask >> 15 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d15"));
            count += 1;
        }
    }
    if mask & (1 << 16) != 0 {
        defer!(log("d16"));
        count += 1;
    }
    {
        {
            defer!(log("d17"));
        }
        count += 1;
    }
    defer!(log("d18"));
    count += 1;
    if mask & (1 << 19) != 0 {
        defer!(log("d19"));
        count += 1;
    }
    {
        {
            defer!(log("d20"));
        }
        count += 1;
    }
    defer!(log("d21"));
    count += 1;
    if mask & (1 << 22) != 0 {
        defer!(log("d22"));
        count += 1;
    }
    {
        {
            defer!(log("d23"));
        }
        count += 1;
    }
    defer!(log("d24"));
    count += 1;
    match mask >> 25 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d25"));
            count += 1;
        }
    }
    {
        {
            defer!(log("d26"));
        }
        count += 1;
    }
    defer!(log("d27"));
    count += 1;
    if mask & (1 << 28) != 0 {
        defer!(log("d28"));
        count += 1;
    }
    {
        {
            defer!(log("d29"));
        }
        count += 1;
    }
    defer!(log("d30"));
    count += 1;
    if mask & (1 << 31) != 0 {
        defer!(log("d31"));
        count += 1;
    }
    {
        {
            defer!(log("d32"));
        }
        count += 1;
    }
    defer!(log("d33"));
    count += 1;
    if mask & (1 << 34) != 0 {
        defer!(log("d34"));
        count += 1;
    }
    match mask >> 35 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d35"));
            count += 1;
        }
    }
    defer!(log("d36"));
    count += 1;
    if mask & (1 << 37) != 0 {
        defer!(log("d37"));
        count += 1;
    }
    {
        {
            defer!(log("d38"));
        }
        count += 1;
    }
    defer!(log("d39"));
    count += 1;
    if mask & (1 << 40) != 0 {
        defer!(log("d40"));
        count += 1;
    }
    {
        {
            defer!(log("d41"));
        }
        count += 1;
    }
    defer!(log("d42"));
    count += 1;
    if mask & (1 << 43) != 0 {
        defer!(log("d43"));
        count += 1;
    }
    {
        {
            defer!(log("d44"));
        }
        count += 1;
    }
    match mask >> 45 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d45"));
            count += 1;
        }
    }
    if mask & (1 << 46) != 0 {
        defer!(log("d46"));
        count += 1;
    }
    {
        {
            defer!(log("d47"));
        }
        count += 1;
    }
    defer!(log("d48"));
    count += 1;
    if mask & (1 << 49) != 0 {
        defer!(log("d49"));
        count += 1;
    }
    {
        {
            defer!(log("d50"));
        }
        count += 1;
    }
    defer!(log("d51"));
    count += 1;
    if mask & (1 << 52) != 0 {
        defer!(log("d52"));
        count += 1;
    }
    {
        {
            defer!(log("d53"));
        }
        count += 1;
    }
    defer!(log("d54"));
    count += 1;
    match mask >> 55 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d55"));
            count += 1;
        }
    }
    {
        {
            defer!(log("d56"));
        }
        count += 1;
    }
    defer!(log("d57"));
    count += 1;
    if mask & (1 << 58) != 0 {
        defer!(log("d58"));
        count += 1;
    }
    {
        {
            defer!(log("d59"));
        }
        count += 1;
    }
    defer!(log("d60"));
    count += 1;
    if mask & (1 << 61) != 0 {
        defer!(log("d61"));
        count += 1;
    }
    {
        {
            defer!(log("d62"));
        }
        count += 1;
    }
    defer!(log("d63"));
    count += 1;
    if mask & (1 << 64) != 0 {
        defer!(log("d64"));
        count += 1;
    }
    match mask >> 65 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d65"));
            count += 1;
        }
    }
    defer!(log("d66"));
    count += 1;
    if mask & (1 << 67) != 0 {
        defer!(log("d67"));
        count += 1;
    }
    {
        {
            defer!(log("d68"));
        }
        count += 1;
    }
    defer!(log("d69"));
    count += 1;
    if mask & (1 << 70) != 0 {
        defer!(log("d70"));
        count += 1;
    }
    {
        {
            defer!(log("d71"));
        }
        count += 1;
    }
    defer!(log("d72"));
    count += 1;
    if mask & (1 << 73) != 0 {
        defer!(log("d73"));
        count += 1;
    }
    {
        {
            defer!(log("d74"));
        }
        count += 1;
    }
    match mask >> 75 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d75"));
            count += 1;
        }
    }
    if mask & (1 << 76) != 0 {
        defer!(log("d76"));
        count += 1;
    }
    {
        {
            defer!(log("d77"));
        }
        count += 1;
    }
    defer!(log("d78"));
    count += 1;
    if mask & (1 << 79) != 0 {
        defer!(log("d79"));
        count += 1;
    }
    {
        {
            defer!(log("d80"));
        }
        count += 1;
    }
    defer!(log("d81"));
    count += 1;
    if mask & (1 << 82) != 0 {
        defer!(log("d82"));
        count += 1;
    }
    {
        {
            defer!(log("d83"));
        }
        count += 1;
    }
    defer!(log("d84"));
    count += 1;
    match mask >> 85 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d85"));
            count += 1;
        }
    }
    {
        {
            defer!(log("d86"));
        }
        count += 1;
    }
    defer!(log("d87"));
    count += 1;
    if mask & (1 << 88) != 0 {
        defer!(log("d88"));
        count += 1;
    }
    {
        {
            defer!(log("d89"));
        }
        count += 1;
    }
    defer!(log("d90"));
    count += 1;
    if mask & (1 << 91) != 0 {
        defer!(log("d91"));
        count += 1;
    }
    {
        {
            defer!(log("d92"));
        }
        count += 1;
    }
    defer!(log("d93"));
    count += 1;
    if mask & (1 << 94) != 0 {
        defer!(log("d94"));
        count += 1;
    }
    match mask >> 95 & 1 {
        0 => skipped += 1,
        _ => {
            defer!(log("d95"));
            count += 1;
        }
    }
    defer!(log("d96"));
    count += 1;
    if mask & (1 << 97) != 0 {
        defer!(log("d97"));
        count += 1;
    }
    {
        {
            defer!(log("d98"));
        }
        count += 1;
    }
    defer!(log("d99"));
    count += 1;
    (count, skipped)
}

fn hundred_nested_expected(mask: u128) -> Vec<String> {
    reversed((0..100).filter(|k| {
        let conditional = k % 10 == 5 || k % 3 == 1;
        !conditional || mask >> k & 1 == 1
    }))
}

#[test]
fn a_hundred_defers_nested_in_ifs_blocks_and_matches_run_in_reverse() {
    let alternate = 0x5555_5555_5555_5555_5555_5555_5555_5555_u128;
    for mask in [u128::MAX, 0, alternate, !alternate, 1 << 99 | 1 << 1] {
        let expected = hundred_nested_expected(mask);
        let skipped_matches = (0..100)
            .filter(|k| k % 10 == 5 && mask >> k & 1 == 0)
            .count();
        assert_eq!(
            hundred_nested(mask),
            (expected.len(), skipped_matches),
            "mask {mask:#x}"
        );
        assert_eq!(take(), expected, "mask {mask:#x}");
    }
    assert_eq!(hundred_nested_expected(u128::MAX).len(), 100);
    assert_eq!(hundred_nested_expected(0).len(), 60);
}

#[with_defer]
fn hundred_return(stop: u32) -> Result<u32, String> {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer!(log("d9"));
    if stop == 9 {
        return Ok(stop);
    }
    if stop == 9 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d10"));
    defer!(log("d11"));
    defer!(log("d12"));
    defer!(log("d13"));
    defer!(log("d14"));
    defer!(log("d15"));
    defer!(log("d16"));
    defer!(log("d17"));
    defer!(log("d18"));
    defer!(log("d19"));
    if stop == 19 {
        return Ok(stop);
    }
    if stop == 19 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d20"));
    defer!(log("d21"));
    defer!(log("d22"));
    defer!(log("d23"));
    defer!(log("d24"));
    defer!(log("d25"));
    defer!(log("d26"));
    defer!(log("d27"));
    defer!(log("d28"));
    defer!(log("d29"));
    if stop == 29 {
        return Ok(stop);
    }
    if stop == 29 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d30"));
    defer!(log("d31"));
    defer!(log("d32"));
    defer!(log("d33"));
    defer!(log("d34"));
    defer!(log("d35"));
    defer!(log("d36"));
    defer!(log("d37"));
    defer!(log("d38"));
    defer!(log("d39"));
    if stop == 39 {
        return Ok(stop);
    }
    if stop == 39 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d40"));
    defer!(log("d41"));
    defer!(log("d42"));
    defer!(log("d43"));
    defer!(log("d44"));
    defer!(log("d45"));
    defer!(log("d46"));
    defer!(log("d47"));
    defer!(log("d48"));
    defer!(log("d49"));
    if stop == 49 {
        return Ok(stop);
    }
    if stop == 49 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d50"));
    defer!(log("d51"));
    defer!(log("d52"));
    defer!(log("d53"));
    defer!(log("d54"));
    defer!(log("d55"));
    defer!(log("d56"));
    defer!(log("d57"));
    defer!(log("d58"));
    defer!(log("d59"));
    if stop == 59 {
        return Ok(stop);
    }
    if stop == 59 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d60"));
    defer!(log("d61"));
    defer!(log("d62"));
    defer!(log("d63"));
    defer!(log("d64"));
    defer!(log("d65"));
    defer!(log("d66"));
    defer!(log("d67"));
    defer!(log("d68"));
    defer!(log("d69"));
    if stop == 69 {
        return Ok(stop);
    }
    if stop == 69 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d70"));
    defer!(log("d71"));
    defer!(log("d72"));
    defer!(log("d73"));
    defer!(log("d74"));
    defer!(log("d75"));
    defer!(log("d76"));
    defer!(log("d77"));
    defer!(log("d78"));
    defer!(log("d79"));
    if stop == 79 {
        return Ok(stop);
    }
    if stop == 79 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d80"));
    defer!(log("d81"));
    defer!(log("d82"));
    defer!(log("d83"));
    defer!(log("d84"));
    defer!(log("d85"));
    defer!(log("d86"));
    defer!(log("d87"));
    defer!(log("d88"));
    defer!(log("d89"));
    if stop == 89 {
        return Ok(stop);
    }
    if stop == 89 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    defer!(log("d90"));
    defer!(log("d91"));
    defer!(log("d92"));
    defer!(log("d93"));
    defer!(log("d94"));
    defer!(log("d95"));
    defer!(log("d96"));
    defer!(log("d97"));
    defer!(log("d98"));
    defer!(log("d99"));
    if stop == 99 {
        return Ok(stop);
    }
    if stop == 99 + 1 {
        Err::<(), _>(format!("err after {}", stop - 1))?;
    }
    Ok(1000)
}

#[test]
fn a_hundred_defers_with_returns_and_question_marks_part_way() {
    assert_eq!(hundred_return(9), Ok(9));
    assert_eq!(take(), reversed(0..10));
    assert_eq!(hundred_return(50), Err("err after 49".to_string()));
    assert_eq!(take(), reversed(0..50));
    assert_eq!(hundred_return(79), Ok(79));
    assert_eq!(take(), reversed(0..80));
    assert_eq!(hundred_return(7), Ok(1000));
    assert_eq!(take(), reversed(0..100));
}

#[with_defer]
fn hundred_panic(at: u32) {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer!(log("d9"));
    defer!(log("d10"));
    defer!(log("d11"));
    defer!(log("d12"));
    defer!(log("d13"));
    defer!(log("d14"));
    defer!(log("d15"));
    defer!(log("d16"));
    defer!(log("d17"));
    defer!(log("d18"));
    defer!(log("d19"));
    defer!(log("d20"));
    defer!(log("d21"));
    defer!(log("d22"));
    defer!(log("d23"));
    defer!(log("d24"));
    if at == 24 {
        panic_any(at);
    }
    defer!(log("d25"));
    defer!(log("d26"));
    defer!(log("d27"));
    defer!(log("d28"));
    defer!(log("d29"));
    defer!(log("d30"));
    defer!(log("d31"));
    defer!(log("d32"));
    defer!(log("d33"));
    defer!(log("d34"));
    defer!(log("d35"));
    defer!(log("d36"));
    defer!(log("d37"));
    defer!(log("d38"));
    defer!(log("d39"));
    defer!(log("d40"));
    defer!(log("d41"));
    defer!(log("d42"));
    defer!(log("d43"));
    defer!(log("d44"));
    defer!(log("d45"));
    defer!(log("d46"));
    defer!(log("d47"));
    defer!(log("d48"));
    defer!(log("d49"));
    if at == 49 {
        panic_any(at);
    }
    defer!(log("d50"));
    defer!(log("d51"));
    defer!(log("d52"));
    defer!(log("d53"));
    defer!(log("d54"));
    defer!(log("d55"));
    defer!(log("d56"));
    defer!(log("d57"));
    defer!(log("d58"));
    defer!(log("d59"));
    defer!(log("d60"));
    defer!(log("d61"));
    defer!(log("d62"));
    defer!(log("d63"));
    defer!(log("d64"));
    defer!(log("d65"));
    defer!(log("d66"));
    defer!(log("d67"));
    defer!(log("d68"));
    defer!(log("d69"));
    defer!(log("d70"));
    defer!(log("d71"));
    defer!(log("d72"));
    defer!(log("d73"));
    defer!(log("d74"));
    if at == 74 {
        panic_any(at);
    }
    defer!(log("d75"));
    defer!(log("d76"));
    defer!(log("d77"));
    defer!(log("d78"));
    defer!(log("d79"));
    defer!(log("d80"));
    defer!(log("d81"));
    defer!(log("d82"));
    defer!(log("d83"));
    defer!(log("d84"));
    defer!(log("d85"));
    defer!(log("d86"));
    defer!(log("d87"));
    defer!(log("d88"));
    defer!(log("d89"));
    defer!(log("d90"));
    defer!(log("d91"));
    defer!(log("d92"));
    defer!(log("d93"));
    defer!(log("d94"));
    defer!(log("d95"));
    defer!(log("d96"));
    defer!(log("d97"));
    defer!(log("d98"));
    defer!(log("d99"));
    if at == 99 {
        panic_any(at);
    }
    log("no panic");
}

#[test]
fn a_hundred_defers_run_on_a_panic_which_keeps_its_payload() {
    let p = payload(|| hundred_panic(24)).unwrap_err();
    assert_eq!(p.downcast_ref::<u32>(), Some(&24));
    assert_eq!(take(), reversed(0..25));
    let p = payload(|| hundred_panic(74)).unwrap_err();
    assert_eq!(p.downcast_ref::<u32>(), Some(&74));
    assert_eq!(take(), reversed(0..75));
    hundred_panic(0);
    let mut expected = vec!["no panic".to_string()];
    expected.extend(reversed(0..100));
    assert_eq!(take(), expected);
}

// ---- the three forms past the 8th ------------------------------------------

fn show(tag: &str, x: i32) {
    log(format!("{tag} {x}"));
}

#[with_defer]
fn forms_past_eight() {
    let mut x = 0;
    let c = Cell::new(0);
    defer!(log("o0"));
    defer!(log("o1"));
    defer!(log("o2"));
    defer!(log("o3"));
    defer!(log("o4"));
    defer!(log("o5"));
    defer!(log("o6"));
    defer!(log("o7"));
    x = 1;
    c.set(1);
    defer!(show("call", x));
    defer! { show("block", c.get()) }
    defer!(move { show("move", x) });
    x = 2;
    c.set(2);
    if x > 0 {
        defer!(show("nested call", x));
        defer! { show("nested block", c.get()) }
        defer!(move { show("nested move", x) });
    }
    x = 3;
    c.set(3);
    log(format!("body {x}"));
}

#[test]
fn each_form_keeps_its_semantics_past_the_eighth_defer() {
    forms_past_eight();
    assert_eq!(
        take(),
        [
            "body 3",
            "nested move 2",
            "nested block 3",
            "nested call 2",
            "move 1",
            "block 3",
            "call 1",
            "o7",
            "o6",
            "o5",
            "o4",
            "o3",
            "o2",
            "o1",
            "o0"
        ]
    );
}

fn tick(name: &str) -> i32 {
    log(format!("tick {name}"));
    0
}

#[with_defer]
fn arguments_past_eight() {
    defer!(log("o0"));
    defer!(log("o1"));
    defer!(log("o2"));
    defer!(log("o3"));
    defer!(log("o4"));
    defer!(log("o5"));
    defer!(log("o6"));
    defer!(log("o7"));
    defer!(show("ninth", tick("a") + tick("b")));
    {
        defer!(show("tenth", tick("c")));
    }
    log("body");
}

#[test]
fn arguments_past_the_eighth_are_evaluated_at_the_statement_left_to_right() {
    arguments_past_eight();
    assert_eq!(
        take(),
        [
            "tick a", "tick b", "tick c", "body", "tenth 0", "ninth 0", "o7", "o6", "o5", "o4",
            "o3", "o2", "o1", "o0"
        ]
    );
}

// ---- exits, named results, recover ------------------------------------------

fn parse(s: &str) -> Result<i32, String> {
    s.parse().map_err(|_| format!("bad {s}"))
}

#[with_defer]
fn question_past_eight(a: &str, b: &str) -> Result<i32, String> {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    let x = parse(a)?;
    defer!(log("d9"));
    if x > 0 {
        defer!(log("d10"));
        let y = parse(b)?;
        defer!(log("d11"));
        return Ok(x + y);
    }
    defer!(log("d12"));
    Ok(x)
}

#[test]
fn question_mark_and_return_past_the_eighth_defer() {
    assert_eq!(question_past_eight("x", "1"), Err("bad x".to_string()));
    assert_eq!(take(), reversed(0..9));
    assert_eq!(question_past_eight("1", "y"), Err("bad y".to_string()));
    assert_eq!(take(), reversed(0..11));
    assert_eq!(question_past_eight("1", "2"), Ok(3));
    assert_eq!(take(), reversed(0..12));
    assert_eq!(question_past_eight("0", "y"), Ok(0));
    assert_eq!(take(), reversed((0..13).filter(|k| *k != 10 && *k != 11)));
}

#[with_defer(named(n))]
fn named_past_eight(start: u64) -> u64 {
    defer! { n += 1 }
    defer! { n *= 2 }
    defer! { n += 1 }
    defer! { n *= 2 }
    defer! { n += 1 }
    defer! { n *= 2 }
    defer! { n += 1 }
    defer! { n *= 2 }
    defer! { n += 100 }
    if start > 0 {
        defer! { n *= 10 }
    }
    defer!(move { n += 1000 });
    start
}

#[test]
fn defers_past_the_eighth_assign_named_results_in_order() {
    // Newest first: +1000, (*10), +100, then the eight open-coded ones.
    let run = |mut n: u64, nested: bool| {
        n += 1000;
        if nested {
            n *= 10;
        }
        n += 100;
        for _ in 0..4 {
            n = n * 2 + 1;
        }
        n
    };
    assert_eq!(named_past_eight(1), run(1, true));
    assert_eq!(named_past_eight(1), 161_775);
    assert_eq!(named_past_eight(0), run(0, false));
    assert_eq!(named_past_eight(0), 17_615);
    assert_eq!(take(), Vec::<String>::new());
}

#[with_defer]
fn recover_past_eight(fail: bool) -> i32 {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer! {
        match recover!() {
            Some(p) => log(format!("recovered {}", text(&*p))),
            None => log("nothing to recover"),
        }
    }
    defer!(log("d9"));
    if fail {
        panic!("failed");
    }
    defer!(log("d10"));
    7
}

#[test]
fn a_defer_past_the_eighth_recovers_and_the_older_ones_still_run() {
    assert_eq!(recover_past_eight(true), 0);
    let mut expected = vec!["d9".to_string(), "recovered failed".to_string()];
    expected.extend(reversed(0..8));
    assert_eq!(take(), expected);
    assert_eq!(recover_past_eight(false), 7);
    let mut expected = vec![
        "d10".to_string(),
        "d9".to_string(),
        "nothing to recover".to_string(),
    ];
    expected.extend(reversed(0..8));
    assert_eq!(take(), expected);
}

#[with_defer]
fn panicking_defer_past_eight() {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    defer!(log("d8"));
    defer! { panic!("from the tenth") }
    defer!(log("d10"));
}

#[test]
fn a_panic_in_a_defer_past_the_eighth_does_not_skip_the_rest() {
    assert_eq!(
        panic_text(panicking_defer_past_eight),
        Err("from the tenth".to_string())
    );
    let mut expected = vec!["d10".to_string()];
    expected.extend(reversed(0..9));
    assert_eq!(take(), expected);
}

// ---- shapes -------------------------------------------------------------------

struct Gauge {
    name: &'static str,
}

impl Gauge {
    fn note(&self, k: u32) {
        log(format!("{} d{k}", self.name));
    }

    #[with_defer]
    fn ten(&self, extra: bool) -> &'static str {
        defer!(self.note(0));
        defer!(self.note(1));
        defer!(self.note(2));
        defer!(self.note(3));
        defer!(self.note(4));
        defer!(self.note(5));
        defer!(self.note(6));
        defer!(self.note(7));
        defer!(self.note(8));
        if extra {
            defer!(self.note(9));
        }
        self.name
    }
}

#[test]
fn a_method_with_ten_defers() {
    let g = Gauge { name: "g" };
    assert_eq!(g.ten(true), "g");
    let expected: Vec<String> = (0..10).rev().map(|k| format!("g d{k}")).collect();
    assert_eq!(take(), expected);
    assert_eq!(g.ten(false), "g");
    assert_eq!(take(), expected[1..]);
}

#[with_defer]
fn ten_inside_deferred_code() {
    defer!(log("outer first"));
    defer! {
        defer!(log("d0"));
        defer!(log("d1"));
        defer!(log("d2"));
        defer!(log("d3"));
        defer!(log("d4"));
        defer!(log("d5"));
        defer!(log("d6"));
        defer!(log("d7"));
        defer!(log("d8"));
        {
            defer!(log("d9"));
        }
        log("deferred body");
    }
    log("body");
}

#[test]
fn ten_defers_inside_deferred_code_run_when_it_ends() {
    ten_inside_deferred_code();
    let mut expected = vec!["body".to_string(), "deferred body".to_string()];
    expected.extend(reversed(0..10));
    expected.push("outer first".to_string());
    assert_eq!(take(), expected);
}

#[with_defer]
fn overflow_around_loops(n: u32) {
    defer!(log("d0"));
    defer!(log("d1"));
    defer!(log("d2"));
    defer!(log("d3"));
    defer!(log("d4"));
    defer!(log("d5"));
    defer!(log("d6"));
    defer!(log("d7"));
    for i in 0..n {
        defer!(log(format!("loop a{i}")));
    }
    defer!(log("d8"));
    for i in 0..n {
        if i == 0 {
            defer!(log("loop b first"));
        }
        defer!(log(format!("loop b{i}")));
    }
    defer!(log("d9"));
}

#[test]
fn defers_past_the_eighth_interleave_with_loop_entries() {
    overflow_around_loops(2);
    let mut expected: Vec<String> = [
        "d9",
        "loop b1",
        "loop b0",
        "loop b first",
        "d8",
        "loop a1",
        "loop a0",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(reversed(0..8));
    assert_eq!(take(), expected);
    overflow_around_loops(0);
    assert_eq!(take(), reversed(0..10));
}
