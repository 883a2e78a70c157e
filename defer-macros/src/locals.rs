//! Locals that die before the function exits.
//!
//! A stored `defer!` (nested in a block, branch, arm or loop of a top-level
//! statement) is a closure kept until exit. It may borrow the locals
//! declared before that top-level statement, which live until exit, but a
//! borrow of one declared inside the statement (a `let` in the loop body,
//! the pattern of a `for`, `if let`, `while let` or `match` arm) could
//! never last that long. So deferred code takes those by value: they are
//! moved (or copied) into the stored closure at the `defer!` statement,
//! and handed to its code as parameters of the same names.
//!
//! Input: the walk's scopes (the bindings in scope that the statement
//! introduced) and a `defer!`'s code.
//! Output: the names its code uses that are such bindings.

use crate::form::is_recover;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Item, Macro, Pat};

/// The bindings introduced inside the top-level statement being walked,
/// innermost scope last.
#[derive(Default)]
pub struct Scopes {
    stack: Vec<Vec<Binding>>,
}

struct Binding {
    ident: Ident,
    /// Where a `defer!` took it by value.
    taken: Option<Span>,
}

impl Scopes {
    pub fn push(&mut self) {
        self.stack.push(Vec::new());
    }

    pub fn pop(&mut self) {
        self.stack.pop();
    }

    /// The bindings of `pat`, in scope from now on in the current scope.
    pub fn bind(&mut self, pat: &Pat) {
        let bindings = pattern_bindings(pat);
        if self.stack.is_empty() {
            // A top-level `let`: it lives until exit.
            return;
        }
        if let Some(scope) = self.stack.last_mut() {
            scope.extend(
                bindings
                    .into_iter()
                    .map(|ident| Binding { ident, taken: None }),
            );
        }
    }

    fn find(&self, ident: &Ident) -> Option<&Binding> {
        self.stack
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|binding| &binding.ident == ident)
    }

    /// `ident` names a binding that dies before exit.
    pub fn dies(&self, ident: &Ident) -> bool {
        self.find(ident).is_some()
    }

    /// A `defer!` at `span` took `ident` by value.
    pub fn take(&mut self, ident: &Ident, span: Span) {
        let binding = self
            .stack
            .iter_mut()
            .rev()
            .flat_map(|scope| scope.iter_mut().rev())
            .find(|binding| &binding.ident == ident);
        if let Some(binding) = binding {
            binding.taken.get_or_insert(span);
        }
    }

    /// Where a `defer!` took the binding `ident` names, if one did.
    pub fn taken(&self, ident: &Ident) -> Option<Span> {
        self.find(ident).and_then(|binding| binding.taken)
    }
}

/// The names a pattern binds. A lone identifier that starts with an
/// uppercase letter (`None`, `MAX`) is taken for a constant or a variant,
/// as rustc's naming lints do.
pub fn pattern_bindings(pat: &Pat) -> Vec<Ident> {
    struct Finder(Vec<Ident>);
    impl Visit<'_> for Finder {
        fn visit_pat_ident(&mut self, pat: &syn::PatIdent) {
            let lowercase = !pat
                .ident
                .to_string()
                .trim_start_matches("r#")
                .starts_with(|c: char| c.is_uppercase());
            if lowercase || pat.subpat.is_some() || pat.by_ref.is_some() || pat.mutability.is_some()
            {
                self.0.push(pat.ident.clone());
            }
            visit::visit_pat_ident(self, pat);
        }
        fn visit_expr(&mut self, _: &Expr) {}
    }
    let mut finder = Finder(Vec::new());
    finder.visit_pat(pat);
    finder.0
}

/// The identifiers `expr`'s code may use as locals, in order of first
/// use: one-segment paths, field shorthand, and, in another macro's input,
/// every identifier and every `{name}` of a format string. A superset: the
/// caller keeps those that name a dying local.
pub fn used(exprs: &[&Expr], stmts: &[syn::Stmt]) -> Vec<Ident> {
    let mut finder = Used(Vec::new());
    for expr in exprs {
        finder.visit_expr(expr);
    }
    for stmt in stmts {
        finder.visit_stmt(stmt);
    }
    finder.0
}

struct Used(Vec<Ident>);

impl Used {
    fn add(&mut self, ident: &Ident) {
        if !self.0.contains(ident) {
            self.0.push(ident.clone());
        }
    }

    fn tokens(&mut self, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Ident(ident) => self.add(&ident),
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Literal(literal) => self.format_captures(&literal),
                TokenTree::Punct(_) => {}
            }
        }
    }

    /// `{name}` and `{name:..}` in a string literal: what `format!` and its
    /// kin capture from the scope.
    fn format_captures(&mut self, literal: &proc_macro2::Literal) {
        let Ok(syn::Lit::Str(text)) = syn::parse_str::<syn::Lit>(&literal.to_string()) else {
            return;
        };
        let text = text.value();
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if rest.starts_with('{') {
                rest = &rest[1..];
                continue;
            }
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if let Ok(ident) = syn::parse_str::<Ident>(&rest[..end]) {
                self.add(&Ident::new(&ident.to_string(), literal.span()));
            }
        }
    }
}

impl Visit<'_> for Used {
    fn visit_expr_path(&mut self, path: &syn::ExprPath) {
        if let (None, Some(ident)) = (&path.qself, path.path.get_ident()) {
            self.add(ident);
        }
        visit::visit_expr_path(self, path);
    }

    fn visit_field_value(&mut self, field: &syn::FieldValue) {
        if let (syn::Member::Named(name), None) = (&field.member, &field.colon_token) {
            self.add(name);
        }
        visit::visit_field_value(self, field);
    }

    fn visit_macro(&mut self, mac: &Macro) {
        // A nested `defer!`'s code is this code's too: what it uses is
        // stored with it.
        if !is_recover(&mac.path) {
            self.tokens(mac.tokens.clone());
        }
    }

    fn visit_item(&mut self, _: &Item) {}
}
