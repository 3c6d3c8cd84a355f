//! Entity types: one struct each (see [`super::structured`]), and the update
//! struct of writable properties for PATCH bodies.

use odata_parser::edm::{EntityTypeId, MemberId, StructuredTypeId, Target};
use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, structured};
use crate::naming;
use crate::type_space::{Marker, RustType, TypeSpace};

/// The struct of an entity type, if generated.
pub fn emit(space: &TypeSpace<'_>, id: EntityTypeId) -> Option<TokenStream> {
    structured::emit(space, StructuredTypeId::Entity(id))
}

/// `<Entity>Update`: every updatable structural property, all optional and
/// left out when `None`; nullable ones are `Option<Option<T>>` so that
/// `Some(None)` sends `null`.
pub fn emit_update(space: &TypeSpace<'_>, id: EntityTypeId) -> Option<TokenStream> {
    let name = space.update_name(id)?;
    let entity = space.struct_name(StructuredTypeId::Entity(id))?;
    let module = &name.module;
    let p = space.paths(module);
    let ident = naming::ident(&name.name);
    let qualified = space.qualified_name(StructuredTypeId::Entity(id));

    let fields = space
        .fields(StructuredTypeId::Entity(id))
        .into_iter()
        .filter(|f| !f.key)
        .filter(|f| matches!(f.member, MemberId::Property(p) if space.is_updatable(p)));
    let mut writes = Vec::new();
    let field_defs = fields.map(|f| {
        // Collections as in the entity (`Option<Vec<T>>`); single values one
        // `Option` deeper when nullable, so that `Some(None)` sends `null`.
        let (ty, marker) = if f.collection {
            (f.ty.clone(), f.marker.clone())
        } else if f.nullable {
            (
                RustType::Option(Box::new(RustType::Option(Box::new(f.element.ty.clone())))),
                Marker::Option(Box::new(Marker::Option(Box::new(f.element.marker.clone())))),
            )
        } else {
            (
                RustType::Option(Box::new(f.element.ty.clone())),
                Marker::Option(Box::new(f.element.marker.clone())),
            )
        };
        let ty = space.type_tokens(&ty, module);
        let field_ident = naming::ident(&f.ident);
        writes.push(structured::write_call(
            &p,
            &quote!(#field_ident),
            &f.wire,
            &marker,
            true,
        ));
        let own = match f.member {
            MemberId::Property(p) => format!(
                "Property `{}` (`{}`){}.",
                f.wire,
                space.model.type_ref_name(&space.model.property(p).ty),
                if f.nullable && !f.collection {
                    "; `Some(None)` sends `null`"
                } else {
                    ""
                }
            ),
            MemberId::NavigationProperty(_) => format!("Navigation property `{}`.", f.wire),
        };
        let target = match f.member {
            MemberId::Property(p) => Target::Property(p),
            MemberId::NavigationProperty(n) => Target::NavigationProperty(n),
        };
        let doc = docs::doc_attrs(&docs::descriptions(space, target), &[own]);
        quote! {
            #doc
            pub #field_ident: #ty,
        }
    });
    let field_defs: Vec<TokenStream> = field_defs.collect();

    let summary = format!(
        "The updatable properties of [`{}`] (`{qualified}`), for a PATCH body: only the fields that are set are sent.",
        entity.name
    );
    let rules = "Leaves out the key, navigation properties, and properties that are computed \
                 (`Core.Computed`), immutable (`Core.Immutable`) or read-only (`Core.Permissions`)."
        .to_owned();
    let doc = docs::doc_attrs(&[], &[summary, rules]);
    let derives = structured::derives(space);
    let serialize = structured::serialize_impl(&p, &ident, &writes);
    Some(quote! {
        #doc
        #derives
        pub struct #ident {
            #(#field_defs)*
        }

        #serialize
    })
}
