//! A function with 20 `return`s and four defers of all forms.
mod common;

use common::{log, take};
use defer_core::with_defer;

#[allow(clippy::cognitive_complexity)]
#[with_defer]
fn twenty(k: u32) -> u32 {
    defer!(log("d1"));
    if k == 0 {
        return 0;
    }
    defer!(log(format!("d2 k={k}")));
    if k == 1 {
        return 1;
    }
    if k == 2 {
        return 2;
    }
    {
        if k == 3 {
            return 3;
        }
    }
    match k {
        4 => return 4,
        5 => return 5,
        _ => {}
    }
    if k == 6 {
        return 6;
    }
    if k == 7 {
        return 7;
    }
    defer! { log("d3") }
    if k == 8 {
        return 8;
    }
    if k == 9 {
        return 9;
    }
    for i in 10..12 {
        if k == i {
            return i;
        }
    }
    if k == 12 {
        return 12;
    }
    if k == 13 {
        return 13;
    }
    defer!(move { log(format!("d4 {k}")) });
    if k == 14 {
        return 14;
    }
    if k == 15 {
        return 15;
    }
    let mut j = 0;
    loop {
        j += 1;
        if j == 3 {
            break;
        }
        if k == 16 {
            return 16;
        }
    }
    if k == 17 {
        return 17;
    }
    if k == 18 {
        return 18;
    }
    if k == 19 {
        return 19;
    }
    1000 + j
}

#[test]
fn every_one_of_twenty_returns_runs_exactly_the_registered_defers() {
    for k in 0..=21 {
        let got = twenty(k);
        let want = if k < 20 { k } else { 1003 };
        assert_eq!(got, want, "k = {k}");
        let mut expect: Vec<String> = Vec::new();
        if k >= 14 {
            expect.push(format!("d4 {k}"));
        }
        if k >= 8 {
            expect.push("d3".into());
        }
        if k >= 1 {
            expect.push(format!("d2 k={k}"));
        }
        expect.push("d1".into());
        assert_eq!(take(), expect, "k = {k}");
    }
}
