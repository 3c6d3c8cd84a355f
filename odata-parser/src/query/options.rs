//! How strictly to read a query.

/// Settings of the parser.
///
/// The default ([`ParseOptions::strict`]) follows the ABNF exactly: quoted literals
/// (operators, function names, `true`, option names) match in any case, `%s"…"`
/// literals (`$it`, `$root`, `/$count`, `null`, `INF`, the `$search` operators)
/// only as written, and `+` in a query is a plus sign.
/// [`ParseOptions::lenient`] accepts what real services and their documentation
/// write.
///
/// # Examples
///
/// ```
/// use odata_parser::{ParseOptions, QueryOptions};
///
/// let raw = "$filter=ReceivedDateTime+ge+2014-09-01";
/// assert!(QueryOptions::parse(raw, &ParseOptions::strict()).is_err());
/// let q = QueryOptions::parse(raw, &ParseOptions::lenient()).unwrap();
/// assert_eq!(q.filter().unwrap().to_string(), "ReceivedDateTime ge 2014-09-01");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    plus_as_space: bool,
    case_insensitive_keywords: bool,
    lenient_syntax: bool,
    max_depth: u32,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self::strict()
    }
}

impl ParseOptions {
    /// The default nesting limit: far above real queries, far below what overflows
    /// a 2 MB thread stack in a debug build.
    pub const DEFAULT_MAX_DEPTH: u32 = 64;

    /// The ABNF exactly (the default).
    #[must_use]
    pub const fn strict() -> Self {
        ParseOptions {
            plus_as_space: false,
            case_insensitive_keywords: false,
            lenient_syntax: false,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }

    /// What real services accept:
    /// - `+` in a query value is a space (HTML form encoding, as in
    ///   `$filter=ReceivedDateTime+ge+2014-09-01`);
    /// - `%s"…"` keywords match in any case (`$IT`, `NULL`, `$Count`), except the
    ///   `$search` operators `AND`, `OR`, `NOT`, where case tells words from operators;
    /// - `not(expr)` without a space, and whitespace around commas in lists;
    /// - empty options (`a=1&&b=2`, a trailing `&`) are skipped.
    #[must_use]
    pub const fn lenient() -> Self {
        ParseOptions {
            plus_as_space: true,
            case_insensitive_keywords: true,
            lenient_syntax: true,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }

    /// Sets the nesting limit (parentheses, function arguments, lambdas, nested
    /// options); deeper input fails with [`ParseErrorKind::TooDeep`](crate::ParseErrorKind::TooDeep).
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{parse_filter_with, ParseOptions};
    ///
    /// let opts = ParseOptions::strict().with_max_depth(2);
    /// assert!(parse_filter_with("((a))", &opts).is_ok());
    /// assert!(parse_filter_with("(((a)))", &opts).is_err());
    /// ```
    #[must_use]
    pub const fn with_max_depth(mut self, max_depth: u32) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets whether `+` in a query value means a space.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::ParseOptions;
    ///
    /// assert!(ParseOptions::strict().with_plus_as_space(true).plus_as_space());
    /// ```
    #[must_use]
    pub const fn with_plus_as_space(mut self, yes: bool) -> Self {
        self.plus_as_space = yes;
        self
    }

    /// Sets whether `%s"…"` keywords match in any case.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{parse_filter_with, ParseOptions};
    ///
    /// let opts = ParseOptions::strict().with_case_insensitive_keywords(true);
    /// assert!(parse_filter_with("$IT/Name eq NULL", &opts).is_ok());
    /// ```
    #[must_use]
    pub const fn with_case_insensitive_keywords(mut self, yes: bool) -> Self {
        self.case_insensitive_keywords = yes;
        self
    }

    /// Sets whether the small syntax relaxations of [`ParseOptions::lenient`] apply
    /// (`not(`, whitespace around list commas, empty options skipped).
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::{parse_filter_with, ParseOptions};
    ///
    /// let opts = ParseOptions::strict().with_lenient_syntax(true);
    /// assert!(parse_filter_with("not(IsRead)", &opts).is_ok());
    /// ```
    #[must_use]
    pub const fn with_lenient_syntax(mut self, yes: bool) -> Self {
        self.lenient_syntax = yes;
        self
    }

    /// The nesting limit.
    #[must_use]
    pub const fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// Whether `+` in a query value means a space.
    #[must_use]
    pub const fn plus_as_space(&self) -> bool {
        self.plus_as_space
    }

    /// Whether `%s"…"` keywords match in any case.
    #[must_use]
    pub const fn case_insensitive_keywords(&self) -> bool {
        self.case_insensitive_keywords
    }

    /// Whether the lenient syntax relaxations apply.
    #[must_use]
    pub const fn lenient_syntax(&self) -> bool {
        self.lenient_syntax
    }
}
