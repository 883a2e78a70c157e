//! Code as written without its `defer!`s and `recover!()`s: what the
//! attribute prints after a mistake, so that one mistake does not cascade
//! into the stub macros' errors.

use crate::form::{is_defer, is_recover};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Stmt};

/// Replaces each `defer!` by `{}` and each `recover!()` by `None`, nested
/// items left alone.
pub struct StripDefers;

impl VisitMut for StripDefers {
    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if let Stmt::Macro(mac) = stmt {
            if is_defer(&mac.mac.path) || is_recover(&mac.mac.path) {
                *stmt = Stmt::Expr(Expr::Verbatim(quote!({})), None);
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Macro(mac) = expr {
            if is_defer(&mac.mac.path) {
                *expr = Expr::Verbatim(quote!({}));
                return;
            }
            if is_recover(&mac.mac.path) {
                *expr = Expr::Verbatim(quote!(
                    ::defer_core::__private::Option::None::<::defer_core::__private::Payload>
                ));
                return;
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_item_mut(&mut self, _: &mut Item) {}
}
