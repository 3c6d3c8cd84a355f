//! Primitive values in payloads and CSDL `DefaultValue` attributes (ABNF section 7,
//! `primitiveValue` and the `…Value` rules): no quotes, no type prefixes, no
//! percent-encoding.

use std::borrow::Cow;

use super::ast::{EnumLiteral, GeoKind, GeoLiteral, Literal};
use super::grammar::geo::parse_full_geo_literal;
use super::grammar::literal::{
    binary_value_len, decimal_value_full, duration_value_len, enum_value_members, guid_len,
    time_of_day_len,
};
use super::grammar::{Cx, describe, token_len};
use super::options::ParseOptions;
use crate::error::{ParseError, ParseErrorKind};
use crate::span::Span;

/// The primitive type a value is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// Any of the kinds below except `String` (`primitiveValue`), tried in the ABNF's order.
    Any,
    /// `booleanValue`: `true` or `false`, lowercase.
    Boolean,
    /// `byteValue`: 0 to 255.
    Byte,
    /// `sbyteValue`: -128 to 127.
    SByte,
    /// `int16Value`.
    Int16,
    /// `int32Value`.
    Int32,
    /// `int64Value`.
    Int64,
    /// `decimalValue`.
    Decimal,
    /// `doubleValue`.
    Double,
    /// `singleValue`.
    Single,
    /// `dateValue`.
    Date,
    /// `dateTimeOffsetValue`.
    DateTimeOffset,
    /// `timeOfDayValue`.
    TimeOfDay,
    /// `durationValue` (without `duration'…'`).
    Duration,
    /// `guidValue`.
    Guid,
    /// `binaryValue` (base64url).
    Binary,
    /// `enumValue`: member names or integers separated by commas.
    Enum,
    /// Any text, as is.
    String,
    /// `fullPointLiteral` and friends for a geography: `SRID=4326;Point(1 2)`.
    Geography,
    /// The same for a geometry.
    Geometry,
}

/// Parses a primitive value in payload form, as `kind`.
///
/// # Errors
///
/// A [`ParseError`] whose span is a byte range in `text`.
///
/// # Examples
///
/// ```
/// use odata_parser::{parse_primitive_value, ValueKind, ast::Literal};
///
/// assert_eq!(parse_primitive_value("255", ValueKind::Byte).unwrap(), Literal::Integer(255));
/// assert!(parse_primitive_value("256", ValueKind::Byte).is_err());
/// assert!(parse_primitive_value("tRUe", ValueKind::Boolean).is_err());
/// ```
pub fn parse_primitive_value(text: &str, kind: ValueKind) -> Result<Literal<'_>, ParseError> {
    if u32::try_from(text.len()).is_err() {
        return Err(ParseError::new(ParseErrorKind::InputTooLong, Span::NONE));
    }
    match kind {
        ValueKind::Any => parse_any(text),
        ValueKind::String => Ok(Literal::String(Cow::Borrowed(text))),
        _ => parse_as(text, kind).map_err(|(at, expected)| error(text, at, expected)),
    }
}

fn error(text: &str, at: usize, expected: &'static str) -> ParseError {
    let at = at.min(text.len());
    let rest = &text[at..];
    let len = token_len(rest);
    ParseError::new(
        ParseErrorKind::Syntax {
            expected,
            found: describe(rest, len),
        },
        Span::from_range(at..at + len),
    )
}

/// `primitiveValue`: the first alternative that matches the whole text. Numbers are
/// tried before enum values, so `42` is an integer rather than an enum member's value.
fn parse_any(text: &str) -> Result<Literal<'_>, ParseError> {
    use ValueKind as K;
    let order = [
        K::Boolean,
        K::Guid,
        K::Duration,
        K::DateTimeOffset,
        K::Date,
        K::TimeOfDay,
        K::Int64,
        K::Decimal,
        K::Enum,
        K::Geography,
        K::Binary,
    ];
    let mut furthest = (0, "a primitive value");
    for k in order {
        match parse_as(text, k) {
            Ok(lit) => return Ok(lit),
            Err((at, what)) if at > furthest.0 => furthest = (at, what),
            Err(_) => {}
        }
    }
    Err(error(text, furthest.0, furthest.1))
}

type Result2<'a> = Result<Literal<'a>, (usize, &'static str)>;

fn whole(
    text: &str,
    r: Result<usize, usize>,
    what: &'static str,
) -> Result<(), (usize, &'static str)> {
    match r {
        Ok(n) if n == text.len() => Ok(()),
        Ok(n) | Err(n) => Err((n, what)),
    }
}

fn parse_as(text: &str, kind: ValueKind) -> Result2<'_> {
    let b = Cow::Borrowed(text);
    match kind {
        ValueKind::Boolean => match text {
            "true" => Ok(Literal::Boolean(true)),
            "false" => Ok(Literal::Boolean(false)),
            _ => Err((0, "'true' or 'false'")),
        },
        ValueKind::Byte => integer(text, 3, false, 0, 255, "an integer from 0 to 255"),
        ValueKind::SByte => integer(text, 3, true, -128, 127, "an integer from -128 to 127"),
        ValueKind::Int16 => integer(
            text,
            5,
            true,
            i64::from(i16::MIN),
            i64::from(i16::MAX),
            "a 16-bit integer",
        ),
        ValueKind::Int32 => integer(
            text,
            10,
            true,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            "a 32-bit integer",
        ),
        ValueKind::Int64 => integer(text, 19, true, i64::MIN, i64::MAX, "a 64-bit integer"),
        ValueKind::Decimal => {
            decimal_value_full(text).map_err(|n| (n, "a decimal number"))?;
            Ok(
                if text.contains(['e', 'E']) || text.ends_with("INF") || text == "NaN" {
                    Literal::Double(b)
                } else {
                    Literal::Decimal(b)
                },
            )
        }
        ValueKind::Double | ValueKind::Single => {
            decimal_value_full(text).map_err(|n| (n, "a floating-point number"))?;
            Ok(Literal::Double(b))
        }
        ValueKind::Date => {
            let n = date_value_len(text)?;
            whole(text, Ok(n), "the end of the date")?;
            Ok(Literal::Date(b))
        }
        ValueKind::DateTimeOffset => {
            let n = date_value_len(text)?;
            let bytes = text.as_bytes();
            if !matches!(bytes.get(n), Some(b'T' | b't')) {
                return Err((n, "'T' and a time after the date"));
            }
            let t = n + 1;
            let tl = time_of_day_len(&text[t..]).map_err(|(at, w)| (t + at, w))?;
            let z = t + tl;
            let zl = match bytes.get(z) {
                Some(b'Z' | b'z') => 1,
                Some(b'+' | b'-') => {
                    let tz = time_of_day_len(&text[z + 1..]).map_err(|(at, w)| (z + 1 + at, w))?;
                    if tz != 5 {
                        return Err((z + 1 + 5, "the end of the time zone offset"));
                    }
                    6
                }
                _ => return Err((z, "'Z' or a time zone offset such as +02:00")),
            };
            whole(text, Ok(z + zl), "the end of the date-time")?;
            Ok(Literal::DateTimeOffset(b))
        }
        ValueKind::TimeOfDay => {
            whole(
                text,
                time_of_day_len(text).map_err(|(at, _)| at),
                "a time of day such as 08:00:00",
            )?;
            Ok(Literal::TimeOfDay(b))
        }
        ValueKind::Duration => {
            whole(text, duration_value_len(text), "a duration such as P1DT2H")?;
            Ok(Literal::Duration(b))
        }
        ValueKind::Guid => match guid_len(text) {
            Some(n) if n == text.len() => Ok(Literal::Guid(b)),
            _ => Err((
                guid_error_at(text),
                "a GUID such as 01234567-89ab-cdef-0123-456789abcdef",
            )),
        },
        ValueKind::Binary => {
            whole(text, binary_value_len(text), "base64url data")?;
            Ok(Literal::Binary(b))
        }
        ValueKind::Enum => match enum_value_members(text) {
            Ok(members) => Ok(Literal::Enum(Box::new(EnumLiteral { ty: None, members }))),
            Err(at) => Err((at, "an enum member name or integer")),
        },
        ValueKind::Geography | ValueKind::Geometry => {
            let opts = ParseOptions::strict();
            let cx = Cx::new(text, &opts);
            match parse_full_geo_literal(&cx, text) {
                Ok(("", ())) => {}
                Ok((rest, ())) => {
                    return Err((text.len() - rest.len(), "the end of the spatial value"));
                }
                Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                    let at = text.len() - e.at.len();
                    return Err((at, "a spatial value such as SRID=4326;Point(1 2)"));
                }
                Err(nom::Err::Incomplete(_)) => return Err((text.len(), "more input")),
            }
            let kind = if kind == ValueKind::Geography {
                GeoKind::Geography
            } else {
                GeoKind::Geometry
            };
            Ok(Literal::Geo(Box::new(GeoLiteral { kind, text: b })))
        }
        ValueKind::Any | ValueKind::String => Err((0, "a typed value")),
    }
}

/// `["+"/"-"] 1*nDIGIT` within `min..=max`.
fn integer<'a>(
    text: &'a str,
    max_digits: usize,
    signed: bool,
    min: i64,
    max: i64,
    what: &'static str,
) -> Result2<'a> {
    let b = text.as_bytes();
    let sign = usize::from(signed && matches!(b.first(), Some(b'+' | b'-')));
    let d = b[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 || d > max_digits || sign + d != b.len() {
        return Err(((sign + d).min(sign + max_digits), what));
    }
    match text.parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(Literal::Integer(v)),
        _ => Err((0, what)),
    }
}

/// `dateValue = year "-" month "-" day`, the length.
fn date_value_len(text: &str) -> Result<usize, (usize, &'static str)> {
    let b = text.as_bytes();
    let sign = usize::from(b.first() == Some(&b'-'));
    let digits = b[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits < 4 || b.get(sign + digits) != Some(&b'-') {
        return Err((sign + digits.min(4), "a date such as 2014-09-01"));
    }
    if b[sign] == b'0' && digits != 4 {
        return Err((
            sign,
            "a year with four digits, or more without a leading zero",
        ));
    }
    let two =
        |at: usize, lo: u8, hi: u8, what: &'static str| -> Result<(), (usize, &'static str)> {
            match (b.get(at), b.get(at + 1)) {
                (Some(x @ b'0'..=b'9'), Some(y @ b'0'..=b'9'))
                    if (lo..=hi).contains(&((x - b'0') * 10 + (y - b'0'))) =>
                {
                    Ok(())
                }
                _ => Err((at, what)),
            }
        };
    let m = sign + digits + 1;
    two(m, 1, 12, "a month from 01 to 12")?;
    if b.get(m + 2) != Some(&b'-') {
        return Err((m + 2, "'-' before the day"));
    }
    two(m + 3, 1, 31, "a day from 01 to 31")?;
    Ok(m + 5)
}

fn guid_error_at(text: &str) -> usize {
    for (n, c) in text.bytes().enumerate().take(36) {
        let ok = if matches!(n, 8 | 13 | 18 | 23) {
            c == b'-'
        } else {
            c.is_ascii_hexdigit()
        };
        if !ok {
            return n;
        }
    }
    text.len().min(36)
}

#[cfg(test)]
mod tests {
    use super::ValueKind as K;

    #[test]
    fn values() {
        case!(value("true", K::Boolean), @"Boolean(true)");
        case!(value("tRUe", K::Boolean), @"error@0..4: expected 'true' or 'false', found 'tRUe'");
        case!(value("255", K::Byte), @"Integer(255)");
        case!(value("256", K::Byte), @"error@0..3: expected an integer from 0 to 255, found '256'");
        case!(value("-128", K::SByte), @"Integer(-128)");
        case!(value("-2000000000", K::Int32), @"Integer(-2000000000)");
        case!(value("1e-101", K::Decimal), @r#"Double("1e-101")"#);
        case!(value("-0.314e1e2", K::Double), @"error@8..10: expected a floating-point number, found 'e2'");
        case!(value("2012-09-03T23:59+01:00", K::DateTimeOffset), @r#"DateTimeOffset("2012-09-03T23:59+01:00")"#);
        case!(value("2012-09-03T23%3A59Z", K::DateTimeOffset), @"error@13..14: expected ':' after the hour, found '%'");
        case!(value("11:22:33.4444444", K::TimeOfDay), @r#"TimeOfDay("11:22:33.4444444")"#);
        case!(value("-P6DT23H59M59.9999S", K::Duration), @r#"Duration("-P6DT23H59M59.9999S")"#);
        case!(value("Solid,Yellow,+42", K::Enum), @r#"Enum(EnumLiteral { ty: None, members: ["Solid", "Yellow", "+42"] })"#);
        case!(value("SRID=0;Point(142.1 64.1)", K::Geography), @r#"Geo(GeoLiteral { kind: Geography, text: "SRID=0;Point(142.1 64.1)" })"#);
        case!(value("a123456789abcdefABA=", K::Any), @r#"Binary("a123456789abcdefABA=")"#);
        case!(value("Yellow", K::Any), @r#"Enum(EnumLiteral { ty: None, members: ["Yellow"] })"#);
        case!(value("0123456789", K::Any), @"Integer(123456789)");
        case!(value("a1234567 89", K::Any), @"error@8..9: expected a GUID such as 01234567-89ab-cdef-0123-456789abcdef, found ' '");
    }
}
