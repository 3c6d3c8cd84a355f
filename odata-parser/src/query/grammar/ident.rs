//! Names and identifiers (ABNF section 6).

use std::borrow::Cow;

use nom::Err as NomErr;

use super::{PError, PResult, Problem, fail};
use crate::query::ast::QualifiedName;

use super::Cx;

/// `IDENT[b]`: whether the ASCII byte `b` is an `identifierCharacter`.
static IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// Whether `b` can start an identifier (ASCII part of `identifierLeadingCharacter`).
#[inline]
pub(crate) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

/// Whether `b` can continue an identifier (ASCII part of `identifierCharacter`).
#[inline]
pub(crate) fn is_ident_byte(b: u8) -> bool {
    IDENT[b as usize]
}

/// Length in bytes of the identifier at the start of `i`; `Ok(0)` if none,
/// `Err(())` if it is longer than 128 characters.
#[inline]
pub(crate) fn ident_len(i: &str) -> Result<usize, ()> {
    let b = i.as_bytes();
    match b.first() {
        Some(&c) if c.is_ascii_alphabetic() || c == b'_' => {}
        Some(&c) if c >= 0x80 => return ident_len_unicode(i),
        _ => return Ok(0),
    }
    // ASCII fast path: one table lookup per byte
    let mut n = 1;
    while n < b.len() && IDENT[b[n] as usize] {
        n += 1;
    }
    if n < b.len() && b[n] >= 0x80 {
        return ident_len_unicode(i);
    }
    if n > 128 { Err(()) } else { Ok(n) }
}

/// [`ident_len`] for identifiers with non-ASCII letters (percent-encoded in the URL).
#[cold]
fn ident_len_unicode(i: &str) -> Result<usize, ()> {
    let mut chars = i.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_alphabetic() || c == '_' => {}
        _ => return Ok(0),
    }
    let mut n = i.len();
    let mut count = 1usize;
    for (at, c) in chars {
        if c.is_alphanumeric() || c == '_' || is_mark_or_connector(c) {
            count += 1;
        } else {
            n = at;
            break;
        }
    }
    if count > 128 { Err(()) } else { Ok(n) }
}

/// Non-ASCII identifier characters beyond letters and digits (Mn, Mc, Pc, Cf, roughly).
fn is_mark_or_connector(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{203F}' | '\u{2040}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'..='\u{FE4F}' | '\u{FF3F}')
}

/// `odataIdentifier = identifierLeadingCharacter *127identifierCharacter`
#[inline]
pub(crate) fn parse_odata_identifier(i: &str) -> PResult<'_, &str> {
    match ident_len(i) {
        Ok(0) => fail(i, "an identifier"),
        Ok(n) => Ok((&i[n..], &i[..n])),
        Err(()) => Err(NomErr::Failure(PError::new(i, Problem::IdentifierTooLong))),
    }
}

/// Length of `namespace "." name` (or a lone identifier) at the start of `i`: identifiers
/// joined by dots. A dot not followed by an identifier is not consumed.
#[inline]
pub(crate) fn qualified_len(i: &str) -> Result<usize, ()> {
    let mut n = ident_len(i)?;
    if n == 0 {
        return Ok(0);
    }
    while i.as_bytes().get(n) == Some(&b'.') {
        let m = ident_len(&i[n + 1..])?;
        if m == 0 {
            break;
        }
        n += 1 + m;
    }
    Ok(n)
}

/// `optionallyQualifiedTypeName`-like names: `[ namespace "." ] odataIdentifier`.
pub(crate) fn parse_qualified_name<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, QualifiedName<'a>> {
    match qualified_len(i) {
        Ok(0) => fail(i, "a name"),
        Ok(n) => Ok((
            &i[n..],
            QualifiedName {
                text: Cow::Borrowed(&i[..n]),
                span: cx.span(i, &i[n..]),
            },
        )),
        Err(()) => Err(NomErr::Failure(PError::new(i, Problem::IdentifierTooLong))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(ident_len("TheQuickBrownFoxSays42 eq"), Ok(22));
        assert_eq!(ident_len("__ID"), Ok(4));
        assert_eq!(ident_len("0time"), Ok(0));
        assert_eq!(ident_len("Größe/x"), Ok("Größe".len()));
        assert_eq!(ident_len(&"a".repeat(128)), Ok(128));
        assert_eq!(ident_len(&"a".repeat(129)), Err(()));
        assert_eq!(
            qualified_len("Microsoft.OutlookServices.Message'x'"),
            Ok(33)
        );
        assert_eq!(qualified_len("Model.*"), Ok(5));
        assert_eq!(qualified_len("No.Dot"), Ok(6));
    }
}
