//! Type definitions: an alias of the underlying primitive's Rust type, so
//! values convert freely and the wire encoding is the underlying type's.

use odata_parser::edm::{Target, TypeDefinitionId};
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::naming;
use crate::type_space::{RustType, TypeSpace};

/// The alias of a type definition, if generated.
pub fn emit(space: &TypeSpace<'_>, id: TypeDefinitionId) -> Option<TokenStream> {
    let t = space.model.type_definition(id);
    let name = space.type_definition_name(id)?;
    {
        let underlying = space.primitive(t.underlying_type);
        let ty = space.type_tokens(&underlying.ty, &name.module);
        let ident = naming::ident(&name.name);
        let line = format!(
            "Type definition `{}` (underlying type `{}`).",
            t.name, t.underlying_type
        );
        let doc = docs::doc_attrs(
            &docs::descriptions(space, Target::TypeDefinition(id)),
            &[line],
        );
        debug_assert!(!matches!(underlying.ty, RustType::Named(_)));
        Some(quote! {
            #doc
            pub type #ident = #ty;
        })
    }
}
