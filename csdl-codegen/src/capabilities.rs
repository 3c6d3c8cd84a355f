//! The capability states of the request builders: which navigation paths the
//! generated code tells apart, and what each allows.
//!
//! # How paths become states
//!
//! 1. **Paths.** Starting at every entity set and singleton of the main container,
//!    navigation properties are followed breadth-first, exactly, up to
//!    [`Config::capability_depth`](crate::Config::capability_depth) navigation
//!    segments (default 3: `Me/MailFolders/Messages/Attachments`). Every navigation
//!    property reachable at all also gets a **home path**: the first path (in that
//!    breadth-first order) that ends in it; navigation properties of derived types
//!    are reached through a type cast.
//! 2. **Capabilities.** Each path's effective capabilities come from
//!    [`Capabilities::for_path`] (the same lookup the validator uses), reduced to what
//!    the builders check: the members allowed in `$filter`, `$orderby` and `$expand`,
//!    the filter functions, and the flags (`$filter`, `$orderby`, `$search`, `$top`,
//!    `$skip`, `$count`, `$select`, `$expand`, insert, update, delete, change
//!    tracking with its own filterable and expandable members).
//! 3. **Transitions.** Following navigation property `N` from a path shorter than the
//!    depth leads to that exact longer path; from a path at the depth (or from a home
//!    path beyond it), and for navigation properties of derived types, it leads to
//!    `N`'s home path. **Deeper resources therefore get the capabilities of their last
//!    navigation property's home path**: annotations that name a path longer than the
//!    depth (`NavigationRestrictions` entries, annotations on container paths) are not
//!    seen below it.
//! 4. **States.** Paths with equal capabilities whose transitions lead to equal
//!    states are one state (Moore's partition refinement), so the number of marker
//!    types is the number of distinct behaviours, not of paths. A state whose every
//!    transition leads to the home state of the property gets one blanket `Navigate`
//!    impl; the others list theirs.
//!
//! # Members
//!
//! Restrictions name the resource's own members; a member is excluded when a
//! restriction names it or a path below it (`Body/Content` excludes `Body`), so
//! nested members (inside complex values, lambda variables, related entities) need
//! no check of their own. Properties restricted to one sort direction are not
//! offered in `$orderby`. A member set that allows every member is the runtime's
//! `AllMembers`; one that allows none, `NoMembers`.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use odata_parser::edm::vocab::{Capabilities, NavigationPath, PropertyPath};

use crate::naming::{self, NameSet, Style};
use odata_parser::edm::{
    EntityTypeId, MemberId, Model, NavigationPropertyId, NavigationSourceId, PathSegment,
    StructuredTypeId,
};

/// A member set of a state: everything, nothing, or a listed set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SetRef {
    /// Every member (the runtime's `AllMembers` / `AllFunctions`).
    All,
    /// No member (`NoMembers`).
    None,
    /// [`CapabilitySpace::member_sets`] or [`CapabilitySpace::function_sets`] at this index.
    Set(usize),
}

/// What a state allows besides its member sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flags {
    /// `$filter`.
    pub filter: bool,
    /// `$orderby`.
    pub sort: bool,
    /// `$search`.
    pub search: bool,
    /// `$top`.
    pub top: bool,
    /// `$skip`.
    pub skip: bool,
    /// `$count`.
    pub count: bool,
    /// `$select`.
    pub select: bool,
    /// `$expand`.
    pub expand: bool,
    /// Creating entities.
    pub insert: bool,
    /// Updating entities.
    pub update: bool,
    /// Deleting entities.
    pub delete: bool,
}

/// The members a set allows, of one entity type (and its base and derived types).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberSet {
    /// The marker's name.
    pub name: String,
    /// The entity type.
    pub entity: EntityTypeId,
    /// What the set is for: `Filter`, `Sort` or `Expand`.
    pub role: &'static str,
    /// The allowed members, sorted.
    pub members: Vec<MemberId>,
}

/// One capability state.
#[derive(Clone, Debug)]
pub struct StateSpec {
    /// The marker's name.
    pub name: String,
    /// The entity type of the resources.
    pub entity: EntityTypeId,
    /// The paths the state stands for (the first few, shortest first), as text.
    pub paths: Vec<String>,
    /// How many paths it stands for.
    pub path_count: usize,
    /// `$filter` members.
    pub filter: SetRef,
    /// `$orderby` members.
    pub sort: SetRef,
    /// `$expand` members.
    pub expand: SetRef,
    /// Filter functions.
    pub functions: SetRef,
    /// The flags.
    pub flags: Flags,
    /// The state of a change-tracking request, when change tracking is supported.
    pub delta: Option<usize>,
    /// `None`: every transition leads to the property's home state; otherwise the
    /// transitions, by navigation property.
    pub transitions: Option<Vec<(NavigationPropertyId, usize)>>,
}

/// Every state of the main container's paths.
#[derive(Clone, Debug, Default)]
pub struct CapabilitySpace {
    /// The states; delta states have no transitions and are never a home.
    pub states: Vec<StateSpec>,
    /// The listed member sets.
    pub member_sets: Vec<MemberSet>,
    /// The listed function sets (sorted names).
    pub function_sets: Vec<Vec<String>>,
    /// The markers' names of the function sets.
    pub function_set_names: Vec<String>,
    /// The state of each entity set and singleton of the main container.
    pub sources: Vec<(NavigationSourceId, usize)>,
    /// The home state of each reachable navigation property.
    pub homes: BTreeMap<NavigationPropertyId, usize>,
    /// How many paths were followed.
    pub path_count: usize,
}

/// The part of a state that is not its transitions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    entity: EntityTypeId,
    filter: SetKey,
    sort: SetKey,
    expand: SetKey,
    functions: Option<Vec<String>>,
    flags: Flags,
    delta: Option<Box<Key>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum SetKey {
    All,
    None,
    Allowed(&'static str, Vec<MemberId>),
}

struct PathNode {
    path: NavigationPath,
    entity: EntityTypeId,
    /// Exact children, by navigation property.
    children: HashMap<NavigationPropertyId, usize>,
}

/// The members a type's resources may name: its own and inherited ones, and those
/// of its derived types (reached through casts).
fn family_members(model: &Model, entity: EntityTypeId) -> Vec<MemberId> {
    let ty = StructuredTypeId::Entity(entity);
    let mut types: Vec<StructuredTypeId> = model.type_chain(ty).collect();
    types.extend(model.all_derived_types(ty));
    let mut out = Vec::new();
    for t in types {
        out.extend(
            model
                .declared_properties(t)
                .map(|(id, _)| MemberId::Property(id)),
        );
        out.extend(
            model
                .declared_navigation_properties(t)
                .map(|(id, _)| MemberId::NavigationProperty(id)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A type's own and inherited navigation properties, and those its derived types declare.
type Navigations = (
    Vec<NavigationPropertyId>,
    Vec<(StructuredTypeId, NavigationPropertyId)>,
);

/// The navigation properties a resource of `entity` may follow: its own and
/// inherited ones (`exact`), then those its derived types declare.
fn navigations(model: &Model, entity: EntityTypeId) -> Navigations {
    let ty = StructuredTypeId::Entity(entity);
    let exact = model
        .all_navigation_properties(ty)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut derived = Vec::new();
    for d in model.all_derived_types(ty) {
        derived.extend(
            model
                .declared_navigation_properties(d)
                .map(|(id, _)| (d, id)),
        );
    }
    (exact, derived)
}

/// The first member a restriction path names (type casts skipped).
fn first_member(p: &PropertyPath) -> Option<MemberId> {
    p.segments.iter().find_map(|s| match s {
        PathSegment::Property(id) => Some(MemberId::Property(*id)),
        PathSegment::NavigationProperty(id) => Some(MemberId::NavigationProperty(*id)),
        PathSegment::TypeCast(_) => None,
    })
}

/// The members a path names when it names exactly one (casts skipped).
fn only_member(p: &PropertyPath) -> Option<MemberId> {
    let mut members = p.segments.iter().filter_map(|s| match s {
        PathSegment::Property(id) => Some(MemberId::Property(*id)),
        PathSegment::NavigationProperty(id) => Some(MemberId::NavigationProperty(*id)),
        PathSegment::TypeCast(_) => None,
    });
    let first = members.next()?;
    members.next().is_none().then_some(first)
}

fn set_excluding<'p>(
    role: &'static str,
    enabled: bool,
    family: &[MemberId],
    excluded: impl IntoIterator<Item = &'p PropertyPath>,
) -> SetKey {
    if !enabled {
        return SetKey::None;
    }
    let excluded: BTreeSet<MemberId> = excluded.into_iter().filter_map(first_member).collect();
    if excluded.is_empty() {
        return SetKey::All;
    }
    let allowed: Vec<MemberId> = family
        .iter()
        .copied()
        .filter(|m| !excluded.contains(m))
        .collect();
    if allowed.is_empty() {
        SetKey::None
    } else {
        SetKey::Allowed(role, allowed)
    }
}

fn set_listing<'p>(
    role: &'static str,
    family: &[MemberId],
    listed: impl IntoIterator<Item = &'p PropertyPath>,
) -> SetKey {
    let listed: BTreeSet<MemberId> = listed.into_iter().filter_map(only_member).collect();
    let allowed: Vec<MemberId> = family
        .iter()
        .copied()
        .filter(|m| listed.contains(m))
        .collect();
    if allowed.is_empty() {
        SetKey::None
    } else {
        SetKey::Allowed(role, allowed)
    }
}

fn key(model: &Model, entity: EntityTypeId, family: &[MemberId], c: &Capabilities<'_>) -> Key {
    let f = &c.filter_restrictions;
    let s = &c.sort_restrictions;
    let e = &c.expand_restrictions;
    let filter = set_excluding("Filter", f.filterable, family, &f.non_filterable_properties);
    let sort = set_excluding(
        "Sort",
        s.sortable,
        family,
        s.non_sortable_properties
            .iter()
            .chain(&s.ascending_only_properties)
            .chain(&s.descending_only_properties),
    );
    let expand = set_excluding("Expand", e.expandable, family, &e.non_expandable_properties);
    let functions = c
        .filter_functions
        .as_ref()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut v: Vec<String> = l.iter().map(|s| s.to_string()).collect();
            v.sort();
            v.dedup();
            v
        });
    let flags = Flags {
        filter: f.filterable,
        sort: s.sortable,
        search: c.searchable(),
        top: c.top_supported(),
        skip: c.skip_supported(),
        count: c.countable(),
        select: c.select_supported(),
        expand: e.expandable,
        insert: c.insert_restrictions.insertable,
        update: c.update_restrictions.updatable,
        delete: c.delete_restrictions.deletable,
    };
    let delta = c
        .change_tracking
        .as_ref()
        .filter(|ct| ct.supported)
        .map(|ct| {
            let filter = if ct.filterable_properties.is_empty() || !f.filterable {
                SetKey::None
            } else {
                set_listing("DeltaFilter", family, &ct.filterable_properties)
            };
            let expand = if ct.expandable_properties.is_empty() {
                expand.clone()
            } else {
                set_listing("DeltaExpand", family, &ct.expandable_properties)
            };
            let mut delta_flags = flags;
            delta_flags.filter = filter != SetKey::None;
            delta_flags.expand = flags.expand && expand != SetKey::None;
            Box::new(Key {
                entity,
                filter,
                sort: sort.clone(),
                expand,
                functions: functions.clone(),
                flags: delta_flags,
                delta: None,
            })
        });
    let _ = model;
    Key {
        entity,
        filter,
        sort,
        expand,
        functions,
        flags,
        delta,
    }
}

/// Interns values in order of first appearance.
struct Interner<T: Eq + std::hash::Hash + Clone> {
    ids: HashMap<T, usize>,
    values: Vec<T>,
}

impl<T: Eq + std::hash::Hash + Clone> Interner<T> {
    fn new() -> Self {
        Interner {
            ids: HashMap::new(),
            values: Vec::new(),
        }
    }
    fn get(&mut self, v: &T) -> usize {
        if let Some(i) = self.ids.get(v) {
            return *i;
        }
        let i = self.values.len();
        self.ids.insert(v.clone(), i);
        self.values.push(v.clone());
        i
    }
}

impl CapabilitySpace {
    /// Follows the main container's paths `depth` navigation segments deep and
    /// computes the states.
    #[must_use]
    pub fn new(model: &Model, depth: usize) -> Self {
        let Some(container) = model.main_container() else {
            return CapabilitySpace::default();
        };
        let mut sources: Vec<NavigationSourceId> = model
            .entity_sets()
            .filter(|(_, s)| s.container == container)
            .map(|(id, _)| NavigationSourceId::EntitySet(id))
            .collect();
        sources.extend(
            model
                .singletons()
                .filter(|(_, s)| s.container == container)
                .map(|(id, _)| NavigationSourceId::Singleton(id)),
        );

        // 1. Paths, breadth-first, with the home path of every navigation property.
        let mut nodes: Vec<PathNode> = Vec::new();
        let mut depth_of: Vec<usize> = Vec::new();
        let mut homes: BTreeMap<NavigationPropertyId, usize> = BTreeMap::new();
        let mut queue = VecDeque::new();
        let mut source_nodes = Vec::new();
        for s in &sources {
            let path = NavigationPath::new(*s);
            let entity = model.navigation_source_type(*s);
            source_nodes.push((*s, nodes.len()));
            queue.push_back(nodes.len());
            nodes.push(PathNode {
                path,
                entity,
                children: HashMap::new(),
            });
            depth_of.push(0);
        }
        let mut navs_cache: HashMap<EntityTypeId, Navigations> = HashMap::new();
        while let Some(n) = queue.pop_front() {
            let entity = nodes[n].entity;
            let d = depth_of[n];
            let (exact, derived) = navs_cache
                .entry(entity)
                .or_insert_with(|| navigations(model, entity))
                .clone();
            for nav in exact {
                let Some(target) = model.navigation_property(nav).target else {
                    continue;
                };
                let explicit = d < depth;
                if !explicit && homes.contains_key(&nav) {
                    continue;
                }
                let child = nodes.len();
                nodes.push(PathNode {
                    path: nodes[n]
                        .path
                        .clone()
                        .then(PathSegment::NavigationProperty(nav)),
                    entity: target,
                    children: HashMap::new(),
                });
                depth_of.push(d + 1);
                if explicit {
                    nodes[n].children.insert(nav, child);
                }
                homes.entry(nav).or_insert(child);
                queue.push_back(child);
            }
            for (ty, nav) in derived {
                if homes.contains_key(&nav) {
                    continue;
                }
                let Some(target) = model.navigation_property(nav).target else {
                    continue;
                };
                let child = nodes.len();
                nodes.push(PathNode {
                    path: nodes[n]
                        .path
                        .clone()
                        .then(PathSegment::TypeCast(ty))
                        .then(PathSegment::NavigationProperty(nav)),
                    entity: target,
                    children: HashMap::new(),
                });
                depth_of.push(d + 1);
                homes.insert(nav, child);
                queue.push_back(child);
            }
        }

        // 2. Capabilities of every path.
        let mut families: HashMap<EntityTypeId, Vec<MemberId>> = HashMap::new();
        let mut keys: Interner<Key> = Interner::new();
        let key_of: Vec<usize> = nodes
            .iter()
            .map(|node| {
                let family = families
                    .entry(node.entity)
                    .or_insert_with(|| family_members(model, node.entity));
                let caps = Capabilities::for_path(model, &node.path);
                keys.get(&key(model, node.entity, family, &caps))
            })
            .collect();

        // 3–4. Transitions, and the coarsest partition that respects them.
        let target = |n: usize, nav: NavigationPropertyId| -> Option<usize> {
            nodes[n]
                .children
                .get(&nav)
                .copied()
                .or_else(|| homes.get(&nav).copied())
        };
        let all_navs: Vec<Vec<NavigationPropertyId>> = nodes
            .iter()
            .map(|node| {
                let (exact, derived) = &navs_cache[&node.entity];
                exact
                    .iter()
                    .copied()
                    .chain(derived.iter().map(|(_, n)| *n))
                    .filter(|nav| homes.contains_key(nav))
                    .collect()
            })
            .collect();
        let mut class = key_of.clone();
        let mut count = keys.values.len();
        loop {
            let mut signatures: Interner<(usize, Vec<usize>)> = Interner::new();
            let next: Vec<usize> = (0..nodes.len())
                .map(|n| {
                    let t: Vec<usize> = all_navs[n]
                        .iter()
                        .map(|nav| target(n, *nav).map_or(usize::MAX, |t| class[t]))
                        .collect();
                    signatures.get(&(class[n], t))
                })
                .collect();
            let new_count = signatures.values.len();
            class = next;
            if new_count == count {
                break;
            }
            count = new_count;
        }

        // States, in order of their first path.
        let mut space = CapabilitySpace {
            path_count: nodes.len(),
            ..CapabilitySpace::default()
        };
        let mut state_of_class: HashMap<usize, usize> = HashMap::new();
        let mut reps: Vec<usize> = Vec::new();
        for (n, c) in class.iter().enumerate() {
            let next = state_of_class.len();
            let s = *state_of_class.entry(*c).or_insert(next);
            if s == reps.len() {
                reps.push(n);
            }
        }
        let mut path_lists: Vec<(Vec<String>, usize)> = vec![(Vec::new(), 0); reps.len()];
        for (n, c) in class.iter().enumerate() {
            let entry = &mut path_lists[state_of_class[c]];
            entry.1 += 1;
            if entry.0.len() < 4 {
                entry.0.push(nodes[n].path.text(model));
            }
        }
        let mut sets: Interner<MemberSet> = Interner::new();
        let mut function_sets: Interner<Vec<String>> = Interner::new();
        let mut set_ref = |k: &SetKey, entity: EntityTypeId| match k {
            SetKey::All => SetRef::All,
            SetKey::None => SetRef::None,
            SetKey::Allowed(role, members) => SetRef::Set(sets.get(&MemberSet {
                name: String::new(),
                entity,
                role,
                members: members.clone(),
            })),
        };
        // A state for key `k` (its member and function sets interned), unnamed.
        let mut spec =
            |k: &Key,
             paths: Vec<String>,
             path_count: usize,
             transitions: Option<Vec<(NavigationPropertyId, usize)>>| StateSpec {
                name: String::new(),
                entity: k.entity,
                paths,
                path_count,
                filter: set_ref(&k.filter, k.entity),
                sort: set_ref(&k.sort, k.entity),
                expand: set_ref(&k.expand, k.entity),
                functions: k
                    .functions
                    .as_ref()
                    .map_or(SetRef::All, |f| SetRef::Set(function_sets.get(f))),
                flags: k.flags,
                delta: None,
                transitions,
            };
        let mut states: Vec<StateSpec> = Vec::new();
        let mut deltas: Vec<(usize, Key)> = Vec::new();
        for (s, rep) in reps.iter().enumerate() {
            let k = keys.values[key_of[*rep]].clone();
            let transitions = {
                let list: Vec<(NavigationPropertyId, usize)> = all_navs[*rep]
                    .iter()
                    .filter_map(|nav| {
                        let t = target(*rep, *nav)?;
                        Some((*nav, state_of_class[&class[t]]))
                    })
                    .collect();
                let default = list.iter().all(|(nav, t)| {
                    homes
                        .get(nav)
                        .is_some_and(|h| state_of_class[&class[*h]] == *t)
                });
                (!default).then_some(list)
            };
            if let Some(d) = &k.delta {
                deltas.push((s, (**d).clone()));
            }
            states.push(spec(
                &k,
                path_lists[s].0.clone(),
                path_lists[s].1,
                transitions,
            ));
        }
        // Delta states, shared by equal keys.
        let mut delta_states: HashMap<Key, usize> = HashMap::new();
        for (s, dk) in deltas {
            let next = states.len();
            let d = match delta_states.get(&dk) {
                Some(d) => *d,
                None => {
                    delta_states.insert(dk.clone(), next);
                    let paths = states[s].paths.clone();
                    states.push(spec(&dk, paths, 0, Some(Vec::new())));
                    next
                }
            };
            states[s].delta = Some(d);
        }
        space.states = states;
        space.member_sets = sets.values;
        space.function_sets = function_sets.values;
        space.sources = source_nodes
            .into_iter()
            .map(|(s, n)| (s, state_of_class[&class[n]]))
            .collect();
        space.homes = homes
            .into_iter()
            .map(|(nav, n)| (nav, state_of_class[&class[n]]))
            .collect();
        space.assign_names(model);
        space
    }

    /// Names the markers: a state after its first path (`MeMailFoldersMessages`), a
    /// delta state after its state (`…Delta`), a member set after its first state and
    /// role (`UsersFilter`), function sets `FilterFunctions`, `FilterFunctions2`, ….
    fn assign_names(&mut self, model: &Model) {
        let mut names = NameSet::default();
        let deltas: HashMap<usize, usize> = self
            .states
            .iter()
            .enumerate()
            .filter_map(|(s, x)| x.delta.map(|d| (d, s)))
            .collect();
        for s in 0..self.states.len() {
            if deltas.contains_key(&s) {
                continue;
            }
            let base = self.states[s]
                .paths
                .first()
                .map_or_else(|| "State".to_owned(), |p| path_name(p));
            self.states[s].name = names.claim(&base, Style::Camel);
        }
        for s in 0..self.states.len() {
            if let Some(owner) = deltas.get(&s) {
                let base = format!("{}Delta", self.states[*owner].name);
                self.states[s].name = names.claim(&base, Style::Camel);
            }
        }
        for i in 0..self.member_sets.len() {
            let owner = self
                .states
                .iter()
                .find(|st| [st.filter, st.sort, st.expand].contains(&SetRef::Set(i)));
            let role = self.member_sets[i].role;
            // A delta state's name already says "Delta".
            let role = role.strip_prefix("Delta").unwrap_or(role);
            let base = format!("{}{role}", owner.map_or("Members", |o| o.name.as_str()));
            self.member_sets[i].name = names.claim(&base, Style::Camel);
        }
        self.function_set_names = (0..self.function_sets.len())
            .map(|_| names.claim("FilterFunctions", Style::Camel))
            .collect();
        let _ = model;
    }

    /// Whether state `s` is a delta state (it has no transitions and is never a home).
    #[must_use]
    pub fn is_delta(&self, s: usize) -> bool {
        self.states.iter().any(|x| x.delta == Some(s))
    }
}

/// `Users/MailFolders/Microsoft.OutlookServices.EventMessage/Event` → `UsersMailFoldersEventMessageEvent`.
fn path_name(path: &str) -> String {
    path.split('/')
        .map(|seg| naming::camel(seg.rsplit('.').next().unwrap_or(seg)))
        .collect()
}
