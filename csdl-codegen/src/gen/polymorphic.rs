//! Polymorphic enums: a base type and the types derived from it, one boxed
//! variant per concrete type, chosen when reading by `@odata.type` (a value
//! without it is of the declared type). Types the metadata does not declare
//! are read as the base type into the fallback variant, their own members kept
//! in `additional_properties`.

use odata_parser::edm::StructuredTypeId;
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming;
use crate::type_space::{Paths, TypeSpace};

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

        let mut defs = Vec::new();
        let mut read_arms = Vec::new();
        let mut write_arms = Vec::new();
        let mut name_arms = Vec::new();
        let mut froms = Vec::new();
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
            let none = (*ty == poly.base).then(|| quote!(#option::None |));
            read_arms.push(quote! {
                #none #(#option::Some(#spellings))|* => Self::#v(value.parse::<_, D::Error>()?),
            });
            write_arms.push(
                quote!(Self::#v(value) => #rt::serde::Serialize::serialize(&**value, serializer),),
            );
            name_arms.push(quote!(Self::#v(_) => #qualified,));
            froms.push(quote! {
                impl ::std::convert::From<#path> for #ident {
                    fn from(value: #path) -> Self {
                        Self::#v(#boxed::new(value))
                    }
                }
            });
        }
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
        let extra = &space.derives;
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
            }

            #(#froms)*

            impl #rt::serde::Serialize for #ident {
                fn serialize<S: #rt::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> #result<S::Ok, S::Error> {
                    match self {
                        #(#write_arms)*
                        Self::#unknown(value) => #rt::serde::Serialize::serialize(&**value, serializer),
                    }
                }
            }

            impl<'de> #rt::serde::Deserialize<'de> for #ident {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> #result<Self, D::Error> {
                    let value = <#rt::Polymorphic as #rt::serde::Deserialize>::deserialize(deserializer)?;
                    #result::Ok(match value.type_name() {
                        #(#read_arms)*
                        _ => Self::#unknown(value.parse::<_, D::Error>()?),
                    })
                }
            }
        })
    }
}
