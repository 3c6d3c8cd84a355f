//! Request builders: per entity type its navigation struct (`<Entity>Nav<C>`:
//! navigation properties and bound operations, reached from the runtime's
//! `Single` through `Deref`), its collection navigation struct when it has
//! collection-bound operations, its `EntityType` impl; per action its parameters
//! struct; the main entity container's struct.

use odata_parser::edm::{
    EntityTypeId, MemberId, NavigationSourceId, OperationId, OperationKind, StructuredTypeId,
    TypeKind, TypeRef,
};
use proc_macro2::TokenStream;
use quote::quote;

use super::filter_builder::{has_literal, value_tag};
use super::{docs, structured};
use crate::capabilities::CapabilitySpace;
use crate::naming::{self, NameSet, Style};
use crate::type_space::{Marker, ModulePath, Paths, RustType, TypeName, TypeSpace};

/// Methods of the runtime's `Single` (which derefs to the navigation struct).
const SINGLE_METHODS: &[&str] = &[
    "get", "update", "delete", "property", "media", "cast", "new",
];
/// Methods of the runtime's `Collection` (which derefs to the collection struct).
const COLLECTION_METHODS: &[&str] = &["by_key", "list", "count", "create", "cast", "new"];
/// Methods of the container struct.
const CONTAINER_METHODS: &[&str] = &["new", "with_root", "root", "default"];

/// The response type of an operation, as written in `module`.
fn return_type(
    space: &TypeSpace<'_>,
    op: OperationId,
    module: &ModulePath,
    p: &Paths,
) -> TokenStream {
    let rt = &p.rt;
    let Some(ret) = &space.model.operation(op).return_type else {
        return quote!(#rt::request::NoContent);
    };
    let element = space.element(&ret.ty.kind);
    let ty = space.type_tokens(&element.ty, module);
    let structured = matches!(ret.ty.kind, TypeKind::Entity(_) | TypeKind::Complex(_));
    match (ret.ty.collection, structured) {
        (true, _) => quote!(#rt::CollectionResponse<#ty>),
        (false, true) => ty,
        (false, false) => quote!(#rt::request::PropertyValue<#ty>),
    }
}

/// One method per non-binding parameter: its Rust name and how it is passed.
struct Param {
    ident: String,
    wire: String,
    ty: TypeRef,
}

fn params(space: &TypeSpace<'_>, op: OperationId) -> Vec<Param> {
    let o = space.model.operation(op);
    let skip = usize::from(o.is_bound);
    let mut names = NameSet::with_reserved(&["self_"]);
    o.parameters
        .iter()
        .skip(skip)
        .map(|prm| Param {
            ident: names.claim(&naming::snake(&prm.name), Style::Snake),
            wire: prm.name.to_string(),
            ty: prm.ty.clone(),
        })
        .collect()
}

/// The method calling operation `op` at `node` (an expression of the runtime's `Node`).
fn operation_method(
    space: &TypeSpace<'_>,
    op: OperationId,
    method: &str,
    node: &TokenStream,
    module: &ModulePath,
    p: &Paths,
    import: Option<&str>,
) -> Option<TokenStream> {
    let model = space.model;
    let o = model.operation(op);
    let rt = &p.rt;
    let ident = naming::ident(method);
    let ret = return_type(space, op, module, p);
    let qualified = o.name.as_str();
    let segment = import.unwrap_or(qualified);
    let description = docs::descriptions(space, odata_parser::edm::Target::Operation(op));
    let ps = params(space, op);
    match o.kind {
        OperationKind::Action => {
            let own = format!(
                "Action `{}`: `POST …/{segment}`{}.",
                model.operation_signature(op),
                if ps.is_empty() {
                    ""
                } else {
                    " with its parameters as the body"
                }
            );
            let doc = docs::doc_attrs(&description, &[own]);
            let target = if import.is_some() {
                quote!(#node.child(#segment))
            } else {
                quote!(#node.qualified(#segment))
            };
            if ps.is_empty() {
                Some(quote! {
                    #doc
                    pub fn #ident(&self) -> #rt::request::Action<#ret> {
                        #rt::request::Action::without_parameters(#target)
                    }
                })
            } else {
                let params_name = space.builders.as_ref()?.parameters(op)?;
                let params_ty = space.path_to(module, params_name);
                Some(quote! {
                    #doc
                    pub fn #ident(&self, parameters: &#params_ty) -> #rt::request::Action<#ret> {
                        #rt::request::Action::new(#target, parameters)
                    }
                })
            }
        }
        OperationKind::Function => {
            let mut args = Vec::new();
            let mut pushes = Vec::new();
            for prm in &ps {
                let arg = naming::ident(&prm.ident);
                let wire = &prm.wire;
                let literal = !prm.ty.collection && has_literal(space, &prm.ty.kind);
                let (ty, push) = if literal {
                    (
                        value_tag(space, &prm.ty.kind, module, p),
                        quote!(.literal(#wire, v)),
                    )
                } else {
                    let element = space.element(&prm.ty.kind);
                    let t = space.type_tokens(&element.ty, module);
                    let vec = &p.vec;
                    let t = if prm.ty.collection {
                        quote!(#vec<#t>)
                    } else {
                        t
                    };
                    (quote!(&#t), quote!(.json(#wire, v)))
                };
                if prm.ty.nullable {
                    let option = &p.option;
                    args.push(quote!(#arg: #option<#ty>));
                    pushes.push(quote! {
                        if let ::core::option::Option::Some(v) = #arg {
                            args = args #push;
                        }
                    });
                } else {
                    args.push(quote!(#arg: #ty));
                    pushes.push(quote! {
                        let v = #arg;
                        args = args #push;
                    });
                }
            }
            let own = format!(
                "Function `{}`: `GET …/{segment}(…)`; parameters without a value are left out.",
                model.operation_signature(op)
            );
            let doc = docs::doc_attrs(&description, &[own]);
            let call = quote!(#node.call(#segment, args));
            Some(quote! {
                #doc
                #[allow(unused_mut)]
                pub fn #ident(&self, #(#args),*) -> #rt::request::Function<#ret> {
                    let mut args = #rt::request::FunctionArgs::new();
                    #(#pushes)*
                    #rt::request::Function::new(#call)
                }
            })
        }
    }
}

/// The navigation struct of an entity type, its collection struct, its
/// `EntityType` impl and (media entities) its `MediaEntity` impl.
pub fn emit_navigation(space: &TypeSpace<'_>, entity: EntityTypeId) -> Option<TokenStream> {
    let b = space.builders.as_ref()?;
    let nav_name = b.nav(entity)?;
    let ty = StructuredTypeId::Entity(entity);
    let model_name = space.struct_name(ty)?;
    let module = &nav_name.module;
    let p = space.paths(module);
    let rt = &p.rt;
    let model = space.model;
    let qualified = space.qualified_name(ty);
    let model_ty = space.path_to(module, model_name);
    let nav_ident = naming::ident(&nav_name.name);
    let base_nav = model
        .base_type(ty)
        .and_then(|base| match base {
            StructuredTypeId::Entity(e) => b.nav(e),
            StructuredTypeId::Complex(_) => None,
        })
        .map(|n| space.path_to(module, n));

    let nav_def = nav_struct(
        &nav_ident,
        base_nav.as_ref(),
        &p,
        &format!(
            " The navigation properties and bound operations of a `{qualified}` resource in capability state `C` (the runtime's `Single` dereferences to it){}.",
            if base_nav.is_some() {
                "; the base type's through `Deref`"
            } else {
                ""
            }
        ),
    );

    // Navigation properties the type declares.
    let mut names = NameSet::with_reserved(SINGLE_METHODS);
    let mut methods = Vec::new();
    let node = quote!(#rt::request::Navigation::node(self));
    for f in space.fields(ty) {
        let MemberId::NavigationProperty(id) = f.member else {
            continue;
        };
        let n = model.navigation_property(id);
        if n.declaring_type != ty {
            continue;
        }
        let Some(target) = n.target else { continue };
        let Some(target_name) = space.struct_name(StructuredTypeId::Entity(target)) else {
            continue;
        };
        let Some(marker) = b.marker_path(space, f.member, module) else {
            continue;
        };
        let target_ty = space.path_to(module, target_name);
        let method = naming::ident(&names.claim(&f.ident, Style::Snake));
        let wire = &f.wire;
        let kind = if n.collection {
            quote!(Collection)
        } else {
            quote!(Single)
        };
        let doc = docs::doc_attrs(
            &docs::descriptions(space, odata_parser::edm::Target::NavigationProperty(id)),
            &[format!(
                "Navigation property `{}` (`{}{}`).",
                n.name,
                model.type_ref_name(&TypeRef {
                    kind: TypeKind::Entity(target),
                    collection: n.collection,
                    nullable: n.nullable,
                    facets: odata_parser::edm::Facets::default(),
                }),
                if n.contains_target { ", contained" } else { "" }
            )],
        );
        methods.push(quote! {
            #doc
            pub fn #method(&self) -> #rt::request::#kind<#target_ty, <C as #rt::query::Navigate<#marker>>::Target>
            where
                C: #rt::query::Navigate<#marker>,
            {
                #rt::request::#kind::new(#node.child(#wire))
            }
        });
    }
    // Operations bound to this type.
    for op in model.bound_operations(ty, false) {
        let name = naming::snake(model.operation(*op).name.name());
        let method = names.claim(&name, Style::Snake);
        methods.extend(operation_method(
            space, *op, &method, &node, module, &p, None,
        ));
    }

    // The collection struct, when the type or a base type has collection-bound operations.
    let collection_nav = b.collection_nav(entity).map(|cname| {
        let cident = naming::ident(&cname.name);
        let base_cnav = model
            .base_type(ty)
            .and_then(|base| match base {
                StructuredTypeId::Entity(e) => b.collection_nav(e),
                StructuredTypeId::Complex(_) => None,
            })
            .map(|n| space.path_to(module, n));
        let def = nav_struct(
            &cident,
            base_cnav.as_ref(),
            &p,
            &format!(
                " The collection-bound operations of `{qualified}` resources in capability state `C` (the runtime's `Collection` dereferences to it)."
            ),
        );
        let mut cnames = NameSet::with_reserved(COLLECTION_METHODS);
        let cmethods: Vec<TokenStream> = model
            .bound_operations(ty, true)
            .iter()
            .filter_map(|op| {
                let name = naming::snake(model.operation(*op).name.name());
                let method = cnames.claim(&name, Style::Snake);
                operation_method(space, *op, &method, &node, module, &p, None)
            })
            .collect();
        quote! {
            #def
            impl<C: #rt::query::State> #cident<C> {
                #(#cmethods)*
            }
        }
    });
    let collection_ty = match b.collection_nav(entity) {
        Some(n) => {
            let path = space.path_to(module, n);
            quote!(#path<C>)
        }
        None => quote!(#rt::request::Plain<C>),
    };

    // `EntityType`.
    let read_ty = space.type_tokens(&space.structured_element(ty).ty, module);
    let update_ty = match space.update_name(entity) {
        Some(n) => space.path_to(module, n),
        None => quote!(#rt::JsonMap),
    };
    let (key_ty, key_fn) = key(space, entity, module, &p);
    let media = model
        .type_chain(ty)
        .any(|t| matches!(t, StructuredTypeId::Entity(e) if model.entity_type(e).has_stream))
        .then(|| quote!(impl #rt::request::MediaEntity for #model_ty {}));

    Some(quote! {
        #nav_def

        impl<C: #rt::query::State> #nav_ident<C> {
            #(#methods)*
        }

        #collection_nav

        impl #rt::request::EntityType for #model_ty {
            type Nav<C> = #nav_ident<C>;
            type CollectionNav<C> = #collection_ty;
            type Read = #read_ty;
            type Update = #update_ty;
            type Key = #key_ty;
            fn key_predicate(
                key: Self::Key,
            ) -> ::core::result::Result<#rt::request::KeyPredicate<'static>, #rt::BuildError> {
                #key_fn
            }
        }

        #media
    })
}

/// A navigation struct: the resource path, or its base type's struct.
fn nav_struct(
    ident: &proc_macro2::Ident,
    base: Option<&TokenStream>,
    p: &Paths,
    doc: &str,
) -> TokenStream {
    let rt = &p.rt;
    match base {
        Some(base) => quote! {
            #[doc = #doc]
            pub struct #ident<C>(#base<C>);

            impl<C> #rt::request::Navigation for #ident<C> {
                fn from_node(node: #rt::request::Node) -> Self {
                    Self(#rt::request::Navigation::from_node(node))
                }
                fn node(&self) -> &#rt::request::Node {
                    #rt::request::Navigation::node(&self.0)
                }
            }

            impl<C> ::core::ops::Deref for #ident<C> {
                type Target = #base<C>;
                fn deref(&self) -> &#base<C> {
                    &self.0
                }
            }
        },
        None => quote! {
            #[doc = #doc]
            pub struct #ident<C> {
                node: #rt::request::Node,
                state: ::core::marker::PhantomData<fn() -> C>,
            }

            impl<C> #rt::request::Navigation for #ident<C> {
                fn from_node(node: #rt::request::Node) -> Self {
                    Self {
                        node,
                        state: ::core::marker::PhantomData,
                    }
                }
                fn node(&self) -> &#rt::request::Node {
                    &self.node
                }
            }
        },
    }
}

/// The key type and the body of `key_predicate`.
fn key(
    space: &TypeSpace<'_>,
    entity: EntityTypeId,
    module: &ModulePath,
    p: &Paths,
) -> (TokenStream, TokenStream) {
    let model = space.model;
    let rt = &p.rt;
    let refs = model.key(entity);
    let props: Vec<_> = refs.iter().map(|k| model.property(k.property)).collect();
    if props.is_empty() || props.iter().any(|prop| !has_literal(space, &prop.ty.kind)) {
        return (quote!(#rt::request::NoKey), quote!(match key {}));
    }
    if let [prop] = props.as_slice() {
        let ty = value_tag(space, &prop.ty.kind, module, p);
        return (ty, quote!(#rt::request::single_key(key)));
    }
    let tys: Vec<TokenStream> = props
        .iter()
        .map(|prop| value_tag(space, &prop.ty.kind, module, p))
        .collect();
    let entries = refs.iter().enumerate().map(|(i, k)| {
        let name = k.alias.as_deref().map_or_else(
            || model.property(k.property).name.to_string(),
            str::to_owned,
        );
        let index = syn::Index::from(i);
        quote!((#name, #rt::query::IntoLiteral::into_literal(key.#index)))
    });
    (
        quote!((#(#tys),*)),
        quote!(#rt::request::named_key(::std::vec![#(#entries),*])),
    )
}

/// Whether values of `kind` are read into a polymorphic enum (which has no `Default`).
fn is_polymorphic(space: &TypeSpace<'_>, kind: &TypeKind) -> bool {
    let ty = match kind {
        TypeKind::Entity(e) => StructuredTypeId::Entity(*e),
        TypeKind::Complex(c) => StructuredTypeId::Complex(*c),
        _ => return false,
    };
    space.polymorphic(ty).is_some()
}

/// The parameters struct of an action, written as the request body.
pub fn emit_parameters(space: &TypeSpace<'_>, op: OperationId) -> Option<TokenStream> {
    let name = space.builders.as_ref()?.parameters(op)?;
    let module = &name.module;
    let p = space.paths(module);
    let model = space.model;
    let ident = naming::ident(&name.name);
    let mut fields = Vec::new();
    let mut writes = Vec::new();
    let mut defaultable = true;
    for prm in params(space, op) {
        let element = space.element(&prm.ty.kind);
        let (mut ty, mut marker) = if prm.ty.collection {
            (
                RustType::Vec(Box::new(element.ty.clone())),
                Marker::Vec(Box::new(element.marker.clone())),
            )
        } else {
            (element.ty.clone(), element.marker.clone())
        };
        let optional = prm.ty.nullable;
        if optional {
            ty = RustType::Option(Box::new(ty));
            marker = Marker::Option(Box::new(marker));
        } else if !prm.ty.collection && is_polymorphic(space, &prm.ty.kind) {
            defaultable = false;
        }
        let field = naming::ident(&prm.ident);
        let tokens = space.type_tokens(&ty, module);
        let doc = format!(
            " `{}` (`{}`){}.",
            prm.wire,
            model.type_ref_name(&prm.ty),
            if optional {
                ", left out when `None`"
            } else {
                ""
            }
        );
        fields.push(quote! {
            #[doc = #doc]
            pub #field: #tokens,
        });
        writes.push(structured::write_call(
            &p,
            &quote!(#field),
            &prm.wire,
            &marker,
            optional,
        ));
    }
    let derive_default = defaultable.then(|| quote!(Default,));
    let extra = space.extra_derives(&["Debug", "Clone", "PartialEq", "Default"]);
    let doc = format!(
        " The parameters of action `{}`, sent as the JSON body of the call.",
        model.operation_signature(op)
    );
    let serialize = structured::serialize_impl(&p, &ident, &writes);
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, #derive_default #(#extra),*)]
        pub struct #ident {
            #(#fields)*
        }

        #serialize
    })
}

/// The entity container's struct: its entity sets, singletons and operation imports.
pub fn emit_container(space: &TypeSpace<'_>, caps: &CapabilitySpace) -> Option<TokenStream> {
    let b = space.builders.as_ref()?;
    let (container, name) = b.container()?;
    let caps_module = b.capabilities_module()?;
    let module = &name.module;
    let p = space.paths(module);
    let rt = &p.rt;
    let model = space.model;
    let ident = naming::ident(&name.name);
    let c = model.entity_container(*container);
    let mut names = NameSet::with_reserved(CONTAINER_METHODS);
    let mut methods = Vec::new();
    let node = quote!(self.root);
    for (source, state) in &caps.sources {
        let (wire, entity, kind, what) = match source {
            NavigationSourceId::EntitySet(id) => {
                let s = model.entity_set(*id);
                (
                    s.name.to_string(),
                    s.entity_type,
                    quote!(Collection),
                    "Entity set",
                )
            }
            NavigationSourceId::Singleton(id) => {
                let s = model.singleton(*id);
                (
                    s.name.to_string(),
                    s.entity_type,
                    quote!(Single),
                    "Singleton",
                )
            }
        };
        let Some(entity_name) = space.struct_name(StructuredTypeId::Entity(entity)) else {
            continue;
        };
        let entity_ty = space.path_to(module, entity_name);
        let state_ty = space.path_to(
            module,
            &TypeName {
                module: caps_module.clone(),
                name: caps.states[*state].name.clone(),
            },
        );
        let method = naming::ident(&names.claim(&naming::snake(&wire), Style::Snake));
        let target = match source {
            NavigationSourceId::EntitySet(id) => odata_parser::edm::Target::EntitySet(*id),
            NavigationSourceId::Singleton(id) => odata_parser::edm::Target::Singleton(*id),
        };
        let doc = docs::doc_attrs(
            &docs::descriptions(space, target),
            &[format!(
                "{what} `{wire}` (`{}`).",
                model.entity_type(entity).name
            )],
        );
        methods.push(quote! {
            #doc
            pub fn #method(&self) -> #rt::request::#kind<#entity_ty, #state_ty> {
                #rt::request::#kind::new(#node.child(#wire))
            }
        });
    }
    for (_, import) in model
        .operation_imports()
        .filter(|(_, i)| i.container == *container)
    {
        let group = model.operation_group(import.operation);
        let Some(op) = group.overloads.iter().copied().find(|o| {
            let o = model.operation(*o);
            !o.is_bound && o.kind == import.kind
        }) else {
            continue;
        };
        let method = names.claim(&naming::snake(&import.name), Style::Snake);
        methods.extend(operation_method(
            space,
            op,
            &method,
            &node,
            module,
            &p,
            Some(&import.name),
        ));
    }
    let doc = docs::doc_attrs(
        &docs::descriptions(
            space,
            odata_parser::edm::Target::EntityContainer(*container),
        ),
        &[format!(
            "The entity container `{}`: its entity sets, singletons and operation imports, addressed from a service root.",
            c.name
        )],
    );
    let default_root = space.config.service_root.as_ref().map(|root| {
        quote! {
            /// The service root the metadata was generated for.
            pub const SERVICE_ROOT: &'static str = #root;

            /// The container at [`Self::SERVICE_ROOT`].
            #[must_use]
            pub fn new() -> Self {
                Self::with_root(Self::SERVICE_ROOT)
            }
        }
    });
    let default_impl = space.config.service_root.as_ref().map(|_| {
        quote! {
            impl ::core::default::Default for #ident {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    Some(quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct #ident {
            root: #rt::request::Root,
        }

        impl #ident {
            #default_root

            /// The container at `root` (a trailing `/` is added when missing).
            #[must_use]
            pub fn with_root(root: &str) -> Self {
                Self {
                    root: #rt::request::Root::new(root),
                }
            }

            /// The service root.
            #[must_use]
            pub fn root(&self) -> &str {
                self.root.as_str()
            }

            #(#methods)*
        }

        #default_impl
    })
}
