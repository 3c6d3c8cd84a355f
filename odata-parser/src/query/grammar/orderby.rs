//! `$orderby` and `$compute` (ABNF section 2).

use std::borrow::Cow;

use super::expr::parse_common_expr;
use super::ident::{is_ident_byte, parse_odata_identifier};
use super::{Cx, PResult, commit, failure, parse_list_comma, strip_ci, ws_len};
use crate::query::ast::{ComputeItem, OrderbyItem, SortDirection};

/// `orderby = ( "$orderby" / "orderby" ) EQ orderbyItem *( COMMA orderbyItem )`, the value.
pub(crate) fn parse_orderby<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<OrderbyItem<'a>>> {
    let mut items = Vec::new();
    let mut r = i;
    loop {
        let (rest, item) = parse_orderby_item(cx, r)?;
        items.push(item);
        match parse_list_comma(cx, rest) {
            Some(next) => r = next,
            None => return Ok((rest, items)),
        }
    }
}

/// `orderbyItem = commonExpr [ RWS ( "asc" / "desc" ) ]`
fn parse_orderby_item<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, OrderbyItem<'a>> {
    let (rest, expr) = parse_common_expr(cx, i).map_err(commit(i, "an expression to order by"))?;
    let ws = ws_len(rest);
    let mut end = rest;
    let mut direction = None;
    if ws > 0 {
        let after = &rest[ws..];
        for (kw, dir) in [("asc", SortDirection::Asc), ("desc", SortDirection::Desc)] {
            if let Some(r) = strip_ci(after, kw)
                && !r.bytes().next().is_some_and(is_ident_byte)
            {
                direction = Some(dir);
                end = r;
            }
        }
    }
    Ok((
        end,
        OrderbyItem {
            expr,
            direction,
            span: cx.span(i, end),
        },
    ))
}

/// `compute = ( "$compute" / "compute" ) EQ computeItem *( COMMA computeItem )`, the value.
pub(crate) fn parse_compute<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, Vec<ComputeItem<'a>>> {
    let mut items = Vec::new();
    let mut r = i;
    loop {
        let (rest, item) = parse_compute_item(cx, r)?;
        items.push(item);
        match parse_list_comma(cx, rest) {
            Some(next) => r = next,
            None => return Ok((rest, items)),
        }
    }
}

/// `computeItem = commonExpr RWS "as" RWS computedProperty`
fn parse_compute_item<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ComputeItem<'a>> {
    let (rest, expr) = parse_common_expr(cx, i).map_err(commit(i, "an expression to compute"))?;
    let ws = ws_len(rest);
    let as_kw = if ws > 0 {
        strip_ci(&rest[ws..], "as")
    } else {
        None
    };
    let Some(after_as) = as_kw.filter(|r| ws_len(r) > 0) else {
        return failure(&rest[ws..], "'as' and a name after the computed expression");
    };
    let name_at = &after_as[ws_len(after_as)..];
    let (end, alias) = parse_odata_identifier(name_at)
        .map_err(commit(name_at, "a name for the computed property"))?;
    Ok((
        end,
        ComputeItem {
            expr,
            alias: Cow::Borrowed(alias),
            span: cx.span(i, end),
        },
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn orderby() {
        case!(orderby("Name"), @"(item@0..4 (path@0..4 Name))");
        case!(orderby("Name\tasc,Rating,ReleaseDate DESC"), @"(asc@0..8 (path@0..4 Name)) (item@9..15 (path@9..15 Rating)) (desc@16..32 (path@16..27 ReleaseDate))");
        case!(orderby("Cost ge Revenue asc"), @"(asc@0..19 (ge@0..15 (path@0..4 Cost) (path@8..15 Revenue)))");
        case!(orderby("Products/$count desc"), @"(desc@0..20 (path@0..15 Products ($count)))");
        case!(orderby("ascending"), @"(item@0..9 (path@0..9 ascending))");
        case!(orderby("Name asc desc"), @"error@9..13: expected 'asc', 'desc', ',' or end of input, found 'desc'");
        case!(orderby("Name,"), @"error@5..5: expected an expression to order by, found end of input");
        case!(orderby("Name, Rating"), @"error@5..6: expected an expression to order by, found ' '");
    }

    #[test]
    fn compute() {
        case!(compute("Amount mul Product/TaxRate as Tax,day(Time/Date) as WeekDay"), @"(as@0..33 (mul@0..26 (path@0..6 Amount) (path@11..26 Product TaxRate)) Tax) (as@34..59 (day@34..48 (path@38..47 Time Date)) WeekDay)");
        case!(compute("case(X gt 0:1,true:0) AS SignumX"), @"(as@0..32 (case@0..21 ((gt@5..11 (path@5..6 X) (int@10..11 0)) : (int@12..13 1)) ((bool@14..18 true) : (int@19..20 0))) SignumX)");
        case!(compute("Amount"), @"error@6..6: expected 'as' and a name after the computed expression, found end of input");
        case!(compute("Amount as"), @"error@7..9: expected 'as' and a name after the computed expression, found 'as'");
        case!(compute("Amount as 1x"), @"error@10..12: expected a name for the computed property, found '1x'");
    }
}
