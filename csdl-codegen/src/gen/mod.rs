//! The item generators, one module per kind of output item, and the plan
//! that lists every item to generate under the key that fixes its place in
//! the output.
//!
//! Generation runs in two steps: [`plan`] lists the items from the type
//! space (plain ids, cheap), then [`emit`] builds each item's tokens. Emitting
//! and formatting items are independent of each other, so large models are
//! split over threads (see [`crate::output::format_plan`]); the output does not
//! depend on how.

pub mod capability_states;
pub mod complex;
pub mod docs;
pub mod entity;
pub mod enum_;
pub mod filter_builder;
pub mod polymorphic;
pub mod request;
pub mod structured;
pub mod type_definition;

use std::collections::BTreeMap;

use odata_parser::edm::{
    ComplexTypeId, EntityTypeId, EnumTypeId, OperationId, StructuredTypeId, TypeDefinitionId,
};
use proc_macro2::TokenStream;

use crate::capabilities::CapabilitySpace;
use crate::output::{ItemKey, ItemKind};
use crate::type_space::{ModulePath, TypeSpace};

/// One item to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemSpec {
    /// The enum of an enumeration type.
    Enum(EnumTypeId),
    /// The alias of a type definition.
    TypeDefinition(TypeDefinitionId),
    /// The struct of a complex type.
    Complex(ComplexTypeId),
    /// The struct of an entity type.
    Entity(EntityTypeId),
    /// The polymorphic enum of a base type.
    Polymorphic(StructuredTypeId),
    /// The update struct of an entity type.
    Update(EntityTypeId),
    /// The member accessors of an entity or complex type.
    Fields(StructuredTypeId),
    /// The member markers of an entity type.
    Members(EntityTypeId),
    /// The navigation struct and `EntityType` impl of an entity type.
    Navigation(EntityTypeId),
    /// The parameters struct of an action.
    Parameters(OperationId),
    /// The main entity container's struct.
    Container,
    /// A capability state.
    State(usize),
    /// A listed member set.
    MemberSet(usize),
    /// A function set.
    FunctionSet(usize),
}

/// Every item, by module and key: the order of the output.
pub type Plan = BTreeMap<(ModulePath, ItemKey), ItemSpec>;

/// Lists every item the type space generates.
pub fn plan(space: &TypeSpace<'_>, caps: &CapabilitySpace) -> Plan {
    let model = space.model;
    let mut plan = Plan::new();
    let mut add = |module: &ModulePath, csdl: &str, kind: ItemKind, spec: ItemSpec| {
        plan.insert((module.clone(), ItemKey::new(csdl, kind)), spec);
    };
    for (id, t) in model.enum_types() {
        if let Some(name) = space.enum_name(id) {
            add(
                &name.module,
                t.name.as_str(),
                ItemKind::Type,
                ItemSpec::Enum(id),
            );
        }
    }
    for (id, t) in model.type_definitions() {
        if let Some(name) = space.type_definition_name(id) {
            let spec = ItemSpec::TypeDefinition(id);
            add(&name.module, t.name.as_str(), ItemKind::Type, spec);
        }
    }
    for (id, t) in model.complex_types() {
        if let Some(name) = space.struct_name(id.into()) {
            add(
                &name.module,
                t.name.as_str(),
                ItemKind::Type,
                ItemSpec::Complex(id),
            );
        }
    }
    for (id, t) in model.entity_types() {
        if let Some(name) = space.struct_name(id.into()) {
            add(
                &name.module,
                t.name.as_str(),
                ItemKind::Type,
                ItemSpec::Entity(id),
            );
        }
        if let Some(name) = space.update_name(id) {
            add(
                &name.module,
                t.name.as_str(),
                ItemKind::Update,
                ItemSpec::Update(id),
            );
        }
    }
    for poly in space.polymorphic_enums() {
        let spec = ItemSpec::Polymorphic(poly.base);
        let csdl = space.qualified_name(poly.base);
        add(&poly.name.module, csdl, ItemKind::Polymorphic, spec);
    }
    if let Some(b) = &space.builders {
        plan_builders(space, b, caps, &mut add);
    }
    plan
}

/// The typed-query and request-builder items.
fn plan_builders(
    space: &TypeSpace<'_>,
    b: &crate::builder_names::BuilderNames,
    caps: &CapabilitySpace,
    add: &mut impl FnMut(&ModulePath, &str, ItemKind, ItemSpec),
) {
    let model = space.model;
    for (id, t) in model.complex_types() {
        if let Some(name) = b.fields(id.into()) {
            add(
                &name.module,
                t.name.as_str(),
                ItemKind::Fields,
                ItemSpec::Fields(id.into()),
            );
        }
    }
    for (id, t) in model.entity_types() {
        let csdl = t.name.as_str();
        if let Some(name) = b.fields(id.into()) {
            add(
                &name.module,
                csdl,
                ItemKind::Fields,
                ItemSpec::Fields(id.into()),
            );
        }
        if let Some(name) = b.nav(id) {
            add(
                &name.module,
                csdl,
                ItemKind::Navigation,
                ItemSpec::Navigation(id),
            );
        }
        if let Some(mut module) = b.member_module(space, id) {
            module.pop();
            add(&module, csdl, ItemKind::Members, ItemSpec::Members(id));
        }
    }
    for (id, _) in model.operations() {
        if let Some(name) = b.parameters(id) {
            let key = model.operation_signature(id);
            add(
                &name.module,
                &key,
                ItemKind::Parameters,
                ItemSpec::Parameters(id),
            );
        }
    }
    if let Some((container, name)) = b.container() {
        let csdl = model.entity_container(*container).name.as_str();
        add(&name.module, csdl, ItemKind::Container, ItemSpec::Container);
    }
    if let Some(module) = b.capabilities_module() {
        for (i, s) in caps.states.iter().enumerate() {
            add(module, &s.name, ItemKind::State, ItemSpec::State(i));
        }
        for (i, s) in caps.member_sets.iter().enumerate() {
            add(module, &s.name, ItemKind::State, ItemSpec::MemberSet(i));
        }
        for (i, name) in caps.function_set_names.iter().enumerate() {
            add(module, name, ItemKind::State, ItemSpec::FunctionSet(i));
        }
    }
}

/// The tokens of one item.
pub fn emit(space: &TypeSpace<'_>, caps: &CapabilitySpace, spec: ItemSpec) -> Option<TokenStream> {
    match spec {
        ItemSpec::Enum(id) => enum_::emit(space, id),
        ItemSpec::TypeDefinition(id) => type_definition::emit(space, id),
        ItemSpec::Complex(id) => complex::emit(space, id),
        ItemSpec::Entity(id) => entity::emit(space, id),
        ItemSpec::Polymorphic(base) => polymorphic::emit(space, base),
        ItemSpec::Update(id) => entity::emit_update(space, id),
        ItemSpec::Fields(ty) => filter_builder::emit_fields(space, ty),
        ItemSpec::Members(id) => filter_builder::emit_members(space, caps, id),
        ItemSpec::Navigation(id) => request::emit_navigation(space, id),
        ItemSpec::Parameters(id) => request::emit_parameters(space, id),
        ItemSpec::Container => request::emit_container(space, caps),
        ItemSpec::State(i) => capability_states::emit_state(space, caps, i),
        ItemSpec::MemberSet(i) => capability_states::emit_member_set(space, caps, i),
        ItemSpec::FunctionSet(i) => capability_states::emit_function_set(caps, i),
    }
}
