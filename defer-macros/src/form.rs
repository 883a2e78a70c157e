//! Parsing one `defer!(..)` invocation into one of SPEC §2's three forms,
//! and the small syntax questions the passes ask of user code.

use proc_macro2::{Ident, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Block, Expr, Macro, MacroDelimiter, Path, Stmt, Token};

/// Input: the tokens of `defer!(f(a))`, `defer! { .. }`, `defer!(move ..)`.
/// Output: which form it is, with the user's tokens.
// One per `defer!`, consumed at once: boxing the call would only cost an
// allocation (its size depends on proc-macro2's features, which a
// workspace tool's `span-locations` unifies in).
#[allow(clippy::large_enum_variant)]
pub enum Form {
    /// `defer!(f(a, b))` / `defer!(x.m(a))`: arguments now, call at exit.
    Call(Expr),
    /// `defer! { stmts }` / `defer!(expr)`: the code runs at exit.
    Block(Vec<Stmt>),
    /// `defer!(move ..)`: a snapshot now, the code at exit.
    Move(Vec<Stmt>),
}

/// Another macro's input, when it is comma-separated expressions
/// (`println!`, `format!`, `vec!`, `assert_eq!`...): the attribute walks
/// it as code of the function.
pub fn expr_args(mac: &Macro) -> Option<Punctuated<Expr, Token![,]>> {
    Punctuated::<Expr, Token![,]>::parse_terminated
        .parse2(mac.tokens.clone())
        .ok()
}

pub fn is_named(path: &Path, name: &str) -> bool {
    path.segments
        .last()
        .is_some_and(|last| last.ident == name && last.arguments.is_none())
}

/// `defer!`, `errdefer!` or `okdefer!`: all three register deferred code.
pub fn is_defer(path: &Path) -> bool {
    ["defer", "errdefer", "okdefer"]
        .iter()
        .any(|name| is_named(path, name))
}

/// When deferred code runs, judged as it is about to (SPEC §10).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `defer!`: always.
    Always,
    /// `errdefer!`: the function is returning `Err`/`None`, or panicking.
    Failing,
    /// `okdefer!`: the function returns normally, not `Err`/`None`.
    Succeeding,
}

/// Which of the three a `defer!`-like macro is.
pub fn when(path: &Path) -> When {
    if is_named(path, "errdefer") {
        When::Failing
    } else if is_named(path, "okdefer") {
        When::Succeeding
    } else {
        When::Always
    }
}

pub fn is_recover(path: &Path) -> bool {
    is_named(path, "recover")
}

/// `defer!` or `recover!` somewhere in `tokens` (another macro's input,
/// which syn does not parse).
pub fn calls_stub(tokens: TokenStream) -> bool {
    let mut previous: Option<String> = None;
    for tree in tokens {
        match &tree {
            proc_macro2::TokenTree::Group(group) if calls_stub(group.stream()) => return true,
            proc_macro2::TokenTree::Punct(punct) if punct.as_char() == '!' => {
                if matches!(
                    previous.as_deref(),
                    Some("defer" | "errdefer" | "okdefer" | "recover")
                ) {
                    return true;
                }
            }
            _ => {}
        }
        previous = match tree {
            proc_macro2::TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        };
    }
    false
}

/// One of `names` among the identifiers of `tokens`, at any depth.
pub fn mentions(tokens: TokenStream, names: &[&str]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => names.iter().any(|name| ident == name),
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), names),
        _ => false,
    })
}

/// The token after a name starts a path (`Self::Item`, `self::module`):
/// the first `:` of `::` is joint, that of `x: T` is not.
pub fn starts_path(next: Option<&proc_macro2::TokenTree>) -> bool {
    matches!(next, Some(proc_macro2::TokenTree::Punct(punct))
        if punct.as_char() == ':' && punct.spacing() == proc_macro2::Spacing::Joint)
}

/// `defer!` or `recover!` anywhere in `expr`, other macros' input included,
/// nested items not: a closure with one is a frame of its own.
pub fn holds_defer(expr: &Expr) -> bool {
    let mut finder = DeferFinder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

/// `defer!` or `recover!` anywhere in a method's body: `#[with_defer]` on
/// its `impl` block or `trait` rewrites it.
pub fn body_holds_defer(block: &Block) -> bool {
    let mut finder = DeferFinder(false);
    syn::visit::Visit::visit_block(&mut finder, block);
    finder.0
}

/// The standard library's macros that expand to no `return`, `?` or
/// `.await` of their own (`try!` has a `return`).
pub const STANDARD: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "cfg",
    "column",
    "concat",
    "dbg",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "env",
    "eprint",
    "eprintln",
    "file",
    "format",
    "format_args",
    "include",
    "include_bytes",
    "include_str",
    "line",
    "matches",
    "module_path",
    "option_env",
    "panic",
    "print",
    "println",
    "stringify",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];

/// Code that may suspend: it holds an `.await`, or a call of a macro
/// other than the standard library's (`select!` awaits in its expansion).
pub fn may_await(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.iter().enumerate().any(|(i, tree)| match tree {
        TokenTree::Ident(ident) => {
            ident == "await"
                || matches!(
                    (trees.get(i + 1), trees.get(i + 2)),
                    (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(_)))
                        if bang.as_char() == '!'
                            && !STANDARD.iter().any(|name| ident == name)
                )
        }
        TokenTree::Group(group) => may_await(&group.stream()),
        _ => false,
    })
}

struct DeferFinder(bool);

impl syn::visit::Visit<'_> for DeferFinder {
    fn visit_macro(&mut self, mac: &Macro) {
        self.0 |= is_defer(&mac.path) || is_recover(&mac.path) || calls_stub(mac.tokens.clone());
    }
    fn visit_item(&mut self, _: &syn::Item) {}
}

/// `expr` without the parentheses (and invisible groups) around it.
pub fn strip_parens(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(paren) => strip_parens(&paren.expr),
        Expr::Group(group) => strip_parens(&group.expr),
        expr => expr,
    }
}

/// `expr` is the plain name `ident`, maybe in parentheses.
pub fn is_ident(expr: &Expr, ident: &Ident) -> bool {
    match strip_parens(expr) {
        Expr::Path(path) => path.qself.is_none() && path.path.get_ident() == Some(ident),
        _ => false,
    }
}

/// What a `defer!` evaluates at its statement cannot panic, return or
/// leave: a block or `move` form, or a call whose callee, receiver and
/// arguments are literals, places (`x`, `a.b`), references to them or
/// closure literals. Judged by syntax alone, so any doubt says no.
pub fn quiet_at_statement(mac: &Macro) -> bool {
    match Form::parse(&mac.delimiter, mac.tokens.clone()) {
        Ok(Form::Block(_) | Form::Move(_)) => true,
        Ok(Form::Call(Expr::Call(call))) => quiet(&call.func) && call.args.iter().all(quiet),
        Ok(Form::Call(Expr::MethodCall(call))) => {
            call.turbofish.is_none() && quiet(&call.receiver) && call.args.iter().all(quiet)
        }
        _ => false,
    }
}

fn quiet(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Closure(_) => true,
        Expr::Path(path) => path.qself.is_none(),
        Expr::Field(field) => quiet(&field.base),
        Expr::Reference(reference) => quiet(&reference.expr),
        Expr::Paren(paren) => quiet(&paren.expr),
        _ => false,
    }
}

impl Form {
    pub fn parse(delimiter: &MacroDelimiter, tokens: TokenStream) -> syn::Result<Form> {
        if let MacroDelimiter::Brace(_) = delimiter {
            return block(tokens).map(Form::Block);
        }
        syn::parse2(tokens)
    }
}

/// The statements of `defer! { .. }`. A final `let` may go without its
/// `;` (`defer! { let _ = f.close() }`, as rustc suggests for an unused
/// `Result` at the end of the block).
fn block(tokens: TokenStream) -> syn::Result<Vec<Stmt>> {
    let error = match syn::parse2::<BlockBody>(tokens.clone()) {
        Ok(block) => return Ok(block.0),
        Err(error) => error,
    };
    let mut with_semi = tokens;
    with_semi.extend(quote::quote!(;));
    syn::parse2::<BlockBody>(with_semi)
        .ok()
        .filter(|block| matches!(block.0.last(), Some(Stmt::Local(_))))
        .map(|block| block.0)
        .ok_or(error)
}

struct BlockBody(Vec<Stmt>);

impl Parse for BlockBody {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Block::parse_within(input).map(BlockBody)
    }
}

impl Parse for Form {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "`defer!` needs the code to defer: `defer!(f(x))`, `defer! { .. }` or `defer!(move { .. })`",
            ));
        }
        if input.peek(Token![move]) {
            input.parse::<Token![move]>()?;
            let expr: Expr = input.parse()?;
            expect_end(input)?;
            return Ok(Form::Move(into_stmts(expr)));
        }
        let expr: Expr = input.parse()?;
        expect_end(input)?;
        Ok(match expr {
            Expr::Call(_) | Expr::MethodCall(_) => Form::Call(expr),
            // `defer!(release(id).await)`: the call form, its call and
            // await at exit (an `async fn`'s).
            Expr::Await(ref awaited)
                if matches!(&*awaited.base, Expr::Call(_) | Expr::MethodCall(_)) =>
            {
                Form::Call(expr)
            }
            other => Form::Block(into_stmts(other)),
        })
    }
}

fn expect_end(input: ParseStream) -> syn::Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        Err(input.error(
            "`defer!(..)` takes one expression; write several statements as `defer! { a; b; }`",
        ))
    }
}

/// A block expression (`defer!(move { .. })`, `defer!({ .. })`) contributes
/// its statements; any other expression is one statement.
fn into_stmts(expr: Expr) -> Vec<Stmt> {
    match expr {
        Expr::Block(block) if block.attrs.is_empty() && block.label.is_none() => block.block.stmts,
        // `defer!(let _ = f.close())`, as rustc suggests for an unused
        // `Result`: a `let` statement.
        Expr::Let(binding) => {
            let (attrs, pat, value) = (&binding.attrs, &binding.pat, &binding.expr);
            match syn::parse2::<Stmt>(quote::quote!(#(#attrs)* let #pat = #value;)) {
                Ok(stmt) => vec![stmt],
                Err(_) => vec![Stmt::Expr(Expr::Let(binding), Some(Default::default()))],
            }
        }
        other => vec![Stmt::Expr(other, Some(Default::default()))],
    }
}
