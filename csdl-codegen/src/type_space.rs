//! The [`TypeSpace`]: every Rust type the generator emits, decided before any
//! token is written — which schemas are generated, the module and name of each
//! type, the polymorphic enums of base types, the update types, which fields
//! are boxed to break recursion, and the Rust type and wire encoding of every
//! property.
//!
//! Generators (`gen/*`) ask the type space and never name things themselves,
//! so a request-builder generator can refer to the same types later.

use std::collections::{BTreeMap, HashMap, HashSet};

use odata_parser::edm::{
    AbstractType, EntityTypeId, EnumTypeId, MemberId, Model, PrimitiveType, PropertyId,
    StructuredTypeId, Target, TypeDefinitionId, TypeKind,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{BinaryEncoding, Config, ModuleLayout};
use crate::error::CodegenError;
use crate::naming::{self, NameSet, Style};
use crate::rust_type::PRELUDE_TYPES;
pub use crate::rust_type::{Element, Marker, Paths, RUNTIME_ALIAS, RustType};

/// A module as the list of its (unescaped, snake case) segments; the root is empty.
pub type ModulePath = Vec<String>;

/// A generated type: its module and its (camel case, never a keyword) name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeName {
    /// The module that declares it.
    pub module: ModulePath,
    /// The identifier.
    pub name: String,
}

/// One field of a generated struct.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field name (snake case, unescaped).
    pub ident: String,
    /// The member name on the wire (the CSDL name).
    pub wire: String,
    /// The CSDL property.
    pub member: MemberId,
    /// The element type.
    pub element: Element,
    /// The field's full type (`Option<Vec<T>>`, …).
    pub ty: RustType,
    /// The field's full wire encoding.
    pub marker: Marker,
    /// Whether the property is part of the key (then not optional).
    pub key: bool,
    /// Whether the property is a collection.
    pub collection: bool,
    /// Whether the property (or, for a collection, its items) may be null.
    pub nullable: bool,
}

/// The polymorphic enum of a base type: one variant per concrete type, chosen by `@odata.type`.
#[derive(Clone, Debug)]
pub struct Polymorphic {
    /// The enum's name.
    pub name: TypeName,
    /// The base type.
    pub base: StructuredTypeId,
    /// (variant identifier, concrete type), the base first when it is not abstract.
    pub variants: Vec<(String, StructuredTypeId)>,
    /// The fallback variant for undeclared types.
    pub unknown: String,
}

/// Every type the generator emits, with its name, module and fields.
pub struct TypeSpace<'m> {
    /// The model.
    pub model: &'m Model,
    /// The settings.
    pub config: &'m Config,
    /// The runtime path, `::odata_parser::client` by default.
    pub runtime: TokenStream,
    /// Extra derives.
    pub derives: Vec<syn::Path>,
    /// Module → the namespaces it holds (empty for intermediate modules).
    pub modules: BTreeMap<ModulePath, Vec<String>>,
    entity_names: Vec<Option<TypeName>>,
    complex_names: Vec<Option<TypeName>>,
    enum_names: Vec<Option<TypeName>>,
    type_definition_names: Vec<Option<TypeName>>,
    update_names: Vec<Option<TypeName>>,
    polymorphic: BTreeMap<StructuredTypeId, Polymorphic>,
    mappings: HashMap<String, syn::Type>,
    pub(crate) renames: HashMap<String, String>,
    pub(crate) boxed: HashSet<(StructuredTypeId, MemberId)>,
    shadowing: HashSet<ModulePath>,
    /// The names of the typed-query and request-builder items, when generated.
    pub builders: Option<crate::builder_names::BuilderNames>,
    /// Docs of modules that hold no schema (`members`, `capabilities`).
    pub module_docs: BTreeMap<ModulePath, String>,
}

impl<'m> TypeSpace<'m> {
    /// Decides every generated type of `model`.
    ///
    /// # Errors
    ///
    /// A setting (type mapping, derive, runtime path, rename) is not valid Rust.
    pub fn new(model: &'m Model, config: &'m Config) -> Result<Self, CodegenError> {
        let parse_path = |text: &str| {
            syn::parse_str::<syn::Path>(text).map_err(|source| CodegenError::Path {
                text: text.to_owned(),
                source,
            })
        };
        let runtime = parse_path(&config.runtime_path)?;
        let derives = config
            .derives
            .iter()
            .map(|d| parse_path(d))
            .collect::<Result<Vec<_>, _>>()?;
        let mut mappings = HashMap::new();
        for (name, ty) in &config.type_mappings {
            let parsed =
                syn::parse_str::<syn::Type>(ty).map_err(|source| CodegenError::TypeMapping {
                    name: name.clone(),
                    source,
                })?;
            mappings.insert(model.full_name(name).into_owned(), parsed);
        }
        let mut renames = HashMap::new();
        for (name, to) in &config.renames {
            if !naming::is_identifier(to) {
                return Err(CodegenError::Rename {
                    name: name.clone(),
                    to: to.clone(),
                });
            }
            let full = match name.split_once('/') {
                Some((ty, member)) => format!("{}/{member}", model.full_name(ty)),
                None => model.full_name(name).into_owned(),
            };
            renames.insert(full, to.clone());
        }

        let mut space = TypeSpace {
            model,
            config,
            runtime: quote!(#runtime),
            derives,
            modules: BTreeMap::new(),
            entity_names: vec![None; model.entity_types().len()],
            complex_names: vec![None; model.complex_types().len()],
            enum_names: vec![None; model.enum_types().len()],
            type_definition_names: vec![None; model.type_definitions().len()],
            update_names: vec![None; model.entity_types().len()],
            polymorphic: BTreeMap::new(),
            mappings,
            renames,
            boxed: HashSet::new(),
            shadowing: HashSet::new(),
            builders: None,
            module_docs: BTreeMap::new(),
        };
        let (namespace_modules, mut children) = space.assign_modules();
        let mut scopes: BTreeMap<ModulePath, NameSet> = BTreeMap::new();
        space.assign_type_names(&namespace_modules, &mut scopes);
        space.assign_polymorphic(&mut scopes);
        if config.update_types {
            space.assign_update_names(&mut scopes);
        }
        if config.request_builders {
            space.builders =
                Some(space.assign_builder_names(&namespace_modules, &mut scopes, &mut children));
        }
        space.boxed = space.find_boxed_fields();
        space.shadowing = space
            .all_type_names()
            .filter(|n| PRELUDE_TYPES.contains(&n.name.as_str()))
            .map(|n| n.module.clone())
            .collect();
        Ok(space)
    }

    // ---- deciding names ----

    /// Whether a schema of `namespace` is generated.
    pub fn is_generated_namespace(&self, namespace: &str) -> bool {
        !odata_parser::edm::vocabularies::is_standard_namespace(namespace)
            && (self.config.include_namespaces.is_empty()
                || self
                    .config
                    .include_namespaces
                    .iter()
                    .any(|n| n == namespace))
    }

    /// The module of each generated namespace.
    fn assign_modules(&mut self) -> (HashMap<String, ModulePath>, BTreeMap<ModulePath, NameSet>) {
        let mut out: HashMap<String, ModulePath> = HashMap::new();
        let mut children: BTreeMap<ModulePath, NameSet> = BTreeMap::new();
        let mut segments: HashMap<(ModulePath, String), String> = HashMap::new();
        self.modules.insert(Vec::new(), Vec::new());
        for (_, schema) in self.model.schemas() {
            let namespace = &*schema.namespace;
            if !self.is_generated_namespace(namespace) || out.contains_key(namespace) {
                continue;
            }
            let mut path = Vec::new();
            if self.config.module_layout == ModuleLayout::Nested {
                for segment in namespace.split('.') {
                    let name = segments
                        .entry((path.clone(), segment.to_owned()))
                        .or_insert_with(|| {
                            children
                                .entry(path.clone())
                                .or_default()
                                .claim(&naming::snake(segment), Style::Snake)
                        })
                        .clone();
                    path.push(name);
                    self.modules.entry(path.clone()).or_default();
                }
            }
            self.modules
                .entry(path.clone())
                .or_default()
                .push(namespace.to_owned());
            out.insert(namespace.to_owned(), path);
        }
        (out, children)
    }

    fn assign_type_names(
        &mut self,
        modules: &HashMap<String, ModulePath>,
        scopes: &mut BTreeMap<ModulePath, NameSet>,
    ) {
        let model = self.model;
        for (id, t) in model.enum_types() {
            self.enum_names[id.index()] = self.claim_type(t.name.as_str(), modules, scopes);
        }
        for (id, t) in model.type_definitions() {
            self.type_definition_names[id.index()] =
                self.claim_type(t.name.as_str(), modules, scopes);
        }
        for (id, t) in model.complex_types() {
            self.complex_names[id.index()] = self.claim_type(t.name.as_str(), modules, scopes);
        }
        for (id, t) in model.entity_types() {
            self.entity_names[id.index()] = self.claim_type(t.name.as_str(), modules, scopes);
        }
    }

    /// The name of the type `qualified`, if its namespace is generated and it is not mapped.
    fn claim_type(
        &self,
        qualified: &str,
        modules: &HashMap<String, ModulePath>,
        scopes: &mut BTreeMap<ModulePath, NameSet>,
    ) -> Option<TypeName> {
        let (namespace, local) = qualified.rsplit_once('.')?;
        let module = modules.get(namespace)?;
        if self.mappings.contains_key(qualified) {
            return None;
        }
        let scope = scopes.entry(module.clone()).or_default();
        let candidate = self
            .renames
            .get(qualified)
            .cloned()
            .unwrap_or_else(|| naming::camel(local));
        let name = if self.config.module_layout == ModuleLayout::Flat && !scope.is_free(&candidate)
        {
            let last = namespace.rsplit('.').next().unwrap_or(namespace);
            scope.claim(&format!("{}{candidate}", naming::camel(last)), Style::Camel)
        } else {
            scope.claim(&candidate, Style::Camel)
        };
        Some(TypeName {
            module: module.clone(),
            name,
        })
    }

    fn assign_polymorphic(&mut self, scopes: &mut BTreeMap<ModulePath, NameSet>) {
        let model = self.model;
        let bases = model
            .complex_types()
            .map(|(id, _)| StructuredTypeId::Complex(id))
            .chain(
                model
                    .entity_types()
                    .map(|(id, _)| StructuredTypeId::Entity(id)),
            );
        for base in bases {
            let Some(base_name) = self.struct_name(base).cloned() else {
                continue;
            };
            let derived: Vec<StructuredTypeId> = model
                .all_derived_types(base)
                .into_iter()
                .filter(|d| self.struct_name(*d).is_some())
                .collect();
            if derived.is_empty() {
                continue;
            }
            let name = scopes
                .entry(base_name.module.clone())
                .or_default()
                .claim(&format!("Any{}", base_name.name), Style::Camel);
            let mut variant_names = NameSet::default();
            let variants = std::iter::once(base)
                .chain(derived)
                .filter(|t| !self.is_abstract(*t))
                .filter_map(|t| {
                    let ident = self.struct_name(t)?.name.clone();
                    Some((variant_names.claim(&ident, Style::Camel), t))
                })
                .collect();
            let unknown = variant_names.claim("UnknownType", Style::Camel);
            self.polymorphic.insert(
                base,
                Polymorphic {
                    name: TypeName {
                        module: base_name.module,
                        name,
                    },
                    base,
                    variants,
                    unknown,
                },
            );
        }
    }

    /// Update structs for the entity types that have an updatable property.
    fn assign_update_names(&mut self, scopes: &mut BTreeMap<ModulePath, NameSet>) {
        for (id, _) in self.model.entity_types() {
            let keys: HashSet<PropertyId> = self.model.key(id).iter().map(|k| k.property).collect();
            let updatable = self
                .model
                .all_properties(id.into())
                .iter()
                .any(|(p, prop)| {
                    !keys.contains(p)
                        && prop.ty.kind != TypeKind::Primitive(PrimitiveType::Stream)
                        && self.is_updatable(*p)
                });
            if !updatable {
                continue;
            }
            if let Some(name) = self.entity_names[id.index()].clone() {
                let update = scopes
                    .entry(name.module.clone())
                    .or_default()
                    .claim(&format!("{}Update", name.name), Style::Camel);
                self.update_names[id.index()] = Some(TypeName {
                    module: name.module,
                    name: update,
                });
            }
        }
    }

    /// Whether a client may change the property with PATCH: not `Core.Computed`,
    /// not `Core.Immutable`, and `Core.Permissions` (if given) includes `Write`.
    /// (Keys are left out by the callers.)
    pub fn is_updatable(&self, property: PropertyId) -> bool {
        let model = self.model;
        let target = Target::Property(property);
        let tag = |term: &str| {
            model
                .annotation(target, term, None)
                .and_then(|a| a.as_tag())
                .unwrap_or(false)
        };
        if tag("Org.OData.Core.V1.Computed") || tag("Org.OData.Core.V1.Immutable") {
            return false;
        }
        let permissions = model
            .annotation(target, "Org.OData.Core.V1.Permissions", None)
            .and_then(|a| a.value.as_ref()?.as_enum_members());
        match permissions {
            Some(members) => members
                .iter()
                .any(|m| matches!(&*m.member, "Write" | "ReadWrite")),
            None => true,
        }
    }

    // ---- lookups ----

    /// Every generated type's name.
    pub fn all_type_names(&self) -> impl Iterator<Item = &TypeName> {
        self.entity_names
            .iter()
            .chain(&self.complex_names)
            .chain(&self.enum_names)
            .chain(&self.type_definition_names)
            .chain(&self.update_names)
            .flatten()
            .chain(self.polymorphic.values().map(|p| &p.name))
            .chain(self.builders.iter().flat_map(|b| b.all_type_names()))
    }

    /// The configured derives, without those an item already derives (`builtin`).
    pub fn extra_derives(&self, builtin: &[&str]) -> Vec<&syn::Path> {
        self.derives
            .iter()
            .filter(|d| {
                d.segments
                    .last()
                    .is_none_or(|s| !builtin.contains(&s.ident.to_string().as_str()))
            })
            .collect()
    }

    /// The paths generated code writes in `module`.
    pub fn paths(&self, module: &ModulePath) -> Paths {
        Paths::new(!self.shadowing.contains(module))
    }

    /// The struct of an entity or complex type, if generated.
    pub fn struct_name(&self, ty: StructuredTypeId) -> Option<&TypeName> {
        match ty {
            StructuredTypeId::Entity(id) => self.entity_names[id.index()].as_ref(),
            StructuredTypeId::Complex(id) => self.complex_names[id.index()].as_ref(),
        }
    }

    /// The enum of an enumeration type, if generated.
    pub fn enum_name(&self, id: EnumTypeId) -> Option<&TypeName> {
        self.enum_names[id.index()].as_ref()
    }

    /// The alias of a type definition, if generated.
    pub fn type_definition_name(&self, id: TypeDefinitionId) -> Option<&TypeName> {
        self.type_definition_names[id.index()].as_ref()
    }

    /// The update struct of an entity type, if generated.
    pub fn update_name(&self, id: EntityTypeId) -> Option<&TypeName> {
        self.update_names[id.index()].as_ref()
    }

    /// The polymorphic enum of a base type, if it has generated derived types.
    pub fn polymorphic(&self, base: StructuredTypeId) -> Option<&Polymorphic> {
        self.polymorphic.get(&base)
    }

    /// Every polymorphic enum, by base type.
    pub fn polymorphic_enums(&self) -> impl Iterator<Item = &Polymorphic> {
        self.polymorphic.values()
    }

    /// Whether an entity or complex type is abstract.
    pub fn is_abstract(&self, ty: StructuredTypeId) -> bool {
        match ty {
            StructuredTypeId::Entity(id) => self.model.entity_type(id).is_abstract,
            StructuredTypeId::Complex(id) => self.model.complex_type(id).is_abstract,
        }
    }

    /// The qualified CSDL name of an entity or complex type.
    pub fn qualified_name(&self, ty: StructuredTypeId) -> &str {
        self.model.structured_type_name(ty).as_str()
    }

    /// The alias-qualified spellings of a type's name (`self.Message` for `Ns.Message`).
    pub fn alias_names(&self, ty: StructuredTypeId) -> Vec<String> {
        let q = self.model.structured_type_name(ty);
        let mut names: Vec<String> = self
            .model
            .schemas()
            .filter(|(_, s)| *s.namespace == *q.namespace())
            .filter_map(|(_, s)| s.alias.as_deref())
            .map(|alias| format!("{alias}.{}", q.name()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    // ---- types of values ----

    fn mapped(&self, name: &str) -> Option<Element> {
        self.mappings.get(name).map(|ty| Element {
            ty: RustType::Tokens(quote!(#ty)),
            marker: Marker::Same,
            inline_struct: None,
        })
    }

    pub(crate) fn plain(ty: TokenStream, marker: Marker) -> Element {
        Self::element_of(RustType::Tokens(ty), marker)
    }

    fn element_of(ty: RustType, marker: Marker) -> Element {
        Element {
            ty,
            marker,
            inline_struct: None,
        }
    }

    /// The JSON value type, for what the model cannot type.
    pub fn json_value(&self) -> TokenStream {
        quote!(__odata::JsonValue)
    }

    /// The element type of a primitive type.
    pub fn primitive(&self, p: PrimitiveType) -> Element {
        if let Some(e) = self.mapped(&p.to_string()) {
            return e;
        }
        let rt = quote!(__odata);
        use PrimitiveType as P;
        match p {
            P::Binary => Self::element_of(
                RustType::Vec(Box::new(RustType::Tokens(quote!(u8)))),
                match self.config.binary_encoding {
                    BinaryEncoding::Base64Url => Marker::Base64Url,
                    _ => Marker::Base64,
                },
            ),
            P::Boolean => Self::plain(quote!(bool), Marker::Same),
            P::Byte => Self::plain(quote!(u8), Marker::Same),
            P::SByte => Self::plain(quote!(i8), Marker::Same),
            P::Int16 => Self::plain(quote!(i16), Marker::Same),
            P::Int32 => Self::plain(quote!(i32), Marker::Same),
            P::Int64 => Self::plain(quote!(i64), Marker::Int64),
            P::Single => Self::plain(quote!(f32), Marker::Float),
            P::Double => Self::plain(quote!(f64), Marker::Float),
            P::Decimal => Self::plain(quote!(#rt::Decimal), Marker::Same),
            P::Date => Self::plain(quote!(#rt::Date), Marker::Same),
            P::DateTimeOffset => Self::plain(quote!(#rt::DateTimeOffset), Marker::Same),
            P::TimeOfDay => Self::plain(quote!(#rt::TimeOfDay), Marker::Same),
            P::Duration => Self::plain(quote!(#rt::Duration), Marker::Same),
            P::Guid => Self::plain(quote!(#rt::Guid), Marker::Same),
            P::String => Self::element_of(RustType::String, Marker::Same),
            _ => Self::plain(self.json_value(), Marker::Same),
        }
    }

    /// The element type of a type reference's type (ignoring `Collection` and `Nullable`).
    pub fn element(&self, kind: &TypeKind) -> Element {
        let model = self.model;
        match kind {
            TypeKind::Primitive(p) => self.primitive(*p),
            TypeKind::Abstract(a) => match a {
                AbstractType::AnnotationPath
                | AbstractType::PropertyPath
                | AbstractType::NavigationPropertyPath
                | AbstractType::AnyPropertyPath
                | AbstractType::ModelElementPath => {
                    Self::element_of(RustType::String, Marker::Same)
                }
                _ => Self::plain(self.json_value(), Marker::Same),
            },
            TypeKind::Enum(id) => {
                let t = model.enum_type(*id);
                if let Some(e) = self.mapped(t.name.as_str()) {
                    return e;
                }
                match self.enum_name(*id) {
                    Some(name) => {
                        let named = RustType::Named(name.clone());
                        let ty = if t.is_flags {
                            RustType::FlagSet(Box::new(named))
                        } else {
                            named
                        };
                        Element {
                            ty,
                            marker: Marker::Same,
                            inline_struct: None,
                        }
                    }
                    None => Self::element_of(RustType::String, Marker::Same),
                }
            }
            TypeKind::TypeDefinition(id) => {
                let t = model.type_definition(*id);
                if let Some(e) = self.mapped(t.name.as_str()) {
                    return e;
                }
                let underlying = self.primitive(t.underlying_type);
                match self.type_definition_name(*id) {
                    Some(name) => Element {
                        ty: RustType::Named(name.clone()),
                        marker: underlying.marker,
                        inline_struct: None,
                    },
                    None => underlying,
                }
            }
            TypeKind::Complex(id) => self.structured_element(StructuredTypeId::Complex(*id)),
            TypeKind::Entity(id) => self.structured_element(StructuredTypeId::Entity(*id)),
            TypeKind::Vocabulary(_) => Self::plain(self.json_value(), Marker::Same),
        }
    }

    /// The element type of an entity or complex type: its polymorphic enum if it has derived types.
    pub fn structured_element(&self, ty: StructuredTypeId) -> Element {
        if let Some(e) = self.mapped(self.qualified_name(ty)) {
            return e;
        }
        if let Some(poly) = self.polymorphic(ty) {
            return Element {
                ty: RustType::Named(poly.name.clone()),
                marker: Marker::Same,
                inline_struct: None,
            };
        }
        match self.struct_name(ty) {
            Some(name) => Element {
                ty: RustType::Named(name.clone()),
                marker: Marker::Same,
                inline_struct: Some(ty),
            },
            None => Self::plain(self.json_value(), Marker::Same),
        }
    }

    // ---- writing types ----

    /// The tokens of `ty` as written in module `from`.
    pub fn type_tokens(&self, ty: &RustType, from: &ModulePath) -> TokenStream {
        self.type_tokens_with(ty, from, &self.paths(from))
    }

    fn type_tokens_with(&self, ty: &RustType, from: &ModulePath, p: &Paths) -> TokenStream {
        match ty {
            RustType::Tokens(t) => t.clone(),
            RustType::Named(name) => self.path_to(from, name),
            RustType::String => p.string.clone(),
            RustType::Option(t) => {
                let (option, t) = (&p.option, self.type_tokens_with(t, from, p));
                quote!(#option<#t>)
            }
            RustType::Vec(t) => {
                let (vec, t) = (&p.vec, self.type_tokens_with(t, from, p));
                quote!(#vec<#t>)
            }
            RustType::Box(t) => {
                let (boxed, t) = (&p.boxed, self.type_tokens_with(t, from, p));
                quote!(#boxed<#t>)
            }
            RustType::FlagSet(t) => {
                let (rt, t) = (&p.rt, self.type_tokens_with(t, from, p));
                quote!(#rt::FlagSet<#t>)
            }
        }
    }

    /// The path of a generated type as written in module `from` (relative, so
    /// that the generated tree may be included anywhere).
    pub fn path_to(&self, from: &ModulePath, to: &TypeName) -> TokenStream {
        let common = from
            .iter()
            .zip(&to.module)
            .take_while(|(a, b)| a == b)
            .count();
        let supers = (common..from.len()).map(|_| quote!(super::));
        let segments = to.module[common..].iter().map(|s| naming::ident(s));
        let name = naming::ident(&to.name);
        quote!(#(#supers)* #(#segments::)* #name)
    }
}
