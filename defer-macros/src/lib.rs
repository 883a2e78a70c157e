//! Implementation detail of [`defer-core`](https://docs.rs/defer-core): the
//! `#[with_defer]` attribute. Depend on `defer-core`, not on this crate.
//!
//! A one-way pipeline: each module imports only modules below it.
//!
//! | module | job | imports |
//! |---|---|---|
//! | `lib` | the entry: tokens in, tokens out | `expand` |
//! | `expand` | parse the attribute and the function, validate, pick the frame, print the function or the errors | `args`, `form`, `frame`, `lower`, `refs` |
//! | `lower` | one body (the function's, or deferred code's) as nested levels, with its frame's setup and exit | `exit`, `form`, `frame`, `late_init`, `names`, `refs`, `rewrite`, `site` |
//! | `rewrite` | the walk over one top-level statement: nested `defer!`s, `recover!()`, `return` and `?` | `exit`, `form`, `frame`, `site` |
//! | `site` | one `defer!`: what runs at its statement and at exit | `form`, `frame`, `names`, `refs` |
//! | `exit` | `return` and `?` inside a level: store the result, leave the level | `form`, `frame`, `names` |
//! | `frame` | the data the passes share: `Ret`, `Named`, `Frame`, `Site` | `names` |
//! | `refs` | named results inside stored deferred code: `err` to `(*err)` | `form`, `frame` |
//! | `late_init` | `let x;` before a level and `x = ..` inside it is an error | `form` |
//! | `args`, `form`, `names` | the attribute's arguments; a `defer!`'s form and syntax predicates; generated names | none |
//!
//! Deferred code is a body of its own, so the pipeline recurses at a
//! `defer!`: `lower` hands `rewrite` the function that lowers deferred code
//! (`rewrite::Lowering`), and `rewrite` gives `site` what it needs of
//! the walk through the `site::Walk` trait, so no arrow points upward.

mod args;
mod exit;
mod expand;
mod form;
mod frame;
mod late_init;
mod locals;
mod lower;
mod names;
mod refs;
mod rewrite;
mod site;
mod take;

use proc_macro::TokenStream;

/// See the `defer-core` crate documentation.
#[proc_macro_attribute]
pub fn with_defer(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::with_defer(args.into(), input.into()).into()
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    /// A function with `defers` top-level defers, then `returns` early
    /// returns, and a tail.
    fn function(defers: usize, returns: usize) -> TokenStream {
        let mut body = String::new();
        for d in 0..defers {
            body += &format!("defer!(cleanup({d}));\n");
        }
        for r in 0..returns {
            body += &format!("if x == {r} {{ return {r}; }}\n");
        }
        format!("fn f(x: u32) -> u32 {{ {body} x }}")
            .parse()
            .unwrap()
    }

    fn expanded_size(defers: usize, returns: usize) -> usize {
        let output = crate::expand::with_defer(TokenStream::new(), function(defers, returns));
        let text = output.to_string();
        assert!(!text.contains("compile_error"), "{text}");
        count_tokens(output)
    }

    fn count_tokens(tokens: TokenStream) -> usize {
        tokens
            .into_iter()
            .map(|tree| match tree {
                proc_macro2::TokenTree::Group(group) => 1 + count_tokens(group.stream()),
                _ => 1,
            })
            .sum()
    }

    /// SPEC §9: exit code is not duplicated per `return`. With 8 defers,
    /// each extra `return` adds the same few tokens as with 1 defer.
    #[test]
    fn expansion_is_linear_in_returns_and_defers() {
        let per_return_1 = expanded_size(1, 20) - expanded_size(1, 0);
        let per_return_8 = expanded_size(8, 20) - expanded_size(8, 0);
        assert_eq!(per_return_1, per_return_8);
        let per_defer_0 = expanded_size(8, 0) - expanded_size(1, 0);
        let per_defer_20 = expanded_size(8, 20) - expanded_size(1, 20);
        assert_eq!(per_defer_0, per_defer_20);
        // 20 returns of a user's `if x == r { return r; }` (13 tokens each)
        // cost at most a handful of tokens more each once rewritten.
        assert!(per_return_8 <= 20 * 40, "{per_return_8}");
    }
}
