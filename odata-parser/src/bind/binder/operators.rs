//! Binding operators and canonical functions: comparisons with numeric promotion, Date and
//! DateTimeOffset, enums as strings; arithmetic on numbers, dates and durations; `has`; the
//! canonical function signatures.

use super::Binder;
use super::expr::{Bound, Scope};
use super::functions;
use crate::ast::{BinaryOp, CanonicalCall, Expr, ExprKind, Literal};
use crate::bind::diagnostics::{Code, Diagnostic};
use crate::bind::types::{ExprType, Type, primitives_comparable};
use crate::edm::{EnumTypeId, PrimitiveType as P};
use crate::span::{Span, Spanned};

impl<'a, 'v, 'm> Binder<'a, 'v, 'm> {
    // ---- operators ----

    /// Binds a binary expression `e` (spanning `span` in the URL). The operators are
    /// left-associative, so `a or b or c …` is a tree as deep as the chain is long: its
    /// left spine is walked iteratively, so that a long chain neither recurses nor counts
    /// as nesting; right operands (parenthesized or of higher precedence) nest as usual.
    pub(crate) fn binary_chain(
        &mut self,
        e: &Expr<'_>,
        span: Span,
        scope: &mut Scope<'a, 'm, '_>,
    ) -> Bound {
        if let ExprKind::Binary { op, operands } = &e.kind
            && !matches!(operands.0.kind, ExprKind::Binary { .. })
        {
            // No chain (the common case): no spine to collect.
            let left = self.expr(&operands.0, scope);
            return self.binary(*op, &operands.0, left, &operands.1, span, scope);
        }
        // The spine from `e` down to the first operand that is not a binary expression.
        let mut spine = Vec::new();
        let mut leftmost = e;
        while let ExprKind::Binary { op, operands } = &leftmost.kind {
            spine.push((*op, &operands.0, &operands.1, leftmost));
            leftmost = &operands.0;
        }
        let mut left = self.expr(leftmost, scope);
        for (op, l, r, node) in spine.into_iter().rev() {
            let node_span = if std::ptr::eq(node, e) {
                span
            } else {
                scope.map.url(node.span())
            };
            left = self.binary(op, l, left, r, node_span, scope);
            if !std::ptr::eq(node, e) {
                // `expr` records the type of `e` itself.
                self.record(node_span, left.ty);
            }
        }
        left
    }

    /// Binds `l op r` given the bound left operand.
    fn binary(
        &mut self,
        op: BinaryOp,
        l: &Expr<'_>,
        mut left: Bound,
        r: &Expr<'_>,
        span: Span,
        scope: &mut Scope<'a, 'm, '_>,
    ) -> Bound {
        let right = self.expr(r, scope);
        // The left path moves into the fact: nothing below reads it.
        self.call_fact(scope, op.keyword(), span, left.path.take());
        let (lt, rt) = (left.ty, right.ty);
        match op {
            BinaryOp::And | BinaryOp::Or => {
                for (x, t) in [(l, lt), (r, rt)] {
                    if !(t.ty.is_lenient() || t == ExprType::BOOLEAN) {
                        let d = Diagnostic::error(
                            Code::TYPE_MISMATCH,
                            scope.map.url(x.span()),
                            format!(
                                "'{}' combines Boolean expressions, found {}",
                                op.keyword(),
                                t.display(self.model)
                            ),
                        );
                        self.report(d, op.keyword());
                    }
                }
                Bound::of(ExprType::BOOLEAN)
            }
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::Lt
            | BinaryOp::Le => {
                self.compare(op, (l, &left), (r, &right), span, scope);
                Bound::of(ExprType::BOOLEAN)
            }
            BinaryOp::Has => {
                match lt.ty {
                    Type::Enum(id) if !lt.collection => {
                        if !self.model.enum_type(id).is_flags {
                            self.report(
                                Diagnostic::warning(
                                    Code::HAS_NOT_FLAGS,
                                    span,
                                    format!("'{}' is not a flags enumeration; 'has' works like 'eq' here", self.model.enum_type(id).name),
                                )
                                .with_help("use eq for enumerations that are not flags"),
                                "has",
                            );
                        }
                        self.enum_operand(id, r, rt, scope);
                    }
                    _ if lt.ty.is_lenient() => {}
                    _ => {
                        self.report(
                            Diagnostic::error(
                                Code::TYPE_MISMATCH,
                                span,
                                format!(
                                    "'has' tests an enumeration value, found {}",
                                    lt.display(self.model)
                                ),
                            ),
                            "has",
                        );
                    }
                }
                Bound::of(ExprType::BOOLEAN)
            }
            BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::DivBy
            | BinaryOp::Mod => Bound::of(self.arithmetic(op, lt, rt, span)),
        }
    }

    fn arithmetic(&mut self, op: BinaryOp, lt: ExprType, rt: ExprType, span: Span) -> ExprType {
        if lt.ty.is_lenient() || rt.ty.is_lenient() {
            return if lt.ty.is_lenient() { rt } else { lt };
        }
        let (a, b) = match (lt.ty.primitive(), rt.ty.primitive()) {
            (Some(a), Some(b)) if !lt.collection && !rt.collection => (a, b),
            _ => (P::Stream, P::Stream),
        };
        use crate::bind::types::{is_numeric, promote};
        let result = if is_numeric(a) && is_numeric(b) {
            Some(if op == BinaryOp::DivBy {
                P::Decimal
            } else {
                promote(a, b)
            })
        } else {
            match (op, a, b) {
                (BinaryOp::Add | BinaryOp::Sub, P::DateTimeOffset, P::Duration) => {
                    Some(P::DateTimeOffset)
                }
                (BinaryOp::Add | BinaryOp::Sub, P::Date, P::Duration) => Some(P::Date),
                (BinaryOp::Add | BinaryOp::Sub, P::Duration, P::Duration) => Some(P::Duration),
                (BinaryOp::Add, P::Duration, P::DateTimeOffset) => Some(P::DateTimeOffset),
                (BinaryOp::Sub, P::DateTimeOffset, P::DateTimeOffset)
                | (BinaryOp::Sub, P::Date, P::Date) => Some(P::Duration),
                (BinaryOp::Mul | BinaryOp::Div, P::Duration, n) if is_numeric(n) => {
                    Some(P::Duration)
                }
                _ => None,
            }
        };
        match result {
            Some(p) => ExprType::primitive(p),
            None => {
                self.report(
                    Diagnostic::error(
                        Code::TYPE_MISMATCH,
                        span,
                        format!(
                            "'{}' cannot combine {} and {}",
                            op.keyword(),
                            lt.display(self.model),
                            rt.display(self.model)
                        ),
                    ),
                    op.keyword(),
                );
                ExprType::UNKNOWN
            }
        }
    }

    /// The right side of a comparison or `has` with an enumeration: an enum literal of the
    /// same type, a string naming a member, an integer, or null.
    pub(crate) fn enum_operand(
        &mut self,
        id: EnumTypeId,
        r: &Expr<'_>,
        rt: ExprType,
        scope: &Scope<'a, 'm, '_>,
    ) -> bool {
        let span = scope.map.url(r.span());
        match &r.kind {
            ExprKind::Literal(Literal::String(s)) => {
                // The service accepts a member name as a string ('High').
                self.record(span, ExprType::single(Type::Enum(id)));
                for m in s.split(',') {
                    self.check_member(id, m, span);
                }
                true
            }
            ExprKind::Literal(Literal::Enum(e)) if e.ty.is_none() => {
                for m in &e.members {
                    self.check_member(id, m, span);
                }
                true
            }
            ExprKind::Literal(Literal::Integer(_) | Literal::Null) => true,
            _ => rt.ty.is_lenient() || (rt.ty == Type::Enum(id) && !rt.collection),
        }
    }

    /// Checks that two operands can be compared with `op`; reports a type error when not.
    pub(crate) fn compare(
        &mut self,
        op: BinaryOp,
        (l, left): (&Expr<'_>, &Bound),
        (r, right): (&Expr<'_>, &Bound),
        span: Span,
        scope: &Scope<'a, 'm, '_>,
    ) {
        let (lt, rt) = (left.ty, right.ty);
        if lt.ty == Type::Unknown || rt.ty == Type::Unknown {
            return;
        }
        let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
        let ok = if lt.collection || rt.collection {
            false
        } else if lt.ty == Type::Null || rt.ty == Type::Null {
            true
        } else {
            match (lt.ty, rt.ty) {
                (Type::Enum(id), _) => self.enum_operand(id, r, rt, scope),
                (_, Type::Enum(id)) => self.enum_operand(id, l, lt, scope),
                (Type::Primitive(a), Type::Primitive(b)) => primitives_comparable(a, b, ordered),
                (Type::Entity(a), Type::Entity(b)) => {
                    !ordered
                        && (self.model.is_same_or_derived(a.into(), b.into())
                            || self.model.is_same_or_derived(b.into(), a.into()))
                }
                _ => false,
            }
        };
        if ok {
            return;
        }
        let verb = if ordered { "order" } else { "compare" };
        let mut d = Diagnostic::error(
            Code::TYPE_MISMATCH,
            span,
            format!(
                "cannot {verb} {} with {}",
                lt.display(self.model),
                rt.display(self.model)
            ),
        );
        d.help = comparison_help(l, lt, r, rt);
        self.report(d, op.keyword());
    }

    // ---- canonical functions ----

    pub(crate) fn call(
        &mut self,
        c: &CanonicalCall<'_>,
        span: Span,
        scope: &mut Scope<'a, 'm, '_>,
    ) -> Bound {
        let (params, _) = functions::signature(c.function);
        let mut types = Vec::with_capacity(c.args.len());
        let mut first_path = None;
        for (n, a) in c.args.iter().enumerate() {
            let mut b = self.expr(a, scope);
            if n == 0 {
                first_path = b.path.take();
            }
            if let Some(param) = params.get(n)
                && !param.accepts(b.ty)
            {
                let d = Diagnostic::error(
                    Code::ARGUMENT_TYPE,
                    scope.map.url(a.span()),
                    format!(
                        "argument {} of '{}' must be {}, found {}",
                        n + 1,
                        c.function.name(),
                        param.describe(),
                        b.ty.display(self.model)
                    ),
                );
                self.report(d, c.function.name());
            }
            types.push(b.ty);
        }
        let name = c.function.name();
        let len = u32::try_from(name.len()).unwrap_or(0);
        let name_span = Span::new(span.start, span.start.saturating_add(len).min(span.end));
        self.call_fact(scope, name, name_span, first_path);
        Bound::of(functions::return_type(c.function, &types))
    }
}

/// A hint for common comparison mistakes: quoted Booleans, numbers and dates.
fn comparison_help(l: &Expr<'_>, lt: ExprType, r: &Expr<'_>, rt: ExprType) -> Option<String> {
    let quoted = |e: &Expr<'_>| match &e.kind {
        ExprKind::Literal(Literal::String(s)) => Some(s.to_string()),
        _ => None,
    };
    for (t, other) in [(lt, r), (rt, l)] {
        if t.collection {
            return Some("test the items with any() or all()".to_owned());
        }
        let Some(s) = quoted(other) else { continue };
        match t.ty {
            Type::Primitive(P::Boolean)
                if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
            {
                return Some(format!(
                    "write the Boolean without quotes: {}",
                    s.to_ascii_lowercase()
                ));
            }
            Type::Primitive(p) if crate::bind::types::is_numeric(p) && s.parse::<f64>().is_ok() => {
                return Some(format!("write the number without quotes: {s}"));
            }
            Type::Primitive(P::Date | P::DateTimeOffset) => {
                return Some(format!("write the date without quotes: {s}"));
            }
            _ => {}
        }
    }
    None
}
