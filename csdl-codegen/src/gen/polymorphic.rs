//! Polymorphic enums: a base type and the types derived from it, one boxed
//! variant per concrete type, chosen when reading by `@odata.type` (a value
//! without it is of the declared type). Types the metadata does not declare
//! are read as the base type into the fallback variant, their own members kept
//! in `additional_properties`.

use odata_parser::edm::StructuredTypeId;
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::{self, NameSet, Style};
use crate::type_space::{Paths, RustType, TypeSpace};

/// The polymorphic enum of a base type, if it has one.
pub fn emit(space: &TypeSpace<'_>, base: StructuredTypeId) -> Option<TokenStream> {
    let poly = space.polymorphic(base)?;
    let base_name = space.struct_name(poly.base)?;
    {
        let module = &poly.name.module;
        let p = space.paths(module);
        let Paths {
            rt,
            option,
            boxed,
            result,
            ..
        } = &p;
        let ident = naming::ident(&poly.name.name);
        let base_qualified = space.qualified_name(poly.base);
        let base_ty = space.path_to(module, base_name);
        let unknown = naming::ident(&poly.unknown);
        let base_abstract = space.is_abstract(poly.base);

        // An abstract base has no variant of its own to name or not.
        let name_type = if base_abstract {
            quote!(_name_type)
        } else {
            quote!(name_type)
        };
        let mut defs = Vec::new();
        let mut read_arms = Vec::new();
        let mut write_arms = Vec::new();
        let mut name_arms = Vec::new();
        let mut froms = Vec::new();
        // (type name as `@odata.type` may spell it, variant position); the
        // variant read when the value has no `@odata.type` (the base type).
        let mut spelled: Vec<(String, usize)> = Vec::new();
        let mut untagged = None;
        for (variant, ty) in &poly.variants {
            let Some(name) = space.struct_name(*ty) else {
                continue;
            };
            let v = naming::ident(variant);
            let path = space.path_to(module, name);
            let qualified = space.qualified_name(*ty);
            let doc = format!(" `{qualified}`.");
            defs.push(quote! {
                #[doc = #doc]
                #v(#boxed<#path>),
            });
            let mut spellings = vec![qualified.to_owned()];
            spellings.extend(space.alias_names(*ty));
            let position = read_arms.len();
            spelled.extend(spellings.into_iter().map(|s| (s, position)));
            if *ty == poly.base {
                untagged = Some(quote!(value.read().map(Self::#v)));
            }
            read_arms.push(quote!(value.read().map(Self::#v)));
            // The declared type itself need not be named; derived types are.
            write_arms.push(if *ty == poly.base {
                quote!(Self::#v(value) => #rt::WriteStructured::write_structured(&**value, serializer, name_type),)
            } else {
                quote!(Self::#v(value) => #rt::serde::Serialize::serialize(&**value, serializer),)
            });
            name_arms.push(quote!(Self::#v(_) => #qualified,));
            froms.push(quote! {
                impl ::std::convert::From<#path> for #ident {
                    fn from(value: #path) -> Self {
                        Self::#v(#boxed::new(value))
                    }
                }
            });
        }
        spelled.sort();
        let type_names = spelled.iter().map(|(s, _)| s.as_str());
        let read_arms = read_arms.iter().enumerate().map(|(position, reader)| {
            let indices = spelled
                .iter()
                .enumerate()
                .filter(|(_, (_, p))| *p == position)
                .map(|(i, _)| proc_macro2::Literal::usize_unsuffixed(i));
            quote!(#option::Some(#(#indices)|*) => #reader,)
        });
        let untagged =
            untagged.map(|reader| quote!(#option::None if value.type_name().is_none() => #reader,));
        let read = if spelled.is_empty() {
            quote!(value.read().map(Self::#unknown))
        } else {
            quote! {
                match value.type_index(&[#(#type_names),*]) {
                    #(#read_arms)*
                    #untagged
                    _ => value.read().map(Self::#unknown),
                }
            }
        };
        let variant_idents: Vec<_> = poly
            .variants
            .iter()
            .map(|(v, _)| naming::ident(v))
            .chain(std::iter::once(unknown.clone()))
            .collect();
        let accessors = accessors(space, poly.base, &variant_idents, &p);
        let unknown_doc = if base_abstract {
            format!(
                " A type the metadata does not declare, or a value without `@odata.type`, read as `{base_qualified}`; its other members are in `additional_properties`."
            )
        } else {
            format!(
                " A type the metadata does not declare, read as `{base_qualified}`; its other members are in `additional_properties`."
            )
        };
        let doc = format!(
            " `{base_qualified}` or a type derived from it, chosen by `@odata.type` when reading."
        );
        let extra = space.extra_derives(&["Debug", "Clone", "PartialEq"]);
        Some(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, #(#extra),*)]
            pub enum #ident {
                #(#defs)*
                #[doc = #unknown_doc]
                #unknown(#boxed<#base_ty>),
            }

            impl #ident {
                /// The qualified name of the value's type (for the fallback, the `@odata.type` it was read with, if any).
                pub fn type_name(&self) -> &str {
                    match self {
                        #(#name_arms)*
                        Self::#unknown(value) => value
                            .odata_type
                            .as_deref()
                            .map_or(#base_qualified, |t| t.trim_start_matches('#')),
                    }
                }

                #(#accessors)*
            }

            #(#froms)*

            impl #rt::WriteStructured for #ident {
                fn write_structured<S: #rt::serde::Serializer>(
                    &self,
                    serializer: S,
                    #name_type: bool,
                ) -> #result<S::Ok, S::Error> {
                    match self {
                        #(#write_arms)*
                        Self::#unknown(value) => #rt::serde::Serialize::serialize(&**value, serializer),
                    }
                }
            }

            impl #rt::serde::Serialize for #ident {
                fn serialize<S: #rt::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> #result<S::Ok, S::Error> {
                    #rt::WriteStructured::write_structured(self, serializer, false)
                }
            }

            impl<'de> #rt::serde::Deserialize<'de> for #ident {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> #result<Self, D::Error> {
                    let value = <#rt::Polymorphic as #rt::serde::Deserialize>::deserialize(deserializer)?;
                    let read = #read;
                    read.map_err(<D::Error as #rt::serde::de::Error>::custom)
                }
            }
        })
    }
}

/// One method per member of the base type (and its control information),
/// returning the member of whichever type the value has.
fn accessors(
    space: &TypeSpace<'_>,
    base: StructuredTypeId,
    variants: &[proc_macro2::Ident],
    p: &Paths,
) -> Vec<TokenStream> {
    let Some(base_name) = space.struct_name(base) else {
        return Vec::new();
    };
    let module = &base_name.module;
    let option = &p.option;
    let rt = &p.rt;
    let mut out = Vec::new();
    let mut accessor = |name: &str, doc: String, ret: TokenStream, expr: TokenStream| {
        let method = naming::ident(name);
        out.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #ret {
                match self {
                    #(Self::#variants(value) => #expr,)*
                }
            }
        });
    };
    accessor(
        "odata_type",
        " `@odata.type` as read or set.".to_owned(),
        quote!(#option<&str>),
        quote!(value.odata_type.as_deref()),
    );
    if matches!(base, StructuredTypeId::Entity(_)) {
        accessor(
            "odata_id",
            " `@odata.id`: the entity id.".to_owned(),
            quote!(#option<&str>),
            quote!(value.odata_id.as_deref()),
        );
        accessor(
            "odata_etag",
            " `@odata.etag`: the entity tag.".to_owned(),
            quote!(#option<&str>),
            quote!(value.odata_etag.as_deref()),
        );
    }
    accessor(
        "additional_properties",
        " The members the metadata does not declare.".to_owned(),
        quote!(&#rt::JsonMap),
        quote!(&value.additional_properties),
    );
    // Method names that would hide a method of a trait the enum implements
    // (`AnyMessage::from(message)` must stay `From::from`) get a suffix.
    let mut methods = NameSet::with_reserved(SHADOWING_METHODS);
    for field in space.fields(base) {
        let method = if methods.is_free(&field.ident) {
            methods.claim(&field.ident, Style::Snake)
        } else {
            methods.claim(&format!("{}_member", field.ident), Style::Snake)
        };
        let f = naming::ident(&field.ident);
        let doc = format!(
            " The `{}` member, whichever type the value has.",
            field.wire
        );
        let (ret, expr) = match &field.ty {
            RustType::Option(inner) => match &**inner {
                RustType::Vec(item) => {
                    let item = space.type_tokens(item, module);
                    (quote!(#option<&[#item]>), quote!(value.#f.as_deref()))
                }
                RustType::Box(item) => {
                    let item = space.type_tokens(item, module);
                    (quote!(#option<&#item>), quote!(value.#f.as_deref()))
                }
                RustType::String => (quote!(#option<&str>), quote!(value.#f.as_deref())),
                other => {
                    let other = space.type_tokens(other, module);
                    (quote!(#option<&#other>), quote!(value.#f.as_ref()))
                }
            },
            RustType::String => (quote!(&str), quote!(&value.#f)),
            other => {
                let other = space.type_tokens(other, module);
                (quote!(&#other), quote!(&value.#f))
            }
        };
        accessor(&method, doc, ret, expr);
    }
    out
}

/// Names an accessor must not take: the enum's own methods and those of the
/// traits it implements (inherent methods win over trait methods in calls).
const SHADOWING_METHODS: &[&str] = &[
    "type_name",
    "odata_type",
    "odata_id",
    "odata_etag",
    "additional_properties",
    "from",
    "into",
    "try_from",
    "try_into",
    "clone",
    "clone_from",
    "clone_into",
    "eq",
    "ne",
    "fmt",
    "serialize",
    "deserialize",
    "to_owned",
    "to_string",
    "type_id",
    "borrow",
    "borrow_mut",
    "default",
    "hash",
];
