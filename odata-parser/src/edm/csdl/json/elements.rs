//! One reader per CSDL JSON type, operation and term (CSDL JSON 4.01, sections 6–12), each filling
//! one raw struct. Annotations and expressions are in [`super::expr`].
//!
//! Defaults that differ from CSDL XML are applied here, so the raw model means
//! the same whatever the format (see [`JsonReader::nullable`] and
//! [`JsonReader::facets`]); an absent `$Type` is `Edm.String` (XML: required).

use std::borrow::Cow;

use super::value::{Kind, Member, Value};
use super::{JsonReader, Result};
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::csdl::reader::truncate;
use crate::edm::model::{OnDeleteAction, OperationKind};
use crate::span::Span;

/// The facet members, in the order [`JsonReader::facets`] takes them (also those of
/// `$Cast` and `$IsOf`).
pub(super) const FACETS: [&str; 5] = ["$MaxLength", "$Precision", "$Scale", "$SRID", "$Unicode"];

/// The members of a type reference (`$ReturnType`, `$Cast`, `$IsOf`): `$Type`,
/// `$Collection`, `$Nullable` and the [`FACETS`].
pub(super) const TYPE_MEMBERS: [&str; 8] = [
    "$Type",
    "$Collection",
    "$Nullable",
    FACETS[0],
    FACETS[1],
    FACETS[2],
    FACETS[3],
    FACETS[4],
];

impl<'a> JsonReader<'a, '_> {
    pub(crate) fn read_structured_type(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
        entity: bool,
    ) -> Result<RawStructuredType<'a>> {
        let element = if entity { "EntityType" } else { "ComplexType" };
        self.within(element, name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$BaseType",
                    "$Abstract",
                    "$OpenType",
                    "$HasStream",
                    "$Key",
                ],
            );
            let [_, base, is_abstract, is_open, has_stream, key] = s.known;
            if let (false, Some(m)) = (entity, &has_stream) {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "$HasStream",
                    value: "given".into(),
                    expected: "no $HasStream on a complex type",
                };
                return Err(r.error(kind, m.name_span));
            }
            let mut t = RawStructuredType {
                name,
                base_type: r.opt_string(base)?,
                is_abstract: r.opt_bool(is_abstract.as_ref())?.unwrap_or(false),
                is_open: r.opt_bool(is_open.as_ref())?.unwrap_or(false),
                has_stream: r.opt_bool(has_stream.as_ref())?.unwrap_or(false),
                key: Vec::new(),
                properties: Vec::new(),
                navigation_properties: Vec::new(),
                annotations: Vec::new(),
                span,
            };
            match (entity, key) {
                (true, key) => t.key = r.read_key(key)?,
                (false, Some(key)) => r.unknown_member(&key),
                (false, None) => {}
            }
            t.annotations = r.own_annotations(s.annotations)?;
            for child in s.children {
                let span = child.span();
                let (name, name_span, members) = r.object(child)?;
                let name = r.element_name(name, name_span)?;
                match r.kind_of(&members)? {
                    None => t.properties.push(r.read_property(name, span, members)?),
                    Some((k, _)) if k == "Property" => {
                        t.properties.push(r.read_property(name, span, members)?);
                    }
                    Some((k, _)) if k == "NavigationProperty" => t
                        .navigation_properties
                        .push(r.read_navigation_property(name, span, members)?),
                    Some((k, kind_span)) => {
                        let name = format!("$Kind: {}", truncate(&k)).into();
                        r.warn(CsdlWarningKind::UnknownElement { name }, kind_span);
                    }
                }
            }
            Ok(t)
        })
    }

    /// `$Key`: property names, or `{ "Alias": "Path/To/Property" }`.
    fn read_key(&mut self, key: Option<Member<'a>>) -> Result<Vec<RawPropertyRef<'a>>> {
        let mut out = Vec::new();
        for item in self.array(key)? {
            let span = item.span;
            match item.kind {
                Kind::String(value) => out.push(RawPropertyRef {
                    name: Text { value, span },
                    alias: None,
                    span,
                }),
                Kind::Object(mut members) if members.len() == 1 => {
                    let Some(m) = members.pop() else { continue };
                    let alias = self.identifier(
                        Text {
                            value: m.name.clone(),
                            span: m.name_span,
                        },
                        "$Key alias",
                    )?;
                    out.push(RawPropertyRef {
                        name: self.string(m)?,
                        alias: Some(alias),
                        span,
                    });
                }
                _ => {
                    let kind = CsdlErrorKind::WrongJsonType {
                        member: "$Key item".into(),
                        expected: "a property path or an object with one alias",
                        found: Value {
                            kind: item.kind,
                            span,
                        }
                        .describe(),
                    };
                    return Err(self.error(kind, span));
                }
            }
        }
        Ok(out)
    }

    fn read_property(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawProperty<'a>> {
        self.within("Property", name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$Type",
                    "$Collection",
                    "$Nullable",
                    "$DefaultValue",
                    FACETS[0],
                    FACETS[1],
                    FACETS[2],
                    FACETS[3],
                    FACETS[4],
                ],
            );
            let [_, ty, collection, nullable, default, ml, p, sc, srid, uni] = s.known;
            let ty = Self::type_ref(
                r.type_name(ty, collection.as_ref(), name.span, "Property", true)?,
                r.nullable(nullable.as_ref(), collection.as_ref(), false)?,
                r.facets(ml, p, sc, srid, uni)?,
            );
            r.unknown_members(&s.children);
            Ok(RawProperty {
                name,
                ty,
                default_value: r.default_value(default)?,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }

    fn read_navigation_property(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawNavigationProperty<'a>> {
        self.within("NavigationProperty", name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$Type",
                    "$Collection",
                    "$Nullable",
                    "$Partner",
                    "$ContainsTarget",
                    "$ReferentialConstraint",
                    "$OnDelete",
                ],
            );
            let [
                _,
                ty,
                collection,
                nullable,
                partner,
                contains,
                constraints,
                on_delete,
            ] = s.known;
            let ty = r.type_name(
                ty,
                collection.as_ref(),
                name.span,
                "NavigationProperty",
                false,
            )?;
            // Collection-valued: `$Nullable` is not allowed (the resolve pass reports it if given).
            let nullable = r.nullable(nullable.as_ref(), collection.as_ref(), true)?;
            let mut n = RawNavigationProperty {
                name,
                ty,
                nullable,
                partner: r.opt_string(partner)?,
                contains_target: r.opt_bool(contains.as_ref())?.unwrap_or(false),
                referential_constraints: Vec::new(),
                on_delete: None,
                annotations: Vec::new(),
                span,
            };
            if let Some(constraints) = constraints {
                let (_, _, members) = r.object(constraints)?;
                for c in members {
                    if c.name.contains('@') {
                        let kind = CsdlWarningKind::IgnoredAnnotation {
                            element: "ReferentialConstraint",
                        };
                        r.warn(kind, c.name_span);
                        continue;
                    }
                    let span = c.span();
                    let property = Text {
                        value: c.name.clone(),
                        span: c.name_span,
                    };
                    n.referential_constraints.push(RawReferentialConstraint {
                        property,
                        referenced_property: r.string(c)?,
                        span,
                    });
                }
            }
            if let Some(action) = on_delete {
                let action = r.string(action)?;
                n.on_delete = Some(match action.as_str() {
                    "Cascade" => OnDeleteAction::Cascade,
                    "None" => OnDeleteAction::None,
                    "SetNull" => OnDeleteAction::SetNull,
                    "SetDefault" => OnDeleteAction::SetDefault,
                    other => {
                        let kind = CsdlErrorKind::InvalidAttribute {
                            attribute: "$OnDelete",
                            value: truncate(other).into(),
                            expected: "Cascade, None, SetNull or SetDefault",
                        };
                        return Err(r.error(kind, action.span));
                    }
                });
            }
            let mut annotations = s.annotations;
            n.annotations = r.annotations_for(&mut annotations, "")?;
            let on_delete_annotations = r.take_annotations(&mut annotations, "$OnDelete");
            r.ignore_annotations(&on_delete_annotations, "OnDelete");
            r.unknown_members(&annotations);
            r.unknown_members(&s.children);
            Ok(n)
        })
    }

    pub(crate) fn read_enum_type(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawEnumType<'a>> {
        self.within("EnumType", name.value.clone(), |r| {
            let s = r.split(members, ["$Kind", "$UnderlyingType", "$IsFlags"]);
            let [_, underlying, is_flags] = s.known;
            let mut annotations = Self::group_annotations(s.annotations);
            let mut t = RawEnumType {
                name,
                underlying_type: r.opt_string(underlying)?,
                is_flags: r.opt_bool(is_flags.as_ref())?.unwrap_or(false),
                members: Vec::with_capacity(s.children.len()),
                annotations: r.annotations_in(&mut annotations, "")?,
                span,
            };
            for m in s.children {
                let span = m.span();
                let member_name = r.element_name(m.name.clone(), m.name_span)?;
                let value = match &m.value.kind {
                    Kind::Number(n) => Some(*n),
                    Kind::String(s) => Some(&**s),
                    _ => None,
                };
                let value = match value.map(|v| (v, v.parse::<i64>())) {
                    Some((_, Ok(v))) => v,
                    Some((v, Err(_))) => {
                        let kind = CsdlErrorKind::InvalidAttribute {
                            attribute: "Value",
                            value: truncate(v).into(),
                            expected: "an integer",
                        };
                        return Err(r.error(kind, m.value.span));
                    }
                    None => return Err(r.wrong_type(&m, "an integer")),
                };
                let member_annotations = r.within("Member", m.name.clone(), |r| {
                    r.annotations_in(&mut annotations, &member_name.value)
                })?;
                t.members.push(RawEnumMember {
                    name: member_name,
                    value: Some(value),
                    annotations: member_annotations,
                    span,
                });
            }
            r.unclaimed(annotations);
            Ok(t)
        })
    }

    pub(crate) fn read_type_definition(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawTypeDefinition<'a>> {
        self.within("TypeDefinition", name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$UnderlyingType",
                    FACETS[0],
                    FACETS[1],
                    FACETS[2],
                    FACETS[3],
                    FACETS[4],
                ],
            );
            let [_, underlying, ml, p, sc, srid, uni] = s.known;
            let underlying =
                r.required(underlying, name.span, "TypeDefinition", "$UnderlyingType")?;
            r.unknown_members(&s.children);
            let underlying_type = r.string(underlying)?;
            let facets = Self::decimal_scale(&underlying_type, r.facets(ml, p, sc, srid, uni)?);
            Ok(RawTypeDefinition {
                name,
                underlying_type,
                facets,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }

    pub(crate) fn read_term(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawTerm<'a>> {
        self.within("Term", name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$Type",
                    "$Collection",
                    "$Nullable",
                    "$DefaultValue",
                    "$BaseTerm",
                    "$AppliesTo",
                    FACETS[0],
                    FACETS[1],
                    FACETS[2],
                    FACETS[3],
                    FACETS[4],
                ],
            );
            let [
                _,
                ty,
                collection,
                nullable,
                default,
                base_term,
                applies_to,
                ml,
                p,
                sc,
                srid,
                uni,
            ] = s.known;
            let ty = Self::type_ref(
                r.type_name(ty, collection.as_ref(), name.span, "Term", true)?,
                r.nullable(nullable.as_ref(), collection.as_ref(), false)?,
                r.facets(ml, p, sc, srid, uni)?,
            );
            let applies_to = match applies_to {
                None => None,
                Some(m) => Some(r.applies_to(m)?),
            };
            r.unknown_members(&s.children);
            Ok(RawTerm {
                name,
                ty,
                base_term: r.opt_string(base_term)?,
                default_value: r.default_value(default)?,
                applies_to,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }

    /// `$AppliesTo`: an array of element kinds, kept space-separated as in XML.
    fn applies_to(&self, m: Member<'a>) -> Result<Text<'a>> {
        let span = m.value.span;
        let Kind::Array(items) = &m.value.kind else {
            return Err(self.wrong_type(&m, "an array of strings"));
        };
        let mut joined = String::new();
        for item in items {
            let Kind::String(s) = &item.kind else {
                return Err(self.wrong_type(&m, "an array of strings"));
            };
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(s);
        }
        Ok(Text {
            value: Cow::Owned(joined),
            span,
        })
    }

    /// One overload of an action or function.
    pub(crate) fn read_operation(
        &mut self,
        name: Text<'a>,
        overload: Value<'a>,
    ) -> Result<RawOperation<'a>> {
        let span = overload.span;
        let Kind::Object(members) = overload.kind else {
            let kind = CsdlErrorKind::WrongJsonType {
                member: format!("{} overload", truncate(name.as_str())).into(),
                expected: "an object",
                found: Value {
                    kind: overload.kind,
                    span,
                }
                .describe(),
            };
            return Err(self.error(kind, span));
        };
        let kind = match self.kind_of(&members)? {
            Some((k, _)) if k == "Action" => OperationKind::Action,
            Some((k, _)) if k == "Function" => OperationKind::Function,
            Some((k, kind_span)) => {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "$Kind",
                    value: truncate(&k).into(),
                    expected: "Action or Function",
                };
                return Err(self.error(kind, kind_span));
            }
            None => {
                let kind = CsdlErrorKind::MissingMember {
                    element: "operation overload",
                    member: "$Kind",
                };
                return Err(self.error(kind, span));
            }
        };
        let element = match kind {
            OperationKind::Action => "Action",
            OperationKind::Function => "Function",
        };
        self.within(element, name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$IsBound",
                    "$IsComposable",
                    "$EntitySetPath",
                    "$Parameter",
                    "$ReturnType",
                ],
            );
            let [
                _,
                is_bound,
                is_composable,
                entity_set_path,
                parameters,
                return_type,
            ] = s.known;
            if let (OperationKind::Action, Some(m)) = (kind, &is_composable) {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "$IsComposable",
                    value: "given".into(),
                    expected: "no $IsComposable on an action",
                };
                return Err(r.error(kind, m.name_span));
            }
            let mut op = RawOperation {
                kind,
                name,
                is_bound: r.opt_bool(is_bound.as_ref())?.unwrap_or(false),
                is_composable: r.opt_bool(is_composable.as_ref())?.unwrap_or(false),
                entity_set_path: r.opt_string(entity_set_path)?,
                parameters: Vec::new(),
                return_type: None,
                annotations: r.own_annotations(s.annotations)?,
                span,
            };
            for item in r.array(parameters)? {
                let parameter = r.read_parameter(item)?;
                op.parameters.push(parameter);
            }
            match return_type {
                Some(m) => op.return_type = Some(r.read_return_type(m)?),
                None if kind == OperationKind::Function => {
                    let kind = CsdlErrorKind::MissingMember {
                        element: "Function",
                        member: "$ReturnType",
                    };
                    return Err(r.error(kind, span));
                }
                None => {}
            }
            r.unknown_members(&s.children);
            Ok(op)
        })
    }

    fn read_parameter(&mut self, item: Value<'a>) -> Result<RawParameter<'a>> {
        let (members, span) = self.item_object(item, "$Parameter")?;
        let s = self.split(
            members,
            [
                "$Name",
                "$Type",
                "$Collection",
                "$Nullable",
                FACETS[0],
                FACETS[1],
                FACETS[2],
                FACETS[3],
                FACETS[4],
            ],
        );
        let [name, ty, collection, nullable, ml, p, sc, srid, uni] = s.known;
        let name = self.required(name, span, "$Parameter", "$Name")?;
        let name = self.identifier(self.string(name)?, "$Name")?;
        self.within("Parameter", name.value.clone(), |r| {
            let ty = Self::type_ref(
                r.type_name(ty, collection.as_ref(), name.span, "Parameter", true)?,
                r.nullable(nullable.as_ref(), collection.as_ref(), false)?,
                r.facets(ml, p, sc, srid, uni)?,
            );
            r.unknown_members(&s.children);
            Ok(RawParameter {
                name,
                ty,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }

    fn read_return_type(&mut self, m: Member<'a>) -> Result<RawReturnType<'a>> {
        let span = m.value.span;
        let at = m.name_span;
        let (_, _, members) = self.object(m)?;
        self.within("ReturnType", Cow::Borrowed(""), |r| {
            let s = r.split(members, TYPE_MEMBERS);
            let [ty, collection, nullable, ml, p, sc, srid, uni] = s.known;
            let ty = Self::type_ref(
                r.type_name(ty, collection.as_ref(), at, "ReturnType", true)?,
                r.nullable(nullable.as_ref(), collection.as_ref(), false)?,
                r.facets(ml, p, sc, srid, uni)?,
            );
            r.unknown_members(&s.children);
            Ok(RawReturnType {
                ty,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }
}
