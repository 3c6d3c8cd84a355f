//! JSON arrays and objects in URLs (ABNF section 5, `arrayOrObject`).

use std::borrow::Cow;

use super::expr::parse_common_expr;
use super::{Cx, PResult, commit, fail, failure, parse_bws, peek};
use crate::query::ast::{Expr, ExprKind, Literal};

/// `array = begin-array [ valueInUrl *( value-separator valueInUrl ) ] end-array`
pub(crate) fn parse_array<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(i)?;
    let mut r = parse_bws(&i[1..]);
    let mut items = Vec::new();
    if let Some(end) = r.strip_prefix(']') {
        return Ok((
            end,
            Expr {
                kind: ExprKind::Array(items),
                span: cx.span(i, end),
            },
        ));
    }
    loop {
        let (after, value) = parse_value_in_url(cx, r)?;
        items.push(value);
        let after = parse_bws(after);
        match peek(after) {
            Some(b',') => r = parse_bws(&after[1..]),
            Some(b']') => {
                let end = &after[1..];
                return Ok((
                    end,
                    Expr {
                        kind: ExprKind::Array(items),
                        span: cx.span(i, end),
                    },
                ));
            }
            _ => return failure(after, "',' or ']' in the array"),
        }
    }
}

/// `object = begin-object [ member *( value-separator member ) ] end-object`,
/// `member = stringInUrl name-separator valueInUrl`
pub(crate) fn parse_object<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(i)?;
    let mut r = parse_bws(&i[1..]);
    let mut members = Vec::new();
    if let Some(end) = r.strip_prefix('}') {
        return Ok((
            end,
            Expr {
                kind: ExprKind::Object(members),
                span: cx.span(i, end),
            },
        ));
    }
    loop {
        if peek(r) != Some(b'"') {
            return failure(r, "a member name in double quotes");
        }
        let (after, name) = parse_string_in_url(r)?;
        let after = parse_bws(after);
        let Some(after) = after.strip_prefix(':') else {
            return failure(after, "':' after the member name");
        };
        let after = parse_bws(after);
        let (after, value) = parse_value_in_url(cx, after)?;
        members.push((name, value));
        let after = parse_bws(after);
        match peek(after) {
            Some(b',') => r = parse_bws(&after[1..]),
            Some(b'}') => {
                let end = &after[1..];
                return Ok((
                    end,
                    Expr {
                        kind: ExprKind::Object(members),
                        span: cx.span(i, end),
                    },
                ));
            }
            _ => return failure(after, "',' or '}' in the object"),
        }
    }
}

/// `valueInUrl = stringInUrl / commonExpr`
fn parse_value_in_url<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    if peek(i) == Some(b'"') {
        let (rest, s) = parse_string_in_url(i)?;
        return Ok((
            rest,
            Expr {
                kind: ExprKind::Literal(Literal::String(s)),
                span: cx.span(i, rest),
            },
        ));
    }
    parse_common_expr(cx, i).map_err(commit(i, "a JSON value"))
}

/// `stringInUrl = quotation-mark *charInJSON quotation-mark`: the unescaped value,
/// borrowed unless it contains escapes.
pub(crate) fn parse_string_in_url(i: &str) -> PResult<'_, Cow<'_, str>> {
    let Some(body) = i.strip_prefix('"') else {
        return fail(i, "'\"'");
    };
    let b = body.as_bytes();
    let Some(stop) = b.iter().position(|&c| c == b'"' || c == b'\\') else {
        return failure(&body[body.len()..], "'\"' to close the string");
    };
    if b[stop] == b'"' {
        return Ok((&body[stop + 1..], Cow::Borrowed(&body[..stop])));
    }
    let mut out = String::with_capacity(body.len());
    out.push_str(&body[..stop]);
    let mut pos = stop;
    loop {
        let Some(k) = body[pos..].find(['"', '\\']) else {
            return failure(&body[body.len()..], "'\"' to close the string");
        };
        out.push_str(&body[pos..pos + k]);
        pos += k;
        if b[pos] == b'"' {
            return Ok((&body[pos + 1..], Cow::Owned(out)));
        }
        // escape ( quotation-mark / escape / "/" / %s"b" / %s"f" / %s"n" / %s"r" / %s"t" / %s"u" 4HEXDIG )
        let esc = b.get(pos + 1).copied();
        let c = match esc {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, used) = match unicode_escape(&body[pos..]) {
                    Some(ok) => ok,
                    None => return failure(&body[pos..], "a valid \\u escape"),
                };
                out.push(c);
                pos += used;
                continue;
            }
            _ => return failure(&body[pos..], "a JSON escape such as \\\" or \\n"),
        };
        out.push(c);
        pos += 2;
    }
}

/// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`: the character and the bytes used.
fn unicode_escape(s: &str) -> Option<(char, usize)> {
    let hex = |s: &str| -> Option<u32> {
        let h = s.get(2..6)?;
        if s.as_bytes().get(1) != Some(&b'u') || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    };
    let hi = hex(s)?;
    if (0xD800..0xDC00).contains(&hi) {
        let lo = hex(s.get(6..)?)?;
        if !(0xDC00..0xE000).contains(&lo) {
            return None;
        }
        let c = char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?;
        return Some((c, 12));
    }
    Some((char::from_u32(hi)?, 6))
}

#[cfg(test)]
mod tests {
    #[test]
    fn json() {
        case!(filter("[]"), @"(array@0..2)");
        case!(filter("{}"), @"(object@0..2)");
        case!(filter("[ \"a\" , 1 , true , null , 'b' , [ ] ]"), @"(array@0..37 (string@2..5 'a') (int@8..9 1) (bool@12..16 true) (null@19..23 null) (string@26..29 'b') (array@32..35))");
        case!(filter(r#"{"FirstName":Customer/FirstName,"Sizes":[1, 2 add 3]}"#), @r#"(object@0..53 ("FirstName" (path@13..31 Customer FirstName)) ("Sizes" (array@40..52 (int@41..42 1) (add@44..51 (int@44..45 2) (int@50..51 3)))))"#);
        case!(filter(r#"{"esc":"q\"b\\s\/n\n\u00e9\ud83d\ude00"}"#), @r#"
        (object@0..40 ("esc" (string@7..39 'q"b\s/n
        é😀')))
        "#);
        case!(filter(r#"["a" eq "b"]"#), @"error@5..7: expected ',' or ']' in the array, found 'eq'");
        case!(filter(r#"{"a"}"#), @"error@4..5: expected ':' after the member name, found '}'");
        case!(filter(r#"{a:1}"#), @"error@1..2: expected a member name in double quotes, found 'a'");
        case!(filter(r#"["\x"]"#), @r#"error@2..3: expected a JSON escape such as \" or \n, found '\'"#);
        case!(filter(r#"["\ud83d"]"#), @r"error@2..3: expected a valid \u escape, found '\'");
        case!(filter("[1,2"), @"error@4..4: expected ',' or ']' in the array, found end of input");
        case!(filter(r#"["open"#), @r#"error@6..6: expected '"' to close the string, found end of input"#);
    }
}
