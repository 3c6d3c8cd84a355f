//! Accessors and lookups of [`Model`]: by id, by (alias-)qualified name, by
//! member and container-child name, case-sensitive and case-insensitive,
//! inheritance (base chains, inherited members and keys, derived types) and
//! bound operations.

use super::ids::*;
use super::index::{Case, NameTables, eq_name};
use super::model::*;
use super::{Model, index};

/// Generates `x(id) -> &X` and `xs() -> impl Iterator<Item = (XId, &X)>`.
macro_rules! accessors {
    ($($one:ident, $all:ident, $field:ident: $id:ident => $ty:ty;)*) => {$(
        #[doc = concat!("The `", stringify!($ty), "` with id `id` (ids come from this model).")]
        #[must_use]
        pub fn $one(&self, id: $id) -> &$ty {
            &self.$field[id.index()]
        }

        #[doc = concat!("Every `", stringify!($ty), "` with its id, in declaration order.")]
        pub fn $all(&self) -> impl ExactSizeIterator<Item = ($id, &$ty)> + '_ {
            self.$field.iter().enumerate().map(|(i, x)| ($id::from_index(i), x))
        }
    )*};
}

impl Model {
    accessors! {
        schema, schemas, schemas: SchemaId => Schema;
        entity_type, entity_types, entity_types: EntityTypeId => EntityType;
        complex_type, complex_types, complex_types: ComplexTypeId => ComplexType;
        enum_type, enum_types, enum_types: EnumTypeId => EnumType;
        type_definition, type_definitions, type_definitions: TypeDefinitionId => TypeDefinition;
        property, properties, properties: PropertyId => Property;
        navigation_property, navigation_properties, navigation_properties: NavigationPropertyId => NavigationProperty;
        operation, operations, operations: OperationId => Operation;
        operation_group, operation_groups, operation_groups: OperationGroupId => OperationGroup;
        entity_container, entity_containers, containers: EntityContainerId => EntityContainer;
        entity_set, entity_sets, entity_sets: EntitySetId => EntitySet;
        singleton, singletons, singletons: SingletonId => Singleton;
        operation_import, operation_imports, operation_imports: OperationImportId => OperationImport;
        term, terms, terms: TermId => Term;
    }

    // ---- names ----

    /// The qualified name of a schema item (for operations: of the overload group).
    #[must_use]
    pub fn item_name(&self, item: SchemaItem) -> &QualifiedName {
        match item {
            SchemaItem::EntityType(id) => &self.entity_type(id).name,
            SchemaItem::ComplexType(id) => &self.complex_type(id).name,
            SchemaItem::EnumType(id) => &self.enum_type(id).name,
            SchemaItem::TypeDefinition(id) => &self.type_definition(id).name,
            SchemaItem::Operations(id) => &self.operation_group(id).name,
            SchemaItem::EntityContainer(id) => &self.entity_container(id).name,
            SchemaItem::Term(id) => &self.term(id).name,
        }
    }

    /// The qualified name of an entity or complex type.
    #[must_use]
    pub fn structured_type_name(&self, ty: StructuredTypeId) -> &QualifiedName {
        match ty {
            StructuredTypeId::Entity(id) => &self.entity_type(id).name,
            StructuredTypeId::Complex(id) => &self.complex_type(id).name,
        }
    }

    /// The namespace an alias stands for (aliases of every loaded schema and of the
    /// main document's `edmx:Include`s; the standard vocabularies' conventional aliases last).
    #[must_use]
    pub fn namespace_of_alias(&self, alias: &str) -> Option<&str> {
        self.aliases
            .iter()
            .find(|(a, _)| &**a == alias)
            .map(|(_, ns)| &**ns)
            .or_else(|| {
                super::vocabularies::STANDARD_VOCABULARIES
                    .iter()
                    .find(|v| v.alias == alias)
                    .map(|v| v.namespace)
            })
    }

    /// Splits `name` at its last dot and replaces an alias prefix by its namespace.
    fn split_qualified<'n>(&'n self, name: &'n str) -> Option<(&'n str, &'n str)> {
        let (prefix, local) = name.rsplit_once('.')?;
        Some((self.namespace_of_alias(prefix).unwrap_or(prefix), local))
    }

    /// Replaces the alias in an alias-qualified name, e.g. `Capabilities.FilterRestrictions`
    /// → `Org.OData.Capabilities.V1.FilterRestrictions`. Other names are returned unchanged.
    #[must_use]
    pub fn full_name<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        match name.rsplit_once('.') {
            Some((prefix, local)) => match self.namespace_of_alias(prefix) {
                Some(ns) => std::borrow::Cow::Owned(format!("{ns}.{local}")),
                None => std::borrow::Cow::Borrowed(name),
            },
            None => std::borrow::Cow::Borrowed(name),
        }
    }

    fn tables(&self, case: Case) -> &NameTables {
        match case {
            Case::Exact => &self.exact,
            Case::Insensitive => self
                .insensitive
                .get_or_init(|| self.build_tables(Case::Insensitive)),
        }
    }

    /// The schema items named `name`: the least by id, and whether it is the only one.
    fn item_named(&self, name: &str, case: Case) -> Option<(SchemaItem, bool)> {
        let (mut ns, local) = self.split_qualified(name)?;
        if case == Case::Insensitive
            && let Some((_, namespace)) = name
                .rsplit_once('.')
                .and_then(|(prefix, _)| self.aliases.iter().find(|(a, _)| eq_name(a, prefix, case)))
        {
            ns = namespace;
        }
        let hash = self.hashing.qualified(ns, local, case);
        let mut found = self
            .tables(case)
            .items
            .iter_hash(hash)
            .copied()
            .filter(|item| {
                let q = self.item_name(*item);
                eq_name(q.namespace(), ns, case) && eq_name(q.name(), local, case)
            });
        let first = found.next()?;
        let (least, n) = found.fold((first, 1_usize), |(m, n), x| (m.min(x), n + 1));
        Some((least, n == 1))
    }

    /// The schema item a qualified or alias-qualified name denotes, e.g.
    /// `microsoft.graph.user`, `graph.user` or `self.alert` — in O(1).
    #[must_use]
    pub fn find(&self, name: &str) -> Option<SchemaItem> {
        self.item_named(name, Case::Exact).map(|(item, _)| item)
    }

    /// Like [`Self::find`], ignoring case. An exact match wins; otherwise the one
    /// case-insensitive match, or `None` if several names differ only in case.
    #[must_use]
    pub fn find_ci(&self, name: &str) -> Option<SchemaItem> {
        self.find(name).or_else(|| {
            self.item_named(name, Case::Insensitive)
                .and_then(|(item, only)| only.then_some(item))
        })
    }

    /// The entity type named `name` (qualified or alias-qualified).
    #[must_use]
    pub fn entity_type_by_name(&self, name: &str) -> Option<EntityTypeId> {
        match self.find(name)? {
            SchemaItem::EntityType(id) => Some(id),
            _ => None,
        }
    }

    /// The complex type named `name`.
    #[must_use]
    pub fn complex_type_by_name(&self, name: &str) -> Option<ComplexTypeId> {
        match self.find(name)? {
            SchemaItem::ComplexType(id) => Some(id),
            _ => None,
        }
    }

    /// The entity or complex type named `name`.
    #[must_use]
    pub fn structured_type_by_name(&self, name: &str) -> Option<StructuredTypeId> {
        match self.find(name)? {
            SchemaItem::EntityType(id) => Some(id.into()),
            SchemaItem::ComplexType(id) => Some(id.into()),
            _ => None,
        }
    }

    /// The enumeration type named `name`.
    #[must_use]
    pub fn enum_type_by_name(&self, name: &str) -> Option<EnumTypeId> {
        match self.find(name)? {
            SchemaItem::EnumType(id) => Some(id),
            _ => None,
        }
    }

    /// The type definition named `name`.
    #[must_use]
    pub fn type_definition_by_name(&self, name: &str) -> Option<TypeDefinitionId> {
        match self.find(name)? {
            SchemaItem::TypeDefinition(id) => Some(id),
            _ => None,
        }
    }

    /// The term named `name`, when its vocabulary is part of the model.
    #[must_use]
    pub fn term_by_name(&self, name: &str) -> Option<TermId> {
        match self.find(name)? {
            SchemaItem::Term(id) => Some(id),
            _ => None,
        }
    }

    /// The overloads of the action or function named `name`, in declaration order.
    #[must_use]
    pub fn operations_by_name(&self, name: &str) -> &[OperationId] {
        let group = self
            .split_qualified(name)
            .and_then(|(ns, local)| self.find_operations(ns, local));
        match group {
            Some(g) => &self.operation_group(g).overloads,
            None => &[],
        }
    }

    /// Resolves a type name as written in CSDL: `Edm.String`, `graph.user`,
    /// `Collection(microsoft.graph.message)`. Facets are empty and `nullable` is `true`.
    #[must_use]
    pub fn resolve_type_name(&self, name: &str) -> Option<TypeRef> {
        let name = name.trim();
        let (inner, collection) = match name
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (inner.trim(), true),
            None => (name, false),
        };
        let kind = if let Some(edm) = inner.strip_prefix("Edm.") {
            match PrimitiveType::from_name(edm) {
                Some(p) => TypeKind::Primitive(p),
                None => TypeKind::Abstract(AbstractType::from_name(edm)?),
            }
        } else {
            match self.find(inner)? {
                SchemaItem::EntityType(id) => TypeKind::Entity(id),
                SchemaItem::ComplexType(id) => TypeKind::Complex(id),
                SchemaItem::EnumType(id) => TypeKind::Enum(id),
                SchemaItem::TypeDefinition(id) => TypeKind::TypeDefinition(id),
                _ => return None,
            }
        };
        Some(TypeRef {
            kind,
            collection,
            nullable: true,
            facets: Facets::default(),
        })
    }

    // ---- members ----

    /// The structural properties a type declares itself, with their ids.
    pub fn declared_properties(
        &self,
        ty: StructuredTypeId,
    ) -> impl ExactSizeIterator<Item = (PropertyId, &Property)> {
        let range = self.member_ranges(ty).0;
        self.properties[range.range()]
            .iter()
            .enumerate()
            .map(move |(i, p)| (PropertyId::from_index(range.range().start + i), p))
    }

    /// The navigation properties a type declares itself, with their ids.
    pub fn declared_navigation_properties(
        &self,
        ty: StructuredTypeId,
    ) -> impl ExactSizeIterator<Item = (NavigationPropertyId, &NavigationProperty)> {
        let range = self.member_ranges(ty).1;
        self.navigation_properties[range.range()]
            .iter()
            .enumerate()
            .map(move |(i, p)| (NavigationPropertyId::from_index(range.range().start + i), p))
    }

    fn member_ranges(&self, ty: StructuredTypeId) -> (IdRange, IdRange) {
        match ty {
            StructuredTypeId::Entity(id) => {
                let t = self.entity_type(id);
                (t.properties, t.navigation_properties)
            }
            StructuredTypeId::Complex(id) => {
                let t = self.complex_type(id);
                (t.properties, t.navigation_properties)
            }
        }
    }

    /// The base type of an entity or complex type.
    #[must_use]
    pub fn base_type(&self, ty: StructuredTypeId) -> Option<StructuredTypeId> {
        match ty {
            StructuredTypeId::Entity(id) => self.entity_type(id).base_type.map(Into::into),
            StructuredTypeId::Complex(id) => self.complex_type(id).base_type.map(Into::into),
        }
    }

    /// Whether `ty` is an id of this model (a model being resolved holds placeholder
    /// ids where a reference did not resolve).
    pub(crate) fn has_structured_type(&self, ty: StructuredTypeId) -> bool {
        match ty {
            StructuredTypeId::Entity(id) => id.index() < self.entity_types.len(),
            StructuredTypeId::Complex(id) => id.index() < self.complex_types.len(),
        }
    }

    /// The type itself followed by its base types, most derived first.
    pub fn type_chain(&self, ty: StructuredTypeId) -> impl Iterator<Item = StructuredTypeId> + '_ {
        std::iter::successors(Some(ty), |t| self.base_type(*t))
    }

    /// Every structural property of a type, inherited ones first (base type's before the derived type's).
    #[must_use]
    pub fn all_properties(&self, ty: StructuredTypeId) -> Vec<(PropertyId, &Property)> {
        let mut chain: Vec<_> = self.type_chain(ty).collect();
        chain.reverse();
        chain
            .into_iter()
            .flat_map(|t| self.declared_properties(t))
            .collect()
    }

    /// Every navigation property of a type, inherited ones first.
    #[must_use]
    pub fn all_navigation_properties(
        &self,
        ty: StructuredTypeId,
    ) -> Vec<(NavigationPropertyId, &NavigationProperty)> {
        let mut chain: Vec<_> = self.type_chain(ty).collect();
        chain.reverse();
        chain
            .into_iter()
            .flat_map(|t| self.declared_navigation_properties(t))
            .collect()
    }

    /// The members declared on `ty` (not inherited) named `name`, in no particular order;
    /// `name_hash` is `self.hashing.name(name, case)`.
    fn declared_member<'s>(
        &'s self,
        ty: StructuredTypeId,
        name: &'s str,
        name_hash: u64,
        case: Case,
    ) -> impl Iterator<Item = MemberId> + 's {
        let hash = self.hashing.member_of(ty, name_hash);
        self.tables(case)
            .members
            .iter_hash(hash)
            .filter(move |(t, m)| *t == ty && eq_name(self.member_name(*m), name, case))
            .map(|(_, m)| *m)
    }

    /// The name of a structural or navigation property.
    #[must_use]
    pub fn member_name(&self, member: MemberId) -> &str {
        match member {
            MemberId::Property(id) => &self.property(id).name,
            MemberId::NavigationProperty(id) => &self.navigation_property(id).name,
        }
    }

    /// The structural or navigation property named `name` of `ty`, declared or inherited.
    #[must_use]
    pub fn member(&self, ty: StructuredTypeId, name: &str) -> Option<MemberId> {
        let hash = self.hashing.name(name, Case::Exact);
        self.type_chain(ty)
            .find_map(|t| self.declared_member(t, name, hash, Case::Exact).min())
    }

    /// Like [`Self::member`], ignoring case: an exact match wins, otherwise the one
    /// case-insensitive match along the base chain (`None` if ambiguous).
    #[must_use]
    pub fn member_ci(&self, ty: StructuredTypeId, name: &str) -> Option<MemberId> {
        self.member(ty, name).or_else(|| {
            let hash = self.hashing.name(name, Case::Insensitive);
            unique_of(
                self.type_chain(ty)
                    .flat_map(|t| self.declared_member(t, name, hash, Case::Insensitive)),
            )
        })
    }

    /// The structural property named `name` of `ty`, declared or inherited.
    #[must_use]
    pub fn property_by_name(&self, ty: StructuredTypeId, name: &str) -> Option<PropertyId> {
        match self.member(ty, name)? {
            MemberId::Property(id) => Some(id),
            MemberId::NavigationProperty(_) => None,
        }
    }

    /// The navigation property named `name` of `ty`, declared or inherited.
    #[must_use]
    pub fn navigation_property_by_name(
        &self,
        ty: StructuredTypeId,
        name: &str,
    ) -> Option<NavigationPropertyId> {
        match self.member(ty, name)? {
            MemberId::NavigationProperty(id) => Some(id),
            MemberId::Property(_) => None,
        }
    }

    /// [`Self::property_by_name`], ignoring case.
    #[must_use]
    pub fn property_ci(&self, ty: StructuredTypeId, name: &str) -> Option<PropertyId> {
        match self.member_ci(ty, name)? {
            MemberId::Property(id) => Some(id),
            MemberId::NavigationProperty(_) => None,
        }
    }

    /// [`Self::navigation_property_by_name`], ignoring case.
    #[must_use]
    pub fn navigation_property_ci(
        &self,
        ty: StructuredTypeId,
        name: &str,
    ) -> Option<NavigationPropertyId> {
        match self.member_ci(ty, name)? {
            MemberId::NavigationProperty(id) => Some(id),
            MemberId::Property(_) => None,
        }
    }

    /// The key of an entity type: its own `Key` or the nearest base type's.
    #[must_use]
    pub fn key(&self, ty: EntityTypeId) -> &[PropertyRef] {
        let mut t = Some(ty);
        while let Some(id) = t {
            let e = self.entity_type(id);
            if !e.key.is_empty() {
                return &e.key;
            }
            t = e.base_type;
        }
        &[]
    }

    /// The types that name `ty` as their base type.
    #[must_use]
    pub fn direct_derived_types(&self, ty: StructuredTypeId) -> Vec<StructuredTypeId> {
        match ty {
            StructuredTypeId::Entity(id) => self.derived_entity_types[id.index()]
                .iter()
                .map(|d| StructuredTypeId::Entity(*d))
                .collect(),
            StructuredTypeId::Complex(id) => self.derived_complex_types[id.index()]
                .iter()
                .map(|d| StructuredTypeId::Complex(*d))
                .collect(),
        }
    }

    /// Every type derived from `ty`, directly or transitively, in breadth-first order.
    #[must_use]
    pub fn all_derived_types(&self, ty: StructuredTypeId) -> Vec<StructuredTypeId> {
        let mut out = self.direct_derived_types(ty);
        let mut i = 0;
        while let Some(t) = out.get(i).copied() {
            out.extend(self.direct_derived_types(t));
            i += 1;
        }
        out
    }

    /// Whether `ty` is `ancestor` or derives from it.
    #[must_use]
    pub fn is_same_or_derived(&self, ty: StructuredTypeId, ancestor: StructuredTypeId) -> bool {
        self.type_chain(ty).any(|t| t == ancestor)
    }

    /// The navigation property's partner, if declared on either side.
    #[must_use]
    pub fn partner(&self, nav: NavigationPropertyId) -> Option<NavigationPropertyId> {
        self.navigation_property(nav).partner
    }

    // ---- operations ----

    /// The operations bound to exactly `ty` (`collection`: bound to `Collection(ty)`).
    #[must_use]
    pub fn bound_operations(&self, ty: StructuredTypeId, collection: bool) -> &[OperationId] {
        self.bound_operations
            .get(&(ty, collection))
            .map_or(&[], Vec::as_slice)
    }

    /// The operations that can be invoked on `ty`: bound to it or to one of its base types.
    #[must_use]
    pub fn applicable_operations(
        &self,
        ty: StructuredTypeId,
        collection: bool,
    ) -> Vec<OperationId> {
        self.type_chain(ty)
            .flat_map(|t| self.bound_operations(t, collection).iter().copied())
            .collect()
    }

    /// The overload of `name` bound to `ty` (or a base type of it), most specific first.
    #[must_use]
    pub fn bound_operation(
        &self,
        name: &str,
        ty: StructuredTypeId,
        collection: bool,
    ) -> Option<OperationId> {
        let overloads = self.operations_by_name(name);
        self.type_chain(ty).find_map(|t| {
            overloads.iter().copied().find(|o| {
                self.operation(*o)
                    .binding_type()
                    .is_some_and(|b| b.collection == collection && b.structured() == Some(t))
            })
        })
    }

    // ---- container ----

    /// The main entity container: the first one of the main document (or of any document).
    #[must_use]
    pub fn main_container(&self) -> Option<EntityContainerId> {
        (!self.containers.is_empty()).then(|| EntityContainerId::from_index(0))
    }

    /// The children named `name` of the first container along the `Extends` chain from
    /// `container` that has any: the least by id, and whether it is the only one.
    fn child_named(
        &self,
        container: EntityContainerId,
        name: &str,
        case: Case,
    ) -> Option<(ContainerChild, bool)> {
        let mut c = Some(container);
        let mut guard = 0;
        while let Some(id) = c {
            let hash = self.hashing.child(id, name, case);
            let mut found = self
                .tables(case)
                .container_children
                .iter_hash(hash)
                .filter(|(cid, child)| {
                    *cid == id && eq_name(self.container_child_name(*child), name, case)
                })
                .map(|(_, child)| *child);
            if let Some(first) = found.next() {
                let (least, n) = found.fold((first, 1_usize), |(m, n), x| (m.min(x), n + 1));
                return Some((least, n == 1));
            }
            c = self.entity_container(id).extends;
            guard += 1;
            if guard > self.containers.len() {
                break;
            }
        }
        None
    }

    /// The name of an entity set, singleton or operation import.
    #[must_use]
    pub fn container_child_name(&self, child: ContainerChild) -> &str {
        match child {
            ContainerChild::EntitySet(id) => &self.entity_set(id).name,
            ContainerChild::Singleton(id) => &self.singleton(id).name,
            ContainerChild::OperationImport(id) => &self.operation_import(id).name,
        }
    }

    /// The child of the main container (or a container it extends) named `name`.
    #[must_use]
    pub fn container_child(&self, name: &str) -> Option<ContainerChild> {
        self.child_named(self.main_container()?, name, Case::Exact)
            .map(|(child, _)| child)
    }

    /// [`Self::container_child`], ignoring case (exact match first; `None` if ambiguous).
    #[must_use]
    pub fn container_child_ci(&self, name: &str) -> Option<ContainerChild> {
        self.container_child(name).or_else(|| {
            self.child_named(self.main_container()?, name, Case::Insensitive)
                .and_then(|(child, only)| only.then_some(child))
        })
    }

    /// The entity set of the main container named `name`.
    #[must_use]
    pub fn entity_set_by_name(&self, name: &str) -> Option<EntitySetId> {
        match self.container_child(name)? {
            ContainerChild::EntitySet(id) => Some(id),
            _ => None,
        }
    }

    /// [`Self::entity_set_by_name`], ignoring case.
    #[must_use]
    pub fn entity_set_ci(&self, name: &str) -> Option<EntitySetId> {
        match self.container_child_ci(name)? {
            ContainerChild::EntitySet(id) => Some(id),
            _ => None,
        }
    }

    /// The singleton of the main container named `name`.
    #[must_use]
    pub fn singleton_by_name(&self, name: &str) -> Option<SingletonId> {
        match self.container_child(name)? {
            ContainerChild::Singleton(id) => Some(id),
            _ => None,
        }
    }

    /// [`Self::singleton_by_name`], ignoring case.
    #[must_use]
    pub fn singleton_ci(&self, name: &str) -> Option<SingletonId> {
        match self.container_child_ci(name)? {
            ContainerChild::Singleton(id) => Some(id),
            _ => None,
        }
    }

    /// The action or function import of the main container named `name`.
    #[must_use]
    pub fn operation_import_by_name(&self, name: &str) -> Option<OperationImportId> {
        match self.container_child(name)? {
            ContainerChild::OperationImport(id) => Some(id),
            _ => None,
        }
    }

    /// [`Self::operation_import_by_name`], ignoring case.
    #[must_use]
    pub fn operation_import_ci(&self, name: &str) -> Option<OperationImportId> {
        match self.container_child_ci(name)? {
            ContainerChild::OperationImport(id) => Some(id),
            _ => None,
        }
    }

    /// The entity type of an entity set or singleton.
    #[must_use]
    pub fn navigation_source_type(&self, source: NavigationSourceId) -> EntityTypeId {
        match source {
            NavigationSourceId::EntitySet(id) => self.entity_set(id).entity_type,
            NavigationSourceId::Singleton(id) => self.singleton(id).entity_type,
        }
    }

    /// The navigation property bindings of an entity set or singleton.
    #[must_use]
    pub fn navigation_bindings(&self, source: NavigationSourceId) -> &[NavigationPropertyBinding] {
        match source {
            NavigationSourceId::EntitySet(id) => &self.entity_set(id).navigation_bindings,
            NavigationSourceId::Singleton(id) => &self.singleton(id).navigation_bindings,
        }
    }

    /// The binding that says where following `nav` from `source` leads.
    #[must_use]
    pub fn binding_for(
        &self,
        source: NavigationSourceId,
        nav: NavigationPropertyId,
    ) -> Option<&NavigationPropertyBinding> {
        self.navigation_bindings(source)
            .iter()
            .find(|b| b.navigation_property == nav)
    }

    /// Builds the name tables for one case mode.
    pub(crate) fn build_tables(&self, case: Case) -> NameTables {
        let mut t = NameTables::default();
        let h = &self.hashing;
        let items = self
            .entity_types()
            .map(|(id, _)| SchemaItem::EntityType(id))
            .chain(
                self.complex_types()
                    .map(|(id, _)| SchemaItem::ComplexType(id)),
            )
            .chain(self.enum_types().map(|(id, _)| SchemaItem::EnumType(id)))
            .chain(
                self.type_definitions()
                    .map(|(id, _)| SchemaItem::TypeDefinition(id)),
            )
            .chain(
                self.operation_groups()
                    .map(|(id, _)| SchemaItem::Operations(id)),
            )
            .chain(
                self.entity_containers()
                    .map(|(id, _)| SchemaItem::EntityContainer(id)),
            )
            .chain(self.terms().map(|(id, _)| SchemaItem::Term(id)));
        for item in items {
            let q = self.item_name(item);
            let hash = h.qualified(q.namespace(), q.name(), case);
            t.items.insert_unique(hash, item, |i| {
                let q = self.item_name(*i);
                h.qualified(q.namespace(), q.name(), case)
            });
        }
        let member_hash =
            |(ty, m): &(StructuredTypeId, MemberId)| h.member(*ty, self.member_name(*m), case);
        for (id, p) in self.properties() {
            let entry = (p.declaring_type, MemberId::Property(id));
            t.members
                .insert_unique(member_hash(&entry), entry, member_hash);
        }
        for (id, p) in self.navigation_properties() {
            let entry = (p.declaring_type, MemberId::NavigationProperty(id));
            t.members
                .insert_unique(member_hash(&entry), entry, member_hash);
        }
        let child_hash = |(c, child): &(EntityContainerId, ContainerChild)| {
            h.child(*c, self.container_child_name(*child), case)
        };
        let children = self
            .entity_sets()
            .map(|(id, s)| (s.container, ContainerChild::EntitySet(id)))
            .chain(
                self.singletons()
                    .map(|(id, s)| (s.container, ContainerChild::Singleton(id))),
            )
            .chain(
                self.operation_imports()
                    .map(|(id, s)| (s.container, ContainerChild::OperationImport(id))),
            );
        for entry in children {
            t.container_children
                .insert_unique(child_hash(&entry), entry, child_hash);
        }
        t
    }
}

/// The only item of `found`, without collecting it (`None` if there are none or several).
fn unique_of<T>(mut found: impl Iterator<Item = T>) -> Option<T> {
    let one = found.next()?;
    found.next().is_none().then_some(one)
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Model>();
    let _ = index::Case::Exact;
}
