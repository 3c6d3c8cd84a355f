//! The query part of a URL: `queryOptions = queryOption *( "&" queryOption )`.

use std::borrow::Cow;

use super::ast::{
    ComputeItem, ExpandItem, Expr, IntoOwned, OrderbyItem, QueryOption, QueryOptionKind,
    SearchExpr, SelectItem, SystemQueryOption,
};
#[cfg(test)]
use super::ast::{ExprKind, Literal};
use super::decode::{percent_decode, raw_offset};
use super::grammar::options::{OptionName, parse_option_value};
use super::grammar::{Cx, describe, expr::parse_common_expr, ident::ident_len, token_len};
use super::options::ParseOptions;
use crate::error::{ParseError, ParseErrorKind};
use crate::span::{NodeSpan, Span};

/// Parses a decoded value: borrowing from the raw query when decoding changed nothing,
/// owning the tree when it did. Error spans are mapped to the raw query.
macro_rules! parse_decoded {
    ($text:expr, $opts:expr, $source:expr, |$cx:ident, $t:ident| $body:expr) => {
        match $text {
            Cow::Borrowed($t) => {
                let $cx = Cx::new($t, $opts).with_escapes(&$source.escapes);
                $body.map_err(|e| e.map_span(|s| $source.to_raw(s)))
            }
            Cow::Owned(ref owned) => {
                let $t: &str = owned;
                let $cx = Cx::new($t, $opts).with_escapes(&$source.escapes);
                $body
                    .map_err(|e| e.map_span(|s| $source.to_raw(s)))
                    .map(IntoOwned::into_owned)
            }
        }
    };
}

/// Where one top-level option was written in the raw query, and how to map spans in
/// its syntax tree (offsets in the decoded value) back to the raw query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct OptionSource {
    raw: Span,
    value_offset: u32,
    escapes: Box<[u32]>,
}

impl OptionSource {
    /// The raw span of `name=value` in the query.
    #[must_use]
    pub fn raw_span(&self) -> Span {
        self.raw
    }

    /// The raw offset where the value starts (after `=`).
    #[must_use]
    pub fn value_offset(&self) -> u32 {
        self.value_offset
    }

    /// Whether the value was percent-decoded (then the syntax tree owns its text).
    #[must_use]
    pub fn was_decoded(&self) -> bool {
        !self.escapes.is_empty()
    }

    /// Maps an offset in the decoded value to an offset in the raw query.
    #[must_use]
    pub fn raw_offset(&self, decoded: u32) -> u32 {
        self.value_offset
            .saturating_add(raw_offset(&self.escapes, decoded))
    }

    /// Maps a span of this option's syntax tree to a span in the raw query.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{ParseOptions, QueryOptions, Spanned};
    ///
    /// let raw = "$top=2&$filter=Name%20eq%20'Milk'";
    /// let q = QueryOptions::parse(raw, &ParseOptions::strict()).unwrap();
    /// let filter = q.filter().unwrap();
    /// let span = q.source(1).unwrap().to_raw(filter.span());
    /// assert_eq!(&raw[span.range()], "Name%20eq%20'Milk'");
    /// ```
    #[must_use]
    pub fn to_raw(&self, span: Span) -> Span {
        Span::new(self.raw_offset(span.start), self.raw_offset(span.end))
    }

    /// The same source, moved `by` bytes to the right (e.g. from a query into a URL).
    #[must_use]
    pub fn shifted(&self, by: u32) -> OptionSource {
        OptionSource {
            raw: self.raw.shift(by),
            value_offset: self.value_offset.saturating_add(by),
            escapes: self.escapes.clone(),
        }
    }
}

/// The parsed query options of a URL, in the order written, each with its
/// [`OptionSource`].
///
/// The syntax trees borrow from the raw query where a value needed no decoding,
/// and own their text where it did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryOptions<'a> {
    options: Vec<QueryOption<'a>>,
    sources: Vec<OptionSource>,
}

impl<'a> QueryOptions<'a> {
    /// Parses the raw query (the text after `?`, still percent-encoded).
    ///
    /// System option names match in any case and with or without `$` (except
    /// `$skiptoken` and `$deltatoken`, which need it); a system option written
    /// twice, an unknown `$`-option and `$levels` outside `$expand` are errors.
    /// `@name=value` is a parameter alias; other `name[=value]` pairs are custom
    /// options, kept decoded.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] whose span is a byte range in `raw`.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{ParseOptions, QueryOptions};
    ///
    /// let q = QueryOptions::parse("$filter=IsRead%20eq%20false&$top=5", &ParseOptions::strict()).unwrap();
    /// assert_eq!(q.top(), Some(5));
    /// assert_eq!(q.filter().unwrap().to_string(), "IsRead eq false");
    /// ```
    pub fn parse(raw: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        if u32::try_from(raw.len()).is_err() {
            return Err(ParseError::new(ParseErrorKind::InputTooLong, Span::NONE));
        }
        check_raw_query(raw)?;
        let mut out = QueryOptions::default();
        if raw.is_empty() {
            return Ok(out);
        }
        let mut seen: Vec<(OptionName, Span)> = Vec::new();
        let mut start = 0usize;
        for piece in raw.split('&') {
            let at = start;
            start += piece.len() + 1;
            if piece.is_empty() {
                if options.lenient_syntax() {
                    continue;
                }
                let found = describe(&raw[at..], token_len(&raw[at..]));
                return Err(ParseError::new(
                    ParseErrorKind::Syntax {
                        expected: "a query option",
                        found,
                    },
                    Span::from_range(at..(at + 1).min(raw.len())),
                ));
            }
            let (option, source) = parse_one(raw, piece, at, options, &mut seen)?;
            out.options.push(option);
            out.sources.push(source);
        }
        Ok(out)
    }

    /// All options in the order written.
    #[must_use]
    pub fn options(&self) -> &[QueryOption<'a>] {
        &self.options
    }

    /// Where option `index` was written.
    #[must_use]
    pub fn source(&self, index: usize) -> Option<&OptionSource> {
        self.sources.get(index)
    }

    /// The options with their sources.
    pub fn iter(&self) -> impl Iterator<Item = (&QueryOption<'a>, &OptionSource)> {
        self.options.iter().zip(&self.sources)
    }

    /// Maps a span in the syntax tree of option `index` to a span in the raw query.
    #[must_use]
    pub fn raw_span(&self, index: usize, span: Span) -> Option<Span> {
        self.sources.get(index).map(|s| s.to_raw(span))
    }

    /// The number of options.
    #[must_use]
    pub fn len(&self) -> usize {
        self.options.len()
    }

    /// Whether there are no options.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }

    /// A system query option, if present.
    #[must_use]
    pub fn system(&self, name: &str) -> Option<&SystemQueryOption<'a>> {
        let want = OptionName::from_name(name)?;
        self.systems().find(|s| OptionName::of(s) == want)
    }

    fn systems(&self) -> impl Iterator<Item = &SystemQueryOption<'a>> {
        self.options.iter().filter_map(|o| match &o.kind {
            QueryOptionKind::System(s) => Some(s),
            _ => None,
        })
    }

    /// `$filter`.
    #[must_use]
    pub fn filter(&self) -> Option<&Expr<'a>> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Filter(e) => Some(e),
            _ => None,
        })
    }

    /// `$search`.
    #[must_use]
    pub fn search(&self) -> Option<&SearchExpr<'a>> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Search(e) => Some(e),
            _ => None,
        })
    }

    /// `$orderby`.
    #[must_use]
    pub fn orderby(&self) -> Option<&[OrderbyItem<'a>]> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::OrderBy(v) => Some(v.as_slice()),
            _ => None,
        })
    }

    /// `$select`.
    #[must_use]
    pub fn select(&self) -> Option<&[SelectItem<'a>]> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Select(v) => Some(v.as_slice()),
            _ => None,
        })
    }

    /// `$expand`.
    #[must_use]
    pub fn expand(&self) -> Option<&[ExpandItem<'a>]> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Expand(v) => Some(v.as_slice()),
            _ => None,
        })
    }

    /// `$compute`.
    #[must_use]
    pub fn compute(&self) -> Option<&[ComputeItem<'a>]> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Compute(v) => Some(v.as_slice()),
            _ => None,
        })
    }

    /// `$top`.
    #[must_use]
    pub fn top(&self) -> Option<u64> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Top(n) => Some(*n),
            _ => None,
        })
    }

    /// `$skip`.
    #[must_use]
    pub fn skip(&self) -> Option<u64> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Skip(n) => Some(*n),
            _ => None,
        })
    }

    /// `$count`.
    #[must_use]
    pub fn count(&self) -> Option<bool> {
        self.systems().find_map(|s| match s {
            SystemQueryOption::Count(b) => Some(*b),
            _ => None,
        })
    }

    /// `$format`, `$skiptoken`, `$deltatoken`, `$schemaversion` or `$id`: the decoded text.
    #[must_use]
    pub fn text_option(&self, name: &str) -> Option<&str> {
        self.system(name).and_then(|s| match s {
            SystemQueryOption::Format(t)
            | SystemQueryOption::SkipToken(t)
            | SystemQueryOption::DeltaToken(t)
            | SystemQueryOption::SchemaVersion(t)
            | SystemQueryOption::Id(t) => Some(t.as_ref()),
            _ => None,
        })
    }

    /// The value of parameter alias `@name` (give the name without `@`).
    #[must_use]
    pub fn alias(&self, name: &str) -> Option<&Expr<'a>> {
        self.options.iter().find_map(|o| match &o.kind {
            QueryOptionKind::Alias { name: n, value } if n == name => Some(value),
            _ => None,
        })
    }

    /// Custom options as `(name, value)`.
    pub fn custom(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.options.iter().filter_map(|o| match &o.kind {
            QueryOptionKind::Custom { name, value } => Some((name.as_ref(), value.as_deref())),
            _ => None,
        })
    }

    /// Detaches the options from the raw query.
    #[must_use]
    pub fn into_owned(self) -> QueryOptions<'static> {
        QueryOptions {
            options: self
                .options
                .into_iter()
                .map(IntoOwned::into_owned)
                .collect(),
            sources: self.sources,
        }
    }
}

/// Characters that cannot appear in a raw query: `#` starts the fragment; control
/// characters other than TAB are not URL text.
fn check_raw_query(raw: &str) -> Result<(), ParseError> {
    for (n, c) in raw.char_indices() {
        if c == '#' || (c.is_control() && c != '\t') {
            return Err(ParseError::new(
                ParseErrorKind::InvalidCharacter {
                    found: describe(&raw[n..], c.len_utf8()),
                    place: "in a query",
                },
                Span::from_range(n..n + c.len_utf8()),
            ));
        }
    }
    Ok(())
}

/// Parses one `name[=value]` at raw offset `at`.
fn parse_one<'a>(
    raw: &'a str,
    piece: &'a str,
    at: usize,
    opts: &ParseOptions,
    seen: &mut Vec<(OptionName, Span)>,
) -> Result<(QueryOption<'a>, OptionSource), ParseError> {
    let at32 = u32::try_from(at).unwrap_or(u32::MAX);
    let (raw_name, raw_value) = match piece.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (piece, None),
    };
    let raw_span = Span::from_range(at..at + piece.len());
    let value_at = at32.saturating_add(u32::try_from(raw_name.len() + 1).unwrap_or(0));
    let name = percent_decode(raw_name, opts.plus_as_space()).map_err(|e| e.shifted(at32))?;
    let name_text: &str = &name.text;
    let name_span = Span::new(
        at32,
        at32.saturating_add(u32::try_from(raw_name.len()).unwrap_or(0)),
    );
    let syntax = |expected: &'static str, at: usize| {
        let found = describe(&raw[at..], token_len(&raw[at..]));
        ParseError::new(
            ParseErrorKind::Syntax { expected, found },
            Span::from_range(at..(at + token_len(&raw[at..]))),
        )
    };

    // aliasAndValue = parameterAlias EQ parameterValue
    if let Some(alias) = name_text.strip_prefix('@') {
        let n = ident_len(alias).unwrap_or(0);
        if n == 0 || n != alias.len() {
            return Err(syntax("an alias name after '@'", at + 1));
        }
        let Some(raw_value) = raw_value else {
            return Err(syntax(
                "'=' and a value after the alias name",
                at + raw_name.len(),
            ));
        };
        let (source, text) = decode_value(raw_value, value_at, raw_span, opts)?;
        let alias_name = cow_name(raw_name, &name.text, 1);
        let value = parse_decoded!(text, opts, source, |cx, t| cx.run(
            t,
            parse_common_expr,
            "an operator or end of input"
        ))?;
        let kind = QueryOptionKind::Alias {
            name: alias_name,
            value,
        };
        return Ok((
            QueryOption {
                kind,
                span: NodeSpan(raw_span),
            },
            source,
        ));
    }

    let system = OptionName::from_name(name_text);
    let Some(option) = system else {
        if name_text.starts_with('$') {
            return Err(ParseError::new(
                ParseErrorKind::UnknownSystemOption {
                    name: name_text.to_owned(),
                },
                name_span,
            ));
        }
        if name_text.is_empty() {
            return Err(syntax("an option name", at));
        }
        // customQueryOption = customName [ EQ customValue ]
        let custom_name = cow_name(raw_name, &name.text, 0);
        let (value, source) = match raw_value {
            Some(v) => {
                let d = percent_decode(v, opts.plus_as_space()).map_err(|e| e.shifted(value_at))?;
                let source = OptionSource {
                    raw: raw_span,
                    value_offset: value_at,
                    escapes: d.escapes.into_boxed_slice(),
                };
                (Some(d.text), source)
            }
            None => (
                None,
                OptionSource {
                    raw: raw_span,
                    value_offset: value_at,
                    escapes: Box::new([]),
                },
            ),
        };
        let kind = QueryOptionKind::Custom {
            name: custom_name,
            value,
        };
        return Ok((
            QueryOption {
                kind,
                span: NodeSpan(raw_span),
            },
            source,
        ));
    };
    if option == OptionName::Levels {
        return Err(ParseError::new(
            ParseErrorKind::OptionNotAllowed {
                name: "$levels",
                place: "outside $expand options",
            },
            name_span,
        ));
    }
    if let Some((_, first)) = seen.iter().find(|(o, _)| *o == option) {
        return Err(ParseError::new(
            ParseErrorKind::DuplicateOption {
                name: option.canonical(),
                first: *first,
            },
            name_span,
        ));
    }
    seen.push((option, name_span));
    let Some(raw_value) = raw_value else {
        return Err(syntax(after_name(option), at + raw_name.len()));
    };
    let (source, text) = decode_value(raw_value, value_at, raw_span, opts)?;
    let value = parse_decoded!(text, opts, source, |cx, t| {
        cx.run(
            t,
            |cx, i| parse_option_value(cx, option, i, false),
            end_of(option),
        )
    })?;
    Ok((
        QueryOption {
            kind: QueryOptionKind::System(value),
            span: NodeSpan(raw_span),
        },
        source,
    ))
}

/// `'='` after a system option name, for errors.
fn after_name(o: OptionName) -> &'static str {
    match o {
        OptionName::Count => "'=true' or '=false' after '$count'",
        OptionName::Top => "'=' and a number after '$top'",
        OptionName::Skip => "'=' and a number after '$skip'",
        _ => "'=' and a value after the option name",
    }
}

/// What may follow a complete option value.
fn end_of(o: OptionName) -> &'static str {
    match o {
        OptionName::Filter => "an operator or end of input",
        OptionName::Search => "a search operator or end of input",
        OptionName::OrderBy | OptionName::Select | OptionName::Expand | OptionName::Compute => {
            "',' or end of input"
        }
        _ => "end of input",
    }
}

/// The option name without its first `skip` bytes, borrowed when it was not encoded.
fn cow_name<'a>(raw_name: &'a str, decoded: &Cow<'a, str>, skip: usize) -> Cow<'a, str> {
    match decoded {
        Cow::Borrowed(_) => Cow::Borrowed(&raw_name[skip..]),
        Cow::Owned(s) => Cow::Owned(s[skip..].to_owned()),
    }
}

/// Decodes a value; returns its source and text.
fn decode_value<'a>(
    raw_value: &'a str,
    value_at: u32,
    raw_span: Span,
    opts: &ParseOptions,
) -> Result<(OptionSource, Cow<'a, str>), ParseError> {
    let d = percent_decode(raw_value, opts.plus_as_space()).map_err(|e| e.shifted(value_at))?;
    Ok((
        OptionSource {
            raw: raw_span,
            value_offset: value_at,
            escapes: d.escapes.into_boxed_slice(),
        },
        d.text,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Spanned;

    #[test]
    fn options() {
        case!(query("$top=2&$orderby=Name"), @"($top@0..6 2) ($orderby@7..20 (item@0..4 (path@0..4 Name)))");
        case!(query("top=5&skip=10&$Count=TRUE&index=-42"), @"($top@0..5 5) ($skip@6..13 10) ($count@14..25 true) ($index@26..35 -42)");
        case!(query("$filter=Name%20eq%20'Milk'"), @"($filter@0..26 (eq@0..14 (path@0..4 Name) (string@8..14 'Milk')))");
        case!(query("%24filter=true&%40p=1"), @"($filter@0..14 (bool@0..4 true)) (@p@15..21 (int@0..1 1))");
        case!(query("$search=more%26more&$format=application/json;odata.metadata=minimal"), @r#"($search@0..19 "more&more"@0..9) ($format@20..67 "application/json;odata.metadata=minimal")"#);
        case!(query("$skiptoken=Start@Next_Chunk:From?=Here!&$deltatoken=abc"), @r#"($skiptoken@0..39 "Start@Next_Chunk:From?=Here!") ($deltatoken@40..55 "abc")"#);
        case!(query("skiptoken=abc"), @r#"(custom "skiptoken"@0..13 "abc")"#);
        case!(query("$schemaversion=*&$id=http://host/People(1)"), @r#"($schemaversion@0..16 "*") ($id@17..42 "http://host/People(1)")"#);
        case!(query("find=O%27Neil&!special&@word='Black'"), @r#"(custom "find"@0..13 "O'Neil") (custom "!special"@14..22) (@word@23..36 (string@0..7 'Black'))"#);
        case!(query("$expand=Manager($search=a%3Bb)"), @r#"($expand@0..30 (expand@0..20 Manager ($search@8..19 "a;b"@16..19)))"#);
        case!(query("$search=a%3Bb"), @r#"($search@0..13 "a;b"@0..3)"#);
        case!(query("$filter=ReceivedDateTime+ge+2014-09-01"), @"error@24..25: expected an operator or end of input, found '+'");
        case!(query_lenient("$filter=ReceivedDateTime+ge+2014-09-01&&"), @"($filter@0..38 (ge@0..30 (path@0..16 ReceivedDateTime) (date@20..30 2014-09-01)))");
        case!(query(""), @"");
    }

    #[test]
    fn option_errors() {
        case!(query("$count"), @"error@6..6: expected '=true' or '=false' after '$count', found end of input");
        case!(query("$top=-1"), @"error@5..6: expected a non-negative integer after '$top=', found '-'");
        case!(query("$top=99999999999999999999"), @"error@5..25: the $top value is out of range");
        case!(query("$filter=a&$filter=b"), @"error@10..17: system query option '$filter' appears more than once");
        case!(query("$foo=1"), @"error@0..4: unknown system query option '$foo'");
        case!(query("$levels=2"), @"error@0..7: query option '$levels' is not allowed outside $expand options");
        case!(query("$search=#1"), @"error@8..9: character '#' is not allowed in a query");
        case!(query("$search=a;b"), @"error@9..10: expected a search operator or end of input, found ';'");
        case!(query("$filter=a%20eq%20"), @"error@17..17: expected an expression after 'eq', found end of input");
        case!(query("$filter=%E2%28"), @"error@8..11: percent-decoded text is not valid UTF-8");
        case!(query("$filter=a%2"), @"error@9..11: '%' must be followed by two hexadecimal digits");
        case!(query("a=1&&b=2"), @"error@4..5: expected a query option, found '&'");
        case!(query("$format=text"), @"error@8..12: expected 'json', 'xml', 'atom' or a media type such as 'application/json' after '$format=', found 'text'");
        case!(query("@=1"), @"error@1..2: expected an alias name after '@', found '='");
        case!(query("=1"), @"error@0..1: expected an option name, found '='");
    }

    #[test]
    fn spans_map_to_the_raw_query() {
        let raw = "$top=2&$filter=Name%20eq%20'Milk%20s'";
        let q = QueryOptions::parse(raw, &ParseOptions::strict()).unwrap();
        let source = q.source(1).unwrap();
        assert_eq!(
            &raw[source.raw_span().range()],
            "$filter=Name%20eq%20'Milk%20s'"
        );
        let Some(SystemQueryOption::Filter(e)) = q.options()[1].kind.system() else {
            panic!()
        };
        let ExprKind::Binary { operands, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(&raw[source.to_raw(operands.0.span()).range()], "Name");
        assert_eq!(&raw[source.to_raw(operands.1.span()).range()], "'Milk%20s'");
        // an undecoded value keeps borrowing from the raw query
        let q = QueryOptions::parse("$filter=Name eq 'x'", &ParseOptions::strict()).unwrap();
        let Some(SystemQueryOption::Filter(e)) = q.options()[0].kind.system() else {
            panic!()
        };
        let ExprKind::Binary { operands, .. } = &e.kind else {
            panic!()
        };
        assert!(matches!(
            &operands.1.kind,
            ExprKind::Literal(Literal::String(Cow::Borrowed(_)))
        ));
        // errors point into the raw query
        let err =
            QueryOptions::parse("$top=1&$filter=a%20eq%20", &ParseOptions::strict()).unwrap_err();
        assert_eq!(err.offset(), 24);
    }
}
