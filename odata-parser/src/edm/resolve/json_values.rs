//! Typing CSDL JSON annotation values.
//!
//! CSDL XML names the kind of every constant (`String="…"`, `Date="…"`,
//! `EnumMember="…"`); CSDL JSON writes a bare string or number whose kind is the
//! type the term (or the record property, or the collection's item) declares.
//! The JSON reader keeps such values untyped ([`RawExprKind::JsonString`](crate::edm::csdl::raw::RawExprKind::JsonString),
//! [`RawExprKind::JsonNumber`](crate::edm::csdl::raw::RawExprKind::JsonNumber)); here they get the expression kind the XML form
//! of the same document would have, from:
//! 1. the model, when the term's vocabulary is loaded;
//! 2. otherwise, for the OASIS standard vocabularies known by name only, the
//!    table of their declared types in `csdl/json/standard_types.rs` (generated
//!    from the published vocabularies and checked against them by a test);
//! 3. otherwise (an unknown term, or an abstract type such as `Edm.PrimitiveType`):
//!    a string is a `String`, an integer an `Int`, any other number a `Decimal`
//!    (as written, so no precision is lost).
//!
//! An enumeration-typed string (`"Deprecated"`, flags as `"Read,Write"`) becomes an
//! `EnumMember` of the declared type. A value that does not fit its declared type
//! (a string for an `Edm.Int32`) is kept as in case 3, with a warning.
//!
//! `Core.Tag` terms: XML writes a tag as `<Annotation Term="Core.Computed"/>` (no
//! value: the term's default, `true`, applies); JSON cannot omit a value and writes
//! `true`. So a JSON `true` for a `Core.Tag`-typed term is read as no value, which is
//! what the XML form gives.

use super::Resolver;
use crate::edm::annotation::{ExprKind, ExprType};
use crate::edm::csdl::error::CsdlWarningKind;
use crate::edm::csdl::expr::{is_decimal, parse_float};
use crate::edm::csdl::json::standard_types as standard;
use crate::edm::csdl::raw::Format;
use crate::edm::ids::*;
use crate::edm::model::*;
use crate::span::Span;

/// The type a JSON annotation value (or a part of it) is declared to have, as far as
/// typing constants goes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Expected {
    /// A primitive type (also the underlying type of a type definition).
    Primitive(PrimitiveType),
    /// An enumeration type of the model.
    Enum(EnumTypeId),
    /// An enumeration type of a standard vocabulary that is not loaded (full name).
    StandardEnum(&'static str),
    /// A structured type of the model.
    Structured(StructuredTypeId),
    /// A complex type of a standard vocabulary that is not loaded (full name).
    StandardComplex(&'static str),
}

/// The type of tag terms.
const TAG: &str = "Org.OData.Core.V1.Tag";

fn find<T>(
    table: &'static [T],
    name: &str,
    key: impl Fn(&T) -> &'static str,
) -> Option<&'static T> {
    table
        .binary_search_by(|e| key(e).cmp(name))
        .ok()
        .and_then(|i| table.get(i))
}

impl<'r, 'a> Resolver<'r, 'a> {
    /// Whether document `d` is CSDL JSON.
    pub(crate) fn is_json(&self, d: usize) -> bool {
        self.docs
            .get(d)
            .is_some_and(|doc| doc.format == Format::Json)
    }

    /// The declared type of the term `term` (full name), and whether it is `Core.Tag`.
    pub(crate) fn term_expected(
        &self,
        term: &str,
        term_id: Option<TermId>,
    ) -> (Option<Expected>, bool) {
        if let Some(id) = term_id {
            let kind = &self.m.term(id).ty.kind;
            let tag = match kind {
                TypeKind::TypeDefinition(t) => self.m.type_definition(*t).name.as_str() == TAG,
                TypeKind::Vocabulary(name) => &**name == TAG,
                _ => false,
            };
            return (self.expected_of_kind(kind), tag);
        }
        let loaded = term
            .rsplit_once('.')
            .is_some_and(|(ns, _)| self.namespaces.contains(ns));
        match find(standard::TERMS, term, |e| e.0) {
            Some((_, ty)) if !loaded => (self.expected_of_name(ty), *ty == TAG),
            _ => (None, false),
        }
    }

    fn expected_of_kind(&self, kind: &TypeKind) -> Option<Expected> {
        match kind {
            TypeKind::Primitive(p) => Some(Expected::Primitive(*p)),
            TypeKind::TypeDefinition(id) => Some(Expected::Primitive(
                self.m.type_definition(*id).underlying_type,
            )),
            TypeKind::Enum(id) => Some(Expected::Enum(*id)),
            TypeKind::Complex(id) => Some(Expected::Structured((*id).into())),
            TypeKind::Entity(id) => Some(Expected::Structured((*id).into())),
            TypeKind::Abstract(_) => None,
            TypeKind::Vocabulary(name) => self.expected_of_name(name),
        }
    }

    /// The expected type named `name` (a full name, perhaps `Collection(…)`).
    fn expected_of_name(&self, name: &str) -> Option<Expected> {
        let name = name
            .strip_prefix("Collection(")
            .and_then(|n| n.strip_suffix(')'))
            .unwrap_or(name);
        if let Some(edm) = name.strip_prefix("Edm.") {
            return PrimitiveType::from_name(edm).map(Expected::Primitive);
        }
        let (ns, local) = name.rsplit_once('.')?;
        if self.namespaces.contains(ns) {
            return match self.m.find_parts(ns, local)? {
                SchemaItem::EnumType(id) => Some(Expected::Enum(id)),
                SchemaItem::TypeDefinition(id) => Some(Expected::Primitive(
                    self.m.type_definition(id).underlying_type,
                )),
                SchemaItem::ComplexType(id) => Some(Expected::Structured(id.into())),
                SchemaItem::EntityType(id) => Some(Expected::Structured(id.into())),
                _ => None,
            };
        }
        if let Some(e) = find(standard::ENUM_TYPES, name, |e| e) {
            return Some(Expected::StandardEnum(e));
        }
        if let Some((_, underlying)) = find(standard::TYPE_DEFINITIONS, name, |e| e.0) {
            return self.expected_of_name(underlying);
        }
        find(standard::COMPLEX_TYPES, name, |e| e.0).map(|e| Expected::StandardComplex(e.0))
    }

    /// The structured type of a record: its `@type` if given, else the declared type.
    pub(crate) fn record_expected(
        &self,
        explicit: Option<&ExprType>,
        declared: Option<Expected>,
    ) -> Option<Expected> {
        let ty = match explicit {
            Some(t) => match &t.ty {
                Some(r) => self.expected_of_kind(&r.kind),
                None => self.expected_of_name(&t.name),
            },
            None => declared,
        };
        ty.filter(|t| matches!(t, Expected::Structured(_) | Expected::StandardComplex(_)))
    }

    /// The declared type of property `name` of a record of type `record`.
    pub(crate) fn property_expected(&self, record: Expected, name: &str) -> Option<Expected> {
        match record {
            Expected::Structured(ty) => match self.m.member(ty, name)? {
                MemberId::Property(p) => self.expected_of_kind(&self.m.property(p).ty.kind),
                MemberId::NavigationProperty(n) => self
                    .m
                    .navigation_property(n)
                    .target
                    .map(|t| Expected::Structured(t.into())),
            },
            Expected::StandardComplex(mut ty) => {
                for _ in 0..standard::COMPLEX_TYPES.len() {
                    let (_, base, properties) = find(standard::COMPLEX_TYPES, ty, |e| e.0)?;
                    if let Some((_, p)) = properties.iter().find(|(p, _)| *p == name) {
                        return self.expected_of_name(p);
                    }
                    if base.is_empty() {
                        return None;
                    }
                    ty = base;
                }
                None
            }
            _ => None,
        }
    }

    fn expected_name(&self, expected: Expected) -> Box<str> {
        match expected {
            Expected::Primitive(p) => p.to_string().into(),
            Expected::Enum(id) => self.m.enum_type(id).name.as_str().into(),
            Expected::Structured(id) => self.m.structured_type_name(id).as_str().into(),
            Expected::StandardEnum(name) | Expected::StandardComplex(name) => name.into(),
        }
    }

    fn mismatch(&mut self, value: &str, expected: Expected, span: Span) {
        let kind = CsdlWarningKind::ValueTypeMismatch {
            value: crate::edm::csdl::reader::truncate(value).into(),
            expected: self.expected_name(expected),
        };
        self.warn(kind, span);
    }

    /// A JSON string of declared type `expected`.
    pub(crate) fn json_string(
        &mut self,
        d: usize,
        s: &str,
        expected: Option<Expected>,
        span: Span,
    ) -> ExprKind {
        use PrimitiveType::*;
        let Some(expected) = expected else {
            return ExprKind::String(s.into());
        };
        let p = match expected {
            Expected::Enum(id) => {
                let name = self.m.enum_type(id).name.to_string();
                return self.json_enum(d, &name, s, span);
            }
            Expected::StandardEnum(name) => return self.json_enum(d, name, s, span),
            Expected::Structured(_) | Expected::StandardComplex(_) => {
                self.mismatch(s, expected, span);
                return ExprKind::String(s.into());
            }
            Expected::Primitive(p) => p,
        };
        match p {
            Binary => ExprKind::Binary(s.into()),
            Date => ExprKind::Date(s.into()),
            DateTimeOffset => ExprKind::DateTimeOffset(s.into()),
            Duration => ExprKind::Duration(s.into()),
            Guid => ExprKind::Guid(s.into()),
            TimeOfDay => ExprKind::TimeOfDay(s.into()),
            // JSON may write decimals, and 64-bit integers, as strings.
            Decimal if is_decimal(s) => ExprKind::Decimal(s.into()),
            Double | Single => match parse_float(s) {
                Some(f) => ExprKind::Float(f),
                None => {
                    self.mismatch(s, expected, span);
                    ExprKind::String(s.into())
                }
            },
            Byte | SByte | Int16 | Int32 | Int64 => match s.parse::<i64>() {
                Ok(i) => ExprKind::Int(i),
                Err(_) => {
                    self.mismatch(s, expected, span);
                    ExprKind::String(s.into())
                }
            },
            Decimal | Boolean => {
                self.mismatch(s, expected, span);
                ExprKind::String(s.into())
            }
            _ => ExprKind::String(s.into()),
        }
    }

    /// An enumeration value: a member name, or comma-separated names for flags.
    fn json_enum(&mut self, d: usize, enum_type: &str, s: &str, span: Span) -> ExprKind {
        let text = s
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(|m| format!("{enum_type}/{m}"))
            .collect::<Vec<_>>()
            .join(" ");
        ExprKind::EnumMember(self.enum_members(d, &text, span))
    }

    /// A JSON number (as written) of declared type `expected`.
    pub(crate) fn json_number(
        &mut self,
        n: &str,
        expected: Option<Expected>,
        span: Span,
    ) -> ExprKind {
        use PrimitiveType::*;
        let untyped = |n: &str| match n.parse::<i64>() {
            Ok(i) => ExprKind::Int(i),
            Err(_) => ExprKind::Decimal(n.into()),
        };
        match expected {
            None => untyped(n),
            Some(Expected::Primitive(Decimal)) => ExprKind::Decimal(n.into()),
            Some(Expected::Primitive(Double | Single)) => match n.parse::<f64>() {
                Ok(f) => ExprKind::Float(f),
                Err(_) => ExprKind::Decimal(n.into()),
            },
            Some(e @ Expected::Primitive(Byte | SByte | Int16 | Int32 | Int64)) => {
                match n.parse::<i64>() {
                    Ok(i) => ExprKind::Int(i),
                    Err(_) => {
                        self.mismatch(n, e, span);
                        ExprKind::Decimal(n.into())
                    }
                }
            }
            Some(e) => {
                self.mismatch(n, e, span);
                untyped(n)
            }
        }
    }
}
