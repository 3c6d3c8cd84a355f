//! Expressions (ABNF section 4): `commonExpr` with the specification's operator
//! precedence, lowest first: `or`; `and`; `eq ne gt ge lt le has in`; `add sub`;
//! `mul div divby mod`; unary `-` and `not`. Binary operators associate to the left.
//!
//! The ABNF writes `commonExpr` right-recursively and leaves precedence to the
//! prose; [`parse_common_expr`] climbs precedence levels in a loop, so a chain of
//! 20,000 `or` clauses is parsed iteratively in linear time and constant stack.
//!
//! Function calls (`methodCallExpr`, `castExpr`, `isofExpr`, `caseMethodCallExpr`)
//! are in [`super::call`].

use std::borrow::Cow;

use nom::Err as NomErr;

use super::call::{geo_function, parse_method_call, parse_special_call};
use super::ident::{ident_len, qualified_len};
use super::json::{parse_array, parse_object};
use super::literal::{
    guid_len, keyword_literal, parse_enum_body, parse_numeric_like, parse_prefixed_literal,
    parse_primitive_literal, parse_string_literal,
};
use super::path::{parse_at_led, parse_dollar_led, parse_member_path, parse_simple_path};
use super::{
    Cx, PError, PResult, Problem, commit, fail, failure, parse_bws, peek, strip_ci, ws_len,
};
use crate::query::ast::{
    BinaryOp, EnumLiteral, Expr, ExprKind, InList, Literal, MemberPath, PathRoot, QualifiedName,
    UnaryOp,
};
use crate::span::NodeSpan;

/// `commonExpr` (and `boolCommonExpr`, which the syntax cannot tell apart).
#[inline]
pub(crate) fn parse_common_expr<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    parse_binary(cx, i, 1)
}

/// A binary operator or `in`.
#[derive(Clone, Copy)]
enum Op {
    Bin(BinaryOp),
    In,
}

impl Op {
    #[inline]
    fn precedence(self) -> u8 {
        match self {
            Op::Bin(b) => b.precedence(),
            Op::In => 3,
        }
    }
}

/// The message when the right operand of `op` is missing.
fn operand_after(op: Op) -> &'static str {
    match op {
        Op::In => "a list or an expression after 'in'",
        Op::Bin(b) => match b {
            BinaryOp::Or => "an expression after 'or'",
            BinaryOp::And => "an expression after 'and'",
            BinaryOp::Eq => "an expression after 'eq'",
            BinaryOp::Ne => "an expression after 'ne'",
            BinaryOp::Gt => "an expression after 'gt'",
            BinaryOp::Ge => "an expression after 'ge'",
            BinaryOp::Lt => "an expression after 'lt'",
            BinaryOp::Le => "an expression after 'le'",
            BinaryOp::Has => "an enum literal after 'has'",
            BinaryOp::Add => "an expression after 'add'",
            BinaryOp::Sub => "an expression after 'sub'",
            BinaryOp::Mul => "an expression after 'mul'",
            BinaryOp::Div => "an expression after 'div'",
            BinaryOp::DivBy => "an expression after 'divby'",
            BinaryOp::Mod => "an expression after 'mod'",
        },
    }
}

/// `RWS op RWS`: the operator after `i` and the input after its keyword, if `i`
/// continues with one. An operator keyword at the very end of the input counts, so
/// that `a eq` reports the missing operand.
#[inline]
fn peek_operator(i: &str) -> Option<(Op, &str)> {
    if !matches!(peek(i), Some(b' ' | b'\t')) {
        return None;
    }
    let r = &i[ws_len(i)..];
    let b = r.as_bytes();
    // `| 0x20` folds exactly the two cases of a letter together, and maps no other byte
    // onto a lowercase letter; a missing byte reads as 0
    let lc = |k: usize| b.get(k).map_or(0, |&c| c | 0x20);
    let third = |c: u8| lc(2) == c;
    let (op, len) = match (lc(0), lc(1)) {
        (b'a', b'n') if third(b'd') => (Op::Bin(BinaryOp::And), 3),
        (b'a', b'd') if third(b'd') => (Op::Bin(BinaryOp::Add), 3),
        (b'd', b'i') if third(b'v') => {
            if lc(3) == b'b' && lc(4) == b'y' {
                (Op::Bin(BinaryOp::DivBy), 5)
            } else {
                (Op::Bin(BinaryOp::Div), 3)
            }
        }
        (b'e', b'q') => (Op::Bin(BinaryOp::Eq), 2),
        (b'g', b't') => (Op::Bin(BinaryOp::Gt), 2),
        (b'g', b'e') => (Op::Bin(BinaryOp::Ge), 2),
        (b'h', b'a') if third(b's') => (Op::Bin(BinaryOp::Has), 3),
        (b'i', b'n') => (Op::In, 2),
        (b'l', b't') => (Op::Bin(BinaryOp::Lt), 2),
        (b'l', b'e') => (Op::Bin(BinaryOp::Le), 2),
        (b'm', b'u') if third(b'l') => (Op::Bin(BinaryOp::Mul), 3),
        (b'm', b'o') if third(b'd') => (Op::Bin(BinaryOp::Mod), 3),
        (b'n', b'e') => (Op::Bin(BinaryOp::Ne), 2),
        (b'o', b'r') => (Op::Bin(BinaryOp::Or), 2),
        (b's', b'u') if third(b'b') => (Op::Bin(BinaryOp::Sub), 3),
        _ => return None,
    };
    match b.get(len) {
        None | Some(b' ' | b'\t') => Some((op, &r[len..])),
        _ => None,
    }
}

/// Precedence climbing: operands bind tighter than `min_prec`; left-associative.
fn parse_binary<'a>(cx: &Cx<'_>, i: &'a str, min_prec: u8) -> PResult<'a, Expr<'a>> {
    let (mut i, mut lhs) = parse_unary(cx, i)?;
    while let Some((op, after)) = peek_operator(i) {
        let prec = op.precedence();
        if prec < min_prec {
            break;
        }
        let operand = parse_bws(after);
        let (rest, kind, end) = match op {
            Op::In => {
                let (rest, list) = parse_in_list(cx, operand, prec + 1)
                    .map_err(commit(operand, operand_after(op)))?;
                let end = match &list {
                    InList::List(_) => cx.span(operand, rest),
                    InList::Expr(e) => e.span,
                };
                (
                    rest,
                    ExprKind::In {
                        operand: Box::new(lhs),
                        list,
                    },
                    end,
                )
            }
            Op::Bin(BinaryOp::Has) => {
                let (rest, rhs) =
                    parse_has_operand(cx, operand).map_err(commit(operand, operand_after(op)))?;
                let end = rhs.span;
                (
                    rest,
                    ExprKind::Binary {
                        op: BinaryOp::Has,
                        operands: Box::new((lhs, rhs)),
                    },
                    end,
                )
            }
            Op::Bin(b) => {
                let (rest, rhs) = parse_binary(cx, operand, prec + 1)
                    .map_err(commit(operand, operand_after(op)))?;
                let end = rhs.span;
                (
                    rest,
                    ExprKind::Binary {
                        op: b,
                        operands: Box::new((lhs, rhs)),
                    },
                    end,
                )
            }
        };
        let start = match &kind {
            ExprKind::In { operand, .. } => operand.span,
            ExprKind::Binary { operands, .. } => operands.0.span,
            _ => end,
        };
        lhs = Expr {
            kind,
            span: NodeSpan(start.0.to(end.0)),
        };
        i = rest;
    }
    Ok((i, lhs))
}

/// `inExpr = RWS "in" RWS ( listExpr / commonExpr )`, after the operator.
fn parse_in_list<'a>(cx: &Cx<'_>, i: &'a str, prec: u8) -> PResult<'a, InList<'a>> {
    if peek(i) == Some(b'(') {
        match parse_list_expr(cx, i) {
            Ok((rest, items)) => return Ok((rest, InList::List(items))),
            Err(NomErr::Error(list_err)) => {
                return match parse_binary(cx, i, prec) {
                    Ok((rest, e)) => Ok((rest, InList::Expr(Box::new(e)))),
                    Err(NomErr::Error(e) | NomErr::Failure(e)) => {
                        Err(NomErr::Failure(nom::error::ParseError::or(list_err, e)))
                    }
                    Err(e) => Err(e),
                };
            }
            Err(e) => return Err(e),
        }
    }
    let (rest, e) = parse_binary(cx, i, prec)?;
    Ok((rest, InList::Expr(Box::new(e))))
}

/// `listExpr = OPEN BWS [ primitiveLiteral BWS *( COMMA BWS primitiveLiteral BWS ) ] CLOSE`
fn parse_list_expr<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<Expr<'a>>> {
    let _guard = cx.enter(i)?;
    let mut r = parse_bws(&i[1..]);
    let mut items = Vec::new();
    if let Some(rest) = r.strip_prefix(')') {
        return Ok((rest, items));
    }
    loop {
        let (rest, lit) = parse_primitive_literal(cx, r)?;
        items.push(literal_expr(cx, r, rest, lit));
        let rest = parse_bws(rest);
        match peek(rest) {
            Some(b',') => r = parse_bws(&rest[1..]),
            Some(b')') => return Ok((&rest[1..], items)),
            _ => return fail(rest, "',' or ')' in the list"),
        }
    }
}

/// `hasExpr = RWS "has" RWS enumLiteral`, after the operator; a parameter alias is
/// accepted too.
fn parse_has_operand<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    match peek(i) {
        Some(b'\'') => {
            let (rest, members) = parse_enum_body(i)?;
            let lit = Literal::Enum(Box::new(EnumLiteral { ty: None, members }));
            Ok((rest, literal_expr(cx, i, rest, lit)))
        }
        Some(b'@') => parse_at_led(cx, i),
        _ => {
            let n = qualified_len(i).unwrap_or(0);
            let (word, rest) = i.split_at(n);
            if n == 0 || !word.contains('.') || peek(rest) != Some(b'\'') {
                return fail(i, "an enum literal after 'has'");
            }
            parse_qualified_enum(cx, i, word, rest)
        }
    }
}

/// `negateExpr = "-" BWS commonExpr`, `notExpr = "not" RWS boolCommonExpr`, or a primary.
fn parse_unary<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    match peek(i) {
        Some(b'-') => return parse_negate(cx, i),
        Some(b'n' | b'N') => {
            if let Some(after) = strip_ci(i, "not") {
                let ws = ws_len(after);
                if ws > 0 || (cx.loose_syntax && peek(after) == Some(b'(')) {
                    return parse_not(cx, i, &after[ws..]);
                }
            }
        }
        _ => {}
    }
    parse_primary(cx, i)
}

/// `negateExpr = "-" BWS commonExpr`, or a negative number. `i` starts at `-`.
fn parse_negate<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let next = i.as_bytes().get(1).copied();
    if (next.is_some_and(|b| b.is_ascii_digit()) || cx.strip_cs(&i[1..], "INF").is_some())
        && let Ok(ok) = parse_numeric_like(cx, i)
    {
        let (rest, lit) = ok;
        return Ok((rest, literal_expr(cx, i, rest, lit)));
    }
    let _guard = cx.enter(i)?;
    let operand = parse_bws(&i[1..]);
    let (rest, e) = parse_unary(cx, operand).map_err(commit(operand, "an expression after '-'"))?;
    let kind = ExprKind::Unary {
        op: UnaryOp::Neg,
        operand: Box::new(e),
    };
    Ok((
        rest,
        Expr {
            kind,
            span: cx.span(i, rest),
        },
    ))
}

/// `notExpr = "not" RWS boolCommonExpr`; `operand` follows the whitespace.
fn parse_not<'a>(cx: &Cx<'_>, i: &'a str, operand: &'a str) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(i)?;
    let (rest, e) =
        parse_unary(cx, operand).map_err(commit(operand, "an expression after 'not'"))?;
    let kind = ExprKind::Unary {
        op: UnaryOp::Not,
        operand: Box::new(e),
    };
    Ok((
        rest,
        Expr {
            kind,
            span: cx.span(i, rest),
        },
    ))
}

/// The operand level: literals, JSON, paths, calls and parenthesized expressions,
/// chosen by the first byte.
#[inline]
fn parse_primary<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let Some(b) = peek(i) else {
        return fail(i, "an expression");
    };
    match b {
        b'(' => parse_paren_expr(cx, i),
        b'\'' => {
            let (rest, s) = parse_string_literal(cx, i)?;
            Ok((
                rest,
                Expr {
                    kind: ExprKind::Literal(Literal::String(s)),
                    span: cx.span(i, rest),
                },
            ))
        }
        b'0'..=b'9' | b'+' | b'-' => {
            let (rest, lit) = parse_numeric_like(cx, i)?;
            Ok((rest, literal_expr(cx, i, rest, lit)))
        }
        b'[' => parse_array(cx, i),
        b'{' => parse_object(cx, i),
        b'$' => parse_dollar_led(cx, i),
        b'@' => parse_at_led(cx, i),
        b if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => parse_ident_led(cx, i),
        _ => fail(i, "an expression"),
    }
}

/// `parenExpr = OPEN BWS commonExpr BWS CLOSE`
fn parse_paren_expr<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(i)?;
    let inner = parse_bws(&i[1..]);
    let (rest, mut e) =
        parse_common_expr(cx, inner).map_err(commit(inner, "an expression after '('"))?;
    let rest = parse_bws(rest);
    match rest.strip_prefix(')') {
        Some(after) => {
            e.span = cx.span(i, after);
            Ok((after, e))
        }
        None => failure(rest, "an operator or ')'"),
    }
}

/// Everything that starts with a letter: keywords, literals with a prefix, enum
/// literals, GUIDs, canonical functions, `cast`, `isof`, `case`, and member paths.
#[inline]
fn parse_ident_led<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    if i.as_bytes()[0].is_ascii_hexdigit()
        && let Some(n) = guid_len(i)
    {
        let lit = Literal::Guid(Cow::Borrowed(&i[..n]));
        return Ok((
            &i[n..],
            Expr {
                kind: ExprKind::Literal(lit),
                span: cx.span(i, &i[n..]),
            },
        ));
    }
    let first = match ident_len(i) {
        Ok(0) => return fail(i, "an expression"),
        Ok(n) => n,
        Err(()) => return Err(NomErr::Failure(PError::new(i, Problem::IdentifierTooLong))),
    };
    let b = i.as_bytes();
    match b.get(first) {
        Some(b'(') => {
            let word = &i[..first];
            let rest = &i[first..];
            if let Some(e) = parse_special_call(cx, i, word, rest) {
                return e;
            }
            if word.eq_ignore_ascii_case("any") || word.eq_ignore_ascii_case("all") {
                return failure(i, "a collection path before the lambda operator");
            }
            if word.eq_ignore_ascii_case("not") {
                // `not(…)` is a call of something named `not` to the ABNF; say what was meant.
                return parse_member_path(cx, i).map_err(|_| {
                    NomErr::Failure(PError::expected(
                        rest,
                        "a space after 'not' (or the lenient preset)",
                    ))
                });
            }
            parse_member_path(cx, i)
        }
        Some(b'\'') => {
            let (rest, lit) = parse_prefixed_literal(cx, &i[..first], &i[first..])?;
            Ok((rest, literal_expr(cx, i, rest, lit)))
        }
        Some(b'.')
            if b.get(first + 1)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_' || c >= 0x80) =>
        {
            let n = qualified_len(i)
                .map_err(|()| NomErr::Failure(PError::new(i, Problem::IdentifierTooLong)))?;
            let (word, rest) = i.split_at(n);
            match peek(rest) {
                Some(b'\'') => parse_qualified_enum(cx, i, word, rest),
                Some(b'(') => {
                    if let Some(f) = geo_function(word) {
                        return parse_method_call(cx, i, f, rest);
                    }
                    parse_member_path(cx, i)
                }
                _ => parse_member_path(cx, i),
            }
        }
        next => {
            let word = &i[..first];
            // `true`, `false`, `null`, `INF`, `NaN` (three to five letters)
            if (3..=5).contains(&first)
                && next.is_none_or(|&c| c != b'/')
                && let Some(lit) = keyword_literal(cx, word)
            {
                let rest = &i[first..];
                return Ok((rest, literal_expr(cx, i, rest, lit)));
            }
            parse_simple_path(cx, i, first)
        }
    }
}

/// `enumLiteral = qualifiedEnumTypeName SQUOTE enumValue SQUOTE`: `word` is the type
/// name at the start of `i`, `rest` starts at the quote.
fn parse_qualified_enum<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    word: &'a str,
    rest: &'a str,
) -> PResult<'a, Expr<'a>> {
    let ty = QualifiedName {
        text: Cow::Borrowed(word),
        span: cx.span(i, rest),
    };
    let (rest, members) = parse_enum_body(rest)?;
    let lit = Literal::Enum(Box::new(EnumLiteral {
        ty: Some(ty),
        members,
    }));
    Ok((rest, literal_expr(cx, i, rest, lit)))
}

/// A literal as an expression, spanning from `start` to `end`.
#[inline]
pub(crate) fn literal_expr<'a>(
    cx: &Cx<'_>,
    start: &'a str,
    end: &'a str,
    lit: Literal<'a>,
) -> Expr<'a> {
    Expr {
        kind: ExprKind::Literal(lit),
        span: cx.span(start, end),
    }
}

/// An `Expr` for a parameter alias `@name` (used for key values and `has` operands).
pub(crate) fn alias_expr<'a>(cx: &Cx<'_>, at: &'a str, name: &'a str, end: &'a str) -> Expr<'a> {
    Expr {
        kind: ExprKind::Path(MemberPath {
            root: PathRoot::Alias(Cow::Borrowed(name)),
            segments: Box::default(),
        }),
        span: cx.span(at, end),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn operators_and_precedence() {
        case!(filter("From/EmailAddress/Address eq 'hr@contoso.com'"), @"(eq@0..45 (path@0..25 From EmailAddress Address) (string@29..45 'hr@contoso.com'))");
        case!(filter("Name EQ 'Milk' AND Price LT 2.55"), @"(and@0..32 (eq@0..14 (path@0..4 Name) (string@8..14 'Milk')) (lt@19..32 (path@19..24 Price) (decimal@28..32 2.55)))");
        case!(filter("a or b and c"), @"(or@0..12 (path@0..1 a) (and@5..12 (path@5..6 b) (path@11..12 c)))");
        case!(filter("a and b or c"), @"(or@0..12 (and@0..7 (path@0..1 a) (path@6..7 b)) (path@11..12 c))");
        case!(filter("a eq 1 add 2 mul 3"), @"(eq@0..18 (path@0..1 a) (add@5..18 (int@5..6 1) (mul@11..18 (int@11..12 2) (int@17..18 3))))");
        case!(filter("a sub b sub c"), @"(sub@0..13 (sub@0..7 (path@0..1 a) (path@6..7 b)) (path@12..13 c))");
        case!(filter("a div b divby c mod d"), @"(mod@0..21 (divby@0..15 (div@0..7 (path@0..1 a) (path@6..7 b)) (path@14..15 c)) (path@20..21 d))");
        case!(filter("-Price mul 2"), @"(mul@0..12 (neg@0..6 (path@1..6 Price)) (int@11..12 2))");
        case!(filter("not a eq b"), @"(eq@0..10 (not@0..5 (path@4..5 a)) (path@9..10 b))");
        case!(filter("not (a eq b)"), @"(not@0..12 (eq@4..12 (path@5..6 a) (path@10..11 b)))");
        case!(filter("- - 1"), @"(neg@0..5 (neg@2..5 (int@4..5 1)))");
        case!(filter("a eq b eq c"), @"(eq@0..11 (eq@0..6 (path@0..1 a) (path@5..6 b)) (path@10..11 c))");
        case!(filter("style has Sales.Pattern'Yellow'"), @"(has@0..31 (path@0..5 style) (enum@10..31 Sales.Pattern'Yellow'))");
        case!(filter("style has 'Yellow,Red'"), @"(has@0..22 (path@0..5 style) (enum@10..22 'Yellow,Red'))");
        case!(filter("a has @p"), @"(has@0..8 (path@0..1 a) (path@6..8 @p))");
        case!(filter("Name in ('Milk', 'Cheese')"), @"(in@0..26 (path@0..4 Name) (list (string@9..15 'Milk') (string@17..25 'Cheese')))");
        case!(filter("Name in ()"), @"(in@0..10 (path@0..4 Name) (list))");
        case!(filter("Name in (Other)"), @"(in@0..15 (path@0..4 Name) (path@8..15 Other))");
        case!(filter("Name in [\"a\",'b']"), @"(in@0..17 (path@0..4 Name) (array@8..17 (string@9..12 'a') (string@13..16 'b')))");
        case!(filter("x in (1 add 2)"), @"(in@0..14 (path@0..1 x) (add@5..14 (int@6..7 1) (int@12..13 2)))");
        case!(filter("(4 add 5) mod (4 sub 1) eq 0"), @"(eq@0..28 (mod@0..23 (add@0..9 (int@1..2 4) (int@7..8 5)) (sub@14..23 (int@15..16 4) (int@21..22 1))) (int@27..28 0))");
        case!(filter("( true )"), @"(bool@0..8 true)");
        case!(filter("a\teq\t1"), @"(eq@0..6 (path@0..1 a) (int@5..6 1))");
    }

    #[test]
    fn errors() {
        case!(filter(""), @"error@0..0: expected an expression, found end of input");
        case!(filter("Price eq"), @"error@8..8: expected an expression after 'eq', found end of input");
        case!(filter("Price eq "), @"error@9..9: expected an expression after 'eq', found end of input");
        case!(filter("Price eqx 5"), @"error@6..9: expected an operator or end of input, found 'eqx'");
        case!(filter("Price eq 5 "), @"error@10..11: expected no whitespace at the end, found ' '");
        case!(filter("(a eq b"), @"error@7..7: expected an operator or ')', found end of input");
        case!(filter("a eq (b"), @"error@7..7: expected an operator or ')', found end of input");
        case!(filter("contains(a)"), @"error@0..8: function 'contains' takes 2 arguments, found 1");
        case!(filter("length(a,b)"), @"error@0..6: function 'length' takes 1 argument, found 2");
        case!(filter("now(1)"), @"error@0..3: function 'now' takes 0 arguments, found 1");
        case!(filter("concat(a,)"), @"error@9..10: expected a function argument, found ')'");
        case!(filter("not"), @"(path@0..3 not)");
        case!(filter("a and not"), @"(and@0..9 (path@0..1 a) (path@6..9 not))");
        case!(filter("-"), @"error@1..1: expected an expression after '-', found end of input");
        case!(filter("a has b"), @"error@6..7: expected an enum literal after 'has', found 'b'");
        case!(filter("a in"), @"error@4..4: expected a list or an expression after 'in', found end of input");
        case!(filter("EmailAddresses eq ('Miller','Smith')"), @"error@27..28: expected an operator or ')', found ','");
        case!(filter("cast(a,)"), @"error@7..8: expected a type name, found ')'");
        case!(filter("case(a)"), @"error@6..7: expected ':' after the condition, found ')'");
        case!(filter("any()"), @"error@0..3: expected a collection path before the lambda operator, found 'any'");
        case!(filter("Model.Available"), @"error@15..15: expected '/' and a member after the type name, or '(' for a function call, found end of input");
        case!(filter("X'1a2B'"), @"error@0..1: expected a literal prefix (duration, binary, geography, geometry) or a qualified enum type, found 'X'");
        case!(filter("'unterminated"), @"error@13..13: expected ''' to close the string, found end of input");
        case!(filter("a eq \"json\""), @r#"error@5..6: expected an expression after 'eq', found '"'"#);
        case!(filter("#"), @"error@0..1: expected an expression, found '#'");
    }

    #[test]
    fn case_rules() {
        // quoted ABNF strings match in any case, %s strings only as written
        case!(filter("a Eq NULL"), @"(eq@0..9 (path@0..1 a) (path@5..9 NULL))");
        case!(filter("$IT/Name eq 1"), @"error@0..3: expected an expression, found '$IT'");
        case!(lenient("$IT/Name eq NULL"), @"(eq@0..16 (path@0..8 $it Name) (null@12..16 null))");
        case!(filter("x eq inf"), @"(eq@0..8 (path@0..1 x) (path@5..8 inf))");
        case!(filter("x eq True"), @"(eq@0..9 (path@0..1 x) (bool@5..9 true))");
        case!(filter("not(IsRead)"), @"error@3..4: expected a space after 'not' (or the lenient preset), found '('");
        case!(lenient("not(IsRead)"), @"(not@0..11 (path@3..11 IsRead))");
    }

    #[test]
    fn canonical_printing() {
        case!(canonical("(a eq 1) and ((b))"), @"a eq 1 and b");
        case!(canonical("a sub (b sub c)"), @"a sub (b sub c)");
        case!(canonical("(a or b) and c"), @"(a or b) and c");
        case!(canonical("-(1)"), @"-(1)");
        case!(canonical("- 1"), @"-(1)");
        case!(canonical("not not a"), @"not not a");
        case!(canonical("x in (1 add 2)"), @"x in 1 add 2");
        case!(canonical("x in (a or b)"), @"x in (a or b)");
        case!(canonical("'O''Neil' eq Name"), @"'O''Neil' eq Name");
        case!(canonical("[\"a\",'b\"c']"), @r#"["a","b\"c"]"#);
        case!(canonical("+42 eq +1.5"), @"42 eq 1.5");
        case!(canonical("Duration'P1D' eq BINARY'Zg'"), @"duration'P1D' eq binary'Zg'");
        case!(canonical("contains( a , b )"), @"contains(a,b)");
    }
}
