//! The Entity Data Model: a resolved, indexed model of a service's CSDL.
//!
//! Reading happens in two stages (see [`csdl`]): a streaming reader turns
//! CSDL XML into a raw model with names as written, and a resolve pass turns
//! that into a [`Model`] where every reference is a typed id
//! ([`EntityTypeId`], [`PropertyId`], …) into the model's vectors. Consumers
//! only ever see resolved ids.
//!
//! ```
//! use odata_parser::edm::{Model, Target};
//!
//! let model = Model::from_csdl_xml(r#"
//! <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="Mail" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EntityType Name="Message">
//!         <Key><PropertyRef Name="Id"/></Key>
//!         <Property Name="Id" Type="Edm.String" Nullable="false"/>
//!         <Property Name="Subject" Type="Edm.String"/>
//!       </EntityType>
//!       <EntityContainer Name="Service">
//!         <EntitySet Name="Messages" EntityType="self.Message">
//!           <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false"/>
//!         </EntitySet>
//!       </EntityContainer>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#)?;
//!
//! let message = model.entity_type_by_name("self.Message").unwrap();
//! let subject = model.property_by_name(message.into(), "Subject").unwrap();
//! assert_eq!(&*model.property(subject).name, "Subject");
//!
//! let set = model.entity_set_ci("messages").unwrap();
//! let top = model.annotation(Target::EntitySet(set), "Capabilities.TopSupported", None).unwrap();
//! assert_eq!(top.value.as_ref().and_then(|v| v.as_bool()), Some(false));
//! # Ok::<(), odata_parser::edm::CsdlErrors>(())
//! ```

mod annotation;
pub mod csdl;
pub mod diff;
mod ids;
mod index;
mod lookup;
mod model;
mod query;
mod resolve;
pub use resolve::MAX_BASE_TYPE_DEPTH;
mod source;
mod stats;
pub mod vocab;
pub mod vocabularies;

use std::sync::OnceLock;

pub use annotation::{
    Annotation, CastExpr, EnumMemberValue, Expr, ExprKind, ExprType, IfExpr, Operator, PathSegment,
    PropertyValue, Record, Target, TargetPath,
};
pub use csdl::{
    CsdlError, CsdlErrorKind, CsdlErrors, CsdlFormat, CsdlLoader, CsdlWarning, CsdlWarningKind,
    Limits,
};
pub use ids::{
    ComplexTypeId, ContainerChild, DocumentId, EntityContainerId, EntitySetId, EntityTypeId,
    EnumTypeId, IdRange, MemberId, NavigationPropertyId, NavigationSourceId, OperationGroupId,
    OperationId, OperationImportId, PropertyId, SchemaId, SchemaItem, SingletonId,
    StructuredTypeId, TargetPathId, TermId, TypeDefinitionId,
};
pub use model::{
    AbstractType, ComplexType, EntityContainer, EntitySet, EntityType, EnumMember, EnumType,
    Facets, MaxLength, NavigationProperty, NavigationPropertyBinding, OnDeleteAction, Operation,
    OperationGroup, OperationImport, OperationKind, Parameter, PrimitiveType, Property,
    PropertyRef, QualifiedName, ReferentialConstraint, ReturnType, Scale, Schema, Singleton, Srid,
    Term, TypeDefinition, TypeKind, TypeRef,
};
pub use source::{Location, SourceDocument, SourceMap};
pub use stats::Stats;

/// A resolved EDM model: every schema element of the loaded CSDL documents,
/// indexed for O(1) lookups by qualified name (and alias-qualified name),
/// member name, container child name and annotation target, with
/// case-insensitive variants of each.
///
/// Build one with [`Model::from_csdl_xml`], [`Model::from_csdl_json`] or, for
/// documents with references, a [`CsdlLoader`]. The same service read from CSDL
/// XML and from CSDL JSON gives equal models.
#[derive(Clone)]
pub struct Model {
    pub(crate) schemas: Vec<Schema>,
    pub(crate) entity_types: Vec<EntityType>,
    pub(crate) complex_types: Vec<ComplexType>,
    pub(crate) enum_types: Vec<EnumType>,
    pub(crate) type_definitions: Vec<TypeDefinition>,
    pub(crate) properties: Vec<Property>,
    pub(crate) navigation_properties: Vec<NavigationProperty>,
    pub(crate) operations: Vec<Operation>,
    pub(crate) operation_groups: Vec<OperationGroup>,
    pub(crate) containers: Vec<EntityContainer>,
    pub(crate) entity_sets: Vec<EntitySet>,
    pub(crate) singletons: Vec<Singleton>,
    pub(crate) operation_imports: Vec<OperationImport>,
    pub(crate) terms: Vec<Term>,
    /// Applied annotations with their targets, sorted by (target, term, qualifier).
    pub(crate) annotations: Vec<(Target, Annotation)>,
    pub(crate) target_paths: Vec<TargetPath>,
    /// Alias → namespace, for aliases declared anywhere (main document first).
    pub(crate) aliases: Vec<(Box<str>, Box<str>)>,
    pub(crate) hashing: index::Hashing,
    pub(crate) exact: index::NameTables,
    pub(crate) insensitive: OnceLock<index::NameTables>,
    pub(crate) annotation_ranges: hashbrown::HashMap<Target, (u32, u32)>,
    pub(crate) target_path_index: hashbrown::HashTable<TargetPathId>,
    pub(crate) derived_entity_types: Vec<Vec<EntityTypeId>>,
    pub(crate) derived_complex_types: Vec<Vec<ComplexTypeId>>,
    pub(crate) bound_operations: hashbrown::HashMap<(StructuredTypeId, bool), Vec<OperationId>>,
    pub(crate) source_map: SourceMap,
    pub(crate) warnings: Vec<CsdlWarning>,
}

impl Model {
    /// Reads one CSDL XML document (without following its `edmx:Reference`s to
    /// other documents; the standard vocabularies are known by namespace).
    ///
    /// # Errors
    ///
    /// Malformed XML, a missing required attribute, an unresolved name, a
    /// duplicate name, a base-type cycle, a non-standard reference (no resolver
    /// was given), or a hostile document past the default [`Limits`]. Every error
    /// found is returned, each with its line:column and element path.
    pub fn from_csdl_xml(xml: &str) -> Result<Model, CsdlErrors> {
        CsdlLoader::new().load_xml("input.xml", xml)
    }

    /// Reads one CSDL JSON document (without following its `$Reference`s to other
    /// documents; the standard vocabularies are known by namespace).
    ///
    /// ```
    /// use odata_parser::edm::{Model, Target};
    ///
    /// let model = Model::from_csdl_json(r#"{
    ///   "$Version": "4.01",
    ///   "$EntityContainer": "Mail.Service",
    ///   "Mail": {
    ///     "$Alias": "self",
    ///     "Message": {
    ///       "$Kind": "EntityType",
    ///       "$Key": ["Id"],
    ///       "Id": {},
    ///       "Subject": { "$Nullable": true }
    ///     },
    ///     "Service": {
    ///       "$Kind": "EntityContainer",
    ///       "Messages": {
    ///         "$Collection": true,
    ///         "$Type": "self.Message",
    ///         "@Org.OData.Capabilities.V1.TopSupported": false
    ///       }
    ///     }
    ///   }
    /// }"#)?;
    ///
    /// let message = model.entity_type_by_name("self.Message").unwrap();
    /// let id = model.property_by_name(message.into(), "Id").unwrap();
    /// assert!(!model.property(id).ty.nullable); // `$Nullable` is false when absent
    ///
    /// let set = model.entity_set_ci("messages").unwrap();
    /// let top = model.annotation(Target::EntitySet(set), "Capabilities.TopSupported", None).unwrap();
    /// assert_eq!(top.value.as_ref().and_then(|v| v.as_bool()), Some(false));
    /// # Ok::<(), odata_parser::edm::CsdlErrors>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Model::from_csdl_xml`], with malformed JSON (line:column), a member of the
    /// wrong JSON type and a duplicate member name in place of the XML syntax errors.
    pub fn from_csdl_json(json: &str) -> Result<Model, CsdlErrors> {
        CsdlLoader::new().load_json("input.json", json)
    }

    /// The warnings collected while loading (unknown elements and attributes, unknown terms, …).
    #[must_use]
    pub fn warnings(&self) -> &[CsdlWarning] {
        &self.warnings
    }

    /// The loaded documents, for mapping spans to line:column.
    #[must_use]
    pub fn source_map(&self) -> &SourceMap {
        &self.source_map
    }

    /// Line and column of a node's span.
    #[must_use]
    pub fn locate(&self, span: crate::span::Span) -> Option<Location> {
        self.source_map.locate(span)
    }
}

impl PartialEq for Model {
    /// Two models are equal when they have the same elements with the same ids;
    /// spans, documents and warnings are ignored.
    fn eq(&self, other: &Self) -> bool {
        let same_schemas = self.schemas.len() == other.schemas.len()
            && self
                .schemas
                .iter()
                .zip(&other.schemas)
                .all(|(a, b)| a.namespace == b.namespace && a.alias == b.alias);
        same_schemas
            && self.entity_types == other.entity_types
            && self.complex_types == other.complex_types
            && self.enum_types == other.enum_types
            && self.type_definitions == other.type_definitions
            && self.properties == other.properties
            && self.navigation_properties == other.navigation_properties
            && self.operations == other.operations
            && self.operation_groups == other.operation_groups
            && self.containers == other.containers
            && self.entity_sets == other.entity_sets
            && self.singletons == other.singletons
            && self.operation_imports == other.operation_imports
            && self.terms == other.terms
            && self.annotations == other.annotations
            && self.target_paths == other.target_paths
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
