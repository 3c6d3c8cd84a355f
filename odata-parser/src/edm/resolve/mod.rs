//! The resolve pass: raw documents (names as written) → [`Model`] (typed ids).
//!
//! Phases, each reporting one error per dangling reference and carrying on:
//! 1. register every schema child under its qualified name (duplicates are errors);
//! 2. base types (cycles are errors and are cut), then properties and navigation properties;
//! 3. keys, navigation partners and referential constraints;
//! 4. operations (overloads grouped by name, bound operations indexed by binding type);
//! 5. entity containers: sets, singletons, imports, then navigation property bindings;
//! 6. terms; 7. annotations ([`annotations`]); 8. indexes.

mod annotations;
mod json_values;
mod types;

use std::sync::{Arc, OnceLock};

use hashbrown::HashMap;

use super::Model;
use super::annotation::Target;
use super::csdl::error::{CsdlError, CsdlErrorKind, CsdlWarning, CsdlWarningKind};
use super::csdl::raw::*;
use super::ids::*;
use super::index::{Case, Hashing, NameTables};
use super::model::*;
use super::source::SourceMap;
use super::vocabularies::is_standard_namespace;
use crate::span::Span;

/// Resolves raw documents into a model, or returns every error found.
pub(crate) fn resolve(
    docs: &[RawDocument<'_>],
    source_map: SourceMap,
    warnings: Vec<CsdlWarning>,
) -> Result<Model, (Vec<CsdlError>, Vec<CsdlWarning>)> {
    let mut r = Resolver::new(docs, source_map, warnings);
    r.run();
    if r.errors.is_empty() {
        let mut model = r.m;
        model.warnings = r.warnings;
        Ok(model)
    } else {
        Err((r.errors, r.warnings))
    }
}

pub(crate) struct Resolver<'r, 'a> {
    docs: &'r [RawDocument<'a>],
    pub(crate) m: Model,
    pub(crate) errors: Vec<CsdlError>,
    pub(crate) warnings: Vec<CsdlWarning>,
    /// Per document: alias → namespace.
    aliases: Vec<Vec<(&'r str, &'r str)>>,
    /// Every loaded schema namespace.
    namespaces: hashbrown::HashSet<&'r str>,
    schema_src: Vec<(usize, &'r RawSchema<'a>)>,
    entity_src: Vec<(usize, &'r RawStructuredType<'a>)>,
    complex_src: Vec<(usize, &'r RawStructuredType<'a>)>,
    enum_src: Vec<(usize, &'r RawEnumType<'a>)>,
    typedef_src: Vec<(usize, &'r RawTypeDefinition<'a>)>,
    op_src: Vec<(usize, &'r RawOperation<'a>)>,
    container_src: Vec<(usize, &'r RawContainer<'a>)>,
    term_src: Vec<(usize, &'r RawTerm<'a>)>,
    /// Interned full term names.
    term_names: HashMap<Box<str>, Arc<str>>,
    /// Element path of what is being resolved, for messages.
    path: Vec<(&'static str, &'r str)>,
}

impl<'r, 'a> Resolver<'r, 'a> {
    fn new(docs: &'r [RawDocument<'a>], source_map: SourceMap, warnings: Vec<CsdlWarning>) -> Self {
        let m = Model {
            schemas: Vec::new(),
            entity_types: Vec::new(),
            complex_types: Vec::new(),
            enum_types: Vec::new(),
            type_definitions: Vec::new(),
            properties: Vec::new(),
            navigation_properties: Vec::new(),
            operations: Vec::new(),
            operation_groups: Vec::new(),
            containers: Vec::new(),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            operation_imports: Vec::new(),
            terms: Vec::new(),
            annotations: Vec::new(),
            target_paths: Vec::new(),
            aliases: Vec::new(),
            hashing: Hashing::default(),
            exact: NameTables::default(),
            insensitive: OnceLock::new(),
            annotation_ranges: HashMap::new(),
            target_path_index: hashbrown::HashTable::new(),
            derived_entity_types: Vec::new(),
            derived_complex_types: Vec::new(),
            bound_operations: HashMap::new(),
            source_map,
            warnings: Vec::new(),
        };
        Resolver {
            docs,
            m,
            errors: Vec::new(),
            warnings,
            aliases: Vec::new(),
            namespaces: hashbrown::HashSet::new(),
            schema_src: Vec::new(),
            entity_src: Vec::new(),
            complex_src: Vec::new(),
            enum_src: Vec::new(),
            typedef_src: Vec::new(),
            op_src: Vec::new(),
            container_src: Vec::new(),
            term_src: Vec::new(),
            term_names: HashMap::new(),
            path: Vec::new(),
        }
    }

    fn run(&mut self) {
        self.register();
        self.m.exact = self.m.build_tables(Case::Exact);
        self.base_types();
        self.members();
        self.m.exact = self.m.build_tables(Case::Exact);
        self.check_members();
        self.keys_partners_constraints();
        self.operations();
        self.containers();
        self.m.exact = self.m.build_tables(Case::Exact);
        self.bindings();
        self.check_keys();
        self.terms();
        self.annotations();
        self.finish();
    }

    // ---- diagnostics ----

    /// The element path for a message about `span`: CSDL XML documents start it with
    /// `edmx:Edmx/edmx:DataServices`, CSDL JSON documents with the schema.
    fn path_string(&self, span: Span) -> String {
        let json = self
            .m
            .source_map
            .document_at(span.start)
            .is_some_and(|(id, _)| {
                self.docs
                    .iter()
                    .any(|doc| doc.id == Some(id) && doc.format == Format::Json)
            });
        let mut s = if json {
            String::new()
        } else {
            String::from("edmx:Edmx/edmx:DataServices")
        };
        if let Some((element, name)) = self.path.first()
            && *element != "Schema"
            && let Some(ns) = self.schema_declaring(element, name)
        {
            if !s.is_empty() {
                s.push('/');
            }
            s.push_str("Schema[");
            s.push_str(super::csdl::reader::truncate(ns));
            s.push(']');
        }
        for (element, name) in &self.path {
            if !s.is_empty() {
                s.push('/');
            }
            s.push_str(element);
            if !name.is_empty() {
                s.push('[');
                s.push_str(super::csdl::reader::truncate(name));
                s.push(']');
            }
        }
        s
    }

    /// The namespace of the schema that declares a schema child (searched only when a message is built).
    fn schema_declaring(&self, element: &str, name: &str) -> Option<&'r str> {
        self.schema_src.iter().find_map(|(_, s)| {
            let found = match element {
                "EntityType" => s.entity_types.iter().any(|t| t.name.as_str() == name),
                "ComplexType" => s.complex_types.iter().any(|t| t.name.as_str() == name),
                "EnumType" => s.enum_types.iter().any(|t| t.name.as_str() == name),
                "TypeDefinition" => s.type_definitions.iter().any(|t| t.name.as_str() == name),
                "Action" | "Function" => s.operations.iter().any(|t| t.name.as_str() == name),
                "EntityContainer" => s.containers.iter().any(|t| t.name.as_str() == name),
                "Term" => s.terms.iter().any(|t| t.name.as_str() == name),
                _ => false,
            };
            if found {
                s.namespace.as_ref().map(|n| n.as_str())
            } else {
                None
            }
        })
    }

    pub(crate) fn error(&mut self, kind: CsdlErrorKind, span: Span) {
        let location = self.m.source_map.locate(span);
        let e = CsdlError::new(kind, span, location, self.path_string(span));
        self.errors.push(e);
    }

    pub(crate) fn warn(&mut self, kind: CsdlWarningKind, span: Span) {
        let location = self.m.source_map.locate(span);
        let w = CsdlWarning::new(kind, span, location, self.path_string(span));
        self.warnings.push(w);
    }

    fn enter(&mut self, element: &'static str, name: &'r str) {
        self.path.push((element, name));
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    // ---- names ----

    /// The namespace an alias stands for in document `d`.
    /// Falls back to the conventional aliases of the standard vocabularies (`Core`,
    /// `Capabilities`, …) when the document does not declare the alias itself.
    pub(crate) fn alias(&self, d: usize, prefix: &str) -> Option<&'r str> {
        self.aliases
            .get(d)?
            .iter()
            .find(|(a, _)| *a == prefix)
            .map(|(_, ns)| *ns)
            .or_else(|| {
                (!self.namespaces.contains(prefix))
                    .then(|| {
                        super::vocabularies::STANDARD_VOCABULARIES
                            .iter()
                            .find(|v| v.alias == prefix)
                    })
                    .flatten()
                    .map(|v| v.namespace)
            })
    }

    /// Splits a qualified name and replaces an alias prefix: (namespace, local name).
    pub(crate) fn qualify<'n>(&self, d: usize, name: &'n str) -> Option<(&'n str, &'n str)>
    where
        'r: 'n,
    {
        let (prefix, local) = name.rsplit_once('.')?;
        Some((self.alias(d, prefix).unwrap_or(prefix), local))
    }

    /// Whether a namespace prefix is known: a loaded namespace, an alias of `d`, or a standard vocabulary.
    pub(crate) fn known_prefix(&self, d: usize, prefix: &str) -> bool {
        self.namespaces.contains(prefix)
            || self.alias(d, prefix).is_some()
            || is_standard_namespace(prefix)
    }

    /// Resolves a qualified name to a schema item, reporting `what` if it does not resolve.
    fn lookup(&mut self, d: usize, name: &Text<'_>, what: &'static str) -> Option<SchemaItem> {
        let raw = name.as_str().trim();
        let Some((ns, local)) = self.qualify(d, raw) else {
            self.error(
                CsdlErrorKind::Unresolved {
                    what,
                    name: raw.into(),
                },
                name.span,
            );
            return None;
        };
        if let Some(item) = self.m.find_parts(ns, local) {
            return Some(item);
        }
        let prefix = raw.rsplit_once('.').map_or("", |(p, _)| p);
        if !self.known_prefix(d, prefix) {
            self.error(
                CsdlErrorKind::UnknownAlias {
                    alias: prefix.into(),
                    name: raw.into(),
                },
                name.span,
            );
        } else {
            self.error(
                CsdlErrorKind::Unresolved {
                    what,
                    name: raw.into(),
                },
                name.span,
            );
        }
        None
    }

    /// Whether `name` is in a standard vocabulary that was not loaded (then warns: the base
    /// type is dropped and its inherited members are unknown).
    fn unloaded_vocabulary_type(&mut self, d: usize, name: &Text<'_>) -> bool {
        let unloaded = self
            .qualify(d, name.as_str().trim())
            .is_some_and(|(ns, _)| is_standard_namespace(ns) && !self.namespaces.contains(ns));
        if unloaded {
            let kind = CsdlWarningKind::UnloadedVocabularyBaseType {
                name: name.as_str().into(),
            };
            self.warn(kind, name.span);
        }
        unloaded
    }

    fn wrong_kind(&mut self, name: &Text<'_>, expected: &'static str) {
        self.error(
            CsdlErrorKind::WrongKind {
                name: name.as_str().into(),
                expected,
            },
            name.span,
        );
    }

    // ---- phase 1: register ----

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

    fn register(&mut self) {
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

    // ---- phase 2: base types, members ----

    fn base_types(&mut self) {
        for i in 0..self.entity_src.len() {
            let (d, t) = self.entity_src[i];
            let Some(base) = &t.base_type else { continue };
            self.enter("EntityType", t.name.as_str());
            if self.unloaded_vocabulary_type(d, base) {
                self.leave();
                continue;
            }
            match self.lookup(d, base, "base type") {
                Some(SchemaItem::EntityType(b)) => self.m.entity_types[i].base_type = Some(b),
                Some(_) => self.wrong_kind(base, "an entity type"),
                None => {}
            }
            self.leave();
        }
        for i in 0..self.complex_src.len() {
            let (d, t) = self.complex_src[i];
            let Some(base) = &t.base_type else { continue };
            self.enter("ComplexType", t.name.as_str());
            if self.unloaded_vocabulary_type(d, base) {
                self.leave();
                continue;
            }
            match self.lookup(d, base, "base type") {
                Some(SchemaItem::ComplexType(b)) => self.m.complex_types[i].base_type = Some(b),
                Some(_) => self.wrong_kind(base, "a complex type"),
                None => {}
            }
            self.leave();
        }
        let entity_bases: Vec<Option<usize>> = self
            .m
            .entity_types
            .iter()
            .map(|t| t.base_type.map(EntityTypeId::index))
            .collect();
        for i in find_cycles(&entity_bases) {
            let chain = cycle_chain(&entity_bases, i, |j| {
                self.m.entity_types[j].name.to_string()
            });
            let (_, t) = self.entity_src[i];
            self.enter("EntityType", t.name.as_str());
            let span = t.base_type.as_ref().map_or(t.span, |b| b.span);
            self.error(
                CsdlErrorKind::BaseTypeCycle {
                    chain: chain.into(),
                },
                span,
            );
            self.leave();
            self.m.entity_types[i].base_type = None;
        }
        let complex_bases: Vec<Option<usize>> = self
            .m
            .complex_types
            .iter()
            .map(|t| t.base_type.map(ComplexTypeId::index))
            .collect();
        for i in find_cycles(&complex_bases) {
            let chain = cycle_chain(&complex_bases, i, |j| {
                self.m.complex_types[j].name.to_string()
            });
            let (_, t) = self.complex_src[i];
            self.enter("ComplexType", t.name.as_str());
            let span = t.base_type.as_ref().map_or(t.span, |b| b.span);
            self.error(
                CsdlErrorKind::BaseTypeCycle {
                    chain: chain.into(),
                },
                span,
            );
            self.leave();
            self.m.complex_types[i].base_type = None;
        }
    }

    fn members(&mut self) {
        for i in 0..self.entity_src.len() {
            let (d, t) = self.entity_src[i];
            self.enter("EntityType", t.name.as_str());
            let (props, navs) =
                self.push_members(d, t, StructuredTypeId::Entity(EntityTypeId::from_index(i)));
            self.leave();
            self.m.entity_types[i].properties = props;
            self.m.entity_types[i].navigation_properties = navs;
        }
        for i in 0..self.complex_src.len() {
            let (d, t) = self.complex_src[i];
            self.enter("ComplexType", t.name.as_str());
            let (props, navs) = self.push_members(
                d,
                t,
                StructuredTypeId::Complex(ComplexTypeId::from_index(i)),
            );
            self.leave();
            self.m.complex_types[i].properties = props;
            self.m.complex_types[i].navigation_properties = navs;
        }
    }

    fn push_members(
        &mut self,
        d: usize,
        t: &'r RawStructuredType<'a>,
        owner: StructuredTypeId,
    ) -> (IdRange, IdRange) {
        let start = self.m.properties.len();
        for p in &t.properties {
            self.enter("Property", p.name.as_str());
            let ty = self.type_ref(d, &p.ty, true);
            self.leave();
            self.m.properties.push(Property {
                name: p.name.as_str().into(),
                declaring_type: owner,
                ty,
                default_value: p.default_value.as_ref().map(|v| v.as_str().into()),
                span: p.span.into(),
            });
        }
        let props = IdRange::new(start, self.m.properties.len());
        let start = self.m.navigation_properties.len();
        for n in &t.navigation_properties {
            self.enter("NavigationProperty", n.name.as_str());
            let raw = RawTypeRef {
                ty: Some(n.ty.clone()),
                nullable: n.nullable,
                facets: Facets::default(),
            };
            let ty = self.type_ref(d, &raw, false);
            let target = match ty.kind {
                TypeKind::Entity(id) => Some(id),
                TypeKind::Abstract(AbstractType::EntityType | AbstractType::Untyped) => None,
                _ => {
                    self.wrong_kind(&n.ty, "an entity type");
                    None
                }
            };
            if ty.collection && n.nullable.is_some() {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "Nullable",
                    value: "given".into(),
                    expected: "no Nullable on a collection-valued navigation property",
                };
                self.error(kind, n.span);
            }
            self.leave();
            self.m.navigation_properties.push(NavigationProperty {
                name: n.name.as_str().into(),
                declaring_type: owner,
                target,
                collection: ty.collection,
                nullable: n.nullable.unwrap_or(true),
                partner_path: n.partner.as_ref().map(|p| p.as_str().into()),
                partner: None,
                contains_target: n.contains_target,
                referential_constraints: Vec::new(),
                on_delete: n.on_delete,
                span: n.span.into(),
            });
        }
        (
            props,
            IdRange::new(start, self.m.navigation_properties.len()),
        )
    }

    /// Duplicate member names within a type, and members that redeclare an inherited one.
    fn check_members(&mut self) {
        let types: Vec<(StructuredTypeId, &'static str, &'r RawStructuredType<'a>)> =
            (0..self.entity_src.len())
                .map(|i| {
                    (
                        StructuredTypeId::Entity(EntityTypeId::from_index(i)),
                        "EntityType",
                        self.entity_src[i].1,
                    )
                })
                .chain((0..self.complex_src.len()).map(|i| {
                    (
                        StructuredTypeId::Complex(ComplexTypeId::from_index(i)),
                        "ComplexType",
                        self.complex_src[i].1,
                    )
                }))
                .collect();
        for (ty, element, raw) in types {
            let names = raw.properties.iter().map(|p| ("Property", &p.name)).chain(
                raw.navigation_properties
                    .iter()
                    .map(|n| ("NavigationProperty", &n.name)),
            );
            // A set, not a list: a type with 100 000 members must not take quadratic time.
            let mut seen: hashbrown::HashSet<&str> = hashbrown::HashSet::new();
            for (member_element, name) in names {
                let duplicate = !seen.insert(name.as_str());
                let inherited = self
                    .m
                    .base_type(ty)
                    .and_then(|b| self.m.member(b, name.as_str()));
                if duplicate || inherited.is_some() {
                    self.enter(element, raw.name.as_str());
                    self.enter(member_element, name.as_str());
                    let first = match inherited {
                        Some(MemberId::Property(p)) => self.m.locate(self.m.property(p).span.0),
                        Some(MemberId::NavigationProperty(n)) => {
                            self.m.locate(self.m.navigation_property(n).span.0)
                        }
                        None => None,
                    };
                    let full = format!("{}/{}", self.m.structured_type_name(ty), name.as_str());
                    self.error(
                        CsdlErrorKind::DuplicateName {
                            name: full.into(),
                            first,
                        },
                        name.span,
                    );
                    self.leave();
                    self.leave();
                }
            }
        }
    }

    fn finish(&mut self) {
        // Annotations sorted by target, term and qualifier; stable, so document order breaks ties.
        self.m.annotations.sort_by(|(ta, a), (tb, b)| {
            (ta, &a.term, &a.qualifier).cmp(&(tb, &b.term, &b.qualifier))
        });
        self.m.annotations.shrink_to_fit();
        let mut ranges: HashMap<Target, (u32, u32)> = HashMap::new();
        for (i, (t, _)) in self.m.annotations.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            ranges
                .entry(*t)
                .and_modify(|r| r.1 = i + 1)
                .or_insert((i, i + 1));
        }
        self.m.annotation_ranges = ranges;

        self.m.derived_entity_types = vec![Vec::new(); self.m.entity_types.len()];
        for (i, t) in self.m.entity_types.iter().enumerate() {
            if let Some(b) = t.base_type {
                self.m.derived_entity_types[b.index()].push(EntityTypeId::from_index(i));
            }
        }
        self.m.derived_complex_types = vec![Vec::new(); self.m.complex_types.len()];
        for (i, t) in self.m.complex_types.iter().enumerate() {
            if let Some(b) = t.base_type {
                self.m.derived_complex_types[b.index()].push(ComplexTypeId::from_index(i));
            }
        }
        let mut bound: HashMap<(StructuredTypeId, bool), Vec<OperationId>> = HashMap::new();
        for (i, op) in self.m.operations.iter().enumerate() {
            if let Some(b) = op.binding_type()
                && let Some(s) = b.structured()
            {
                bound
                    .entry((s, b.collection))
                    .or_default()
                    .push(OperationId::from_index(i));
            }
        }
        self.m.bound_operations = bound;
    }
}

pub(crate) fn untyped() -> TypeRef {
    TypeRef {
        kind: TypeKind::Abstract(AbstractType::Untyped),
        collection: false,
        nullable: true,
        facets: Facets::default(),
    }
}

fn kind_element(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    }
}

/// The indices of one node per base-type cycle (the node whose base link closes the cycle).
fn find_cycles(base: &[Option<usize>]) -> Vec<usize> {
    // 0 = unvisited, 1 = on the current walk, 2 = done
    let mut state = vec![0u8; base.len()];
    let mut cycles = Vec::new();
    for start in 0..base.len() {
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state.get(i) {
                Some(0) => {
                    state[i] = 1;
                    walk.push(i);
                    cur = base[i];
                }
                Some(1) => {
                    cycles.push(*walk.last().unwrap_or(&i));
                    break;
                }
                _ => break,
            }
        }
        for i in walk {
            state[i] = 2;
        }
    }
    cycles
}

fn cycle_chain(base: &[Option<usize>], start: usize, name: impl Fn(usize) -> String) -> String {
    let mut out = name(start);
    let mut cur = base[start];
    let mut steps = 0;
    while let Some(i) = cur {
        out.push_str(" -> ");
        out.push_str(&name(i));
        if i == start || steps > base.len() {
            break;
        }
        steps += 1;
        cur = base[i];
    }
    out
}
