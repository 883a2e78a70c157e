//! Every compile error of `#[with_defer]`, `defer!`, `errdefer!`, `okdefer!`
//! and `recover!()`, with the code that causes it, the message, and the fix.
//!
//! Each case below is one compile-fail test of the workspace
//! (`ui-tests/tests/ui/NAME.rs`), included here as it is tested: `cargo test`
//! compiles every case with [trybuild](https://docs.rs/trybuild) and checks that
//! the compiler prints exactly the output shown under it (rustc's own wording
//! can vary a little between toolchains). A test also fails if a case is
//! missing from this page.
//!
//! How to read a case:
//!
//! - The first lines of the code say what it does wrong (`// Mistake:`) and
//!   what to write instead (`// Fix:`).
//! - The output below the code is the compiler's, for that file: line numbers
//!   count from the top of the code shown, paths are relative to the
//!   `ui-tests` crate, and `$WORKSPACE` stands for the workspace root.
//! - Errors of `#[with_defer]` itself start with `error:` and point at the
//!   offending tokens: an argument of the attribute, the `defer!` or
//!   `recover!()`, or the binding at fault. Errors with a code, such as
//!   `error[E0308]`, are rustc's own errors about the code as written (types,
//!   borrows, lints); the expansion only makes sure they point at your code.
//!
//! Every case, by theme:
//!
//! - [The attribute: its arguments and what it applies to](#the-attribute-its-arguments-and-what-it-applies-to)
//!   - [`unknown-argument`](#unknown-argument)
//!   - [`several-errors`](#several-errors)
//!   - [`not-a-function`](#not-a-function)
//!   - [`not-a-function-mod`](#not-a-function-mod)
//!   - [`named-on-impl-block`](#named-on-impl-block)
//!   - [`with-defer-on-bodiless-trait-method`](#with-defer-on-bodiless-trait-method)
//!   - [`with-defer-name-value-on-method`](#with-defer-name-value-on-method)
//!   - [`default-fn-in-impl-block`](#default-fn-in-impl-block)
//!   - [`const-fn`](#const-fn)
//!   - [`await-in-closure-of-async-fn`](#await-in-closure-of-async-fn)
//!   - [`await-in-sync-deferred-code`](#await-in-sync-deferred-code)
//!   - [`tokio-main-above-with-defer`](#tokio-main-above-with-defer)
//!   - [`attribute-macro-above-with-defer`](#attribute-macro-above-with-defer)
//! - [Where `defer!` may appear](#where-defer-may-appear)
//!   - [`defer-outside-attribute`](#defer-outside-attribute)
//!   - [`defer-in-nested-fn`](#defer-in-nested-fn)
//!   - [`defer-in-macro-input`](#defer-in-macro-input)
//!   - [`defer-in-call-form-callee`](#defer-in-call-form-callee)
//!   - [`empty-defer`](#empty-defer)
//!   - [`defer-two-expressions`](#defer-two-expressions)
//! - [`return`, `?` and types](#return--and-types)
//!   - [`return-value-in-deferred-code`](#return-value-in-deferred-code)
//!   - [`question-mark-in-deferred-code`](#question-mark-in-deferred-code)
//!   - [`question-mark-in-unit-fn`](#question-mark-in-unit-fn)
//!   - [`question-mark-in-unit-fn-after-last-defer`](#question-mark-in-unit-fn-after-last-defer)
//!   - [`question-mark-wrong-error-type`](#question-mark-wrong-error-type)
//!   - [`question-mark-on-other-type`](#question-mark-on-other-type)
//!   - [`return-type-mismatch`](#return-type-mismatch)
//!   - [`tail-type-mismatch`](#tail-type-mismatch)
//!   - [`type-error-in-deferred-code`](#type-error-in-deferred-code)
//! - [Named results](#named-results)
//!   - [`named-on-unit-function`](#named-on-unit-function)
//!   - [`named-on-never-function`](#named-on-never-function)
//!   - [`named-empty`](#named-empty)
//!   - [`named-without-list`](#named-without-list)
//!   - [`named-given-twice`](#named-given-twice)
//!   - [`named-arity-mismatch`](#named-arity-mismatch)
//!   - [`named-too-many`](#named-too-many)
//!   - [`named-duplicate`](#named-duplicate)
//!   - [`named-not-an-identifier`](#named-not-an-identifier)
//!   - [`named-impl-trait`](#named-impl-trait)
//!   - [`named-without-default`](#named-without-default)
//!   - [`named-type-mismatch-in-defer`](#named-type-mismatch-in-defer)
//!   - [`named-shadowed-in-body`](#named-shadowed-in-body)
//!   - [`named-shadowed-in-stored-defer`](#named-shadowed-in-stored-defer)
//!   - [`named-moved-out-not-given-back`](#named-moved-out-not-given-back)
//!   - [`named-moved-out-then-return`](#named-moved-out-then-return)
//! - [`recover!()`](#recover)
//!   - [`recover-outside-attribute`](#recover-outside-attribute)
//!   - [`recover-outside-deferred-code`](#recover-outside-deferred-code)
//!   - [`recover-in-function-without-defer`](#recover-in-function-without-defer)
//!   - [`recover-as-call-form-argument`](#recover-as-call-form-argument)
//!   - [`recover-in-closure`](#recover-in-closure)
//!   - [`recover-in-async-block`](#recover-in-async-block)
//!   - [`recover-with-arguments`](#recover-with-arguments)
//!   - [`recover-without-default-return`](#recover-without-default-return)
//!   - [`recover-in-never-function`](#recover-in-never-function)
//! - [Borrows and captures of stored and loop defers](#borrows-and-captures-of-stored-and-loop-defers)
//!   - [`dying-local-used-after-defer`](#dying-local-used-after-defer)
//!   - [`stored-defer-borrows-mutated-local`](#stored-defer-borrows-mutated-local)
//!   - [`dying-local-assigned-after-defer`](#dying-local-assigned-after-defer)
//!   - [`move-defer-value-used-afterwards`](#move-defer-value-used-afterwards)
//!   - [`deferred-result-unused`](#deferred-result-unused)
//!   - [`local-initialised-after-defer`](#local-initialised-after-defer)
//!   - [`local-reassigned-after-move`](#local-reassigned-after-move)
//! - [Borrow errors in the body and in deferred code](#borrow-errors-in-the-body-and-in-deferred-code)
//!   - [`borrow-body-two-mutable-borrows`](#borrow-body-two-mutable-borrows)
//!   - [`borrow-body-closure-holds-unique-access`](#borrow-body-closure-holds-unique-access)
//!   - [`borrow-body-mutated-while-shared`](#borrow-body-mutated-while-shared)
//!   - [`borrow-body-moved-while-borrowed`](#borrow-body-moved-while-borrowed)
//!   - [`borrow-body-assigned-while-borrowed`](#borrow-body-assigned-while-borrowed)
//!   - [`borrow-body-thread-borrows-local`](#borrow-body-thread-borrows-local)
//!   - [`borrow-body-returned-closure-borrows-local`](#borrow-body-returned-closure-borrows-local)
//!   - [`borrow-body-returned-borrow-outlives-static`](#borrow-body-returned-borrow-outlives-static)
//!   - [`borrow-body-local-dies-while-borrowed`](#borrow-body-local-dies-while-borrowed)
//!   - [`borrow-body-temporary-dropped`](#borrow-body-temporary-dropped)
//!   - [`borrow-defer-argument-borrows-twice`](#borrow-defer-argument-borrows-twice)
//!   - [`borrow-defer-mutates-returned-borrow`](#borrow-defer-mutates-returned-borrow)
//!   - [`borrow-defer-reads-returned-mutable-borrow`](#borrow-defer-reads-returned-mutable-borrow)
//!   - [`borrow-defer-mutates-returned-shared-borrow`](#borrow-defer-mutates-returned-shared-borrow)
//!   - [`borrow-defer-argument-moves-borrowed`](#borrow-defer-argument-moves-borrowed)
//!   - [`borrow-defer-assigns-returned-borrow`](#borrow-defer-assigns-returned-borrow)
//!   - [`borrow-defer-thread-borrows-local`](#borrow-defer-thread-borrows-local)
//!   - [`borrow-defer-uses-dead-local`](#borrow-defer-uses-dead-local)
//!   - [`borrow-defer-uses-dead-temporary`](#borrow-defer-uses-dead-temporary)
//! - [`errdefer!` and `okdefer!`](#errdefer-and-okdefer)
//!   - [`errdefer-outside-attribute`](#errdefer-outside-attribute)
//!   - [`okdefer-outside-attribute`](#okdefer-outside-attribute)
//!   - [`errdefer-error-form-on-option`](#errdefer-error-form-on-option)
//!   - [`errdefer-error-form-on-unit-fn`](#errdefer-error-form-on-unit-fn)
//!   - [`errdefer-error-form-with-named-results`](#errdefer-error-form-with-named-results)
//!   - [`errdefer-error-form-returns-unit`](#errdefer-error-form-returns-unit)
//! - [Hygiene and lints](#hygiene-and-lints)
//!   - [`generated-names-are-hidden`](#generated-names-are-hidden)
//!   - [`user-lints-still-fire`](#user-lints-still-fire)
//!
//! # The attribute: its arguments and what it applies to
//!
//! `#[with_defer]` takes no argument or `named(..)`, and applies to a function
//! (free, inherent or trait method), or to an `impl` block or a `trait`, where
//! it rewrites the methods that use `defer!` (a method's own
//! `#[with_defer(named(..))]` gives its arguments). Its own mistakes are
//! reported at the
//! attribute's arguments or at the item's first keyword; independent mistakes
//! are all reported.
//!
//! ## `unknown-argument`
//!
//! `ui-tests/tests/ui/unknown-argument.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/unknown-argument.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/unknown-argument.stderr"), "```")]
//!
//! ## `several-errors`
//!
//! `ui-tests/tests/ui/several-errors.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/several-errors.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/several-errors.stderr"), "```")]
//!
//! ## `not-a-function`
//!
//! `ui-tests/tests/ui/not-a-function.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/not-a-function.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/not-a-function.stderr"), "```")]
//!
//! ## `not-a-function-mod`
//!
//! `ui-tests/tests/ui/not-a-function-mod.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/not-a-function-mod.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/not-a-function-mod.stderr"), "```")]
//!
//! ## `named-on-impl-block`
//!
//! `ui-tests/tests/ui/named-on-impl-block.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-on-impl-block.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-on-impl-block.stderr"), "```")]
//!
//! ## `with-defer-on-bodiless-trait-method`
//!
//! `ui-tests/tests/ui/with-defer-on-bodiless-trait-method.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/with-defer-on-bodiless-trait-method.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/with-defer-on-bodiless-trait-method.stderr"), "```")]
//!
//! ## `with-defer-name-value-on-method`
//!
//! `ui-tests/tests/ui/with-defer-name-value-on-method.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/with-defer-name-value-on-method.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/with-defer-name-value-on-method.stderr"), "```")]
//!
//! ## `default-fn-in-impl-block`
//!
//! `ui-tests/tests/ui/default-fn-in-impl-block.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/default-fn-in-impl-block.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/default-fn-in-impl-block.stderr"), "```")]
//!
//! ## `const-fn`
//!
//! `ui-tests/tests/ui/const-fn.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/const-fn.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/const-fn.stderr"), "```")]
//!
//! ## `await-in-closure-of-async-fn`
//!
//! `ui-tests/tests/ui/await-in-closure-of-async-fn.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/await-in-closure-of-async-fn.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/await-in-closure-of-async-fn.stderr"), "```")]
//!
//! ## `await-in-sync-deferred-code`
//!
//! `ui-tests/tests/ui/await-in-sync-deferred-code.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/await-in-sync-deferred-code.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/await-in-sync-deferred-code.stderr"), "```")]
//!
//! ## `tokio-main-above-with-defer`
//!
//! `ui-tests/tests/ui/tokio-main-above-with-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/tokio-main-above-with-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/tokio-main-above-with-defer.stderr"), "```")]
//!
//! ## `attribute-macro-above-with-defer`
//!
//! `ui-tests/tests/ui/attribute-macro-above-with-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/attribute-macro-above-with-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/attribute-macro-above-with-defer.stderr"), "```")]
//!
//! # Where `defer!` may appear
//!
//! `defer!` belongs to the function whose `#[with_defer]` rewrites it, at any
//! depth of its body. A closure in that body is a function of its own, as
//! Go's func literal: its `defer!`s run when a call of it returns; an async
//! block or async closure likewise, when its future completes. Not in a
//! nested item (a nested `fn` may carry its own attribute), nor inside
//! another macro's input, which the attribute cannot see. A
//! `defer!` the attribute does not reach gets the same message as one in a
//! function without the attribute.
//!
//! ## `defer-outside-attribute`
//!
//! `ui-tests/tests/ui/defer-outside-attribute.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/defer-outside-attribute.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/defer-outside-attribute.stderr"), "```")]
//!
//! ## `defer-in-nested-fn`
//!
//! `ui-tests/tests/ui/defer-in-nested-fn.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/defer-in-nested-fn.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/defer-in-nested-fn.stderr"), "```")]
//!
//! ## `defer-in-macro-input`
//!
//! `ui-tests/tests/ui/defer-in-macro-input.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/defer-in-macro-input.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/defer-in-macro-input.stderr"), "```")]
//!
//! ## `defer-in-call-form-callee`
//!
//! `ui-tests/tests/ui/defer-in-call-form-callee.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/defer-in-call-form-callee.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/defer-in-call-form-callee.stderr"), "```")]
//!
//! ## `empty-defer`
//!
//! `ui-tests/tests/ui/empty-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/empty-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/empty-defer.stderr"), "```")]
//!
//! ## `defer-two-expressions`
//!
//! `ui-tests/tests/ui/defer-two-expressions.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/defer-two-expressions.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/defer-two-expressions.stderr"), "```")]
//!
//! # `return`, `?` and types
//!
//! Deferred code runs while the function exits: it cannot return a value from
//! the function, with `return expr` or with `?` (a bare `return;` ends the
//! deferred block). Everywhere else `return`, `?` and the tail expression keep
//! their meaning, and rustc's type errors point at the code as written.
//!
//! ## `return-value-in-deferred-code`
//!
//! `ui-tests/tests/ui/return-value-in-deferred-code.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/return-value-in-deferred-code.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/return-value-in-deferred-code.stderr"), "```")]
//!
//! ## `question-mark-in-deferred-code`
//!
//! `ui-tests/tests/ui/question-mark-in-deferred-code.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/question-mark-in-deferred-code.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/question-mark-in-deferred-code.stderr"), "```")]
//!
//! ## `question-mark-in-unit-fn`
//!
//! `ui-tests/tests/ui/question-mark-in-unit-fn.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/question-mark-in-unit-fn.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/question-mark-in-unit-fn.stderr"), "```")]
//!
//! ## `question-mark-in-unit-fn-after-last-defer`
//!
//! `ui-tests/tests/ui/question-mark-in-unit-fn-after-last-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/question-mark-in-unit-fn-after-last-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/question-mark-in-unit-fn-after-last-defer.stderr"), "```")]
//!
//! ## `question-mark-wrong-error-type`
//!
//! `ui-tests/tests/ui/question-mark-wrong-error-type.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/question-mark-wrong-error-type.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/question-mark-wrong-error-type.stderr"), "```")]
//!
//! ## `question-mark-on-other-type`
//!
//! `ui-tests/tests/ui/question-mark-on-other-type.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/question-mark-on-other-type.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/question-mark-on-other-type.stderr"), "```")]
//!
//! ## `return-type-mismatch`
//!
//! `ui-tests/tests/ui/return-type-mismatch.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/return-type-mismatch.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/return-type-mismatch.stderr"), "```")]
//!
//! ## `tail-type-mismatch`
//!
//! `ui-tests/tests/ui/tail-type-mismatch.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/tail-type-mismatch.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/tail-type-mismatch.stderr"), "```")]
//!
//! ## `type-error-in-deferred-code`
//!
//! `ui-tests/tests/ui/type-error-in-deferred-code.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/type-error-in-deferred-code.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/type-error-in-deferred-code.stderr"), "```")]
//!
//! # Named results
//!
//! `#[with_defer(named(..))]` lists one identifier per result (one per tuple
//! element, at most 8), each optionally with an initial value; without one the
//! type must implement `Default`. A named result is a local of the function, so
//! no binding in the body or in deferred code may reuse its name. Deferred code
//! may move a named result out, as long as the same statement gives it a new
//! value (`res = res.context(..)`, `if let Err(e) = err { err = .. }`): that
//! statement works on the value taken out of the result, and puts it back
//! when it ends, so no `return` may leave it early. A statement that moves
//! one out without assigning it is rustc's "cannot move out of", at its
//! tokens.
//!
//! ## `named-on-unit-function`
//!
//! `ui-tests/tests/ui/named-on-unit-function.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-on-unit-function.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-on-unit-function.stderr"), "```")]
//!
//! ## `named-on-never-function`
//!
//! `ui-tests/tests/ui/named-on-never-function.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-on-never-function.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-on-never-function.stderr"), "```")]
//!
//! ## `named-empty`
//!
//! `ui-tests/tests/ui/named-empty.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-empty.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-empty.stderr"), "```")]
//!
//! ## `named-without-list`
//!
//! `ui-tests/tests/ui/named-without-list.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-without-list.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-without-list.stderr"), "```")]
//!
//! ## `named-given-twice`
//!
//! `ui-tests/tests/ui/named-given-twice.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-given-twice.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-given-twice.stderr"), "```")]
//!
//! ## `named-arity-mismatch`
//!
//! `ui-tests/tests/ui/named-arity-mismatch.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-arity-mismatch.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-arity-mismatch.stderr"), "```")]
//!
//! ## `named-too-many`
//!
//! `ui-tests/tests/ui/named-too-many.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-too-many.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-too-many.stderr"), "```")]
//!
//! ## `named-duplicate`
//!
//! `ui-tests/tests/ui/named-duplicate.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-duplicate.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-duplicate.stderr"), "```")]
//!
//! ## `named-not-an-identifier`
//!
//! `ui-tests/tests/ui/named-not-an-identifier.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-not-an-identifier.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-not-an-identifier.stderr"), "```")]
//!
//! ## `named-impl-trait`
//!
//! `ui-tests/tests/ui/named-impl-trait.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-impl-trait.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-impl-trait.stderr"), "```")]
//!
//! ## `named-without-default`
//!
//! `ui-tests/tests/ui/named-without-default.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-without-default.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-without-default.stderr"), "```")]
//!
//! ## `named-type-mismatch-in-defer`
//!
//! `ui-tests/tests/ui/named-type-mismatch-in-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-type-mismatch-in-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-type-mismatch-in-defer.stderr"), "```")]
//!
//! ## `named-shadowed-in-body`
//!
//! `ui-tests/tests/ui/named-shadowed-in-body.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-shadowed-in-body.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-shadowed-in-body.stderr"), "```")]
//!
//! ## `named-shadowed-in-stored-defer`
//!
//! `ui-tests/tests/ui/named-shadowed-in-stored-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-shadowed-in-stored-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-shadowed-in-stored-defer.stderr"), "```")]
//!
//! ## `named-moved-out-not-given-back`
//!
//! `ui-tests/tests/ui/named-moved-out-not-given-back.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-moved-out-not-given-back.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-moved-out-not-given-back.stderr"), "```")]
//!
//! ## `named-moved-out-then-return`
//!
//! `ui-tests/tests/ui/named-moved-out-then-return.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/named-moved-out-then-return.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/named-moved-out-then-return.stderr"), "```")]
//!
//! # `recover!()`
//!
//! `recover!()` takes no arguments and is valid only in deferred code that runs
//! at exit: not in the body, not in a call-form `defer!`'s arguments (evaluated
//! at the statement), not in the body of a closure or async block inside
//! deferred code (a closure's own `defer!`s may call it, for that closure's
//! panics). A
//! function whose deferred code calls it needs a value to return after a
//! recovery: named results, or a return type that implements `Default`.
//!
//! ## `recover-outside-attribute`
//!
//! `ui-tests/tests/ui/recover-outside-attribute.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-outside-attribute.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-outside-attribute.stderr"), "```")]
//!
//! ## `recover-outside-deferred-code`
//!
//! `ui-tests/tests/ui/recover-outside-deferred-code.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-outside-deferred-code.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-outside-deferred-code.stderr"), "```")]
//!
//! ## `recover-in-function-without-defer`
//!
//! `ui-tests/tests/ui/recover-in-function-without-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-in-function-without-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-in-function-without-defer.stderr"), "```")]
//!
//! ## `recover-as-call-form-argument`
//!
//! `ui-tests/tests/ui/recover-as-call-form-argument.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-as-call-form-argument.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-as-call-form-argument.stderr"), "```")]
//!
//! ## `recover-in-closure`
//!
//! `ui-tests/tests/ui/recover-in-closure.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-in-closure.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-in-closure.stderr"), "```")]
//!
//! ## `recover-in-async-block`
//!
//! `ui-tests/tests/ui/recover-in-async-block.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-in-async-block.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-in-async-block.stderr"), "```")]
//!
//! ## `recover-with-arguments`
//!
//! `ui-tests/tests/ui/recover-with-arguments.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-with-arguments.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-with-arguments.stderr"), "```")]
//!
//! ## `recover-without-default-return`
//!
//! `ui-tests/tests/ui/recover-without-default-return.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-without-default-return.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-without-default-return.stderr"), "```")]
//!
//! ## `recover-in-never-function`
//!
//! `ui-tests/tests/ui/recover-in-never-function.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/recover-in-never-function.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/recover-in-never-function.stderr"), "```")]
//!
//! # Borrows and captures of stored and loop defers
//!
//! A block-form `defer!` directly in the function's top-level block (among the
//! first 8) is inline code at the exit: it borrows nothing while the body runs.
//! A `defer!` nested in an `if`, a `match`, a block or a loop is stored as a
//! closure at its statement, so rustc's borrow rules for closures apply: it may
//! borrow the locals declared before the top-level statement that holds it,
//! until it runs at exit. The locals declared inside that statement (in a
//! branch, a loop body, the pattern of a `for`, `if let`, `while let` or
//! `match` arm) die before exit, so the `defer!` takes the ones it uses by
//! value, moved or copied at its statement: using one again after that is
//! rustc's "use of moved value", whose "value moved here" is at the
//! `defer!`, and assigning one after it is an error of the attribute's own
//! (the deferred code would not see the new value). These errors are
//! rustc's unless said otherwise, pointing at the `defer!`. Where they
//! name the place the closure is kept, that is the `defer!`'s own storage:
//! `__defer_slot_N` for a nested `defer!`, `__defer_list_N` for one in a loop
//! (`N` numbers the function's `defer!`s in source order, from 0).
//!
//! From the first statement that holds a `defer!`, the rest of the body runs
//! in a closure. A local declared before it is captured by that closure, so
//! it must have a value there: one declared without a value and given one
//! later is an error of the attribute's own; one moved out before and
//! assigned again later is rustc's "borrow of moved value", with "borrow
//! occurs due to use in closure" at the assignment.
//!
//! ## `dying-local-used-after-defer`
//!
//! `ui-tests/tests/ui/dying-local-used-after-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/dying-local-used-after-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/dying-local-used-after-defer.stderr"), "```")]
//!
//! ## `stored-defer-borrows-mutated-local`
//!
//! `ui-tests/tests/ui/stored-defer-borrows-mutated-local.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/stored-defer-borrows-mutated-local.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/stored-defer-borrows-mutated-local.stderr"), "```")]
//!
//! ## `dying-local-assigned-after-defer`
//!
//! `ui-tests/tests/ui/dying-local-assigned-after-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/dying-local-assigned-after-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/dying-local-assigned-after-defer.stderr"), "```")]
//!
//! ## `deferred-result-unused`
//!
//! `ui-tests/tests/ui/deferred-result-unused.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/deferred-result-unused.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/deferred-result-unused.stderr"), "```")]
//!
//! ## `move-defer-value-used-afterwards`
//!
//! `ui-tests/tests/ui/move-defer-value-used-afterwards.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/move-defer-value-used-afterwards.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/move-defer-value-used-afterwards.stderr"), "```")]
//!
//! ## `local-initialised-after-defer`
//!
//! `ui-tests/tests/ui/local-initialised-after-defer.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/local-initialised-after-defer.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/local-initialised-after-defer.stderr"), "```")]
//!
//! ## `local-reassigned-after-move`
//!
//! `ui-tests/tests/ui/local-reassigned-after-move.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/local-reassigned-after-move.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/local-reassigned-after-move.stderr"), "```")]
//!
//! # Borrow errors in the body and in deferred code
//!
//! These are rustc's own borrow errors (E0499, E0501, E0502, E0505, E0506,
//! E0373, E0597, E0716), given for code that is wrong with or without the
//! attribute; each points at the code you wrote. Two things about the
//! expansion show through in their wording:
//!
//! - From the first statement that holds a `defer!`, the rest of the body
//!   runs in a closure (so that a panic there still runs the deferred code).
//!   A local declared before that statement is borrowed by that closure
//!   where the body uses it: rustc then says "closure construction occurs
//!   here" at the first statement after the `defer!` (or the one where the
//!   closure starts), "due to use of `v` in closure" at your use of `v`,
//!   and "captured here by closure" where it would say "used here". The
//!   closure is the rest of your body; the conflict is between the uses it
//!   names.
//! - Deferred code runs after the function's value is computed, as in Go,
//!   so it conflicts with any borrow that the returned value holds: a
//!   `defer!` that reads or changes what the function returns a reference
//!   into is an error, with "returning this value requires that .. is
//!   borrowed" at the returned expression. Without the attribute, the same
//!   code written in execution order (the deferred code after the value)
//!   is the same error, E0502 where this one is E0501 ("previous closure
//!   requires unique access": a `&mut` captured by the closure).
//!
//! ## `borrow-body-two-mutable-borrows`
//!
//! `ui-tests/tests/ui/borrow-body-two-mutable-borrows.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-two-mutable-borrows.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-two-mutable-borrows.stderr"), "```")]
//!
//! ## `borrow-body-closure-holds-unique-access`
//!
//! `ui-tests/tests/ui/borrow-body-closure-holds-unique-access.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-closure-holds-unique-access.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-closure-holds-unique-access.stderr"), "```")]
//!
//! ## `borrow-body-mutated-while-shared`
//!
//! `ui-tests/tests/ui/borrow-body-mutated-while-shared.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-mutated-while-shared.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-mutated-while-shared.stderr"), "```")]
//!
//! ## `borrow-body-moved-while-borrowed`
//!
//! `ui-tests/tests/ui/borrow-body-moved-while-borrowed.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-moved-while-borrowed.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-moved-while-borrowed.stderr"), "```")]
//!
//! ## `borrow-body-assigned-while-borrowed`
//!
//! `ui-tests/tests/ui/borrow-body-assigned-while-borrowed.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-assigned-while-borrowed.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-assigned-while-borrowed.stderr"), "```")]
//!
//! ## `borrow-body-thread-borrows-local`
//!
//! `ui-tests/tests/ui/borrow-body-thread-borrows-local.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-thread-borrows-local.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-thread-borrows-local.stderr"), "```")]
//!
//! ## `borrow-body-returned-closure-borrows-local`
//!
//! `ui-tests/tests/ui/borrow-body-returned-closure-borrows-local.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-returned-closure-borrows-local.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-returned-closure-borrows-local.stderr"), "```")]
//!
//! ## `borrow-body-returned-borrow-outlives-static`
//!
//! `ui-tests/tests/ui/borrow-body-returned-borrow-outlives-static.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-returned-borrow-outlives-static.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-returned-borrow-outlives-static.stderr"), "```")]
//!
//! ## `borrow-body-local-dies-while-borrowed`
//!
//! `ui-tests/tests/ui/borrow-body-local-dies-while-borrowed.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-local-dies-while-borrowed.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-local-dies-while-borrowed.stderr"), "```")]
//!
//! ## `borrow-body-temporary-dropped`
//!
//! `ui-tests/tests/ui/borrow-body-temporary-dropped.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-body-temporary-dropped.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-body-temporary-dropped.stderr"), "```")]
//!
//! ## `borrow-defer-argument-borrows-twice`
//!
//! `ui-tests/tests/ui/borrow-defer-argument-borrows-twice.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-argument-borrows-twice.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-argument-borrows-twice.stderr"), "```")]
//!
//! ## `borrow-defer-mutates-returned-borrow`
//!
//! `ui-tests/tests/ui/borrow-defer-mutates-returned-borrow.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-mutates-returned-borrow.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-mutates-returned-borrow.stderr"), "```")]
//!
//! ## `borrow-defer-reads-returned-mutable-borrow`
//!
//! `ui-tests/tests/ui/borrow-defer-reads-returned-mutable-borrow.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-reads-returned-mutable-borrow.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-reads-returned-mutable-borrow.stderr"), "```")]
//!
//! ## `borrow-defer-mutates-returned-shared-borrow`
//!
//! `ui-tests/tests/ui/borrow-defer-mutates-returned-shared-borrow.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-mutates-returned-shared-borrow.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-mutates-returned-shared-borrow.stderr"), "```")]
//!
//! ## `borrow-defer-argument-moves-borrowed`
//!
//! `ui-tests/tests/ui/borrow-defer-argument-moves-borrowed.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-argument-moves-borrowed.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-argument-moves-borrowed.stderr"), "```")]
//!
//! ## `borrow-defer-assigns-returned-borrow`
//!
//! `ui-tests/tests/ui/borrow-defer-assigns-returned-borrow.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-assigns-returned-borrow.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-assigns-returned-borrow.stderr"), "```")]
//!
//! ## `borrow-defer-thread-borrows-local`
//!
//! `ui-tests/tests/ui/borrow-defer-thread-borrows-local.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-thread-borrows-local.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-thread-borrows-local.stderr"), "```")]
//!
//! ## `borrow-defer-uses-dead-local`
//!
//! `ui-tests/tests/ui/borrow-defer-uses-dead-local.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-uses-dead-local.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-uses-dead-local.stderr"), "```")]
//!
//! ## `borrow-defer-uses-dead-temporary`
//!
//! `ui-tests/tests/ui/borrow-defer-uses-dead-temporary.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/borrow-defer-uses-dead-temporary.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/borrow-defer-uses-dead-temporary.stderr"), "```")]
//!
//! # `errdefer!` and `okdefer!`
//!
//! `errdefer!` and `okdefer!` are `defer!`s that run only on failure or on
//! success, judged as they are about to run, at any depth. The error form
//! `errdefer!(|e| ..)` needs a function that returns `Result<T, E>` without
//! named results.
//!
//! ## `errdefer-outside-attribute`
//!
//! `ui-tests/tests/ui/errdefer-outside-attribute.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/errdefer-outside-attribute.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/errdefer-outside-attribute.stderr"), "```")]
//!
//! ## `okdefer-outside-attribute`
//!
//! `ui-tests/tests/ui/okdefer-outside-attribute.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/okdefer-outside-attribute.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/okdefer-outside-attribute.stderr"), "```")]
//!
//! ## `errdefer-error-form-on-option`
//!
//! `ui-tests/tests/ui/errdefer-error-form-on-option.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/errdefer-error-form-on-option.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/errdefer-error-form-on-option.stderr"), "```")]
//!
//! ## `errdefer-error-form-on-unit-fn`
//!
//! `ui-tests/tests/ui/errdefer-error-form-on-unit-fn.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/errdefer-error-form-on-unit-fn.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/errdefer-error-form-on-unit-fn.stderr"), "```")]
//!
//! ## `errdefer-error-form-with-named-results`
//!
//! `ui-tests/tests/ui/errdefer-error-form-with-named-results.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/errdefer-error-form-with-named-results.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/errdefer-error-form-with-named-results.stderr"), "```")]
//!
//! ## `errdefer-error-form-returns-unit`
//!
//! `ui-tests/tests/ui/errdefer-error-form-returns-unit.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/errdefer-error-form-returns-unit.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/errdefer-error-form-returns-unit.stderr"), "```")]
//!
//! # Hygiene and lints
//!
//! The expansion's own locals are hidden from user code, and its `#[allow]`s
//! cover only its own code: the user's lints still fire.
//!
//! ## `generated-names-are-hidden`
//!
//! `ui-tests/tests/ui/generated-names-are-hidden.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/generated-names-are-hidden.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/generated-names-are-hidden.stderr"), "```")]
//!
//! ## `user-lints-still-fire`
//!
//! `ui-tests/tests/ui/user-lints-still-fire.rs`:
//!
#![doc = concat!("```rust,ignore\n", include_str!("../ui/user-lints-still-fire.rs"), "```")]
//!
//! The compiler says:
//!
#![doc = concat!("```text\n", include_str!("../ui/user-lints-still-fire.stderr"), "```")]
