//! The OData 4.01 ABNF (`odata-abnf-construction-rules.txt`) as nom parsers.
//!
//! One `parse_<abnfRule>` function per grammar rule, each taking the parse context
//! [`Cx`] and the remaining decoded input. The context carries what a plain `&str`
//! cannot: the offset of the text start (for spans), the nesting depth (an RAII
//! [`DepthGuard`]), the [`ParseOptions`], and which decoded bytes were percent-encoded
//! in the URL (the ABNF treats a few of them differently from their literal form).
//!
//! Hot paths (whitespace, identifiers, operators, literals) are byte loops with a
//! nom signature: they dispatch on the first byte rather than trying long `alt`
//! chains, borrow text, and build no error messages. A [`PError`] is a small `Copy`
//! value; the message is written once, by [`Cx::finish`], when an error is final.

use std::cell::Cell;

use nom::error::{ContextError, ErrorKind, ParseError as NomParseError};
use nom::{Err as NomErr, IResult};

use crate::error::{ParseError, ParseErrorKind};
use crate::query::ast::CanonicalFunction;
use crate::query::options::ParseOptions;
use crate::span::{NodeSpan, Span};

#[cfg(test)]
pub(crate) mod testing;

pub(crate) mod call;
pub(crate) mod expand;
pub(crate) mod expr;
pub(crate) mod geo;
pub(crate) mod ident;
pub(crate) mod json;
pub(crate) mod literal;
pub(crate) mod options;
pub(crate) mod orderby;
pub(crate) mod path;
pub(crate) mod resource;
pub(crate) mod search;
pub(crate) mod select;

/// The result of every grammar function.
pub(crate) type PResult<'a, T> = IResult<&'a str, T, PError<'a>>;

/// A parse failure: where, and what the grammar wanted there.
///
/// Cheap to build and to drop: backtracking creates and discards many of these.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PError<'a> {
    /// The remaining input at the failure.
    pub(crate) at: &'a str,
    /// What went wrong.
    pub(crate) problem: Problem,
}

/// What went wrong, without allocation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Problem {
    /// The grammar expected this (a noun phrase: `an expression after 'eq'`).
    Expected(&'static str),
    /// The depth limit was reached.
    TooDeep,
    /// A canonical function with the wrong number of arguments.
    Arity {
        function: CanonicalFunction,
        found: usize,
    },
    /// A number that does not fit.
    OutOfRange(&'static str),
    /// An identifier longer than 128 characters.
    IdentifierTooLong,
    /// A system option written twice; `first` is its first span.
    Duplicate { name: &'static str, first: Span },
    /// An option in a place where the grammar does not allow it; spans `len` bytes.
    NotAllowed {
        name: &'static str,
        place: &'static str,
        len: u32,
    },
    /// An unknown `$` option spanning `len` bytes.
    UnknownOption { len: u32 },
    /// A nom primitive failed.
    Nom,
}

impl<'a> PError<'a> {
    pub(crate) const fn new(at: &'a str, problem: Problem) -> Self {
        PError { at, problem }
    }

    pub(crate) const fn expected(at: &'a str, what: &'static str) -> Self {
        PError {
            at,
            problem: Problem::Expected(what),
        }
    }
}

impl<'a> NomParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        let _ = kind;
        PError {
            at: input,
            problem: Problem::Nom,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two alternatives, the one that got further explains the failure best.
    fn or(self, other: Self) -> Self {
        let other_further = other.at.len() < self.at.len();
        let same = other.at.len() == self.at.len();
        if other_further || (same && !matches!(other.problem, Problem::Nom)) {
            other
        } else {
            self
        }
    }
}

impl<'a> ContextError<&'a str> for PError<'a> {
    /// A rule that failed where it started is described by the rule's label.
    fn add_context(input: &'a str, ctx: &'static str, other: Self) -> Self {
        if matches!(other.problem, Problem::Nom) || other.at.len() == input.len() {
            match other.problem {
                Problem::Expected(_) | Problem::Nom => PError {
                    at: other.at,
                    problem: Problem::Expected(ctx),
                },
                _ => other,
            }
        } else {
            other
        }
    }
}

/// A recoverable error: another alternative may still match.
#[inline]
pub(crate) fn fail<'a, T>(at: &'a str, expected: &'static str) -> PResult<'a, T> {
    Err(NomErr::Error(PError::expected(at, expected)))
}

/// An unrecoverable error: the input committed to this rule.
#[inline]
pub(crate) fn failure<'a, T>(at: &'a str, expected: &'static str) -> PResult<'a, T> {
    Err(NomErr::Failure(PError::expected(at, expected)))
}

/// Turns a recoverable error into an unrecoverable one (nom's `cut`), and an error
/// that happened right at `at` (nothing of the operand was recognized) into
/// "expected `what`".
#[inline]
pub(crate) fn commit<'a>(
    at: &'a str,
    what: &'static str,
) -> impl Fn(NomErr<PError<'a>>) -> NomErr<PError<'a>> {
    move |e| match e {
        NomErr::Error(pe) | NomErr::Failure(pe)
            if pe.at.len() == at.len() && is_soft(pe.problem) =>
        {
            NomErr::Failure(PError::expected(at, what))
        }
        NomErr::Error(pe) => NomErr::Failure(pe),
        other => other,
    }
}

fn is_soft(p: Problem) -> bool {
    matches!(p, Problem::Expected(_) | Problem::Nom)
}

/// The parse context: everything a grammar function needs besides its input.
pub(crate) struct Cx<'s> {
    /// Address of the first byte of the parsed text.
    base: usize,
    depth: Cell<u32>,
    max_depth: u32,
    /// `%s"…"` literals match case-insensitively (lenient preset).
    pub(crate) loose_case: bool,
    /// Lenient syntax: `not(`, whitespace after list commas.
    pub(crate) loose_syntax: bool,
    /// Sorted offsets of decoded bytes that were percent-encoded, if known.
    escaped: Option<&'s [u32]>,
    /// Parsing a resource path: unescaped `/` ends a segment, also inside strings.
    pub(crate) path_mode: bool,
}

impl<'s> Cx<'s> {
    /// A context for parsing `text` with `options`.
    pub(crate) fn new(text: &str, options: &ParseOptions) -> Self {
        Cx {
            base: text.as_ptr() as usize,
            depth: Cell::new(0),
            max_depth: options.max_depth(),
            loose_case: options.case_insensitive_keywords(),
            loose_syntax: options.lenient_syntax(),
            escaped: None,
            path_mode: false,
        }
    }

    /// Tells the grammar which decoded bytes were percent-encoded.
    pub(crate) fn with_escapes(mut self, escaped: &'s [u32]) -> Self {
        self.escaped = Some(escaped);
        self
    }

    /// Switches to resource-path rules.
    pub(crate) fn in_path(mut self) -> Self {
        self.path_mode = true;
        self
    }

    /// Byte offset of `i` in the parsed text.
    #[inline]
    pub(crate) fn pos(&self, i: &str) -> u32 {
        // Every `i` is a suffix of the parsed text, whose length the entry points cap at u32::MAX.
        let off = (i.as_ptr() as usize).wrapping_sub(self.base);
        u32::try_from(off).unwrap_or(u32::MAX)
    }

    /// The span from the start of `from` to the start of `to`.
    #[inline]
    pub(crate) fn span(&self, from: &str, to: &str) -> NodeSpan {
        NodeSpan(Span::new(self.pos(from), self.pos(to)))
    }

    /// Whether the byte at the start of `i` was percent-encoded in the URL.
    /// `None` when the text did not come from a URL.
    #[inline]
    pub(crate) fn escaped_at(&self, i: &str) -> Option<bool> {
        let pos = self.pos(i);
        self.escaped.map(|e| e.binary_search(&pos).is_ok())
    }

    /// Enters one level of nesting; the guard leaves it when dropped.
    #[inline]
    pub(crate) fn enter<'a>(&self, at: &'a str) -> Result<DepthGuard<'_>, NomErr<PError<'a>>> {
        let d = self.depth.get() + 1;
        if d > self.max_depth {
            return Err(NomErr::Failure(PError::new(at, Problem::TooDeep)));
        }
        self.depth.set(d);
        Ok(DepthGuard { depth: &self.depth })
    }

    /// Runs a complete parse of `text`: the parser must consume all of it.
    pub(crate) fn run<'a, T>(
        &self,
        text: &'a str,
        mut parser: impl FnMut(&Cx<'_>, &'a str) -> PResult<'a, T>,
        end_expected: &'static str,
    ) -> Result<T, ParseError> {
        match parser(self, text) {
            Ok(("", value)) => Ok(value),
            Ok((rest, _)) => {
                // Point at what follows the whitespace, unless nothing does.
                let after = parse_bws(rest);
                let e = if after.is_empty() {
                    PError::expected(rest, "no whitespace at the end")
                } else {
                    PError::expected(after, end_expected)
                };
                Err(self.finish(text, e))
            }
            Err(NomErr::Error(e) | NomErr::Failure(e)) => Err(self.finish(text, e)),
            Err(NomErr::Incomplete(_)) => {
                Err(self.finish(text, PError::expected(&text[text.len()..], "more input")))
            }
        }
    }

    /// Turns a grammar error into the public error, writing its message once.
    pub(crate) fn finish(&self, text: &str, e: PError<'_>) -> ParseError {
        let start = self
            .pos(e.at)
            .min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let rest = text.get(start as usize..).unwrap_or("");
        let token = token_len(rest);
        let span =
            |len: usize| Span::new(start, start.saturating_add(u32::try_from(len).unwrap_or(0)));
        match e.problem {
            Problem::Expected(expected) => ParseError::new(
                ParseErrorKind::Syntax {
                    expected,
                    found: describe(rest, token),
                },
                span(token),
            ),
            Problem::Nom => ParseError::new(
                ParseErrorKind::Syntax {
                    expected: "valid syntax",
                    found: describe(rest, token),
                },
                span(token),
            ),
            Problem::TooDeep => ParseError::new(
                ParseErrorKind::TooDeep {
                    limit: self.max_depth,
                },
                span(0),
            ),
            Problem::Arity { function, found } => {
                let expected = match function.arity() {
                    (0, 0) => "0",
                    (1, 1) => "1",
                    (2, 2) => "2",
                    (2, 3) => "2 or 3",
                    _ => "a different number of",
                };
                ParseError::new(
                    ParseErrorKind::WrongArity {
                        function: function.name(),
                        expected,
                        found,
                    },
                    span(token),
                )
            }
            Problem::OutOfRange(what) => {
                ParseError::new(ParseErrorKind::OutOfRange { what }, span(token))
            }
            Problem::IdentifierTooLong => {
                ParseError::new(ParseErrorKind::IdentifierTooLong, span(token))
            }
            Problem::Duplicate { name, first } => {
                ParseError::new(ParseErrorKind::DuplicateOption { name, first }, span(token))
            }
            Problem::NotAllowed { name, place, len } => ParseError::new(
                ParseErrorKind::OptionNotAllowed { name, place },
                span(len as usize),
            ),
            Problem::UnknownOption { len } => {
                let name = rest.get(..len as usize).unwrap_or(rest).to_owned();
                ParseError::new(
                    ParseErrorKind::UnknownSystemOption { name },
                    span(len as usize),
                )
            }
        }
    }
}

/// Leaves one nesting level when dropped.
pub(crate) struct DepthGuard<'c> {
    depth: &'c Cell<u32>,
}

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }
}

/// Length of the token at the start of `rest`, for error spans: a word, or one character.
pub(crate) fn token_len(rest: &str) -> usize {
    let word = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

/// `end of input`, or the token quoted, shortened and with control characters escaped.
pub(crate) fn describe(rest: &str, token: usize) -> String {
    if rest.is_empty() {
        return "end of input".to_owned();
    }
    let tok = rest.get(..token).unwrap_or(rest);
    let mut s = String::with_capacity(tok.len() + 2);
    s.push('\'');
    for (n, c) in tok.chars().enumerate() {
        if n == 24 {
            s.push('…');
            break;
        }
        if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            s.extend(c.escape_default());
        } else {
            s.push(c);
        }
    }
    s.push('\'');
    s
}

// ---------------------------------------------------------------------------
// Punctuation (ABNF section 9) on decoded text: %20 and %09 are already SP and HTAB.

/// Number of leading `SP` / `HTAB` bytes.
#[inline]
pub(crate) fn ws_len(i: &str) -> usize {
    i.bytes().take_while(|&b| b == b' ' || b == b'\t').count()
}

/// `BWS = *( SP / HTAB / "%20" / "%09" )`
#[inline]
pub(crate) fn parse_bws(i: &str) -> &str {
    &i[ws_len(i)..]
}

/// The offset of the first `needle` in `b`: eight bytes at a time (SWAR), since
/// strings in queries are too short for SIMD set-up to pay.
#[inline]
pub(crate) fn find_byte(b: &[u8], needle: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(needle);
    let mut n = 0;
    while let Some((word, _)) = b[n..].split_first_chunk::<8>() {
        let x = u64::from_le_bytes(*word) ^ pattern;
        // the lowest set bit marks the first zero byte of `x` exactly
        let zero = x.wrapping_sub(LO) & !x & HI;
        if zero != 0 {
            return Some(n + (zero.trailing_zeros() / 8) as usize);
        }
        n += 8;
    }
    b[n..].iter().position(|&c| c == needle).map(|k| n + k)
}

/// The first byte of `i`, if any.
#[inline]
pub(crate) fn peek(i: &str) -> Option<u8> {
    i.as_bytes().first().copied()
}

/// Strips the ASCII keyword `kw` case-insensitively (a quoted ABNF string).
#[inline]
pub(crate) fn strip_ci<'a>(i: &'a str, kw: &str) -> Option<&'a str> {
    let n = kw.len();
    if i.len() >= n && i.as_bytes()[..n].eq_ignore_ascii_case(kw.as_bytes()) {
        // kw is ASCII, so byte n is a char boundary
        i.get(n..)
    } else {
        None
    }
}

impl Cx<'_> {
    /// Strips a `%s"…"` keyword: case-sensitive, unless the lenient preset relaxes it.
    #[inline]
    pub(crate) fn strip_cs<'a>(&self, i: &'a str, kw: &str) -> Option<&'a str> {
        if self.loose_case {
            strip_ci(i, kw)
        } else {
            i.strip_prefix(kw)
        }
    }

    /// Whether `word` is the `%s"…"` keyword `kw`.
    #[inline]
    pub(crate) fn is_cs(&self, word: &str, kw: &str) -> bool {
        if self.loose_case {
            word.eq_ignore_ascii_case(kw)
        } else {
            word == kw
        }
    }
}

/// `COMMA` with the whitespace the lenient preset allows around it.
#[inline]
pub(crate) fn parse_list_comma<'a>(cx: &Cx<'_>, i: &'a str) -> Option<&'a str> {
    if cx.loose_syntax {
        let j = parse_bws(i);
        j.strip_prefix(',').map(parse_bws)
    } else {
        i.strip_prefix(',')
    }
}
