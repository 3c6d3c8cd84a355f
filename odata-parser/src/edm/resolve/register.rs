//! Phase 1 of the resolve pass: every schema child is registered under its
//! qualified name (duplicates are errors; a name shared with an operation is a
//! warning), aliases are collected, and model vectors are reserved up front.
//! Enumeration members and type-definition underlying types are resolved here
//! since they need nothing but primitive types.

use hashbrown::HashMap;

use super::{Resolver, untyped};
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::ids::*;
use crate::edm::model::*;
use crate::span::Span;

impl<'r, 'a> Resolver<'r, 'a> {
    /// Reserves the exact capacity of every model vector, so none grows by doubling.
    fn reserve(&mut self) {
        let schemas = || self.docs.iter().flat_map(|d| &d.schemas);
        let structured = || schemas().flat_map(|s| s.entity_types.iter().chain(&s.complex_types));
        let m = &mut self.m;
        m.schemas.reserve_exact(schemas().count());
        m.entity_types
            .reserve_exact(schemas().map(|s| s.entity_types.len()).sum());
        m.complex_types
            .reserve_exact(schemas().map(|s| s.complex_types.len()).sum());
        m.enum_types
            .reserve_exact(schemas().map(|s| s.enum_types.len()).sum());
        m.type_definitions
            .reserve_exact(schemas().map(|s| s.type_definitions.len()).sum());
        m.properties
            .reserve_exact(structured().map(|t| t.properties.len()).sum());
        m.navigation_properties
            .reserve_exact(structured().map(|t| t.navigation_properties.len()).sum());
        m.operations
            .reserve_exact(schemas().map(|s| s.operations.len()).sum());
        m.terms
            .reserve_exact(schemas().map(|s| s.terms.len()).sum());
        let containers = || schemas().flat_map(|s| &s.containers);
        m.entity_sets
            .reserve_exact(containers().map(|c| c.entity_sets.len()).sum());
        m.singletons
            .reserve_exact(containers().map(|c| c.singletons.len()).sum());
        m.operation_imports
            .reserve_exact(containers().map(|c| c.imports.len()).sum());
        let inline: usize = schemas()
            .map(|s| {
                let members = s.entity_types.iter().chain(&s.complex_types).map(|t| {
                    t.annotations.len()
                        + t.properties
                            .iter()
                            .map(|p| p.annotations.len())
                            .sum::<usize>()
                        + t.navigation_properties
                            .iter()
                            .map(|n| n.annotations.len())
                            .sum::<usize>()
                });
                let enums = s.enum_types.iter().map(|e| {
                    e.annotations.len()
                        + e.members.iter().map(|m| m.annotations.len()).sum::<usize>()
                });
                let ops = s.operations.iter().map(|o| {
                    o.annotations.len()
                        + o.parameters
                            .iter()
                            .map(|p| p.annotations.len())
                            .sum::<usize>()
                        + o.return_type.as_ref().map_or(0, |r| r.annotations.len())
                });
                s.annotations.len()
                    + s.annotation_blocks
                        .iter()
                        .map(|b| b.annotations.len())
                        .sum::<usize>()
                    + members.sum::<usize>()
                    + enums.sum::<usize>()
                    + ops.sum::<usize>()
            })
            .sum();
        m.annotations.reserve_exact(inline);
    }

    pub(super) fn register(&mut self) {
        self.reserve();
        let docs = self.docs;
        let mut seen: HashMap<(&'r str, &'r str), (Span, bool)> = HashMap::new();
        let mut namespace_doc: HashMap<&'r str, usize> = HashMap::new();
        let mut groups: HashMap<(&'r str, &'r str), OperationGroupId> = HashMap::new();
        for doc in docs {
            let mut aliases = Vec::new();
            for schema in &doc.schemas {
                if let (Some(ns), Some(alias)) = (&schema.namespace, &schema.alias) {
                    aliases.push((alias.as_str(), ns.as_str()));
                }
            }
            for reference in &doc.references {
                for include in &reference.includes {
                    if let Some(alias) = &include.alias {
                        aliases.push((alias.as_str(), include.namespace.as_str()));
                    }
                }
            }
            for (alias, ns) in &aliases {
                if !self.m.aliases.iter().any(|(a, _)| &**a == *alias) {
                    self.m.aliases.push(((*alias).into(), (*ns).into()));
                }
            }
            self.aliases.push(aliases);
        }
        for (d, doc) in docs.iter().enumerate() {
            for schema in &doc.schemas {
                let Some(ns_text) = &schema.namespace else {
                    continue;
                };
                let ns = ns_text.as_str();
                match namespace_doc.get(ns) {
                    Some(&other) if other != d => {
                        self.warn(
                            CsdlWarningKind::DuplicateNamespace {
                                namespace: ns.into(),
                            },
                            schema.span,
                        );
                        continue;
                    }
                    _ => {
                        namespace_doc.insert(ns, d);
                    }
                }
                self.namespaces.insert(ns);
                self.enter("Schema", ns);
                let sid = SchemaId::from_index(self.m.schemas.len());
                self.m.schemas.push(Schema {
                    namespace: ns.into(),
                    alias: schema.alias.as_ref().map(|a| a.as_str().into()),
                    document: doc.id.unwrap_or(DocumentId(0)),
                    span: schema.span.into(),
                });
                self.schema_src.push((d, schema));
                for t in &schema.entity_types {
                    if Self::declare(self, &mut seen, ns, &t.name, "EntityType") {
                        self.m.entity_types.push(EntityType {
                            name: QualifiedName::new(ns, t.name.as_str()),
                            schema: sid,
                            base_type: None,
                            key: Vec::new(),
                            is_abstract: t.is_abstract,
                            is_open: t.is_open,
                            has_stream: t.has_stream,
                            properties: IdRange::default(),
                            navigation_properties: IdRange::default(),
                            span: t.span.into(),
                        });
                        self.entity_src.push((d, t));
                    }
                }
                for t in &schema.complex_types {
                    if Self::declare(self, &mut seen, ns, &t.name, "ComplexType") {
                        self.m.complex_types.push(ComplexType {
                            name: QualifiedName::new(ns, t.name.as_str()),
                            schema: sid,
                            base_type: None,
                            is_abstract: t.is_abstract,
                            is_open: t.is_open,
                            properties: IdRange::default(),
                            navigation_properties: IdRange::default(),
                            span: t.span.into(),
                        });
                        self.complex_src.push((d, t));
                    }
                }
                for t in &schema.enum_types {
                    if Self::declare(self, &mut seen, ns, &t.name, "EnumType") {
                        self.enter("EnumType", t.name.as_str());
                        let e = self.enum_type(ns, sid, t);
                        self.leave();
                        self.m.enum_types.push(e);
                        self.enum_src.push((d, t));
                    }
                }
                for t in &schema.type_definitions {
                    if Self::declare(self, &mut seen, ns, &t.name, "TypeDefinition") {
                        self.enter("TypeDefinition", t.name.as_str());
                        let underlying_type = self
                            .primitive(&t.underlying_type, false)
                            .unwrap_or(PrimitiveType::String);
                        self.leave();
                        self.m.type_definitions.push(TypeDefinition {
                            name: QualifiedName::new(ns, t.name.as_str()),
                            schema: sid,
                            underlying_type,
                            facets: t.facets,
                            span: t.span.into(),
                        });
                        self.typedef_src.push((d, t));
                    }
                }
                for op in &schema.operations {
                    let key = (ns, op.name.as_str());
                    let group = match groups.get(&key) {
                        Some(&g) => g,
                        None => {
                            if !Self::declare(self, &mut seen, ns, &op.name, kind_element(op.kind))
                            {
                                continue;
                            }
                            let g = OperationGroupId::from_index(self.m.operation_groups.len());
                            self.m.operation_groups.push(OperationGroup {
                                name: QualifiedName::new(ns, op.name.as_str()),
                                overloads: Vec::new(),
                            });
                            groups.insert(key, g);
                            g
                        }
                    };
                    let id = OperationId::from_index(self.op_src.len());
                    self.m.operation_groups[group.index()].overloads.push(id);
                    self.op_src.push((d, op));
                    self.m.operations.push(Operation {
                        name: QualifiedName::new(ns, op.name.as_str()),
                        kind: op.kind,
                        group,
                        schema: sid,
                        is_bound: op.is_bound,
                        is_composable: op.is_composable,
                        entity_set_path: op.entity_set_path.as_ref().map(|p| p.as_str().into()),
                        parameters: Vec::new(),
                        return_type: None,
                        span: op.span.into(),
                    });
                }
                for c in &schema.containers {
                    if Self::declare(self, &mut seen, ns, &c.name, "EntityContainer") {
                        self.m.containers.push(EntityContainer {
                            name: QualifiedName::new(ns, c.name.as_str()),
                            schema: sid,
                            extends: None,
                            entity_sets: IdRange::default(),
                            singletons: IdRange::default(),
                            operation_imports: IdRange::default(),
                            span: c.span.into(),
                        });
                        self.container_src.push((d, c));
                    }
                }
                for t in &schema.terms {
                    if Self::declare(self, &mut seen, ns, &t.name, "Term") {
                        self.m.terms.push(Term {
                            name: QualifiedName::new(ns, t.name.as_str()),
                            schema: sid,
                            ty: untyped(),
                            base_term: None,
                            default_value: t.default_value.as_ref().map(|v| v.as_str().into()),
                            applies_to: t
                                .applies_to
                                .as_ref()
                                .map(|a| a.as_str().split_whitespace().map(Into::into).collect())
                                .unwrap_or_default(),
                            span: t.span.into(),
                        });
                        self.term_src.push((d, t));
                    }
                }
                self.leave();
            }
        }
    }

    /// Records a schema child name; reports a duplicate and returns `false` if it was taken.
    fn declare(
        &mut self,
        seen: &mut HashMap<(&'r str, &'r str), (Span, bool)>,
        ns: &'r str,
        name: &'r Text<'a>,
        element: &'static str,
    ) -> bool {
        let operation = matches!(element, "Action" | "Function");
        match seen.get(&(ns, name.as_str())).copied() {
            // Graph names a complex type and a function `image`: operations get a warning, not an error.
            Some((first, first_operation)) if first_operation != operation => {
                self.enter(element, name.as_str());
                let full = format!("{ns}.{}", name.as_str());
                let _ = first;
                self.warn(
                    CsdlWarningKind::NameSharedWithOperation { name: full.into() },
                    name.span,
                );
                self.leave();
                true
            }
            Some((first, _)) => {
                let first = self.m.source_map.locate(first);
                self.enter(element, name.as_str());
                let full = format!("{ns}.{}", name.as_str());
                self.error(
                    CsdlErrorKind::DuplicateName {
                        name: full.into(),
                        first,
                    },
                    name.span,
                );
                self.leave();
                false
            }
            None => {
                seen.insert((ns, name.as_str()), (name.span, operation));
                true
            }
        }
    }

    fn enum_type(&mut self, ns: &str, sid: SchemaId, t: &'r RawEnumType<'a>) -> EnumType {
        let underlying_type = match &t.underlying_type {
            None => PrimitiveType::Int32,
            Some(u) => match self.primitive(u, false) {
                Some(p) if p.is_integer() => p,
                Some(_) => {
                    self.wrong_kind(
                        u,
                        "an integer type (Edm.Byte, SByte, Int16, Int32 or Int64)",
                    );
                    PrimitiveType::Int32
                }
                None => PrimitiveType::Int32,
            },
        };
        let mut members = Vec::with_capacity(t.members.len());
        let mut next = 0i64;
        // A set, not a scan of `members`: an enumeration with 100 000 members must not take quadratic time.
        let mut seen: hashbrown::HashSet<&str> = hashbrown::HashSet::with_capacity(t.members.len());
        for m in &t.members {
            if !seen.insert(m.name.as_str()) {
                self.enter("Member", m.name.as_str());
                let full = format!("{ns}.{}/{}", t.name.as_str(), m.name.as_str());
                self.error(
                    CsdlErrorKind::DuplicateName {
                        name: full.into(),
                        first: None,
                    },
                    m.name.span,
                );
                self.leave();
            }
            let value = m.value.unwrap_or(next);
            next = value.saturating_add(1);
            members.push(EnumMember {
                name: m.name.as_str().into(),
                value,
                span: m.span.into(),
            });
        }
        EnumType {
            name: QualifiedName::new(ns, t.name.as_str()),
            schema: sid,
            underlying_type,
            is_flags: t.is_flags,
            members,
            span: t.span.into(),
        }
    }

    /// An `Edm.*` primitive type name (for underlying types).
    fn primitive(&mut self, name: &Text<'_>, _allow_abstract: bool) -> Option<PrimitiveType> {
        let found = name
            .as_str()
            .trim()
            .strip_prefix("Edm.")
            .and_then(PrimitiveType::from_name);
        if found.is_none() {
            self.wrong_kind(name, "a primitive type");
        }
        found
    }
}

fn kind_element(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    }
}
