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
            if let Some(r) = strip_ci(after, kw) {
                if !r.bytes().next().is_some_and(is_ident_byte) {
                    direction = Some(dir);
                    end = r;
                }
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
