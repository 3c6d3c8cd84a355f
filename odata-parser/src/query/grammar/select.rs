//! `$select` (ABNF section 2, `selectItem`) and the path segments it shares with `$expand`.

use std::borrow::Cow;

use nom::Err as NomErr;

use super::ident::{ident_len, parse_odata_identifier, qualified_len};
use super::options::{NestedPlace, parse_nested_options};
use super::path::parse_annotation_in_query;
use super::{Cx, PError, PResult, Problem, fail, failure, parse_list_comma, peek};
use crate::query::ast::{
    QualifiedName, SelectItem, SelectItemKind, SelectSegment, SelectSegmentKind,
};

/// `select = ( "$select" / "select" ) EQ selectItem *( COMMA selectItem )`, the value.
pub(crate) fn parse_select<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<SelectItem<'a>>> {
    let mut items = Vec::new();
    let mut r = i;
    loop {
        let (rest, item) = parse_select_item(cx, r)?;
        items.push(item);
        match parse_list_comma(cx, rest) {
            Some(next) => r = next,
            None => return Ok((rest, items)),
        }
    }
}

/// `selectItem = STAR / allOperationsInSchema / selectProperty / optionallyQualifiedActionName
/// / optionallyQualifiedFunctionName / ( optionallyQualifiedEntityTypeName / … ) "/" ( … )`
fn parse_select_item<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, SelectItem<'a>> {
    if let Some(rest) = i.strip_prefix('*') {
        return Ok((
            rest,
            SelectItem {
                kind: SelectItemKind::Star,
                span: cx.span(i, rest),
            },
        ));
    }
    // allOperationsInSchema = namespace "." STAR
    let n = qualified_len(i)
        .map_err(|()| NomErr::Failure(PError::new(i, Problem::IdentifierTooLong)))?;
    if n > 0 && i[n..].starts_with(".*") {
        let ns = QualifiedName {
            text: Cow::Borrowed(&i[..n]),
            span: cx.span(i, &i[n..]),
        };
        let end = &i[n + 2..];
        return Ok((
            end,
            SelectItem {
                kind: SelectItemKind::AllOperations(ns),
                span: cx.span(i, end),
            },
        ));
    }
    let mut segments = Vec::new();
    let mut options = Vec::new();
    let mut r = i;
    loop {
        let (rest, seg) = parse_select_segment(cx, r)?;
        let is_name = matches!(
            seg.kind,
            SelectSegmentKind::Name(_)
                | SelectSegmentKind::Qualified(_)
                | SelectSegmentKind::Annotation(_)
        );
        segments.push(seg);
        r = rest;
        match peek(r) {
            Some(b'/') if is_name => r = &r[1..],
            Some(b'(') if is_name => {
                let _guard = cx.enter(r)?;
                let (rest, opts) = parse_nested_options(cx, &r[1..], NestedPlace::Select)?;
                let Some(end) = rest.strip_prefix(')') else {
                    return failure(rest, "';' or ')' after the nested options");
                };
                options = opts;
                r = end;
                break;
            }
            _ => break,
        }
    }
    Ok((
        r,
        SelectItem {
            kind: SelectItemKind::Path { segments, options },
            span: cx.span(i, r),
        },
    ))
}

/// One segment of a `$select` or `$expand` path: a name, a qualified name, an
/// annotation, or a function with parameter names `Ns.Fn(p1,p2)`.
pub(crate) fn parse_select_segment<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, SelectSegment<'a>> {
    if peek(i) == Some(b'@') {
        let (rest, name) = parse_annotation_in_query(cx, i)?;
        return Ok((
            rest,
            SelectSegment {
                kind: SelectSegmentKind::Annotation(name),
                span: cx.span(i, rest),
            },
        ));
    }
    let n = qualified_len(i)
        .map_err(|()| NomErr::Failure(PError::new(i, Problem::IdentifierTooLong)))?;
    if n == 0 {
        return fail(i, "a property name");
    }
    let (word, rest) = i.split_at(n);
    let name = QualifiedName {
        text: Cow::Borrowed(word),
        span: cx.span(i, rest),
    };
    if peek(rest) == Some(b'(') && is_parameter_names(&rest[1..]) {
        // optionallyQualifiedFunctionName = [ namespace "." ] function [ OPEN parameterNames CLOSE ]
        let mut parameters = Vec::new();
        let mut r = &rest[1..];
        loop {
            let (after, p) = parse_odata_identifier(r)?;
            parameters.push(Cow::Borrowed(p));
            match peek(after) {
                Some(b',') => r = &after[1..],
                _ => {
                    r = &after[1..]; // ')' (checked by is_parameter_names)
                    break;
                }
            }
        }
        let kind = SelectSegmentKind::FunctionOverload { name, parameters };
        return Ok((
            r,
            SelectSegment {
                kind,
                span: cx.span(i, r),
            },
        ));
    }
    let kind = if word.contains('.') {
        SelectSegmentKind::Qualified(name)
    } else {
        SelectSegmentKind::Name(Cow::Borrowed(word))
    };
    Ok((
        rest,
        SelectSegment {
            kind,
            span: cx.span(i, rest),
        },
    ))
}

/// Whether the text after `(` is `parameterNames CLOSE`: identifiers separated by commas,
/// none followed by `=` (which would make it nested options).
fn is_parameter_names(s: &str) -> bool {
    let mut r = s;
    loop {
        let n = ident_len(r).unwrap_or(0);
        if n == 0 {
            return false;
        }
        match r.as_bytes().get(n) {
            Some(b',') => r = &r[n + 1..],
            Some(b')') => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn select() {
        case!(select("Rating,ReleaseDate"), @"(select@0..6 Rating) (select@7..18 ReleaseDate)");
        case!(select("*"), @"*@0..1");
        case!(select("Model.*"), @"Model.*@0..7");
        case!(select("Address/Model.AddressWithLocation/Location"), @"(select@0..42 Address Model.AddressWithLocation Location)");
        case!(select("Model.ActionName,Model.MostPopularName(Location,Kind)"), @"(select@0..16 Model.ActionName) (select@17..53 (fn Model.MostPopularName Location Kind))");
        case!(select("Address($select=Street,City;$top=2)"), @"(select@0..35 Address ($select@8..27 (select@16..22 Street) (select@23..27 City)) ($top@28..34 2))");
        case!(select("Addresses($filter=startswith(City,'H');$top=5;$skip=0;$count=true;$orderby=$it;$search=blue;@c=15)"), @r#"(select@0..98 Addresses ($filter@10..38 (startswith@18..38 (path@29..33 City) (string@34..37 'H'))) ($top@39..45 5) ($skip@46..53 0) ($count@54..65 true) ($orderby@66..78 (item@75..78 (path@75..78 $it))) ($search@79..91 "blue"@87..91) (@c@92..97 (int@95..97 15)))"#);
        case!(select("@Core.Messages($top=5),Address/@Core.Messages"), @"(select@0..22 @Core.Messages ($top@15..21 5)) (select@23..45 Address @Core.Messages)");
        case!(select("Addresses(filter=City eq 'x')"), @"(select@0..29 Addresses ($filter@10..28 (eq@17..28 (path@17..21 City) (string@25..28 'x'))))");
    }

    #[test]
    fn select_errors() {
        case!(select(""), @"error@0..0: expected a property name, found end of input");
        case!(select("Name,"), @"error@5..5: expected a property name, found end of input");
        case!(select("Address($expand=Country)"), @"error@8..15: query option '$expand' is not allowed in nested $select options");
        case!(select("Address($levels=2)"), @"error@8..15: query option '$levels' is not allowed in nested $select options");
        case!(select("Address($top=1;$top=2)"), @"error@15..19: system query option '$top' appears more than once");
        case!(select("Address($foo=1)"), @"error@8..12: unknown system query option '$foo'");
        case!(select("Address($top=1"), @"error@14..14: expected ';' or ')' after the nested options, found end of input");
        case!(select("Address(top)"), @"(select@0..12 (fn Address top))");
        case!(select("Name/"), @"error@5..5: expected a property name, found end of input");
    }
}
