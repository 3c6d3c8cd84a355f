//! The item generators, one module per kind of output item, and the plan
//! that lists every item to generate under the key that fixes its place in
//! the output.
//!
//! Generation runs in two steps: [`plan`] lists the items from the type
//! space (plain ids, cheap), then [`emit`] builds each item's tokens. Emitting
//! and formatting items are independent of each other, so large models are
//! split over threads (see [`crate::output::format_plan`]); the output does not
//! depend on how.

pub mod complex;
pub mod docs;
pub mod entity;
pub mod enum_;
pub mod polymorphic;
pub mod structured;
pub mod type_definition;

use std::collections::BTreeMap;

use odata_parser::edm::{
    ComplexTypeId, EntityTypeId, EnumTypeId, StructuredTypeId, TypeDefinitionId,
};
use proc_macro2::TokenStream;

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
}

/// Every item, by module and key: the order of the output.
pub type Plan = BTreeMap<(ModulePath, ItemKey), ItemSpec>;

/// Lists every item the type space generates.
pub fn plan(space: &TypeSpace<'_>) -> Plan {
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
    plan
}

/// The tokens of one item.
pub fn emit(space: &TypeSpace<'_>, spec: ItemSpec) -> Option<TokenStream> {
    match spec {
        ItemSpec::Enum(id) => enum_::emit(space, id),
        ItemSpec::TypeDefinition(id) => type_definition::emit(space, id),
        ItemSpec::Complex(id) => complex::emit(space, id),
        ItemSpec::Entity(id) => entity::emit(space, id),
        ItemSpec::Polymorphic(base) => polymorphic::emit(space, base),
        ItemSpec::Update(id) => entity::emit_update(space, id),
    }
}
