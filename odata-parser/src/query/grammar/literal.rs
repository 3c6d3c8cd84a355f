//! Literal data values in URLs (ABNF section 7, `primitiveLiteral`).
//!
//! Each literal is recognized by its first bytes without backtracking: a quote
//! starts a string, a sign or digit starts a number, date, time, date-time or GUID,
//! a letter starts a keyword, a prefixed literal (`duration'…'`), an enum
//! (`Ns.Type'…'`) or a GUID whose first digit is a letter.

use std::borrow::Cow;

use nom::Err as NomErr;

use super::geo::{decimal_value_len, parse_full_geo_literal};
use super::ident::{ident_len, is_ident_byte, qualified_len};
use super::{Cx, PError, PResult, fail, failure, peek};
use crate::query::ast::{EnumLiteral, GeoKind, GeoLiteral, Literal, QualifiedName};

/// `primitiveLiteral` (URL form, after percent-decoding).
pub(crate) fn parse_primitive_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Literal<'a>> {
    match peek(i) {
        Some(b'\'') => {
            let (rest, s) = parse_string_literal(cx, i)?;
            Ok((rest, Literal::String(s)))
        }
        Some(b'-' | b'+' | b'0'..=b'9') => parse_numeric_like(cx, i),
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => parse_word_literal(cx, i),
        _ => fail(i, "a literal"),
    }
}

/// Literals that start with a letter: keywords, prefixed literals, enums, GUIDs.
fn parse_word_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Literal<'a>> {
    if let Some(n) = guid_len(i) {
        return Ok((&i[n..], Literal::Guid(Cow::Borrowed(&i[..n]))));
    }
    let n = match qualified_len(i) {
        Ok(n) => n,
        Err(()) => {
            return Err(NomErr::Failure(PError::new(
                i,
                super::Problem::IdentifierTooLong,
            )));
        }
    };
    let (word, rest) = i.split_at(n);
    if peek(rest) == Some(b'\'') {
        if word.contains('.') {
            let ty = QualifiedName {
                text: Cow::Borrowed(word),
                span: cx.span(i, rest),
            };
            let (rest, members) = parse_enum_body(rest)?;
            return Ok((
                rest,
                Literal::Enum(Box::new(EnumLiteral {
                    ty: Some(ty),
                    members,
                })),
            ));
        }
        return parse_prefixed_literal(cx, word, rest);
    }
    match keyword_literal(cx, word) {
        Some(lit) => Ok((rest, lit)),
        None => fail(i, "a literal"),
    }
}

/// The literal spelled by a whole word: `true`, `false`, `null`, `INF`, `NaN`.
#[inline]
pub(crate) fn keyword_literal<'a>(cx: &Cx<'_>, word: &'a str) -> Option<Literal<'a>> {
    match word.len() {
        // canonical spelling, also when the lenient preset matched another case
        3 if cx.is_cs(word, "INF") => Some(Literal::Double(Cow::Borrowed("INF"))),
        3 if cx.is_cs(word, "NaN") => Some(Literal::Double(Cow::Borrowed("NaN"))),
        4 if word.eq_ignore_ascii_case("true") => Some(Literal::Boolean(true)),
        4 if cx.is_cs(word, "null") => Some(Literal::Null),
        5 if word.eq_ignore_ascii_case("false") => Some(Literal::Boolean(false)),
        _ => None,
    }
}

/// `durationLiteral`, `binaryLiteral`, `geographyXxx` and `geometryXxx`: a prefix
/// word, then a quoted body. `rest` starts at the opening quote.
pub(crate) fn parse_prefixed_literal<'a>(
    cx: &Cx<'_>,
    prefix: &'a str,
    rest: &'a str,
) -> PResult<'a, Literal<'a>> {
    let (after, body) = quoted_body(rest)?;
    let lit = if prefix.eq_ignore_ascii_case("duration") {
        check(
            body,
            duration_value_len(body),
            "a duration such as P1DT2H30M",
        )?;
        Literal::Duration(Cow::Borrowed(body))
    } else if prefix.eq_ignore_ascii_case("binary") {
        check(body, binary_value_len(body), "base64url data")?;
        Literal::Binary(Cow::Borrowed(body))
    } else if prefix.eq_ignore_ascii_case("geography") || prefix.eq_ignore_ascii_case("geometry") {
        let kind = if prefix.len() == 9 {
            GeoKind::Geography
        } else {
            GeoKind::Geometry
        };
        match parse_full_geo_literal(cx, body) {
            Ok(("", ())) => {}
            Ok((r, ())) => return failure(r, "''' after the spatial value"),
            Err(NomErr::Error(e) | NomErr::Failure(e)) => return Err(NomErr::Failure(e)),
            Err(e) => return Err(e),
        }
        Literal::Geo(Box::new(GeoLiteral {
            kind,
            text: Cow::Borrowed(body),
        }))
    } else {
        return failure(
            prefix,
            "a literal prefix (duration, binary, geography, geometry) or a qualified enum type",
        );
    };
    Ok((after, lit))
}

/// The text between a quote at the start of `i` and the next quote.
fn quoted_body(i: &str) -> PResult<'_, &str> {
    let Some(body) = i.strip_prefix('\'') else {
        return fail(i, "'''");
    };
    match body.find('\'') {
        Some(n) => Ok((&body[n + 1..], &body[..n])),
        None => failure(&body[body.len()..], "''' to close the literal"),
    }
}

/// Fails at the offset `len` reports unless it covers all of `body`.
fn check<'a>(
    body: &'a str,
    len: Result<usize, usize>,
    what: &'static str,
) -> Result<(), NomErr<PError<'a>>> {
    match len {
        Ok(n) if n == body.len() => Ok(()),
        Ok(n) | Err(n) => Err(NomErr::Failure(PError::expected(
            &body[n.min(body.len())..],
            what,
        ))),
    }
}

/// `enumLiteral` after the type: `SQUOTE singleEnumLiteral *( COMMA singleEnumLiteral ) SQUOTE`.
pub(crate) fn parse_enum_body(i: &str) -> PResult<'_, Vec<Cow<'_, str>>> {
    let (after, body) = quoted_body(i)?;
    match enum_value_members(body) {
        Ok(members) => Ok((after, members)),
        Err(at) => failure(&body[at..], "an enum member name or integer"),
    }
}

/// `enumValue = singleEnumValue *( "," singleEnumValue )`; `singleEnumValue = enumerationMember / int64Value`.
pub(crate) fn enum_value_members(body: &str) -> Result<Vec<Cow<'_, str>>, usize> {
    let mut members = Vec::with_capacity(1);
    let mut pos = 0;
    loop {
        let s = &body[pos..];
        let n = match ident_len(s) {
            Ok(0) => {
                let sign = usize::from(matches!(peek(s), Some(b'+' | b'-')));
                let d = s.as_bytes()[sign..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if d == 0 || d > 19 {
                    return Err(pos);
                }
                sign + d
            }
            Ok(n) => n,
            Err(()) => return Err(pos),
        };
        members.push(Cow::Borrowed(&s[..n]));
        pos += n;
        match body.as_bytes().get(pos) {
            None => return Ok(members),
            Some(b',') => pos += 1,
            Some(_) => return Err(pos),
        }
    }
}

/// `stringLiteral = SQUOTE *( SQUOTE-in-string / pchar-no-SQUOTE ) SQUOTE`; the value,
/// with `''` unescaped. Borrowed unless it contains `''`.
pub(crate) fn parse_string_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Cow<'a, str>> {
    let Some(body) = i.strip_prefix('\'') else {
        return fail(i, "a string");
    };
    let mut owned: Option<String> = None;
    let mut seg = 0;
    let mut pos = 0;
    loop {
        let Some(k) = super::find_byte(&body.as_bytes()[pos..], b'\'') else {
            return failure(&body[body.len()..], "''' to close the string");
        };
        let q = pos + k;
        if body.as_bytes().get(q + 1) == Some(&b'\'') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&body[seg..=q]);
            pos = q + 2;
            seg = pos;
            continue;
        }
        if cx.path_mode {
            check_no_raw_slash(cx, &body[..q])?;
        }
        let value = match owned {
            None => Cow::Borrowed(&body[..q]),
            Some(mut s) => {
                s.push_str(&body[seg..q]);
                Cow::Owned(s)
            }
        };
        return Ok((&body[q + 1..], value));
    }
}

/// In a resource path a string may contain `/` only percent-encoded (`pchar-no-SQUOTE`).
fn check_no_raw_slash<'a>(cx: &Cx<'_>, s: &'a str) -> Result<(), NomErr<PError<'a>>> {
    for (n, _) in s.match_indices('/') {
        if cx.escaped_at(&s[n..]) != Some(true) {
            return Err(NomErr::Failure(PError::expected(
                &s[n..],
                "'%2F' for '/' inside a string in a resource path",
            )));
        }
    }
    Ok(())
}

/// Number literals, dates, times, date-times and GUIDs that start with a digit or sign.
pub(crate) fn parse_numeric_like<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Literal<'a>> {
    if let Some(n) = guid_len(i) {
        return Ok((&i[n..], Literal::Guid(Cow::Borrowed(&i[..n]))));
    }
    let b = i.as_bytes();
    let sign = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = b[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        if b.first() == Some(&b'-')
            && let Some(rest) = cx.strip_cs(&i[1..], "INF")
            && !rest.bytes().next().is_some_and(is_ident_byte)
        {
            return Ok((rest, Literal::Double(Cow::Borrowed("-INF"))));
        }
        return fail(&i[sign..], "a number");
    }
    let after = sign + digits;
    match b.get(after) {
        Some(b'-') if digits >= 4 && b[0] != b'+' => return parse_date_led(i, sign, digits),
        Some(b':') if digits == 2 && sign == 0 => {
            return match time_of_day_len(i) {
                Ok(n) => Ok((&i[n..], Literal::TimeOfDay(Cow::Borrowed(&i[..n])))),
                Err((at, what)) => failure(&i[at..], what),
            };
        }
        _ => {}
    }
    let mut n = after;
    let mut fraction = false;
    let mut exponent = false;
    if b.get(n) == Some(&b'.') {
        let f = b[n + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if f == 0 {
            return failure(&i[n + 1..], "a digit after the decimal point");
        }
        n += 1 + f;
        fraction = true;
    }
    if matches!(b.get(n), Some(b'e' | b'E')) {
        let mut m = n + 1;
        if matches!(b.get(m), Some(b'+' | b'-')) {
            m += 1;
        }
        let e = b[m..].iter().take_while(|c| c.is_ascii_digit()).count();
        if e > 0 {
            n = m + e;
            exponent = true;
        }
    }
    let text = &i[..n];
    // The canonical form has no `+`.
    let canonical = text.strip_prefix('+').unwrap_or(text);
    let lit = if exponent {
        Literal::Double(Cow::Borrowed(canonical))
    } else if fraction {
        Literal::Decimal(Cow::Borrowed(canonical))
    } else {
        match canonical.parse::<i64>() {
            Ok(v) => Literal::Integer(v),
            Err(_) => Literal::Decimal(Cow::Borrowed(canonical)),
        }
    };
    Ok((&i[n..], lit))
}

/// A date (`2014-09-01`), or a date-time with offset when `T` follows.
fn parse_date_led(i: &str, sign: usize, digits: usize) -> PResult<'_, Literal<'_>> {
    let n = match date_len(i, sign, digits) {
        Ok(n) => n,
        Err((at, what)) => return failure(&i[at..], what),
    };
    if matches!(i.as_bytes().get(n), Some(b'T' | b't')) {
        let t = &i[n + 1..];
        let tl = match time_of_day_len(t) {
            Ok(tl) => tl,
            Err((at, what)) => return failure(&t[at..], what),
        };
        let z = n + 1 + tl;
        let end = match zone_len(&i[z..]) {
            Ok(zl) => z + zl,
            Err((at, what)) => return failure(&i[z + at..], what),
        };
        return Ok((&i[end..], Literal::DateTimeOffset(Cow::Borrowed(&i[..end]))));
    }
    Ok((&i[n..], Literal::Date(Cow::Borrowed(&i[..n]))))
}

type Scan = Result<usize, (usize, &'static str)>;

/// `date = year "-" month "-" day`, with `year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )`.
fn date_len(i: &str, sign: usize, digits: usize) -> Scan {
    let b = i.as_bytes();
    if b[sign] == b'0' && digits != 4 {
        return Err((
            sign,
            "a year with four digits, or more without a leading zero",
        ));
    }
    let mut n = sign + digits + 1;
    n += two_digits(b, n, 1, 12, "a month from 01 to 12")?;
    if b.get(n) != Some(&b'-') {
        return Err((n, "'-' before the day"));
    }
    n += 1;
    n += two_digits(b, n, 1, 31, "a day from 01 to 31")?;
    Ok(n)
}

/// `timeOfDayLiteral = hour COLON minute [ COLON second [ "." fractionalSeconds ] ]`
pub(crate) fn time_of_day_len(i: &str) -> Scan {
    let b = i.as_bytes();
    let mut n = two_digits(b, 0, 0, 23, "an hour from 00 to 23")?;
    if b.get(n) != Some(&b':') {
        return Err((n, "':' after the hour"));
    }
    n += 1;
    n += two_digits(b, n, 0, 59, "a minute from 00 to 59")?;
    if b.get(n) == Some(&b':') && b.get(n + 1).is_some_and(u8::is_ascii_digit) {
        n += 1;
        n += two_digits(b, n, 0, 60, "a second from 00 to 60")?;
        if b.get(n) == Some(&b'.') {
            let f = b[n + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if f == 0 || f > 12 {
                return Err((n + 1, "1 to 12 digits of fractional seconds"));
            }
            n += 1 + f;
        }
    }
    Ok(n)
}

/// `( "Z" / SIGN hour COLON minute )`
fn zone_len(i: &str) -> Scan {
    let b = i.as_bytes();
    match b.first() {
        Some(b'Z' | b'z') => Ok(1),
        Some(b'+' | b'-') => {
            let h = 1 + two_digits(b, 1, 0, 23, "an offset hour from 00 to 23")?;
            if b.get(h) != Some(&b':') {
                return Err((h, "':' in the time zone offset"));
            }
            Ok(h + 1 + two_digits(b, h + 1, 0, 59, "an offset minute from 00 to 59")?)
        }
        _ => Err((0, "'Z' or a time zone offset such as +02:00")),
    }
}

fn two_digits(
    b: &[u8],
    at: usize,
    min: u8,
    max: u8,
    what: &'static str,
) -> Result<usize, (usize, &'static str)> {
    match (b.get(at), b.get(at + 1)) {
        (Some(d1 @ b'0'..=b'9'), Some(d2 @ b'0'..=b'9')) => {
            let v = (d1 - b'0') * 10 + (d2 - b'0');
            if (min..=max).contains(&v) {
                Ok(2)
            } else {
                Err((at, what))
            }
        }
        _ => Err((at, what)),
    }
}

/// `guid = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`, not followed by
/// an identifier character.
#[inline]
pub(crate) fn guid_len(i: &str) -> Option<usize> {
    let b = i.as_bytes();
    if b.len() < 36 || b[8] != b'-' {
        return None;
    }
    for (n, &c) in b[..36].iter().enumerate() {
        let ok = if matches!(n, 8 | 13 | 18 | 23) {
            c == b'-'
        } else {
            c.is_ascii_hexdigit()
        };
        if !ok {
            return None;
        }
    }
    if b.get(36).is_some_and(|&c| is_ident_byte(c) || c == b'-') {
        None
    } else {
        Some(36)
    }
}

/// `durationValue = [ "-" ] "P" [ 1*DIGIT "D" ] [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]`
pub(crate) fn duration_value_len(s: &str) -> Result<usize, usize> {
    let b = s.as_bytes();
    let mut n = usize::from(b.first() == Some(&b'-'));
    if !matches!(b.get(n), Some(b'P' | b'p')) {
        return Err(n);
    }
    n += 1;
    let digits = |at: usize| {
        b[at.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let d = digits(n);
    if d > 0 {
        if !matches!(b.get(n + d), Some(b'D' | b'd')) {
            return Err(n + d);
        }
        n += d + 1;
    }
    if !matches!(b.get(n), Some(b'T' | b't')) {
        return Ok(n);
    }
    n += 1;
    let mut stage = 0; // 0: H allowed, 1: M allowed, 2: S allowed
    loop {
        let d = digits(n);
        if d == 0 {
            return Ok(n);
        }
        let mut m = n + d;
        let mut frac = false;
        if b.get(m) == Some(&b'.') {
            let f = digits(m + 1);
            if f == 0 {
                return Err(m + 1);
            }
            m += 1 + f;
            frac = true;
        }
        let unit = match b.get(m).map(u8::to_ascii_uppercase) {
            Some(b'H') if !frac && stage == 0 => 1,
            Some(b'M') if !frac && stage <= 1 => 2,
            Some(b'S') if stage <= 2 => 3,
            _ => return Err(m),
        };
        stage = unit;
        n = m + 1;
        if stage == 3 {
            return Ok(n);
        }
    }
}

/// `binaryValue = *(4base64char) [ base64b16 / base64b8 ]` (base64url, padding optional).
pub(crate) fn binary_value_len(s: &str) -> Result<usize, usize> {
    let b = s.as_bytes();
    let core = b
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        .count();
    let pad = b[core..].iter().take_while(|&&c| c == b'=').count();
    let last = if core > 0 { b[core - 1] } else { 0 };
    let ok = match core % 4 {
        0 => pad == 0,
        3 => b"AEIMQUYcgkosw048".contains(&last) && pad <= 1,
        2 => b"AQgw".contains(&last) && (pad == 0 || pad == 2),
        _ => false,
    };
    if ok {
        Ok(core + pad)
    } else {
        Err(core.saturating_sub(1))
    }
}

/// `decimalValue` (payload form), covering `doubleValue` and `singleValue` too.
pub(crate) fn decimal_value_full(s: &str) -> Result<(), usize> {
    match decimal_value_len(s) {
        Ok(n) if n == s.len() => Ok(()),
        Ok(n) | Err(n) => Err(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_value_len("-P6DT23H59M59.9999S"), Ok(19));
        assert_eq!(duration_value_len("P1Y6D"), Err(2));
        assert_eq!(duration_value_len("P1M6D"), Err(2));
        assert_eq!(duration_value_len("PT1S"), Ok(4));
        assert_eq!(duration_value_len("+P1D"), Err(0));
    }

    #[test]
    fn binaries() {
        for ok in [
            "", "Zg==", "Zg", "Zm8=", "Zm8", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
        ] {
            assert_eq!(binary_value_len(ok), Ok(ok.len()), "{ok}");
        }
        assert!(binary_value_len("Zh").is_err());
        assert!(binary_value_len("Z").is_err());
    }

    #[test]
    fn guids() {
        assert_eq!(guid_len("01234567-89ab-cdef-0123-456789abcdef)"), Some(36));
        assert_eq!(guid_len("01234g67-89ab-cdef-0123-456789abcdef"), None);
        assert_eq!(guid_len("01234567-89ab-cdef-456789abcdef"), None);
    }
}

#[cfg(test)]
mod snapshots {
    #[test]
    fn literals() {
        case!(literal("null"), @"Null");
        case!(literal("tRUe"), @"Boolean(true)");
        case!(literal("-42"), @"Integer(-42)");
        case!(literal("+42"), @"Integer(42)");
        case!(literal("12345678901234567890"), @r#"Decimal("12345678901234567890")"#);
        case!(literal("3.14"), @r#"Decimal("3.14")"#);
        case!(literal("-0.314e1"), @r#"Double("-0.314e1")"#);
        case!(literal("INF"), @r#"Double("INF")"#);
        case!(literal("-INF"), @r#"Double("-INF")"#);
        case!(literal("NaN"), @r#"Double("NaN")"#);
        case!(literal("'O''Neil'"), @r#"String("O'Neil")"#);
        case!(literal("''"), @r#"String("")"#);
        case!(literal("2012-09-03"), @r#"Date("2012-09-03")"#);
        case!(literal("-10000-04-01"), @r#"Date("-10000-04-01")"#);
        case!(literal("2012-09-03T14:53+02:00"), @r#"DateTimeOffset("2012-09-03T14:53+02:00")"#);
        case!(literal("2012-08-31T18:19:22.1Z"), @r#"DateTimeOffset("2012-08-31T18:19:22.1Z")"#);
        case!(literal("23:59:59.123456789012"), @r#"TimeOfDay("23:59:59.123456789012")"#);
        case!(literal("01234567-89ab-cdef-0123-456789abcdef"), @r#"Guid("01234567-89ab-cdef-0123-456789abcdef")"#);
        case!(literal("abcdef01-89ab-cdef-0123-456789abcdef"), @r#"Guid("abcdef01-89ab-cdef-0123-456789abcdef")"#);
        case!(literal("duration'P6DT23H59M59.9999S'"), @r#"Duration("P6DT23H59M59.9999S")"#);
        case!(literal("binary'Zm9vYg=='"), @r#"Binary("Zm9vYg==")"#);
        case!(literal("Sales.Pattern'Solid,Yellow,+42'"), @r#"Enum(EnumLiteral { ty: Some(QualifiedName { text: "Sales.Pattern", span: 0..13 }), members: ["Solid", "Yellow", "+42"] })"#);
        case!(literal("geometry'SRID=0;MultiPolygon(((1 1,1 1),(1 1,2 2,3 3,1 1)))'"), @r#"Geo(GeoLiteral { kind: Geometry, text: "SRID=0;MultiPolygon(((1 1,1 1),(1 1,2 2,3 3,1 1)))" })"#);
        case!(literal("geography'SRID=0;GeometryCollection(Point(1 2),LineString(1 2,3 4))'"), @r#"Geo(GeoLiteral { kind: Geography, text: "SRID=0;GeometryCollection(Point(1 2),LineString(1 2,3 4))" })"#);
    }

    #[test]
    fn literal_errors() {
        case!(literal("42."), @"error@3..3: expected a digit after the decimal point, found end of input");
        case!(literal(".1"), @"error@0..2: expected a literal, found '.1'");
        case!(literal("2011-12-31T24:00Z"), @"error@11..13: expected an hour from 00 to 23, found '24'");
        case!(literal("2011-13-01"), @"error@5..7: expected a month from 01 to 12, found '13'");
        case!(literal("0123-01-01"), @r#"Date("0123-01-01")"#);
        case!(literal("01234-01-01"), @"error@0..5: expected a year with four digits, or more without a leading zero, found '01234'");
        case!(literal("2011-12-31T23:59"), @"error@16..16: expected 'Z' or a time zone offset such as +02:00, found end of input");
        case!(literal("12:60"), @"error@3..5: expected a minute from 00 to 59, found '60'");
        case!(literal("'O'Neil'"), @"error@3..7: expected end of the literal, found 'Neil'");
        case!(literal("duration'P1Y'"), @"error@11..12: expected a duration such as P1DT2H30M, found 'Y'");
        case!(literal("binary'Zh'"), @"error@8..9: expected base64url data, found 'h'");
        case!(literal("geography'Point(1 2)'"), @"error@10..15: expected 'SRID=' before the spatial value, found 'Point'");
        case!(literal("geography'SRID=0;Point(1)'"), @"error@24..25: expected a space and a second coordinate, found ')'");
        case!(literal("geography'SRID=0;LineString(1 2)'"), @"error@31..32: expected ',' and a second position, found ')'");
        case!(literal("Sales.Pattern'a b'"), @"error@15..16: expected an enum member name or integer, found ' '");
        case!(literal("X'1a2B3c4D'"), @"error@0..1: expected a literal prefix (duration, binary, geography, geometry) or a qualified enum type, found 'X'");
        case!(literal("Null"), @"error@0..4: expected a literal, found 'Null'");
    }
}
