//! The fields of generated structs: members in inheritance order, their Rust
//! names and types, and which ones are boxed to break recursion.

use std::collections::{HashMap, HashSet};

use odata_parser::edm::{
    AbstractType, MemberId, PrimitiveType, PropertyId, StructuredTypeId, TypeKind, TypeRef,
};

use crate::config::Config;
use crate::naming::{self, NameSet, Style};
use crate::type_space::{Element, Field, Marker, RustType, TypeSpace};

impl<'m> TypeSpace<'m> {
    /// Every member of `ty` with its element type, base types first and, per
    /// type, structural properties (`Edm.Stream` ones left out) then navigation
    /// properties. Because base members come first, a field has the same name
    /// in every struct that inherits it.
    fn members(&self, ty: StructuredTypeId) -> Vec<(MemberId, &'m str, Element, TypeRef)> {
        let model = self.model;
        let mut chain: Vec<StructuredTypeId> = model.type_chain(ty).collect();
        chain.reverse();
        let mut out = Vec::new();
        for t in chain {
            for (id, p) in model.declared_properties(t) {
                if p.ty.kind == TypeKind::Primitive(PrimitiveType::Stream) {
                    continue;
                }
                out.push((
                    MemberId::Property(id),
                    &*p.name,
                    self.element(&p.ty.kind),
                    p.ty.clone(),
                ));
            }
            for (id, n) in model.declared_navigation_properties(t) {
                let element = match n.target {
                    Some(target) => self.structured_element(StructuredTypeId::Entity(target)),
                    None => Self::plain(self.json_value(), Marker::Same),
                };
                let ty = TypeRef {
                    kind: match n.target {
                        Some(t) => TypeKind::Entity(t),
                        None => TypeKind::Abstract(AbstractType::EntityType),
                    },
                    collection: n.collection,
                    nullable: n.nullable,
                    facets: odata_parser::edm::Facets::default(),
                };
                out.push((MemberId::NavigationProperty(id), &*n.name, element, ty));
            }
        }
        out
    }

    /// The declaring type of a member.
    fn declaring_type(&self, member: MemberId) -> StructuredTypeId {
        match member {
            MemberId::Property(id) => self.model.property(id).declaring_type,
            MemberId::NavigationProperty(id) => self.model.navigation_property(id).declaring_type,
        }
    }

    /// The fields of the struct of `ty`, in order: the base types' members
    /// first, then the type's own (see `members`).
    pub fn fields(&self, ty: StructuredTypeId) -> Vec<Field> {
        let keys: HashSet<PropertyId> = match ty {
            StructuredTypeId::Entity(id) => self.model.key(id).iter().map(|k| k.property).collect(),
            StructuredTypeId::Complex(_) => HashSet::new(),
        };
        let mut names = NameSet::with_reserved(RESERVED_FIELDS);
        let mut fields = Vec::new();
        for (member, wire, element, type_ref) in self.members(ty) {
            let rename_key = format!(
                "{}/{wire}",
                self.qualified_name(self.declaring_type(member))
            );
            let candidate = self
                .renames
                .get(&rename_key)
                .cloned()
                .unwrap_or_else(|| naming::snake(wire));
            let ident = names.claim(&candidate, Style::Snake);
            let key = matches!(member, MemberId::Property(p) if keys.contains(&p))
                && !type_ref.collection;
            let boxed = self.boxed.contains(&(ty, member));
            let (field_ty, marker) = wrap_field(&element, &type_ref, key, boxed, self.config);
            fields.push(Field {
                ident,
                wire: wire.to_owned(),
                member,
                element,
                ty: field_ty,
                marker,
                key,
                collection: type_ref.collection,
                nullable: type_ref.nullable,
            });
        }
        fields
    }

    /// The single-valued members held inline whose type leads back to the
    /// owning struct: they are boxed. Strongly connected components (Tarjan)
    /// over the "holds inline" edges of all generated structs.
    pub(crate) fn find_boxed_fields(&self) -> HashSet<(StructuredTypeId, MemberId)> {
        let model = self.model;
        let nodes: Vec<StructuredTypeId> = model
            .complex_types()
            .map(|(id, _)| StructuredTypeId::Complex(id))
            .chain(
                model
                    .entity_types()
                    .map(|(id, _)| StructuredTypeId::Entity(id)),
            )
            .filter(|t| self.struct_name(*t).is_some())
            .collect();
        let index: HashMap<StructuredTypeId, usize> =
            nodes.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        let mut edges: Vec<Vec<(usize, MemberId)>> = vec![Vec::new(); nodes.len()];
        for (i, t) in nodes.iter().enumerate() {
            for (member, _, element, type_ref) in self.members(*t) {
                if type_ref.collection {
                    continue;
                }
                if let Some(target) = element.inline_struct.and_then(|s| index.get(&s)) {
                    edges[i].push((*target, member));
                }
            }
        }
        let component = crate::cycles::strongly_connected_components(&edges);
        let mut boxed = HashSet::new();
        for (i, out) in edges.iter().enumerate() {
            for (j, member) in out {
                if component[i] == component[*j] {
                    boxed.insert((nodes[i], *member));
                }
            }
        }
        boxed
    }
}

/// Field names every struct reserves for control information and undeclared members.
pub const RESERVED_FIELDS: &[&str] = &[
    "odata_type",
    "odata_id",
    "odata_etag",
    "additional_properties",
];

/// A field's full type and encoding from its element: keys as is, collections
/// `Option<Vec<T>>` (null items dropped, or `Vec<Option<T>>` when configured
/// and allowed), everything else `Option<T>` (boxed when recursive).
fn wrap_field(
    element: &Element,
    type_ref: &TypeRef,
    key: bool,
    boxed: bool,
    config: &Config,
) -> (RustType, Marker) {
    let ty = element.ty.clone();
    let marker = element.marker.clone();
    if type_ref.collection {
        let (items, marker) = if config.nullable_collection_items && type_ref.nullable {
            (
                RustType::Vec(Box::new(RustType::Option(Box::new(ty)))),
                Marker::Vec(Box::new(Marker::Option(Box::new(marker)))),
            )
        } else {
            (
                RustType::Vec(Box::new(ty)),
                Marker::SkipNulls(Box::new(marker)),
            )
        };
        return (
            RustType::Option(Box::new(items)),
            Marker::Option(Box::new(marker)),
        );
    }
    let ty = if boxed {
        RustType::Box(Box::new(ty))
    } else {
        ty
    };
    if key {
        (ty, marker)
    } else {
        (
            RustType::Option(Box::new(ty)),
            Marker::Option(Box::new(marker)),
        )
    }
}
