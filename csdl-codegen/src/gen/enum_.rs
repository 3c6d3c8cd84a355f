//! Enumeration types: a Rust enum with one unit variant per member and a
//! fallback variant holding values the metadata does not list. Flags
//! enumerations use the same enum inside the runtime's `FlagSet`.

use odata_parser::edm::{EnumTypeId, Target};
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::naming::{self, NameSet, Style};
use crate::type_space::{Paths, TypeSpace};

/// The enum of an enumeration type, if generated.
pub fn emit(space: &TypeSpace<'_>, id: EnumTypeId) -> Option<TokenStream> {
    let t = space.model.enum_type(id);
    let name = space.enum_name(id)?;
    {
        let p = space.paths(&name.module);
        let Paths {
            rt,
            option,
            string,
            result,
            ..
        } = &p;
        let ident = naming::ident(&name.name);
        let qualified = t.name.as_str();

        let mut variant_names = NameSet::default();
        let variants: Vec<String> = t
            .members
            .iter()
            .map(|m| variant_names.claim(&naming::camel(&m.name), Style::Camel))
            .collect();
        let unknown = naming::ident(&variant_names.claim("UnknownValue", Style::Camel));
        let variant_idents: Vec<_> = variants.iter().map(|v| naming::ident(v)).collect();

        let variant_defs = t.members.iter().enumerate().map(|(i, m)| {
            let line = format!("Member `{}` (value {}).", m.name, m.value);
            let doc = docs::doc_attrs(
                &docs::descriptions(
                    space,
                    Target::EnumMember(id, u32::try_from(i).unwrap_or(u32::MAX)),
                ),
                &[line],
            );
            let v = &variant_idents[i];
            let default = (i == 0).then(|| quote!(#[default]));
            quote!(#doc #default #v,)
        });
        let names = t.members.iter().map(|m| &*m.name);
        let values = t.members.iter().map(|m| m.value);
        let indices: Vec<proc_macro2::Literal> = (0..t.members.len())
            .map(proc_macro2::Literal::usize_unsuffixed)
            .collect();
        let values = values.map(proc_macro2::Literal::i64_unsuffixed);

        let flags = if t.is_flags {
            format!(
                " A flags enumeration: properties of this type hold a `FlagSet<{}>`.",
                name.name
            )
        } else {
            String::new()
        };
        let line = format!(
            "Enumeration type `{qualified}` (underlying type `{}`).{flags}",
            t.underlying_type
        );
        let doc = docs::doc_attrs(&docs::descriptions(space, Target::EnumType(id)), &[line]);
        let extra = space.extra_derives(&["Debug", "Clone", "PartialEq", "Eq", "Hash", "Default"]);
        let default_derive = (!t.members.is_empty()).then(|| quote!(Default,));

        let from_index = if t.members.is_empty() {
            quote!(let _ = index; #option::None)
        } else {
            quote! {
                match index {
                    #(#indices => #option::Some(Self::#variant_idents),)*
                    _ => #option::None,
                }
            }
        };
        let unknown_text_rest = (!t.members.is_empty()).then(|| quote!(_ => #option::None,));

        Some(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, #default_derive #(#extra),*)]
            pub enum #ident {
                #(#variant_defs)*
                #[doc = " A value the metadata does not list, as received."]
                #unknown(#string),
            }

            impl #rt::EnumType for #ident {
                const QUALIFIED_NAME: &'static str = #qualified;
                const MEMBERS: &'static [(&'static str, i64)] = &[#((#names, #values)),*];

                fn from_index(index: usize) -> #option<Self> {
                    #from_index
                }

                fn unknown(text: #string) -> Self {
                    Self::#unknown(text)
                }

                fn index(&self) -> #option<usize> {
                    match self {
                        #(Self::#variant_idents => #option::Some(#indices),)*
                        Self::#unknown(_) => #option::None,
                    }
                }

                fn unknown_text(&self) -> #option<&str> {
                    match self {
                        Self::#unknown(text) => #option::Some(text.as_str()),
                        #unknown_text_rest
                    }
                }
            }

            impl #rt::serde::Serialize for #ident {
                fn serialize<S: #rt::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> #result<S::Ok, S::Error> {
                    #rt::serialize_enum(self, serializer)
                }
            }

            impl<'de> #rt::serde::Deserialize<'de> for #ident {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> #result<Self, D::Error> {
                    #rt::deserialize_enum(deserializer)
                }
            }

            impl ::std::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#rt::EnumType::as_str(self))
                }
            }

            impl ::std::str::FromStr for #ident {
                type Err = ::std::convert::Infallible;

                fn from_str(s: &str) -> #result<Self, Self::Err> {
                    #result::Ok(<Self as #rt::EnumType>::parse_member(s))
                }
            }
        })
    }
}
