//! The resolve pass: raw documents (names as written) → [`Model`] (typed ids).
//!
//! Phases, each reporting one error per dangling reference and carrying on:
//! 1. register every schema child under its qualified name (duplicates are errors);
//! 2. base types (cycles are errors and are cut), then properties and navigation properties;
//! 3. keys, navigation partners and referential constraints;
//! 4. operations (overloads grouped by name, bound operations indexed by binding type);
//! 5. entity containers: sets, singletons, imports, then navigation property bindings;
//! 6. terms; 7. annotations ([`annotations`]); 8. indexes.
//!
//! Phase 1 is in [`register`], phase 2 in [`members`], phases 3–6 in [`types`];
//! this file holds the resolver's state, its diagnostics, name lookup and the indexes.

mod annotations;
mod json_values;
mod members;
mod register;
mod types;
pub use members::MAX_BASE_TYPE_DEPTH;

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
    /// (element kind, name) → namespace of the first schema declaring it; built on the
    /// first message that needs it, so that many errors cost linear time.
    declaring: std::cell::OnceCell<hashbrown::HashMap<(ChildKind, &'r str), &'r str>>,
    /// Entity sets and singletons whose entity type did not resolve (already reported):
    /// their placeholder type is not followed by later passes.
    dangling_sources: hashbrown::HashSet<NavigationSourceId>,
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
            declaring: std::cell::OnceCell::new(),
            dangling_sources: hashbrown::HashSet::new(),
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

    /// The namespace of the schema that declares a schema child (looked up only when a
    /// message is built).
    fn schema_declaring(&self, element: &str, name: &str) -> Option<&'r str> {
        let kind = ChildKind::of(element)?;
        let index = self.declaring.get_or_init(|| {
            let mut index = hashbrown::HashMap::new();
            for (_, s) in &self.schema_src {
                let Some(ns) = s.namespace.as_ref().map(|n| n.as_str()) else {
                    continue;
                };
                let mut add = |kind, names: &mut dyn Iterator<Item = &'r str>| {
                    for name in names {
                        index.entry((kind, name)).or_insert(ns);
                    }
                };
                add(
                    ChildKind::EntityType,
                    &mut s.entity_types.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::ComplexType,
                    &mut s.complex_types.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::EnumType,
                    &mut s.enum_types.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::TypeDefinition,
                    &mut s.type_definitions.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::Operation,
                    &mut s.operations.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::EntityContainer,
                    &mut s.containers.iter().map(|t| t.name.as_str()),
                );
                add(
                    ChildKind::Term,
                    &mut s.terms.iter().map(|t| t.name.as_str()),
                );
            }
            index
        });
        index.get(&(kind, name)).copied()
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

/// The kinds of schema children [`Resolver::schema_declaring`] looks up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ChildKind {
    EntityType,
    ComplexType,
    EnumType,
    TypeDefinition,
    /// Actions and functions share one namespace of names.
    Operation,
    EntityContainer,
    Term,
}

impl ChildKind {
    /// The kind of a CSDL element name, if it is a schema child.
    fn of(element: &str) -> Option<Self> {
        Some(match element {
            "EntityType" => Self::EntityType,
            "ComplexType" => Self::ComplexType,
            "EnumType" => Self::EnumType,
            "TypeDefinition" => Self::TypeDefinition,
            "Action" | "Function" => Self::Operation,
            "EntityContainer" => Self::EntityContainer,
            "Term" => Self::Term,
            _ => return None,
        })
    }
}
