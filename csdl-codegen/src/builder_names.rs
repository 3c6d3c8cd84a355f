//! Names of the typed-query and request-builder items, decided with the model
//! types' names (which keep theirs): `<Type>Fields` (member accessors),
//! `<Entity>Nav` and `<Entity>CollectionNav` (navigation and bound operations),
//! `<Binding><Action>Parameters`, the entity container's struct, and the `members`
//! and `capabilities` modules.

use std::collections::{BTreeMap, HashMap};

use odata_parser::edm::{
    EntityContainerId, EntityTypeId, MemberId, OperationId, OperationKind, StructuredTypeId,
};

use crate::naming::{self, NameSet, Style};
use crate::type_space::{ModulePath, TypeName, TypeSpace};

/// The names of the builder items.
#[derive(Clone, Debug, Default)]
pub struct BuilderNames {
    fields: HashMap<StructuredTypeId, TypeName>,
    navs: HashMap<EntityTypeId, TypeName>,
    collection_navs: HashMap<EntityTypeId, TypeName>,
    /// Type module → its `members` module.
    members_modules: BTreeMap<ModulePath, ModulePath>,
    /// The module of an entity type's member markers, inside its `members` module.
    member_type_modules: HashMap<EntityTypeId, String>,
    parameters: HashMap<OperationId, TypeName>,
    container: Option<(EntityContainerId, TypeName)>,
    capabilities_module: Option<ModulePath>,
    /// The marker of each member of a generated entity type.
    markers: HashMap<MemberId, String>,
}

impl BuilderNames {
    /// Every type name claimed here.
    pub fn all_type_names(&self) -> impl Iterator<Item = &TypeName> {
        self.fields
            .values()
            .chain(self.navs.values())
            .chain(self.collection_navs.values())
            .chain(self.parameters.values())
            .chain(self.container.iter().map(|(_, n)| n))
    }

    /// The member accessors of a structured type.
    pub fn fields(&self, ty: StructuredTypeId) -> Option<&TypeName> {
        self.fields.get(&ty)
    }

    /// The navigation struct of an entity type.
    pub fn nav(&self, ty: EntityTypeId) -> Option<&TypeName> {
        self.navs.get(&ty)
    }

    /// The collection navigation struct of an entity type, when it (or a base type)
    /// has collection-bound operations.
    pub fn collection_nav(&self, ty: EntityTypeId) -> Option<&TypeName> {
        self.collection_navs.get(&ty)
    }

    /// The parameters struct of an action.
    pub fn parameters(&self, op: OperationId) -> Option<&TypeName> {
        self.parameters.get(&op)
    }

    /// The entity container's struct.
    pub fn container(&self) -> Option<&(EntityContainerId, TypeName)> {
        self.container.as_ref()
    }

    /// The module of the capability states.
    pub fn capabilities_module(&self) -> Option<&ModulePath> {
        self.capabilities_module.as_ref()
    }

    /// Every `members` module, by the module whose types it serves.
    pub fn members_modules(&self) -> &BTreeMap<ModulePath, ModulePath> {
        &self.members_modules
    }

    /// The module holding an entity type's member markers (`…::members::message`).
    pub fn member_module(&self, space: &TypeSpace<'_>, ty: EntityTypeId) -> Option<ModulePath> {
        let type_module = &space.struct_name(StructuredTypeId::Entity(ty))?.module;
        let mut path = self.members_modules.get(type_module)?.clone();
        path.push(self.member_type_modules.get(&ty)?.clone());
        Some(path)
    }

    /// The marker names of the members `ty` declares, in declaration order.
    pub fn member_markers(
        &self,
        space: &TypeSpace<'_>,
        ty: EntityTypeId,
    ) -> Vec<(MemberId, String)> {
        let model = space.model;
        let t = StructuredTypeId::Entity(ty);
        model
            .declared_properties(t)
            .map(|(id, _)| MemberId::Property(id))
            .chain(
                model
                    .declared_navigation_properties(t)
                    .map(|(id, _)| MemberId::NavigationProperty(id)),
            )
            .filter_map(|m| Some((m, self.markers.get(&m)?.clone())))
            .collect()
    }

    /// Names the markers of the members `ty` declares.
    fn name_markers(space: &TypeSpace<'_>, ty: EntityTypeId) -> Vec<(MemberId, String)> {
        let model = space.model;
        let t = StructuredTypeId::Entity(ty);
        let mut names = NameSet::default();
        let mut out = Vec::new();
        for (id, p) in model.declared_properties(t) {
            out.push((
                MemberId::Property(id),
                names.claim(&naming::camel(&p.name), Style::Camel),
            ));
        }
        for (id, n) in model.declared_navigation_properties(t) {
            out.push((
                MemberId::NavigationProperty(id),
                names.claim(&naming::camel(&n.name), Style::Camel),
            ));
        }
        out
    }

    /// The marker of a member, as written in `from`.
    pub fn marker_path(
        &self,
        space: &TypeSpace<'_>,
        member: MemberId,
        from: &ModulePath,
    ) -> Option<proc_macro2::TokenStream> {
        let model = space.model;
        let declaring = match member {
            MemberId::Property(p) => model.property(p).declaring_type,
            MemberId::NavigationProperty(n) => model.navigation_property(n).declaring_type,
        };
        let StructuredTypeId::Entity(entity) = declaring else {
            return None;
        };
        let module = self.member_module(space, entity)?;
        let name = self.markers.get(&member)?.clone();
        Some(space.path_to(from, &TypeName { module, name }))
    }
}

impl TypeSpace<'_> {
    /// The complex types a typed query can reach from an entity type: through
    /// structural properties (of the entity types, their derived types and the
    /// complex types reached), with their base types (accessors `Deref` to them)
    /// and derived types (casts).
    fn queryable_complex_types(&self) -> std::collections::HashSet<StructuredTypeId> {
        let model = self.model;
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<StructuredTypeId> = model
            .entity_types()
            .map(|(id, _)| StructuredTypeId::Entity(id))
            .collect();
        let mut visited = std::collections::HashSet::new();
        while let Some(t) = stack.pop() {
            if !visited.insert(t) {
                continue;
            }
            if matches!(t, StructuredTypeId::Complex(_)) {
                seen.insert(t);
                if let Some(base) = model.base_type(t) {
                    stack.push(base);
                }
                stack.extend(model.direct_derived_types(t));
            }
            for (_, p) in model.declared_properties(t) {
                if let odata_parser::edm::TypeKind::Complex(c) = p.ty.kind {
                    stack.push(StructuredTypeId::Complex(c));
                }
            }
        }
        seen
    }

    /// Decides the builder names (after every model type has its name).
    pub(crate) fn assign_builder_names(
        &mut self,
        namespace_modules: &HashMap<String, ModulePath>,
        scopes: &mut BTreeMap<ModulePath, NameSet>,
        children: &mut BTreeMap<ModulePath, NameSet>,
    ) -> BuilderNames {
        let model = self.model;
        let mut b = BuilderNames::default();
        let claim =
            |scopes: &mut BTreeMap<ModulePath, NameSet>, module: &ModulePath, n: &str| TypeName {
                module: module.clone(),
                name: scopes
                    .entry(module.clone())
                    .or_default()
                    .claim(n, Style::Camel),
            };
        // Member accessors of every generated entity type, and of the complex types
        // a query can reach from one.
        let reachable = self.queryable_complex_types();
        let structured = model
            .entity_types()
            .map(|(id, _)| StructuredTypeId::Entity(id))
            .chain(
                model
                    .complex_types()
                    .map(|(id, _)| StructuredTypeId::Complex(id))
                    .filter(|t| reachable.contains(t)),
            );
        for ty in structured {
            if let Some(name) = self.struct_name(ty).cloned() {
                let fields = claim(scopes, &name.module, &format!("{}Fields", name.name));
                b.fields.insert(ty, fields);
            }
        }
        // Navigation structs and member-marker modules of entity types.
        let mut member_scopes: BTreeMap<ModulePath, NameSet> = BTreeMap::new();
        for (id, _) in model.entity_types() {
            let Some(name) = self.struct_name(id.into()).cloned() else {
                continue;
            };
            let nav = claim(scopes, &name.module, &format!("{}Nav", name.name));
            b.navs.insert(id, nav);
            let has_collection_ops = model
                .type_chain(id.into())
                .any(|t| !model.bound_operations(t, true).is_empty());
            if has_collection_ops {
                let cnav = claim(scopes, &name.module, &format!("{}CollectionNav", name.name));
                b.collection_navs.insert(id, cnav);
            }
            let members = b
                .members_modules
                .entry(name.module.clone())
                .or_insert_with(|| {
                    let mut path = name.module.clone();
                    path.push(
                        children
                            .entry(name.module.clone())
                            .or_default()
                            .claim("members", Style::Snake),
                    );
                    path
                })
                .clone();
            let module = member_scopes
                .entry(members)
                .or_default()
                .claim(&naming::snake(&name.name), Style::Snake);
            b.member_type_modules.insert(id, module);
            b.markers.extend(BuilderNames::name_markers(self, id));
        }
        // Parameters of actions.
        for (id, op) in model.operations() {
            if op.kind != OperationKind::Action {
                continue;
            }
            let skip = usize::from(op.is_bound);
            if op.parameters.len() <= skip {
                continue;
            }
            let local = op.name.name();
            let (module, prefix) = match op.binding_type().and_then(|t| t.structured()) {
                Some(binding) => match self.struct_name(binding) {
                    Some(n) => (n.module.clone(), n.name.clone()),
                    None => continue,
                },
                None => match namespace_modules.get(op.name.namespace()) {
                    Some(m) => (m.clone(), String::new()),
                    None => continue,
                },
            };
            let name = claim(
                scopes,
                &module,
                &format!("{prefix}{}Parameters", naming::camel(local)),
            );
            b.parameters.insert(id, name);
        }
        // The main container's struct and the capability states' module.
        if let Some(container) = model.main_container() {
            let c = model.entity_container(container);
            if let Some(module) = namespace_modules.get(c.name.namespace()) {
                let name = claim(scopes, module, &naming::camel(c.name.name()));
                b.container = Some((container, name));
                let mut caps = module.clone();
                caps.push(
                    children
                        .entry(module.clone())
                        .or_default()
                        .claim("capabilities", Style::Snake),
                );
                b.capabilities_module = Some(caps.clone());
                self.modules.entry(caps.clone()).or_default();
                self.module_docs.insert(
                    caps,
                    format!(
                        " The capability states of the request builders of `{}`: one marker type per distinct set of capabilities of the container's navigation paths.",
                        c.name
                    ),
                );
            }
        }
        for members in b.members_modules.values() {
            self.modules.entry(members.clone()).or_default();
            self.module_docs.insert(
                members.clone(),
                " Member markers of the entity types, one module per type: the types that capability bounds name (`Filterable<message::Subject>`).".to_owned(),
            );
        }
        b
    }
}
