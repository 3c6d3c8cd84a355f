//! The classification rules for type references: whether a change of type, collection-ness,
//! nullability or facets breaks a client generated from the old document, depending on the
//! direction data flows through the position the type is used in.

use crate::edm::{Facets, MaxLength, Model, PrimitiveType, Scale, TypeKind, TypeRef};

/// Which way values flow through a type reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    /// Only from the service to the client: return types, read-only properties.
    Read,
    /// Only from the client to the service: parameters.
    Write,
    /// Both ways: properties, type definitions.
    Both,
}

impl Position {
    fn reads(self) -> bool {
        matches!(self, Position::Read | Position::Both)
    }

    fn writes(self) -> bool {
        matches!(self, Position::Write | Position::Both)
    }
}

/// One classified difference of a type reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeChange {
    pub(crate) aspect: &'static str,
    pub(crate) breaking: bool,
    pub(crate) reason: String,
    pub(crate) old: String,
    pub(crate) new: String,
}

/// How the value space of a new type relates to the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    /// The new type holds every value of the old one, and more.
    Widened,
    /// The old type holds every value of the new one, and more.
    Narrowed,
    /// Neither: values are not interchangeable.
    Incompatible,
}

/// The inclusive range of an integer type.
fn int_range(p: PrimitiveType) -> Option<(i128, i128)> {
    use PrimitiveType::*;
    Some(match p {
        Byte => (0, 255),
        SByte => (-128, 127),
        Int16 => (i16::MIN.into(), i16::MAX.into()),
        Int32 => (i32::MIN.into(), i32::MAX.into()),
        Int64 => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// Whether every value of `from` is a value of `to` (`from != to`).
fn holds(to: PrimitiveType, from: PrimitiveType) -> bool {
    use PrimitiveType::*;
    if let (Some((a, b)), Some((c, d))) = (int_range(from), int_range(to)) {
        return c <= a && b <= d;
    }
    match to {
        Decimal => from.is_integer(),
        Double => matches!(from, Byte | SByte | Int16 | Int32 | Single),
        Single => matches!(from, Byte | SByte | Int16),
        Geography => from.name().starts_with("Geography"),
        Geometry => from.name().starts_with("Geometry"),
        _ => false,
    }
}

fn primitive_relation(old: PrimitiveType, new: PrimitiveType) -> Relation {
    if holds(new, old) {
        Relation::Widened
    } else if holds(old, new) {
        Relation::Narrowed
    } else {
        Relation::Incompatible
    }
}

/// The primitive type values of a type are exchanged as: the type itself or the underlying
/// type of a type definition.
fn wire_primitive(model: &Model, kind: &TypeKind) -> Option<PrimitiveType> {
    match kind {
        TypeKind::Primitive(p) => Some(*p),
        TypeKind::TypeDefinition(id) => Some(model.type_definition(*id).underlying_type),
        _ => None,
    }
}

/// The facets in effect: the reference's own, else those its type definition fixes.
fn effective_facets(model: &Model, ty: &TypeRef) -> Facets {
    let mut f = ty.facets;
    if let TypeKind::TypeDefinition(id) = ty.kind {
        let d = model.type_definition(id).facets;
        f.max_length = f.max_length.or(d.max_length);
        f.precision = f.precision.or(d.precision);
        f.scale = f.scale.or(d.scale);
        f.srid = f.srid.or(d.srid);
        f.unicode = f.unicode.or(d.unicode);
    }
    f
}

/// The reason and verdict of a widened or narrowed value space in `position`.
fn ranged(position: Position, relation: Relation, what: &str) -> (bool, String) {
    match relation {
        Relation::Widened if position.reads() => (
            true,
            format!("{what} widened: responses may hold values the old client's type cannot"),
        ),
        Relation::Widened => (
            false,
            format!("{what} widened: every value the old client sends is still accepted"),
        ),
        Relation::Narrowed if position.writes() => (
            true,
            format!("{what} narrowed: values the old client may send are no longer accepted"),
        ),
        Relation::Narrowed => (
            false,
            format!("{what} narrowed: the old client's type holds every value returned"),
        ),
        Relation::Incompatible => (
            true,
            format!("{what} changed to an incompatible type: values no longer convert"),
        ),
    }
}

/// Compares two references to the same element (property, parameter, return type, …) in
/// `position`, pushing one [`TypeChange`] per aspect that differs.
pub(crate) fn compare_type_refs(
    old_model: &Model,
    old: &TypeRef,
    new_model: &Model,
    new: &TypeRef,
    position: Position,
    out: &mut Vec<TypeChange>,
) {
    let old_name = old_model.type_kind_name(&old.kind);
    let new_name = new_model.type_kind_name(&new.kind);
    if old.collection != new.collection {
        out.push(TypeChange {
            aspect: "collection",
            breaking: true,
            reason: if new.collection {
                "single value became a collection: payload shapes differ".into()
            } else {
                "collection became a single value: payload shapes differ".into()
            },
            old: old_model.type_ref_name(old),
            new: new_model.type_ref_name(new),
        });
    }
    let old_wire = wire_primitive(old_model, &old.kind);
    let new_wire = wire_primitive(new_model, &new.kind);
    // Facets only mean something when the values stay of the same primitive type. For the
    // same type name only the reference's own facets count: a type definition's are
    // compared once, at the definition.
    let mut facets = (old_name == new_name).then_some((old.facets, new.facets));
    if old_name != new_name {
        let (breaking, reason) = match (old_wire, new_wire) {
            (Some(o), Some(n)) if o == n => {
                facets = Some((
                    effective_facets(old_model, old),
                    effective_facets(new_model, new),
                ));
                (
                    false,
                    format!("same underlying type {o}: values are exchanged unchanged"),
                )
            }
            (Some(o), Some(n)) => ranged(position, primitive_relation(o, n), "type"),
            _ => ranged(
                position,
                structured_relation(new_model, &old_name, &new_name),
                "type",
            ),
        };
        out.push(TypeChange {
            aspect: "type",
            breaking,
            reason,
            old: old_name,
            new: new_name,
        });
    }
    if old.nullable != new.nullable {
        let what = if new.collection { "items" } else { "value" };
        let (breaking, reason) = if new.nullable {
            if position.reads() {
                (
                    true,
                    format!("{what} became nullable: the old client does not expect null"),
                )
            } else {
                (
                    false,
                    format!("{what} became nullable: everything the old client sends is accepted"),
                )
            }
        } else if position.writes() {
            (
                true,
                format!("{what} became non-nullable: the old client may send null or leave it out"),
            )
        } else {
            (
                false,
                format!("{what} became non-nullable: the old client accepts every non-null value"),
            )
        };
        out.push(TypeChange {
            aspect: "nullable",
            breaking,
            reason,
            old: old.nullable.to_string(),
            new: new.nullable.to_string(),
        });
    }
    if let Some((o, n)) = facets {
        compare_facets(&o, &n, position, out);
    }
}

/// Entity and complex types: a derived type narrows the values, a base type widens them.
fn structured_relation(new_model: &Model, old_name: &str, new_name: &str) -> Relation {
    let (Some(o), Some(n)) = (
        new_model.structured_type_by_name(old_name),
        new_model.structured_type_by_name(new_name),
    ) else {
        return Relation::Incompatible;
    };
    if new_model.is_same_or_derived(n, o) {
        Relation::Narrowed
    } else if new_model.is_same_or_derived(o, n) {
        Relation::Widened
    } else {
        Relation::Incompatible
    }
}

/// A bound as a number, `None` for no bound (absent, `max`, `variable`, `floating`).
fn max_length_bound(m: Option<MaxLength>) -> Option<u32> {
    match m {
        Some(MaxLength::Value(n)) => Some(n),
        Some(MaxLength::Max) | None => None,
    }
}

fn scale_bound(s: Option<Scale>) -> Option<u32> {
    match s {
        Some(Scale::Value(n)) => Some(n),
        Some(Scale::Variable | Scale::Floating) | None => None,
    }
}

/// Compares two optional bounds (`None` = unbounded).
fn bound_relation(old: Option<u32>, new: Option<u32>) -> Option<Relation> {
    match (old, new) {
        (a, b) if a == b => None,
        (None, Some(_)) => Some(Relation::Narrowed),
        (Some(_), None) => Some(Relation::Widened),
        (Some(a), Some(b)) if b < a => Some(Relation::Narrowed),
        _ => Some(Relation::Widened),
    }
}

/// A facet's limit moved: narrowed limits break writes; no generated type depends on them,
/// so widened ones break nothing.
fn limit(
    aspect: &'static str,
    relation: Relation,
    position: Position,
    old: String,
    new: String,
    out: &mut Vec<TypeChange>,
) {
    let (narrowed, widened) = if aspect == "unicode" {
        ("Unicode turned off", "Unicode turned on")
    } else {
        ("reduced", "increased")
    };
    let what = if aspect == "unicode" { "" } else { aspect };
    let sep = if what.is_empty() { "" } else { " " };
    let (breaking, reason) = match relation {
        Relation::Narrowed if position.writes() => (
            true,
            format!("{what}{sep}{narrowed}: values the old client may send are rejected"),
        ),
        Relation::Narrowed => (
            false,
            format!("{what}{sep}{narrowed}: only constrains what the service returns"),
        ),
        _ => (
            false,
            format!("{what}{sep}{widened}: generated types do not depend on it"),
        ),
    };
    out.push(TypeChange {
        aspect,
        breaking,
        reason,
        old,
        new,
    });
}

fn show<T: std::fmt::Debug>(value: Option<T>) -> String {
    value.map_or_else(|| "unset".to_owned(), |v| format!("{v:?}"))
}

fn show_max_length(m: Option<MaxLength>) -> String {
    match m {
        Some(MaxLength::Value(n)) => n.to_string(),
        Some(MaxLength::Max) => "max".into(),
        None => "unset".into(),
    }
}

fn show_scale(s: Option<Scale>) -> String {
    match s {
        Some(Scale::Value(n)) => n.to_string(),
        Some(Scale::Variable) => "variable".into(),
        Some(Scale::Floating) => "floating".into(),
        None => "unset".into(),
    }
}

/// Compares the facets of one element's type, pushing one [`TypeChange`] per facet that moved.
pub(crate) fn compare_facets(
    old: &Facets,
    new: &Facets,
    position: Position,
    out: &mut Vec<TypeChange>,
) {
    let ml = (old.max_length, new.max_length);
    if ml.0 != ml.1
        && let Some(r) = bound_relation(max_length_bound(ml.0), max_length_bound(ml.1))
    {
        limit(
            "max_length",
            r,
            position,
            show_max_length(ml.0),
            show_max_length(ml.1),
            out,
        );
    }
    if let Some(r) = bound_relation(old.precision, new.precision) {
        limit(
            "precision",
            r,
            position,
            show(old.precision),
            show(new.precision),
            out,
        );
    }
    if old.scale != new.scale
        && let Some(r) = bound_relation(scale_bound(old.scale), scale_bound(new.scale))
    {
        limit(
            "scale",
            r,
            position,
            show_scale(old.scale),
            show_scale(new.scale),
            out,
        );
    }
    if old.srid != new.srid {
        let srid = |s: Option<crate::edm::Srid>| match s {
            Some(crate::edm::Srid::Value(n)) => n.to_string(),
            Some(crate::edm::Srid::Variable) => "variable".into(),
            None => "unset".into(),
        };
        out.push(TypeChange {
            aspect: "srid",
            breaking: true,
            reason: "SRID changed: coordinates are interpreted in another reference system".into(),
            old: srid(old.srid),
            new: srid(new.srid),
        });
    }
    // Absent `Unicode` means `true`.
    let (ou, nu) = (old.unicode.unwrap_or(true), new.unicode.unwrap_or(true));
    if ou != nu {
        let relation = if nu {
            Relation::Widened
        } else {
            Relation::Narrowed
        };
        limit(
            "unicode",
            relation,
            position,
            ou.to_string(),
            nu.to_string(),
            out,
        );
    }
}

/// A change between two primitive types in `position`.
pub(crate) fn primitive_change(
    old: PrimitiveType,
    new: PrimitiveType,
    position: Position,
) -> (bool, String) {
    ranged(position, primitive_relation(old, new), "underlying type")
}

/// Enumeration underlying types: widened is harmless (members are exchanged by name), any
/// other change breaks numeric member values.
pub(crate) fn underlying_enum_type(old: PrimitiveType, new: PrimitiveType) -> (bool, String) {
    if holds(new, old) {
        (
            false,
            "underlying type widened: every old member value still fits".into(),
        )
    } else {
        (
            true,
            "underlying type narrowed or changed: numeric member values may not fit".into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::PrimitiveType::*;
    use super::*;

    #[test]
    fn primitive_relations() {
        assert_eq!(primitive_relation(Int32, Int64), Relation::Widened);
        assert_eq!(primitive_relation(Int64, Int32), Relation::Narrowed);
        assert_eq!(primitive_relation(Byte, SByte), Relation::Incompatible);
        assert_eq!(primitive_relation(Byte, Int16), Relation::Widened);
        assert_eq!(primitive_relation(Int64, Decimal), Relation::Widened);
        assert_eq!(primitive_relation(Int64, Double), Relation::Incompatible);
        assert_eq!(primitive_relation(Single, Double), Relation::Widened);
        assert_eq!(primitive_relation(String, Int32), Relation::Incompatible);
        assert_eq!(
            primitive_relation(GeographyPoint, Geography),
            Relation::Widened
        );
        assert_eq!(
            primitive_relation(Geometry, GeometryPoint),
            Relation::Narrowed
        );
        assert_eq!(
            primitive_relation(GeographyPoint, Geometry),
            Relation::Incompatible
        );
    }

    #[test]
    fn position_decides_ranged_verdicts() {
        assert!(ranged(Position::Both, Relation::Widened, "type").0);
        assert!(ranged(Position::Both, Relation::Narrowed, "type").0);
        assert!(ranged(Position::Read, Relation::Widened, "type").0);
        assert!(!ranged(Position::Read, Relation::Narrowed, "type").0);
        assert!(!ranged(Position::Write, Relation::Widened, "type").0);
        assert!(ranged(Position::Write, Relation::Narrowed, "type").0);
    }

    #[test]
    fn bounds() {
        assert_eq!(bound_relation(Some(10), Some(10)), None);
        assert_eq!(bound_relation(None, Some(10)), Some(Relation::Narrowed));
        assert_eq!(bound_relation(Some(10), None), Some(Relation::Widened));
        assert_eq!(bound_relation(Some(10), Some(5)), Some(Relation::Narrowed));
        assert_eq!(bound_relation(Some(5), Some(10)), Some(Relation::Widened));
    }
}
