//! The nodes of a resolved EDM model: schemas, types, properties, operations,
//! the entity container and terms.
//!
//! Every node stores what it refers to as typed ids ([`super::ids`]), never
//! as names, and carries a [`NodeSpan`] into the CSDL it was read from
//! (spans take no part in equality, so models read from XML and from JSON
//! compare equal). Names are owned `Box<str>`s.

use std::fmt;

use super::ids::{
    ComplexTypeId, DocumentId, EntityContainerId, EntitySetId, EntityTypeId, EnumTypeId, IdRange,
    NavigationPropertyId, NavigationSourceId, OperationGroupId, OperationId, PropertyId, SchemaId,
    StructuredTypeId, TermId, TypeDefinitionId,
};
use crate::span::{NodeSpan, Span, Spanned};

/// A namespace-qualified name such as `microsoft.graph.user`, stored once with
/// its namespace and local parts available without allocation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName {
    text: Box<str>,
    /// Byte index of the `.` that separates namespace and name.
    dot: u32,
}

impl QualifiedName {
    /// Builds `namespace.name`.
    #[must_use]
    pub fn new(namespace: &str, name: &str) -> Self {
        let mut text = String::with_capacity(namespace.len() + 1 + name.len());
        text.push_str(namespace);
        text.push('.');
        text.push_str(name);
        let dot = u32::try_from(namespace.len()).unwrap_or(u32::MAX);
        QualifiedName {
            text: text.into_boxed_str(),
            dot,
        }
    }

    /// The full dotted name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The namespace part (`microsoft.graph` of `microsoft.graph.user`).
    #[must_use]
    pub fn namespace(&self) -> &str {
        self.text.get(..self.dot as usize).unwrap_or_default()
    }

    /// The unqualified name (`user` of `microsoft.graph.user`).
    #[must_use]
    pub fn name(&self) -> &str {
        self.text.get(self.dot as usize + 1..).unwrap_or_default()
    }
}

impl fmt::Debug for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for QualifiedName {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A `Schema` element.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// The `Namespace` attribute.
    pub namespace: Box<str>,
    /// The `Alias` attribute, if any.
    pub alias: Option<Box<str>>,
    /// The document the schema was read from.
    pub document: DocumentId,
    /// The `Schema` start tag.
    pub span: NodeSpan,
}

/// Declares [`PrimitiveType`] with its list of all types and their names, from one
/// list of variants (each named as in CSDL, without the `Edm.` prefix).
macro_rules! primitive_types {
    ($($name:ident,)+) => {
        /// The primitive types of the EDM (`Edm.String`, `Edm.Int32`, …), including
        /// the abstract `Edm.Geography` and `Edm.Geometry` supertypes.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        #[allow(missing_docs)]
        pub enum PrimitiveType {
            $($name,)+
        }

        impl PrimitiveType {
            /// Every primitive type, in declaration order.
            pub const ALL: [PrimitiveType; [$(stringify!($name)),+].len()] =
                [$(PrimitiveType::$name),+];

            /// The name without the `Edm.` prefix, e.g. `Int32`.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(PrimitiveType::$name => stringify!($name),)+
                }
            }
        }
    };
}

primitive_types! {
    Binary, Boolean, Byte, Date, DateTimeOffset, Decimal, Double, Duration, Guid,
    Int16, Int32, Int64, SByte, Single, Stream, String, TimeOfDay,
    Geography, GeographyPoint, GeographyLineString, GeographyPolygon,
    GeographyMultiPoint, GeographyMultiLineString, GeographyMultiPolygon, GeographyCollection,
    Geometry, GeometryPoint, GeometryLineString, GeometryPolygon,
    GeometryMultiPoint, GeometryMultiLineString, GeometryMultiPolygon, GeometryCollection,
}

impl PrimitiveType {
    /// Looks a type up by its name without the `Edm.` prefix.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether the type is one of the integer types an enumeration may be based on.
    #[must_use]
    pub fn is_integer(self) -> bool {
        use PrimitiveType::*;
        matches!(self, Byte | SByte | Int16 | Int32 | Int64)
    }
}

impl fmt::Display for PrimitiveType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Edm.{}", self.name())
    }
}

/// The abstract built-in types: usable in vocabularies (and `Edm.Untyped` anywhere) but not instantiable.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[allow(missing_docs)]
pub enum AbstractType {
    PrimitiveType,
    ComplexType,
    EntityType,
    Untyped,
    AnnotationPath,
    PropertyPath,
    NavigationPropertyPath,
    AnyPropertyPath,
    ModelElementPath,
}

impl AbstractType {
    /// Looks a type up by its name without the `Edm.` prefix.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        use AbstractType::*;
        Some(match name {
            "PrimitiveType" => PrimitiveType,
            "ComplexType" => ComplexType,
            "EntityType" => EntityType,
            "Untyped" => Untyped,
            "AnnotationPath" => AnnotationPath,
            "PropertyPath" => PropertyPath,
            "NavigationPropertyPath" => NavigationPropertyPath,
            "AnyPropertyPath" => AnyPropertyPath,
            "ModelElementPath" => ModelElementPath,
            _ => return None,
        })
    }
}

impl fmt::Display for AbstractType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Edm.{self:?}")
    }
}

/// What a resolved type reference denotes.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeKind {
    /// A concrete or abstract spatial primitive type.
    Primitive(PrimitiveType),
    /// An abstract built-in type such as `Edm.Untyped` or `Edm.PropertyPath`.
    Abstract(AbstractType),
    /// An enumeration type of the model.
    Enum(EnumTypeId),
    /// A type definition of the model.
    TypeDefinition(TypeDefinitionId),
    /// A complex type of the model.
    Complex(ComplexTypeId),
    /// An entity type of the model.
    Entity(EntityTypeId),
    /// A type of a standard vocabulary (e.g. `Org.OData.Core.V1.Tag`) whose
    /// document was not loaded: known by its full name only.
    Vocabulary(Box<str>),
}

/// `MaxLength`: a number of characters or bytes, or `max`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum MaxLength {
    /// `MaxLength="max"`: the service's maximum.
    Max,
    /// A positive limit.
    Value(u32),
}

/// `Scale`: a number of digits, `variable` or `floating`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Scale {
    /// A fixed number of digits to the right of the decimal point.
    Value(u32),
    /// `Scale="variable"`.
    Variable,
    /// `Scale="floating"` (4.01).
    Floating,
}

/// `SRID`: a spatial reference system id or `variable`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Srid {
    /// A fixed reference system.
    Value(u32),
    /// `SRID="variable"`.
    Variable,
}

/// The type facets that may accompany a type reference.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Facets {
    /// `MaxLength`.
    pub max_length: Option<MaxLength>,
    /// `Precision`.
    pub precision: Option<u32>,
    /// `Scale`.
    pub scale: Option<Scale>,
    /// `SRID`.
    pub srid: Option<Srid>,
    /// `Unicode`.
    pub unicode: Option<bool>,
}

impl Facets {
    /// Whether no facet is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
}

/// A resolved type reference: `Type="Collection(graph.user)" Nullable="false"` and its facets.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TypeRef {
    /// The (element) type.
    pub kind: TypeKind,
    /// Whether the reference was written `Collection(...)`.
    pub collection: bool,
    /// Whether null is allowed (for a collection: whether its items may be null).
    /// Absent `Nullable` means `true`.
    pub nullable: bool,
    /// MaxLength, Precision, Scale, SRID, Unicode.
    pub facets: Facets,
}

impl TypeRef {
    /// The structured type the reference denotes, if it is an entity or complex type.
    #[must_use]
    pub fn structured(&self) -> Option<StructuredTypeId> {
        match self.kind {
            TypeKind::Entity(id) => Some(StructuredTypeId::Entity(id)),
            TypeKind::Complex(id) => Some(StructuredTypeId::Complex(id)),
            _ => None,
        }
    }
}

/// An `EntityType`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityType {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `BaseType`.
    pub base_type: Option<EntityTypeId>,
    /// The `Key` declared on this type (empty when inherited or absent; see [`super::Model::key`]).
    pub key: Vec<PropertyRef>,
    /// `Abstract`.
    pub is_abstract: bool,
    /// `OpenType`.
    pub is_open: bool,
    /// `HasStream`.
    pub has_stream: bool,
    /// The structural properties declared on this type (not inherited ones).
    pub properties: IdRange,
    /// The navigation properties declared on this type.
    pub navigation_properties: IdRange,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `PropertyRef` of a key.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyRef {
    /// The `Name`: a property name or a path through complex properties.
    pub path: Box<str>,
    /// The `Alias` (required for paths).
    pub alias: Option<Box<str>>,
    /// The property the path ends at.
    pub property: PropertyId,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `ComplexType`.
#[derive(Clone, Debug, PartialEq)]
pub struct ComplexType {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `BaseType`.
    pub base_type: Option<ComplexTypeId>,
    /// `Abstract`.
    pub is_abstract: bool,
    /// `OpenType`.
    pub is_open: bool,
    /// The structural properties declared on this type.
    pub properties: IdRange,
    /// The navigation properties declared on this type.
    pub navigation_properties: IdRange,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `Property`.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// The `Name`.
    pub name: Box<str>,
    /// The type that declares it.
    pub declaring_type: StructuredTypeId,
    /// `Type`, `Nullable` and the facets.
    pub ty: TypeRef,
    /// `DefaultValue`, as written.
    pub default_value: Option<Box<str>>,
    /// The start tag.
    pub span: NodeSpan,
}

/// `OnDelete Action`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OnDeleteAction {
    /// `Cascade`.
    Cascade,
    /// `None`.
    None,
    /// `SetNull`.
    SetNull,
    /// `SetDefault`.
    SetDefault,
}

/// A `ReferentialConstraint`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferentialConstraint {
    /// `Property`: a path on the declaring type, as written.
    pub property: Box<str>,
    /// `ReferencedProperty`: a path on the target type, as written.
    pub referenced_property: Box<str>,
    /// The dependent property the `Property` path ends at.
    pub dependent: PropertyId,
    /// The principal property the `ReferencedProperty` path ends at.
    pub principal: PropertyId,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `NavigationProperty`.
#[derive(Clone, Debug, PartialEq)]
pub struct NavigationProperty {
    /// The `Name`.
    pub name: Box<str>,
    /// The type that declares it.
    pub declaring_type: StructuredTypeId,
    /// The target entity type; `None` for the abstract `Edm.EntityType` (vocabularies only).
    pub target: Option<EntityTypeId>,
    /// Whether the type was written `Collection(...)`.
    pub collection: bool,
    /// `Nullable` (single-valued only; `true` when absent).
    pub nullable: bool,
    /// `Partner`, as written (a path from the target type).
    pub partner_path: Option<Box<str>>,
    /// The partner navigation property, resolved.
    pub partner: Option<NavigationPropertyId>,
    /// `ContainsTarget`.
    pub contains_target: bool,
    /// `ReferentialConstraint` children.
    pub referential_constraints: Vec<ReferentialConstraint>,
    /// `OnDelete Action`.
    pub on_delete: Option<OnDeleteAction>,
    /// The start tag.
    pub span: NodeSpan,
}

/// An `EnumType`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumType {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `UnderlyingType` (`Edm.Int32` when absent).
    pub underlying_type: PrimitiveType,
    /// `IsFlags`.
    pub is_flags: bool,
    /// The members in declaration order.
    pub members: Vec<EnumMember>,
    /// The start tag.
    pub span: NodeSpan,
}

impl EnumType {
    /// The member named `name`.
    #[must_use]
    pub fn member(&self, name: &str) -> Option<&EnumMember> {
        self.members.iter().find(|m| &*m.name == name)
    }
}

/// A `Member` of an enumeration type.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumMember {
    /// The `Name`.
    pub name: Box<str>,
    /// The `Value`, or the implicit value (0, 1, 2, … in declaration order) when absent.
    pub value: i64,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `TypeDefinition`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDefinition {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `UnderlyingType`.
    pub underlying_type: PrimitiveType,
    /// The facets the definition fixes.
    pub facets: Facets,
    /// The start tag.
    pub span: NodeSpan,
}

/// Whether an operation is an action or a function.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OperationKind {
    /// An `Action`: may have side effects, invoked with POST.
    Action,
    /// A `Function`: no side effects, invoked with GET.
    Function,
}

/// One overload of an `Action` or `Function`.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The qualified name (shared by all overloads).
    pub name: QualifiedName,
    /// Action or function.
    pub kind: OperationKind,
    /// The overload group this operation belongs to.
    pub group: OperationGroupId,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `IsBound`: the first parameter is the binding parameter.
    pub is_bound: bool,
    /// `IsComposable` (functions only).
    pub is_composable: bool,
    /// `EntitySetPath`, as written.
    pub entity_set_path: Option<Box<str>>,
    /// The parameters in order (for a bound operation the first is the binding parameter).
    pub parameters: Vec<Parameter>,
    /// `ReturnType`.
    pub return_type: Option<ReturnType>,
    /// The start tag.
    pub span: NodeSpan,
}

impl Operation {
    /// The type of the binding parameter, for a bound operation.
    #[must_use]
    pub fn binding_type(&self) -> Option<&TypeRef> {
        if self.is_bound {
            self.parameters.first().map(|p| &p.ty)
        } else {
            None
        }
    }

    /// The parameter named `name` and its index.
    #[must_use]
    pub fn parameter(&self, name: &str) -> Option<(usize, &Parameter)> {
        self.parameters
            .iter()
            .enumerate()
            .find(|(_, p)| &*p.name == name)
    }
}

/// A `Parameter` of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The `Name`.
    pub name: Box<str>,
    /// `Type`, `Nullable` and the facets.
    pub ty: TypeRef,
    /// The start tag.
    pub span: NodeSpan,
}

/// The `ReturnType` of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnType {
    /// `Type`, `Nullable` and the facets.
    pub ty: TypeRef,
    /// The start tag.
    pub span: NodeSpan,
}

/// All overloads of one action or function name. Real services (Graph) give an
/// action and a function the same name, so a group may hold both kinds.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationGroup {
    /// The shared qualified name.
    pub name: QualifiedName,
    /// The overloads in declaration order.
    pub overloads: Vec<OperationId>,
}

/// An `EntityContainer`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityContainer {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `Extends`.
    pub extends: Option<EntityContainerId>,
    /// The entity sets declared here.
    pub entity_sets: IdRange,
    /// The singletons declared here.
    pub singletons: IdRange,
    /// The action and function imports declared here.
    pub operation_imports: IdRange,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `NavigationPropertyBinding`.
#[derive(Clone, Debug, PartialEq)]
pub struct NavigationPropertyBinding {
    /// `Path`, as written (navigation property, possibly via complex properties and type casts).
    pub path: Box<str>,
    /// `Target`, as written.
    pub target_path: Box<str>,
    /// The navigation property the path ends at.
    pub navigation_property: NavigationPropertyId,
    /// The entity set or singleton the target names (for a containment target, where its path starts).
    pub target: NavigationSourceId,
    /// For a 4.01 containment target such as `directory/ns.recovery/recovery/jobs`:
    /// the type casts and properties from `target` to the containment navigation property.
    pub target_segments: Vec<super::annotation::PathSegment>,
    /// The start tag.
    pub span: NodeSpan,
}

/// An `EntitySet`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntitySet {
    /// The `Name`.
    pub name: Box<str>,
    /// The container that declares it.
    pub container: EntityContainerId,
    /// `EntityType`.
    pub entity_type: EntityTypeId,
    /// `IncludeInServiceDocument` (`true` when absent).
    pub include_in_service_document: bool,
    /// `NavigationPropertyBinding` children.
    pub navigation_bindings: Vec<NavigationPropertyBinding>,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `Singleton`.
#[derive(Clone, Debug, PartialEq)]
pub struct Singleton {
    /// The `Name`.
    pub name: Box<str>,
    /// The container that declares it.
    pub container: EntityContainerId,
    /// `Type`.
    pub entity_type: EntityTypeId,
    /// `Nullable` (4.01; `false` when absent).
    pub nullable: bool,
    /// `NavigationPropertyBinding` children.
    pub navigation_bindings: Vec<NavigationPropertyBinding>,
    /// The start tag.
    pub span: NodeSpan,
}

/// An `ActionImport` or `FunctionImport`.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationImport {
    /// The `Name`.
    pub name: Box<str>,
    /// The container that declares it.
    pub container: EntityContainerId,
    /// `ActionImport` or `FunctionImport`.
    pub kind: OperationKind,
    /// The imported `Action`/`Function` (the group; only its unbound overloads of this kind are imported).
    pub operation: OperationGroupId,
    /// `EntitySet`, resolved.
    pub entity_set: Option<EntitySetId>,
    /// `IncludeInServiceDocument` (function imports; `false` when absent).
    pub include_in_service_document: bool,
    /// The start tag.
    pub span: NodeSpan,
}

/// A `Term`.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The qualified name.
    pub name: QualifiedName,
    /// The declaring schema.
    pub schema: SchemaId,
    /// `Type`, `Nullable` and the facets.
    pub ty: TypeRef,
    /// `BaseTerm`, when defined in the model.
    pub base_term: Option<TermId>,
    /// `DefaultValue`, as written.
    pub default_value: Option<Box<str>>,
    /// `AppliesTo`: the symbolic element kinds (`EntitySet`, `Property`, …) as written.
    pub applies_to: Vec<Box<str>>,
    /// The start tag.
    pub span: NodeSpan,
}

macro_rules! spanned {
    ($($ty:ty),*) => {$(
        impl Spanned for $ty {
            fn span(&self) -> Span {
                self.span.0
            }
        }
    )*};
}

spanned!(
    Schema,
    EntityType,
    PropertyRef,
    ComplexType,
    Property,
    ReferentialConstraint,
    NavigationProperty,
    EnumType,
    EnumMember,
    TypeDefinition,
    Operation,
    Parameter,
    ReturnType,
    EntityContainer,
    NavigationPropertyBinding,
    EntitySet,
    Singleton,
    OperationImport,
    Term
);
