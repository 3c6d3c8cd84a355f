//! Comparison of the effective capabilities ([`Capabilities::for_path`]) of every navigation
//! path present in both models: each entity set and singleton of the main container and the
//! paths from it through navigation properties, up to [`super::DiffOptions::capability_depth`]
//! navigation segments, never following the same navigation property twice.
//!
//! Each path's capabilities are flattened into named facts (`FilterRestrictions/Filterable`,
//! `FilterRestrictions/NonFilterableProperties`, …) and each fact carries its rule: a flag
//! that enables something breaks when it turns off, a list of denied properties breaks when
//! it grows, a list of allowed ones when it shrinks, a level limit when it drops.

use std::collections::{BTreeMap, BTreeSet};

use crate::edm::vocab::{
    Capabilities, CustomParameter, HttpMethod, MaxLevels, Navigability, NavigationPath,
    PropertyPath,
};
use crate::edm::{
    ContainerChild, MemberId, Model, NavigationSourceId, PathSegment, StructuredTypeId,
};

use super::Cx;
use super::change::{Element, ElementKind, Section};

/// The same navigation path in both models.
pub(crate) struct PathPair {
    old: NavigationPath,
    new: NavigationPath,
}

/// Every path of both models up to `depth` navigation segments, matched by names.
pub(crate) fn path_pairs(old: &Model, new: &Model, depth: usize) -> Vec<PathPair> {
    let (Some(oc), Some(_)) = (old.main_container(), new.main_container()) else {
        return Vec::new();
    };
    let source = |child| match child {
        Some(ContainerChild::EntitySet(id)) => Some(NavigationSourceId::EntitySet(id)),
        Some(ContainerChild::Singleton(id)) => Some(NavigationSourceId::Singleton(id)),
        _ => None,
    };
    let mut frontier: Vec<PathPair> = old
        .entity_sets()
        .filter(|(_, s)| s.container == oc)
        .map(|(id, s)| (NavigationSourceId::EntitySet(id), &*s.name))
        .chain(
            old.singletons()
                .filter(|(_, s)| s.container == oc)
                .map(|(id, s)| (NavigationSourceId::Singleton(id), &*s.name)),
        )
        .filter_map(|(o, name)| {
            let n = source(new.container_child(name))?;
            Some(PathPair {
                old: NavigationPath::new(o),
                new: NavigationPath::new(n),
            })
        })
        .collect();
    let mut all = Vec::new();
    for level in 0..=depth {
        let mut next = Vec::new();
        for pair in frontier {
            if level < depth {
                extend(old, new, &pair, &mut next);
            }
            all.push(pair);
        }
        frontier = next;
    }
    all
}

/// The pairs one navigation property longer than `pair`.
fn extend(old: &Model, new: &Model, pair: &PathPair, out: &mut Vec<PathPair>) {
    let (Some(ot), Some(nt)) = (pair.old.entity_type(old), pair.new.entity_type(new)) else {
        return;
    };
    for (id, nav) in old.all_navigation_properties(ot.into()) {
        if pair
            .old
            .segments
            .contains(&PathSegment::NavigationProperty(id))
        {
            continue;
        }
        if let Some(MemberId::NavigationProperty(nid)) =
            new.member(StructuredTypeId::Entity(nt), &nav.name)
        {
            out.push(PathPair {
                old: pair.old.clone().then(id),
                new: pair.new.clone().then(nid),
            });
        }
    }
}

/// A flattened capability value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Bool(bool),
    Set(BTreeSet<String>),
    /// `None`: everything is allowed.
    Allowed(Option<BTreeSet<String>>),
    Levels(MaxLevels),
    Navigability(Navigability),
}

impl Value {
    fn show(&self) -> String {
        let list = |s: &BTreeSet<String>| {
            let items: Vec<&str> = s.iter().map(String::as_str).collect();
            format!("[{}]", items.join(", "))
        };
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Set(s) | Value::Allowed(Some(s)) => list(s),
            Value::Allowed(None) => "all".into(),
            Value::Levels(l) => l.to_string(),
            Value::Navigability(n) => n.to_string(),
        }
    }
}

/// How a fact's change is classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// A flag that enables something: turning off breaks.
    Enables,
    /// A flag that demands something: turning on breaks.
    Requires,
    /// Items denied or demanded: new items break.
    Denies,
    /// Items allowed: dropped items break.
    Allows,
    /// A limit: lowering it breaks.
    Limit,
}

struct Fact {
    aspect: &'static str,
    rule: Rule,
    /// What a breaking change means, e.g. `no longer filterable`.
    worse: &'static str,
    /// What the opposite change means, e.g. `filterable again`.
    better: &'static str,
    value: Value,
}

/// The name path of a property path, type casts by qualified name; as written if unresolved.
fn path_name(model: &Model, p: &PropertyPath) -> String {
    if !p.is_resolved() {
        return p.text.to_string();
    }
    let names: Vec<&str> = p
        .segments
        .iter()
        .map(|s| match s {
            PathSegment::Property(id) => &*model.property(*id).name,
            PathSegment::NavigationProperty(id) => &*model.navigation_property(*id).name,
            PathSegment::TypeCast(t) => model.structured_type_name(*t).as_str(),
        })
        .collect();
    names.join("/")
}

fn names(model: &Model, paths: &[PropertyPath]) -> BTreeSet<String> {
    paths.iter().map(|p| path_name(model, p)).collect()
}

fn required(params: &[CustomParameter]) -> BTreeSet<String> {
    params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name.to_string())
        .collect()
}

fn methods(m: HttpMethod) -> BTreeSet<String> {
    m.to_string().split(' ').map(str::to_owned).collect()
}

struct Facts(Vec<Fact>);

impl Facts {
    fn add(
        &mut self,
        aspect: &'static str,
        rule: Rule,
        worse: &'static str,
        better: &'static str,
        value: Value,
    ) {
        self.0.push(Fact {
            aspect,
            rule,
            worse,
            better,
            value,
        });
    }

    fn flag(
        &mut self,
        aspect: &'static str,
        rule: Rule,
        worse: &'static str,
        better: &'static str,
        value: bool,
    ) {
        self.add(aspect, rule, worse, better, Value::Bool(value));
    }

    fn set(
        &mut self,
        aspect: &'static str,
        rule: Rule,
        worse: &'static str,
        better: &'static str,
        value: BTreeSet<String>,
    ) {
        self.add(aspect, rule, worse, better, Value::Set(value));
    }

    fn levels(&mut self, aspect: &'static str, value: MaxLevels) {
        self.add(
            aspect,
            Rule::Limit,
            "max levels reduced",
            "max levels raised",
            Value::Levels(value),
        );
    }
}

/// Every compared fact of one path's capabilities, in a fixed order.
#[allow(clippy::too_many_lines)]
#[rustfmt::skip]
fn facts(model: &Model, c: &Capabilities<'_>) -> Vec<Fact> {
    use Rule::*;
    let mut f = Facts(Vec::with_capacity(64));
    let n = |p: &[PropertyPath]| names(model, p);

    let r = &c.filter_restrictions;
    f.flag("FilterRestrictions/Filterable", Enables, "$filter no longer supported", "$filter now supported", r.filterable);
    f.flag("FilterRestrictions/RequiresFilter", Requires, "$filter now required", "$filter no longer required", r.requires_filter);
    f.set("FilterRestrictions/RequiredProperties", Denies, "now required in $filter", "no longer required in $filter", n(&r.required_properties));
    f.set("FilterRestrictions/NonFilterableProperties", Denies, "no longer filterable", "filterable again", n(&r.non_filterable_properties));
    f.set(
        "FilterRestrictions/FilterExpressionRestrictions",
        Denies,
        "filter expressions restricted",
        "filter expression restriction lifted",
        r.filter_expression_restrictions
            .iter()
            .map(|e| {
                let allowed = e.allowed_expressions.as_ref().map_or("?", |a| a.as_str());
                format!("{} {allowed}", path_name(model, &e.property))
            })
            .collect(),
    );
    f.levels("FilterRestrictions/MaxLevels", r.max_levels);
    f.add(
        "FilterFunctions",
        Allows,
        "filter functions no longer allowed",
        "filter functions now allowed",
        Value::Allowed(
            c.filter_functions
                .as_ref()
                .filter(|l| !l.is_empty())
                .map(|l| l.iter().map(ToString::to_string).collect()),
        ),
    );

    let r = &c.sort_restrictions;
    f.flag("SortRestrictions/Sortable", Enables, "$orderby no longer supported", "$orderby now supported", r.sortable);
    f.set("SortRestrictions/NonSortableProperties", Denies, "no longer sortable", "sortable again", n(&r.non_sortable_properties));
    f.set("SortRestrictions/AscendingOnlyProperties", Denies, "now ascending only", "no longer ascending only", n(&r.ascending_only_properties));
    f.set("SortRestrictions/DescendingOnlyProperties", Denies, "now descending only", "no longer descending only", n(&r.descending_only_properties));

    let r = &c.search_restrictions;
    f.flag("SearchRestrictions/Searchable", Enables, "$search no longer supported", "$search now supported", r.searchable);
    f.set(
        "SearchRestrictions/UnsupportedExpressions",
        Denies,
        "$search syntax no longer supported",
        "$search syntax now supported",
        if r.unsupported_expressions.is_empty() {
            BTreeSet::new()
        } else {
            r.unsupported_expressions
                .to_string()
                .split(' ')
                .map(str::to_owned)
                .collect()
        },
    );

    let r = &c.count_restrictions;
    f.flag("CountRestrictions/Countable", Enables, "$count no longer supported", "$count now supported", r.countable);
    f.set("CountRestrictions/NonCountableProperties", Denies, "/$count no longer supported on", "/$count now supported on", n(&r.non_countable_properties));
    f.set("CountRestrictions/NonCountableNavigationProperties", Denies, "/$count no longer supported on", "/$count now supported on", n(&r.non_countable_navigation_properties));

    let r = &c.expand_restrictions;
    f.flag("ExpandRestrictions/Expandable", Enables, "$expand no longer supported", "$expand now supported", r.expandable);
    f.flag("ExpandRestrictions/StreamsExpandable", Enables, "streams no longer expandable", "streams now expandable", r.streams_expandable);
    f.levels("ExpandRestrictions/MaxLevels", r.max_levels);
    f.set("ExpandRestrictions/NonExpandableProperties", Denies, "no longer expandable", "expandable again", n(&r.non_expandable_properties));
    f.set("ExpandRestrictions/NonExpandableStreamProperties", Denies, "streams no longer expandable", "streams expandable again", n(&r.non_expandable_stream_properties));

    f.flag("SelectSupport/Supported", Enables, "$select no longer supported", "$select now supported", c.select_support.supported);
    f.flag("TopSupported", Enables, "$top no longer supported", "$top now supported", c.top_supported);
    f.flag("SkipSupported", Enables, "$skip no longer supported", "$skip now supported", c.skip_supported);
    f.flag("ComputeSupported", Enables, "$compute no longer supported", "$compute now supported", c.compute_supported);
    f.flag("IndexableByKey", Enables, "no longer addressable by key", "now addressable by key", c.indexable_by_key);
    f.flag("OptimisticConcurrencyControl", Requires, "ETags now required (If-Match) on updates", "ETags no longer required", c.optimistic_concurrency_control);

    let tracking = c.change_tracking.as_ref();
    f.flag("ChangeTracking/Supported", Enables, "delta no longer supported", "delta now supported", c.change_tracking_supported());
    f.add("ChangeTracking/FilterableProperties", Allows, "no longer filterable in delta requests", "now filterable in delta requests", Value::Set(tracking .map(|t| n(&t.filterable_properties)) .unwrap_or_default()));
    f.add("ChangeTracking/ExpandableProperties", Allows, "no longer expandable in delta requests", "now expandable in delta requests", Value::Set(tracking .map(|t| n(&t.expandable_properties)) .unwrap_or_default()));

    let r = &c.insert_restrictions;
    f.flag("InsertRestrictions/Insertable", Enables, "inserts no longer allowed", "inserts now allowed", r.insertable);
    f.set("InsertRestrictions/NonInsertableProperties", Denies, "can no longer be given on insert", "can now be given on insert", n(&r.non_insertable_properties));
    f.set("InsertRestrictions/NonInsertableNavigationProperties", Denies, "no longer deep-insertable", "now deep-insertable", n(&r.non_insertable_navigation_properties));
    f.set("InsertRestrictions/RequiredProperties", Denies, "now required on insert", "no longer required on insert", n(&r.required_properties));
    f.levels("InsertRestrictions/MaxLevels", r.max_levels);
    f.flag("InsertRestrictions/TypecastSegmentSupported", Enables, "type-cast segments no longer supported on insert", "type-cast segments now supported on insert", r.typecast_segment_supported);
    f.set("InsertRestrictions/CustomHeaders", Denies, "headers now required on insert", "headers no longer required on insert", required(&r.custom_headers));
    f.set("InsertRestrictions/CustomQueryOptions", Denies, "query options now required on insert", "query options no longer required on insert", required(&r.custom_query_options));

    let r = &c.update_restrictions;
    f.flag("UpdateRestrictions/Updatable", Enables, "updates no longer allowed", "updates now allowed", r.updatable);
    f.flag("UpdateRestrictions/Upsertable", Enables, "upserts no longer allowed", "upserts now allowed", r.upsertable);
    f.flag("UpdateRestrictions/DeltaUpdateSupported", Enables, "delta updates no longer supported", "delta updates now supported", r.delta_update_supported);
    // Unstated: PATCH (the protocol's update method).
    f.set("UpdateRestrictions/UpdateMethod", Allows, "update method no longer supported", "update method now supported", methods(r.update_method.unwrap_or(HttpMethod::PATCH)));
    f.flag("UpdateRestrictions/FilterSegmentSupported", Enables, "/$filter segments no longer supported on update", "/$filter segments now supported on update", r.filter_segment_supported);
    f.flag("UpdateRestrictions/TypecastSegmentSupported", Enables, "type-cast segments no longer supported on update", "type-cast segments now supported on update", r.typecast_segment_supported);
    f.set("UpdateRestrictions/NonUpdatableProperties", Denies, "can no longer be updated", "can now be updated", n(&r.non_updatable_properties));
    f.set("UpdateRestrictions/NonUpdatableNavigationProperties", Denies, "can no longer be rebound", "can now be rebound", n(&r.non_updatable_navigation_properties));
    f.set("UpdateRestrictions/RequiredProperties", Denies, "now required on update", "no longer required on update", n(&r.required_properties));
    f.levels("UpdateRestrictions/MaxLevels", r.max_levels);
    f.set("UpdateRestrictions/CustomHeaders", Denies, "headers now required on update", "headers no longer required on update", required(&r.custom_headers));
    f.set("UpdateRestrictions/CustomQueryOptions", Denies, "query options now required on update", "query options no longer required on update", required(&r.custom_query_options));

    let r = &c.delete_restrictions;
    f.flag("DeleteRestrictions/Deletable", Enables, "deletes no longer allowed", "deletes now allowed", r.deletable);
    f.set("DeleteRestrictions/NonDeletableNavigationProperties", Denies, "can no longer be deleted through", "can now be deleted through", n(&r.non_deletable_navigation_properties));
    f.levels("DeleteRestrictions/MaxLevels", r.max_levels);
    f.flag("DeleteRestrictions/FilterSegmentSupported", Enables, "/$filter segments no longer supported on delete", "/$filter segments now supported on delete", r.filter_segment_supported);
    f.flag("DeleteRestrictions/TypecastSegmentSupported", Enables, "type-cast segments no longer supported on delete", "type-cast segments now supported on delete", r.typecast_segment_supported);
    f.set("DeleteRestrictions/CustomHeaders", Denies, "headers now required on delete", "headers no longer required on delete", required(&r.custom_headers));
    f.set("DeleteRestrictions/CustomQueryOptions", Denies, "query options now required on delete", "query options no longer required on delete", required(&r.custom_query_options));

    let r = &c.read_restrictions;
    f.flag("ReadRestrictions/Readable", Enables, "reads no longer allowed", "reads now allowed", r.readable);
    f.flag("ReadRestrictions/ReadByKeyRestrictions/Readable", Enables, "reads by key no longer allowed", "reads by key now allowed", r.read_by_key_restrictions .as_ref() .and_then(|k| k.readable) .unwrap_or(r.readable));
    f.flag("ReadRestrictions/TypecastSegmentSupported", Enables, "type-cast segments no longer supported on read", "type-cast segments now supported on read", r.typecast_segment_supported);
    f.set("ReadRestrictions/CustomHeaders", Denies, "headers now required on read", "headers no longer required on read", required(&r.custom_headers));
    f.set("ReadRestrictions/CustomQueryOptions", Denies, "query options now required on read", "query options no longer required on read", required(&r.custom_query_options));

    let deep = |d: &Option<crate::edm::vocab::DeepSupport>| d.as_ref().is_some_and(|d| d.supported);
    f.flag("DeepInsertSupport/Supported", Enables, "deep insert no longer supported", "deep insert now supported", deep(&c.deep_insert_support));
    f.flag("DeepUpdateSupport/Supported", Enables, "deep update no longer supported", "deep update now supported", deep(&c.deep_update_support));

    f.flag("Navigable", Enables, "path no longer navigable", "path now navigable", c.navigable);
    f.add("Navigability", Limit, "navigability reduced", "navigability raised", Value::Navigability(c.navigability));
    f.0
}

/// The rank of a navigability: higher allows more.
fn navigability_rank(n: Navigability) -> u8 {
    match n {
        Navigability::None => 0,
        Navigability::Single => 1,
        Navigability::Recursive => 2,
    }
}

fn levels_rank(l: MaxLevels) -> u64 {
    match l {
        MaxLevels::Unlimited => u64::MAX,
        MaxLevels::Limit(n) => n.into(),
    }
}

fn join(items: &BTreeSet<String>) -> String {
    let v: Vec<&str> = items.iter().map(String::as_str).collect();
    v.join(", ")
}

/// The verdict and reason of a changed fact.
fn classify(fact: &Fact, old: &Value, new: &Value) -> (bool, String) {
    let sets = |o: &BTreeSet<String>, n: &BTreeSet<String>, grow_breaks: bool| {
        let grown: BTreeSet<String> = n.difference(o).cloned().collect();
        let shrunk: BTreeSet<String> = o.difference(n).cloned().collect();
        let (worse, better) = if grow_breaks {
            (grown, shrunk)
        } else {
            (shrunk, grown)
        };
        let mut parts = Vec::new();
        if !worse.is_empty() {
            parts.push(format!("{}: {}", fact.worse, join(&worse)));
        }
        if !better.is_empty() {
            parts.push(format!("{}: {}", fact.better, join(&better)));
        }
        (!worse.is_empty(), parts.join("; "))
    };
    match (old, new) {
        (Value::Bool(o), Value::Bool(_)) => {
            let breaking = match fact.rule {
                Rule::Requires => !*o,
                _ => *o,
            };
            let reason = if breaking { fact.worse } else { fact.better };
            (breaking, reason.to_owned())
        }
        (Value::Set(o), Value::Set(n)) => sets(o, n, fact.rule == Rule::Denies),
        (Value::Allowed(None), Value::Allowed(Some(n))) => (
            true,
            format!("{}: only {} allowed now", fact.worse, join(n)),
        ),
        (Value::Allowed(Some(_)), Value::Allowed(None)) => (false, format!("{}: all", fact.better)),
        (Value::Allowed(Some(o)), Value::Allowed(Some(n))) => sets(o, n, false),
        (Value::Levels(o), Value::Levels(n)) => {
            if levels_rank(*n) < levels_rank(*o) {
                (true, fact.worse.to_owned())
            } else {
                (false, fact.better.to_owned())
            }
        }
        (Value::Navigability(o), Value::Navigability(n)) => {
            if navigability_rank(*n) < navigability_rank(*o) {
                (true, fact.worse.to_owned())
            } else {
                (false, fact.better.to_owned())
            }
        }
        _ => (true, "value changed".to_owned()),
    }
}

/// (aspect, old value, new value): what makes capability changes identical.
type MergeKey = (&'static str, String, String);
/// The verdict, the reason, and the (depth, path) of every path with the change.
type Merged = (bool, String, Vec<(usize, String)>);

impl Cx<'_> {
    /// Compares the effective capabilities of every path pair. Identical changes (same
    /// aspect, old and new value) at several paths become one change at the shortest path
    /// (then the first in path order), the others listed in [`super::Change::also`].
    pub(crate) fn capabilities(&mut self, pairs: &[PathPair]) {
        let (old, new) = (self.old, self.new);
        let Some(container) = old.main_container().map(|c| &old.entity_container(c).name) else {
            return;
        };
        let mut merged: BTreeMap<MergeKey, Merged> = BTreeMap::new();
        for pair in pairs {
            let oc = Capabilities::for_path(old, &pair.old);
            let nc = Capabilities::for_path(new, &pair.new);
            let (of, nf) = (facts(old, &oc), facts(new, &nc));
            for (o, n) in of.iter().zip(&nf) {
                if o.value == n.value {
                    continue;
                }
                let path = (
                    pair.old.segments.len(),
                    format!("{container}/{}", pair.old.text(old)),
                );
                merged
                    .entry((o.aspect, o.value.show(), n.value.show()))
                    .or_insert_with(|| {
                        let (breaking, reason) = classify(o, &o.value, &n.value);
                        (breaking, reason, Vec::new())
                    })
                    .2
                    .push(path);
            }
        }
        for ((aspect, old_value, new_value), (breaking, reason, mut paths)) in merged {
            paths.sort();
            let mut paths = paths.into_iter().map(|(_, p)| p);
            let Some(first) = paths.next() else {
                continue;
            };
            let el = Element::new(
                ElementKind::Capability,
                Section::Capabilities,
                first,
                container.namespace(),
            );
            let mut change = el.changed(aspect, breaking, reason, old_value, new_value);
            change.also = paths.collect();
            change.also.sort();
            self.out.push(change);
        }
    }
}
