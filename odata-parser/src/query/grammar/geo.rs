//! Spatial literals (ABNF section 7, `geographyPoint` … `geometryCollection`).
//!
//! The well-known text between the quotes is validated and kept as written.

use super::{Cx, PResult, byte, fail, failure, peek, strip_ci};

/// `fullPointLiteral` / `fullLineStringLiteral` / … = `sridLiteral geoLiteral`
pub(crate) fn parse_full_geo_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ()> {
    let (i, ()) = parse_srid_literal(i)?;
    parse_geo_literal(cx, i)
}

/// `sridLiteral = "SRID" EQ 1*5DIGIT SEMI`
fn parse_srid_literal(i: &str) -> PResult<'_, ()> {
    let Some(rest) = strip_ci(i, "SRID") else {
        return fail(i, "'SRID=' before the spatial value");
    };
    let (rest, ()) = byte(rest, b'=', "'=' after 'SRID'")?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 5 {
        return failure(rest, "1 to 5 digits of SRID");
    }
    let (rest, ()) = byte(&rest[n..], b';', "';' after the SRID")?;
    Ok((rest, ()))
}

/// `geoLiteral = collectionLiteral / lineStringLiteral / multiPointLiteral /
/// multiLineStringLiteral / multiPolygonLiteral / pointLiteral / polygonLiteral`
fn parse_geo_literal<'a>(cx: &Cx<'_>, i: &'a str) -> PResult<'a, ()> {
    let _guard = cx.enter(i)?;
    if let Some(rest) = strip_ci(i, "GeometryCollection(") {
        // collectionLiteral = "GeometryCollection(" geoLiteral *( COMMA geoLiteral ) CLOSE
        let (mut rest, ()) = parse_geo_literal(cx, rest)?;
        while let Some(r) = rest.strip_prefix(',') {
            rest = parse_geo_literal(cx, r)?.0;
        }
        return close(rest);
    }
    if let Some(rest) = strip_ci(i, "LineString") {
        return parse_line_string_data(rest);
    }
    if let Some(rest) = strip_ci(i, "MultiLineString(") {
        // multiLineStringLiteral = "MultiLineString(" [ lineStringData *( COMMA lineStringData ) ] CLOSE
        return list_of(rest, parse_line_string_data);
    }
    if let Some(rest) = strip_ci(i, "MultiPoint(") {
        // multiPointLiteral = "MultiPoint(" [ pointData *( COMMA pointData ) ] CLOSE
        return list_of(rest, parse_point_data);
    }
    if let Some(rest) = strip_ci(i, "MultiPolygon(") {
        // multiPolygonLiteral = "MultiPolygon(" [ polygonData *( COMMA polygonData ) ] CLOSE
        return list_of(rest, parse_polygon_data);
    }
    if let Some(rest) = strip_ci(i, "Point") {
        return parse_point_data(rest);
    }
    if let Some(rest) = strip_ci(i, "Polygon") {
        return parse_polygon_data(rest);
    }
    failure(
        i,
        "a spatial type (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection)",
    )
}

fn close(i: &str) -> PResult<'_, ()> {
    if peek(i) == Some(b')') {
        Ok((&i[1..], ()))
    } else {
        failure(i, "')' or ','")
    }
}

fn open(i: &str) -> PResult<'_, ()> {
    if peek(i) == Some(b'(') {
        Ok((&i[1..], ()))
    } else {
        failure(i, "'('")
    }
}

/// An optional comma-separated list of `item`, then `)`.
fn list_of(i: &str, item: fn(&str) -> PResult<'_, ()>) -> PResult<'_, ()> {
    if peek(i) == Some(b')') {
        return Ok((&i[1..], ()));
    }
    let (mut rest, ()) = item(i)?;
    while let Some(r) = rest.strip_prefix(',') {
        rest = item(r)?.0;
    }
    close(rest)
}

/// `pointData = OPEN positionLiteral CLOSE`
fn parse_point_data(i: &str) -> PResult<'_, ()> {
    let (i, ()) = open(i)?;
    let (i, ()) = parse_position_literal(i)?;
    close(i)
}

/// `lineStringData = OPEN positionLiteral 1*( COMMA positionLiteral ) CLOSE`
fn parse_line_string_data(i: &str) -> PResult<'_, ()> {
    let (i, ()) = open(i)?;
    let (mut i, ()) = parse_position_literal(i)?;
    let mut n = 1;
    while let Some(r) = i.strip_prefix(',') {
        i = parse_position_literal(r)?.0;
        n += 1;
    }
    if n < 2 {
        return failure(i, "',' and a second position");
    }
    close(i)
}

/// `polygonData = OPEN ringLiteral *( COMMA ringLiteral ) CLOSE`
fn parse_polygon_data(i: &str) -> PResult<'_, ()> {
    let (i, ()) = open(i)?;
    let (mut i, ()) = parse_ring_literal(i)?;
    while let Some(r) = i.strip_prefix(',') {
        i = parse_ring_literal(r)?.0;
    }
    close(i)
}

/// `ringLiteral = OPEN positionLiteral *( COMMA positionLiteral ) CLOSE`
fn parse_ring_literal(i: &str) -> PResult<'_, ()> {
    let (i, ()) = open(i)?;
    let (mut i, ()) = parse_position_literal(i)?;
    while let Some(r) = i.strip_prefix(',') {
        i = parse_position_literal(r)?.0;
    }
    close(i)
}

/// `positionLiteral = doubleValue SP doubleValue [ SP doubleValue ] [ SP doubleValue ]`
fn parse_position_literal(i: &str) -> PResult<'_, ()> {
    let mut i = parse_double_value(i)?.0;
    let Some(r) = i.strip_prefix(' ') else {
        return failure(i, "a space and a second coordinate");
    };
    i = parse_double_value(r)?.0;
    for _ in 0..2 {
        match i.strip_prefix(' ') {
            Some(r) => i = parse_double_value(r)?.0,
            None => break,
        }
    }
    Ok((i, ()))
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
