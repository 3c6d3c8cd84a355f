//! Whole OData URLs: service root, resource path (syntax only) and query options
//! (ABNF section 1, `odataUri` and `odataRelativeUri`).

use std::borrow::Cow;

use super::ast::{
    Expr, IntoOwned, KeyPredicate, NamedArg, QualifiedName, QueryOptionKind, SystemQueryOption,
};
use super::decode::{percent_decode, raw_offset};
use super::grammar::Cx;
use super::grammar::resource::parse_resource_path;
use super::options::ParseOptions;
use super::print::{Print, Printer, list};
use super::query_options::QueryOptions;
use crate::error::{ParseError, ParseErrorKind};
use crate::span::{NodeSpan, Span, Spanned};
use std::fmt;

/// A resource path: the segments after the service root, before `?`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourcePath<'a> {
    /// The segments in order.
    pub segments: Vec<ResourceSegment<'a>>,
    /// Where the path was written (offsets in the decoded path).
    pub span: NodeSpan,
}

/// One resource-path segment.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceSegment<'a> {
    /// What the segment is.
    pub kind: ResourceSegmentKind<'a>,
    /// Where it was written (offsets in the decoded path), without the leading `/`.
    pub span: NodeSpan,
}

/// The kinds of [`ResourceSegment`]. Names are not resolved: `Customers`, `Address`
/// and `Orders` are all `Name`s until bound to a model.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceSegmentKind<'a> {
    /// An entity set, singleton, property, navigation property, or an operation (import)
    /// written without parentheses; with a key predicate if one followed directly.
    Name {
        /// The identifier.
        name: Cow<'a, str>,
        /// `(1)`, `('x')`, `(A=1,B=2)` written right after the name.
        key: Option<KeyPredicate<'a>>,
    },
    /// A qualified name without parentheses: a type cast or a bound operation.
    TypeCast(QualifiedName<'a>),
    /// An operation call with parameters: `Fn(p=1)`, `Ns.Fn()`, `Fn(p=@a)`.
    Call {
        /// The (possibly qualified) operation name.
        name: QualifiedName<'a>,
        /// The parameters in order.
        args: Vec<NamedArg<'a>>,
    },
    /// A key predicate after a call, cast or `$filter` segment (`Fn()(2)`, `Ns.Type(1)`).
    Key(KeyPredicate<'a>),
    /// A segment that is not a name: a key-as-segment value or an ordinal index
    /// (`Orders/1`, `People/O'Neil`, `Addresses/-1`), decoded.
    KeySegment(Cow<'a, str>),
    /// `$filter(expr)`.
    Filter(Box<Expr<'a>>),
    /// `$crossjoin(A,B)`.
    CrossJoin(Vec<Cow<'a, str>>),
    /// `$count`.
    Count,
    /// `$ref`.
    Ref,
    /// `$value`.
    Value,
    /// `$each`.
    Each,
    /// `$query`.
    Query,
    /// `$metadata`.
    Metadata,
    /// `$batch`.
    Batch,
    /// `$entity`.
    Entity,
    /// `$all`.
    All,
}

impl Spanned for ResourceSegment<'_> {
    fn span(&self) -> Span {
        self.span.0
    }
}

impl Spanned for ResourcePath<'_> {
    fn span(&self) -> Span {
        self.span.0
    }
}

/// A parsed OData URL: `serviceRoot [ odataRelativeUri ]`.
///
/// Spans in [`ODataUri::resource`] are offsets in the decoded resource path; map them to
/// the URL with [`ODataUri::path_span_in_url`]. Spans in the query options are offsets in
/// each option's decoded value; map them with [`ODataUri::query_span_in_url`].
#[derive(Clone, Debug, PartialEq)]
pub struct ODataUri<'a> {
    url: Cow<'a, str>,
    root_end: u32,
    path_end: u32,
    path_escapes: Box<[u32]>,
    resource: ResourcePath<'a>,
    query: Option<QueryOptions<'a>>,
    fragment_start: Option<u32>,
}

impl<'a> ODataUri<'a> {
    /// Parses an absolute URL with [`ParseOptions::strict`]. Without knowledge of the
    /// service, the service root is taken to end before the first segment that starts
    /// with `$` or contains a parenthesis, or else before the last segment; use
    /// [`ODataUri::parse_with_root`] when the service root is known.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] whose span is a byte range in `url`.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::ODataUri;
    ///
    /// let uri = ODataUri::parse("http://host/service/Products(1)/Supplier?$select=Name").unwrap();
    /// assert_eq!(uri.service_root(), "http://host/service/");
    /// assert_eq!(uri.resource().segments.len(), 2);
    /// assert!(uri.query().unwrap().select().is_some());
    /// ```
    pub fn parse(url: &'a str) -> Result<Self, ParseError> {
        Self::parse_with(url, &ParseOptions::strict())
    }

    /// [`ODataUri::parse`] with options.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] whose span is a byte range in `url`.
    pub fn parse_with(url: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        let after_authority = check_service_root(url)?;
        let path_start = after_authority;
        let path_stop = url[path_start..]
            .find(['?', '#'])
            .map_or(url.len(), |n| path_start + n);
        let root_end = guess_root_end(&url[path_start..path_stop]) + path_start;
        Self::parse_from(url, root_end, options)
    }

    /// Parses an absolute URL whose service root is `service_root` (compared ASCII
    /// case-insensitively; a missing trailing `/` is tolerated).
    ///
    /// # Errors
    ///
    /// A [`ParseError`] if `url` does not start with the root or the rest is invalid.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{ODataUri, ParseOptions};
    ///
    /// let uri = ODataUri::parse_with_root(
    ///     "https://outlook.office.com/api/v2.0/me/messages?$top=5",
    ///     "https://outlook.office.com/api/v2.0/",
    ///     &ParseOptions::lenient(),
    /// )
    /// .unwrap();
    /// assert_eq!(uri.resource().segments.len(), 2);
    /// ```
    pub fn parse_with_root(
        url: &'a str,
        service_root: &str,
        options: &ParseOptions,
    ) -> Result<Self, ParseError> {
        let root = service_root.trim_end_matches('/');
        let matches = url.len() >= root.len()
            && url.as_bytes()[..root.len()].eq_ignore_ascii_case(root.as_bytes());
        if !matches
            || !matches!(
                url.as_bytes().get(root.len()),
                None | Some(b'/' | b'?' | b'#')
            )
        {
            let found = super::grammar::describe(url, super::grammar::token_len(url));
            return Err(ParseError::new(
                ParseErrorKind::Syntax {
                    expected: "a URL that starts with the service root",
                    found,
                },
                Span::new(0, 0),
            ));
        }
        check_service_root(url)?;
        let root_end = if url.as_bytes().get(root.len()) == Some(&b'/') {
            root.len() + 1
        } else {
            root.len()
        };
        Self::parse_from(url, root_end, options)
    }

    /// Parses a URL relative to the service root (`odataRelativeUri`), e.g.
    /// `Products(1)?$select=Name`.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] whose span is a byte range in `relative`.
    pub fn parse_relative(relative: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        Self::parse_from(relative, 0, options)
    }

    fn parse_from(
        url: &'a str,
        root_end: usize,
        options: &ParseOptions,
    ) -> Result<Self, ParseError> {
        if u32::try_from(url.len()).is_err() {
            return Err(ParseError::new(ParseErrorKind::InputTooLong, Span::NONE));
        }
        let fragment_start = url.find('#');
        let before_fragment = &url[..fragment_start.unwrap_or(url.len())];
        let query_start = before_fragment.find('?');
        let path_end = query_start.unwrap_or(before_fragment.len());
        let raw_path = &url[root_end..path_end];
        let at = u32::try_from(root_end).unwrap_or(u32::MAX);
        for (n, c) in raw_path.char_indices() {
            if c.is_control() {
                return Err(ParseError::new(
                    ParseErrorKind::InvalidCharacter {
                        found: format!("{c:?}"),
                        place: "in a URL path",
                    },
                    Span::from_range(root_end + n..root_end + n + c.len_utf8()),
                ));
            }
        }
        let decoded = percent_decode(raw_path, false).map_err(|e| e.shifted(at))?;
        let escapes = decoded.escapes.into_boxed_slice();
        let map = |s: Span| {
            Span::new(
                at + raw_offset(&escapes, s.start),
                at + raw_offset(&escapes, s.end),
            )
        };
        let resource = match decoded.text {
            Cow::Borrowed(p) => parse_path(p, options, &escapes).map_err(|e| e.map_span(map))?,
            Cow::Owned(ref p) => parse_path(p, options, &escapes)
                .map_err(|e| e.map_span(map))?
                .into_owned(),
        };
        let query = match query_start {
            Some(q) => {
                let raw = &before_fragment[q + 1..];
                let shift = u32::try_from(q + 1).unwrap_or(u32::MAX);
                Some(QueryOptions::parse(raw, options).map_err(|e| e.shifted(shift))?)
            }
            None => None,
        };
        let uri = ODataUri {
            url: Cow::Borrowed(url),
            root_end: at,
            path_end: u32::try_from(path_end).unwrap_or(u32::MAX),
            path_escapes: escapes,
            resource,
            query,
            fragment_start: fragment_start.and_then(|f| u32::try_from(f).ok()),
        };
        uri.check_query_for_path()?;
        Ok(uri)
    }

    /// `$batch`, `$metadata` and `$entity` take only some options (`batchOptions`,
    /// `metadataOptions`, `entityOptions`, `entityCastOptions`).
    fn check_query_for_path(&self) -> Result<(), ParseError> {
        let first = self.resource.segments.first().map(|s| &s.kind);
        let (place, allow_select_expand) = match first {
            Some(ResourceSegmentKind::Batch) => ("in a $batch request", false),
            Some(ResourceSegmentKind::Metadata) => ("in a $metadata request", false),
            Some(ResourceSegmentKind::Entity) => (
                "in a $entity request without type cast",
                self.resource.segments.len() > 1,
            ),
            _ => return Ok(()),
        };
        let is_entity = matches!(first, Some(ResourceSegmentKind::Entity));
        let mut has_id = false;
        if let Some(q) = &self.query {
            for (n, o) in q.options().iter().enumerate() {
                let QueryOptionKind::System(s) = &o.kind else {
                    if matches!(o.kind, QueryOptionKind::Alias { .. }) {
                        return Err(self.not_allowed(n, "@alias", place));
                    }
                    continue;
                };
                let ok = match s {
                    SystemQueryOption::Format(_) => true,
                    SystemQueryOption::Id(_) if is_entity => {
                        has_id = true;
                        true
                    }
                    SystemQueryOption::Select(_) | SystemQueryOption::Expand(_) => {
                        allow_select_expand
                    }
                    _ => false,
                };
                if !ok {
                    return Err(self.not_allowed(n, s.name(), place));
                }
            }
        }
        if is_entity && !has_id {
            let end = self.url.len();
            return Err(ParseError::new(
                ParseErrorKind::MissingEntityId,
                Span::from_range(end..end),
            ));
        }
        Ok(())
    }

    fn not_allowed(&self, index: usize, name: &'static str, place: &'static str) -> ParseError {
        let span = self.query_option_span(index).unwrap_or(Span::NONE);
        ParseError::new(ParseErrorKind::OptionNotAllowed { name, place }, span)
    }

    /// The raw span in the URL of query option `index` (`name=value`).
    #[must_use]
    pub fn query_option_span(&self, index: usize) -> Option<Span> {
        let q = self.query.as_ref()?;
        Some(q.source(index)?.raw_span().shift(self.query_offset()?))
    }

    /// The whole URL as given.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The service root, e.g. `http://host/service/` (empty for a relative URL).
    #[must_use]
    pub fn service_root(&self) -> &str {
        &self.url[..self.root_end as usize]
    }

    /// The raw (still percent-encoded) resource path.
    #[must_use]
    pub fn raw_path(&self) -> &str {
        &self.url[self.root_end as usize..self.path_end as usize]
    }

    /// The resource path.
    #[must_use]
    pub fn resource(&self) -> &ResourcePath<'a> {
        &self.resource
    }

    /// The query options, if the URL has a `?`.
    #[must_use]
    pub fn query(&self) -> Option<&QueryOptions<'a>> {
        self.query.as_ref()
    }

    /// The offset in the URL where the query (after `?`) starts.
    #[must_use]
    pub fn query_offset(&self) -> Option<u32> {
        self.query.as_ref().map(|_| self.path_end + 1)
    }

    /// The fragment after `#` (a context URL fragment), not parsed.
    #[must_use]
    pub fn fragment(&self) -> Option<&str> {
        self.fragment_start.map(|f| &self.url[f as usize + 1..])
    }

    /// Maps a span in the resource path's syntax tree to a span in the URL.
    #[must_use]
    pub fn path_span_in_url(&self, span: Span) -> Span {
        let at = self.root_end;
        Span::new(
            at + raw_offset(&self.path_escapes, span.start),
            at + raw_offset(&self.path_escapes, span.end),
        )
    }

    /// Maps a span in the syntax tree of query option `index` to a span in the URL.
    #[must_use]
    pub fn query_span_in_url(&self, index: usize, span: Span) -> Option<Span> {
        let q = self.query.as_ref()?;
        Some(q.raw_span(index, span)?.shift(self.query_offset()?))
    }

    pub(crate) fn into_owned_uri(self) -> ODataUri<'static> {
        ODataUri {
            url: Cow::Owned(self.url.into_owned()),
            root_end: self.root_end,
            path_end: self.path_end,
            path_escapes: self.path_escapes,
            resource: IntoOwned::into_owned(self.resource),
            query: self.query.map(QueryOptions::into_owned),
            fragment_start: self.fragment_start,
        }
    }
}

fn parse_path<'p>(
    path: &'p str,
    options: &ParseOptions,
    escapes: &[u32],
) -> Result<ResourcePath<'p>, ParseError> {
    let cx = Cx::new(path, options).with_escapes(escapes).in_path();
    let segments = cx.run(path, parse_resource_path, "'/' or the end of the path")?;
    Ok(ResourcePath {
        segments,
        span: NodeSpan(Span::from_range(0..path.len())),
    })
}

/// `serviceRoot = ( "https" / "http" ) "://" host [ ":" port ] "/" …`: checks the
/// scheme and authority and returns the offset after the `/` that ends them.
fn check_service_root(url: &str) -> Result<usize, ParseError> {
    let syntax = |expected: &'static str, at: usize| {
        let rest = &url[at..];
        let len = super::grammar::token_len(rest);
        ParseError::new(
            ParseErrorKind::Syntax {
                expected,
                found: super::grammar::describe(rest, len),
            },
            Span::from_range(at..at + len),
        )
    };
    let scheme = if url.len() >= 5 && url[..5].eq_ignore_ascii_case("https") {
        5
    } else if url.len() >= 4 && url[..4].eq_ignore_ascii_case("http") {
        4
    } else {
        return Err(syntax("'http' or 'https'", 0));
    };
    if !url[scheme..].starts_with("://") {
        return Err(syntax("'://' after the scheme", scheme));
    }
    let host = scheme + 3;
    let b = url.as_bytes();
    let mut n = host;
    if b.get(n) == Some(&b'[') {
        // IP-literal = "[" ( IPv6address / IPvFuture ) "]"
        let Some(close) = url[n..].find(']') else {
            return Err(syntax("']' to close the IP literal", url.len()));
        };
        let inner = &url[n + 1..n + close];
        if inner.is_empty()
            || !inner.bytes().all(|c| {
                c.is_ascii_hexdigit()
                    || matches!(c, b':' | b'.' | b'v' | b'V')
                    || c.is_ascii_alphanumeric()
            })
        {
            return Err(syntax("an IPv6 address", n + 1));
        }
        n += close + 1;
    } else {
        // reg-name / IPv4address = *( unreserved / pct-encoded / sub-delims )
        while let Some(&c) = b.get(n) {
            if c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'-' | b'.'
                        | b'_'
                        | b'~'
                        | b'%'
                        | b'!'
                        | b'$'
                        | b'&'
                        | b'\''
                        | b'('
                        | b')'
                        | b'*'
                        | b'+'
                        | b','
                        | b';'
                        | b'='
                )
            {
                n += 1;
            } else {
                break;
            }
        }
        if n == host {
            return Err(syntax("a host name", host));
        }
    }
    if b.get(n) == Some(&b':') {
        let digits = b[n + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        n += 1 + digits;
    }
    if b.get(n) != Some(&b'/') {
        return Err(syntax("'/' after the host", n));
    }
    Ok(n + 1)
}

/// Where the resource path starts in `path` (the text between the authority and `?`):
/// before the first segment that starts with `$` or contains a parenthesis, else
/// before the last segment.
fn guess_root_end(path: &str) -> usize {
    let mut offset = 0;
    let segments: Vec<&str> = path.split('/').collect();
    for (n, seg) in segments.iter().enumerate() {
        let lower = seg.to_ascii_lowercase();
        if seg.starts_with('$')
            || seg.contains('(')
            || lower.contains("%28")
            || n + 1 == segments.len()
        {
            return offset;
        }
        offset += seg.len() + 1;
    }
    path.len()
}

// The canonical printer for resource paths and URLs (`Display` is in `print.rs`).

impl Print for ResourcePath<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        for (n, seg) in self.segments.iter().enumerate() {
            if n > 0 && !matches!(seg.kind, ResourceSegmentKind::Key(_)) {
                p.ch('/')?;
            }
            seg.print(p)?;
        }
        Ok(())
    }
}

impl Print for ResourceSegment<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        match &self.kind {
            ResourceSegmentKind::Name { name, key } => {
                p.syntax(name)?;
                match key {
                    Some(k) => k.print(p),
                    None => Ok(()),
                }
            }
            ResourceSegmentKind::TypeCast(q) => q.print(p),
            ResourceSegmentKind::Call { name, args } => {
                name.print(p)?;
                p.ch('(')?;
                list(p, args, ",")?;
                p.ch(')')
            }
            ResourceSegmentKind::Key(k) => k.print(p),
            ResourceSegmentKind::KeySegment(s) => p.text(s),
            ResourceSegmentKind::Filter(e) => {
                p.syntax("$filter(")?;
                e.print(p)?;
                p.ch(')')
            }
            ResourceSegmentKind::CrossJoin(sets) => {
                p.syntax("$crossjoin(")?;
                for (n, s) in sets.iter().enumerate() {
                    if n > 0 {
                        p.ch(',')?;
                    }
                    p.syntax(s)?;
                }
                p.ch(')')
            }
            ResourceSegmentKind::Count => p.syntax("$count"),
            ResourceSegmentKind::Ref => p.syntax("$ref"),
            ResourceSegmentKind::Value => p.syntax("$value"),
            ResourceSegmentKind::Each => p.syntax("$each"),
            ResourceSegmentKind::Query => p.syntax("$query"),
            ResourceSegmentKind::Metadata => p.syntax("$metadata"),
            ResourceSegmentKind::Batch => p.syntax("$batch"),
            ResourceSegmentKind::Entity => p.syntax("$entity"),
            ResourceSegmentKind::All => p.syntax("$all"),
        }
    }
}

impl Print for ODataUri<'_> {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result {
        p.out.write_str(self.service_root())?;
        self.resource().print(p)?;
        if let Some(q) = self.query() {
            p.ch('?')?;
            let was = p.path;
            p.path = false;
            q.print(p)?;
            p.path = was;
        }
        if let Some(f) = self.fragment() {
            p.out.write_char('#')?;
            p.out.write_str(f)?;
        }
        Ok(())
    }
}
