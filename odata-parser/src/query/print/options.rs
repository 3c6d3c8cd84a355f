//! Printing the query options: `$orderby`, `$compute`, `$select`, `$expand`
//! items, `$search` expressions, system and custom options, and option lists.

use std::fmt;

use super::{Chain, Print, Printer, list, nested_options, print_chain, wrapped};
use crate::query::ast::*;
use crate::query::query_options::QueryOptions;

impl Print for OrderbyItem<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        self.expr.print(p)?;
        match self.direction {
            Some(SortDirection::Asc) => p.syntax(" asc"),
            Some(SortDirection::Desc) => p.syntax(" desc"),
            None => Ok(()),
        }
    }
}

impl Print for ComputeItem<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        self.expr.print(p)?;
        p.syntax(" as ")?;
        p.syntax(&self.alias)
    }
}

impl Print for SelectItem<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            SelectItemKind::Star => p.ch('*'),
            SelectItemKind::AllOperations(ns) => {
                ns.print(p)?;
                p.syntax(".*")
            }
            SelectItemKind::Path { segments, options } => {
                list(p, segments, "/")?;
                nested_options(p, options)
            }
        }
    }
}

impl Print for SelectSegment<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            SelectSegmentKind::Name(n) => p.syntax(n),
            SelectSegmentKind::Qualified(q) => q.print(p),
            SelectSegmentKind::FunctionOverload { name, parameters } => {
                name.print(p)?;
                p.ch('(')?;
                for (n, param) in parameters.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    p.syntax(param)?;
                }
                p.ch(')')
            }
            SelectSegmentKind::Annotation(a) => a.print(p),
            SelectSegmentKind::Star => p.ch('*'),
        }
    }
}

impl Print for ExpandItem<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.target {
            ExpandTarget::Star => p.ch('*')?,
            ExpandTarget::Value => p.syntax("$value")?,
            ExpandTarget::Path(segments) => list(p, segments, "/")?,
        }
        match self.suffix {
            ExpandSuffix::None => {}
            ExpandSuffix::Ref => p.syntax("/$ref")?,
            ExpandSuffix::Count => p.syntax("/$count")?,
        }
        nested_options(p, &self.options)
    }
}

/// Binding strength of a search expression: `OR` 1, `AND` 2, `NOT` 3, terms 4.
fn search_precedence(e: &SearchExpr<'_>) -> u8 {
    match e.kind {
        SearchExprKind::Or(_) => 1,
        SearchExprKind::And(_) => 2,
        SearchExprKind::Not(_) => 3,
        _ => 4,
    }
}

impl Print for SearchExpr<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            SearchExprKind::Word(w) => p.text(w),
            SearchExprKind::Phrase(s) => {
                p.ch('"')?;
                p.text(s)?;
                p.ch('"')
            }
            SearchExprKind::Not(e) => {
                p.syntax("NOT ")?;
                wrapped(p, &**e, search_precedence(e) < 3)
            }
            SearchExprKind::And(_) | SearchExprKind::Or(_) => print_chain(self, p),
        }
    }
}

fn search_left<'e, 'a>(e: &'e SearchExpr<'a>) -> Option<(&'e SearchExpr<'a>, u8)> {
    match &e.kind {
        SearchExprKind::And(b) => Some((&b.0, 2)),
        SearchExprKind::Or(b) => Some((&b.0, 1)),
        _ => None,
    }
}

impl Chain for SearchExpr<'_> {
    fn precedence(&self) -> u8 {
        search_precedence(self)
    }

    fn left(&self) -> Option<(&Self, u8)> {
        search_left(self)
    }

    fn print_right(&self, p: &mut Printer<'_>) -> fmt::Result {
        if let SearchExprKind::And(b) | SearchExprKind::Or(b) = &self.kind {
            let prec = search_precedence(self);
            p.syntax(if prec == 2 { " AND " } else { " OR " })?;
            wrapped(p, &b.1, search_precedence(&b.1) <= prec)?;
        }
        Ok(())
    }
}

impl Print for QueryOption<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            QueryOptionKind::System(s) => s.print(p),
            QueryOptionKind::Alias { name, value } => {
                p.ch('@')?;
                p.syntax(name)?;
                p.ch('=')?;
                value.print(p)
            }
            QueryOptionKind::Custom { name, value } => {
                p.name_text(name)?;
                if let Some(v) = value {
                    p.ch('=')?;
                    p.text(v)?;
                }
                Ok(())
            }
        }
    }
}

impl Print for SystemQueryOption<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.syntax(self.name())?;
        p.ch('=')?;
        match self {
            SystemQueryOption::Filter(e) => e.print(p),
            SystemQueryOption::Search(s) => s.print(p),
            SystemQueryOption::OrderBy(items) => list(p, items, ","),
            SystemQueryOption::Top(n) | SystemQueryOption::Skip(n) => p.syntax(&n.to_string()),
            SystemQueryOption::Count(b) => p.syntax(if *b { "true" } else { "false" }),
            SystemQueryOption::Select(items) => list(p, items, ","),
            SystemQueryOption::Expand(items) => list(p, items, ","),
            SystemQueryOption::Compute(items) => list(p, items, ","),
            SystemQueryOption::Levels(Levels::Max) => p.syntax("max"),
            SystemQueryOption::Levels(Levels::Count(n)) => p.syntax(&n.to_string()),
            SystemQueryOption::Index(n) => p.syntax(&n.to_string()),
            SystemQueryOption::Format(s)
            | SystemQueryOption::SkipToken(s)
            | SystemQueryOption::DeltaToken(s)
            | SystemQueryOption::SchemaVersion(s)
            | SystemQueryOption::Id(s) => p.text(s),
        }
    }
}

impl Print for QueryOptions<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        for (n, option) in self.options().iter().enumerate() {
            if n > 0 {
                // the option separator itself, never encoded
                p.out.write_str("&")?;
            }
            option.print(p)?;
        }
        Ok(())
    }
}
