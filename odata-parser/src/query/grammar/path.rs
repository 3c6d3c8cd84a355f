//! Member paths in expressions: `firstMemberExpr`, `memberExpr`, `rootExpr`,
//! `collectionPathExpr`, lambdas, key predicates and function parameters.
//!
//! The ABNF splits paths by what each name denotes in the model (entity set,
//! navigation property, complex property, function …). A parser without the model
//! cannot tell those apart, so it accepts their union and keeps what it saw:
//! a name, a qualified name (type cast), a call with named arguments, a key
//! predicate, an annotation, `$count`, `$filter(…)`, `any`/`all`.

use std::borrow::Cow;

use nom::Err as NomErr;
use nom::error::ParseError as _;

use super::expr::{alias_expr, literal_expr, parse_common_expr};
use super::ident::{ident_len, is_ident_start, parse_odata_identifier, qualified_len};
use super::literal::parse_primitive_literal;
use super::options::{NestedPlace, parse_nested_options};
use super::{Cx, PError, PResult, Problem, commit, fail, failure, parse_bws, peek};
use crate::query::ast::{
    AnnotationName, Expr, ExprKind, KeyPredicate, KeyValues, Lambda, Literal, MemberPath, NamedArg,
    PathRoot, PathSegment, PathSegmentKind, QualifiedName,
};

fn too_long(i: &str) -> NomErr<PError<'_>> {
    NomErr::Failure(PError::new(i, Problem::IdentifierTooLong))
}

/// `memberExpr` at the start of an expression: a path whose first segment is a name.
pub(crate) fn parse_member_path<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let mut segments = Vec::with_capacity(segment_capacity(i));
    let (rest, terminal) = parse_name_segment(cx, i, &mut segments, true)?;
    if let Some(PathSegment {
        kind: PathSegmentKind::TypeCast(_),
        ..
    }) = segments.last()
        && peek(rest) != Some(b'/')
    {
        return failure(
            rest,
            "'/' and a member after the type name, or '(' for a function call",
        );
    }
    finish_path(cx, i, PathRoot::Implicit, segments, rest, terminal)
}

/// `$it`, `$this` and `$root/…` (`implicitVariableExpr`, `rootExpr`).
pub(crate) fn parse_dollar_led<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let word_end = 1 + ident_len(&i[1..]).unwrap_or(0);
    let word = &i[..word_end];
    let rest = &i[word_end..];
    if cx.is_cs(word, "$it") {
        return finish_path(cx, i, PathRoot::It, Vec::new(), rest, false);
    }
    if cx.is_cs(word, "$this") {
        return finish_path(cx, i, PathRoot::This, Vec::new(), rest, false);
    }
    if cx.is_cs(word, "$root") {
        let Some(first) = rest.strip_prefix('/') else {
            return failure(rest, "'/' and an entity set or singleton after '$root'");
        };
        let mut segments = Vec::new();
        let (after, terminal) = parse_name_segment(cx, first, &mut segments, false)
            .map_err(commit(first, "an entity set or singleton after '$root/'"))?;
        return finish_path(cx, i, PathRoot::Root, segments, after, terminal);
    }
    fail(i, "an expression")
}

/// A parameter alias `@p` (`inscopeVariableExpr`) or an annotation `@Ns.Term#q`
/// (`annotationExpr`) at the start of an expression.
pub(crate) fn parse_at_led<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    let body = &i[1..];
    let n = qualified_len(body).map_err(|()| too_long(body))?;
    if n == 0 {
        return fail(body, "a parameter alias or annotation name after '@'");
    }
    let word = &body[..n];
    let rest = &body[n..];
    if !word.contains('.') && peek(rest) != Some(b'#') {
        return finish_path(
            cx,
            i,
            PathRoot::Alias(Cow::Borrowed(word)),
            Vec::with_capacity(segment_capacity(rest) - 1),
            rest,
            false,
        );
    }
    let mut segments = Vec::with_capacity(segment_capacity(i));
    let rest = push_annotation(cx, i, &mut segments)?;
    finish_path(cx, i, PathRoot::Implicit, segments, rest, false)
}

/// `annotationInQuery = AT [ namespace "." ] termName [ HASH annotationQualifier ]`, as a segment.
fn push_annotation<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    segments: &mut Vec<PathSegment<'a>>,
) -> Result<&'a str, NomErr<PError<'a>>> {
    let (rest, name) = parse_annotation_in_query(cx, i)?;
    segments.push(PathSegment {
        kind: PathSegmentKind::Annotation(Box::new(name)),
        span: cx.span(i, rest),
    });
    Ok(rest)
}

/// `annotationInQuery = AT [ namespace "." ] termName [ HASH annotationQualifier ]`
pub(crate) fn parse_annotation_in_query<'a>(
    cx: &Cx<'_>,
    i: &'a str,
) -> PResult<'a, AnnotationName<'a>> {
    let Some(body) = i.strip_prefix('@') else {
        return fail(i, "an annotation");
    };
    let (rest, term) = super::ident::parse_qualified_name(cx, body)
        .map_err(commit(body, "a term name after '@'"))?;
    let (rest, qualifier) = match rest.strip_prefix('#') {
        Some(q) => {
            let (r, id) = parse_odata_identifier(q).map_err(commit(q, "a qualifier after '#'"))?;
            (r, Some(Cow::Borrowed(id)))
        }
        None => (rest, None),
    };
    Ok((rest, AnnotationName { term, qualifier }))
}

/// A path whose first segment is the plain identifier `i[..n]` (no parentheses, dots
/// or quote after it): the common case, without scanning the name again.
#[inline]
pub(crate) fn parse_simple_path<'a>(cx: &Cx<'_>, i: &'a str, n: usize) -> PResult<'a, Expr<'a>> {
    let rest = &i[n..];
    let span = cx.span(i, rest);
    let first = PathSegment {
        kind: PathSegmentKind::Member {
            name: Cow::Borrowed(&i[..n]),
            key: None,
        },
        span,
    };
    if peek(rest) != Some(b'/') {
        // a single name, the most common path of all
        let kind = ExprKind::Path(MemberPath {
            root: PathRoot::Implicit,
            segments: Box::new([first]),
        });
        return Ok((rest, Expr { kind, span }));
    }
    // `rest` starts with the `/` after the first name
    let mut segments = Vec::with_capacity(segment_capacity(rest));
    segments.push(first);
    finish_path(cx, i, PathRoot::Implicit, segments, rest, false)
}

/// How many segments the path at `i` probably has, so its vector is allocated once
/// at the right size: one per `/` in the leading run of name characters, plus one
/// for a key predicate or call that may follow.
#[inline]
fn segment_capacity(i: &str) -> usize {
    let mut n = 1;
    for &b in i.as_bytes() {
        if super::ident::is_ident_byte(b) {
            continue;
        }
        match b {
            b'/' => n += 1,
            b'(' => return n + 1,
            b'.' | b'$' | b'@' | b'#' => {}
            b if b >= 0x80 => {}
            _ => break,
        }
    }
    n
}

/// Reads `/segment` after segment until the path ends, then builds the expression.
fn finish_path<'a>(
    cx: &Cx<'_>,
    start: &'a str,
    root: PathRoot<'a>,
    mut segments: Vec<PathSegment<'a>>,
    mut i: &'a str,
    mut terminal: bool,
) -> PResult<'a, Expr<'a>> {
    while !terminal && peek(i) == Some(b'/') {
        let seg = &i[1..];
        let (rest, t) = parse_path_segment(cx, seg, &mut segments)
            .map_err(commit(seg, "a path segment after '/'"))?;
        i = rest;
        terminal = t;
    }
    let kind = ExprKind::Path(MemberPath {
        root,
        segments: segments.into_boxed_slice(),
    });
    Ok((
        i,
        Expr {
            kind,
            span: cx.span(start, i),
        },
    ))
}

/// One segment after `/`: a name, `$count`, `$filter(…)`, an annotation or a lambda.
/// Returns whether the segment ends the path.
fn parse_path_segment<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    segments: &mut Vec<PathSegment<'a>>,
) -> PResult<'a, bool> {
    match peek(i) {
        Some(b'$') => {
            if let Some(rest) = cx.strip_cs(i, "$count") {
                if rest.bytes().next().is_some_and(super::ident::is_ident_byte) {
                    return fail(i, "a path segment");
                }
                // count [ OPEN expandCountOption *( SEMI expandCountOption ) CLOSE ]
                let (rest, options) = if peek(rest) == Some(b'(') {
                    let _guard = cx.enter(rest)?;
                    let (r, opts) = parse_nested_options(cx, &rest[1..], NestedPlace::Count)?;
                    match r.strip_prefix(')') {
                        Some(r) => (r, opts),
                        None => return failure(r, "';' or ')' after the $count options"),
                    }
                } else {
                    (rest, Vec::new())
                };
                segments.push(PathSegment {
                    kind: PathSegmentKind::Count(options),
                    span: cx.span(i, rest),
                });
                return Ok((rest, true));
            }
            if let Some(rest) = cx.strip_cs(i, "$filter(") {
                let rest = parse_filter_segment(cx, i, rest, segments)?;
                return Ok((rest, false));
            }
            fail(i, "a path segment")
        }
        Some(b'@') => {
            let rest = push_annotation(cx, i, segments)?;
            Ok((rest, false))
        }
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
            // fast path: a plain property name followed by `/`, an operator or the end
            let n = ident_len(i).map_err(|()| too_long(i))?;
            if !matches!(i.as_bytes().get(n), Some(b'(' | b'.' | b'\'')) {
                let rest = &i[n..];
                segments.push(PathSegment {
                    kind: PathSegmentKind::Member {
                        name: Cow::Borrowed(&i[..n]),
                        key: None,
                    },
                    span: cx.span(i, rest),
                });
                return Ok((rest, false));
            }
            parse_name_segment(cx, i, segments, false)
        }
        Some(b) if is_ident_start(b) => parse_name_segment(cx, i, segments, false),
        _ => fail(i, "a path segment"),
    }
}

/// `filterExpr = %s"/$filter" OPEN boolCommonExpr CLOSE`, optionally followed by a
/// key predicate. `rest` is after the opening parenthesis.
fn parse_filter_segment<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    rest: &'a str,
    segments: &mut Vec<PathSegment<'a>>,
) -> Result<&'a str, NomErr<PError<'a>>> {
    let _guard = cx.enter(rest)?;
    let inner = parse_bws(rest);
    let (r, e) = parse_common_expr(cx, inner)
        .map_err(commit(inner, "a Boolean expression in '$filter(…)'"))?;
    let r = parse_bws(r);
    let Some(r) = r.strip_prefix(')') else {
        return Err(NomErr::Failure(PError::expected(r, "an operator or ')'")));
    };
    segments.push(PathSegment {
        kind: PathSegmentKind::Filter(Box::new(e)),
        span: cx.span(i, r),
    });
    push_optional_key(cx, r, segments)
}

/// A name segment: `name`, `name(key)`, `Ns.Type`, `Ns.Fn(args)`, `Fn(args)(key)`,
/// or `any(…)`/`all(…)` when not first. Returns whether the segment ends the path.
pub(crate) fn parse_name_segment<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    segments: &mut Vec<PathSegment<'a>>,
    first: bool,
) -> PResult<'a, bool> {
    let n = qualified_len(i).map_err(|()| too_long(i))?;
    if n == 0 {
        return fail(i, "a name");
    }
    let (word, rest) = i.split_at(n);
    let qualified = word.contains('.');
    if peek(rest) != Some(b'(') {
        let kind = if qualified {
            PathSegmentKind::TypeCast(QualifiedName {
                text: Cow::Borrowed(word),
                span: cx.span(i, rest),
            })
        } else {
            PathSegmentKind::Member {
                name: Cow::Borrowed(word),
                key: None,
            }
        };
        segments.push(PathSegment {
            kind,
            span: cx.span(i, rest),
        });
        return Ok((rest, false));
    }
    if !first && !qualified {
        let any = word.eq_ignore_ascii_case("any");
        if any || word.eq_ignore_ascii_case("all") {
            let (r, lambda) = parse_lambda(cx, rest, any)?;
            let kind = if any {
                PathSegmentKind::Any(lambda.map(Box::new))
            } else {
                match lambda {
                    Some(l) => PathSegmentKind::All(Box::new(l)),
                    None => return failure(&rest[1..], "a lambda variable and ':' in 'all(…)'"),
                }
            };
            segments.push(PathSegment {
                kind,
                span: cx.span(i, r),
            });
            return Ok((r, true));
        }
    }
    let name = QualifiedName {
        text: Cow::Borrowed(word),
        span: cx.span(i, rest),
    };
    let r = if qualified {
        // A qualified name with arguments is a function call; with a bare key value it
        // is a type cast followed by a key predicate (`Ns.Derived(1)`).
        match parse_function_expr_parameters(cx, rest) {
            Ok((r, args)) => {
                segments.push(PathSegment {
                    kind: PathSegmentKind::Function {
                        name: Box::new(name),
                        args,
                    },
                    span: cx.span(i, r),
                });
                r
            }
            Err(NomErr::Error(e1)) => match parse_key_predicate(cx, rest) {
                Ok((r, key)) => {
                    segments.push(PathSegment {
                        kind: PathSegmentKind::TypeCast(name),
                        span: cx.span(i, rest),
                    });
                    segments.push(PathSegment {
                        kind: PathSegmentKind::Key(key),
                        span: cx.span(rest, r),
                    });
                    r
                }
                Err(NomErr::Error(e2)) => return Err(NomErr::Failure(e1.or(e2))),
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    } else {
        // An unqualified name with a key predicate is a member with a key; anything
        // else in parentheses is an unqualified function call.
        match parse_key_predicate(cx, rest) {
            Ok((r, key)) => {
                let kind = PathSegmentKind::Member {
                    name: Cow::Borrowed(word),
                    key: Some(Box::new(key)),
                };
                segments.push(PathSegment {
                    kind,
                    span: cx.span(i, r),
                });
                r
            }
            Err(NomErr::Error(e1)) => match parse_function_expr_parameters(cx, rest) {
                Ok((r, args)) => {
                    // `F( a=1 )` reads as the key `F(a=1)` does: one tree for one meaning.
                    let kind = if !args.is_empty() && args.iter().all(|a| is_key_value(&a.value)) {
                        PathSegmentKind::Member {
                            name: Cow::Borrowed(word),
                            key: Some(Box::new(KeyPredicate {
                                values: KeyValues::Named(args),
                                span: cx.span(rest, r),
                            })),
                        }
                    } else {
                        PathSegmentKind::Function {
                            name: Box::new(name),
                            args,
                        }
                    };
                    segments.push(PathSegment {
                        kind,
                        span: cx.span(i, r),
                    });
                    r
                }
                Err(NomErr::Error(e2)) => return Err(NomErr::Failure(e1.or(e2))),
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    };
    let r = push_optional_key(cx, r, segments)?;
    Ok((r, false))
}

/// A key predicate written right after a call, cast or filter segment.
fn push_optional_key<'a>(
    cx: &Cx<'_>,
    r: &'a str,
    segments: &mut Vec<PathSegment<'a>>,
) -> Result<&'a str, NomErr<PError<'a>>> {
    if peek(r) != Some(b'(') {
        return Ok(r);
    }
    let (after, key) = parse_key_predicate(cx, r).map_err(commit(r, "a key predicate"))?;
    segments.push(PathSegment {
        kind: PathSegmentKind::Key(key),
        span: cx.span(r, after),
    });
    Ok(after)
}

/// `anyExpr = "any" OPEN BWS [ lambdaVariableExpr BWS COLON BWS lambdaPredicateExpr ] BWS CLOSE`
/// (and `allExpr`, whose lambda is required). `i` starts at `(`.
fn parse_lambda<'a>(cx: &Cx<'_>, i: &'a str, any: bool) -> PResult<'a, Option<Lambda<'a>>> {
    let _guard = cx.enter(i)?;
    let r = parse_bws(&i[1..]);
    if any && let Some(end) = r.strip_prefix(')') {
        return Ok((end, None));
    }
    let (after, variable) = parse_odata_identifier(r).map_err(commit(r, "a lambda variable"))?;
    let variable_span = cx.span(r, after);
    let after = parse_bws(after);
    let Some(after) = after.strip_prefix(':') else {
        return failure(after, "':' after the lambda variable");
    };
    let after = parse_bws(after);
    let (after, predicate) =
        parse_common_expr(cx, after).map_err(commit(after, "a Boolean expression after ':'"))?;
    let after = parse_bws(after);
    match after.strip_prefix(')') {
        Some(end) => Ok((
            end,
            Some(Lambda {
                variable: Cow::Borrowed(variable),
                variable_span,
                predicate: Box::new(predicate),
            }),
        )),
        None => failure(after, "an operator or ')'"),
    }
}

/// `keyPredicate = simpleKey / compoundKey`:
/// `OPEN ( parameterAlias / keyPropertyValue ) CLOSE` or
/// `OPEN keyValuePair *( COMMA keyValuePair ) CLOSE`. No whitespace is allowed.
pub(crate) fn parse_key_predicate<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, KeyPredicate<'a>> {
    let Some(body) = i.strip_prefix('(') else {
        return fail(i, "'('");
    };
    let n = ident_len(body).map_err(|()| too_long(body))?;
    let (rest, values) = if n > 0 && body.as_bytes().get(n) == Some(&b'=') {
        let mut pairs = Vec::new();
        let mut r = body;
        loop {
            let (after_name, name) = parse_odata_identifier(r)?;
            let Some(v) = after_name.strip_prefix('=') else {
                return fail(after_name, "'=' in the key");
            };
            let (after, value) = parse_key_value(cx, v)?;
            pairs.push(NamedArg {
                name: Cow::Borrowed(name),
                value,
                span: cx.span(r, after),
            });
            match after.strip_prefix(',') {
                Some(next) => r = next,
                None => break (after, KeyValues::Named(pairs)),
            }
        }
    } else {
        let (after, value) = parse_key_value(cx, body)?;
        (after, KeyValues::Single(Box::new(value)))
    };
    match rest.strip_prefix(')') {
        Some(end) => Ok((
            end,
            KeyPredicate {
                values,
                span: cx.span(i, end),
            },
        )),
        None => fail(rest, "')' after the key"),
    }
}

/// Whether a parsed value could have been a key value (`parameterAlias / keyPropertyValue`).
pub(crate) fn is_key_value(e: &Expr<'_>) -> bool {
    match &e.kind {
        ExprKind::Literal(l) => !matches!(l, Literal::Null | Literal::Binary(_) | Literal::Geo(_)),
        ExprKind::Path(p) => matches!(p.root, PathRoot::Alias(_)) && p.segments.is_empty(),
        _ => false,
    }
}

/// `parameterAlias / keyPropertyValue` (a literal other than null, binary or spatial).
fn parse_key_value<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    if peek(i) == Some(b'@') {
        let (rest, name) = parse_odata_identifier(&i[1..])?;
        return Ok((rest, alias_expr(cx, i, name, rest)));
    }
    let (rest, lit) = parse_primitive_literal(cx, i)?;
    if matches!(lit, Literal::Null | Literal::Binary(_) | Literal::Geo(_)) {
        return fail(i, "a key value");
    }
    Ok((rest, literal_expr(cx, i, rest, lit)))
}

/// `functionExprParameters = OPEN [ BWS functionExprParameter *( BWS COMMA BWS functionExprParameter ) ] BWS CLOSE`
/// with `functionExprParameter = parameterName EQ ( parameterAlias / parameterValue )`.
pub(crate) fn parse_function_expr_parameters<'a>(
    cx: &Cx<'_>,
    i: &'a str,
) -> PResult<'a, Vec<NamedArg<'a>>> {
    let _guard = cx.enter(i)?;
    let mut r = parse_bws(&i[1..]);
    let mut args = Vec::new();
    if let Some(end) = r.strip_prefix(')') {
        return Ok((end, args));
    }
    loop {
        let (after_name, name) = parse_odata_identifier(r)?;
        let Some(v) = after_name.strip_prefix('=') else {
            return fail(after_name, "'=' after the parameter name");
        };
        let (after, value) =
            parse_common_expr(cx, v).map_err(commit(v, "a parameter value after '='"))?;
        args.push(NamedArg {
            name: Cow::Borrowed(name),
            value,
            span: cx.span(r, after),
        });
        let after = parse_bws(after);
        match peek(after) {
            Some(b',') => r = parse_bws(&after[1..]),
            Some(b')') => return Ok((&after[1..], args)),
            _ => return failure(after, "',' or ')' after the parameter"),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn member_paths() {
        case!(filter("Address/City"), @"(path@0..12 Address City)");
        case!(filter("Products/$count gt 0"), @"(gt@0..20 (path@0..15 Products ($count)) (int@19..20 0))");
        case!(filter("Products/$count($filter=Price gt 5.00;$search=red) gt 2"), @r#"(gt@0..55 (path@0..50 Products ($count ($filter@16..37 (gt@24..37 (path@24..29 Price) (decimal@33..37 5.00))) ($search@38..49 "red"@46..49))) (int@54..55 2))"#);
        case!(filter("Items(1)/Name"), @"(path@0..13 Items(key@5..8 (int@6..7 1)) Name)");
        case!(filter("Items(OrderID=1,ItemID='a')"), @"(path@0..27 Items(key@5..27 (OrderID=(int@14..15 1)) (ItemID=(string@23..26 'a'))))");
        case!(filter("Address/Model.AddressWithLocation/Location"), @"(path@0..42 Address (cast Model.AddressWithLocation) Location)");
        case!(filter("Products/Model.BestSellingProduct(1)/Name"), @"(path@0..41 Products (cast Model.BestSellingProduct) (key@33..36 (int@34..35 1)) Name)");
        case!(filter("Model.Available()"), @"(path@0..17 (fn Model.Available))");
        case!(filter("Products/BestProduct()/MostPopularName()"), @"(path@0..40 Products (fn BestProduct) (fn MostPopularName))");
        case!(filter("Model.PhoneticallySimilar(Word1=Name,Word2=Supplier/Name)"), @"(path@0..57 (fn Model.PhoneticallySimilar (Word1=(path@32..36 Name)) (Word2=(path@43..56 Supplier Name))))");
        case!(filter("ProductsByCategoryId(categoryId=2)(2)"), @"(path@0..37 ProductsByCategoryId(key@20..34 (categoryId=(int@32..33 2))) (key@34..37 (int@35..36 2)))");
        case!(filter("Products/$filter(Age gt 3)(ID='Sugar')"), @"(path@0..38 Products ($filter (gt@17..25 (path@17..20 Age) (int@24..25 3))) (key@26..38 (ID=(string@30..37 'Sugar'))))");
        case!(filter("$it/Model.PhoneticallySimilar(Number=5 add 3)"), @"(path@0..45 $it (fn Model.PhoneticallySimilar (Number=(add@37..44 (int@37..38 5) (int@43..44 3)))))");
        case!(filter("$this eq 'Hugo'"), @"(eq@0..15 (path@0..5 $this) (string@9..15 'Hugo'))");
        case!(filter("$root/Employees('A1245')/LastName"), @"(path@0..33 $root Employees(key@15..24 (string@16..23 'A1245')) LastName)");
        case!(filter("@alias/Street"), @"(path@0..13 @alias Street)");
        case!(filter("Price/@Measures.Currency#Reporting eq 'EUR'"), @"(eq@0..43 (path@0..34 Price @Measures.Currency#Reporting) (string@38..43 'EUR'))");
        case!(filter("@Core.Messages/any(m:m/severity eq 'error')"), @"(path@0..43 @Core.Messages (any m@19..20 (eq@21..42 (path@21..31 m severity) (string@35..42 'error'))))");
    }

    #[test]
    fn lambdas() {
        case!(filter("Products/any()"), @"(path@0..14 Products (any))");
        case!(filter("Products/ANY( d : d/Price gt 5 )"), @"(path@0..32 Products (any d@14..15 (gt@18..30 (path@18..25 d Price) (int@29..30 5))))");
        case!(filter("Orders/all(o:o/Items/any(i:i/Qty gt $it/Min))"), @"(path@0..45 Orders (all o@11..12 (path@13..44 o Items (any i@25..26 (gt@27..43 (path@27..32 i Qty) (path@36..43 $it Min))))))");
        case!(filter("Products/all()"), @"error@13..14: expected a lambda variable, found ')'");
        case!(filter("Products/any(d:)"), @"error@15..16: expected a Boolean expression after ':', found ')'");
        case!(filter("Products/any(d d)"), @"error@15..16: expected ':' after the lambda variable, found 'd'");
        case!(filter("Products/any()/Name"), @"error@14..15: expected an operator or end of input, found '/'");
    }

    #[test]
    fn path_errors() {
        case!(filter("Address/"), @"error@8..8: expected a path segment after '/', found end of input");
        case!(filter("Address//City"), @"error@8..9: expected a path segment after '/', found '/'");
        case!(filter("Products/$count/Name"), @"error@15..16: expected an operator or end of input, found '/'");
        case!(filter("$root"), @"error@5..5: expected '/' and an entity set or singleton after '$root', found end of input");
        case!(filter("$root/"), @"error@6..6: expected an entity set or singleton after '$root/', found end of input");
        case!(filter("$count"), @"error@0..6: expected an expression, found '$count'");
        case!(filter("@"), @"error@1..1: expected a parameter alias or annotation name after '@', found end of input");
        case!(filter("Items(1"), @"error@7..7: expected ')' after the key, found end of input");
        case!(filter("Items(null)"), @"error@10..11: expected '=' after the parameter name, found ')'");
        case!(filter(&format!("{} eq 1", "a".repeat(129))), @"error@0..129: identifier is longer than 128 characters");
    }
}
