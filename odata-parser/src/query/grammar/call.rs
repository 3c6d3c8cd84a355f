//! Function calls (ABNF section 4): `methodCallExpr` for the canonical functions
//! (argument counts checked), `castExpr` and `isofExpr` with
//! `optionallyQualifiedTypeName`, and `caseMethodCallExpr`.

use nom::Err as NomErr;

use super::expr::parse_common_expr;
use super::ident::is_ident_byte;
use super::{Cx, PError, PResult, Problem, commit, fail, failure, parse_bws, peek, strip_ci};
use crate::query::ast::{CanonicalCall, CanonicalFunction, CaseArm, Expr, ExprKind, TypeName};

/// `geo.distance`, `geo.length`, `geo.intersects` (quoted, so any case).
pub(super) fn geo_function(word: &str) -> Option<CanonicalFunction> {
    let rest = strip_ci(word, "geo.")?;
    [
        CanonicalFunction::GeoDistance,
        CanonicalFunction::GeoLength,
        CanonicalFunction::GeoIntersects,
    ]
    .into_iter()
    .find(|f| f.name()[4..].eq_ignore_ascii_case(rest))
}

/// Calls with a reserved name: canonical functions, `cast`, `isof`, `case`.
/// `None` when `word` is not one of them.
pub(super) fn parse_special_call<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    word: &str,
    rest: &'a str,
) -> Option<PResult<'a, Expr<'a>>> {
    match word.len() {
        4 if word.eq_ignore_ascii_case("cast") => {
            return Some(parse_cast_or_isof(cx, i, true, rest));
        }
        4 if word.eq_ignore_ascii_case("isof") => {
            return Some(parse_cast_or_isof(cx, i, false, rest));
        }
        4 if word.eq_ignore_ascii_case("case") => return Some(parse_case(cx, i, rest)),
        _ => {}
    }
    let f = canonical_function(word)?;
    Some(parse_method_call(cx, i, f, rest))
}

/// Looks a canonical function up by its name (any case), without scanning the whole table
/// for names that cannot match.
#[inline]
fn canonical_function(word: &str) -> Option<CanonicalFunction> {
    if !(3..=18).contains(&word.len()) || !word.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let first = word.as_bytes()[0] | 0x20;
    CanonicalFunction::ALL
        .into_iter()
        .find(|f| f.name().as_bytes()[0] == first && f.name().eq_ignore_ascii_case(word))
}

/// `methodCallExpr`: `name OPEN BWS [ commonExpr BWS *( COMMA BWS commonExpr BWS ) ] CLOSE`,
/// with the argument count of each function checked. `rest` starts at `(`.
pub(super) fn parse_method_call<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    function: CanonicalFunction,
    rest: &'a str,
) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(rest)?;
    let (min, max) = function.arity();
    let mut r = parse_bws(&rest[1..]);
    let mut args = Vec::with_capacity(max);
    if let Some(after) = r.strip_prefix(')') {
        r = after;
    } else {
        loop {
            let (after, e) = parse_common_expr(cx, r).map_err(commit(r, "a function argument"))?;
            args.push(e);
            let after = parse_bws(after);
            match peek(after) {
                Some(b',') => r = parse_bws(&after[1..]),
                Some(b')') => {
                    r = &after[1..];
                    break;
                }
                _ => return failure(after, "',' or ')' after the argument"),
            }
        }
    }
    if args.len() < min || args.len() > max {
        return Err(NomErr::Failure(PError::new(
            i,
            Problem::Arity {
                function,
                found: args.len(),
            },
        )));
    }
    let kind = ExprKind::Call(CanonicalCall { function, args });
    Ok((
        r,
        Expr {
            kind,
            span: cx.span(i, r),
        },
    ))
}

/// `castExpr` / `isofExpr = "isof" OPEN BWS [ commonExpr BWS COMMA BWS ] optionallyQualifiedTypeName BWS CLOSE`
fn parse_cast_or_isof<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    cast: bool,
    rest: &'a str,
) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(rest)?;
    let r = parse_bws(&rest[1..]);
    let make = |expr: Option<Box<Expr<'a>>>, ty: TypeName<'a>| {
        let ty = Box::new(ty);
        if cast {
            ExprKind::Cast { expr, ty }
        } else {
            ExprKind::IsOf { expr, ty }
        }
    };
    if let Ok((after, ty)) = parse_type_name(cx, r) {
        let after = parse_bws(after);
        if let Some(end) = after.strip_prefix(')') {
            return Ok((
                end,
                Expr {
                    kind: make(None, ty),
                    span: cx.span(i, end),
                },
            ));
        }
    }
    let (after, e) = parse_common_expr(cx, r).map_err(commit(r, "an expression or a type name"))?;
    let after = parse_bws(after);
    let Some(after) = after.strip_prefix(',') else {
        return failure(after, "',' and a type name");
    };
    let after = parse_bws(after);
    let (after, ty) = parse_type_name(cx, after).map_err(commit(after, "a type name"))?;
    let after = parse_bws(after);
    match after.strip_prefix(')') {
        Some(end) => Ok((
            end,
            Expr {
                kind: make(Some(Box::new(e)), ty),
                span: cx.span(i, end),
            },
        )),
        None => failure(after, "')' after the type name"),
    }
}

/// `optionallyQualifiedTypeName = singleQualifiedTypeName / %s"Collection" OPEN singleQualifiedTypeName CLOSE / …`
pub(crate) fn parse_type_name<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, TypeName<'a>> {
    if let Some(inner) = cx.strip_cs(i, "Collection(") {
        let (after, name) = super::ident::parse_qualified_name(cx, inner)?;
        return match after.strip_prefix(')') {
            Some(end) => Ok((
                end,
                TypeName {
                    name,
                    collection: true,
                    span: cx.span(i, end),
                },
            )),
            None => fail(after, "')' after the type name"),
        };
    }
    let (after, name) = super::ident::parse_qualified_name(cx, i)?;
    if after
        .bytes()
        .next()
        .is_some_and(|b| is_ident_byte(b) || b == b'(' || b == b'/')
    {
        return fail(after, "a type name");
    }
    Ok((
        after,
        TypeName {
            name,
            collection: false,
            span: cx.span(i, after),
        },
    ))
}

/// `caseMethodCallExpr = "case" OPEN BWS boolCommonExpr BWS COLON BWS commonExpr BWS
/// *( COMMA BWS boolCommonExpr BWS COLON BWS commonExpr BWS ) CLOSE`
fn parse_case<'a>(cx: &Cx<'_>, i: &'a str, rest: &'a str) -> PResult<'a, Expr<'a>> {
    let _guard = cx.enter(rest)?;
    let mut r = parse_bws(&rest[1..]);
    let mut arms = Vec::new();
    loop {
        let (after, condition) =
            parse_common_expr(cx, r).map_err(commit(r, "a condition in 'case'"))?;
        let after = parse_bws(after);
        let Some(after) = after.strip_prefix(':') else {
            return failure(after, "':' after the condition");
        };
        let after = parse_bws(after);
        let (after, value) =
            parse_common_expr(cx, after).map_err(commit(after, "a value after ':'"))?;
        arms.push(CaseArm { condition, value });
        let after = parse_bws(after);
        match peek(after) {
            Some(b',') => r = parse_bws(&after[1..]),
            Some(b')') => {
                let end = &after[1..];
                return Ok((
                    end,
                    Expr {
                        kind: ExprKind::Case(arms),
                        span: cx.span(i, end),
                    },
                ));
            }
            _ => return failure(after, "',' or ')' in 'case'"),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls() {
        case!(filter("contains(Subject,'x')"), @"(contains@0..21 (path@9..16 Subject) (string@17..20 'x'))");
        case!(filter("substring(CompanyName, 5)"), @"(substring@0..25 (path@10..21 CompanyName) (int@23..24 5))");
        case!(filter("substring(CompanyName,5,2)"), @"(substring@0..26 (path@10..21 CompanyName) (int@22..23 5) (int@24..25 2))");
        case!(filter("now( )"), @"(now@0..6)");
        case!(filter("ToLower(Name) eq 'x'"), @"(eq@0..20 (tolower@0..13 (path@8..12 Name)) (string@17..20 'x'))");
        case!(filter("matchespattern(Name,'^A')"), @"(matchesPattern@0..25 (path@15..19 Name) (string@20..24 '^A'))");
        case!(filter("geo.distance(A,B) lt 5"), @"(lt@0..22 (geo.distance@0..17 (path@13..14 A) (path@15..16 B)) (int@21..22 5))");
        case!(filter("cast(Model.Customer)"), @"(cast@0..20 Model.Customer)");
        case!(filter("cast(Category, Edm.Boolean)"), @"(cast@0..27 (path@5..13 Category) Edm.Boolean)");
        case!(filter("isof(Collection(Ns.T))"), @"(isof@0..22 Collection(Ns.T))");
        case!(filter("case(X gt 0:1,X lt 0:-1,true:0)"), @"(case@0..31 ((gt@5..11 (path@5..6 X) (int@10..11 0)) : (int@12..13 1)) ((lt@14..20 (path@14..15 X) (int@19..20 0)) : (int@21..23 -1)) ((bool@24..28 true) : (int@29..30 0)))");
        case!(filter("case( X gt 0 : 1 , true : 0)"), @"(case@0..28 ((gt@6..12 (path@6..7 X) (int@11..12 0)) : (int@15..16 1)) ((bool@19..23 true) : (int@26..27 0)))");
    }
}
