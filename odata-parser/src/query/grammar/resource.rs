//! Resource paths (ABNF section 1, `resourcePath` and the `$`-segments of
//! `odataRelativeUri`), syntax only.
//!
//! Which segments may follow which depends on what each name denotes in the
//! model; without it the parser accepts names, calls, casts and keys in any
//! order and enforces only what the syntax fixes: the first segment is not
//! namespace-qualified, `$count`, `$ref`, `$value` and `$query` end the path,
//! `$metadata` and `$batch` stand alone, and a segment that is not a name is a
//! key-as-segment value (`Orders/1`, `People/O'Neil`).

use std::borrow::Cow;

use nom::Err as NomErr;
use nom::error::ParseError as _;

use super::expr::{literal_expr, parse_common_expr};
use super::ident::{ident_len, parse_odata_identifier, qualified_len};
use super::json::{parse_array, parse_object};
use super::literal::parse_primitive_literal;
use super::path::{is_key_value, parse_key_predicate};
use super::{Cx, PError, PResult, Problem, commit, fail, failure, parse_bws, peek};
use crate::query::ast::{Expr, KeyPredicate, KeyValues, NamedArg, QualifiedName};
use crate::query::resource::{ResourceSegment, ResourceSegmentKind};

/// `resourcePath` and the `$`-segments of `odataRelativeUri`, in decoded text where
/// `cx` knows which bytes were percent-encoded.
pub(crate) fn parse_resource_path<'a>(
    cx: &Cx<'_>,
    i: &'a str,
) -> PResult<'a, Vec<ResourceSegment<'a>>> {
    let mut segments = Vec::new();
    if i.is_empty() {
        return Ok((i, segments));
    }
    let (mut r, mut terminal) = parse_first_segment(cx, i, &mut segments)?;
    while is_separator(cx, r) {
        if terminal {
            return failure(r, "end of the path after this segment");
        }
        let seg = &r[1..];
        let (rest, t) = parse_next_segment(cx, seg, &mut segments)?;
        r = rest;
        terminal = t;
    }
    Ok((r, segments))
}

/// An unescaped `/`.
fn is_separator(cx: &Cx<'_>, r: &str) -> bool {
    peek(r) == Some(b'/') && cx.escaped_at(r) != Some(true)
}

fn push<'a>(
    cx: &Cx<'_>,
    segments: &mut Vec<ResourceSegment<'a>>,
    kind: ResourceSegmentKind<'a>,
    from: &'a str,
    to: &'a str,
) {
    segments.push(ResourceSegment {
        kind,
        span: cx.span(from, to),
    });
}

/// The first segment: an entity set, singleton or operation import (unqualified), or
/// `$metadata`, `$batch`, `$entity`, `$all`, `$crossjoin(…)`.
fn parse_first_segment<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    segments: &mut Vec<ResourceSegment<'a>>,
) -> PResult<'a, bool> {
    if peek(i) == Some(b'$') {
        let n = 1 + ident_len(&i[1..]).unwrap_or(0);
        let (word, rest) = i.split_at(n);
        let simple = [
            ("$metadata", ResourceSegmentKind::Metadata, true),
            ("$batch", ResourceSegmentKind::Batch, true),
            ("$entity", ResourceSegmentKind::Entity, false),
            ("$all", ResourceSegmentKind::All, false),
        ];
        for (kw, kind, terminal) in simple {
            if cx.is_cs(word, kw) {
                push(cx, segments, kind, i, rest);
                if !terminal && is_separator(cx, rest) {
                    // "/" optionallyQualifiedEntityTypeName, then the end
                    let cast = &rest[1..];
                    let (end, name) = super::ident::parse_qualified_name(cx, cast)
                        .map_err(commit(cast, "an entity type name"))?;
                    push(cx, segments, ResourceSegmentKind::TypeCast(name), cast, end);
                    return Ok((end, true));
                }
                return Ok((rest, true));
            }
        }
        if cx.is_cs(word, "$crossjoin") && peek(rest) == Some(b'(') {
            // crossjoin = %s"$crossjoin" OPEN entitySetName *( COMMA entitySetName ) CLOSE
            let mut sets = Vec::new();
            let mut r = &rest[1..];
            loop {
                let (after, name) =
                    parse_odata_identifier(r).map_err(commit(r, "an entity set name"))?;
                sets.push(Cow::Borrowed(name));
                match peek(after) {
                    Some(b',') => r = &after[1..],
                    Some(b')') => {
                        let end = &after[1..];
                        push(cx, segments, ResourceSegmentKind::CrossJoin(sets), i, end);
                        return Ok((end, false));
                    }
                    _ => return failure(after, "',' or ')' in $crossjoin"),
                }
            }
        }
        return failure(
            i,
            "an entity set, singleton, operation import, $metadata, $batch, $entity, $all or $crossjoin",
        );
    }
    let n = qualified_len(i)
        .map_err(|()| NomErr::Failure(PError::new(i, Problem::IdentifierTooLong)))?;
    if n == 0 {
        return failure(i, "an entity set, singleton or operation import");
    }
    if let Some(dot) = i[..n].find('.') {
        return failure(
            &i[dot..],
            "an entity set, singleton or operation import (a name without namespace)",
        );
    }
    let r = parse_name_led(cx, i, n, segments)?;
    match peek(r) {
        None | Some(b'/') => Ok((r, false)),
        _ => failure(r, "'/' or the end of the path"),
    }
}

/// A segment after `/`. Returns whether it ends the path.
fn parse_next_segment<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    segments: &mut Vec<ResourceSegment<'a>>,
) -> PResult<'a, bool> {
    if peek(i) == Some(b'$') {
        let n = 1 + ident_len(&i[1..]).unwrap_or(0);
        let (word, rest) = i.split_at(n);
        let simple = [
            ("$count", ResourceSegmentKind::Count, true),
            ("$ref", ResourceSegmentKind::Ref, true),
            ("$value", ResourceSegmentKind::Value, true),
            ("$query", ResourceSegmentKind::Query, true),
            ("$each", ResourceSegmentKind::Each, false),
        ];
        for (kw, kind, terminal) in simple {
            if cx.is_cs(word, kw) {
                push(cx, segments, kind, i, rest);
                return Ok((rest, terminal));
            }
        }
        if cx.is_cs(word, "$filter") && peek(rest) == Some(b'(') {
            // filterInPath = %s"/$filter" OPEN boolCommonExpr CLOSE
            let _guard = cx.enter(rest)?;
            let inner = parse_bws(&rest[1..]);
            let (after, e) = parse_common_expr(cx, inner)
                .map_err(commit(inner, "a Boolean expression in '$filter(…)'"))?;
            let after = parse_bws(after);
            let Some(end) = after.strip_prefix(')') else {
                return failure(after, "an operator or ')'");
            };
            push(
                cx,
                segments,
                ResourceSegmentKind::Filter(Box::new(e)),
                i,
                end,
            );
            let end = push_optional_key(cx, end, segments)?;
            return Ok((end, false));
        }
    }
    let n = qualified_len(i).unwrap_or(0);
    if n > 0 {
        let mark = segments.len();
        match parse_name_led(cx, i, n, segments) {
            Ok(r) if peek(r).is_none() || is_separator(cx, r) => return Ok((r, false)),
            Ok(_) | Err(NomErr::Error(_)) => segments.truncate(mark),
            Err(e) => {
                // A structured reading failed hard (e.g. an unclosed string); a key-as-segment
                // value may still contain those characters.
                segments.truncate(mark);
                if !is_key_segment_text(i) {
                    return Err(e);
                }
            }
        }
    }
    // keyPathSegments / ordinalIndex: the raw segment text
    let end = segment_end(cx, i);
    if end == 0 {
        return failure(i, "a path segment");
    }
    let rest = &i[end..];
    push(
        cx,
        segments,
        ResourceSegmentKind::KeySegment(Cow::Borrowed(&i[..end])),
        i,
        rest,
    );
    Ok((rest, false))
}

/// Whether the segment text contains no parentheses, so it can only be a key value.
fn is_key_segment_text(i: &str) -> bool {
    let end = i.find('/').unwrap_or(i.len());
    !i[..end].contains(['(', ')'])
}

/// The length of the segment up to the next unescaped `/`.
fn segment_end(cx: &Cx<'_>, i: &str) -> usize {
    let mut from = 0;
    while let Some(k) = i[from..].find('/') {
        let at = from + k;
        if cx.escaped_at(&i[at..]) != Some(true) {
            return at;
        }
        from = at + 1;
    }
    i.len()
}

/// `name`, `Ns.Type`, `name(key)`, `Fn(params)`, `Ns.Fn(params)`, `Ns.Type(key)`, each
/// optionally followed by a key predicate. `n` is the length of the (qualified) name.
fn parse_name_led<'a>(
    cx: &Cx<'_>,
    i: &'a str,
    n: usize,
    segments: &mut Vec<ResourceSegment<'a>>,
) -> Result<&'a str, NomErr<PError<'a>>> {
    let (word, rest) = i.split_at(n);
    let qualified = word.contains('.');
    let name = QualifiedName {
        text: Cow::Borrowed(word),
        span: cx.span(i, rest),
    };
    if peek(rest) != Some(b'(') {
        let kind = if qualified {
            ResourceSegmentKind::TypeCast(name)
        } else {
            ResourceSegmentKind::Name {
                name: Cow::Borrowed(word),
                key: None,
            }
        };
        push(cx, segments, kind, i, rest);
        return Ok(rest);
    }
    let r = if qualified {
        match parse_function_parameters(cx, rest) {
            Ok((r, args)) => {
                push(cx, segments, ResourceSegmentKind::Call { name, args }, i, r);
                r
            }
            Err(NomErr::Error(e1)) => match parse_key_predicate(cx, rest) {
                Ok((r, key)) => {
                    push(cx, segments, ResourceSegmentKind::TypeCast(name), i, rest);
                    push(cx, segments, ResourceSegmentKind::Key(key), rest, r);
                    r
                }
                Err(NomErr::Error(e2)) => return Err(NomErr::Error(e1.or(e2))),
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    } else {
        match parse_key_predicate(cx, rest) {
            Ok((r, key)) => {
                push(
                    cx,
                    segments,
                    ResourceSegmentKind::Name {
                        name: Cow::Borrowed(word),
                        key: Some(key),
                    },
                    i,
                    r,
                );
                r
            }
            Err(NomErr::Error(e1)) => match parse_function_parameters(cx, rest) {
                Ok((r, args)) => {
                    // `F( a=1 )` reads as the key `F(a=1)` does: one tree for one meaning.
                    let kind = if !args.is_empty() && args.iter().all(|a| is_key_value(&a.value)) {
                        let key = KeyPredicate {
                            values: KeyValues::Named(args),
                            span: cx.span(rest, r),
                        };
                        ResourceSegmentKind::Name {
                            name: Cow::Borrowed(word),
                            key: Some(key),
                        }
                    } else {
                        ResourceSegmentKind::Call { name, args }
                    };
                    push(cx, segments, kind, i, r);
                    r
                }
                Err(NomErr::Error(e2)) => return Err(NomErr::Error(e1.or(e2))),
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    };
    push_optional_key(cx, r, segments)
}

fn push_optional_key<'a>(
    cx: &Cx<'_>,
    r: &'a str,
    segments: &mut Vec<ResourceSegment<'a>>,
) -> Result<&'a str, NomErr<PError<'a>>> {
    if peek(r) != Some(b'(') {
        return Ok(r);
    }
    let (end, key) = parse_key_predicate(cx, r)?;
    push(cx, segments, ResourceSegmentKind::Key(key), r, end);
    Ok(end)
}

/// `functionParameters = OPEN [ BWS functionParameter *( BWS COMMA BWS functionParameter ) ] BWS CLOSE`,
/// `functionParameter = parameterName EQ ( parameterAlias / primitiveLiteral )` (JSON values
/// are accepted too, as parameter aliases may hold them).
fn parse_function_parameters<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<NamedArg<'a>>> {
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
        let (after, value) = parse_parameter_value(cx, v)?;
        args.push(NamedArg {
            name: Cow::Borrowed(name),
            value,
            span: cx.span(r, after),
        });
        let after = parse_bws(after);
        match peek(after) {
            Some(b',') => r = parse_bws(&after[1..]),
            Some(b')') => return Ok((&after[1..], args)),
            _ => return fail(after, "',' or ')' after the parameter"),
        }
    }
}

/// `parameterAlias / primitiveLiteral` (or a JSON array or object).
fn parse_parameter_value<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Expr<'a>> {
    match peek(i) {
        Some(b'@') => {
            let (rest, name) = parse_odata_identifier(&i[1..])?;
            Ok((rest, super::expr::alias_expr(cx, i, name, rest)))
        }
        Some(b'[') => parse_array(cx, i),
        Some(b'{') => parse_object(cx, i),
        _ => {
            let (rest, lit) = parse_primitive_literal(cx, i)?;
            Ok((rest, literal_expr(cx, i, rest, lit)))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn resource_paths() {
        case!(relative("Categories(1)/Products?$top=2&$orderby=Name"), @"(resource@0..22 Categories(key@10..13 (int@11..12 1))@0..13 Products@14..22) ? ($top@0..6 2) ($orderby@7..20 (item@0..4 (path@0..4 Name)))");
        case!(relative("Customers('O''Neil')"), @"(resource@0..20 Customers(key@9..20 (string@10..19 'O''Neil'))@0..20)");
        case!(relative("Customers%28%27O%27%27Neil%27%29"), @"(resource@0..20 Customers(key@9..20 (string@10..19 'O''Neil'))@0..20)");
        case!(relative("Categories('Smartphone%2FTablet')"), @"(resource@0..31 Categories(key@10..31 (string@11..30 'Smartphone/Tablet'))@0..31)");
        case!(relative("OrderItems(OrderID=1,ItemID='a')"), @"(resource@0..32 OrderItems(key@10..32 (OrderID=(int@19..20 1)) (ItemID=(string@28..31 'a')))@0..32)");
        case!(relative("ProductsByCategoryId(categoryId=2)(2)"), @"(resource@0..37 ProductsByCategoryId(key@20..34 (categoryId=(int@32..33 2)))@0..34 (key@34..37 (int@35..36 2))@34..37)");
        case!(relative("Categories(1)/Products/Model.AllOrders()/$count"), @"(resource@0..47 Categories(key@10..13 (int@11..12 1))@0..13 Products@14..22 (call Model.AllOrders)@23..40 $count@41..47)");
        case!(relative("Products/Model.BestSellingProduct(1)"), @"(resource@0..36 Products@0..8 (cast Model.BestSellingProduct)@9..33 (key@33..36 (int@34..35 1))@33..36)");
        case!(relative("OrderItems/2001/1"), @r#"(resource@0..17 OrderItems@0..10 (key-segment "2001")@11..15 (key-segment "1")@16..17)"#);
        case!(relative("People/O'Neil"), @r#"(resource@0..13 People@0..6 (key-segment "O'Neil")@7..13)"#);
        case!(relative("Categories/Smartphone%2FTablet"), @r#"(resource@0..28 Categories@0..10 (key-segment "Smartphone/Tablet")@11..28)"#);
        case!(relative("Suppliers(1)/Addresses/Model.AddressWithLocation/-1"), @r#"(resource@0..51 Suppliers(key@9..12 (int@10..11 1))@0..12 Addresses@13..22 (cast Model.AddressWithLocation)@23..48 (key-segment "-1")@49..51)"#);
        case!(relative("Products/$filter(@foo)/$each/Special.Discount?@foo=Age gt 3"), @"(resource@0..45 Products@0..8 ($filter (path@17..21 @foo))@9..22 $each@23..28 (cast Special.Discount)@29..45) ? (@foo@0..13 (gt@0..8 (path@0..3 Age) (int@7..8 3)))");
        case!(relative("$crossjoin(Customers,Countries)/$query"), @"(resource@0..38 ($crossjoin Customers Countries)@0..31 $query@32..38)");
        case!(relative("$all/Model.Customer?$filter=contains(Name,'red')"), @"(resource@0..19 $all@0..4 (cast Model.Customer)@5..19) ? ($filter@0..28 (contains@0..20 (path@9..13 Name) (string@14..19 'red')))");
        case!(relative("$entity/Model.Customer?$id=http://h/Customers('A')&$select=Name"), @r#"(resource@0..22 $entity@0..7 (cast Model.Customer)@8..22) ? ($id@0..27 "http://h/Customers('A')") ($select@28..40 (select@0..4 Name))"#);
        case!(relative("$metadata?$format=json#Customers"), @r#"(resource@0..9 $metadata@0..9) ? ($format@0..12 "json")"#);
        case!(relative("Customers?"), @"(resource@0..9 Customers@0..9) ?");
        case!(relative("ProductsByComplex(complex=@c)?@c={\"Name\":\"Value\"}"), @r#"(resource@0..29 ProductsByComplex(key@17..29 (complex=(path@26..28 @c)))@0..29) ? (@c@0..19 (object@0..16 ("Name" (string@8..15 'Value'))))"#);
    }

    #[test]
    fn resource_path_errors() {
        case!(relative("Model.Rejection"), @"error@5..15: expected an entity set, singleton or operation import (a name without namespace), found '.Rejection'");
        case!(relative(".Products('foo')"), @"error@0..9: expected an entity set, singleton or operation import, found '.Products'");
        case!(relative("Products.('foo')"), @"error@8..9: expected '/' or the end of the path, found '.'");
        case!(relative("Categories(ID=wrong)"), @"error@14..19: expected a literal, found 'wrong'");
        case!(relative("OrderItems(OrderID=1;ItemID='a')"), @"error@20..21: expected ',' or ')' after the parameter, found ';'");
        case!(relative("Categories('Tablet/Slate')"), @"error@18..19: expected '%2F' for '/' inside a string in a resource path, found '/'");
        case!(relative("Customers('O%27Neil')"), @"error@15..19: expected ')' after the key, found 'Neil'");
        case!(relative("Categories(1)/Products/$ref/$count"), @"error@27..28: expected end of the path after this segment, found '/'");
        case!(relative("$metadata/x"), @"error@9..10: expected end of the path after this segment, found '/'");
        case!(relative("$entity?$format=json"), @"error@20..20: '$entity' requires an '$id' query option");
        case!(relative("$entity?$id=x&$select=Name"), @"error@14..26: query option '$select' is not allowed in a $entity request without type cast");
        case!(relative("$batch?$top=1"), @"error@7..13: query option '$top' is not allowed in a $batch request");
        case!(relative("$unknown"), @"error@0..8: expected an entity set, singleton, operation import, $metadata, $batch, $entity, $all or $crossjoin, found '$unknown'");
        case!(relative("Products%zz"), @"error@8..11: '%' must be followed by two hexadecimal digits");
    }

    #[test]
    fn uris() {
        case!(uri("http://host/service/EmployeesByManager(ManagerID=@p1)?@p1=3"), @r#"root="http://host/service/" (resource@0..33 EmployeesByManager(key@18..33 (ManagerID=(path@29..32 @p1)))@0..33) ? (@p1@0..5 (int@0..1 3))"#);
        case!(uri("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:8080/MyService/"), @r#"root="https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:8080/MyService/" (resource@0..0)"#);
        case!(uri("http://services.odata.org/OData/OData.svc/$metadata"), @r#"root="http://services.odata.org/OData/OData.svc/" (resource@0..9 $metadata@0..9)"#);
        case!(uri("http://serviceRoot/Model.Container/$all?$search=blue"), @r#"root="http://serviceRoot/Model.Container/" (resource@0..4 $all@0..4) ? ($search@0..12 "blue"@0..4)"#);
        case!(uri("HTTPS://outlook.office.com/api/v2.0/me/messages?$top=5"), @r#"root="HTTPS://outlook.office.com/api/v2.0/me/" (resource@0..8 messages@0..8) ? ($top@0..6 5)"#);
        case!(uri("http//My.Org/"), @"error@4..5: expected '://' after the scheme, found '/'");
        case!(uri("ftp://host/"), @"error@0..3: expected 'http' or 'https', found 'ftp'");
        case!(uri("http://host"), @"error@11..11: expected '/' after the host, found end of input");
        case!(uri("http:///x"), @"error@7..8: expected a host name, found '/'");
    }
}
