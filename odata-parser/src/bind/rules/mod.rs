//! Rules: the checks that run on a bound request.
//!
//! - [`capabilities`]: the rules every profile applies, read from the model's
//!   `Capabilities` annotations (filterable, sortable, searchable, top/skip/count support,
//!   expand restrictions, filter functions, change tracking).
//! - [`profile`]: the [`ServiceProfile`] trait and the [`Profile`] wrapper.
//! - [`outlook`]: the Outlook REST API v2.0 profile and its rules, together in one file.
//!
//! A rule reads [`Facts`], which the binder collects while it binds: every member path used
//! in `$filter` (lambda variables resolved), every function and operator, the `$orderby`
//! items, the `$expand` items, the options written, the addressed resource and its
//! capabilities. A rule reports through the [`Sink`].

pub mod capabilities;
pub mod outlook;
pub mod profile;

use std::sync::Arc;

pub use profile::{Profile, ServiceProfile, Standard};

use crate::ast::{Expr, SearchExpr};
use crate::bind::Method;
use crate::bind::diagnostics::{Code, Diagnostic};
use crate::edm::vocab::{Capabilities, NavigationPath};
use crate::edm::{
    EntityTypeId, Model, NavigationPropertyId, PathSegment, PropertyId, StructuredTypeId,
};
use crate::span::Span;

pub use crate::bind::diagnostics::Sink;

/// A rule of a service profile: one small check with a stable code.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The code of the diagnostics it reports.
    pub code: Code,
    /// One line: what the rule enforces.
    pub summary: &'static str,
    /// Standard codes it replaces when it reports at the same span (a service-specific
    /// message is more useful than the generic one).
    pub supersedes: &'static [Code],
    /// The check.
    pub check: fn(&Facts<'_, '_>, &mut Vec<Diagnostic>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// The query options a request can carry, for [`OptionFact`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptionKind {
    /// `$filter`.
    Filter,
    /// `$search`.
    Search,
    /// `$orderby`.
    OrderBy,
    /// `$top`.
    Top,
    /// `$skip`.
    Skip,
    /// `$count`.
    Count,
    /// `$select`.
    Select,
    /// `$expand`.
    Expand,
    /// `$compute`.
    Compute,
    /// `$format`.
    Format,
    /// `$skiptoken`.
    SkipToken,
    /// `$deltatoken`.
    DeltaToken,
    /// `$index`, `$schemaversion`, `$id`, `$levels`.
    Other,
    /// A parameter alias `@p=…`.
    Alias,
    /// A custom option.
    Custom,
}

/// One top-level query option as written.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OptionFact {
    /// Which option.
    pub kind: OptionKind,
    /// `name=value` in the URL.
    pub span: Span,
}

/// Where an expression occurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// The top-level `$filter` (or a `/$filter(…)` or `/$count?$filter` of the path).
    Filter,
    /// A `$filter` nested in `$expand` or `$select` options.
    NestedFilter,
    /// `$orderby`, top level or nested.
    OrderBy,
    /// `$compute`.
    Compute,
    /// A key or a function parameter in the path.
    Path,
}

/// A member path used in an expression, from the type of the resource the expression is
/// evaluated on (lambda variables replaced by the paths they range over).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PathFact<'m> {
    /// Where.
    pub place: Place,
    /// The typed segments, e.g. `[From, EmailAddress, Address]`.
    pub segments: Vec<PathSegment>,
    /// The path in the URL.
    pub span: Span,
    /// The spelling of the last member as written.
    pub name: String,
    /// The capabilities of the resource the path starts at.
    pub capabilities: Option<Arc<Capabilities<'m>>>,
    /// Whether the path is inside a lambda (`any`/`all`).
    pub in_lambda: bool,
}

impl PathFact<'_> {
    /// The structural property the path ends at.
    #[must_use]
    pub fn property(&self) -> Option<PropertyId> {
        match self.segments.last()? {
            PathSegment::Property(p) => Some(*p),
            _ => None,
        }
    }
}

/// A canonical function, lambda operator or operator used in `$filter`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CallFact<'m> {
    /// Where.
    pub place: Place,
    /// The name as `FilterFunctions` lists it: `contains`, `eq`, `and`, `any`, `isof`, …
    pub name: &'static str,
    /// The function name as written (functions), or the whole expression (operators).
    pub span: Span,
    /// The typed path of the first argument or left operand, when it is a member path.
    pub subject: Option<Vec<PathSegment>>,
    /// The capabilities of the resource the expression is evaluated on.
    pub capabilities: Option<Arc<Capabilities<'m>>>,
}

/// One `$orderby` item.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OrderFact<'m> {
    /// The typed path, when the item is a member path.
    pub path: Option<Vec<PathSegment>>,
    /// The spelling of the last member as written.
    pub name: String,
    /// The sort expression in the URL.
    pub span: Span,
    /// The whole item in the URL, direction included.
    pub item_span: Span,
    /// `desc`.
    pub descending: bool,
    /// Whether the item is in a nested `$orderby`.
    pub nested: bool,
    /// The capabilities of the sorted resource.
    pub capabilities: Option<Arc<Capabilities<'m>>>,
}

/// One expanded navigation property.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ExpandFact<'m> {
    /// The navigation property.
    pub navigation_property: NavigationPropertyId,
    /// The path from the expanding type (type casts and complex properties included).
    pub path: Vec<PathSegment>,
    /// The type the expand starts from.
    pub from: StructuredTypeId,
    /// The expand item's path in the URL.
    pub span: Span,
    /// 1 for a top-level `$expand`, 2 inside its options, …
    pub depth: u32,
    /// `$levels` of the item, if written (`u32::MAX` for `max`).
    pub levels: Option<u32>,
    /// The capabilities of the expanding resource.
    pub capabilities: Option<Arc<Capabilities<'m>>>,
}

/// What the request addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    /// A collection of entities (an entity set, a collection navigation property).
    EntityCollection,
    /// One entity.
    Entity,
    /// A structural property (primitive or complex, single or collection).
    Property,
    /// `/$count`.
    Count,
    /// `/$value` (a media stream or a raw primitive value).
    Value,
    /// `/$ref`.
    Ref,
    /// A bound or imported action.
    Action,
    /// A bound or imported function.
    Function,
    /// `$metadata`, `$batch`, `$entity`, `$all`, `$crossjoin`, or nothing that bound.
    Other,
}

/// The addressed resource.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResourceFact<'m> {
    /// What kind of resource.
    pub kind: ResourceKind,
    /// The navigation path of the entities involved (for `/$count` and `/$value` too).
    pub path: Option<NavigationPath>,
    /// Their entity type.
    pub entity_type: Option<EntityTypeId>,
    /// Whether query options apply to a collection of entities (a collection, or its `/$count`).
    pub collection: bool,
    /// The effective capabilities of the path.
    pub capabilities: Option<Arc<Capabilities<'m>>>,
    /// The resource path in the URL.
    pub span: Span,
}

/// Preferences of the `Prefer` headers that the rules use.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Prefer {
    /// `odata.track-changes`: a delta (synchronization) request.
    pub track_changes: bool,
    /// `odata.maxpagesize=n`.
    pub max_page_size: Option<u64>,
}

/// Everything the rules see of a bound request.
#[derive(Debug)]
#[non_exhaustive]
pub struct Facts<'a, 'm> {
    /// The model.
    pub model: &'m Model,
    /// The request method.
    pub method: Method,
    /// The original URL.
    pub url: &'a str,
    /// The preferences of the `Prefer` headers.
    pub prefer: Prefer,
    /// The addressed resource, when the path bound.
    pub resource: Option<ResourceFact<'m>>,
    /// The top-level query options in the order written.
    pub options: Vec<OptionFact>,
    /// The top-level `$filter` expression and a map of its spans into the URL.
    pub filter: Option<(&'a Expr<'a>, SpanMap<'a>)>,
    /// The top-level `$search` expression and a map of its spans into the URL.
    pub search: Option<(&'a SearchExpr<'a>, SpanMap<'a>)>,
    /// `$top` and its span.
    pub top: Option<(u64, Span)>,
    /// `$count=true|false` and its span.
    pub count: Option<(bool, Span)>,
    /// Member paths in filters and keys.
    pub paths: Vec<PathFact<'m>>,
    /// Functions and operators in filters.
    pub calls: Vec<CallFact<'m>>,
    /// `$orderby` items (top level and nested).
    pub orderby: Vec<OrderFact<'m>>,
    /// Expanded navigation properties.
    pub expands: Vec<ExpandFact<'m>>,
}

impl Facts<'_, '_> {
    /// The first top-level option of `kind`.
    #[must_use]
    pub fn option(&self, kind: OptionKind) -> Option<&OptionFact> {
        self.options.iter().find(|o| o.kind == kind)
    }

    /// The entity type of the addressed resource.
    #[must_use]
    pub fn entity_type(&self) -> Option<EntityTypeId> {
        self.resource.as_ref().and_then(|r| r.entity_type)
    }

    /// Whether the addressed entities are of type `name` (unqualified, ignoring case) or
    /// derive from it.
    #[must_use]
    pub fn targets_type(&self, name: &str) -> bool {
        let Some(ty) = self.entity_type() else {
            return false;
        };
        self.model.type_chain(ty.into()).any(|t| {
            self.model
                .structured_type_name(t)
                .name()
                .eq_ignore_ascii_case(name)
        })
    }

    /// The name of the navigation property or entity set the resource path ends at
    /// (`Messages` of `me/MailFolders('x')/messages`).
    #[must_use]
    pub fn last_navigation_name(&self) -> Option<&str> {
        let path = self.resource.as_ref()?.path.as_ref()?;
        for s in path.segments.iter().rev() {
            if let PathSegment::NavigationProperty(n) = s {
                return Some(&self.model.navigation_property(*n).name);
            }
        }
        Some(match path.source {
            crate::edm::NavigationSourceId::EntitySet(id) => &self.model.entity_set(id).name,
            crate::edm::NavigationSourceId::Singleton(id) => &self.model.singleton(id).name,
        })
    }

    /// The names of the members of a typed path, `/`-separated (`From/EmailAddress/Address`).
    #[must_use]
    pub fn path_text(&self, segments: &[PathSegment]) -> String {
        let mut out = String::new();
        for s in segments {
            if !out.is_empty() {
                out.push('/');
            }
            match s {
                PathSegment::Property(p) => out.push_str(&self.model.property(*p).name),
                PathSegment::NavigationProperty(n) => {
                    out.push_str(&self.model.navigation_property(*n).name);
                }
                PathSegment::TypeCast(t) => {
                    out.push_str(self.model.structured_type_name(*t).as_str())
                }
            }
        }
        out
    }
}

/// Maps spans of one query option's syntax tree to spans in the URL.
#[derive(Clone, Copy, Debug)]
pub struct SpanMap<'a> {
    pub(crate) source: Option<&'a crate::query::OptionSource>,
    pub(crate) path: Option<&'a crate::query::ODataUri<'a>>,
    pub(crate) text: crate::bind::binder::TextMap,
    pub(crate) base: u32,
}

impl SpanMap<'_> {
    /// The URL span of a syntax-tree span.
    #[must_use]
    pub fn url(&self, span: Span) -> Span {
        let raw = match (self.path, self.source) {
            (Some(uri), _) => uri.path_span_in_url(span),
            (None, Some(s)) => s.to_raw(span),
            (None, None) => span,
        };
        self.text.url(raw.shift(self.base))
    }
}

/// Runs the annotation rules, then the profile's rules.
pub(crate) fn run(facts: &Facts<'_, '_>, profile: &dyn ServiceProfile, sink: &mut Sink<'_>) {
    capabilities::run(facts, sink);
    let mut out = Vec::new();
    for rule in profile.rules() {
        (rule.check)(facts, &mut out);
        if out.is_empty() {
            continue;
        }
        for d in out.drain(..) {
            sink.push_superseding(d, rule.supersedes);
        }
    }
}
