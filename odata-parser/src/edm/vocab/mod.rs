//! A typed view of the `Org.OData.Capabilities.V1` and `Org.OData.Core.V1` annotations of a
//! [`Model`](super::Model): what a service allows on each resource, as validation and code
//! generation need it. Built on the model's annotation API; nothing is read from XML again.
//!
//! ```
//! use odata_parser::edm::Model;
//! use odata_parser::edm::vocab::{Capabilities, NavigationPath};
//!
//! let model = Model::from_csdl_xml(r#"
//! <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="Mail" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EntityType Name="User">
//!         <Key><PropertyRef Name="Id"/></Key>
//!         <Property Name="Id" Type="Edm.String" Nullable="false"/>
//!         <NavigationProperty Name="Messages" Type="Collection(Mail.Message)" ContainsTarget="true"/>
//!       </EntityType>
//!       <EntityType Name="Message">
//!         <Key><PropertyRef Name="Id"/></Key>
//!         <Property Name="Id" Type="Edm.String" Nullable="false"/>
//!         <Property Name="Body" Type="Edm.String"/>
//!       </EntityType>
//!       <EntityContainer Name="Service">
//!         <Singleton Name="Me" Type="Mail.User"/>
//!       </EntityContainer>
//!       <Annotations Target="Mail.User/Messages">
//!         <Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions">
//!           <Record><PropertyValue Property="NonFilterableProperties">
//!             <Collection><PropertyPath>Body</PropertyPath></Collection>
//!           </PropertyValue></Record>
//!         </Annotation>
//!       </Annotations>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#)?;
//!
//! let path = NavigationPath::parse(&model, "Me/Messages")?;
//! let caps = Capabilities::for_path(&model, &path);
//! let message = model.entity_type_by_name("Mail.Message").unwrap();
//! let body = model.property_by_name(message.into(), "Body").unwrap();
//! assert!(!caps.is_filterable(&[body.into()]));
//! assert!(caps.searchable() && caps.top_supported());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Lookup order
//!
//! For a [`NavigationPath`] `root/s1/…/sn` (an entity set or singleton followed by navigation
//! properties, possibly through complex properties and type casts), each term is looked up at
//! these places, most specific first:
//!
//! 1. **The path.** (a) An annotation targeting the path itself, `Container/root/s1/…/sn`
//!    (the vocabulary's favoured form); (b) an entry of `NavigationRestrictions/RestrictedProperties`
//!    whose `NavigationProperty` leads to the resource, on an annotation of `root/s1/…/sk`
//!    for k = n-1 down to 0 (nearest anchor first; k = 0 is the entity set or singleton);
//!    (a) and (b) are repeated from every entity set or singleton a navigation-property binding
//!    leads to along the way (nearest first), as restrictions on a set hold for every path
//!    into it; (c) such entries on a `NavigationRestrictions` annotating a navigation property
//!    `sk` of the path (k = n-1 down to 1); (d) an annotation on the navigation property `sn`
//!    itself (`Ns.Type/Nav`, which holds wherever that property is followed).
//! 2. **The target entity set.** For n = 0 the set or singleton itself; otherwise the entity set
//!    or singleton the binding of the last navigation property leads to, if any (contained
//!    targets have none).
//! 3. **The entity type** of the addressed resources (only that type: annotations are not
//!    inherited, or Graph's `directoryObject` restrictions would hide those of `user`). The
//!    vocabulary's `AppliesTo` does not allow these terms on types, but Microsoft Graph puts
//!    most of its restrictions there; see [`CapabilityOptions::entity_type_annotations`].
//! 4. **The entity container**, for the terms whose `AppliesTo` includes `EntityContainer`
//!    (`FilterFunctions`, `SelectSupport`, `DeepInsertSupport`, `DeepUpdateSupport`;
//!    `KeyAsSegmentSupported` is read from the container only).
//! 5. **`DefaultCapabilities`** on the container, for the terms it has a property for.
//! 6. **The vocabulary's defaults** (`Filterable` true, `RequiresFilter` false, `MaxLevels` -1, …).
//!
//! Both full term names and aliases work: the model stores every term by its full name. An
//! annotation with the preferred [qualifier](CapabilityOptions::qualifier) wins at its target,
//! then the unqualified one; a qualifier equal to the term's own name (Graph writes
//! `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`) counts as none. Where a target
//! has the same term twice, the first in document order counts.
//!
//! # Precedence: field by field (PATCH), not whole records
//!
//! The places above are merged from the least to the most specific: each annotation *patches*
//! the value built so far. A primitive or collection property it gives replaces the value
//! (so a path can lift a restriction with an empty `NonFilterableProperties`), a complex
//! property patches recursively, and a property it leaves out keeps the less specific value,
//! down to the vocabulary default. Reasons:
//! - it is the rule the vocabulary itself prescribes between `DefaultCapabilities` and a
//!   specific annotation, so one rule holds at every level;
//! - it errs on the side of the service: a path that only says `RequiresFilter` does not
//!   silently drop the entity set's `NonFilterableProperties`, which the service still enforces;
//! - whole-record replacement can be stated as a patch (list every property), while patching
//!   cannot be stated with whole records.
//!
//! Per-property Core terms ([`Core`]) are read from the property itself; they do not vary by path.
//!
//! # Cost
//!
//! [`Capabilities::for_path`] reads every term eagerly: about 10 µs for `Me/Messages` of the
//! Outlook model and 20 µs for `Users` (twelve `RestrictedProperties` entries to type) in a
//! release build. A validator should compute it once per navigation path and keep it
//! ([`NavigationPath`] is `Hash + Eq`; the model is immutable).

mod capabilities;
mod core;
mod effective;
mod path;
mod queries;
pub(crate) mod record;
mod summary;

#[cfg(test)]
mod tests;

pub use self::capabilities::{
    AllowedExpressions, ChangeTracking, CountRestrictions, CustomParameter, DeepSupport,
    DeleteRestrictions, ExpandByKeyRestrictions, ExpandRestrictions, FilterExpressionRestriction,
    FilterRestrictions, HttpMethod, Ignored, InsertRestrictions, Navigability,
    NavigationPropertyRestriction, NavigationRestrictions, ReadByKeyRestrictions, ReadRestrictions,
    SearchExpressions, SearchRestrictions, SelectSupport, SortRestrictions, UpdateRestrictions,
};
pub use self::core::{Core, OptionalParameter, Permission};
pub use self::effective::{Capabilities, CapabilityOptions};
pub use self::path::{
    NavigationPath, NavigationPathError, PropertyPath, members_start_with, resolve_member_path,
    same_members,
};
pub use self::queries::SortDirection;
pub use self::record::{CapabilityWarning, CapabilityWarningKind, MaxLevels, Origin};
pub use self::summary::Summary;

/// The namespace of the Capabilities vocabulary.
pub const CAPABILITIES: &str = capabilities::NAMESPACE;
/// The namespace of the Core vocabulary.
pub const CORE: &str = self::core::NAMESPACE;
