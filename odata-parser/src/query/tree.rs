//! A compact, one-line view of a syntax tree with spans, for snapshots and the CLI.
//!
//! `Tree(&expr)` prints an S-expression: operators and node kinds in parentheses,
//! each node followed by `@start..end`, e.g.
//! `(eq@0..9 (path@0..4 Name) (int@8..9 1))`.

use std::fmt::{self, Display, Formatter};

use super::ast::*;
use super::resource::{ResourcePath, ResourceSegmentKind};

/// Displays a syntax tree as a one-line S-expression with spans.
pub struct Tree<'t, T: ?Sized>(pub &'t T);

macro_rules! tree_display {
    ($($ty:ident => $f:ident),* $(,)?) => {
        $(impl Display for Tree<'_, $ty<'_>> {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                $f(self.0, f)
            }
        }
        impl fmt::Debug for Tree<'_, $ty<'_>> {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                $f(self.0, f)
            }
        })*
    };
}

tree_display!(
    Expr => expr,
    SearchExpr => search,
    OrderbyItem => orderby_item,
    ComputeItem => compute_item,
    SelectItem => select_item,
    ExpandItem => expand_item,
    QueryOption => option,
    ResourcePath => resource,
);

macro_rules! tree_display_list {
    ($($ty:ident => $f:ident),* $(,)?) => {
        $(impl Display for Tree<'_, [$ty<'_>]> {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                seq(f, self.0, $f)
            }
        }
        impl fmt::Debug for Tree<'_, [$ty<'_>]> {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                seq(f, self.0, $f)
            }
        })*
    };
}

tree_display_list!(
    OrderbyItem => orderby_item,
    ComputeItem => compute_item,
    SelectItem => select_item,
    ExpandItem => expand_item,
    QueryOption => option,
);

fn seq<T>(
    f: &mut Formatter<'_>,
    items: &[T],
    each: fn(&T, &mut Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            f.write_str(" ")?;
        }
        each(item, f)?;
    }
    Ok(())
}

fn at(f: &mut Formatter<'_>, span: crate::span::NodeSpan) -> fmt::Result {
    write!(f, "@{}", span.0)
}

fn literal_kind(l: &Literal<'_>) -> &'static str {
    match l {
        Literal::Null => "null",
        Literal::Boolean(_) => "bool",
        Literal::Integer(_) => "int",
        Literal::Decimal(_) => "decimal",
        Literal::Double(_) => "double",
        Literal::String(_) => "string",
        Literal::Guid(_) => "guid",
        Literal::Date(_) => "date",
        Literal::DateTimeOffset(_) => "datetime",
        Literal::TimeOfDay(_) => "time",
        Literal::Duration(_) => "duration",
        Literal::Binary(_) => "binary",
        Literal::Enum(_) => "enum",
        Literal::Geo(_) => "geo",
    }
}

fn expr(e: &Expr<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &e.kind {
        ExprKind::Literal(l) => {
            write!(f, "({}", literal_kind(l))?;
            at(f, e.span)?;
            write!(f, " {l})")
        }
        ExprKind::Array(items) => {
            f.write_str("(array")?;
            at(f, e.span)?;
            for i in items {
                f.write_str(" ")?;
                expr(i, f)?;
            }
            f.write_str(")")
        }
        ExprKind::Object(members) => {
            f.write_str("(object")?;
            at(f, e.span)?;
            for (name, value) in members {
                write!(f, " ({name:?} ")?;
                expr(value, f)?;
                f.write_str(")")?;
            }
            f.write_str(")")
        }
        ExprKind::Path(p) => {
            f.write_str("(path")?;
            at(f, e.span)?;
            match &p.root {
                PathRoot::Implicit => {}
                PathRoot::It => f.write_str(" $it")?,
                PathRoot::This => f.write_str(" $this")?,
                PathRoot::Root => f.write_str(" $root")?,
                PathRoot::Alias(a) => write!(f, " @{a}")?,
            }
            for s in &p.segments {
                f.write_str(" ")?;
                segment(s, f)?;
            }
            f.write_str(")")
        }
        ExprKind::Call(c) => {
            write!(f, "({}", c.function.name())?;
            at(f, e.span)?;
            for a in &c.args {
                f.write_str(" ")?;
                expr(a, f)?;
            }
            f.write_str(")")
        }
        ExprKind::Case(arms) => {
            f.write_str("(case")?;
            at(f, e.span)?;
            for arm in arms {
                f.write_str(" (")?;
                expr(&arm.condition, f)?;
                f.write_str(" : ")?;
                expr(&arm.value, f)?;
                f.write_str(")")?;
            }
            f.write_str(")")
        }
        ExprKind::IsOf { expr: x, ty } | ExprKind::Cast { expr: x, ty } => {
            f.write_str(if matches!(e.kind, ExprKind::IsOf { .. }) {
                "(isof"
            } else {
                "(cast"
            })?;
            at(f, e.span)?;
            if let Some(x) = x {
                f.write_str(" ")?;
                expr(x, f)?;
            }
            write!(f, " {ty})")
        }
        ExprKind::Unary { op, operand } => {
            f.write_str(if *op == UnaryOp::Not { "(not" } else { "(neg" })?;
            at(f, e.span)?;
            f.write_str(" ")?;
            expr(operand, f)?;
            f.write_str(")")
        }
        ExprKind::Binary { .. } | ExprKind::In { .. } => chain(e, f),
    }
}

fn tree_left<'e, 'a>(e: &'e Expr<'a>) -> Option<&'e Expr<'a>> {
    match &e.kind {
        ExprKind::Binary { operands, .. } => Some(&operands.0),
        ExprKind::In { operand, .. } => Some(operand),
        _ => None,
    }
}

/// Operators with their left spine in a loop, so long chains need no deep stack.
fn chain(e: &Expr<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    let mut spine = vec![e];
    while let Some(left) = spine.last().and_then(|n| tree_left(n)) {
        if tree_left(left).is_none() {
            break;
        }
        spine.push(left);
    }
    for node in &spine {
        match &node.kind {
            ExprKind::Binary { op, .. } => write!(f, "({}", op.keyword())?,
            _ => f.write_str("(in")?,
        }
        at(f, node.span)?;
        f.write_str(" ")?;
    }
    if let Some(left) = spine.last().and_then(|n| tree_left(n)) {
        expr(left, f)?;
    }
    for node in spine.iter().rev() {
        match &node.kind {
            ExprKind::Binary { operands, .. } => {
                f.write_str(" ")?;
                expr(&operands.1, f)?;
            }
            ExprKind::In {
                list: InList::List(items),
                ..
            } => {
                f.write_str(" (list")?;
                for i in items {
                    f.write_str(" ")?;
                    expr(i, f)?;
                }
                f.write_str(")")?;
            }
            ExprKind::In {
                list: InList::Expr(x),
                ..
            } => {
                f.write_str(" ")?;
                expr(x, f)?;
            }
            _ => {}
        }
        f.write_str(")")?;
    }
    Ok(())
}

fn key(k: &KeyPredicate<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str("(key")?;
    at(f, k.span)?;
    match &k.values {
        KeyValues::Single(v) => {
            f.write_str(" ")?;
            expr(v, f)?;
        }
        KeyValues::Named(pairs) => {
            for p in pairs {
                write!(f, " ({}=", p.name)?;
                expr(&p.value, f)?;
                f.write_str(")")?;
            }
        }
    }
    f.write_str(")")
}

fn args(list: &[NamedArg<'_>], f: &mut Formatter<'_>) -> fmt::Result {
    for a in list {
        write!(f, " ({}=", a.name)?;
        expr(&a.value, f)?;
        f.write_str(")")?;
    }
    Ok(())
}

fn segment(s: &PathSegment<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &s.kind {
        PathSegmentKind::Member { name, key: None } => write!(f, "{name}"),
        PathSegmentKind::Member { name, key: Some(k) } => {
            write!(f, "{name}")?;
            key(k, f)
        }
        PathSegmentKind::TypeCast(q) => write!(f, "(cast {q})"),
        PathSegmentKind::Function { name, args: a } => {
            write!(f, "(fn {name}")?;
            args(a, f)?;
            f.write_str(")")
        }
        PathSegmentKind::Annotation(a) => write!(f, "{a}"),
        PathSegmentKind::Count(opts) => {
            f.write_str("($count")?;
            for o in opts {
                f.write_str(" ")?;
                option(o, f)?;
            }
            f.write_str(")")
        }
        PathSegmentKind::Filter(e) => {
            f.write_str("($filter ")?;
            expr(e, f)?;
            f.write_str(")")
        }
        PathSegmentKind::Any(None) => f.write_str("(any)"),
        PathSegmentKind::Any(Some(l)) | PathSegmentKind::All(l) => {
            let name = if matches!(s.kind, PathSegmentKind::Any(_)) {
                "any"
            } else {
                "all"
            };
            write!(f, "({name} {}", l.variable)?;
            at(f, l.variable_span)?;
            f.write_str(" ")?;
            expr(&l.predicate, f)?;
            f.write_str(")")
        }
        PathSegmentKind::Key(k) => key(k, f),
    }
}

fn search(e: &SearchExpr<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &e.kind {
        SearchExprKind::Word(w) => {
            write!(f, "{w:?}")?;
            at(f, e.span)
        }
        SearchExprKind::Phrase(p) => {
            write!(f, "(phrase {p:?})")?;
            at(f, e.span)
        }
        SearchExprKind::Not(x) => {
            f.write_str("(NOT")?;
            at(f, e.span)?;
            f.write_str(" ")?;
            search(x, f)?;
            f.write_str(")")
        }
        SearchExprKind::And(b) | SearchExprKind::Or(b) => {
            f.write_str(if matches!(e.kind, SearchExprKind::And(_)) {
                "(AND"
            } else {
                "(OR"
            })?;
            at(f, e.span)?;
            f.write_str(" ")?;
            search(&b.0, f)?;
            f.write_str(" ")?;
            search(&b.1, f)?;
            f.write_str(")")
        }
    }
}

fn orderby_item(i: &OrderbyItem<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    let dir = match i.direction {
        None => "item",
        Some(SortDirection::Asc) => "asc",
        Some(SortDirection::Desc) => "desc",
    };
    write!(f, "({dir}")?;
    at(f, i.span)?;
    f.write_str(" ")?;
    expr(&i.expr, f)?;
    f.write_str(")")
}

fn compute_item(i: &ComputeItem<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str("(as")?;
    at(f, i.span)?;
    f.write_str(" ")?;
    expr(&i.expr, f)?;
    write!(f, " {})", i.alias)
}

fn select_segment(s: &SelectSegment<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &s.kind {
        SelectSegmentKind::Name(n) => write!(f, "{n}"),
        SelectSegmentKind::Qualified(q) => write!(f, "{q}"),
        SelectSegmentKind::FunctionOverload { name, parameters } => {
            write!(f, "(fn {name} {})", parameters.join(" "))
        }
        SelectSegmentKind::Annotation(a) => write!(f, "{a}"),
        SelectSegmentKind::Star => f.write_str("*"),
    }
}

fn options_tail(opts: &[QueryOption<'_>], f: &mut Formatter<'_>) -> fmt::Result {
    for o in opts {
        f.write_str(" ")?;
        option(o, f)?;
    }
    Ok(())
}

fn select_item(i: &SelectItem<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &i.kind {
        SelectItemKind::Star => f.write_str("*")?,
        SelectItemKind::AllOperations(ns) => write!(f, "{ns}.*")?,
        SelectItemKind::Path { segments, options } => {
            f.write_str("(select")?;
            at(f, i.span)?;
            for s in segments {
                f.write_str(" ")?;
                select_segment(s, f)?;
            }
            options_tail(options, f)?;
            return f.write_str(")");
        }
    }
    at(f, i.span)
}

fn expand_item(i: &ExpandItem<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str("(expand")?;
    at(f, i.span)?;
    match &i.target {
        ExpandTarget::Star => f.write_str(" *")?,
        ExpandTarget::Value => f.write_str(" $value")?,
        ExpandTarget::Path(segments) => {
            for s in segments {
                f.write_str(" ")?;
                select_segment(s, f)?;
            }
        }
    }
    match i.suffix {
        ExpandSuffix::None => {}
        ExpandSuffix::Ref => f.write_str(" /$ref")?,
        ExpandSuffix::Count => f.write_str(" /$count")?,
    }
    options_tail(&i.options, f)?;
    f.write_str(")")
}

fn option(o: &QueryOption<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    match &o.kind {
        QueryOptionKind::System(s) => {
            write!(f, "({}", s.name())?;
            at(f, o.span)?;
            f.write_str(" ")?;
            match s {
                SystemQueryOption::Filter(e) => expr(e, f)?,
                SystemQueryOption::Search(e) => search(e, f)?,
                SystemQueryOption::OrderBy(v) => seq(f, v, orderby_item)?,
                SystemQueryOption::Select(v) => seq(f, v, select_item)?,
                SystemQueryOption::Expand(v) => seq(f, v, expand_item)?,
                SystemQueryOption::Compute(v) => seq(f, v, compute_item)?,
                SystemQueryOption::Top(n) | SystemQueryOption::Skip(n) => write!(f, "{n}")?,
                SystemQueryOption::Count(b) => write!(f, "{b}")?,
                SystemQueryOption::Levels(Levels::Max) => f.write_str("max")?,
                SystemQueryOption::Levels(Levels::Count(n)) => write!(f, "{n}")?,
                SystemQueryOption::Index(n) => write!(f, "{n}")?,
                SystemQueryOption::Format(t)
                | SystemQueryOption::SkipToken(t)
                | SystemQueryOption::DeltaToken(t)
                | SystemQueryOption::SchemaVersion(t)
                | SystemQueryOption::Id(t) => write!(f, "{t:?}")?,
            }
            f.write_str(")")
        }
        QueryOptionKind::Alias { name, value } => {
            write!(f, "(@{name}")?;
            at(f, o.span)?;
            f.write_str(" ")?;
            expr(value, f)?;
            f.write_str(")")
        }
        QueryOptionKind::Custom { name, value } => {
            write!(f, "(custom {name:?}")?;
            at(f, o.span)?;
            if let Some(v) = value {
                write!(f, " {v:?}")?;
            }
            f.write_str(")")
        }
    }
}

fn resource(p: &ResourcePath<'_>, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str("(resource")?;
    at(f, p.span)?;
    for s in &p.segments {
        f.write_str(" ")?;
        match &s.kind {
            ResourceSegmentKind::Name { name, key: k } => {
                write!(f, "{name}")?;
                if let Some(k) = k {
                    key(k, f)?;
                }
            }
            ResourceSegmentKind::TypeCast(q) => write!(f, "(cast {q})")?,
            ResourceSegmentKind::Call { name, args: a } => {
                write!(f, "(call {name}")?;
                args(a, f)?;
                f.write_str(")")?;
            }
            ResourceSegmentKind::Key(k) => key(k, f)?,
            ResourceSegmentKind::KeySegment(t) => write!(f, "(key-segment {t:?})")?,
            ResourceSegmentKind::Filter(e) => {
                f.write_str("($filter ")?;
                expr(e, f)?;
                f.write_str(")")?;
            }
            ResourceSegmentKind::CrossJoin(sets) => write!(f, "($crossjoin {})", sets.join(" "))?,
            other => {
                let name = match other {
                    ResourceSegmentKind::Count => "$count",
                    ResourceSegmentKind::Ref => "$ref",
                    ResourceSegmentKind::Value => "$value",
                    ResourceSegmentKind::Each => "$each",
                    ResourceSegmentKind::Query => "$query",
                    ResourceSegmentKind::Metadata => "$metadata",
                    ResourceSegmentKind::Batch => "$batch",
                    ResourceSegmentKind::Entity => "$entity",
                    _ => "$all",
                };
                f.write_str(name)?;
            }
        }
        at(f, s.span)?;
    }
    f.write_str(")")
}
