//! Typed queries: the member accessors of every entity and complex type
//! (`<Type>Fields<M, A>`), and the member markers of entity types that
//! capability bounds name (`members::message::Subject`).
//!
//! An accessor returns, by the member's type: a `Path<T, M>` (primitive,
//! enumeration, or collection of them, `T` the value's Rust type), the accessors
//! of a complex value, a `CollectionOf` complex values, or for navigation
//! properties what the mode gives (`M::SingleNav` / `M::CollectionNav`). Entity
//! types' own members require `A: Allows<marker>`; members below them are
//! unchecked (`A = Unchecked`), see the crate docs.

use odata_parser::edm::{MemberId, PrimitiveType, StructuredTypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::builder_names::BuilderNames;
use crate::capabilities::CapabilitySpace;
use crate::naming;
use crate::type_space::{ModulePath, Paths, TypeName, TypeSpace};

/// The Rust type that stands for a value of `kind` in typed queries and keys: the
/// runtime's type for the EDM primitive (whatever the model's type mapping), the
/// enumeration type, or the JSON value for what has no literal.
pub fn value_tag(
    space: &TypeSpace<'_>,
    kind: &TypeKind,
    module: &ModulePath,
    p: &Paths,
) -> TokenStream {
    let model = space.model;
    match kind {
        TypeKind::Primitive(prim) => primitive_tag(*prim, p),
        TypeKind::TypeDefinition(id) => {
            primitive_tag(model.type_definition(*id).underlying_type, p)
        }
        TypeKind::Enum(id) => match space.enum_name(*id) {
            Some(name) => {
                let path = space.path_to(module, name);
                let rt = &p.rt;
                if model.enum_type(*id).is_flags {
                    quote!(#rt::FlagSet<#path>)
                } else {
                    path
                }
            }
            _ => {
                let rt = &p.rt;
                quote!(#rt::JsonValue)
            }
        },
        _ => {
            let rt = &p.rt;
            quote!(#rt::JsonValue)
        }
    }
}

fn primitive_tag(prim: PrimitiveType, p: &Paths) -> TokenStream {
    use PrimitiveType as P;
    let Paths {
        rt, string, vec, ..
    } = p;
    match prim {
        P::String => quote!(#string),
        P::Boolean => quote!(bool),
        P::Byte => quote!(u8),
        P::SByte => quote!(i8),
        P::Int16 => quote!(i16),
        P::Int32 => quote!(i32),
        P::Int64 => quote!(i64),
        P::Single => quote!(f32),
        P::Double => quote!(f64),
        P::Decimal => quote!(#rt::Decimal),
        P::Date => quote!(#rt::Date),
        P::DateTimeOffset => quote!(#rt::DateTimeOffset),
        P::TimeOfDay => quote!(#rt::TimeOfDay),
        P::Duration => quote!(#rt::Duration),
        P::Guid => quote!(#rt::Guid),
        P::Binary => quote!(#vec<u8>),
        _ => quote!(#rt::JsonValue),
    }
}

/// Whether a type kind has a literal form (keys and function parameters).
pub fn has_literal(space: &TypeSpace<'_>, kind: &TypeKind) -> bool {
    use PrimitiveType as P;
    let prim = match kind {
        TypeKind::Primitive(p) => *p,
        TypeKind::TypeDefinition(id) => space.model.type_definition(*id).underlying_type,
        TypeKind::Enum(id) => return space.enum_name(*id).is_some(),
        _ => return false,
    };
    !matches!(prim, P::Stream) && !prim.to_string().starts_with("Edm.Geo")
}

fn builders<'a>(space: &'a TypeSpace<'_>) -> Option<&'a BuilderNames> {
    space.builders.as_ref()
}

/// The accessors struct of `ty`, with its `Fields`, `Deref`, `DerivedFrom` impls
/// and one accessor per member it declares.
pub fn emit_fields(space: &TypeSpace<'_>, ty: StructuredTypeId) -> Option<TokenStream> {
    let b = builders(space)?;
    let name = b.fields(ty)?;
    let model_name = space.struct_name(ty)?;
    let module = &name.module;
    let p = space.paths(module);
    let rt = &p.rt;
    let ident = naming::ident(&name.name);
    let model_ty = space.path_to(module, model_name);
    let value_ty = space.type_tokens(&space.structured_element(ty).ty, module);
    let qualified = space.qualified_name(ty);
    let model = space.model;
    let is_entity = matches!(ty, StructuredTypeId::Entity(_));

    let base_fields = model
        .base_type(ty)
        .and_then(|base| b.fields(base).map(|n| space.path_to(module, n)));
    let doc = format!(
        " Member accessors of `{qualified}` in typed queries (`$filter`, `$orderby`, `$select`, `$expand`): `M` is the mode, `A` the access rule of the members{}.",
        if base_fields.is_some() {
            "; the base type's members through `Deref`"
        } else {
            ""
        }
    );
    let (def, from_segments, segments, deref) = match &base_fields {
        Some(base) => (
            quote! {
                #[doc = #doc]
                pub struct #ident<M, A = M>(#base<M, A>);
            },
            quote!(Self(#rt::query::Fields::from_segments(segments))),
            quote!(#rt::query::Fields::segments(&self.0)),
            quote! {
                impl<M, A> ::core::ops::Deref for #ident<M, A> {
                    type Target = #base<M, A>;
                    fn deref(&self) -> &#base<M, A> {
                        &self.0
                    }
                }
            },
        ),
        None => (
            quote! {
                #[doc = #doc]
                pub struct #ident<M, A = M>(#rt::query::Segments, ::core::marker::PhantomData<fn() -> (M, A)>);
            },
            quote!(Self(segments, ::core::marker::PhantomData)),
            quote!(&self.0),
            TokenStream::new(),
        ),
    };

    // `DerivedFrom` for every generated ancestor.
    let mut derived_from = Vec::new();
    let mut ancestor = model.base_type(ty);
    while let Some(a) = ancestor {
        if let Some(a_name) = space.struct_name(a) {
            let a_ty = space.path_to(module, a_name);
            derived_from.push(quote!(impl #rt::query::DerivedFrom<#a_ty> for #model_ty {}));
        }
        ancestor = model.base_type(a);
    }

    let accessors = accessors(space, b, ty, module, &p);
    let has_derived = !model.all_derived_types(ty).is_empty();
    let casts = has_derived.then(|| {
        quote! {
            /// The accessors of derived type `D` (a type-cast segment): `m.cast::<EventMessage>()`.
            pub fn cast<D>(&self) -> <D as #rt::query::HasFields>::Fields<M, A>
            where
                D: #rt::query::HasFields + #rt::query::DerivedFrom<#model_ty>,
            {
                #rt::query::cast(self)
            }

            /// `isof(…, D)`: whether the value is of derived type `D`.
            pub fn is_of<D>(&self) -> #rt::query::Expr<bool, M>
            where
                D: #rt::query::DerivedFrom<#model_ty>,
                M: #rt::query::AllowsFunction<#rt::query::functions::IsOf>,
            {
                #rt::query::is_of::<D, Self>(self)
            }
        }
    });
    let sort_by = (!is_entity && space.config.profile.service().orders_complex_values())
        .then(|| quote!(impl #rt::query::SortByComplex for #model_ty {}));

    Some(quote! {
        #def

        impl<M: #rt::query::Mode, A> #rt::query::Fields for #ident<M, A> {
            type Mode = M;
            type Model = #model_ty;
            type Value = #value_ty;
            fn from_segments(segments: #rt::query::Segments) -> Self {
                #from_segments
            }
            fn segments(&self) -> &#rt::query::Segments {
                #segments
            }
        }

        #deref

        impl<M: #rt::query::Mode, A> #ident<M, A> {
            #(#accessors)*
            #casts
        }

        impl #rt::query::HasFields for #model_ty {
            type Fields<M: #rt::query::Mode, A> = #ident<M, A>;
        }

        #(#derived_from)*
        #sort_by
    })
}

/// The accessors of the members `ty` declares.
fn accessors(
    space: &TypeSpace<'_>,
    b: &BuilderNames,
    ty: StructuredTypeId,
    module: &ModulePath,
    p: &Paths,
) -> Vec<TokenStream> {
    let model = space.model;
    let rt = &p.rt;
    let declared = |m: MemberId| match m {
        MemberId::Property(id) => model.property(id).declaring_type == ty,
        MemberId::NavigationProperty(id) => model.navigation_property(id).declaring_type == ty,
    };
    let mut out = Vec::new();
    for f in space.fields(ty).into_iter().filter(|f| declared(f.member)) {
        let method = match f.ident.as_str() {
            "cast" | "is_of" => naming::ident(&format!("{}_member", f.ident)),
            other => naming::ident(other),
        };
        let wire = &f.wire;
        let check = match ty {
            StructuredTypeId::Entity(_) => b
                .marker_path(space, f.member, module)
                .map(|marker| quote!(where A: #rt::query::Allows<#marker>)),
            StructuredTypeId::Complex(_) => None,
        };
        let (ret, body, type_doc) = match f.member {
            MemberId::Property(id) => {
                let prop = model.property(id);
                let type_doc = model.type_ref_name(&prop.ty);
                let (ret, body) = property_accessor(space, b, &prop.ty, module, p, wire);
                (ret, body, type_doc)
            }
            MemberId::NavigationProperty(id) => {
                let nav = model.navigation_property(id);
                let Some(target) = nav.target else { continue };
                let Some(target_name) = space.struct_name(StructuredTypeId::Entity(target)) else {
                    continue;
                };
                let Some(marker) = b.marker_path(space, f.member, module) else {
                    continue;
                };
                let target_ty = space.path_to(module, target_name);
                let (assoc, build) = if nav.collection {
                    (quote!(CollectionNav), quote!(collection_nav))
                } else {
                    (quote!(SingleNav), quote!(single_nav))
                };
                let target_doc = model.entity_type(target).name.to_string();
                let type_doc = if nav.collection {
                    format!("Collection({target_doc}), navigation")
                } else {
                    format!("{target_doc}, navigation")
                };
                (
                    quote!(<M as #rt::query::Mode>::#assoc<#target_ty, #marker>),
                    quote!(#rt::query::#build(self, #wire)),
                    type_doc,
                )
            }
        };
        let doc = format!(" `{wire}` (`{type_doc}`).");
        out.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #ret #check {
                #body
            }
        });
    }
    out
}

/// The return type and body of a structural property's accessor.
fn property_accessor(
    space: &TypeSpace<'_>,
    b: &BuilderNames,
    ty: &TypeRef,
    module: &ModulePath,
    p: &Paths,
    wire: &str,
) -> (TokenStream, TokenStream) {
    let rt = &p.rt;
    let vec = &p.vec;
    let complex_fields = match ty.kind {
        TypeKind::Complex(c) => b
            .fields(StructuredTypeId::Complex(c))
            .map(|n| space.path_to(module, n)),
        _ => None,
    };
    match (complex_fields, ty.collection) {
        (Some(fields), false) => (
            quote!(#fields<M, #rt::query::Unchecked>),
            quote!(#rt::query::complex(self, #wire)),
        ),
        (Some(fields), true) => (
            quote!(#rt::query::CollectionOf<#fields<M, #rt::query::Unchecked>>),
            quote!(#rt::query::collection(self, #wire)),
        ),
        (None, collection) => {
            let tag = value_tag(space, &ty.kind, module, p);
            let tag = if collection { quote!(#vec<#tag>) } else { tag };
            (
                quote!(#rt::query::Path<#tag, M>),
                quote!(#rt::query::member(self, #wire)),
            )
        }
    }
}

/// The member markers of an entity type (a module in its `members` module), with
/// each navigation property's home state.
pub fn emit_members(
    space: &TypeSpace<'_>,
    caps: &CapabilitySpace,
    entity: odata_parser::edm::EntityTypeId,
) -> Option<TokenStream> {
    let b = builders(space)?;
    let module = b.member_module(space, entity)?;
    let mod_ident = naming::ident(module.last()?);
    let model = space.model;
    let qualified = space.qualified_name(StructuredTypeId::Entity(entity));
    let caps_module = b.capabilities_module();
    let mut items = Vec::new();
    let mut uses_runtime = false;
    for (member, name) in b.member_markers(space, entity) {
        let ident = naming::ident(&name);
        let doc = match member {
            MemberId::Property(id) => format!(" Property `{}`.", model.property(id).name),
            MemberId::NavigationProperty(id) => {
                format!(
                    " Navigation property `{}`.",
                    model.navigation_property(id).name
                )
            }
        };
        items.push(quote! {
            #[doc = #doc]
            pub enum #ident {}
        });
        if let (MemberId::NavigationProperty(id), Some(caps_module)) = (member, caps_module)
            && let Some(home) = caps.homes.get(&id)
        {
            uses_runtime = true;
            let state = space.path_to(
                &module,
                &TypeName {
                    module: caps_module.clone(),
                    name: caps.states[*home].name.clone(),
                },
            );
            items.push(quote! {
                impl __odata::query::NavigationProperty for #ident {
                    type Home = #state;
                }
            });
        }
    }
    let runtime = uses_runtime.then(|| {
        quote!(
            use super::__odata;
        )
    });
    let doc = format!(" Markers of the members `{qualified}` declares.");
    Some(quote! {
        #[doc = #doc]
        pub mod #mod_ident {
            #runtime
            #(#items)*
        }
    })
}
