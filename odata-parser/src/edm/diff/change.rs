//! The result of a comparison: one [`Change`] per element and aspect that differs, each
//! classified as breaking or not, and counts of them.

use std::collections::BTreeMap;
use std::fmt;

/// The kind of model element a change is about.
///
/// The order of the variants is the order of the summary table and of the JSON `by_kind`
/// object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ElementKind {
    /// An `EntityType` (its key, base type and flags included).
    EntityType,
    /// A `ComplexType`.
    ComplexType,
    /// An `EnumType`.
    EnumType,
    /// A `Member` of an enumeration type.
    EnumMember,
    /// A `TypeDefinition`.
    TypeDefinition,
    /// A structural `Property` (its Core permissions included).
    Property,
    /// A `NavigationProperty`.
    NavigationProperty,
    /// One overload of an `Action` (its return type included).
    Action,
    /// One overload of a `Function` (its return type included).
    Function,
    /// A non-binding `Parameter` of an action or function overload.
    Parameter,
    /// The main `EntityContainer` itself.
    EntityContainer,
    /// An `EntitySet`.
    EntitySet,
    /// A `Singleton`.
    Singleton,
    /// A `NavigationPropertyBinding` of an entity set or singleton.
    NavigationBinding,
    /// An `ActionImport`.
    ActionImport,
    /// A `FunctionImport`.
    FunctionImport,
    /// The effective value of a Capabilities term on a navigation path.
    Capability,
}

impl ElementKind {
    /// Every kind, in order.
    pub const ALL: [ElementKind; 17] = [
        ElementKind::EntityType,
        ElementKind::ComplexType,
        ElementKind::EnumType,
        ElementKind::EnumMember,
        ElementKind::TypeDefinition,
        ElementKind::Property,
        ElementKind::NavigationProperty,
        ElementKind::Action,
        ElementKind::Function,
        ElementKind::Parameter,
        ElementKind::EntityContainer,
        ElementKind::EntitySet,
        ElementKind::Singleton,
        ElementKind::NavigationBinding,
        ElementKind::ActionImport,
        ElementKind::FunctionImport,
        ElementKind::Capability,
    ];

    /// The stable identifier used in JSON, e.g. `navigation_property`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::EntityType => "entity_type",
            ElementKind::ComplexType => "complex_type",
            ElementKind::EnumType => "enum_type",
            ElementKind::EnumMember => "enum_member",
            ElementKind::TypeDefinition => "type_definition",
            ElementKind::Property => "property",
            ElementKind::NavigationProperty => "navigation_property",
            ElementKind::Action => "action",
            ElementKind::Function => "function",
            ElementKind::Parameter => "parameter",
            ElementKind::EntityContainer => "entity_container",
            ElementKind::EntitySet => "entity_set",
            ElementKind::Singleton => "singleton",
            ElementKind::NavigationBinding => "navigation_binding",
            ElementKind::ActionImport => "action_import",
            ElementKind::FunctionImport => "function_import",
            ElementKind::Capability => "capability",
        }
    }

    /// The name for people, e.g. `navigation property`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ElementKind::EntityType => "entity type",
            ElementKind::ComplexType => "complex type",
            ElementKind::EnumType => "enum type",
            ElementKind::EnumMember => "enum member",
            ElementKind::TypeDefinition => "type definition",
            ElementKind::Property => "property",
            ElementKind::NavigationProperty => "navigation property",
            ElementKind::Action => "action",
            ElementKind::Function => "function",
            ElementKind::Parameter => "parameter",
            ElementKind::EntityContainer => "entity container",
            ElementKind::EntitySet => "entity set",
            ElementKind::Singleton => "singleton",
            ElementKind::NavigationBinding => "navigation binding",
            ElementKind::ActionImport => "action import",
            ElementKind::FunctionImport => "function import",
            ElementKind::Capability => "capability",
        }
    }
}

impl fmt::Display for ElementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether an element was added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Only in the new model.
    Added,
    /// Only in the old model.
    Removed,
    /// In both, with a different [`Change::aspect`].
    Changed,
}

impl ChangeKind {
    /// `added`, `removed` or `changed`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part of a report a change is listed under: the kind of its top-level element (a
/// property of an entity type is listed with the entity types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Entity types, their properties, navigation properties and keys.
    EntityTypes,
    /// Complex types and their members.
    ComplexTypes,
    /// Enumeration types and their members.
    EnumTypes,
    /// Type definitions.
    TypeDefinitions,
    /// Actions, functions and their parameters.
    Operations,
    /// The entity container: entity sets, singletons, bindings, imports.
    Container,
    /// Effective capabilities per navigation path.
    Capabilities,
}

impl Section {
    /// The heading of the section.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Section::EntityTypes => "Entity types",
            Section::ComplexTypes => "Complex types",
            Section::EnumTypes => "Enum types",
            Section::TypeDefinitions => "Type definitions",
            Section::Operations => "Actions and functions",
            Section::Container => "Entity container",
            Section::Capabilities => "Capabilities",
        }
    }
}

/// One difference between the old and the new model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What kind of element differs.
    pub kind: ElementKind,
    /// The element's path: `ns.Type`, `ns.Type/property`, `ns.Enum/Member`,
    /// `ns.action(ns.BindingType)`, `ns.function(ns.BindingType)/parameter`,
    /// `ns.Container/set`, `ns.Container/set/navigation/path` (see the module documentation).
    pub element: String,
    /// The namespace the element belongs to (for container children, the container's).
    pub namespace: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// For a changed element, what changed: `type`, `nullable`, `max_length`, `key`,
    /// `FilterRestrictions/NonFilterableProperties`, …; `None` for additions and removals.
    pub aspect: Option<&'static str>,
    /// Whether a client generated from the old document can fail against the new service.
    pub breaking: bool,
    /// Why it is (or is not) breaking, in one line.
    pub reason: String,
    /// The old value (for a removal: a short description of the element), if any.
    pub old: Option<String>,
    /// The new value (for an addition: a short description of the element), if any.
    pub new: Option<String>,
    /// Where reports list the change.
    pub section: Section,
    /// Other element paths with the identical change, sorted. Only capability changes
    /// are merged this way: a restriction on an entity set or type shows at every path
    /// that reaches it, and is listed once, at the shortest such path.
    pub also: Vec<String>,
}

impl Change {
    /// The key changes are sorted by: element path, kind, aspect, then change kind.
    fn sort_key(&self) -> (&str, ElementKind, Option<&str>, ChangeKind) {
        (&self.element, self.kind, self.aspect, self.change)
    }
}

/// Counts of changes of one element kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Added elements.
    pub added: usize,
    /// Removed elements.
    pub removed: usize,
    /// Changed aspects of elements.
    pub changed: usize,
    /// Changes of any kind that break clients generated from the old document.
    pub breaking: usize,
}

impl Counts {
    /// Added + removed + changed.
    #[must_use]
    pub fn total(&self) -> usize {
        self.added + self.removed + self.changed
    }

    fn count(&mut self, change: &Change) {
        match change.change {
            ChangeKind::Added => self.added += 1,
            ChangeKind::Removed => self.removed += 1,
            ChangeKind::Changed => self.changed += 1,
        }
        if change.breaking {
            self.breaking += 1;
        }
    }
}

/// Counts of changes, in total and per element kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffSummary {
    /// All changes.
    pub total: Counts,
    /// Per element kind; kinds without changes are absent.
    pub by_kind: BTreeMap<ElementKind, Counts>,
}

impl fmt::Display for DiffSummary {
    /// A fixed-width table: one row per kind with changes, then the total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<20} {:>7} {:>7} {:>7} {:>8}",
            "kind", "added", "removed", "changed", "breaking"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{name:<20} {:>7} {:>7} {:>7} {:>8}",
                c.added, c.removed, c.changed, c.breaking
            )
        };
        for (kind, counts) in &self.by_kind {
            row(f, kind.label(), counts)?;
        }
        row(f, "total", &self.total)
    }
}

/// The classified differences between two models, sorted by element path.
///
/// Build one with [`super::diff`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaDiff {
    changes: Vec<Change>,
    capability_paths: usize,
}

impl SchemaDiff {
    /// Sorts the changes and wraps them.
    pub(crate) fn new(mut changes: Vec<Change>, capability_paths: usize) -> Self {
        changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        changes.dedup();
        SchemaDiff {
            changes,
            capability_paths,
        }
    }

    /// Every change, sorted by element path (then kind, aspect and change kind).
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Whether the models are equivalent as far as the comparison goes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether any change breaks clients generated from the old document (the CLI exits
    /// with 2 then).
    #[must_use]
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// The breaking changes, in order.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> + '_ {
        self.changes.iter().filter(|c| c.breaking)
    }

    /// How many navigation paths present in both models had their capabilities compared.
    #[must_use]
    pub fn capability_paths(&self) -> usize {
        self.capability_paths
    }

    /// Counts of changes in total and per element kind.
    #[must_use]
    pub fn summary(&self) -> DiffSummary {
        let mut summary = DiffSummary::default();
        for c in &self.changes {
            summary.total.count(c);
            summary.by_kind.entry(c.kind).or_default().count(c);
        }
        summary
    }
}

/// An element being compared: what the changes about it are filed under.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    pub(crate) kind: ElementKind,
    pub(crate) section: Section,
    pub(crate) path: String,
    pub(crate) namespace: String,
}

impl Element {
    pub(crate) fn new(
        kind: ElementKind,
        section: Section,
        path: impl Into<String>,
        namespace: &str,
    ) -> Self {
        Element {
            kind,
            section,
            path: path.into(),
            namespace: namespace.to_owned(),
        }
    }

    /// A member of this element: `path/name`, in the same section and namespace.
    pub(crate) fn child(&self, kind: ElementKind, name: &str) -> Element {
        Element {
            kind,
            section: self.section,
            path: format!("{}/{name}", self.path),
            namespace: self.namespace.clone(),
        }
    }

    fn change(
        &self,
        change: ChangeKind,
        aspect: Option<&'static str>,
        breaking: bool,
        reason: String,
        old: Option<String>,
        new: Option<String>,
    ) -> Change {
        Change {
            kind: self.kind,
            element: self.path.clone(),
            namespace: self.namespace.clone(),
            change,
            aspect,
            breaking,
            reason,
            old,
            new,
            section: self.section,
            also: Vec::new(),
        }
    }

    pub(crate) fn added(
        &self,
        breaking: bool,
        reason: impl Into<String>,
        new: Option<String>,
    ) -> Change {
        self.change(ChangeKind::Added, None, breaking, reason.into(), None, new)
    }

    pub(crate) fn removed(
        &self,
        breaking: bool,
        reason: impl Into<String>,
        old: Option<String>,
    ) -> Change {
        self.change(
            ChangeKind::Removed,
            None,
            breaking,
            reason.into(),
            old,
            None,
        )
    }

    pub(crate) fn changed(
        &self,
        aspect: &'static str,
        breaking: bool,
        reason: impl Into<String>,
        old: impl Into<String>,
        new: impl Into<String>,
    ) -> Change {
        self.change(
            ChangeKind::Changed,
            Some(aspect),
            breaking,
            reason.into(),
            Some(old.into()),
            Some(new.into()),
        )
    }
}
