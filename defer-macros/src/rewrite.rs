//! The walk over one top-level statement of a body.
//!
//! Input: a statement, the frame it belongs to, and whether it runs inside
//! a level closure that is not the innermost one (`Mode::Rewrite`).
//! Output: the statement with every nested `defer!` replaced by its
//! registration code (its exit code collected in `sites`), `recover!()`
//! pointed at the right frame, and, in `Mode::Rewrite`, `return` and `?`
//! turned into "store the result, leave this level" (see [`crate::exit`]).

use crate::exit::{self, Mode};
use crate::form::{expr_args, holds_defer, is_defer, is_recover};
use crate::frame::{Frame, Ret, Runs, Site};
use crate::locals::Scopes;
use crate::site::{self, Walk};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprReturn, ExprTry, Item, Macro, Stmt, Type};

/// How `lower` lowers a body. Deferred code and closures hold levels of
/// their own, so the pipeline recurses there: `lower` hands its functions
/// down, and neither this module nor `site` imports it.
#[derive(Clone, Copy)]
pub struct Lowering {
    /// Deferred code, in the frame that runs it (`lower::deferred`).
    pub deferred: fn(Vec<Stmt>, &mut Frame, Runs, &mut Vec<syn::Error>) -> TokenStream,
    /// A frame's whole body: a closure's (`lower::body`).
    pub body: fn(Vec<Stmt>, &mut Frame, &mut Vec<syn::Error>) -> TokenStream,
}

pub struct Rewriter<'a> {
    frame: &'a mut Frame,
    errors: &'a mut Vec<syn::Error>,
    mode: Mode,
    lower: Lowering,
    /// The exit code of the `defer!`s found so far, in source order.
    pub sites: Vec<Site>,
    /// The level's order log, when its statement needs one.
    pub order: Option<Ident>,
    /// Inside a call-form defer's arguments, evaluated at its statement.
    in_defer_args: bool,
    loops: usize,
    /// The bindings that the statement introduces, in scope where the walk
    /// is: they die before exit.
    scopes: Scopes,
    /// Rewrites made so far: another macro's input is printed back only
    /// when the walk changed something in it.
    edits: usize,
}

impl<'a> Rewriter<'a> {
    pub fn new(
        frame: &'a mut Frame,
        errors: &'a mut Vec<syn::Error>,
        mode: Mode,
        lower: Lowering,
    ) -> Self {
        Rewriter {
            frame,
            errors,
            mode,
            lower,
            sites: Vec::new(),
            order: None,
            in_defer_args: false,
            loops: 0,
            scopes: Scopes::default(),
            edits: 0,
        }
    }

    fn error(&mut self, span: Span, message: &str) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// A `defer!` below the top level: stored in a slot at its statement.
    fn nested_defer(&mut self, mac: &Macro) -> TokenStream {
        if self.in_defer_args || self.frame.closure_callee {
            self.error(
                mac.path.span(),
                "`defer!` cannot be used inside a call-form `defer!`: write the deferred code as a block, `defer! { .. defer!(..); .. }`",
            );
            return quote!({});
        }
        self.edits += 1;
        let in_loop = self.loops > 0;
        let Some((register, site)) = site::stored(mac, self, in_loop) else {
            return quote!({});
        };
        self.sites.push(site);
        // Each registration also logs its site when the statement's sites
        // can register in an order known only at run time.
        let order = self.order.as_ref().map(|order| {
            let id = u16::try_from(self.sites.len() - 1).unwrap_or(u16::MAX);
            quote!(#order.push(#id);)
        });
        quote!({
            #register
            #order
        })
    }

    fn recover(&mut self, mac: &Macro) -> Expr {
        let span = mac.path.span();
        if self.in_defer_args {
            self.error(
                span,
                "`recover!()` cannot be an argument of a call-form `defer!`: arguments are evaluated at the `defer!` statement, not at exit; write `defer! { f(recover!()) }` to call it at exit",
            );
        } else if let Some(owner) = self.frame.owner_panic.clone() {
            if !mac.tokens.is_empty() {
                self.error(mac.tokens.span(), "`recover!()` takes no arguments");
            }
            self.edits += 1;
            self.frame.owner_recovers = true;
            return Expr::Verbatim(quote_spanned!(span=> #owner.recover()));
        } else if self.frame.closure {
            self.error(
                span,
                "`recover!()` cannot be called in the body of a closure or async block: it is a function of its own, and its body is not deferred code; call `recover!()` directly in the deferred code, or in a `defer! { .. }` inside the closure or block to stop its own panics",
            );
        } else {
            self.error(
                span,
                "`recover!()` can only be called in deferred code: use it inside `defer! { .. }`, where it stops the panic in flight",
            );
        }
        Expr::Verbatim(quote!(::defer_core::__private::Option::None))
    }

    fn exit_return(&mut self, ret: &mut ExprReturn) -> Option<Expr> {
        if let Some(value) = &mut ret.expr {
            self.visit_expr_mut(value);
        }
        let rewritten = exit::rewrite_return(ret, self.frame, self.mode, self.errors);
        self.edits += usize::from(rewritten.is_some());
        rewritten
    }

    fn exit_try(&mut self, expr: &mut ExprTry) -> Option<Expr> {
        self.visit_expr_mut(&mut expr.expr);
        let rewritten = exit::rewrite_try(expr, self.frame, self.mode, self.errors);
        self.edits += usize::from(rewritten.is_some());
        rewritten
    }

    /// Other macros: where their input parses as comma-separated
    /// expressions (`println!`, `format!`, `vec!`, `assert!`...), walk it so
    /// that a `?` inside still leaves the function.
    fn other_macro(&mut self, mac: &mut Macro) {
        if self.mode != Mode::Rewrite && !self.frame.deferred {
            return;
        }
        let Some(mut exprs) = expr_args(mac) else {
            return;
        };
        let before = self.edits;
        for expr in &mut exprs {
            self.visit_expr_mut(expr);
        }
        if self.edits != before {
            mac.tokens = quote!(#exprs);
        }
    }

    /// Input: `|args| body` (or `|args| -> R { .. }`) holding `defer!`s.
    /// Output: `|args| { <body lowered as a frame of its own> }`: its
    /// `defer!`s run when a call of it returns, and its `return` and `?`
    /// leave that call, as in a nested function.
    fn closure_frame(&mut self, closure: &mut syn::ExprClosure) {
        let ret = closure_ret(&closure.output, closure.inputs_end.span);
        let mut frame = Frame::closure(self.frame, ret);
        // An async closure's body is a future, as an `async fn`'s.
        frame.is_async = closure.asyncness.is_some();
        // An inferred return type may borrow.
        frame.value_may_borrow = match &closure.output {
            syn::ReturnType::Default => true,
            output => crate::repoint::value_may_borrow(output),
        };
        let body = std::mem::replace(&mut *closure.body, Expr::Verbatim(TokenStream::new()));
        let stmts = match body {
            Expr::Block(block) if block.attrs.is_empty() && block.label.is_none() => {
                block.block.stmts
            }
            body => vec![Stmt::Expr(body, None)],
        };
        let lowered = (self.lower.body)(stmts, &mut frame, self.errors);
        self.frame.as_written |= frame.as_written;
        *closure.body = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: syn::Block {
                brace_token: syn::token::Brace::default(),
                stmts: vec![Stmt::Expr(Expr::Verbatim(lowered), None)],
            },
        });
    }

    fn in_loop_body(&mut self, visit: impl FnOnce(&mut Self)) {
        self.loops += 1;
        visit(self);
        self.loops -= 1;
    }

    fn in_scope(&mut self, visit: impl FnOnce(&mut Self)) {
        self.scopes.push();
        visit(self);
        self.scopes.pop();
    }

    /// `x = ..` after a `defer!` that took the dying local `x` by value
    /// would not change what the deferred code sees.
    fn check_assignment(&mut self, place: &Expr) {
        let Expr::Path(path) = place else {
            return;
        };
        let Some(ident) = path.path.get_ident() else {
            return;
        };
        if self.scopes.taken(ident).is_some() {
            let message = format!(
                "`{ident}` was taken by value by a `defer!` above: it dies before the function exits, so the deferred code holds its own copy, and this assignment does not change what that code sees; assign `{ident}` before the `defer!`"
            );
            self.error(ident.span(), &message);
        }
    }

    /// Async blocks and closures: futures, which are not frames (yet).
    /// An error at each `defer!` and `recover!()` in `body`; `message`
    /// gets `"defer!"` or `"recover!()"`.
    fn forbid(&mut self, body: &Expr, message: impl Fn(&str) -> String) {
        let mut finder = Misuse::default();
        finder.visit_expr(body);
        for (span, is_defer) in finder.found {
            let message = message(if is_defer { "defer!" } else { "recover!()" });
            self.error(span, &message);
        }
    }
}

impl Walk for Rewriter<'_> {
    fn frame(&mut self) -> &mut Frame {
        self.frame
    }

    fn dies(&self, ident: &Ident) -> bool {
        self.scopes.dies(ident)
    }

    fn take_local(&mut self, ident: &Ident, at: Span) {
        self.scopes.take(ident, at);
    }

    fn errors(&mut self) -> &mut Vec<syn::Error> {
        self.errors
    }

    fn walk_early(&mut self, expr: &mut Expr) {
        self.in_defer_args = true;
        self.visit_expr_mut(expr);
        self.in_defer_args = false;
    }

    fn walk_closure_callee(&mut self, body: &mut Expr) {
        let mut frame = Frame::closure_callee(self.frame);
        let mut inner = Rewriter::new(&mut frame, self.errors, Mode::Outside, self.lower);
        inner.visit_expr_mut(body);
        self.frame.recovers |= frame.owner_recovers;
    }

    fn lower_deferred(&mut self, stmts: Vec<Stmt>, runs: Runs) -> TokenStream {
        (self.lower.deferred)(stmts, self.frame, runs, self.errors)
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if let Stmt::Macro(mac) = stmt {
            if is_defer(&mac.mac.path) {
                let code = self.nested_defer(&mac.mac);
                *stmt = Stmt::Expr(Expr::Verbatim(code), None);
                return;
            }
            if is_recover(&mac.mac.path) {
                let semi = mac.semi_token;
                *stmt = Stmt::Expr(self.recover(&mac.mac), semi);
                return;
            }
        }
        let question_statement = matches!(stmt, Stmt::Expr(Expr::Try(_), Some(_)));
        visit_mut::visit_stmt_mut(self, stmt);
        if let (true, Stmt::Expr(expr @ Expr::Verbatim(_), Some(_))) = (question_statement, stmt) {
            // `e?;` became a `match`: followed by the user's `;`, clippy's
            // `unnecessary_semicolon` would ask to remove it (and removing
            // it breaks the build). A block is not a `match` to clippy.
            *expr = Expr::Verbatim(quote!({ #expr }));
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let replacement = match expr {
            Expr::Macro(mac) if is_defer(&mac.mac.path) => {
                Some(Expr::Verbatim(self.nested_defer(&mac.mac)))
            }
            Expr::Macro(mac) if is_recover(&mac.mac.path) => Some(self.recover(&mac.mac)),
            Expr::Return(ret) => self.exit_return(ret),
            Expr::Try(try_expr) => self.exit_try(try_expr),
            Expr::Assign(assign) => {
                self.check_assignment(&assign.left);
                visit_mut::visit_expr_assign_mut(self, assign);
                None
            }
            Expr::Binary(binary) if crate::take::is_compound_assign(binary.op) => {
                self.check_assignment(&binary.left);
                visit_mut::visit_expr_binary_mut(self, binary);
                None
            }
            // Closures, async blocks and loops: their methods below.
            _ => {
                visit_mut::visit_expr_mut(self, expr);
                None
            }
        };
        if let Some(replacement) = replacement {
            *expr = replacement;
        }
    }

    fn visit_expr_closure_mut(&mut self, closure: &mut syn::ExprClosure) {
        if !holds_defer(&closure.body) {
            // Its `return`s and `?`s are its own, and it has no `defer!`.
            return;
        }
        if written_by_another_macro(closure) {
            self.forbid(&closure.body, |mac| {
                format!("`#[with_defer]` sees this `{mac}` in a closure that another attribute macro on the function made of its body: put `#[with_defer]` above that attribute, so that it runs first")
            });
        } else {
            self.edits += 1;
            self.closure_frame(closure);
        }
    }

    /// An async block holding `defer!`s is a frame of its own, as a
    /// closure is: they run when its future completes.
    fn visit_expr_async_mut(&mut self, block: &mut syn::ExprAsync) {
        let body = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: block.block.clone(),
        });
        if !holds_defer(&body) {
            // Its `return`s and `?`s are its own, and it has no `defer!`.
            return;
        }
        if written_by_another_macro_async(block) {
            self.forbid(&body, |mac| {
                format!("`#[with_defer]` sees this `{mac}` in an async block that another attribute macro on the function made of its body (as `#[tokio::main]` and `#[tokio::test]` do): put `#[with_defer]` above that attribute, so that it runs first")
            });
            return;
        }
        self.edits += 1;
        let infer = Type::Infer(syn::TypeInfer {
            attrs: Vec::new(),
            underscore_token: syn::Token![_](block.async_token.span),
        });
        let mut frame = Frame::closure(self.frame, Ret::Value(Box::new(infer)));
        frame.is_async = true;
        frame.value_may_borrow = true;
        let stmts = std::mem::take(&mut block.block.stmts);
        let lowered = (self.lower.body)(stmts, &mut frame, self.errors);
        self.frame.as_written |= frame.as_written;
        block.block.stmts = vec![Stmt::Expr(Expr::Verbatim(lowered), None)];
    }

    fn visit_expr_for_loop_mut(&mut self, for_loop: &mut syn::ExprForLoop) {
        self.visit_expr_mut(&mut for_loop.expr);
        self.in_loop_body(|this| {
            this.in_scope(|this| {
                this.scopes.bind(&for_loop.pat);
                this.visit_block_mut(&mut for_loop.body);
            });
        });
    }

    fn visit_expr_while_mut(&mut self, expr: &mut syn::ExprWhile) {
        self.in_loop_body(|this| {
            this.in_scope(|this| {
                this.visit_expr_mut(&mut expr.cond);
                this.visit_block_mut(&mut expr.body);
            });
        });
    }

    // The bindings of an `if let`'s patterns are in scope in its first
    // block only.
    fn visit_expr_if_mut(&mut self, expr: &mut syn::ExprIf) {
        self.in_scope(|this| {
            this.visit_expr_mut(&mut expr.cond);
            this.visit_block_mut(&mut expr.then_branch);
        });
        if let Some((_, other)) = &mut expr.else_branch {
            self.visit_expr_mut(other);
        }
    }

    fn visit_expr_let_mut(&mut self, expr: &mut syn::ExprLet) {
        self.visit_expr_mut(&mut expr.expr);
        self.scopes.bind(&expr.pat);
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        self.in_scope(|this| {
            this.scopes.bind(&arm.pat);
            if let syn::Pat::Guard(guarded) = &mut arm.pat {
                this.visit_expr_mut(&mut guarded.guard);
            }
            this.visit_expr_mut(&mut arm.body);
        });
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.in_scope(|this| visit_mut::visit_block_mut(this, block));
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        if let Some(init) = &mut local.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
        self.scopes.bind(&local.pat);
    }

    fn visit_expr_loop_mut(&mut self, expr: &mut syn::ExprLoop) {
        self.in_loop_body(|this| visit_mut::visit_expr_loop_mut(this, expr));
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        self.other_macro(mac);
    }

    fn visit_item_mut(&mut self, _: &mut Item) {
        // Do not recurse into nested items: a nested `fn` is a function of
        // its own, expanded by its own `#[with_defer]` if it has one.
    }
}

/// What a closure's frame returns: its written type, or `_` for rustc to
/// infer as it would without the attribute.
fn closure_ret(output: &syn::ReturnType, span: Span) -> Ret {
    match output {
        syn::ReturnType::Default => Ret::Value(Box::new(Type::Infer(syn::TypeInfer {
            attrs: Vec::new(),
            underscore_token: syn::Token![_](span),
        }))),
        syn::ReturnType::Type(_, ty) => match &**ty {
            Type::Tuple(tuple) if tuple.elems.is_empty() => Ret::Unit,
            Type::Never(_) => Ret::Never,
            _ => Ret::Value(ty.clone()),
        },
    }
}

/// Finds `defer!`/`recover!` where they cannot be: inside a closure or an
/// async block (nested items are skipped: they have their own attribute).
#[derive(Default)]
struct Misuse {
    found: Vec<(Span, bool)>,
}

impl Visit<'_> for Misuse {
    fn visit_macro(&mut self, mac: &Macro) {
        if is_defer(&mac.path) {
            self.found.push((mac.path.span(), true));
        } else if is_recover(&mac.path) {
            self.found.push((mac.path.span(), false));
        }
    }

    fn visit_item(&mut self, _: &Item) {}
}

/// An async block whose `async` is not in the source: another attribute
/// macro on the function (`#[tokio::main]`) made it of the body.
fn written_by_another_macro_async(block: &syn::ExprAsync) -> bool {
    block
        .async_token
        .span
        .source_text()
        .is_some_and(|text| text != "async")
}

/// A closure whose `|` is not in the source: another attribute macro on the
/// function (`#[no_panic]` wraps the body in one) ran first and made it, at
/// its own attribute. Unknown outside a real compilation: then `false`.
fn written_by_another_macro(closure: &syn::ExprClosure) -> bool {
    closure
        .inputs_begin
        .span
        .source_text()
        .is_some_and(|text| !text.starts_with('|'))
}
