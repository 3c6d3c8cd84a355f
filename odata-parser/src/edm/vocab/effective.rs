//! The effective capabilities of a navigation path: every annotation that applies to the
//! addressed resource, found in precedence order and merged with PATCH semantics (see the
//! module documentation of [`super`] for the rule and its reasons).

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::edm::{
    Annotation, EntityContainerId, EntityTypeId, Expr, Model, NavigationPropertyId,
    NavigationSourceId, PathSegment, Record, StructuredTypeId, Target,
};

use super::capabilities::{
    ChangeTracking, CountRestrictions, DeepSupport, DeleteRestrictions, ExpandRestrictions,
    FilterRestrictions, InsertRestrictions, NAMESPACE, Navigability, NavigationRestrictions,
    ReadRestrictions, SearchRestrictions, SelectSupport, SortRestrictions, UpdateRestrictions,
};
use super::path::{NavigationPath, resolve_member_path, same_members};
use super::record::{CapabilityWarning, CapabilityWarningKind, Cx, FromExpr, Origin, Patch};
use crate::span::{Span, Spanned};

/// How capability annotations are looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapabilityOptions {
    qualifier: Option<Box<str>>,
    entity_type_annotations: bool,
}

impl Default for CapabilityOptions {
    fn default() -> Self {
        CapabilityOptions {
            qualifier: None,
            entity_type_annotations: true,
        }
    }
}

impl CapabilityOptions {
    /// The default options: unqualified annotations, entity-type annotations included.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Prefers annotations with this qualifier; where a target has none, its unqualified
    /// annotation applies.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut options = odata_parser::edm::vocab::CapabilityOptions::new();
    /// options.qualifier(Some("Mobile"));
    /// ```
    pub fn qualifier(&mut self, qualifier: Option<&str>) -> &mut Self {
        self.qualifier = qualifier.map(Into::into);
        self
    }

    /// Whether capability terms annotated on the entity type of the addressed resource count
    /// (a level below the entity set). The vocabulary's `AppliesTo` does not list entity types
    /// for these terms, but Microsoft Graph annotates types rather than sets (69 of its 73
    /// `FilterRestrictions`), so this is on by default.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut options = odata_parser::edm::vocab::CapabilityOptions::new();
    /// options.entity_type_annotations(false);
    /// ```
    pub fn entity_type_annotations(&mut self, include: bool) -> &mut Self {
        self.entity_type_annotations = include;
        self
    }
}

/// A capability term: its local name and where, besides paths, sets and types, it may apply.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Term {
    pub(crate) name: &'static str,
    /// `AppliesTo` lists `EntityContainer`: an annotation on the container counts.
    container: bool,
    /// A property of `DefaultCapabilitiesType`.
    defaults: bool,
    /// A property of `NavigationPropertyRestriction` (or of its earlier versions).
    restriction: bool,
}

macro_rules! terms {
    ($($konst:ident = $name:literal, container: $c:literal, defaults: $d:literal, restriction: $r:literal;)*) => {
        $(
            pub(crate) const $konst: Term = Term { name: $name, container: $c, defaults: $d, restriction: $r };
        )*
    };
}

terms! {
    FILTER_RESTRICTIONS = "FilterRestrictions", container: false, defaults: true, restriction: true;
    SORT_RESTRICTIONS = "SortRestrictions", container: false, defaults: true, restriction: true;
    SEARCH_RESTRICTIONS = "SearchRestrictions", container: false, defaults: true, restriction: true;
    COUNT_RESTRICTIONS = "CountRestrictions", container: false, defaults: true, restriction: true;
    EXPAND_RESTRICTIONS = "ExpandRestrictions", container: false, defaults: true, restriction: true;
    SELECT_SUPPORT = "SelectSupport", container: true, defaults: true, restriction: true;
    FILTER_FUNCTIONS = "FilterFunctions", container: true, defaults: false, restriction: true;
    CHANGE_TRACKING = "ChangeTracking", container: false, defaults: true, restriction: false;
    INSERT_RESTRICTIONS = "InsertRestrictions", container: false, defaults: true, restriction: true;
    UPDATE_RESTRICTIONS = "UpdateRestrictions", container: false, defaults: true, restriction: true;
    DELETE_RESTRICTIONS = "DeleteRestrictions", container: false, defaults: true, restriction: true;
    READ_RESTRICTIONS = "ReadRestrictions", container: false, defaults: true, restriction: true;
    DEEP_INSERT_SUPPORT = "DeepInsertSupport", container: true, defaults: false, restriction: true;
    DEEP_UPDATE_SUPPORT = "DeepUpdateSupport", container: true, defaults: false, restriction: true;
    TOP_SUPPORTED = "TopSupported", container: false, defaults: true, restriction: true;
    SKIP_SUPPORTED = "SkipSupported", container: false, defaults: true, restriction: true;
    COMPUTE_SUPPORTED = "ComputeSupported", container: false, defaults: true, restriction: false;
    INDEXABLE_BY_KEY = "IndexableByKey", container: false, defaults: true, restriction: true;
    OPTIMISTIC_CONCURRENCY_CONTROL = "OptimisticConcurrencyControl", container: false, defaults: false, restriction: true;
    NAVIGATION_RESTRICTIONS = "NavigationRestrictions", container: false, defaults: false, restriction: false;
    NAVIGABILITY = "Navigability", container: false, defaults: false, restriction: true;
}

/// The effective capabilities of the resource a [`NavigationPath`] addresses: one typed value
/// per Capabilities term, each merged from every annotation that applies, in precedence order,
/// over the vocabulary's defaults. Build one with [`Capabilities::for_path`].
#[derive(Clone, Debug)]
pub struct Capabilities<'m> {
    pub(crate) model: &'m Model,
    path: NavigationPath,
    entity_type: Option<EntityTypeId>,
    collection: bool,
    /// `FilterRestrictions`.
    pub filter_restrictions: FilterRestrictions,
    /// `SortRestrictions`.
    pub sort_restrictions: SortRestrictions,
    /// `SearchRestrictions`.
    pub search_restrictions: SearchRestrictions,
    /// `CountRestrictions`.
    pub count_restrictions: CountRestrictions,
    /// `ExpandRestrictions`.
    pub expand_restrictions: ExpandRestrictions,
    /// `SelectSupport`.
    pub select_support: SelectSupport,
    /// `FilterFunctions`; `None` (or empty) means every function and operator may be tried.
    pub filter_functions: Option<Vec<Box<str>>>,
    /// `ChangeTracking`; `None` when no annotation announces it.
    pub change_tracking: Option<ChangeTracking>,
    /// `InsertRestrictions`.
    pub insert_restrictions: InsertRestrictions,
    /// `UpdateRestrictions`.
    pub update_restrictions: UpdateRestrictions,
    /// `DeleteRestrictions`.
    pub delete_restrictions: DeleteRestrictions,
    /// `ReadRestrictions`.
    pub read_restrictions: ReadRestrictions,
    /// `DeepInsertSupport`; `None` when not announced.
    pub deep_insert_support: Option<DeepSupport>,
    /// `DeepUpdateSupport`; `None` when not announced.
    pub deep_update_support: Option<DeepSupport>,
    /// `TopSupported` (default `true`).
    pub top_supported: bool,
    /// `SkipSupported` (default `true`).
    pub skip_supported: bool,
    /// `ComputeSupported` (default `true`).
    pub compute_supported: bool,
    /// `IndexableByKey` (default `true`).
    pub indexable_by_key: bool,
    /// `OptimisticConcurrencyControl` of a `NavigationPropertyRestriction` (default `false`).
    pub optimistic_concurrency_control: bool,
    /// `KeyAsSegmentSupported` on the container; `false` when not announced.
    pub key_as_segment_supported: bool,
    /// `NavigationRestrictions` of this resource: how *its* navigation properties may be followed.
    pub navigation_restrictions: NavigationRestrictions,
    /// How the last navigation segment of the path may be followed (`Recursive` for a source).
    pub navigability: Navigability,
    /// Whether every segment of the path may be followed: no hop is `None`, and no hop after
    /// a `Single` one.
    pub navigable: bool,
    sources: BTreeMap<&'static str, Vec<Origin>>,
    warnings: Vec<CapabilityWarning>,
}

/// One contribution to a term's effective value.
struct Layer<'m> {
    origin: Origin,
    /// `None`: an annotation without a value (a tag).
    value: Option<&'m Expr>,
}

/// A place a term is looked up at, in precedence order (see the module documentation).
enum Place<'m> {
    /// Annotations applied to a target; `container` marks the entity container, where only
    /// the terms whose `AppliesTo` includes it count.
    Direct { target: Target, container: bool },
    /// A `NavigationRestrictions/RestrictedProperties` entry that addresses the resource.
    Entry {
        anchor: Target,
        index: u32,
        record: &'m Record,
    },
    /// The `DefaultCapabilities` record on a container.
    Defaults {
        container: EntityContainerId,
        record: &'m Record,
    },
}

/// The path with what each prefix addresses, computed once.
struct Resolver<'m, 'o> {
    model: &'m Model,
    options: &'o CapabilityOptions,
    path: &'o NavigationPath,
    container: EntityContainerId,
    /// The structured type at each prefix length `0..=n`.
    types: Vec<Option<StructuredTypeId>>,
    /// The entity set or singleton each prefix's resources belong to, when known.
    bound: Vec<Option<NavigationSourceId>>,
    /// Annotations that were found more than once on their target (term, target, span).
    duplicates: RefCell<Vec<(&'static str, Target, Span)>>,
}

fn source_target(source: NavigationSourceId) -> Target {
    match source {
        NavigationSourceId::EntitySet(id) => Target::EntitySet(id),
        NavigationSourceId::Singleton(id) => Target::Singleton(id),
    }
}

/// Whether `annotation` applies the Capabilities term with local name `term`.
fn is_term(annotation: &Annotation, term: &str) -> bool {
    annotation
        .term
        .strip_prefix(NAMESPACE)
        .and_then(|t| t.strip_prefix('.'))
        == Some(term)
}

impl<'m, 'o> Resolver<'m, 'o> {
    fn new(model: &'m Model, path: &'o NavigationPath, options: &'o CapabilityOptions) -> Self {
        let root = path.source;
        let container = match root {
            NavigationSourceId::EntitySet(id) => model.entity_set(id).container,
            NavigationSourceId::Singleton(id) => model.singleton(id).container,
        };
        let mut types = vec![Some(model.navigation_source_type(root).into())];
        let mut bound = vec![Some(root)];
        // The nearest navigation source and the index its relative binding paths start at.
        let mut base = Some((root, 0usize));
        for (i, segment) in path.segments.iter().enumerate() {
            let (ty, here) = match segment {
                PathSegment::TypeCast(t) => (Some(*t), bound[i]),
                PathSegment::Property(p) => (model.property(*p).ty.structured(), None),
                PathSegment::NavigationProperty(n) => {
                    let nav = model.navigation_property(*n);
                    let binding = base.and_then(|(src, start)| {
                        model.navigation_bindings(src).iter().find(|b| {
                            b.navigation_property == *n
                                && b.path.split('/').count() == i + 1 - start
                        })
                    });
                    let here = match binding {
                        Some(b) if b.target_segments.is_empty() => {
                            base = Some((b.target, i + 1));
                            Some(b.target)
                        }
                        _ => {
                            if !nav.contains_target {
                                base = None;
                            }
                            None
                        }
                    };
                    (nav.target.map(Into::into), here)
                }
            };
            types.push(ty);
            bound.push(here);
        }
        Resolver {
            model,
            options,
            path,
            container,
            types,
            bound,
            duplicates: RefCell::new(Vec::new()),
        }
    }

    /// The annotation of `term` on `target`: with the preferred qualifier, else unqualified.
    /// A qualifier equal to the term's own name counts as none (Graph writes
    /// `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`). Of two annotations with
    /// the same qualifier the first counts; the second is remembered as a duplicate.
    fn annotation(&self, target: Target, term: &'static str) -> Option<&'m Annotation> {
        let mut preferred: Option<&'m Annotation> = None;
        let mut unqualified: Option<&'m Annotation> = None;
        for a in self.model.annotations_for(target) {
            if !is_term(a, term) {
                continue;
            }
            let slot = match a.qualifier.as_deref() {
                q @ Some(_) if q == self.options.qualifier.as_deref() => &mut preferred,
                None => &mut unqualified,
                Some(q)
                    if q.strip_prefix(NAMESPACE).and_then(|t| t.strip_prefix('.'))
                        == Some(term) =>
                {
                    &mut unqualified
                }
                Some(_) => continue,
            };
            if slot.is_some() {
                self.duplicates.borrow_mut().push((term, target, a.span()));
            } else {
                *slot = Some(a);
            }
        }
        preferred.or(unqualified)
    }

    /// The entries of `NavigationRestrictions/RestrictedProperties` on `anchor` (whose
    /// resources have type `anchor_ty`) that address `rest`.
    fn entries(
        &self,
        anchor: Target,
        anchor_ty: Option<StructuredTypeId>,
        rest: &[PathSegment],
        out: &mut Vec<Place<'m>>,
    ) {
        let Some(ty) = anchor_ty.filter(|_| !rest.is_empty()) else {
            return;
        };
        let Some(entries) = self
            .annotation(anchor, NAVIGATION_RESTRICTIONS.name)
            .and_then(|a| a.value.as_ref())
            .and_then(Expr::as_record)
            .and_then(|r| r.get("RestrictedProperties"))
            .and_then(Expr::as_collection)
        else {
            return;
        };
        for (i, entry) in entries.iter().enumerate() {
            let Some(record) = entry.as_record() else {
                continue;
            };
            let addresses = record
                .get("NavigationProperty")
                .and_then(Expr::as_path)
                .and_then(|p| resolve_member_path(self.model, ty, p))
                .is_some_and(|segments| same_members(&segments, rest));
            if addresses {
                out.push(Place::Entry {
                    anchor,
                    index: u32::try_from(i).unwrap_or(u32::MAX),
                    record,
                });
            }
        }
    }

    /// The last navigation property of the first `m` segments, if only type casts follow it.
    fn last_navigation(&self, m: usize) -> Option<NavigationPropertyId> {
        for s in self.path.segments[..m].iter().rev() {
            match s {
                PathSegment::NavigationProperty(n) => return Some(*n),
                PathSegment::TypeCast(_) => {}
                PathSegment::Property(_) => return None,
            }
        }
        None
    }

    /// Every place a term is looked up at for the resource of prefix length `m`, highest
    /// precedence first.
    fn places(&self, m: usize) -> Vec<Place<'m>> {
        let model = self.model;
        let segments = &self.path.segments[..m];
        let mut out = Vec::new();
        let direct = |target| Place::Direct {
            target,
            container: false,
        };
        if m > 0 {
            // Roots the path can be read from: the source, then each entity set or singleton
            // reached through a binding along the way (nearest first).
            let mut roots = vec![0usize];
            roots.extend((1..m).rev().filter(|j| self.bound[*j].is_some()));
            for j in roots {
                let Some(root) = self.bound[j] else { continue };
                let root_target = source_target(root);
                if let Some(p) = model.path_target(root_target, &segments[j..]) {
                    out.push(direct(Target::Path(p)));
                }
                for k in (j..m).rev() {
                    let anchor = if k == j {
                        Some(root_target)
                    } else {
                        model
                            .path_target(root_target, &segments[j..k])
                            .map(Target::Path)
                    };
                    if let Some(anchor) = anchor {
                        self.entries(anchor, self.types[k], &segments[k..], &mut out);
                    }
                }
            }
            for k in (1..m).rev() {
                if let PathSegment::NavigationProperty(n) = segments[k - 1] {
                    let anchor = Target::NavigationProperty(n);
                    self.entries(anchor, self.types[k], &segments[k..], &mut out);
                }
            }
            if let Some(n) = self.last_navigation(m) {
                out.push(direct(Target::NavigationProperty(n)));
            }
        }
        if let Some(source) = self.bound[m] {
            out.push(direct(source_target(source)));
        }
        if self.options.entity_type_annotations {
            // The type after trailing casts, then the collection's declared type.
            let declared = segments
                .iter()
                .rposition(|s| !matches!(s, PathSegment::TypeCast(_)))
                .map_or(0, |i| i + 1);
            let mut types = vec![self.types[m]];
            if self.types[declared] != self.types[m] {
                types.push(self.types[declared]);
            }
            for ty in types {
                if let Some(StructuredTypeId::Entity(e)) = ty {
                    out.push(direct(Target::EntityType(e)));
                }
            }
        }
        let container = Target::EntityContainer(self.container);
        out.push(Place::Direct {
            target: container,
            container: true,
        });
        if let Some(record) = self
            .annotation(container, "DefaultCapabilities")
            .and_then(|a| a.value.as_ref())
            .and_then(Expr::as_record)
        {
            out.push(Place::Defaults {
                container: self.container,
                record,
            });
        }
        out
    }

    /// The contributions to `term` at `places`, highest precedence first.
    fn layers(&self, places: &[Place<'m>], term: Term) -> Vec<Layer<'m>> {
        places
            .iter()
            .filter_map(|place| match *place {
                Place::Direct { target, container } => {
                    if container && !term.container {
                        return None;
                    }
                    let a = self.annotation(target, term.name)?;
                    Some(Layer {
                        origin: Origin::Annotation(target),
                        value: a.value.as_ref(),
                    })
                }
                Place::Entry {
                    anchor,
                    index,
                    record,
                } if term.restriction => Some(Layer {
                    origin: Origin::RestrictedProperty(anchor, index),
                    value: Some(record.get(term.name)?),
                }),
                Place::Defaults { container, record } if term.defaults => Some(Layer {
                    origin: Origin::DefaultCapabilities(container),
                    value: Some(record.get(term.name)?),
                }),
                _ => None,
            })
            .collect()
    }

    /// The effective value of `term` at `places` (the places of prefix length `m`): the
    /// default patched by every layer, lowest precedence first.
    fn effective<T: Patch + Default>(
        &self,
        places: &[Place<'m>],
        m: usize,
        term: Term,
        cx: &mut Cx<'m>,
        sources: &mut BTreeMap<&'static str, Vec<Origin>>,
    ) -> T {
        let layers = self.layers(places, term);
        let mut value = T::default();
        cx.term = term.name;
        cx.ty = self.types[m];
        for layer in layers.iter().rev() {
            cx.origin = layer.origin;
            match layer.value {
                Some(expr) => {
                    let _ = value.patch(expr, cx);
                }
                None => value.patch_tag(),
            }
        }
        if !layers.is_empty() {
            sources.insert(term.name, layers.iter().map(|l| l.origin).collect());
        }
        value
    }

    /// How hop `i` (1-based: following segment `i - 1` from prefix `i - 1`) may be followed:
    /// the `Navigability` of the most specific entry addressing prefix `i`, else the
    /// `NavigationRestrictions/Navigability` of prefix `i - 1` (the most specific layer that
    /// gives one), else `Recursive`.
    fn hop_navigability(
        &self,
        here: &[Place<'m>],
        parent: &[Place<'m>],
        cx: &mut Cx<'m>,
    ) -> Navigability {
        let read = |layers: Vec<Layer<'m>>, property: Option<&str>, cx: &mut Cx<'m>| {
            layers.into_iter().find_map(|layer| {
                cx.origin = layer.origin;
                cx.term = NAVIGABILITY.name;
                let value = match property {
                    Some(p) => layer.value?.as_record()?.get(p)?,
                    None => layer.value?,
                };
                Navigability::from_expr(value, cx)
            })
        };
        read(self.layers(here, NAVIGABILITY), None, cx)
            .or_else(|| {
                read(
                    self.layers(parent, NAVIGATION_RESTRICTIONS),
                    Some("Navigability"),
                    cx,
                )
            })
            .unwrap_or_default()
    }
}

impl<'m> Capabilities<'m> {
    /// The capabilities of an entity set or singleton itself.
    #[must_use]
    pub fn for_navigation_source(model: &'m Model, source: NavigationSourceId) -> Self {
        Self::for_path(model, &NavigationPath::new(source))
    }

    /// The effective capabilities of the resource `path` addresses, with the default
    /// [`CapabilityOptions`].
    #[must_use]
    pub fn for_path(model: &'m Model, path: &NavigationPath) -> Self {
        Self::for_path_with(model, path, &CapabilityOptions::default())
    }

    /// The effective capabilities of the resource `path` addresses.
    #[must_use]
    pub fn for_path_with(
        model: &'m Model,
        path: &NavigationPath,
        options: &CapabilityOptions,
    ) -> Self {
        let r = Resolver::new(model, path, options);
        let n = path.segments.len();
        let mut cx = Cx::new(
            model,
            r.types[n],
            Origin::Annotation(source_target(path.source)),
        );
        let mut s = BTreeMap::new();
        // The places of every prefix, computed once: the last is the resource's.
        let places: Vec<Vec<Place<'m>>> = (0..=n).map(|m| r.places(m)).collect();
        let mut hops = Vec::with_capacity(n);
        for i in 1..=n {
            if matches!(path.segments[i - 1], PathSegment::NavigationProperty(_)) {
                hops.push(r.hop_navigability(&places[i], &places[i - 1], &mut cx));
            }
        }
        let navigability = hops.last().copied().unwrap_or_default();
        let navigable = hops.iter().enumerate().all(|(i, h)| match h {
            Navigability::None => false,
            Navigability::Single => i + 1 == hops.len(),
            Navigability::Recursive => true,
        });
        let p = &places[n];
        let key_as_segment_supported = r
            .annotation(
                Target::EntityContainer(r.container),
                "KeyAsSegmentSupported",
            )
            .is_some_and(|a| a.as_tag() == Some(true));
        let mut caps = Capabilities {
            model,
            path: path.clone(),
            entity_type: path.entity_type(model),
            collection: path.is_collection(model),
            filter_restrictions: r.effective(p, n, FILTER_RESTRICTIONS, &mut cx, &mut s),
            sort_restrictions: r.effective(p, n, SORT_RESTRICTIONS, &mut cx, &mut s),
            search_restrictions: r.effective(p, n, SEARCH_RESTRICTIONS, &mut cx, &mut s),
            count_restrictions: r.effective(p, n, COUNT_RESTRICTIONS, &mut cx, &mut s),
            expand_restrictions: r.effective(p, n, EXPAND_RESTRICTIONS, &mut cx, &mut s),
            select_support: r.effective(p, n, SELECT_SUPPORT, &mut cx, &mut s),
            filter_functions: r.effective(p, n, FILTER_FUNCTIONS, &mut cx, &mut s),
            change_tracking: r.effective(p, n, CHANGE_TRACKING, &mut cx, &mut s),
            insert_restrictions: r.effective(p, n, INSERT_RESTRICTIONS, &mut cx, &mut s),
            update_restrictions: r.effective(p, n, UPDATE_RESTRICTIONS, &mut cx, &mut s),
            delete_restrictions: r.effective(p, n, DELETE_RESTRICTIONS, &mut cx, &mut s),
            read_restrictions: r.effective(p, n, READ_RESTRICTIONS, &mut cx, &mut s),
            deep_insert_support: r.effective(p, n, DEEP_INSERT_SUPPORT, &mut cx, &mut s),
            deep_update_support: r.effective(p, n, DEEP_UPDATE_SUPPORT, &mut cx, &mut s),
            top_supported: tag_default(r.effective(p, n, TOP_SUPPORTED, &mut cx, &mut s)),
            skip_supported: tag_default(r.effective(p, n, SKIP_SUPPORTED, &mut cx, &mut s)),
            compute_supported: tag_default(r.effective(p, n, COMPUTE_SUPPORTED, &mut cx, &mut s)),
            indexable_by_key: tag_default(r.effective(p, n, INDEXABLE_BY_KEY, &mut cx, &mut s)),
            optimistic_concurrency_control: r
                .effective::<Option<bool>>(p, n, OPTIMISTIC_CONCURRENCY_CONTROL, &mut cx, &mut s)
                .unwrap_or(false),
            key_as_segment_supported,
            navigation_restrictions: r.effective(p, n, NAVIGATION_RESTRICTIONS, &mut cx, &mut s),
            navigability,
            navigable,
            sources: s,
            warnings: Vec::new(),
        };
        for (term, target, span) in r.duplicates.take() {
            cx.term = term;
            cx.origin = Origin::Annotation(target);
            cx.warn(span, CapabilityWarningKind::Duplicate);
        }
        caps.warnings = cx.warnings;
        caps
    }

    /// The path these capabilities are for.
    #[must_use]
    pub fn path(&self) -> &NavigationPath {
        &self.path
    }

    /// The entity type of the addressed resources (`None` if the path ends at a complex property).
    #[must_use]
    pub fn entity_type(&self) -> Option<EntityTypeId> {
        self.entity_type
    }

    /// Whether the path addresses a collection.
    #[must_use]
    pub fn is_collection(&self) -> bool {
        self.collection
    }

    /// The annotations that contributed to `term` (local name, e.g. `FilterRestrictions`),
    /// highest precedence first; empty when only the defaults apply.
    #[must_use]
    pub fn sources(&self, term: &str) -> &[Origin] {
        self.sources.get(term).map_or(&[], Vec::as_slice)
    }

    /// Every term that some annotation contributed to, with its sources.
    pub fn all_sources(&self) -> impl Iterator<Item = (&'static str, &[Origin])> + '_ {
        self.sources.iter().map(|(t, o)| (*t, o.as_slice()))
    }

    /// Values that could not be read as the vocabulary defines them (unresolved paths,
    /// wrong types, unknown record properties), each with its span in the CSDL.
    #[must_use]
    pub fn warnings(&self) -> &[CapabilityWarning] {
        &self.warnings
    }
}

/// `Option<bool>` of a tag term whose absence means `true`.
fn tag_default(value: Option<bool>) -> bool {
    value.unwrap_or(true)
}
