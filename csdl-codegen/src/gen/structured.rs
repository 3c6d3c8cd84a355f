//! Structs of entity and complex types: fields, control information, the
//! undeclared-members map, and the `Structured`/`Deserialize` impls.

use odata_parser::edm::{MemberId, StructuredTypeId, Target};
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::naming;
use crate::type_space::{Field, Marker, Paths, TypeSpace};

/// The `MemberWriter` call that writes one field: `member`/`optional`, with
/// the wire encoding when it differs from the type's own.
pub fn write_call(
    p: &Paths,
    field: &TokenStream,
    wire: &str,
    marker: &Marker,
    optional: bool,
) -> TokenStream {
    let inner = match (optional, marker) {
        (true, Marker::Option(inner)) => inner.as_ref(),
        _ => marker,
    };
    let encoded = marker.affects_serialize().then(|| inner.tokens(p));
    match (optional, encoded) {
        (true, Some(m)) => quote!(w.optional_as::<#m, _>(#wire, &self.#field);),
        (true, None) => quote!(w.optional(#wire, &self.#field);),
        (false, Some(m)) => quote!(w.member_as::<#m, _>(#wire, &self.#field);),
        (false, None) => quote!(w.member(#wire, &self.#field);),
    }
}

/// The `Serialize` impl of a generated struct: a `MemberWriter` call per member.
pub fn serialize_impl(
    p: &Paths,
    ident: &proc_macro2::Ident,
    writes: &[TokenStream],
) -> TokenStream {
    let Paths { rt, result, .. } = p;
    quote! {
        impl #rt::serde::Serialize for #ident {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                let mut w = #rt::MemberWriter::new(serializer)?;
                #(#writes)*
                w.end()
            }
        }
    }
}

/// The derives every generated struct has, then the configured ones.
pub fn derives(space: &TypeSpace<'_>) -> TokenStream {
    let extra = space.extra_derives(&["Debug", "Clone", "PartialEq", "Default"]);
    quote!(#[derive(Debug, Clone, PartialEq, Default, #(#extra),*)])
}

/// The doc line that names a member's CSDL element.
fn member_line(space: &TypeSpace<'_>, field: &Field) -> String {
    let model = space.model;
    match field.member {
        MemberId::Property(id) => {
            let p = model.property(id);
            let kind = if field.key {
                "Key property"
            } else {
                "Property"
            };
            format!("{kind} `{}` (`{}`).", p.name, model.type_ref_name(&p.ty))
        }
        MemberId::NavigationProperty(id) => {
            let n = model.navigation_property(id);
            let target = n.target.map_or_else(
                || "Edm.EntityType".to_owned(),
                |t| model.entity_type(t).name.to_string(),
            );
            let ty = if n.collection {
                format!("Collection({target})")
            } else {
                target
            };
            let contained = if n.contains_target { ", contained" } else { "" };
            format!(
                "Navigation property `{}` (`{ty}`{contained}): present when expanded.",
                n.name
            )
        }
    }
}

fn member_target(member: MemberId) -> Target {
    match member {
        MemberId::Property(id) => Target::Property(id),
        MemberId::NavigationProperty(id) => Target::NavigationProperty(id),
    }
}

fn type_target(ty: StructuredTypeId) -> Target {
    match ty {
        StructuredTypeId::Entity(id) => Target::EntityType(id),
        StructuredTypeId::Complex(id) => Target::ComplexType(id),
    }
}

/// The summary line of a struct: kind, qualified name, base type, traits.
fn type_line(space: &TypeSpace<'_>, ty: StructuredTypeId) -> String {
    let model = space.model;
    let (kind, is_open) = match ty {
        StructuredTypeId::Entity(id) => ("Entity type", model.entity_type(id).is_open),
        StructuredTypeId::Complex(id) => ("Complex type", model.complex_type(id).is_open),
    };
    let mut traits = Vec::new();
    if let Some(base) = model.base_type(ty) {
        traits.push(format!("derived from `{}`", space.qualified_name(base)));
    }
    if space.is_abstract(ty) {
        traits.push("abstract".to_owned());
    }
    if is_open {
        traits.push("open: dynamic properties are in `additional_properties`".to_owned());
    }
    if let StructuredTypeId::Entity(id) = ty
        && model.entity_type(id).has_stream
    {
        traits.push("media entity: its stream is read and written through `$value`".to_owned());
    }
    let traits = if traits.is_empty() {
        String::new()
    } else {
        format!(" ({})", traits.join("; "))
    };
    format!("{kind} `{}`{traits}.", space.qualified_name(ty))
}

/// The struct of an entity or complex type with its impls.
pub fn emit(space: &TypeSpace<'_>, ty: StructuredTypeId) -> Option<TokenStream> {
    let name = space.struct_name(ty)?;
    let module = &name.module;
    let p = space.paths(module);
    let Paths {
        rt,
        option,
        string,
        result,
        ..
    } = &p;
    let ident = naming::ident(&name.name);
    let qualified = space.qualified_name(ty);
    let is_entity = matches!(ty, StructuredTypeId::Entity(_));
    let is_derived = space.model.base_type(ty).is_some();
    let fields = space.fields(ty);

    let doc = docs::doc_attrs(
        &docs::descriptions(space, type_target(ty)),
        &[type_line(space, ty)],
    );

    // Control information, then the members; each with its wire names.
    let type_doc = if is_derived {
        " `@odata.type`: the instance's type as the payload names it; when unset, this type's name is written."
    } else {
        " `@odata.type`: the instance's type as the payload names it."
    };
    let mut control = vec![quote! {
        #[doc = #type_doc]
        pub odata_type: #option<#string>,
    }];
    let odata_type = quote!(odata_type);
    let mut members: Vec<(Vec<&str>, TokenStream, TokenStream)> = vec![(
        vec!["@odata.type", "@type"],
        quote!(#rt::read(map, &mut self.odata_type)),
        quote!(w.odata_type::<Self>(&self.#odata_type, name_type);),
    )];
    if is_entity {
        control.push(quote! {
            #[doc = " `@odata.id`: the entity id, a URL that identifies it."]
            pub odata_id: #option<#string>,
            #[doc = " `@odata.etag`: the entity tag, for `If-Match` on updates."]
            pub odata_etag: #option<#string>,
        });
        members.push((
            vec!["@odata.id", "@id"],
            quote!(#rt::read(map, &mut self.odata_id)),
            quote!(w.optional("@odata.id", &self.odata_id);),
        ));
        members.push((
            vec!["@odata.etag", "@etag"],
            quote!(#rt::read(map, &mut self.odata_etag)),
            quote!(w.optional("@odata.etag", &self.odata_etag);),
        ));
    }

    let field_defs = fields.iter().map(|f| {
        let doc = docs::doc_attrs(
            &docs::descriptions(space, member_target(f.member)),
            &[member_line(space, f)],
        );
        let field_ident = naming::ident(&f.ident);
        let field_ty = space.type_tokens(&f.ty, module);
        quote! {
            #doc
            pub #field_ident: #field_ty,
        }
    });
    let collection_of_same = Marker::Option(Box::new(Marker::SkipNulls(Box::new(Marker::Same))));
    for f in &fields {
        let field_ident = naming::ident(&f.ident);
        let reader = if f.marker == collection_of_same {
            quote!(#rt::read_collection(map, &mut self.#field_ident))
        } else if f.marker.affects_deserialize() {
            let marker = f.marker.tokens(&p);
            quote!(#rt::read_as::<#marker, _, _>(map, &mut self.#field_ident))
        } else {
            quote!(#rt::read(map, &mut self.#field_ident))
        };
        let writer = if f.key && matches!(f.ty, crate::type_space::RustType::String) {
            let wire = &f.wire;
            quote!(w.key_text(#wire, &self.#field_ident);)
        } else {
            write_call(&p, &quote!(#field_ident), &f.wire, &f.marker, !f.key)
        };
        members.push((vec![f.wire.as_str()], reader, writer));
    }

    // The member table, sorted for binary search; each name's index selects its reader.
    let mut table: Vec<(&str, usize)> = members
        .iter()
        .enumerate()
        .flat_map(|(i, (names, _, _))| names.iter().map(move |n| (*n, i)))
        .collect();
    table.sort_unstable();
    let names = table.iter().map(|(n, _)| *n);
    let read_arms = members.iter().enumerate().map(|(i, (_, reader, _))| {
        let indices = table
            .iter()
            .enumerate()
            .filter(|(_, (_, m))| *m == i)
            .map(|(position, _)| proc_macro2::Literal::usize_unsuffixed(position));
        if i + 1 == members.len() {
            quote!(_ => #reader,)
        } else {
            quote!(#(#indices)|* => #reader,)
        }
    });
    // A type with no member but `@odata.type` has a single reader.
    let read_body = match members.as_slice() {
        [(_, reader, _)] => quote! {
            let _ = index;
            #reader
        },
        _ => quote! {
            match index {
                #(#read_arms)*
            }
        },
    };
    let writes: Vec<TokenStream> = members
        .iter()
        .map(|(_, _, writer)| writer.clone())
        .chain(std::iter::once(
            quote!(w.additional(&self.additional_properties);),
        ))
        .collect();
    let serialize = quote! {
        impl #rt::WriteStructured for #ident {
            fn write_structured<S: #rt::serde::Serializer>(&self, serializer: S, name_type: bool) -> #result<S::Ok, S::Error> {
                let mut w = #rt::MemberWriter::new(serializer)?;
                #(#writes)*
                w.end()
            }
        }

        impl #rt::serde::Serialize for #ident {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                #rt::WriteStructured::write_structured(self, serializer, #is_derived)
            }
        }
    };
    let derives = derives(space);
    Some(quote! {
        #doc
        #derives
        pub struct #ident {
            #(#control)*
            #(#field_defs)*
            #[doc = " Members the metadata does not declare: dynamic properties, instance annotations"]
            #[doc = " such as `Prop@odata.nextLink`, and properties the service added later. Written back as read."]
            pub additional_properties: #rt::JsonMap,
        }

        #serialize

        impl #rt::Structured for #ident {
            const QUALIFIED_NAME: &'static str = #qualified;

            const MEMBERS: &'static [&'static str] = &[#(#names),*];

            fn read_member<'de, A: #rt::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> #result<(), A::Error> {
                #read_body
            }

            fn additional_properties_mut(&mut self) -> &mut #rt::JsonMap {
                &mut self.additional_properties
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> #result<Self, D::Error> {
                #rt::deserialize_structured(deserializer)
            }
        }
    })
}
