//! Implementation detail of [`defer-core`](https://docs.rs/defer-core): the
//! `#[with_defer]` attribute. Depend on `defer-core`, not on this crate.
//!
//! A one-way pipeline: each module imports only modules below it.
//!
//! | module | job | imports |
//! |---|---|---|
//! | `lib` | the entry: tokens in, tokens out | `expand` |
//! | `expand` | parse the attribute and the item, validate, pick the frame, print the function or the errors | `args`, `expect`, `form`, `frame`, `lower`, `methods`, `refs`, `repoint`, `strip` |
//! | `expect` | a closure returned as `impl Fn..`: through an identity function bounded as the return type | none |
//! | `methods` | an `impl` block or `trait`: each method that uses `defer!`, through `expand` | `args`, `form`, `strip` |
//! | `lower` | one body (a function's, a closure's, or deferred code's) as nested levels, with its frame's setup and exit | `exit`, `form`, `frame`, `late_init`, `names`, `refs`, `repoint`, `rewrite`, `site` |
//! | `rewrite` | the walk over one top-level statement: nested `defer!`s, closures with their own, `recover!()`, `return` and `?` | `exit`, `form`, `frame`, `locals`, `site` |
//! | `site` | one `defer!`: what runs at its statement and at exit | `form`, `frame`, `locals`, `names`, `refs` |
//! | `exit` | `return` and `?` inside a level: store the result, leave the level | `form`, `frame`, `names` |
//! | `refs` | named results inside stored deferred code: `err` to `(*err)` | `form`, `frame`, `take` |
//! | `take` | a statement of deferred code that moves a named result out and assigns it: run on the value taken out | `form`, `frame`, `names` |
//! | `locals` | which bindings die before exit, and which names deferred code uses | `form` |
//! | `frame` | the data the passes share: `Ret`, `Named`, `Frame`, `Site` | `names` |
//! | `repoint` | `&mut` bindings the body re-points or returns a borrow of: the levels take them by value | `form`, `frame` |
//! | `late_init` | `let x;` before a level and `x = ..` inside it is an error | `form` |
//! | `strip` | code as written without its `defer!`s, printed after a mistake | `form` |
//! | `args`, `form`, `names` | the attribute's arguments; a `defer!`'s form and syntax predicates; generated names | none |
//!
//! Deferred code and closures are bodies of their own, so the pipeline
//! recurses at a `defer!` and at a closure that holds one: `lower` hands
//! `rewrite` the functions that lower them (`rewrite::Lowering`), `rewrite`
//! gives `site` what it needs of the walk through the `site::Walk` trait,
//! and `expand` hands `methods` the function that expands one method, so no
//! arrow points upward.

#![forbid(unsafe_code)]

mod args;
mod exit;
mod expand;
mod expect;
mod form;
mod frame;
mod late_init;
mod locals;
mod lower;
mod methods;
mod names;
mod refs;
mod repoint;
mod rewrite;
mod site;
mod strip;
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

    /// Issue #14: `#[with_defer]` on a block rewrites the methods that use
    /// `defer!` and prints every other item exactly as it came.
    #[test]
    fn a_block_keeps_its_other_items_as_written() {
        let input: TokenStream = "impl S {
            const C: u32 = 1;
            fn a(&self) { defer!(close()); }
            #[inline] pub fn b(&self) -> u32 { self.0 + Self::C }
            type T = u8;
        }"
        .parse()
        .unwrap();
        let output = crate::expand::with_defer(TokenStream::new(), input.clone());
        let before: syn::ItemImpl = syn::parse2(input).unwrap();
        let after: syn::ItemImpl = syn::parse2(output).unwrap();
        let text = |item: &syn::ImplItem| quote::ToTokens::to_token_stream(item).to_string();
        for index in [0, 2, 3] {
            assert_eq!(text(&before.items[index]), text(&after.items[index]));
        }
        assert!(text(&after.items[1]).contains("__defer_bits"));
        assert!(!text(&after.items[1]).contains("defer !"));
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
