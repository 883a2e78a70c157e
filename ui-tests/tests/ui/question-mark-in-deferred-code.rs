use defer_core::with_defer;

#[with_defer]
fn question_mark_in_defer() -> Result<(), std::num::ParseIntError> {
    defer! {
        let n: i32 = "1".parse()?;
        println!("{n}");
    }
    Ok(())
}

fn main() {
    let _ = question_mark_in_defer();
}
