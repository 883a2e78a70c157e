use defer_core::with_defer;
use std::cell::RefCell;

thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
fn log(s: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(s.into()));
}
fn take() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

#[with_defer]
fn basic(c: bool) -> Result<i32, String> {
    let mut n = 0;
    defer! { log(format!("inline n={n}")) }
    defer!(log(format!("call n={n}")));
    n += 1;
    if c {
        defer!(log("nested"));
        let e: Result<i32, String> = Err("e".into());
        e?;
    }
    defer!(move { log(format!("move n={n}")) });
    n += 1;
    Ok(n)
}

#[test]
fn smoke() {
    assert_eq!(basic(false), Ok(2));
    assert_eq!(take(), ["move n=1", "call n=0", "inline n=2"]);
    assert_eq!(basic(true), Err("e".into()));
    assert_eq!(take(), ["nested", "call n=0", "inline n=1"]);
}
