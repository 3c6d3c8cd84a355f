//! OData URL query options: syntax tree, grammar and printer.
//!
//! The `parse_*` functions take *decoded* text (what a URL's option value means
//! after percent-decoding) and return a syntax tree whose spans are byte offsets in
//! that text. [`QueryOptions::parse`] takes the raw query of a URL, decodes each
//! value and keeps a map back to raw offsets; [`ODataUri::parse`] does the same for
//! a whole URL.

/// One-line parser test: `case!(filter("a eq 1"), @"…")` snapshots `Ok` as a one-line
/// tree with spans, or the error with its span.
#[cfg(test)]
macro_rules! case {
    ($parse:ident($($input:expr),*), @$snap:literal) => {
        insta::assert_snapshot!($crate::query::grammar::testing::$parse($($input),*), @$snap)
    };
}

pub mod ast;
mod decode;
pub(crate) mod grammar;
mod options;
mod owned;
pub mod print;
mod query_options;
pub mod resource;
pub mod tree;

pub use options::ParseOptions;
pub use print::ToUrlString;
pub use query_options::{OptionSource, QueryOptions};
pub use resource::{ODataUri, ResourcePath, ResourceSegment, ResourceSegmentKind};

use ast::{ComputeItem, ExpandItem, Expr, Literal, OrderbyItem, SearchExpr, SelectItem};
use grammar::literal::parse_primitive_literal;
use grammar::search::SearchPlace;
use grammar::{Cx, PResult};

use crate::error::{ParseError, ParseErrorKind};
use crate::span::Span;

fn check_len(text: &str) -> Result<(), ParseError> {
    if u32::try_from(text.len()).is_err() {
        return Err(ParseError::new(ParseErrorKind::InputTooLong, Span::NONE));
    }
    Ok(())
}

fn run<'a, T>(
    text: &'a str,
    options: &ParseOptions,
    parser: impl FnMut(&Cx<'_>, &'a str) -> PResult<'a, T>,
    end: &'static str,
) -> Result<T, ParseError> {
    check_len(text)?;
    Cx::new(text, options).run(text, parser, end)
}

/// Parses a `$filter` value (`boolCommonExpr`; any `commonExpr` is accepted, since
/// the syntax cannot tell Boolean expressions apart).
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
///
/// # Examples
///
/// ```
/// use odata_parser::parse_filter;
///
/// let e = parse_filter("From/EmailAddress/Address eq 'hr@contoso.com'").unwrap();
/// assert_eq!(e.to_string(), "From/EmailAddress/Address eq 'hr@contoso.com'");
/// let err = parse_filter("Price eq").unwrap_err();
/// assert_eq!(err.to_string(), "expected an expression after 'eq', found end of input");
/// assert_eq!(err.offset(), 8);
/// ```
pub fn parse_filter(text: &str) -> Result<Expr<'_>, ParseError> {
    parse_filter_with(text, &ParseOptions::strict())
}

/// [`parse_filter`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_filter_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<Expr<'a>, ParseError> {
    run(
        text,
        options,
        grammar::expr::parse_common_expr,
        "an operator or end of input",
    )
}

/// Parses an `$orderby` value.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_orderby(text: &str) -> Result<Vec<OrderbyItem<'_>>, ParseError> {
    parse_orderby_with(text, &ParseOptions::strict())
}

/// [`parse_orderby`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_orderby_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<Vec<OrderbyItem<'a>>, ParseError> {
    run(
        text,
        options,
        grammar::orderby::parse_orderby,
        "'asc', 'desc', ',' or end of input",
    )
}

/// Parses a `$select` value.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_select(text: &str) -> Result<Vec<SelectItem<'_>>, ParseError> {
    parse_select_with(text, &ParseOptions::strict())
}

/// [`parse_select`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_select_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<Vec<SelectItem<'a>>, ParseError> {
    run(
        text,
        options,
        grammar::select::parse_select,
        "',', '/', '(' or end of input",
    )
}

/// Parses an `$expand` value.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_expand(text: &str) -> Result<Vec<ExpandItem<'_>>, ParseError> {
    parse_expand_with(text, &ParseOptions::strict())
}

/// [`parse_expand`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_expand_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<Vec<ExpandItem<'a>>, ParseError> {
    run(
        text,
        options,
        grammar::expand::parse_expand,
        "',', '/', '(' or end of input",
    )
}

/// Parses a `$search` value.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_search(text: &str) -> Result<SearchExpr<'_>, ParseError> {
    parse_search_with(text, &ParseOptions::strict())
}

/// [`parse_search`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_search_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<SearchExpr<'a>, ParseError> {
    run(
        text,
        options,
        |cx, i| grammar::search::parse_search_value(cx, i, SearchPlace::TopLevel),
        "'AND', 'OR', a search term or end of input",
    )
}

/// Parses a `$compute` value.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_compute(text: &str) -> Result<Vec<ComputeItem<'_>>, ParseError> {
    parse_compute_with(text, &ParseOptions::strict())
}

/// [`parse_compute`] with options.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
pub fn parse_compute_with<'a>(
    text: &'a str,
    options: &ParseOptions,
) -> Result<Vec<ComputeItem<'a>>, ParseError> {
    run(
        text,
        options,
        grammar::orderby::parse_compute,
        "',' or end of input",
    )
}

/// Parses one literal in URL form (`primitiveLiteral`, decoded): `'text'`, `42`,
/// `2014-09-01`, `Ns.Color'Red'`, `duration'P1D'`, `null` …
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
///
/// # Examples
///
/// ```
/// use odata_parser::{parse_literal, ast::Literal};
///
/// assert_eq!(parse_literal("'O''Neil'").unwrap(), Literal::String("O'Neil".into()));
/// assert_eq!(parse_literal("-42").unwrap(), Literal::Integer(-42));
/// ```
pub fn parse_literal(text: &str) -> Result<Literal<'_>, ParseError> {
    run(
        text,
        &ParseOptions::strict(),
        parse_primitive_literal,
        "end of the literal",
    )
}

mod value;
pub use value::{ValueKind, parse_primitive_value};
