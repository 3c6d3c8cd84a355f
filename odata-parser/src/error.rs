//! Errors of the query-option parser.
//!
//! A [`ParseError`] is one boxed [`ParseErrorKind`] and a [`Span`]. The kind says
//! what went wrong in words a person understands (`expected an expression after
//! 'eq', found end of input`); the span says where, as byte offsets into the text
//! given to the parse function. Messages are lowercase, do not end with a period
//! and never contain the position: that is what the span is for.

use std::fmt;

use crate::span::{Span, Spanned};

/// An error from one of the parse functions.
///
/// The span is a byte range in the text the parse function was given: the decoded
/// option value for `parse_filter` and friends, the raw query for
/// [`QueryOptions::parse`](crate::QueryOptions::parse), the URL for
/// [`ODataUri::parse`](crate::ODataUri::parse).
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: Box<ParseErrorKind>,
    span: Span,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text does not match the grammar here.
    #[error("expected {expected}, found {found}")]
    Syntax {
        /// What the grammar allows here, e.g. `an expression after 'eq'`.
        expected: &'static str,
        /// What the input has here, e.g. `end of input` or `'xyz'`.
        found: String,
    },
    /// Nesting (parentheses, function arguments, lambdas, nested options) is deeper
    /// than [`ParseOptions::max_depth`](crate::ParseOptions::max_depth).
    #[error("nesting is deeper than the limit of {limit} levels")]
    TooDeep {
        /// The configured limit.
        limit: u32,
    },
    /// A canonical function was called with the wrong number of arguments.
    #[error("function '{function}' takes {expected} argument{plural}, found {found}", plural = if *.expected == "1" { "" } else { "s" })]
    WrongArity {
        /// The function name in canonical spelling.
        function: &'static str,
        /// The allowed number of arguments, e.g. `2` or `2 or 3`.
        expected: &'static str,
        /// How many were written.
        found: usize,
    },
    /// A number does not fit the type the grammar gives it.
    #[error("{what} is out of range")]
    OutOfRange {
        /// What was out of range, e.g. `the $top value`.
        what: &'static str,
    },
    /// An identifier is longer than the 128 characters the ABNF allows.
    #[error("identifier is longer than 128 characters")]
    IdentifierTooLong,
    /// A system query option appears twice.
    #[error("system query option '{name}' appears more than once")]
    DuplicateOption {
        /// The canonical option name, e.g. `$filter`.
        name: &'static str,
        /// Where it was first written.
        first: Span,
    },
    /// A `$`-prefixed option that OData does not define.
    #[error("unknown system query option '{name}'")]
    UnknownSystemOption {
        /// The option name as written (decoded).
        name: String,
    },
    /// A query option that the grammar does not allow in this place.
    #[error("query option '{name}' is not allowed {place}")]
    OptionNotAllowed {
        /// The canonical option name, e.g. `$levels`.
        name: &'static str,
        /// Where it was written, e.g. `after '/$ref'`.
        place: &'static str,
    },
    /// A request to `$entity` without the `$id` option.
    #[error("'$entity' requires an '$id' query option")]
    MissingEntityId,
    /// `%` not followed by two hexadecimal digits.
    #[error("'%' must be followed by two hexadecimal digits")]
    InvalidPercentEncoding,
    /// Percent-decoding produced bytes that are not UTF-8.
    #[error("percent-decoded text is not valid UTF-8")]
    InvalidUtf8,
    /// A raw character that cannot appear in this part of a URL.
    #[error("character {found} is not allowed {place}")]
    InvalidCharacter {
        /// The character, quoted.
        found: String,
        /// Which part of the URL, e.g. `in a query`.
        place: &'static str,
    },
    /// The input is longer than 4 GiB, the most a [`Span`] can address.
    #[error("input is longer than 4 GiB")]
    InputTooLong,
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, span: Span) -> Self {
        ParseError {
            kind: Box::new(kind),
            span,
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }

    /// Where it went wrong, as a byte range in the parsed text.
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }

    /// The byte offset where the error starts.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.span.start as usize
    }

    /// What the grammar expected, if this is a syntax error.
    #[must_use]
    pub fn expected(&self) -> Option<&'static str> {
        match &*self.kind {
            ParseErrorKind::Syntax { expected, .. } => Some(expected),
            _ => None,
        }
    }

    /// What the input had instead, if this is a syntax error.
    #[must_use]
    pub fn found(&self) -> Option<&str> {
        match &*self.kind {
            ParseErrorKind::Syntax { found, .. } => Some(found),
            _ => None,
        }
    }

    /// A hint on how to fix the input, where one helps.
    #[must_use]
    pub fn help(&self) -> Option<&'static str> {
        match &*self.kind {
            ParseErrorKind::Syntax { expected, .. } => syntax_help(expected),
            ParseErrorKind::TooDeep { .. } => {
                Some("simplify the expression or raise ParseOptions::max_depth")
            }
            ParseErrorKind::IdentifierTooLong => {
                Some("OData identifiers have at most 128 characters")
            }
            ParseErrorKind::DuplicateOption { .. } => {
                Some("write each system query option once; combine filters with 'and'")
            }
            ParseErrorKind::UnknownSystemOption { .. } => Some(
                "system options are $filter, $select, $expand, $orderby, $top, $skip, $count, \
                 $search, $compute, $format, $skiptoken, $deltatoken, $index, $schemaversion, $id; \
                 custom options must not start with '$'",
            ),
            ParseErrorKind::InvalidPercentEncoding => Some("write a literal '%' as %25"),
            ParseErrorKind::InvalidCharacter { .. } => {
                Some("percent-encode the character (e.g. '#' as %23)")
            }
            ParseErrorKind::MissingEntityId => Some("add $id=<entity-id> to the query"),
            _ => None,
        }
    }

    /// The same error with its span moved `by` bytes to the right.
    #[must_use]
    pub fn shifted(mut self, by: u32) -> Self {
        self.span = self.span.shift(by);
        self
    }

    /// The same error with its span replaced by `f(span)`, e.g. to map an offset in a
    /// decoded option value back into the raw query.
    #[must_use]
    pub fn map_span(mut self, f: impl FnOnce(Span) -> Span) -> Self {
        self.span = f(self.span);
        self
    }
}

fn syntax_help(expected: &str) -> Option<&'static str> {
    if expected.starts_with("''' to close") {
        Some("a quote inside a string is written twice: 'O''Neil'")
    } else if expected.starts_with("an expression after") {
        Some("binary operators need an operand on both sides")
    } else if expected.starts_with("an operator") {
        Some(
            "operators are words separated by spaces: eq ne gt ge lt le has in and or add sub mul div divby mod",
        )
    } else {
        None
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ParseError({:?} at {:?})",
            self.kind.to_string(),
            self.span
        )
    }
}

impl std::error::Error for ParseError {}

impl Spanned for ParseError {
    fn span(&self) -> Span {
        self.span
    }
}

#[cfg(feature = "miette")]
impl miette::Diagnostic for ParseError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let code = match &*self.kind {
            ParseErrorKind::Syntax { .. } => "odata::syntax",
            ParseErrorKind::TooDeep { .. } => "odata::too_deep",
            ParseErrorKind::WrongArity { .. } => "odata::arity",
            ParseErrorKind::OutOfRange { .. } => "odata::out_of_range",
            ParseErrorKind::IdentifierTooLong => "odata::identifier_too_long",
            ParseErrorKind::DuplicateOption { .. } => "odata::duplicate_option",
            ParseErrorKind::UnknownSystemOption { .. } => "odata::unknown_option",
            ParseErrorKind::OptionNotAllowed { .. } => "odata::option_not_allowed",
            ParseErrorKind::MissingEntityId => "odata::missing_id",
            ParseErrorKind::InvalidPercentEncoding => "odata::percent_encoding",
            ParseErrorKind::InvalidUtf8 => "odata::utf8",
            ParseErrorKind::InvalidCharacter { .. } => "odata::invalid_character",
            ParseErrorKind::InputTooLong => "odata::too_long",
        };
        Some(Box::new(code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        ParseError::help(self).map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let label = match &*self.kind {
            ParseErrorKind::Syntax { expected, .. } => format!("expected {expected}"),
            other => other.to_string(),
        };
        let span =
            miette::SourceSpan::new((self.span.start as usize).into(), self.span.len() as usize);
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            Some(label),
            span,
        )];
        if let ParseErrorKind::DuplicateOption { first, .. } = &*self.kind {
            labels.push(miette::LabeledSpan::new_with_span(
                Some("first written here".to_owned()),
                miette::SourceSpan::new((first.start as usize).into(), first.len() as usize),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_lowercase_without_period_or_position() {
        let e = ParseError::new(
            ParseErrorKind::Syntax {
                expected: "an expression after 'eq'",
                found: "end of input".into(),
            },
            Span::new(7, 7),
        );
        assert_eq!(
            e.to_string(),
            "expected an expression after 'eq', found end of input"
        );
        assert_eq!(e.offset(), 7);
        let arity = ParseErrorKind::WrongArity {
            function: "length",
            expected: "1",
            found: 2,
        };
        assert_eq!(
            arity.to_string(),
            "function 'length' takes 1 argument, found 2"
        );
        let arity = ParseErrorKind::WrongArity {
            function: "contains",
            expected: "2",
            found: 1,
        };
        assert_eq!(
            arity.to_string(),
            "function 'contains' takes 2 arguments, found 1"
        );
    }
}

#[cfg(all(test, feature = "miette"))]
mod miette_tests {
    use miette::Diagnostic;

    #[test]
    fn diagnostic_has_a_label_at_the_span_and_help() {
        let err = crate::parse_filter("Price eq").unwrap_err();
        let labels: Vec<_> = err.labels().unwrap().collect();
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].offset(), 8);
        assert_eq!(labels[0].label(), Some("expected an expression after 'eq'"));
        assert!(err.help().is_some());
        assert_eq!(err.code().unwrap().to_string(), "odata::syntax");
    }
}
