//! Typed indices into the vectors a [`Model`](super::Model) owns.
//!
//! Every id is a `u32` newtype: `Copy`, 4 bytes, hashable and ordered by
//! declaration order (document order, then schema order). An id is only
//! meaningful for the model that issued it.

use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The position of the item in its model vector.
            #[must_use]
            pub const fn index(self) -> usize {
                self.0 as usize
            }

            pub(crate) fn from_index(index: usize) -> Self {
                $name(u32::try_from(index).expect("invariant: fewer than 2^32 model items"))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
    )*};
}

ids! {
    /// A `Schema` element.
    SchemaId;
    /// An `EntityType`.
    EntityTypeId;
    /// A `ComplexType`.
    ComplexTypeId;
    /// An `EnumType`.
    EnumTypeId;
    /// A `TypeDefinition`.
    TypeDefinitionId;
    /// A structural `Property` of an entity or complex type.
    PropertyId;
    /// A `NavigationProperty` of an entity or complex type.
    NavigationPropertyId;
    /// One overload of an `Action` or `Function`.
    OperationId;
    /// All overloads that share one qualified action or function name.
    OperationGroupId;
    /// An `EntityContainer`.
    EntityContainerId;
    /// An `EntitySet`.
    EntitySetId;
    /// A `Singleton`.
    SingletonId;
    /// An `ActionImport` or `FunctionImport`.
    OperationImportId;
    /// A `Term`.
    TermId;
    /// A top-level annotation (inline or from an `Annotations` block) applied to a target.
    AnnotationId;
    /// A multi-segment annotation target path such as `Container/Set/NavProp`.
    TargetPathId;
    /// A loaded CSDL document.
    DocumentId;
}

/// An entity or complex type: the types that have properties.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum StructuredTypeId {
    /// An entity type.
    Entity(EntityTypeId),
    /// A complex type.
    Complex(ComplexTypeId),
}

/// An entity set or a singleton: what a navigation property binding can point at.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum NavigationSourceId {
    /// An entity set.
    EntitySet(EntitySetId),
    /// A singleton.
    Singleton(SingletonId),
}

/// A structural or navigation property.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum MemberId {
    /// A structural property.
    Property(PropertyId),
    /// A navigation property.
    NavigationProperty(NavigationPropertyId),
}

/// A named child of a schema: what a qualified name such as `microsoft.graph.user` denotes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum SchemaItem {
    /// An entity type.
    EntityType(EntityTypeId),
    /// A complex type.
    ComplexType(ComplexTypeId),
    /// An enumeration type.
    EnumType(EnumTypeId),
    /// A type definition.
    TypeDefinition(TypeDefinitionId),
    /// All overloads of an action or function.
    Operations(OperationGroupId),
    /// An entity container.
    EntityContainer(EntityContainerId),
    /// A term.
    Term(TermId),
}

/// A named child of an entity container.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum ContainerChild {
    /// An entity set.
    EntitySet(EntitySetId),
    /// A singleton.
    Singleton(SingletonId),
    /// An action or function import.
    OperationImport(OperationImportId),
}

impl From<EntityTypeId> for StructuredTypeId {
    fn from(id: EntityTypeId) -> Self {
        StructuredTypeId::Entity(id)
    }
}

impl From<ComplexTypeId> for StructuredTypeId {
    fn from(id: ComplexTypeId) -> Self {
        StructuredTypeId::Complex(id)
    }
}

impl From<PropertyId> for MemberId {
    fn from(id: PropertyId) -> Self {
        MemberId::Property(id)
    }
}

impl From<NavigationPropertyId> for MemberId {
    fn from(id: NavigationPropertyId) -> Self {
        MemberId::NavigationProperty(id)
    }
}

impl From<EntitySetId> for NavigationSourceId {
    fn from(id: EntitySetId) -> Self {
        NavigationSourceId::EntitySet(id)
    }
}

impl From<SingletonId> for NavigationSourceId {
    fn from(id: SingletonId) -> Self {
        NavigationSourceId::Singleton(id)
    }
}

/// A contiguous run of ids, e.g. the properties one type declares.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IdRange {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl IdRange {
    pub(crate) fn new(start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).expect("invariant: fewer than 2^32 model items");
        IdRange {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// The range as `usize` indices.
    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Number of ids in the run.
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the run is empty.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

impl fmt::Debug for IdRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
