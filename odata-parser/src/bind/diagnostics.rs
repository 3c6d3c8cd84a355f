//! Diagnostics: what the validator reports, with a stable code, a severity, a message, a
//! byte span in the original URL and a help line.

use std::fmt;

use crate::error::{ParseError, ParseErrorKind};
use crate::span::{Span, Spanned};

/// A stable diagnostic code such as `odata::unknown_property` or `outlook::top_too_large`.
///
/// Codes never change meaning once published; tools may match on them. Standard codes are
/// associated constants of this type; a service profile defines its own under its prefix.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    /// A code with the given text (`prefix::snake_case_name`).
    #[must_use]
    pub const fn new(code: &'static str) -> Self {
        Code(code)
    }

    /// The code as text.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    // ---- syntax (the parser's errors, same codes as its miette codes) ----
    /// The URL does not match the grammar.
    pub const SYNTAX: Code = Code("odata::syntax");
    /// Nesting is deeper than the limit (parser or binder).
    pub const TOO_DEEP: Code = Code("odata::too_deep");
    /// A canonical function called with the wrong number of arguments.
    pub const ARITY: Code = Code("odata::arity");
    /// A number out of the range its type allows.
    pub const OUT_OF_RANGE: Code = Code("odata::out_of_range");
    /// An identifier longer than 128 characters.
    pub const IDENTIFIER_TOO_LONG: Code = Code("odata::identifier_too_long");
    /// A system query option written twice.
    pub const DUPLICATE_OPTION: Code = Code("odata::duplicate_option");
    /// A `$`-option OData does not define.
    pub const UNKNOWN_OPTION: Code = Code("odata::unknown_option");
    /// A query option not allowed in its place.
    pub const OPTION_NOT_ALLOWED: Code = Code("odata::option_not_allowed");
    /// `$entity` without `$id`.
    pub const MISSING_ID: Code = Code("odata::missing_id");
    /// A bad percent escape.
    pub const PERCENT_ENCODING: Code = Code("odata::percent_encoding");
    /// Percent-decoded bytes that are not UTF-8.
    pub const UTF8: Code = Code("odata::utf8");
    /// A character that cannot appear in a URL there.
    pub const INVALID_CHARACTER: Code = Code("odata::invalid_character");
    /// Input longer than 4 GiB.
    pub const TOO_LONG: Code = Code("odata::too_long");

    // ---- binding ----
    /// The URL does not start with the service root.
    pub const SERVICE_ROOT: Code = Code("odata::service_root");
    /// A resource-path segment that names nothing in the model.
    pub const UNKNOWN_SEGMENT: Code = Code("odata::unknown_segment");
    /// A segment that exists but cannot follow the previous one.
    pub const INVALID_SEGMENT: Code = Code("odata::invalid_segment");
    /// A key on something that is not a collection of entities, or a malformed key.
    pub const INVALID_KEY: Code = Code("odata::invalid_key");
    /// A query option written in the path (a missing `?`).
    pub const QUERY_IN_PATH: Code = Code("odata::query_in_path");
    /// A key-as-segment value that is also the name of a property.
    pub const AMBIGUOUS_KEY: Code = Code("odata::ambiguous_key");
    /// A property name that the type does not have.
    pub const UNKNOWN_PROPERTY: Code = Code("odata::unknown_property");
    /// A type name the model does not have, or a cast to an unrelated type.
    pub const UNKNOWN_TYPE: Code = Code("odata::unknown_type");
    /// A name an open type does not declare: read as a dynamic property (a warning).
    pub const DYNAMIC_PROPERTY: Code = Code("odata::dynamic_property");
    /// An enumeration member the enumeration does not have.
    pub const UNKNOWN_ENUM_MEMBER: Code = Code("odata::unknown_enum_member");
    /// A parameter alias `@p` without a value.
    pub const UNDEFINED_ALIAS: Code = Code("odata::undefined_alias");
    /// A bound operation, function parameter or operation name that does not resolve.
    pub const UNKNOWN_OPERATION: Code = Code("odata::unknown_operation");
    /// Operand types that an operator cannot combine.
    pub const TYPE_MISMATCH: Code = Code("odata::type_mismatch");
    /// A function argument of the wrong type.
    pub const ARGUMENT_TYPE: Code = Code("odata::argument_type");
    /// `$filter` (or a lambda, a `case` condition) that is not Boolean.
    pub const NOT_BOOLEAN: Code = Code("odata::not_boolean");
    /// A property of a collection accessed without `any`/`all`.
    pub const COLLECTION_PATH: Code = Code("odata::collection_path");
    /// `has` on a left operand that is not a flags enumeration.
    pub const HAS_NOT_FLAGS: Code = Code("odata::has_not_flags");
    /// `$expand` of something that is not a navigation property.
    pub const NOT_NAVIGATION: Code = Code("odata::not_navigation");
    /// `$orderby` by something that is not a single primitive value.
    pub const NOT_SORTABLE_TYPE: Code = Code("odata::not_sortable_type");
    /// A collection option (`$filter`, `$top`, …) on a single resource.
    pub const OPTION_ON_SINGLE: Code = Code("odata::option_on_single");
    /// A method the addressed resource does not take.
    pub const METHOD_NOT_ALLOWED: Code = Code("odata::method_not_allowed");

    // ---- capability annotations (every profile) ----
    /// A property that `FilterRestrictions` marks non-filterable, or `$filter` where not filterable.
    pub const NOT_FILTERABLE: Code = Code("odata::not_filterable");
    /// `$filter` missing where `RequiresFilter` is true.
    pub const FILTER_REQUIRED: Code = Code("odata::filter_required");
    /// A `RequiredProperties` property missing from `$filter`.
    pub const REQUIRED_FILTER_PROPERTY: Code = Code("odata::required_filter_property");
    /// A function or operator not in `FilterFunctions`.
    pub const FUNCTION_NOT_ALLOWED: Code = Code("odata::function_not_allowed");
    /// An expression a `FilterExpressionRestrictions` entry does not allow.
    pub const FILTER_EXPRESSION: Code = Code("odata::filter_expression");
    /// A `$filter` path with more navigation segments than `FilterRestrictions/MaxLevels`.
    pub const FILTER_LEVELS: Code = Code("odata::filter_levels");
    /// A property that `SortRestrictions` marks non-sortable, or `$orderby` where not sortable.
    pub const NOT_SORTABLE: Code = Code("odata::not_sortable");
    /// A sort direction the property does not allow (ascending/descending only).
    pub const SORT_DIRECTION: Code = Code("odata::sort_direction");
    /// `$search` where `SearchRestrictions` says not searchable.
    pub const NOT_SEARCHABLE: Code = Code("odata::not_searchable");
    /// `$search` syntax listed in `UnsupportedExpressions`.
    pub const SEARCH_EXPRESSION: Code = Code("odata::search_expression");
    /// `$top` where `TopSupported` is false.
    pub const TOP_NOT_SUPPORTED: Code = Code("odata::top_not_supported");
    /// `$skip` where `SkipSupported` is false.
    pub const SKIP_NOT_SUPPORTED: Code = Code("odata::skip_not_supported");
    /// `$count` or `/$count` where `CountRestrictions` forbids it.
    pub const NOT_COUNTABLE: Code = Code("odata::not_countable");
    /// `$expand` where `ExpandRestrictions` forbids it.
    pub const NOT_EXPANDABLE: Code = Code("odata::not_expandable");
    /// `$expand` nested deeper than `ExpandRestrictions/MaxLevels`.
    pub const EXPAND_LEVELS: Code = Code("odata::expand_levels");
    /// `$select` where `SelectSupport` says unsupported.
    pub const SELECT_NOT_SUPPORTED: Code = Code("odata::select_not_supported");
    /// `$compute` where `ComputeSupported` is false.
    pub const COMPUTE_NOT_SUPPORTED: Code = Code("odata::compute_not_supported");
    /// Insert, update or delete where the restrictions forbid it.
    pub const NOT_WRITABLE: Code = Code("odata::not_writable");
    /// `Prefer: odata.track-changes` where `ChangeTracking` says unsupported.
    pub const CHANGE_TRACKING: Code = Code("odata::change_tracking");
    /// A delta request filtering or expanding what `ChangeTracking` does not list.
    pub const DELTA_OPTION: Code = Code("odata::delta_option");
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The service would reject the request (or the request is meaningless).
    Error,
    /// The request works, but probably not as intended (an option the service ignores, …).
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error a service itself answers with, as its documentation gives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceError {
    /// The service's error code, e.g. `ErrorInvalidProperty`.
    pub code: &'static str,
    /// The service's message, e.g. `The property 'ChangeKey' does not support filtering.`.
    pub message: String,
}

/// One problem found in a request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong: lowercase, no final period, no position.
    pub message: String,
    /// Where, as a byte range in the original URL string.
    pub span: Span,
    /// How to fix it, where a hint helps.
    pub help: Option<String>,
    /// The service's own error code and message, when the profile knows them.
    pub service_error: Option<ServiceError>,
}

impl Diagnostic {
    /// An error.
    #[must_use]
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
            service_error: None,
        }
    }

    /// A warning.
    #[must_use]
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// The same diagnostic with a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic with the service's error code and message.
    #[must_use]
    pub fn with_service_error(mut self, code: &'static str, message: impl Into<String>) -> Self {
        self.service_error = Some(ServiceError {
            code,
            message: message.into(),
        });
        self
    }

    /// Whether this is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A parse error, with its span already mapped into the URL.
    #[must_use]
    pub fn from_parse_error(err: &ParseError, span: Span) -> Self {
        let code = match err.kind() {
            ParseErrorKind::Syntax { .. } => Code::SYNTAX,
            ParseErrorKind::TooDeep { .. } => Code::TOO_DEEP,
            ParseErrorKind::WrongArity { .. } => Code::ARITY,
            ParseErrorKind::OutOfRange { .. } => Code::OUT_OF_RANGE,
            ParseErrorKind::IdentifierTooLong => Code::IDENTIFIER_TOO_LONG,
            ParseErrorKind::DuplicateOption { .. } => Code::DUPLICATE_OPTION,
            ParseErrorKind::UnknownSystemOption { .. } => Code::UNKNOWN_OPTION,
            ParseErrorKind::OptionNotAllowed { .. } => Code::OPTION_NOT_ALLOWED,
            ParseErrorKind::MissingEntityId => Code::MISSING_ID,
            ParseErrorKind::InvalidPercentEncoding => Code::PERCENT_ENCODING,
            ParseErrorKind::InvalidUtf8 => Code::UTF8,
            ParseErrorKind::InvalidCharacter { .. } => Code::INVALID_CHARACTER,
            ParseErrorKind::InputTooLong => Code::TOO_LONG,
        };
        let mut d = Diagnostic::error(code, span, err.to_string());
        d.help = err.help().map(str::to_owned);
        d
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

impl Spanned for Diagnostic {
    fn span(&self) -> Span {
        self.span
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(feature = "miette")]
impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span =
            miette::SourceSpan::new((self.span.start as usize).into(), self.span.len() as usize);
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(None, span),
        )))
    }
}

/// Where diagnostics are collected while validating one request: a standard diagnostic may
/// get the service's error from the profile; a profile rule's may replace standard ones.
pub struct Sink<'p> {
    pub(crate) diagnostics: Vec<Diagnostic>,
    profile: &'p dyn super::rules::ServiceProfile,
}

impl std::fmt::Debug for Sink<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.diagnostics).finish()
    }
}

impl<'p> Sink<'p> {
    pub(crate) fn new(profile: &'p dyn super::rules::ServiceProfile) -> Self {
        Sink {
            diagnostics: Vec::new(),
            profile,
        }
    }

    /// Adds a standard diagnostic about `subject` (a property, function or option name); the
    /// profile may attach its service's error code and message.
    pub fn push(&mut self, mut d: Diagnostic, subject: &str) {
        if d.service_error.is_none() {
            d.service_error = self.profile.service_error(d.code, subject);
        }
        if !self.diagnostics.contains(&d) {
            self.diagnostics.push(d);
        }
    }

    /// Adds a profile diagnostic that replaces the standard ones with a code in `supersedes`
    /// at a span within its own.
    pub fn push_superseding(&mut self, d: Diagnostic, supersedes: &[Code]) {
        self.diagnostics.retain(|o| {
            !(o.span.start >= d.span.start
                && o.span.end <= d.span.end
                && supersedes.contains(&o.code))
        });
        if !self.diagnostics.contains(&d) {
            self.diagnostics.push(d);
        }
    }

    /// The diagnostics so far.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_keep_code_message_and_help() {
        let err = crate::parse_filter("Price eq").unwrap_err();
        let d = Diagnostic::from_parse_error(&err, Span::new(10, 10));
        assert_eq!(d.code, Code::SYNTAX);
        assert_eq!(d.span, Span::new(10, 10));
        assert_eq!(
            d.message,
            "expected an expression after 'eq', found end of input"
        );
        assert!(d.help.is_some());
        assert_eq!(
            d.to_string(),
            "error[odata::syntax]: expected an expression after 'eq', found end of input"
        );
    }
}
