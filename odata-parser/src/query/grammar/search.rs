//! `$search` expressions (ABNF section 2, `searchExpr`).
//!
//! Precedence, lowest first: `OR`, `AND` (also written as plain whitespace), `NOT`.
//! The operators are `%s` literals: only the uppercase words are operators, and
//! only where an operand follows (`$search=AND` searches for the word "AND").

use std::borrow::Cow;

use nom::Err as NomErr;

use super::{Cx, PResult, commit, fail, failure, parse_bws, peek, ws_len};
use crate::query::ast::{SearchExpr, SearchExprKind};
use crate::span::NodeSpan;

/// Where the search expression is written: `;` separates nested options, so there a
/// literal `;` ends a word (`%3B` does not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SearchPlace {
    TopLevel,
    Nested,
}

/// `BWS ( searchExpr / searchExpr-incomplete )`: the value of `$search`.
pub(crate) fn parse_search_value<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: SearchPlace,
) -> PResult<'a, SearchExpr<'a>> {
    parse_search_expr(cx, parse_bws(i), place)
}

/// `searchExpr`, with `OR` binding loosest.
pub(crate) fn parse_search_expr<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: SearchPlace,
) -> PResult<'a, SearchExpr<'a>> {
    let (mut r, mut lhs) = parse_search_and(cx, i, place)?;
    loop {
        let ws = ws_len(r);
        if ws == 0 {
            break;
        }
        let Some(after) = r[ws..].strip_prefix("OR") else {
            break;
        };
        let gap = ws_len(after);
        if gap == 0 {
            break;
        }
        // searchOrExpr = RWS %s"OR" RWS searchExpr
        match parse_search_and(cx, &after[gap..], place) {
            Ok((rest, rhs)) => {
                let span = NodeSpan(lhs.span.0.to(rhs.span.0));
                lhs = SearchExpr {
                    kind: SearchExprKind::Or(Box::new((lhs, rhs))),
                    span,
                };
                r = rest;
            }
            Err(NomErr::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    Ok((r, lhs))
}

/// Whether `s` starts with the operator word `kw` followed by whitespace and an operand.
fn is_operator(s: &str, kw: &str) -> bool {
    let Some(after) = s.strip_prefix(kw) else {
        return false;
    };
    let gap = ws_len(after);
    gap > 0 && !matches!(peek(&after[gap..]), None | Some(b')'))
}

/// `searchAndExpr = RWS [ %s"AND" RWS ] searchExpr`, left-associative.
fn parse_search_and<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: SearchPlace,
) -> PResult<'a, SearchExpr<'a>> {
    let (mut r, mut lhs) = parse_search_not(cx, i, place)?;
    loop {
        let ws = ws_len(r);
        if ws == 0 {
            break;
        }
        let after = &r[ws..];
        if is_operator(after, "OR") {
            break;
        }
        let operand = if is_operator(after, "AND") {
            parse_bws(&after[3..])
        } else {
            after
        };
        match parse_search_not(cx, operand, place) {
            Ok((rest, rhs)) => {
                let span = NodeSpan(lhs.span.0.to(rhs.span.0));
                lhs = SearchExpr {
                    kind: SearchExprKind::And(Box::new((lhs, rhs))),
                    span,
                };
                r = rest;
            }
            Err(NomErr::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    Ok((r, lhs))
}

/// `searchNegateExpr = %s"NOT" RWS searchExpr`, binding tightest.
fn parse_search_not<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: SearchPlace,
) -> PResult<'a, SearchExpr<'a>> {
    if is_operator(i, "NOT") {
        let _guard = cx.enter(i)?;
        let operand = parse_bws(&i[3..]);
        match parse_search_not(cx, operand, place) {
            Ok((rest, e)) => {
                return Ok((
                    rest,
                    SearchExpr {
                        kind: SearchExprKind::Not(Box::new(e)),
                        span: cx.span(i, rest),
                    },
                ));
            }
            Err(NomErr::Error(_)) => {}
            Err(e) => return Err(e),
        }
    }
    parse_search_primary(cx, i, place)
}

/// `searchParenExpr / searchPhrase / searchWord / searchExpr-incomplete`
fn parse_search_primary<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    place: SearchPlace,
) -> PResult<'a, SearchExpr<'a>> {
    match peek(i) {
        Some(b'(') => {
            // searchParenExpr = OPEN BWS searchExpr BWS CLOSE
            let _guard = cx.enter(i)?;
            let inner = parse_bws(&i[1..]);
            let (rest, mut e) = parse_search_expr(cx, inner, place)
                .map_err(commit(inner, "a search term after '('"))?;
            let rest = parse_bws(rest);
            match rest.strip_prefix(')') {
                Some(end) => {
                    e.span = cx.span(i, end);
                    Ok((end, e))
                }
                None => failure(rest, "')' to close the search group"),
            }
        }
        Some(b'"') => {
            // searchPhrase = quotation-mark 1*( qchar-no-AMP-DQUOTE / SP ) quotation-mark
            let body = &i[1..];
            match body.find('"') {
                Some(0) => failure(body, "a phrase between the double quotes"),
                Some(n) => {
                    let end = &body[n + 1..];
                    let kind = SearchExprKind::Phrase(Cow::Borrowed(&body[..n]));
                    Ok((
                        end,
                        SearchExpr {
                            kind,
                            span: cx.span(i, end),
                        },
                    ))
                }
                None => failure(&body[body.len()..], "'\"' to close the phrase"),
            }
        }
        Some(b'\'') => {
            // searchExpr-incomplete = SQUOTE *( SQUOTE-in-string / qchar-no-AMP-SQUOTE / quotation-mark / SP ) SQUOTE
            let body = &i[1..];
            let mut pos = 0;
            loop {
                let Some(k) = body[pos..].find('\'') else {
                    return failure(&body[body.len()..], "''' to close the quoted search text");
                };
                let q = pos + k;
                if body.as_bytes().get(q + 1) == Some(&b'\'') {
                    pos = q + 2;
                    continue;
                }
                let end = &body[q + 1..];
                let kind = SearchExprKind::Word(Cow::Borrowed(&i[..q + 2]));
                return Ok((
                    end,
                    SearchExpr {
                        kind,
                        span: cx.span(i, end),
                    },
                ));
            }
        }
        _ => {
            let n = word_len(cx, i, place);
            if n == 0 {
                return fail(i, "a search term");
            }
            let end = &i[n..];
            Ok((
                end,
                SearchExpr {
                    kind: SearchExprKind::Word(Cow::Borrowed(&i[..n])),
                    span: cx.span(i, end),
                },
            ))
        }
    }
}

/// `searchWord = searchChar *( searchChar / SQUOTE )`: everything up to whitespace,
/// a parenthesis or a double quote. A `;` belongs to the word if it was written
/// `%3B`, or, for text that did not come from a URL, outside nested options.
fn word_len(cx: &Cx<'_>, i: &str, place: SearchPlace) -> usize {
    let b = i.as_bytes();
    let mut n = 0;
    while n < b.len() {
        match b[n] {
            b' ' | b'\t' | b'(' | b')' | b'"' => break,
            b'\'' if n == 0 => break,
            b';' => {
                let ok = match cx.escaped_at(&i[n..]) {
                    Some(escaped) => escaped,
                    None => place == SearchPlace::TopLevel,
                };
                if !ok {
                    break;
                }
                n += 1;
            }
            _ => n += 1,
        }
    }
    // never split a UTF-8 sequence: the stop bytes are ASCII
    n
}

#[cfg(test)]
mod tests {
    #[test]
    fn search() {
        case!(search("blue"), @r#""blue"@0..4"#);
        case!(search("blue green"), @r#"(AND@0..10 "blue"@0..4 "green"@5..10)"#);
        case!(search("blue AND green OR red"), @r#"(OR@0..21 (AND@0..14 "blue"@0..4 "green"@9..14) "red"@18..21)"#);
        case!(search("blue OR green AND red"), @r#"(OR@0..21 "blue"@0..4 (AND@8..21 "green"@8..13 "red"@18..21))"#);
        case!(search("NOT blue green"), @r#"(AND@0..14 (NOT@0..8 "blue"@4..8) "green"@9..14)"#);
        case!(search("NOT (blue green)"), @r#"(NOT@0..16 (AND@4..16 "blue"@5..9 "green"@10..15))"#);
        case!(search("AND"), @r#""AND"@0..3"#);
        case!(search("NOT NOT"), @r#"(NOT@0..7 "NOT"@4..7)"#);
        case!(search("AND OR"), @r#"(AND@0..6 "AND"@0..3 "OR"@4..6)"#);
        case!(search("AND OR NOT"), @r#"(OR@0..10 "AND"@0..3 "NOT"@7..10)"#);
        case!(search("\"blue green\""), @r#"(phrase "blue green")@0..12"#);
        case!(search("'\"blue' \"green\""), @r#"(AND@0..15 "'\"blue'"@0..7 (phrase "green")@8..15)"#);
        case!(search("Daniel's"), @r#""Daniel's"@0..8"#);
        case!(search("a;b"), @r#""a;b"@0..3"#);
        case!(search("  blue"), @r#""blue"@2..6"#);
        case!(search("and or"), @r#"(AND@0..6 "and"@0..3 "or"@4..6)"#);
    }

    #[test]
    fn search_errors() {
        case!(search(""), @"error@0..0: expected a search term, found end of input");
        case!(search("\"blue"), @r#"error@5..5: expected '"' to close the phrase, found end of input"#);
        case!(search("\"\""), @r#"error@1..2: expected a phrase between the double quotes, found '"'"#);
        case!(search("(blue"), @"error@5..5: expected ')' to close the search group, found end of input");
        case!(search("blue)"), @"error@4..5: expected 'AND', 'OR', a search term or end of input, found ')'");
        case!(search("\"blue\"green"), @"error@6..11: expected 'AND', 'OR', a search term or end of input, found 'green'");
        case!(search("'open"), @"error@5..5: expected ''' to close the quoted search text, found end of input");
    }
}
