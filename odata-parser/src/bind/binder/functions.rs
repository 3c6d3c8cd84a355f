//! The canonical functions: the argument types each accepts and its return type
//! (OData URL conventions, section 5.1.1).

use crate::ast::CanonicalFunction;
use crate::bind::types::{ExprType, Type, is_numeric};
use crate::edm::PrimitiveType as P;

/// What an argument may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// `Edm.String`.
    String,
    /// A string or a collection.
    StringOrCollection,
    /// A collection.
    Collection,
    /// An integer.
    Integer,
    /// Any numeric type.
    Numeric,
    /// `Edm.Date` or `Edm.DateTimeOffset`.
    DateOrDateTime,
    /// `Edm.DateTimeOffset` or `Edm.TimeOfDay`.
    TimeOrDateTime,
    /// `Edm.DateTimeOffset`.
    DateTime,
    /// `Edm.Duration`.
    Duration,
    /// A geography or geometry point.
    Point,
    /// A geography or geometry line string.
    LineString,
    /// A geography or geometry polygon.
    Polygon,
}

impl Arg {
    pub(crate) fn accepts(self, t: ExprType) -> bool {
        if t.ty.is_lenient() {
            return true;
        }
        let p = if t.collection { None } else { t.ty.primitive() };
        match self {
            Arg::String => p == Some(P::String),
            Arg::StringOrCollection => t.collection || p == Some(P::String),
            Arg::Collection => t.collection,
            Arg::Integer => p.is_some_and(P::is_integer),
            Arg::Numeric => p.is_some_and(is_numeric),
            Arg::DateOrDateTime => matches!(p, Some(P::Date | P::DateTimeOffset)),
            Arg::TimeOrDateTime => matches!(p, Some(P::TimeOfDay | P::DateTimeOffset)),
            Arg::DateTime => p == Some(P::DateTimeOffset),
            Arg::Duration => p == Some(P::Duration),
            Arg::Point => matches!(p, Some(P::GeographyPoint | P::GeometryPoint)),
            Arg::LineString => matches!(p, Some(P::GeographyLineString | P::GeometryLineString)),
            Arg::Polygon => matches!(p, Some(P::GeographyPolygon | P::GeometryPolygon)),
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Arg::String => "Edm.String",
            Arg::StringOrCollection => "Edm.String or a collection",
            Arg::Collection => "a collection",
            Arg::Integer => "an integer",
            Arg::Numeric => "a number",
            Arg::DateOrDateTime => "Edm.Date or Edm.DateTimeOffset",
            Arg::TimeOrDateTime => "Edm.TimeOfDay or Edm.DateTimeOffset",
            Arg::DateTime => "Edm.DateTimeOffset",
            Arg::Duration => "Edm.Duration",
            Arg::Point => "a geography or geometry point",
            Arg::LineString => "a geography or geometry line string",
            Arg::Polygon => "a geography or geometry polygon",
        }
    }
}

/// What a function returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ret {
    /// Always this primitive type.
    Fixed(P),
    /// The type of the first argument.
    First,
}

/// The signature of a canonical function: the argument kinds (the parser checked the count)
/// and the return type.
pub(crate) fn signature(f: CanonicalFunction) -> (&'static [Arg], Ret) {
    use Arg::*;
    use CanonicalFunction as F;
    match f {
        F::Contains | F::EndsWith | F::StartsWith => (&[String, String], Ret::Fixed(P::Boolean)),
        F::MatchesPattern => (&[String, String], Ret::Fixed(P::Boolean)),
        F::IndexOf => (&[String, String], Ret::Fixed(P::Int32)),
        F::Length => (&[StringOrCollection], Ret::Fixed(P::Int32)),
        F::Substring => (&[String, Integer, Integer], Ret::First),
        F::ToLower | F::ToUpper | F::Trim => (&[String], Ret::Fixed(P::String)),
        F::Concat => (&[StringOrCollection, StringOrCollection], Ret::First),
        F::HasSubset | F::HasSubsequence => (&[Collection, Collection], Ret::Fixed(P::Boolean)),
        F::Year | F::Month | F::Day => (&[DateOrDateTime], Ret::Fixed(P::Int32)),
        F::Hour | F::Minute | F::Second => (&[TimeOrDateTime], Ret::Fixed(P::Int32)),
        F::FractionalSeconds => (&[TimeOrDateTime], Ret::Fixed(P::Decimal)),
        F::TotalSeconds => (&[Duration], Ret::Fixed(P::Decimal)),
        F::Date => (&[DateTime], Ret::Fixed(P::Date)),
        F::Time => (&[DateTime], Ret::Fixed(P::TimeOfDay)),
        F::TotalOffsetMinutes => (&[DateTime], Ret::Fixed(P::Int32)),
        F::MinDateTime | F::MaxDateTime | F::Now => (&[], Ret::Fixed(P::DateTimeOffset)),
        F::Round | F::Floor | F::Ceiling => (&[Numeric], Ret::First),
        F::GeoDistance => (&[Point, Point], Ret::Fixed(P::Double)),
        F::GeoLength => (&[LineString], Ret::Fixed(P::Double)),
        F::GeoIntersects => (&[Point, Polygon], Ret::Fixed(P::Boolean)),
    }
}

/// The return type for the bound argument types.
pub(crate) fn return_type(f: CanonicalFunction, args: &[ExprType]) -> ExprType {
    match signature(f).1 {
        Ret::Fixed(p) => ExprType::primitive(p),
        Ret::First => match args.first() {
            // round/floor/ceiling of an integer give a decimal-compatible number
            Some(t) if t.ty.is_numeric() && t.ty.primitive().is_some_and(P::is_integer) => {
                ExprType::primitive(P::Decimal)
            }
            Some(t) if !t.ty.is_lenient() => *t,
            _ => ExprType::single(Type::Unknown),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        let s = ExprType::primitive(P::String);
        let d = ExprType::primitive(P::DateTimeOffset);
        assert!(signature(CanonicalFunction::Year).0[0].accepts(d));
        assert!(!signature(CanonicalFunction::Year).0[0].accepts(s));
        assert_eq!(
            return_type(CanonicalFunction::Contains, &[s, s]),
            ExprType::BOOLEAN
        );
        assert_eq!(return_type(CanonicalFunction::Substring, &[s]), s);
        assert_eq!(
            return_type(CanonicalFunction::Round, &[ExprType::primitive(P::Double)]),
            ExprType::primitive(P::Double)
        );
    }
}
