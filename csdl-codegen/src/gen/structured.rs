//! Structs of entity and complex types: fields, control information, the
//! undeclared-members map, and the `Structured`/`Deserialize` impls.

use odata_parser::edm::{MemberId, StructuredTypeId, Target};
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::naming;
use crate::type_space::{Field, Marker, Paths, TypeSpace};

/// `#[serde(...)]` of a serialized field: its wire name, skipping when unset,
/// and the wire encoding when it differs from the type's own.
pub fn serde_field_attr(
    p: &Paths,
    ident: &str,
    wire: &str,
    marker: &Marker,
    skip_none: bool,
) -> TokenStream {
    let mut args = Vec::new();
    // serde names a field by its identifier without `r#`; `self_` needs a rename.
    if naming::ident(ident).to_string().trim_start_matches("r#") != wire {
        args.push(quote!(rename = #wire));
    }
    if skip_none {
        let skip = format!("{}::is_none", p.option_text);
        args.push(quote!(skip_serializing_if = #skip));
    }
    if marker.affects_serialize() {
        let with = format!("{}::wire::As::<{}>::serialize", p.rt_text, marker.text(p));
        args.push(quote!(serialize_with = #with));
    }
    if args.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#args),*)])
    }
}

/// The derives every generated struct has, then the configured ones.
pub fn derives(space: &TypeSpace<'_>, p: &Paths, serialize: bool) -> TokenStream {
    let rt = &p.rt;
    let extra = space.extra_derives(&["Debug", "Clone", "PartialEq", "Default", "Serialize"]);
    let serialize = serialize.then(|| quote!(#rt::serde::Serialize,));
    quote!(#[derive(Debug, Clone, PartialEq, Default, #serialize #(#extra),*)])
}

/// `#[serde(crate = "…")]`, pointing serde's derive at the runtime's re-export.
pub fn serde_crate(p: &Paths) -> TokenStream {
    let path = format!("{}::serde", p.rt_text);
    quote!(#[serde(crate = #path)])
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

    // Control information.
    let skip = format!("{}::is_none", p.option_text);
    let type_attr = if is_derived {
        let with = format!("{}::serialize_odata_type::<{}, _>", p.rt_text, name.name);
        quote!(#[serde(rename = "@odata.type", serialize_with = #with)])
    } else {
        quote!(#[serde(rename = "@odata.type", skip_serializing_if = #skip)])
    };
    let type_doc = if is_derived {
        " `@odata.type`: the instance's type as the payload names it; when unset, this type's name is written."
    } else {
        " `@odata.type`: the instance's type as the payload names it."
    };
    let mut control = vec![quote! {
        #[doc = #type_doc]
        #type_attr
        pub odata_type: #option<#string>,
    }];
    let mut control_arms =
        vec![quote!("@odata.type" | "@type" => self.odata_type = map.next_value()?,)];
    if is_entity {
        control.push(quote! {
            #[doc = " `@odata.id`: the entity id, a URL that identifies it."]
            #[serde(rename = "@odata.id", skip_serializing_if = #skip)]
            pub odata_id: #option<#string>,
            #[doc = " `@odata.etag`: the entity tag, for `If-Match` on updates."]
            #[serde(rename = "@odata.etag", skip_serializing_if = #skip)]
            pub odata_etag: #option<#string>,
        });
        control_arms.push(quote!("@odata.id" | "@id" => self.odata_id = map.next_value()?,));
        control_arms.push(quote!("@odata.etag" | "@etag" => self.odata_etag = map.next_value()?,));
    }

    let field_defs = fields.iter().map(|f| {
        let doc = docs::doc_attrs(
            &docs::descriptions(space, member_target(f.member)),
            &[member_line(space, f)],
        );
        let field_ident = naming::ident(&f.ident);
        let field_ty = space.type_tokens(&f.ty, module);
        let attr = serde_field_attr(&p, &f.ident, &f.wire, &f.marker, !f.key);
        quote! {
            #doc
            #attr
            pub #field_ident: #field_ty,
        }
    });
    let arms = fields.iter().map(|f| {
        let wire = &f.wire;
        let field_ident = naming::ident(&f.ident);
        let collection_of_same =
            Marker::Option(Box::new(Marker::SkipNulls(Box::new(Marker::Same))));
        let reader = if f.marker == collection_of_same {
            quote!(#rt::next_collection(map)?)
        } else if f.marker.affects_deserialize() {
            let marker = f.marker.tokens(&p);
            quote!(map.next_value::<#rt::wire::Wire<_, #marker>>()?.0)
        } else {
            quote!(map.next_value()?)
        };
        quote!(#wire => self.#field_ident = #reader,)
    });

    let derives = derives(space, &p, true);
    let serde_crate = serde_crate(&p);
    Some(quote! {
        #doc
        #derives
        #serde_crate
        pub struct #ident {
            #(#control)*
            #(#field_defs)*
            #[doc = " Members the metadata does not declare: dynamic properties, instance annotations"]
            #[doc = " such as `Prop@odata.nextLink`, and properties the service added later. Written back as read."]
            #[serde(flatten)]
            pub additional_properties: #rt::JsonMap,
        }

        impl #rt::Structured for #ident {
            const QUALIFIED_NAME: &'static str = #qualified;

            fn read_member<'de, A: #rt::serde::de::MapAccess<'de>>(
                &mut self,
                name: &str,
                map: &mut A,
            ) -> #result<bool, A::Error> {
                match name {
                    #(#control_arms)*
                    #(#arms)*
                    _ => return #result::Ok(false),
                }
                #result::Ok(true)
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
