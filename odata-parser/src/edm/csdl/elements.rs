//! One reader per CSDL element (CSDL XML 4.01, sections 3–13), each filling
//! one raw struct. Annotations and expressions are in [`super::expr`], the
//! entity container in [`super::container`], attribute helpers in
//! [`super::attributes`].

use super::attributes::text;
use super::error::{CsdlError, CsdlErrorKind};
use super::raw::*;
use super::reader::{Element, Next, Ns, XmlReader};
use crate::edm::model::{OnDeleteAction, OperationKind};

type Result<T> = std::result::Result<T, CsdlError>;

impl<'a> XmlReader<'a, '_> {
    /// `edmx:Edmx`: the whole document.
    pub(crate) fn read_document(&mut self) -> Result<RawDocument<'a>> {
        let root = loop {
            match self.next()? {
                Next::Start(el) => break el,
                Next::Text(t, span) if !t.trim().is_empty() => {
                    let e = CsdlErrorKind::NotEdmx {
                        found: "text".into(),
                    };
                    return Err(self.error(e, span));
                }
                Next::Text(..) => {}
                Next::End | Next::Eof => {
                    let e = CsdlErrorKind::NotEdmx {
                        found: "nothing".into(),
                    };
                    return Err(self.error(e, self.here()));
                }
            }
        };
        if (root.ns, root.local) != (Ns::Edmx, "Edmx") {
            let e = CsdlErrorKind::NotEdmx {
                found: super::reader::truncate(root.qname).into(),
            };
            return Err(self.error(e, root.span));
        }
        self.enter_root(&root);
        let [_version] = self.attrs(&root, ["Version"])?;
        let mut doc = RawDocument {
            span: root.span,
            ..RawDocument::default()
        };
        let mut data_services = false;
        self.children(&root, |r, el| match (el.ns, el.local) {
            (Ns::Edmx, "Reference") => {
                let reference = r.read_reference(&el)?;
                doc.references.push(reference);
                Ok(())
            }
            (Ns::Edmx, "DataServices") => {
                data_services = true;
                r.read_data_services(&el, &mut doc.schemas)
            }
            _ => r.skip_unknown(&el),
        })?;
        if !data_services {
            return Err(self.error(CsdlErrorKind::MissingDataServices, root.span));
        }
        Ok(doc)
    }

    /// `edmx:Reference`.
    fn read_reference(&mut self, el: &Element<'a>) -> Result<RawReference<'a>> {
        let [uri] = self.attrs(el, ["Uri"])?;
        let uri = self.required(uri, el, "edmx:Reference", "Uri")?;
        self.set_path_name(&uri.value);
        let mut reference = RawReference {
            uri,
            includes: Vec::new(),
            include_annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| match (child.ns, child.local) {
            (Ns::Edmx, "Include") => {
                let [namespace, alias] = r.attrs(&child, ["Namespace", "Alias"])?;
                let namespace = r.required(namespace, &child, "edmx:Include", "Namespace")?;
                r.set_path_name(&namespace.value);
                let namespace = r.namespace(namespace)?;
                let alias = alias.map(|a| r.identifier(a)).transpose()?;
                r.ignore_annotations(&child, "edmx:Include")?;
                reference.includes.push(RawInclude {
                    namespace,
                    alias,
                    span: child.span,
                });
                Ok(())
            }
            (Ns::Edmx, "IncludeAnnotations") => {
                let [term_namespace, qualifier, target_namespace] =
                    r.attrs(&child, ["TermNamespace", "Qualifier", "TargetNamespace"])?;
                let term_namespace = r.required(
                    term_namespace,
                    &child,
                    "edmx:IncludeAnnotations",
                    "TermNamespace",
                )?;
                reference.include_annotations.push(RawIncludeAnnotations {
                    term_namespace,
                    qualifier: qualifier.map(text),
                    target_namespace: target_namespace.map(text),
                    span: child.span,
                });
                r.skip(&child)
            }
            (Ns::Edm, "Annotation") => {
                r.warn(
                    super::error::CsdlWarningKind::IgnoredAnnotation {
                        element: "edmx:Reference",
                    },
                    child.span,
                );
                r.skip(&child)
            }
            _ => r.skip_unknown(&child),
        })?;
        Ok(reference)
    }

    /// Skips the children of an element whose annotations the model does not keep.
    fn ignore_annotations(&mut self, el: &Element<'a>, element: &'static str) -> Result<()> {
        self.children(el, |r, child| match (child.ns, child.local) {
            (Ns::Edm, "Annotation") => {
                r.warn(
                    super::error::CsdlWarningKind::IgnoredAnnotation { element },
                    child.span,
                );
                r.skip(&child)
            }
            _ => r.skip_unknown(&child),
        })
    }

    /// `edmx:DataServices`.
    fn read_data_services(
        &mut self,
        el: &Element<'a>,
        schemas: &mut Vec<RawSchema<'a>>,
    ) -> Result<()> {
        let [] = self.attrs(el, [])?;
        self.children(el, |r, child| match (child.ns, child.local) {
            (Ns::Edm, "Schema") => {
                let schema = r.read_schema(&child)?;
                schemas.push(schema);
                Ok(())
            }
            _ => r.skip_unknown(&child),
        })
    }

    /// `Schema`.
    fn read_schema(&mut self, el: &Element<'a>) -> Result<RawSchema<'a>> {
        let [namespace, alias] = self.attrs(el, ["Namespace", "Alias"])?;
        let namespace = self.required(namespace, el, "Schema", "Namespace")?;
        self.set_path_name(&namespace.value);
        let namespace = self.namespace(namespace)?;
        let alias = alias.map(|a| self.identifier(a)).transpose()?;
        let mut s = RawSchema {
            namespace: Some(namespace),
            alias,
            span: el.span,
            ..RawSchema::default()
        };
        self.children(el, |r, child| {
            if child.ns != Ns::Edm {
                return r.skip_unknown(&child);
            }
            match child.local {
                "EntityType" => s.entity_types.push(r.read_structured_type(&child, true)?),
                "ComplexType" => s.complex_types.push(r.read_structured_type(&child, false)?),
                "EnumType" => s.enum_types.push(r.read_enum_type(&child)?),
                "TypeDefinition" => s.type_definitions.push(r.read_type_definition(&child)?),
                "Action" => s
                    .operations
                    .push(r.read_operation(&child, OperationKind::Action)?),
                "Function" => s
                    .operations
                    .push(r.read_operation(&child, OperationKind::Function)?),
                "EntityContainer" => s.containers.push(r.read_entity_container(&child)?),
                "Term" => s.terms.push(r.read_term(&child)?),
                "Annotations" => s.annotation_blocks.push(r.read_annotations(&child)?),
                "Annotation" => s.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        s.entity_types.shrink_to_fit();
        s.complex_types.shrink_to_fit();
        s.enum_types.shrink_to_fit();
        s.operations.shrink_to_fit();
        s.annotation_blocks.shrink_to_fit();
        Ok(s)
    }

    /// `EntityType` (`entity = true`) or `ComplexType`.
    fn read_structured_type(
        &mut self,
        el: &Element<'a>,
        entity: bool,
    ) -> Result<RawStructuredType<'a>> {
        let element = if entity { "EntityType" } else { "ComplexType" };
        let [name, base, is_abstract, is_open, has_stream] = self.attrs(
            el,
            ["Name", "BaseType", "Abstract", "OpenType", "HasStream"],
        )?;
        let name = self.name_attr(name, el, element)?;
        let has_stream = match (entity, has_stream) {
            (true, a) => self.bool_attr(a, "HasStream")?,
            (false, Some(a)) => {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "HasStream",
                    value: a.value.as_ref().into(),
                    expected: "no HasStream on a complex type",
                };
                return Err(self.error(kind, a.span));
            }
            (false, None) => None,
        };
        let mut t = RawStructuredType {
            name,
            base_type: base.map(text),
            is_abstract: self.bool_attr(is_abstract, "Abstract")?.unwrap_or(false),
            is_open: self.bool_attr(is_open, "OpenType")?.unwrap_or(false),
            has_stream: has_stream.unwrap_or(false),
            key: Vec::new(),
            properties: Vec::new(),
            navigation_properties: Vec::new(),
            annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "Key") if entity => r.read_key(&child, &mut t.key)?,
                (Ns::Edm, "Property") => t.properties.push(r.read_property(&child)?),
                (Ns::Edm, "NavigationProperty") => {
                    t.navigation_properties
                        .push(r.read_navigation_property(&child)?);
                }
                (Ns::Edm, "Annotation") => t.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        t.properties.shrink_to_fit();
        t.navigation_properties.shrink_to_fit();
        t.annotations.shrink_to_fit();
        Ok(t)
    }

    /// `Key` and its `PropertyRef`s.
    fn read_key(&mut self, el: &Element<'a>, key: &mut Vec<RawPropertyRef<'a>>) -> Result<()> {
        let [] = self.attrs(el, [])?;
        self.children(el, |r, child| match (child.ns, child.local) {
            (Ns::Edm, "PropertyRef") => {
                let [name, alias] = r.attrs(&child, ["Name", "Alias"])?;
                let name = r.required(name, &child, "PropertyRef", "Name")?;
                r.set_path_name(&name.value);
                let alias = alias.map(|a| r.identifier(a)).transpose()?;
                key.push(RawPropertyRef {
                    name,
                    alias,
                    span: child.span,
                });
                r.skip(&child)
            }
            _ => r.skip_unknown(&child),
        })
    }

    /// `Property`.
    fn read_property(&mut self, el: &Element<'a>) -> Result<RawProperty<'a>> {
        let [
            name,
            ty,
            nullable,
            max_length,
            precision,
            scale,
            srid,
            unicode,
            default_value,
        ] = self.attrs(
            el,
            [
                "Name",
                "Type",
                "Nullable",
                "MaxLength",
                "Precision",
                "Scale",
                "SRID",
                "Unicode",
                "DefaultValue",
            ],
        )?;
        let name = self.name_attr(name, el, "Property")?;
        let ty = self.type_ref(
            el,
            "Property",
            ty,
            nullable,
            [max_length, precision, scale, srid, unicode],
        )?;
        let mut p = RawProperty {
            name,
            ty,
            default_value: default_value.map(text),
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut p.annotations)?;
        Ok(p)
    }

    /// `NavigationProperty`.
    fn read_navigation_property(&mut self, el: &Element<'a>) -> Result<RawNavigationProperty<'a>> {
        let [name, ty, nullable, partner, contains_target] = self.attrs(
            el,
            ["Name", "Type", "Nullable", "Partner", "ContainsTarget"],
        )?;
        let name = self.name_attr(name, el, "NavigationProperty")?;
        let ty = self.required(ty, el, "NavigationProperty", "Type")?;
        let mut n = RawNavigationProperty {
            name,
            ty,
            nullable: self.bool_attr(nullable, "Nullable")?,
            partner: partner.map(text),
            contains_target: self
                .bool_attr(contains_target, "ContainsTarget")?
                .unwrap_or(false),
            referential_constraints: Vec::new(),
            on_delete: None,
            annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "ReferentialConstraint") => {
                    let [property, referenced] =
                        r.attrs(&child, ["Property", "ReferencedProperty"])?;
                    let property =
                        r.required(property, &child, "ReferentialConstraint", "Property")?;
                    let referenced_property = r.required(
                        referenced,
                        &child,
                        "ReferentialConstraint",
                        "ReferencedProperty",
                    )?;
                    r.set_path_name(&property.value);
                    n.referential_constraints.push(RawReferentialConstraint {
                        property,
                        referenced_property,
                        span: child.span,
                    });
                    r.ignore_annotations(&child, "ReferentialConstraint")?;
                }
                (Ns::Edm, "OnDelete") => {
                    let [action] = r.attrs(&child, ["Action"])?;
                    let action = r.required(action, &child, "OnDelete", "Action")?;
                    n.on_delete = Some(match action.as_str() {
                        "Cascade" => OnDeleteAction::Cascade,
                        "None" => OnDeleteAction::None,
                        "SetNull" => OnDeleteAction::SetNull,
                        "SetDefault" => OnDeleteAction::SetDefault,
                        _ => {
                            let kind = CsdlErrorKind::InvalidAttribute {
                                attribute: "Action",
                                value: action.value.as_ref().into(),
                                expected: "Cascade, None, SetNull or SetDefault",
                            };
                            return Err(r.error(kind, action.span));
                        }
                    });
                    r.ignore_annotations(&child, "OnDelete")?;
                }
                (Ns::Edm, "Annotation") => n.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// `EnumType`.
    fn read_enum_type(&mut self, el: &Element<'a>) -> Result<RawEnumType<'a>> {
        let [name, underlying, is_flags] = self.attrs(el, ["Name", "UnderlyingType", "IsFlags"])?;
        let name = self.name_attr(name, el, "EnumType")?;
        let mut t = RawEnumType {
            name,
            underlying_type: underlying.map(text),
            is_flags: self.bool_attr(is_flags, "IsFlags")?.unwrap_or(false),
            members: Vec::new(),
            annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "Member") => {
                    let [name, value] = r.attrs(&child, ["Name", "Value"])?;
                    let name = r.name_attr(name, &child, "Member")?;
                    let value = match value {
                        None => None,
                        Some(v) => Some(v.value.trim().parse::<i64>().map_err(|_| {
                            let kind = CsdlErrorKind::InvalidAttribute {
                                attribute: "Value",
                                value: v.value.as_ref().into(),
                                expected: "an integer",
                            };
                            r.error(kind, v.span)
                        })?),
                    };
                    let mut m = RawEnumMember {
                        name,
                        value,
                        annotations: Vec::new(),
                        span: child.span,
                    };
                    r.annotations_only(&child, &mut m.annotations)?;
                    t.members.push(m);
                }
                (Ns::Edm, "Annotation") => t.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        t.members.shrink_to_fit();
        Ok(t)
    }

    /// `TypeDefinition`.
    fn read_type_definition(&mut self, el: &Element<'a>) -> Result<RawTypeDefinition<'a>> {
        let [
            name,
            underlying,
            max_length,
            precision,
            scale,
            srid,
            unicode,
        ] = self.attrs(
            el,
            [
                "Name",
                "UnderlyingType",
                "MaxLength",
                "Precision",
                "Scale",
                "SRID",
                "Unicode",
            ],
        )?;
        let name = self.name_attr(name, el, "TypeDefinition")?;
        let underlying_type = self.required(underlying, el, "TypeDefinition", "UnderlyingType")?;
        let facets = self.facets(max_length, precision, scale, srid, unicode)?;
        let mut t = RawTypeDefinition {
            name,
            underlying_type,
            facets,
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut t.annotations)?;
        Ok(t)
    }

    /// `Action` or `Function`.
    fn read_operation(
        &mut self,
        el: &Element<'a>,
        kind: OperationKind,
    ) -> Result<RawOperation<'a>> {
        let element = match kind {
            OperationKind::Action => "Action",
            OperationKind::Function => "Function",
        };
        let [name, is_bound, is_composable, entity_set_path] =
            self.attrs(el, ["Name", "IsBound", "IsComposable", "EntitySetPath"])?;
        let name = self.name_attr(name, el, element)?;
        if let (OperationKind::Action, Some(a)) = (kind, &is_composable) {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: "IsComposable",
                value: a.value.as_ref().into(),
                expected: "no IsComposable on an action",
            };
            return Err(self.error(kind, a.span));
        }
        let mut op = RawOperation {
            kind,
            name,
            is_bound: self.bool_attr(is_bound, "IsBound")?.unwrap_or(false),
            is_composable: self
                .bool_attr(is_composable, "IsComposable")?
                .unwrap_or(false),
            entity_set_path: entity_set_path.map(text),
            parameters: Vec::new(),
            return_type: None,
            annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "Parameter") => {
                    let [
                        name,
                        ty,
                        nullable,
                        max_length,
                        precision,
                        scale,
                        srid,
                        unicode,
                    ] = r.attrs(
                        &child,
                        [
                            "Name",
                            "Type",
                            "Nullable",
                            "MaxLength",
                            "Precision",
                            "Scale",
                            "SRID",
                            "Unicode",
                        ],
                    )?;
                    let name = r.name_attr(name, &child, "Parameter")?;
                    let ty = r.type_ref(
                        &child,
                        "Parameter",
                        ty,
                        nullable,
                        [max_length, precision, scale, srid, unicode],
                    )?;
                    let mut p = RawParameter {
                        name,
                        ty,
                        annotations: Vec::new(),
                        span: child.span,
                    };
                    r.annotations_only(&child, &mut p.annotations)?;
                    op.parameters.push(p);
                }
                (Ns::Edm, "ReturnType") => {
                    let [ty, nullable, max_length, precision, scale, srid, unicode] = r.attrs(
                        &child,
                        [
                            "Type",
                            "Nullable",
                            "MaxLength",
                            "Precision",
                            "Scale",
                            "SRID",
                            "Unicode",
                        ],
                    )?;
                    let ty = r.type_ref(
                        &child,
                        "ReturnType",
                        ty,
                        nullable,
                        [max_length, precision, scale, srid, unicode],
                    )?;
                    if op.return_type.is_some() {
                        let kind = CsdlErrorKind::WrongChildCount {
                            element,
                            expected: "at most one ReturnType",
                            found: 2,
                        };
                        return Err(r.error(kind, child.span));
                    }
                    let mut rt = RawReturnType {
                        ty,
                        annotations: Vec::new(),
                        span: child.span,
                    };
                    r.annotations_only(&child, &mut rt.annotations)?;
                    op.return_type = Some(rt);
                }
                (Ns::Edm, "Annotation") => op.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        op.parameters.shrink_to_fit();
        if kind == OperationKind::Function && op.return_type.is_none() {
            let kind = CsdlErrorKind::WrongChildCount {
                element,
                expected: "a ReturnType",
                found: 0,
            };
            return Err(self.error(kind, el.span));
        }
        Ok(op)
    }

    /// `Term`.
    fn read_term(&mut self, el: &Element<'a>) -> Result<RawTerm<'a>> {
        let [
            name,
            ty,
            base_term,
            default_value,
            applies_to,
            nullable,
            max_length,
            precision,
            scale,
            srid,
            unicode,
        ] = self.attrs(
            el,
            [
                "Name",
                "Type",
                "BaseTerm",
                "DefaultValue",
                "AppliesTo",
                "Nullable",
                "MaxLength",
                "Precision",
                "Scale",
                "SRID",
                "Unicode",
            ],
        )?;
        let name = self.name_attr(name, el, "Term")?;
        let ty = self.type_ref(
            el,
            "Term",
            ty,
            nullable,
            [max_length, precision, scale, srid, unicode],
        )?;
        let mut t = RawTerm {
            name,
            ty,
            base_term: base_term.map(text),
            default_value: default_value.map(text),
            applies_to: applies_to.map(text),
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut t.annotations)?;
        Ok(t)
    }

    /// Reads an element whose only children are annotations.
    pub(crate) fn annotations_only(
        &mut self,
        el: &Element<'a>,
        annotations: &mut Vec<RawAnnotation<'a>>,
    ) -> Result<()> {
        self.children(el, |r, child| match (child.ns, child.local) {
            (Ns::Edm, "Annotation") => {
                annotations.push(r.read_annotation(&child)?);
                Ok(())
            }
            _ => r.skip_unknown(&child),
        })?;
        annotations.shrink_to_fit();
        Ok(())
    }
}
