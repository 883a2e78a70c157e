//! Implementation detail of [`defer-core`](https://docs.rs/defer-core): the
//! `#[with_defer]` attribute. Depend on `defer-core`, not on this crate.
//!
//! The pipeline is parse ([`args`], [`form`]) -> plan and emit ([`lower`],
//! [`site`], with the body walk in [`rewrite`]).

mod args;
mod expand;
mod form;
mod lower;
mod names;
mod refs;
mod rewrite;
mod site;

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
