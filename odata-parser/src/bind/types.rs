//! The types the binder gives paths and expressions, and the rules that combine them
//! (numeric promotion, comparable and ordered types).

use std::fmt;

use crate::edm::{
    ComplexTypeId, EntityTypeId, EnumTypeId, Model, PrimitiveType, StructuredTypeId, TypeKind,
    TypeRef,
};

/// The element type of a bound path or expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A primitive type (type definitions are replaced by their underlying type).
    Primitive(PrimitiveType),
    /// An enumeration type of the model.
    Enum(EnumTypeId),
    /// A complex type of the model.
    Complex(ComplexTypeId),
    /// An entity type of the model.
    Entity(EntityTypeId),
    /// The type of the `null` literal: compatible with every nullable type.
    Null,
    /// Not known: a dynamic property of an open type, an annotation, or an expression that
    /// did not bind (already reported). Compatible with everything, so one mistake is
    /// reported once.
    Unknown,
}

/// The type of a bound path or expression: an element type, single or collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExprType {
    /// The element type.
    pub ty: Type,
    /// Whether the value is a collection of `ty`.
    pub collection: bool,
}

impl ExprType {
    /// A single value of `ty`.
    #[must_use]
    pub const fn single(ty: Type) -> Self {
        ExprType {
            ty,
            collection: false,
        }
    }

    /// A collection of `ty`.
    #[must_use]
    pub const fn collection(ty: Type) -> Self {
        ExprType {
            ty,
            collection: true,
        }
    }

    /// A single primitive value.
    #[must_use]
    pub const fn primitive(p: PrimitiveType) -> Self {
        Self::single(Type::Primitive(p))
    }

    /// `Edm.Boolean`.
    pub const BOOLEAN: ExprType = ExprType::primitive(PrimitiveType::Boolean);
    /// The unknown type.
    pub const UNKNOWN: ExprType = ExprType::single(Type::Unknown);

    /// The type a model type reference denotes.
    #[must_use]
    pub fn of(model: &Model, t: &TypeRef) -> Self {
        ExprType {
            ty: Type::of_kind(model, &t.kind),
            collection: t.collection,
        }
    }

    /// Whether the type is unknown (then every check passes).
    #[must_use]
    pub fn is_unknown(self) -> bool {
        self.ty == Type::Unknown
    }

    /// The structured type, for a single or collection-valued entity or complex type.
    #[must_use]
    pub fn structured(self) -> Option<StructuredTypeId> {
        match self.ty {
            Type::Entity(e) => Some(e.into()),
            Type::Complex(c) => Some(c.into()),
            _ => None,
        }
    }

    /// A printable form, e.g. `Collection(Microsoft.OutlookServices.Recipient)`.
    #[must_use]
    pub fn display<'m>(self, model: &'m Model) -> DisplayType<'m> {
        DisplayType { model, ty: self }
    }
}

impl Type {
    /// The element type a model type kind denotes.
    #[must_use]
    pub fn of_kind(model: &Model, kind: &TypeKind) -> Self {
        match kind {
            TypeKind::Primitive(p) => Type::Primitive(*p),
            TypeKind::Enum(e) => Type::Enum(*e),
            TypeKind::TypeDefinition(t) => {
                Type::Primitive(model.type_definition(*t).underlying_type)
            }
            TypeKind::Complex(c) => Type::Complex(*c),
            TypeKind::Entity(e) => Type::Entity(*e),
            TypeKind::Abstract(_) | TypeKind::Vocabulary(_) => Type::Unknown,
        }
    }

    /// The type of a structured type id.
    #[must_use]
    pub fn structured(t: StructuredTypeId) -> Self {
        match t {
            StructuredTypeId::Entity(e) => Type::Entity(e),
            StructuredTypeId::Complex(c) => Type::Complex(c),
        }
    }

    pub(crate) fn primitive(self) -> Option<PrimitiveType> {
        match self {
            Type::Primitive(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn is_numeric(self) -> bool {
        self.primitive().is_some_and(is_numeric)
    }

    pub(crate) fn is_lenient(self) -> bool {
        matches!(self, Type::Unknown | Type::Null)
    }
}

/// [`ExprType`] printed with the model's names.
pub struct DisplayType<'m> {
    model: &'m Model,
    ty: ExprType,
}

impl fmt::Display for DisplayType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ty.collection {
            f.write_str("Collection(")?;
        }
        match self.ty.ty {
            Type::Primitive(p) => write!(f, "{p}")?,
            Type::Enum(e) => f.write_str(self.model.enum_type(e).name.as_str())?,
            Type::Complex(c) => f.write_str(self.model.complex_type(c).name.as_str())?,
            Type::Entity(e) => f.write_str(self.model.entity_type(e).name.as_str())?,
            Type::Null => f.write_str("null")?,
            Type::Unknown => f.write_str("an unknown type")?,
        }
        if self.ty.collection {
            f.write_str(")")?;
        }
        Ok(())
    }
}

pub(crate) fn is_numeric(p: PrimitiveType) -> bool {
    use PrimitiveType::*;
    matches!(
        p,
        Byte | SByte | Int16 | Int32 | Int64 | Decimal | Single | Double
    )
}

fn numeric_rank(p: PrimitiveType) -> u8 {
    use PrimitiveType::*;
    match p {
        Byte | SByte => 1,
        Int16 => 2,
        Int32 => 3,
        Int64 => 4,
        Decimal => 5,
        Single => 6,
        Double => 7,
        _ => 0,
    }
}

/// The type two numeric operands are promoted to (OData's numeric promotion).
pub(crate) fn promote(a: PrimitiveType, b: PrimitiveType) -> PrimitiveType {
    if numeric_rank(a) >= numeric_rank(b) {
        a
    } else {
        b
    }
}

fn is_temporal_date(p: PrimitiveType) -> bool {
    matches!(p, PrimitiveType::Date | PrimitiveType::DateTimeOffset)
}

fn is_geo(p: PrimitiveType) -> bool {
    p >= PrimitiveType::Geography
}

/// Whether two primitive types can be compared with `eq`/`ne` (and, when `ordered`, with
/// `lt`/`le`/`gt`/`ge`): the same type, two numeric types (promotion), or a Date and a
/// DateTimeOffset (the Date is compared as its midnight).
pub(crate) fn primitives_comparable(a: PrimitiveType, b: PrimitiveType, ordered: bool) -> bool {
    if ordered && (is_geo(a) || is_geo(b) || a == PrimitiveType::Stream) {
        return false;
    }
    a == b
        || (is_numeric(a) && is_numeric(b))
        || (is_temporal_date(a) && is_temporal_date(b))
        || (is_geo(a) && is_geo(b) && !ordered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PrimitiveType::*;

    #[test]
    fn promotion_and_comparison() {
        assert_eq!(promote(Int32, Double), Double);
        assert_eq!(promote(Int64, Int16), Int64);
        assert!(primitives_comparable(Int32, Decimal, true));
        assert!(primitives_comparable(Date, DateTimeOffset, true));
        assert!(!primitives_comparable(Boolean, String, false));
        assert!(!primitives_comparable(GeographyPoint, GeographyPoint, true));
        assert!(primitives_comparable(String, String, true));
    }
}
