//! The document (CSDL JSON 4.01, sections 3–5): `$Version`, `$EntityContainer`,
//! `$Reference` with `$Include` and `$IncludeAnnotations`, schemas with `$Alias` and
//! `$Annotations`, and the dispatch of schema members by `$Kind`.

use std::borrow::Cow;

use super::value::{Kind, Member, Value};
use super::{JsonReader, Result};
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::csdl::reader::truncate;
use crate::span::Span;

impl<'a> JsonReader<'a, '_> {
    /// Runs `f` with `(element, name)` on the element path.
    pub(crate) fn within<T>(
        &mut self,
        element: &'static str,
        name: Cow<'a, str>,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.enter(element, name);
        let result = f(self);
        self.leave();
        result
    }

    /// The whole document: `$Version`, `$EntityContainer`, `$Reference` and the schemas.
    pub(crate) fn read_document(&mut self) -> Result<RawDocument<'a>> {
        let first_warning = self.warnings.len();
        let doc = self.read_root()?;
        // Members are read by role (`$Annotations` before the elements, say): report in
        // document order, as the XML reader does.
        if let Some(warnings) = self.warnings.get_mut(first_warning..) {
            warnings.sort_by_key(|w| crate::span::Spanned::span(w).start);
        }
        Ok(doc)
    }

    fn read_root(&mut self) -> Result<RawDocument<'a>> {
        let root = self.tree()?;
        let span = root.span;
        let Kind::Object(members) = root.kind else {
            let found = root.describe();
            return Err(self.error(CsdlErrorKind::NotCsdlJson { found }, span));
        };
        let mut doc = RawDocument {
            format: Format::Json,
            span,
            ..RawDocument::default()
        };
        let mut container = None;
        for m in members {
            match &*m.name {
                // Read and checked, not kept: the XML reader ignores `Version` too.
                "$Version" => drop(self.string(m)?),
                "$EntityContainer" => container = Some(self.string(m)?),
                "$Reference" => {
                    let (_, _, references) = self.object(m)?;
                    for r in references {
                        let reference = self.read_reference(r)?;
                        doc.references.push(reference);
                    }
                }
                name if name.starts_with('$') || name.contains('@') => self.unknown_member(&m),
                _ => {
                    let schema = self.read_schema(m)?;
                    doc.schemas.push(schema);
                }
            }
        }
        if let Some(container) = container {
            self.check_entity_container(&doc, &container)?;
        }
        Ok(doc)
    }

    /// `$EntityContainer` names (namespace-qualified) a container of this document.
    fn check_entity_container(&self, doc: &RawDocument<'a>, name: &Text<'a>) -> Result<()> {
        let found = name.as_str().rsplit_once('.').is_some_and(|(ns, local)| {
            doc.schemas.iter().any(|s| {
                s.namespace.as_ref().is_some_and(|n| n.as_str() == ns)
                    && s.containers.iter().any(|c| c.name.as_str() == local)
            })
        });
        if found {
            Ok(())
        } else {
            let kind = CsdlErrorKind::Unresolved {
                what: "entity container",
                name: truncate(name.as_str()).into(),
            };
            Err(self.error(kind, name.span))
        }
    }

    /// A member of `$Reference`: URI → `$Include`, `$IncludeAnnotations`.
    fn read_reference(&mut self, m: Member<'a>) -> Result<RawReference<'a>> {
        let span = m.span();
        let (uri, uri_span, members) = self.object(m)?;
        self.within("$Reference", uri.clone(), |r| {
            let mut reference = RawReference {
                uri: Text {
                    value: uri,
                    span: uri_span,
                },
                includes: Vec::new(),
                include_annotations: Vec::new(),
                span,
            };
            let s = r.split(members, ["$Include", "$IncludeAnnotations"]);
            let [include, include_annotations] = s.known;
            for item in r.array(include)? {
                let include = r.read_include(item)?;
                reference.includes.push(include);
            }
            for item in r.array(include_annotations)? {
                let (members, span) = r.item_object(item, "$IncludeAnnotations")?;
                let s = r.split(
                    members,
                    ["$TermNamespace", "$Qualifier", "$TargetNamespace"],
                );
                let [term_namespace, qualifier, target_namespace] = s.known;
                let term_namespace = r.required(
                    term_namespace,
                    span,
                    "$IncludeAnnotations",
                    "$TermNamespace",
                )?;
                reference.include_annotations.push(RawIncludeAnnotations {
                    term_namespace: r.string(term_namespace)?,
                    qualifier: r.opt_string(qualifier)?,
                    target_namespace: r.opt_string(target_namespace)?,
                    span,
                });
                r.unknown_members(&s.annotations);
                r.unknown_members(&s.children);
            }
            r.ignore_annotations(&s.annotations, "$Reference");
            r.unknown_members(&s.children);
            Ok(reference)
        })
    }

    /// An item of `$Include`.
    fn read_include(&mut self, item: Value<'a>) -> Result<RawInclude<'a>> {
        let (members, span) = self.item_object(item, "$Include")?;
        let s = self.split(members, ["$Namespace", "$Alias"]);
        let [namespace, alias] = s.known;
        let namespace = self.required(namespace, span, "$Include", "$Namespace")?;
        let namespace = self.namespace(self.string(namespace)?)?;
        let alias = match alias {
            Some(a) => Some(self.identifier(self.string(a)?, "$Alias")?),
            None => None,
        };
        self.ignore_annotations(&s.annotations, "$Include");
        self.unknown_members(&s.children);
        Ok(RawInclude {
            namespace,
            alias,
            span,
        })
    }

    /// Warns that annotations of an element the model keeps none for are ignored.
    pub(crate) fn ignore_annotations(&mut self, members: &[Member<'a>], element: &'static str) {
        for m in members {
            self.warn(CsdlWarningKind::IgnoredAnnotation { element }, m.name_span);
        }
    }

    /// The items of an optional array member.
    pub(crate) fn array(&self, m: Option<Member<'a>>) -> Result<Vec<Value<'a>>> {
        match m {
            None => Ok(Vec::new()),
            Some(m) => match m.value.kind {
                Kind::Array(items) => Ok(items),
                _ => Err(self.wrong_type(&m, "an array")),
            },
        }
    }

    /// The members of an array item that must be an object.
    pub(crate) fn item_object(
        &self,
        item: Value<'a>,
        member: &str,
    ) -> Result<(Vec<Member<'a>>, Span)> {
        match item.kind {
            Kind::Object(members) => Ok((members, item.span)),
            _ => {
                let kind = CsdlErrorKind::WrongJsonType {
                    member: format!("{member} item").into(),
                    expected: "an object",
                    found: item.describe(),
                };
                Err(self.error(kind, item.span))
            }
        }
    }

    pub(crate) fn namespace(&self, t: Text<'a>) -> Result<Text<'a>> {
        if t.as_str()
            .split('.')
            .all(crate::edm::csdl::attributes::is_simple_identifier)
        {
            Ok(t)
        } else {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: "$Namespace",
                value: truncate(t.as_str()).into(),
                expected: "dot-separated simple identifiers",
            };
            Err(self.error(kind, t.span))
        }
    }

    /// A schema: `Namespace: { $Alias, $Annotations, @Term, elements }`.
    fn read_schema(&mut self, m: Member<'a>) -> Result<RawSchema<'a>> {
        let span = m.span();
        let (namespace, ns_span, members) = self.object(m)?;
        self.within("Schema", namespace.clone(), |r| {
            let namespace = r.namespace(Text {
                value: namespace,
                span: ns_span,
            })?;
            let mut schema = RawSchema {
                namespace: Some(namespace),
                span,
                ..RawSchema::default()
            };
            let s = r.split(members, ["$Alias", "$Annotations"]);
            let [alias, blocks] = s.known;
            if let Some(alias) = alias {
                schema.alias = Some(r.identifier(r.string(alias)?, "$Alias")?);
            }
            schema.annotations = r.own_annotations(s.annotations)?;
            if let Some(blocks) = blocks {
                let (_, _, targets) = r.object(blocks)?;
                for target in targets {
                    let block = r.read_annotations_block(target)?;
                    schema.annotation_blocks.push(block);
                }
            }
            for child in s.children {
                r.read_schema_element(child, &mut schema)?;
            }
            Ok(schema)
        })
    }

    /// `Target: { "@Term#Qualifier": value, … }` of `$Annotations`.
    fn read_annotations_block(&mut self, m: Member<'a>) -> Result<RawAnnotations<'a>> {
        let span = m.span();
        let (target, target_span, members) = self.object(m)?;
        self.within("Annotations", target.clone(), |r| {
            let s = r.split(members, []);
            r.unknown_members(&s.children);
            Ok(RawAnnotations {
                target: Text {
                    value: target,
                    span: target_span,
                },
                qualifier: None,
                annotations: r.own_annotations(s.annotations)?,
                span,
            })
        })
    }

    /// The `$Kind` of an element object, if given.
    pub(crate) fn kind_of(&self, members: &[Member<'a>]) -> Result<Option<(Cow<'a, str>, Span)>> {
        match members.iter().find(|m| m.name == "$Kind") {
            None => Ok(None),
            Some(m) => match &m.value.kind {
                Kind::String(s) => Ok(Some((s.clone(), m.value.span))),
                _ => Err(self.wrong_type(m, "a string")),
            },
        }
    }

    /// An element name that must be a simple identifier.
    pub(crate) fn element_name(&self, name: Cow<'a, str>, span: Span) -> Result<Text<'a>> {
        self.identifier(Text { value: name, span }, "Name")
    }

    /// A schema element: by `$Kind`, or an array of action or function overloads.
    fn read_schema_element(&mut self, m: Member<'a>, schema: &mut RawSchema<'a>) -> Result<()> {
        let span = m.span();
        let members = match m.value.kind {
            Kind::Object(members) => members,
            Kind::Array(overloads) => {
                let name = self.element_name(m.name, m.name_span)?;
                for overload in overloads {
                    let op = self.read_operation(name.clone(), overload)?;
                    schema.operations.push(op);
                }
                return Ok(());
            }
            _ => return Err(self.wrong_type(&m, "an object or an array")),
        };
        let Some((kind, kind_span)) = self.kind_of(&members)? else {
            let kind = CsdlErrorKind::MissingMember {
                element: "schema element",
                member: "$Kind",
            };
            return Err(self.error(kind, m.name_span));
        };
        let name = self.element_name(m.name, m.name_span)?;
        match &*kind {
            "EntityType" | "ComplexType" => {
                let entity = kind == "EntityType";
                let t = self.read_structured_type(name, span, members, entity)?;
                if entity {
                    schema.entity_types.push(t);
                } else {
                    schema.complex_types.push(t);
                }
            }
            "EnumType" => schema
                .enum_types
                .push(self.read_enum_type(name, span, members)?),
            "TypeDefinition" => schema
                .type_definitions
                .push(self.read_type_definition(name, span, members)?),
            "Term" => schema.terms.push(self.read_term(name, span, members)?),
            "EntityContainer" => schema
                .containers
                .push(self.read_entity_container(name, span, members)?),
            // Lenient: a single overload written without its array.
            "Action" | "Function" => {
                let value = Value {
                    kind: Kind::Object(members),
                    span,
                };
                schema.operations.push(self.read_operation(name, value)?);
            }
            other => {
                let name = format!("$Kind: {}", truncate(other)).into();
                self.warn(CsdlWarningKind::UnknownElement { name }, kind_span);
            }
        }
        Ok(())
    }
}
