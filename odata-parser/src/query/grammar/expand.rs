//! `$expand` (ABNF section 2, `expandItem`).

use super::options::{NestedPlace, parse_nested_options};
use super::select::parse_select_segment;
use super::{Cx, PResult, failure, parse_list_comma, peek, strip_ci};
use crate::query::ast::{
    ExpandItem, ExpandSuffix, ExpandTarget, QueryOption, SelectSegment, SelectSegmentKind,
};

/// `expand = ( "$expand" / "expand" ) EQ expandItem *( COMMA expandItem )`, the value.
pub(crate) fn parse_expand<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<ExpandItem<'a>>> {
    let mut items = Vec::new();
    let mut r = i;
    loop {
        let (rest, item) = parse_expand_item(cx, r)?;
        items.push(item);
        match parse_list_comma(cx, rest) {
            Some(next) => r = next,
            None => return Ok((rest, items)),
        }
    }
}

/// `expandItem = "$value" / expandPath / optionallyQualifiedEntityTypeName "/" expandPath`
fn parse_expand_item<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ExpandItem<'a>> {
    if let Some(rest) = strip_ci(i, "$value") {
        if !rest.bytes().next().is_some_and(super::ident::is_ident_byte) {
            let item = ExpandItem {
                target: ExpandTarget::Value,
                suffix: ExpandSuffix::None,
                options: Vec::new(),
                span: cx.span(i, rest),
            };
            return Ok((rest, item));
        }
    }
    if let Some(rest) = i.strip_prefix('*') {
        let (end, (suffix, options)) = parse_star_tail(cx, rest)?;
        return Ok((
            end,
            ExpandItem {
                target: ExpandTarget::Star,
                suffix,
                options,
                span: cx.span(i, end),
            },
        ));
    }
    // expandPath: ( complexProperty / … / optionallyQualifiedComplexTypeName ) "/" expandPath,
    // ending in ( navigationProperty / entityAnnotationInQuery ) [ "/" optionallyQualifiedEntityTypeName ]
    // [ ref [ (refOptions) ] / count [ (countOptions) ] / (expandOptions) ], STAR, or a stream property.
    let mut segments: Vec<SelectSegment<'a>> = Vec::new();
    let mut r = i;
    loop {
        if let Some(rest) = r.strip_prefix('*') {
            let star = SelectSegment {
                kind: SelectSegmentKind::Star,
                span: cx.span(r, rest),
            };
            segments.push(star);
            let (end, (suffix, options)) = parse_star_tail(cx, rest)?;
            let item = ExpandItem {
                target: ExpandTarget::Path(segments),
                suffix,
                options,
                span: cx.span(i, end),
            };
            return Ok((end, item));
        }
        let (rest, seg) = parse_select_segment(cx, r)?;
        if matches!(seg.kind, SelectSegmentKind::FunctionOverload { .. }) {
            return failure(r, "a navigation property");
        }
        segments.push(seg);
        r = rest;
        if peek(r) == Some(b'/') {
            let after = &r[1..];
            if let Some(end) = cx.strip_cs(after, "$ref") {
                let (end, options) = nested(cx, end, NestedPlace::Ref)?;
                let item = ExpandItem {
                    target: ExpandTarget::Path(segments),
                    suffix: ExpandSuffix::Ref,
                    options,
                    span: cx.span(i, end),
                };
                return Ok((end, item));
            }
            if let Some(end) = cx.strip_cs(after, "$count") {
                let (end, options) = nested(cx, end, NestedPlace::Count)?;
                let item = ExpandItem {
                    target: ExpandTarget::Path(segments),
                    suffix: ExpandSuffix::Count,
                    options,
                    span: cx.span(i, end),
                };
                return Ok((end, item));
            }
            r = after;
            continue;
        }
        let (end, options) = nested(cx, r, NestedPlace::Expand)?;
        let item = ExpandItem {
            target: ExpandTarget::Path(segments),
            suffix: ExpandSuffix::None,
            options,
            span: cx.span(i, end),
        };
        return Ok((end, item));
    }
}

/// After `*`: `[ ref / OPEN levels CLOSE ]`.
fn parse_star_tail<'a>(
    cx: &Cx<'_>,
    rest: &'a str,
) -> PResult<'a, (ExpandSuffix, Vec<QueryOption<'a>>)> {
    if let Some(after) = rest.strip_prefix('/').and_then(|a| cx.strip_cs(a, "$ref")) {
        return Ok((after, (ExpandSuffix::Ref, Vec::new())));
    }
    let (end, options) = nested(cx, rest, NestedPlace::StarExpand)?;
    Ok((end, (ExpandSuffix::None, options)))
}

/// Optional `( option *( SEMI option ) )` allowed at `place`.
fn nested<'a>(cx: &Cx<'_>, i: &'a str, place: NestedPlace) -> PResult<'a, Vec<QueryOption<'a>>> {
    if peek(i) != Some(b'(') {
        return Ok((i, Vec::new()));
    }
    let _guard = cx.enter(i)?;
    let (rest, options) = parse_nested_options(cx, &i[1..], place)?;
    match rest.strip_prefix(')') {
        Some(end) => Ok((end, options)),
        None => failure(rest, "';' or ')' after the nested options"),
    }
}
