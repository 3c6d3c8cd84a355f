//! Percent-decoding with a map back to the raw text.

use std::borrow::Cow;

use crate::error::{ParseError, ParseErrorKind};
use crate::span::Span;

/// The decoded text of a raw URL component, and the decoded offsets of the bytes
/// that were written `%XX` (sorted). Each such byte took three raw bytes, so
/// `raw = decoded + 2 * (number of escapes before it)`.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) escapes: Vec<u32>,
}

/// Decodes `%XX` escapes (and `+` as a space if asked). Borrows when there is nothing
/// to decode. Errors carry offsets into `raw`.
pub(crate) fn percent_decode(raw: &str, plus_as_space: bool) -> Result<Decoded<'_>, ParseError> {
    let b = raw.as_bytes();
    let first = b
        .iter()
        .position(|&c| c == b'%' || (plus_as_space && c == b'+'));
    let Some(first) = first else {
        return Ok(Decoded {
            text: Cow::Borrowed(raw),
            escapes: Vec::new(),
        });
    };
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut escapes = Vec::new();
    let mut n = first;
    while n < b.len() {
        match b[n] {
            b'%' => {
                let hi = b.get(n + 1).and_then(|&c| hex(c));
                let lo = b.get(n + 2).and_then(|&c| hex(c));
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    let end = (n + 3).min(b.len());
                    return Err(ParseError::new(
                        ParseErrorKind::InvalidPercentEncoding,
                        Span::from_range(n..end),
                    ));
                };
                escapes.push(u32::try_from(out.len()).unwrap_or(u32::MAX));
                out.push(hi << 4 | lo);
                n += 3;
            }
            b'+' if plus_as_space => {
                out.push(b' ');
                n += 1;
            }
            c => {
                out.push(c);
                n += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(s) => Ok(Decoded {
            text: Cow::Owned(s),
            escapes,
        }),
        Err(e) => {
            let bad = u32::try_from(e.utf8_error().valid_up_to()).unwrap_or(u32::MAX);
            let at = raw_offset(&escapes, bad);
            Err(ParseError::new(
                ParseErrorKind::InvalidUtf8,
                Span::new(at, at.saturating_add(3)),
            ))
        }
    }
}

/// Maps an offset in decoded text to the raw text it was decoded from.
#[inline]
pub(crate) fn raw_offset(escapes: &[u32], decoded: u32) -> u32 {
    let before = escapes.partition_point(|&e| e < decoded);
    decoded.saturating_add(2 * u32::try_from(before).unwrap_or(u32::MAX / 2))
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_maps_back() {
        let d = percent_decode("a%20b%27c", false).unwrap();
        assert_eq!(d.text, "a b'c");
        assert_eq!(d.escapes, vec![1, 3]);
        assert_eq!(raw_offset(&d.escapes, 0), 0);
        assert_eq!(raw_offset(&d.escapes, 1), 1);
        assert_eq!(raw_offset(&d.escapes, 2), 4);
        assert_eq!(raw_offset(&d.escapes, 4), 8);
        assert_eq!(raw_offset(&d.escapes, 5), 9);
        assert!(matches!(
            percent_decode("abc", false).unwrap().text,
            Cow::Borrowed(_)
        ));
        assert_eq!(percent_decode("a+b", true).unwrap().text, "a b");
        assert_eq!(percent_decode("a+b", false).unwrap().text, "a+b");
        assert_eq!(percent_decode("%CE%94", false).unwrap().text, "Δ");
        assert_eq!(
            percent_decode("a%zz", false).unwrap_err().span(),
            Span::new(1, 4)
        );
        assert_eq!(
            percent_decode("a%2", false).unwrap_err().span(),
            Span::new(1, 3)
        );
        assert_eq!(
            percent_decode("ab%FF", false).unwrap_err().span(),
            Span::new(2, 5)
        );
    }
}
