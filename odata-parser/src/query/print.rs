//! The canonical printer: `Display` on every syntax-tree node.
//!
//! `Display` writes the decoded canonical form: lowercase keywords, no optional
//! whitespace, the fewest parentheses the operator precedence needs, and canonical
//! literals (`'O''Neil'`, `duration'P1D'`, `true`). Parsing the output gives an
//! equal tree. [`ToUrlString::to_url_string`] writes the same text percent-encoded
//! for a URL.

use std::fmt::{self, Display};

use super::ast::*;
use super::query_options::QueryOptions;
use super::resource::{ODataUri, ResourcePath};

/// Where printed text goes, and whether to percent-encode it for a URL.
pub(crate) struct Printer<'o> {
    pub(crate) out: &'o mut dyn fmt::Write,
    pub(crate) url: bool,
    pub(crate) path: bool,
}

impl Printer<'_> {
    /// Grammar text: keywords, punctuation, names.
    pub(crate) fn syntax(&mut self, s: &str) -> fmt::Result {
        if self.url {
            encode(self.out, s, false, false)
        } else {
            self.out.write_str(s)
        }
    }

    /// Literal content: strings, search words, option values.
    pub(crate) fn text(&mut self, s: &str) -> fmt::Result {
        if self.url {
            encode(self.out, s, true, self.path)
        } else {
            self.out.write_str(s)
        }
    }

    /// A custom option name: like [`Printer::text`], and `=` (which would end the name) too.
    pub(crate) fn name_text(&mut self, s: &str) -> fmt::Result {
        if !self.url {
            return self.out.write_str(s);
        }
        for (n, part) in s.split('=').enumerate() {
            if n > 0 {
                self.out.write_str("%3D")?;
            }
            encode(self.out, part, true, self.path)?;
        }
        Ok(())
    }

    pub(crate) fn ch(&mut self, c: char) -> fmt::Result {
        let mut buf = [0u8; 4];
        self.syntax(c.encode_utf8(&mut buf))
    }
}

/// Percent-encodes the bytes that cannot stand in a URL query (and, for `text`, `;`,
/// which separates nested options; in a path also `/` and `?`).
fn encode(out: &mut dyn fmt::Write, s: &str, text: bool, path: bool) -> fmt::Result {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let needs = !(0x21..0x7f).contains(&b)
            || matches!(
                b,
                b'"' | b'#'
                    | b'%'
                    | b'&'
                    | b'+'
                    | b'<'
                    | b'>'
                    | b'['
                    | b'\\'
                    | b']'
                    | b'^'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
            )
            || (text && b == b';')
            || (path && (b == b'/' || b == b'?'));
        if needs {
            if last < i {
                out.write_str(&s[last..i])?;
            }
            write!(out, "%{b:02X}")?;
            last = i + 1;
        }
    }
    if last < s.len() {
        out.write_str(&s[last..])?;
    }
    Ok(())
}

/// A node that the canonical printer can write.
pub(crate) trait Print {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result;
}

/// Prints nodes in their percent-encoded URL form.
pub trait ToUrlString {
    /// The canonical form, percent-encoded for a URL query (or path).
    fn to_url_string(&self) -> String;
}

macro_rules! display_via_print {
    ($($ty:ident),* $(,)?) => {
        $(
            impl Display for $ty<'_> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.print(&mut Printer { out: f, url: false, path: false })
                }
            }
            impl ToUrlString for $ty<'_> {
                fn to_url_string(&self) -> String {
                    let mut s = String::new();
                    let _ = self.print(&mut Printer { out: &mut s, url: true, path: false });
                    s
                }
            }
        )*
    };
}

display_via_print!(
    Expr,
    Literal,
    MemberPath,
    PathSegment,
    KeyPredicate,
    TypeName,
    QualifiedName,
    OrderbyItem,
    ComputeItem,
    SelectItem,
    SelectSegment,
    ExpandItem,
    SearchExpr,
    QueryOption,
    SystemQueryOption,
    QueryOptions,
    NamedArg,
    AnnotationName,
);

impl Display for ResourcePath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.print(&mut Printer {
            out: f,
            url: false,
            path: true,
        })
    }
}

impl ToUrlString for ResourcePath<'_> {
    fn to_url_string(&self) -> String {
        let mut s = String::new();
        let _ = self.print(&mut Printer {
            out: &mut s,
            url: true,
            path: true,
        });
        s
    }
}

impl Display for ODataUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.print(&mut Printer {
            out: f,
            url: false,
            path: true,
        })
    }
}

impl ToUrlString for ODataUri<'_> {
    fn to_url_string(&self) -> String {
        let mut s = String::new();
        let _ = self.print(&mut Printer {
            out: &mut s,
            url: true,
            path: true,
        });
        s
    }
}

/// Items separated by `sep`.
pub(crate) fn list<T: Print>(p: &mut Printer<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            p.syntax(sep)?;
        }
        item.print(p)?;
    }
    Ok(())
}

/// Binding strength of an expression for the printer; higher binds tighter.
fn precedence(e: &Expr<'_>) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => op.precedence(),
        ExprKind::In { .. } => 3,
        ExprKind::Unary { .. } => 6,
        _ => 7,
    }
}

fn wrapped(p: &mut Printer<'_>, e: &Expr<'_>, parens: bool) -> fmt::Result {
    if parens {
        p.ch('(')?;
        e.print(p)?;
        p.ch(')')
    } else {
        e.print(p)
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
                wrapped(p, operand, precedence(operand) < 6)
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
                wrapped(p, operand, literal || precedence(operand) < 6)
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

/// Prints a binary operator or `in` with its left spine in a loop, so a chain of
/// 20,000 `or`s needs no deeper stack than one.
fn print_chain(e: &Expr<'_>, p: &mut Printer<'_>) -> fmt::Result {
    let mut spine = vec![e];
    while let Some((left, prec)) = spine.last().and_then(|n| left_of(n)) {
        if left_of(left).is_some() && precedence(left) >= prec {
            spine.push(left);
        } else {
            break;
        }
    }
    if let Some((left, prec)) = spine.last().and_then(|n| left_of(n)) {
        wrapped(p, left, precedence(left) < prec)?;
    }
    for node in spine.iter().rev() {
        match &node.kind {
            ExprKind::Binary { op, operands } => {
                p.ch(' ')?;
                p.syntax(op.keyword())?;
                p.ch(' ')?;
                wrapped(p, &operands.1, precedence(&operands.1) <= op.precedence())?;
            }
            ExprKind::In { list: items, .. } => {
                p.syntax(" in ")?;
                match items {
                    InList::List(items) => {
                        p.ch('(')?;
                        list(p, items, ",")?;
                        p.ch(')')?;
                    }
                    InList::Expr(e) => wrapped(p, e, precedence(e) <= 3)?,
                }
            }
            _ => {}
        }
    }
    Ok(())
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
                if !options.is_empty() {
                    p.ch('(')?;
                    list(p, options, ";")?;
                    p.ch(')')?;
                }
                Ok(())
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

fn nested_options(p: &mut Printer<'_>, options: &[QueryOption<'_>]) -> fmt::Result {
    if options.is_empty() {
        return Ok(());
    }
    p.ch('(')?;
    list(p, options, ";")?;
    p.ch(')')
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

fn search_wrapped(p: &mut Printer<'_>, e: &SearchExpr<'_>, parens: bool) -> fmt::Result {
    if parens {
        p.ch('(')?;
        e.print(p)?;
        p.ch(')')
    } else {
        e.print(p)
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
                search_wrapped(p, e, search_precedence(e) < 3)
            }
            SearchExprKind::And(_) | SearchExprKind::Or(_) => print_search_chain(self, p),
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

/// `AND`/`OR` chains in a loop, like [`print_chain`].
fn print_search_chain(e: &SearchExpr<'_>, p: &mut Printer<'_>) -> fmt::Result {
    let mut spine = vec![e];
    while let Some((left, prec)) = spine.last().and_then(|n| search_left(n)) {
        if search_left(left).is_some() && search_precedence(left) >= prec {
            spine.push(left);
        } else {
            break;
        }
    }
    if let Some((left, prec)) = spine.last().and_then(|n| search_left(n)) {
        search_wrapped(p, left, search_precedence(left) < prec)?;
    }
    for node in spine.iter().rev() {
        if let SearchExprKind::And(b) | SearchExprKind::Or(b) = &node.kind {
            let prec = search_precedence(node);
            p.syntax(if prec == 2 { " AND " } else { " OR " })?;
            search_wrapped(p, &b.1, search_precedence(&b.1) <= prec)?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use crate::query::grammar::testing::{verified, verified_as};

    #[test]
    fn canonical_round_trips() {
        verified("From/EmailAddress/Address eq 'hr@contoso.com'");
        verified("a or b and c");
        verified("(a or b) and c");
        verified("a sub (b sub c)");
        verified_as("-(1) add -x mul --1", "-(1) add -x mul -(-1)");
        verified("not (a eq b) and not c");
        verified("x in (1,2.5,'a') and y in [1,\"b\"] and z in (p or q)");
        verified("style has Sales.Pattern'Yellow,Red' and style has 'Blue'");
        verified("contains(tolower(Subject),'o''neil') and length(Body) gt 100");
        verified(
            "Products/any(p:p/Tags/all(t:t ne 'x')) and Items/$count($filter=Price gt 5) ge 1",
        );
        verified("$root/People('x')/Friends(1)/Name eq $it/Name and @alias/City eq $this");
        verified("Ns.Fn(a=1,b=@p)/Ns.Derived(2)/Prop eq null");
        verified("cast(Edm.Int32) eq isof(Address,Collection(Ns.Addr))");
        verified("case(a:1,true:2) eq geo.distance(P,geography'SRID=4326;Point(1 2)')");
        verified("{\"a\":[1,\"x\",null,{}],\"@odata.type\":\"Ns.T\"} eq []");
        verified(
            "d eq 2014-09-01 and t lt 08:00:00.5 and dt ge 2014-09-01T08:00:00+01:00 and g eq 01234567-89ab-cdef-0123-456789abcdef",
        );
        verified(
            "v eq duration'P1DT2H' and b eq binary'Zm9v' and n eq INF and m eq -INF and o eq NaN and f eq 1.5e-3",
        );
        verified_as(
            "Name EQ 'Milk' AND Price LT 2.55",
            "Name eq 'Milk' and Price lt 2.55",
        );
        verified_as("( ( a ) )", "a");
        verified_as("CONTAINS( a , 'b' )", "contains(a,'b')");
        verified_as("x in ( 1 , 2 )", "x in (1,2)");
        verified_as("+5 eq +1.0", "5 eq 1.0");
        verified_as(
            "Duration'P1D' eq Binary'Zg=='",
            "duration'P1D' eq binary'Zg=='",
        );
        verified_as("a/ANY( x : x eq 1 )", "a/any(x:x eq 1)");
    }
}
