//! Schema diff: the differences between two [`Model`]s at the model level, each classified
//! as breaking or not for a client generated from the **old** document, and rendered as
//! text, Markdown or JSON.
//!
//! ```
//! use odata_parser::edm::{Model, diff};
//!
//! let doc = |property: &str| format!(r#"
//! <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="Mail" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EntityType Name="Message">
//!         <Key><PropertyRef Name="Id"/></Key>
//!         <Property Name="Id" Type="Edm.String" Nullable="false"/>
//!         {property}
//!       </EntityType>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#);
//! let old = Model::from_csdl_xml(&doc(r#"<Property Name="Size" Type="Edm.Int64"/>"#))?;
//! let new = Model::from_csdl_xml(&doc(r#"<Property Name="Size" Type="Edm.Int32"/>"#))?;
//!
//! let d = diff::diff(&old, &new);
//! assert!(d.has_breaking());
//! let change = &d.changes()[0];
//! assert_eq!(change.element, "Mail.Message/Size");
//! assert_eq!(change.aspect, Some("type"));
//! println!("{}", diff::render_text(&d, false));
//! # Ok::<(), odata_parser::edm::CsdlErrors>(())
//! ```
//!
//! # What "breaking" means
//!
//! A change is breaking when a client generated from the old document, unchanged, can fail
//! against a service that implements the new one: a request it builds is rejected, a
//! response it receives no longer deserializes into its types, or something it calls or
//! addresses is gone. Wire compatibility decides, not source compatibility of regenerated
//! code (regenerating is what the `cargo insta review` step of the schema-update workflow
//! shows). Where a type is used matters, so type changes are judged by **position**:
//!
//! - *read* (values flow to the client): return types, read-only properties
//!   (`Core.Computed`, or `Core.Permissions` without `Write`, in the new model);
//! - *write* (values flow to the service): parameters;
//! - *both*: every other property, type definitions.
//!
//! # Classification
//!
//! | Element | Change | Breaking? | Why |
//! |---|---|---|---|
//! | any type, property, navigation property, enum member, overload, parameter, entity set, singleton, import | removed | yes | the old client uses it |
//! | entity/complex/enum type, type definition, overload, entity set, singleton, import, navigation property | added | no | the old client does not use it |
//! | property | added, nullable / collection / with `DefaultValue` / read-only | no | creates that leave it out still succeed |
//! | property | added, non-nullable, no default, writable | yes | creates (complex values) of the old client lack it; **no** if every entity set of the type (or a derived type) says `Insertable=false` |
//! | enum member | added | no | generated enums read unknown members into their fallback variant (ours do) |
//! | enum member | value changed | yes | numeric values (`ns.Color'1'`, flags) now mean another member |
//! | enum type | `IsFlags` changed | yes | combinations appear, or are rejected |
//! | enum type | underlying type widened / otherwise | no / yes | members are exchanged by name; numeric values must fit |
//! | type reference | single ↔ collection | yes | payload shapes differ |
//! | type reference | type widened (`Int32`→`Int64`, derived→base type) | read, both: yes; write: no | responses may hold values the old type cannot |
//! | type reference | type narrowed (`Int64`→`Int32`, base→derived type) | write, both: yes; read: no | values the old client sends may be rejected |
//! | type reference | another type of the same underlying primitive (`Edm.String` ↔ a type definition of it) | no | same values on the wire |
//! | type reference | incompatible type | yes | values do not convert |
//! | type reference | nullable → non-nullable | write, both: yes; read: no | the old client may send null or leave it out |
//! | type reference | non-nullable → nullable | read, both: yes; write: no | the old client does not expect null |
//! | type reference | `MaxLength`/`Precision`/`Scale` reduced, `Unicode` → false | write, both: yes; read: no | values the old client sends may be rejected |
//! | type reference | `MaxLength`/`Precision`/`Scale` raised, `Unicode` → true | no | generated types do not depend on them |
//! | type reference | `SRID` changed | yes | coordinates are read in another reference system |
//! | property | `DefaultValue` removed from a writable non-nullable property | yes | creates that leave it out fail; other default changes: no |
//! | property | became read-only / `Core.Immutable` | yes | writes (updates) of the old client are rejected; the reverse: no |
//! | property, navigation property | moved to or from a base type (still present) | no | still inherited |
//! | entity type | key changed | yes | entity URLs differ |
//! | entity/complex type | base type changed (added, removed or other) | yes | inherited members and type casts differ |
//! | entity/complex type | became abstract / stopped being open / lost `HasStream` | yes | creates, dynamic properties, `/$value` fail; the reverse: no |
//! | navigation property | target type, collection-ness or containment changed | yes | payloads and URLs differ |
//! | navigation property | became nullable / non-nullable | yes / no | a missing related entity is unexpected |
//! | navigation property | partner, `OnDelete`, referential constraints changed | no | informational for clients |
//! | overload | identity: name + kind + binding type | — | a new binding type is a removed and an added overload |
//! | overload | return type removed / added | yes / no | the old client expects / ignores a body |
//! | overload | return type changed | by position *read* | |
//! | overload | no longer composable / became composable | yes / no | composed URLs fail |
//! | parameter | added, required / optional | yes / no | optional: `Core.OptionalParameter`, or a nullable action parameter |
//! | parameter | type changed | by position *write* | |
//! | parameter | became required / optional | yes / no | |
//! | entity set, singleton | entity type changed | yes | payloads have another type |
//! | singleton | became nullable / non-nullable | yes / no | |
//! | navigation binding | target changed / removed / added | yes / no / no | URLs built from the old target address the wrong set; a removed binding only withdraws information |
//! | import | imported operation or entity set changed | yes | |
//! | entity container | renamed | no | URLs do not include its name |
//! | entity container | `KeyAsSegmentSupported` turned off / on | yes / no | |
//! | capability | a flag that enables turned off (`Filterable`, `Sortable`, `Searchable`, `Countable`, `Expandable`, `TopSupported`, `SkipSupported`, `Insertable`, `Updatable`, `Deletable`, `Readable`, `Navigable`, …) | yes | the old client's requests using it are rejected; turned on: no |
//! | capability | a flag that demands turned on (`RequiresFilter`, `OptimisticConcurrencyControl`) | yes | turned off: no |
//! | capability | a property joined a deny list (`NonFilterableProperties`, `NonSortableProperties`, `NonExpandableProperties`, `NonInsertableProperties`, `NonUpdatableProperties`, `RequiredProperties`, required custom headers, `UnsupportedExpressions`, …) | yes | left it: no |
//! | capability | an item left an allow list (`FilterFunctions`, `UpdateMethod`, `ChangeTracking` properties) | yes | joined it: no |
//! | capability | `MaxLevels` or navigability lowered | yes | raised: no |
//!
//! # Scope
//!
//! - Elements are matched by qualified name (types, operations), by name within their type
//!   (properties, navigation properties, enum members, parameters) and by name within the
//!   main entity container (entity sets, singletons, imports; bindings by path). Properties
//!   are compared as declared, with inheritance taken into account (a property moved to a
//!   base type is not removed). Entity and complex types of the same name are different
//!   elements, so a type that changes kind is a removal and an addition.
//! - Capabilities are compared on their effective values ([`Capabilities::for_path`]) for
//!   every entity set and singleton of the main container and every navigation path from
//!   them up to [`DiffOptions::capability_depth`] navigation properties (default 2, without
//!   following a navigation property twice), for the paths present in both models. For
//!   Microsoft Graph that is about 2,200 paths per model, a few milliseconds in a release
//!   build. A restriction stated once on an entity set or type shows at every path that
//!   reaches it (through a binding into the set, or to the type): identical changes (same
//!   aspect, old and new value) are therefore one change, listed at the shortest path, with
//!   the other paths in [`Change::also`].
//! - `Core.Computed`, `Core.Permissions` (read-only), `Core.Immutable` and
//!   `Core.OptionalParameter` are compared per property and parameter.
//! - Not compared: terms defined in the documents, other annotations (descriptions, other
//!   vocabularies), containers other than the main one and their `Extends`, parameter order
//!   (parameters are passed by name), `Capabilities` values the typed view does not read
//!   (see [`crate::edm::vocab`]), the nested query options of `SelectSupport`.
//!
//! # Element paths
//!
//! | Element | Path |
//! |---|---|
//! | type | `ns.Name` |
//! | property, navigation property | `ns.Type/name` |
//! | enum member | `ns.Enum/Member` |
//! | action or function overload | `ns.name(ns.BindingType)`, `ns.name()` unbound; `ns.name(ns.BindingType; p1, p2)` and `ns.name(; p1, p2)` when the name and binding have several overloads (sorted non-binding parameter names; for a changed overload, those both versions have) |
//! | parameter | `<overload path>/name` |
//! | entity set, singleton, import | `ns.Container/name` |
//! | navigation binding | `ns.Container/set/binding/path` |
//! | capability | `ns.Container/set/navigation/path` (and [`Change::aspect`] names the term and field) |
//!
//! Changes are sorted by element path, then kind, aspect and change kind, in every output.
//!
//! # JSON output
//!
//! [`render_json`] writes one object, keys in this order, two-space indented:
//!
//! ```text
//! {
//!   "version": 1,
//!   "summary": {
//!     "total": 3, "added": 1, "removed": 1, "changed": 1, "breaking": 2,
//!     "by_kind": { "entity_type": {"added": 0, "removed": 0, "changed": 0, "breaking": 0}, ... }
//!   },
//!   "changes": [
//!     {
//!       "kind": "property",            // ElementKind::as_str: every kind is always listed in by_kind
//!       "element": "ns.Type/name",     // the element path
//!       "namespace": "ns",
//!       "change": "changed",           // "added" | "removed" | "changed"
//!       "aspect": "type",              // null for added/removed
//!       "breaking": true,
//!       "reason": "type narrowed: ...",
//!       "old": "Edm.Int64",            // string or null
//!       "new": "Edm.Int32",            // string or null
//!       "also": []                     // other element paths with the same change (capabilities)
//!     }
//!   ]
//! }
//! ```
//!
//! `version` changes only when a field is removed or changes meaning; fields may be added.
//!
//! # Markdown output
//!
//! [`render_markdown`] writes a heading, a table of counts per element kind, then the
//! breaking changes and then the others, each grouped by [`Section`]. A section with more
//! than 10 changes is folded into `<details>`; one with more than
//! [`MarkdownOptions::max_per_section`] (default 100) lists that many and says how many
//! more there are; and once the report reaches [`MarkdownOptions::max_bytes`] (default
//! 60,000) no further changes are listed, only counted. So the report of a large service
//! fits a pull-request comment (GitHub's limit is 65,536 characters), breaking changes
//! first; the JSON output is always complete. Microsoft Graph 2026-02 → 2026-07 gives
//! 55 KB.

mod capabilities;
mod change;
mod classify;
mod container;
mod operations;
mod render;
mod types;

pub use change::{Change, ChangeKind, Counts, DiffSummary, ElementKind, SchemaDiff, Section};
pub use render::{
    MarkdownOptions, render_json, render_markdown, render_markdown_with, render_text,
};

use super::Model;
#[cfg(doc)]
use super::vocab::Capabilities;

/// How two models are compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffOptions {
    capability_depth: usize,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            capability_depth: 2,
        }
    }
}

impl DiffOptions {
    /// The default options: capabilities compared two navigation properties deep.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// How many navigation properties deep below each entity set and singleton the
    /// effective capabilities are compared (0: the sets and singletons only).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut options = odata_parser::edm::diff::DiffOptions::new();
    /// options.capability_depth(1);
    /// ```
    pub fn capability_depth(&mut self, depth: usize) -> &mut Self {
        self.capability_depth = depth;
        self
    }
}

/// The comparison in progress.
pub(crate) struct Cx<'m> {
    pub(crate) old: &'m Model,
    pub(crate) new: &'m Model,
    pub(crate) out: Vec<change::Change>,
}

/// Compares `old` with `new` with the default [`DiffOptions`].
#[must_use]
pub fn diff(old: &Model, new: &Model) -> SchemaDiff {
    diff_with(old, new, &DiffOptions::default())
}

/// Compares `old` with `new`: every added, removed and changed element, classified for a
/// client generated from `old`, sorted by element path.
#[must_use]
pub fn diff_with(old: &Model, new: &Model, options: &DiffOptions) -> SchemaDiff {
    let mut cx = Cx {
        old,
        new,
        out: Vec::new(),
    };
    cx.structured_types();
    cx.enum_types();
    cx.type_definitions();
    cx.operations();
    cx.container();
    let pairs = capabilities::path_pairs(old, new, options.capability_depth);
    cx.capabilities(&pairs);
    SchemaDiff::new(cx.out, pairs.len())
}
