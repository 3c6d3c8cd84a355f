//! Printing expressions (ABNF section 4: `commonExpr` with the fewest parentheses
//! the precedence needs), literals, names, member paths and key predicates.

use std::fmt;

use super::{Chain, Print, Printer, list, nested_options, print_chain, wrapped};
use crate::query::ast::*;

/// Binding strength of an expression for the printer; higher binds tighter.
fn precedence(e: &Expr<'_>) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => op.precedence(),
        ExprKind::In { .. } => 3,
        ExprKind::Unary { .. } => 6,
        _ => 7,
    }
}

impl Print for Expr<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(l) => l.print(p),
            ExprKind::Array(items) => {
                p.ch('[')?;
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    print_json_value(p, item)?;
                }
                p.ch(']')
            }
            ExprKind::Object(members) => {
                p.ch('{')?;
                for (n, (name, value)) in members.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    print_json_string(p, name)?;
                    p.ch(':')?;
                    print_json_value(p, value)?;
                }
                p.ch('}')
            }
            ExprKind::Path(path) => path.print(p),
            ExprKind::Call(call) => {
                p.syntax(call.function.name())?;
                p.ch('(')?;
                list(p, &call.args, ",")?;
                p.ch(')')
            }
            ExprKind::Case(arms) => {
                p.syntax("case(")?;
                for (n, arm) in arms.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    arm.condition.print(p)?;
                    p.ch(':')?;
                    arm.value.print(p)?;
                }
                p.ch(')')
            }
            ExprKind::IsOf { expr, ty } | ExprKind::Cast { expr, ty } => {
                p.syntax(if matches!(self.kind, ExprKind::IsOf { .. }) {
                    "isof("
                } else {
                    "cast("
                })?;
                if let Some(e) = expr {
                    e.print(p)?;
                    p.ch(',')?;
                }
                ty.print(p)?;
                p.ch(')')
            }
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => {
                p.syntax("not ")?;
                wrapped(p, &**operand, precedence(operand) < 6)
            }
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => {
                p.ch('-')?;
                // `-1` would read back as a negative literal, `-2020-01-01` as a date.
                let literal = matches!(
                    &operand.kind,
                    ExprKind::Literal(
                        Literal::Integer(_)
                            | Literal::Decimal(_)
                            | Literal::Double(_)
                            | Literal::Date(_)
                            | Literal::DateTimeOffset(_)
                            | Literal::TimeOfDay(_)
                            | Literal::Guid(_)
                    )
                );
                wrapped(p, &**operand, literal || precedence(operand) < 6)
            }
            ExprKind::Binary { .. } | ExprKind::In { .. } => print_chain(self, p),
        }
    }
}

/// The left operand of a binary operator or `in`, and the operator's precedence.
fn left_of<'e, 'a>(e: &'e Expr<'a>) -> Option<(&'e Expr<'a>, u8)> {
    match &e.kind {
        ExprKind::Binary { op, operands } => Some((&operands.0, op.precedence())),
        ExprKind::In { operand, .. } => Some((operand, 3)),
        _ => None,
    }
}

impl Chain for Expr<'_> {
    fn precedence(&self) -> u8 {
        precedence(self)
    }

    fn left(&self) -> Option<(&Self, u8)> {
        left_of(self)
    }

    fn print_right(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Binary { op, operands } => {
                p.ch(' ')?;
                p.syntax(op.keyword())?;
                p.ch(' ')?;
                wrapped(p, &operands.1, precedence(&operands.1) <= op.precedence())
            }
            ExprKind::In { list: items, .. } => {
                p.syntax(" in ")?;
                match items {
                    InList::List(items) => {
                        p.ch('(')?;
                        list(p, items, ",")?;
                        p.ch(')')
                    }
                    InList::Expr(e) => wrapped(p, &**e, precedence(e) <= 3),
                }
            }
            _ => Ok(()),
        }
    }
}

/// A value inside a JSON array or object: strings are JSON strings there.
fn print_json_value(p: &mut Printer<'_>, e: &Expr<'_>) -> fmt::Result {
    match &e.kind {
        ExprKind::Literal(Literal::String(s)) => print_json_string(p, s),
        _ => e.print(p),
    }
}

fn print_json_string(p: &mut Printer<'_>, s: &str) -> fmt::Result {
    p.ch('"')?;
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let esc = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            c if c.is_control() => None,
            _ => continue,
        };
        p.text(&s[last..i])?;
        match esc {
            Some(e) => p.syntax(e)?,
            None => p.syntax(&format!("\\u{:04x}", c as u32))?,
        }
        last = i + c.len_utf8();
    }
    p.text(&s[last..])?;
    p.ch('"')
}

impl Print for Literal<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match self {
            Literal::Null => p.syntax("null"),
            Literal::Boolean(true) => p.syntax("true"),
            Literal::Boolean(false) => p.syntax("false"),
            Literal::Integer(n) => p.syntax(&n.to_string()),
            Literal::Decimal(s)
            | Literal::Double(s)
            | Literal::Guid(s)
            | Literal::Date(s)
            | Literal::DateTimeOffset(s)
            | Literal::TimeOfDay(s) => p.syntax(s),
            Literal::String(s) => {
                p.ch('\'')?;
                let mut rest: &str = s;
                while let Some(n) = rest.find('\'') {
                    p.text(&rest[..n])?;
                    p.syntax("''")?;
                    rest = &rest[n + 1..];
                }
                p.text(rest)?;
                p.ch('\'')
            }
            Literal::Duration(s) => {
                p.syntax("duration'")?;
                p.syntax(s)?;
                p.ch('\'')
            }
            Literal::Binary(s) => {
                p.syntax("binary'")?;
                p.syntax(s)?;
                p.ch('\'')
            }
            Literal::Enum(e) => {
                if let Some(ty) = &e.ty {
                    ty.print(p)?;
                }
                p.ch('\'')?;
                for (n, m) in e.members.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    p.syntax(m)?;
                }
                p.ch('\'')
            }
            Literal::Geo(g) => {
                p.syntax(match g.kind {
                    GeoKind::Geography => "geography'",
                    GeoKind::Geometry => "geometry'",
                })?;
                p.syntax(&g.text)?;
                p.ch('\'')
            }
        }
    }
}

impl Print for QualifiedName<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.syntax(&self.text)
    }
}

impl Print for TypeName<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        if self.collection {
            p.syntax("Collection(")?;
            self.name.print(p)?;
            p.ch(')')
        } else {
            self.name.print(p)
        }
    }
}

impl Print for MemberPath<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        let rooted = match &self.root {
            PathRoot::Implicit => false,
            PathRoot::It => p.syntax("$it").map(|()| true)?,
            PathRoot::This => p.syntax("$this").map(|()| true)?,
            PathRoot::Root => p.syntax("$root").map(|()| true)?,
            PathRoot::Alias(a) => {
                p.ch('@')?;
                p.syntax(a).map(|()| true)?
            }
        };
        for (n, seg) in self.segments.iter().enumerate() {
            if (n > 0 || rooted) && !matches!(seg.kind, PathSegmentKind::Key(_)) {
                p.ch('/')?;
            }
            seg.print(p)?;
        }
        Ok(())
    }
}

impl Print for PathSegment<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            PathSegmentKind::Member { name, key } => {
                p.syntax(name)?;
                match key {
                    Some(k) => k.print(p),
                    None => Ok(()),
                }
            }
            PathSegmentKind::TypeCast(q) => q.print(p),
            PathSegmentKind::Function { name, args } => {
                name.print(p)?;
                p.ch('(')?;
                list(p, args, ",")?;
                p.ch(')')
            }
            PathSegmentKind::Annotation(a) => a.print(p),
            PathSegmentKind::Count(options) => {
                p.syntax("$count")?;
                nested_options(p, options)
            }
            PathSegmentKind::Filter(e) => {
                p.syntax("$filter(")?;
                e.print(p)?;
                p.ch(')')
            }
            PathSegmentKind::Any(lambda) => {
                p.syntax("any(")?;
                if let Some(l) = lambda {
                    l.print(p)?;
                }
                p.ch(')')
            }
            PathSegmentKind::All(l) => {
                p.syntax("all(")?;
                l.print(p)?;
                p.ch(')')
            }
            PathSegmentKind::Key(k) => k.print(p),
        }
    }
}

impl Print for Lambda<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.syntax(&self.variable)?;
        p.ch(':')?;
        self.predicate.print(p)
    }
}

impl Print for AnnotationName<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.ch('@')?;
        self.term.print(p)?;
        if let Some(q) = &self.qualifier {
            p.ch('#')?;
            p.syntax(q)?;
        }
        Ok(())
    }
}

impl Print for NamedArg<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.syntax(&self.name)?;
        p.ch('=')?;
        self.value.print(p)
    }
}

impl Print for KeyPredicate<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.ch('(')?;
        match &self.values {
            KeyValues::Single(e) => e.print(p)?,
            KeyValues::Named(pairs) => list(p, pairs, ",")?,
        }
        p.ch(')')
    }
}
