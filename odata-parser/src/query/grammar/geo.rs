//! Spatial literals (ABNF section 7, `geographyPoint` … `geometryCollection`).
//!
//! The well-known text between the quotes is validated and kept as written. This
//! is a cold path, written with nom combinators; the hot rules elsewhere are byte loops.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{cut, opt, value, verify};
use nom::error::{ContextError, context};
use nom::multi::{separated_list0, separated_list1};
use nom::sequence::{delimited, preceded};
use nom::{Err as NomErr, Parser};

use super::{Cx, PError, PResult, Problem, failure};

/// `fullPointLiteral` / `fullLineStringLiteral` / … = `sridLiteral geoLiteral`
pub(crate) fn parse_full_geo_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ()> {
    let (i, ()) = parse_srid_literal(i)?;
    parse_geo_literal(cx, i)
}

/// `sridLiteral = "SRID" EQ 1*5DIGIT SEMI`
fn parse_srid_literal(i: &str) -> PResult<'_, ()> {
    value(
        (),
        (
            context("'SRID=' before the spatial value", tag_ci("SRID")),
            cut((
                context("'=' after 'SRID'", char('=')),
                context(
                    "1 to 5 digits of SRID",
                    take_while_m_n(1, 5, |c: char| c.is_ascii_digit()),
                ),
                context("';' after the SRID", char(';')),
            )),
        ),
    )
    .parse(i)
}

/// `geoLiteral = collectionLiteral / lineStringLiteral / multiPointLiteral /
/// multiLineStringLiteral / multiPolygonLiteral / pointLiteral / polygonLiteral`
fn parse_geo_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ()> {
    let _guard = cx.enter(i)?;
    // collectionLiteral = "GeometryCollection(" geoLiteral *( COMMA geoLiteral ) CLOSE
    if let Some(rest) = super::strip_ci(i, "GeometryCollection(") {
        let (rest, _) = separated_list1(char(','), |j| parse_geo_literal(cx, j)).parse(rest)?;
        return close(rest);
    }
    // The first letter picks the candidates, so that a `Point` does not first try four
    // other keywords (any case: the keywords are quoted strings in the ABNF).
    let shapes = match i.as_bytes().first().map(u8::to_ascii_uppercase) {
        // lineStringLiteral = "LineString" lineStringData
        Some(b'L') => preceded(tag_ci("LineString"), cut(parse_line_string_data)).parse(i),
        Some(b'M') => alt((
            // multiLineStringLiteral = "MultiLineString(" [ lineStringData *( COMMA lineStringData ) ] CLOSE
            preceded(
                tag_ci("MultiLineString("),
                cut(list_then_close(parse_line_string_data)),
            ),
            // multiPointLiteral = "MultiPoint(" [ pointData *( COMMA pointData ) ] CLOSE
            preceded(
                tag_ci("MultiPoint("),
                cut(list_then_close(parse_point_data)),
            ),
            // multiPolygonLiteral = "MultiPolygon(" [ polygonData *( COMMA polygonData ) ] CLOSE
            preceded(
                tag_ci("MultiPolygon("),
                cut(list_then_close(parse_polygon_data)),
            ),
        ))
        .parse(i),
        Some(b'P') => alt((
            // pointLiteral = "Point" pointData
            preceded(tag_ci("Point"), cut(parse_point_data)),
            // polygonLiteral = "Polygon" polygonData
            preceded(tag_ci("Polygon"), cut(parse_polygon_data)),
        ))
        .parse(i),
        _ => Err(NomErr::Error(PError::new(i, Problem::Nom))),
    };
    let what = "a spatial type (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection)";
    match shapes {
        Err(NomErr::Error(e)) => Err(NomErr::Failure(
            <PError<'a> as ContextError<&'a str>>::add_context(i, what, e),
        )),
        other => other,
    }
}

/// An ASCII keyword in any case (a quoted string of the ABNF); nom's `tag_no_case`
/// compares Unicode lowercase forms, which cost more than the rest of a literal.
fn tag_ci<'a>(keyword: &'static str) -> impl Parser<&'a str, Output = &'a str, Error = PError<'a>> {
    move |i: &'a str| match super::strip_ci(i, keyword) {
        Some(rest) => Ok((rest, &i[..keyword.len()])),
        None => Err(NomErr::Error(PError::new(i, Problem::Nom))),
    }
}

fn close(i: &str) -> PResult<'_, ()> {
    value((), context("')' or ','", char(')'))).parse(i)
}

/// An optional comma-separated list of `item`, then `)`.
fn list_then_close<'a>(
    item: fn(&'a str) -> PResult<'a, ()>,
) -> impl Parser<&'a str, Output = (), Error = PError<'a>> {
    value(
        (),
        (
            separated_list0(char(','), item),
            cut(context("')' or ','", char(')'))),
        ),
    )
}

/// `pointData = OPEN positionLiteral CLOSE`
fn parse_point_data(i: &str) -> PResult<'_, ()> {
    value(
        (),
        delimited(
            context("'('", char('(')),
            parse_position_literal,
            cut(context("')'", char(')'))),
        ),
    )
    .parse(i)
}

/// `lineStringData = OPEN positionLiteral 1*( COMMA positionLiteral ) CLOSE`
fn parse_line_string_data(i: &str) -> PResult<'_, ()> {
    let mut positions = verify(
        separated_list1(char(','), parse_position_literal),
        |v: &Vec<()>| v.len() >= 2,
    );
    let (rest, ()) = value((), context("'('", char('('))).parse(i)?;
    match positions.parse(rest) {
        Ok((rest, _)) => close(rest),
        Err(NomErr::Error(e)) if e.at.len() == rest.len() => {
            // one position only: point past it
            let after = parse_position_literal(rest).map_or(rest, |(r, ())| r);
            failure(after, "',' and a second position")
        }
        Err(e) => Err(e),
    }
}

/// `polygonData = OPEN ringLiteral *( COMMA ringLiteral ) CLOSE`
fn parse_polygon_data(i: &str) -> PResult<'_, ()> {
    value(
        (),
        (
            context("'('", char('(')),
            separated_list1(char(','), parse_ring_literal),
            cut(context("')' or ','", char(')'))),
        ),
    )
    .parse(i)
}

/// `ringLiteral = OPEN positionLiteral *( COMMA positionLiteral ) CLOSE`
fn parse_ring_literal(i: &str) -> PResult<'_, ()> {
    value(
        (),
        (
            context("'('", char('(')),
            separated_list1(char(','), parse_position_literal),
            cut(context("')' or ','", char(')'))),
        ),
    )
    .parse(i)
}

/// `positionLiteral = doubleValue SP doubleValue [ SP doubleValue ] [ SP doubleValue ]`
fn parse_position_literal(i: &str) -> PResult<'_, ()> {
    value(
        (),
        (
            parse_double_value,
            cut(preceded(
                context("a space and a second coordinate", tag(" ")),
                parse_double_value,
            )),
            opt(preceded(tag(" "), parse_double_value)),
            opt(preceded(tag(" "), parse_double_value)),
        ),
    )
    .parse(i)
}

/// `doubleValue = decimalValue = ["+"/"-"] 1*DIGIT [ "." 1*DIGIT ] [ "e" ["+"/"-"] 1*DIGIT ] / nanInfinity`
pub(crate) fn parse_double_value(i: &str) -> PResult<'_, ()> {
    match decimal_value_len(i) {
        Ok(n) => Ok((&i[n..], ())),
        Err(at) => failure(&i[at..], "a number"),
    }
}

/// Length of a `decimalValue` at the start of `s`, or the offset where it fails.
pub(crate) fn decimal_value_len(s: &str) -> Result<usize, usize> {
    for special in ["NaN", "-INF", "INF"] {
        if s.starts_with(special) {
            return Ok(special.len());
        }
    }
    let b = s.as_bytes();
    let mut n = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let d = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 {
        return Err(n);
    }
    n += d;
    if b.get(n) == Some(&b'.') {
        let f = b[n + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if f == 0 {
            return Err(n + 1);
        }
        n += 1 + f;
    }
    if matches!(b.get(n), Some(b'e' | b'E')) {
        let mut m = n + 1;
        if matches!(b.get(m), Some(b'+' | b'-')) {
            m += 1;
        }
        let e = b[m..].iter().take_while(|c| c.is_ascii_digit()).count();
        if e == 0 {
            return Err(m);
        }
        n = m + e;
    }
    Ok(n)
}
