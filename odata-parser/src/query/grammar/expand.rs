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
    if let Some(rest) = strip_ci(i, "$value")
        && !rest.bytes().next().is_some_and(super::ident::is_ident_byte)
    {
        let item = ExpandItem {
            target: ExpandTarget::Value,
            suffix: ExpandSuffix::None,
            options: Vec::new(),
            span: cx.span(i, rest),
        };
        return Ok((rest, item));
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

#[cfg(test)]
mod tests {
    #[test]
    fn expand() {
        case!(expand("Items"), @"(expand@0..5 Items)");
        case!(expand("Customer/$ref,Items($expand=Product/$ref)"), @"(expand@0..13 Customer /$ref) (expand@14..41 Items ($expand@20..40 (expand@28..40 Product /$ref)))");
        case!(expand("Items/$count($filter=Name eq 'Hugo';$search=x)"), @r#"(expand@0..46 Items /$count ($filter@13..35 (eq@21..35 (path@21..25 Name) (string@29..35 'Hugo'))) ($search@36..45 "x"@44..45))"#);
        case!(expand("Category($levels=4),Category($levels=max)"), @"(expand@0..19 Category ($levels@9..18 4)) (expand@20..41 Category ($levels@29..40 max))");
        case!(expand("*,*/$ref,*($levels=2),Category"), @"(expand@0..1 *) (expand@2..8 * /$ref) (expand@9..21 * ($levels@11..20 2)) (expand@22..30 Category)");
        case!(expand("Address/*/$ref,Address/*($levels=max)"), @"(expand@0..14 Address * /$ref) (expand@15..37 Address * ($levels@25..36 max))");
        case!(expand("$value,Thumbnail"), @"(expand@0..6 $value) (expand@7..16 Thumbnail)");
        case!(expand("Model.VipCustomer/Address/*"), @"(expand@0..27 Model.VipCustomer Address *)");
        case!(expand("Products/Model.BestSellingProduct($select=Name)"), @"(expand@0..47 Products Model.BestSellingProduct ($select@34..46 (select@42..46 Name)))");
        case!(expand("@Namespace.SomeTerm/Products($top=2)"), @"(expand@0..36 @Namespace.SomeTerm Products ($top@29..35 2))");
        case!(expand("Items($select=Quantity;$expand=Product($select=Name,Price);@c=15)"), @"(expand@0..65 Items ($select@6..22 (select@14..22 Quantity)) ($expand@23..58 (expand@31..58 Product ($select@39..57 (select@47..51 Name) (select@52..57 Price)))) (@c@59..64 (int@62..64 15)))");
        case!(expand("Items(expand=Product;levels=2)"), @"(expand@0..30 Items ($expand@6..20 (expand@13..20 Product)) ($levels@21..29 2))");
        case!(expand("Manager($search=(green))"), @r#"(expand@0..24 Manager ($search@8..23 "green"@16..23))"#);
    }

    #[test]
    fn expand_errors() {
        case!(expand("Customer/$ref($levels=4)"), @"error@14..21: query option '$levels' is not allowed after '/$ref'");
        case!(expand("Customer/$ref($select=Name)"), @"error@14..21: query option '$select' is not allowed after '/$ref'");
        case!(expand("Items/$count($count=true)"), @"error@13..19: query option '$count' is not allowed in '/$count(…)'");
        case!(expand("Category($levels=04)"), @"error@17..19: expected a positive integer without leading zero or 'max' after '$levels=', found '04'");
        case!(expand("Category($levels=0)"), @"error@17..18: expected a positive integer without leading zero or 'max' after '$levels=', found '0'");
        case!(expand("*($top=1)"), @"error@2..6: query option '$top' is not allowed after '*' in $expand (only $levels is)");
        case!(expand("Manager($search=gr(een)"), @"error@18..19: expected ';' or ')' after the nested options, found '('");
        case!(expand("Items(expand=Product"), @"error@20..20: expected ';' or ')' after the nested options, found end of input");
        case!(expand("Model.F(a,b)"), @"error@0..7: expected a navigation property, found 'Model.F'");
    }
}
