//! Checks the Outlook CSDL against the property tables of the v2.0 resource reference a second
//! time, through the toolkit's own reader (`odata_parser::edm::Model`) and its typed capability
//! view (`odata_parser::edm::vocab`), not through raw XML: for every table row, the model has
//! the property (declared or inherited) with the same collection-ness; it is filterable exactly
//! when every collection of its type (every navigation path from `Users` and `Me`, as the
//! effective capabilities compute it) allows it; and it is writable as the table says (Core
//! permissions and computed values for structural properties, deep insert and rebinding
//! restrictions over every collection and singleton of the type for navigation properties).
//!
//! The deliberate differences are those of the quick-xml check (`outlook_csdl/known.rs`),
//! restricted to the aspects compared here.

#[path = "outlook_csdl/known.rs"]
mod known;

use std::collections::BTreeSet;

use odata_parser::edm::vocab::{Capabilities, Core, NavigationPath};
use odata_parser::edm::{MemberId, Model, NavigationSourceId, PathSegment, StructuredTypeId};
use seed_tables::{SeedKind, SeedProperty, SeedType, parse_property_tables};

const NS: &str = "Microsoft.OutlookServices";
const CSDL_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../generated-models/metadata/outlook-v2.0.xml"
);
const REFERENCE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seeds/003_06d8bdf94ff0148c.txt"
);
/// The aspects this check compares (the quick-xml check also compares types and extras).
const ASPECTS: &[&str] = &[
    "missing-type",
    "kind",
    "base",
    "missing",
    "collection",
    "writable",
    "filterable",
    "missing-member",
    "extra-member",
];
/// How many navigation segments deep paths are followed from `Users` and `Me`.
const DEPTH: usize = 4;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn yes_no(value: bool) -> &'static str {
    if value { "Yes" } else { "No" }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
    /// Given on insert, never changed afterwards (Core.Immutable, or a client-supplied key).
    InsertOnly,
}

/// The effective capabilities of every resource reachable from the container's sources.
struct Places<'m> {
    /// Collections: entity sets and collection-valued navigation paths.
    collections: Vec<Capabilities<'m>>,
    /// Singletons (updatable, never inserted into).
    singletons: Vec<Capabilities<'m>>,
}

impl<'m> Places<'m> {
    fn new(model: &'m Model) -> Self {
        let mut frontier: Vec<NavigationPath> = model
            .entity_sets()
            .map(|(id, _)| NavigationPath::new(NavigationSourceId::EntitySet(id)))
            .chain(
                model
                    .singletons()
                    .map(|(id, _)| NavigationPath::new(NavigationSourceId::Singleton(id))),
            )
            .collect();
        let mut places = Places {
            collections: Vec::new(),
            singletons: Vec::new(),
        };
        for depth in 0..=DEPTH {
            let mut next = Vec::new();
            for path in frontier {
                let ty = path.entity_type(model).expect("entity path");
                if depth < DEPTH {
                    for (nav, _) in model.all_navigation_properties(ty.into()) {
                        if !path
                            .segments
                            .contains(&PathSegment::NavigationProperty(nav))
                        {
                            next.push(path.clone().then(nav));
                        }
                    }
                }
                let caps = Capabilities::for_path(model, &path);
                if path.is_collection(model) {
                    places.collections.push(caps);
                } else if path.segments.is_empty() {
                    places.singletons.push(caps);
                }
            }
            frontier = next;
        }
        places
    }
}

struct Check<'m> {
    model: &'m Model,
    places: Places<'m>,
    differences: BTreeSet<(String, String, &'static str, String)>,
    rows: usize,
}

impl Check<'_> {
    fn differ(&mut self, ty: &str, prop: &str, aspect: &'static str, detail: String) {
        self.differences
            .insert((ty.to_owned(), prop.to_owned(), aspect, detail));
    }

    fn seed_type(&mut self, seed: &SeedType) {
        let m = self.model;
        let qualified = format!("{NS}.{}", seed.name);
        if seed.kind == SeedKind::Enum {
            let Some(e) = m.enum_type_by_name(&qualified) else {
                self.differ(&seed.name, "", "missing-type", "no such enumeration".into());
                return;
            };
            let e = m.enum_type(e);
            for member in &seed.members {
                if e.member(member).is_none() {
                    self.differ(&seed.name, member, "missing-member", String::new());
                }
            }
            for member in &e.members {
                if !seed.members.iter().any(|s| **s == *member.name) {
                    self.differ(&seed.name, &member.name, "extra-member", String::new());
                }
            }
            return;
        }
        let Some(ty) = m.structured_type_by_name(&qualified) else {
            self.differ(&seed.name, "", "missing-type", "no such type".into());
            return;
        };
        let is_entity = matches!(ty, StructuredTypeId::Entity(_));
        if is_entity != (seed.kind == SeedKind::Resource) {
            self.differ(&seed.name, "", "kind", format!("entity type: {is_entity}"));
        }
        if let Some(base) = &seed.base_type {
            let chain: Vec<&str> = m
                .type_chain(ty)
                .skip(1)
                .map(|t| m.structured_type_name(t).name())
                .collect();
            if !chain.contains(&base.as_str()) {
                self.differ(&seed.name, "", "base", format!("model: {chain:?}"));
            }
        }
        for row in &seed.properties {
            self.rows += 1;
            self.row(seed, ty, row);
        }
    }

    fn row(&mut self, seed: &SeedType, ty: StructuredTypeId, row: &SeedProperty) {
        let m = self.model;
        let Some(member) = m.member(ty, &row.name) else {
            self.differ(
                &seed.name,
                &row.name,
                "missing",
                format!("line {}", row.line),
            );
            return;
        };
        let collection = match member {
            MemberId::Property(p) => m.property(p).ty.collection,
            MemberId::NavigationProperty(n) => m.navigation_property(n).collection,
        };
        if collection != row.is_collection() {
            self.differ(
                &seed.name,
                &row.name,
                "collection",
                format!("reference: {}; model: {collection}", row.doc_type),
            );
        }
        if let Some(writable) = row.writable {
            let access = match member {
                MemberId::Property(p) => Ok(structural_access(m, p)),
                MemberId::NavigationProperty(_) => self.navigation_access(ty, member),
            };
            match access {
                Ok(Access::ReadWrite) if writable => {}
                Ok(Access::ReadOnly) if !writable => {}
                Ok(access) => self.differ(
                    &seed.name,
                    &row.name,
                    "writable",
                    format!("reference: {}; model: {access:?}", yes_no(writable)),
                ),
                Err(why) => self.differ(&seed.name, &row.name, "writable", why),
            }
        }
        if let Some(filterable) = row.filterable {
            match self.filterable(ty, member) {
                Ok(actual) if actual == filterable => {}
                Ok(actual) => self.differ(
                    &seed.name,
                    &row.name,
                    "filterable",
                    format!(
                        "reference: {}; model: {}",
                        yes_no(filterable),
                        yes_no(actual)
                    ),
                ),
                Err(why) => self.differ(&seed.name, &row.name, "filterable", why),
            }
        }
    }

    /// The places whose resources are `ty` or a base type of it, with the member path from
    /// there (through a type cast when the member is not declared along the place's chain).
    fn relevant<'p>(
        &self,
        places: &'p [Capabilities<'_>],
        ty: StructuredTypeId,
        member: MemberId,
    ) -> Vec<(&'p Capabilities<'p>, Vec<PathSegment>)> {
        let m = self.model;
        places
            .iter()
            .filter_map(|caps| {
                let place_ty: StructuredTypeId = caps.entity_type()?.into();
                if !m.is_same_or_derived(ty, place_ty) {
                    return None;
                }
                let mut path = Vec::new();
                if m.member(place_ty, m.member_name(member)) != Some(member) {
                    path.push(PathSegment::TypeCast(ty));
                }
                path.push(member.into());
                Some((caps, path))
            })
            .collect()
    }

    /// Filterability over every collection of the type; an error when there is none or they
    /// disagree.
    fn filterable(&self, ty: StructuredTypeId, member: MemberId) -> Result<bool, String> {
        let mut seen = BTreeSet::new();
        let mut origins = Vec::new();
        for (caps, path) in self.relevant(&self.places.collections, ty, member) {
            let filterable = caps.is_filterable(&path);
            seen.insert(filterable);
            origins.push(format!(
                "{}={}",
                caps.path().text(self.model),
                yes_no(filterable)
            ));
        }
        match (seen.len(), seen.first()) {
            (0, _) => Err("no collection of the type to carry filter restrictions".into()),
            (1, Some(&value)) => Ok(value),
            _ => Err(format!("collections disagree: {origins:?}")),
        }
    }

    /// Writability of a navigation property over every collection (insert and update) and
    /// singleton (update) of its type.
    fn navigation_access(&self, ty: StructuredTypeId, member: MemberId) -> Result<Access, String> {
        let mut seen = BTreeSet::new();
        let mut origins = Vec::new();
        let places = self
            .relevant(&self.places.collections, ty, member)
            .into_iter()
            .map(|(c, p)| (c, p, true))
            .chain(
                self.relevant(&self.places.singletons, ty, member)
                    .into_iter()
                    .map(|(c, p)| (c, p, false)),
            );
        for (caps, path, insertable_place) in places {
            let insert_listed = insertable_place && !caps.is_insertable(&path);
            let update_listed = !caps.is_updatable(&path);
            let blocked = (!insertable_place || insert_listed) && update_listed;
            let partly = insert_listed || update_listed;
            if partly && !blocked {
                return Err(format!(
                    "only one of insert/update restricts it at {}",
                    caps.path().text(self.model)
                ));
            }
            seen.insert(!blocked);
            origins.push(format!(
                "{}={}",
                caps.path().text(self.model),
                yes_no(!blocked)
            ));
        }
        match (seen.len(), seen.first()) {
            (0, _) | (1, Some(true)) => Ok(Access::ReadWrite),
            (1, Some(false)) => Ok(Access::ReadOnly),
            _ => Err(format!("collections disagree: {origins:?}")),
        }
    }
}

/// A structural property's access from its Core annotations and its type's key.
fn structural_access(m: &Model, p: odata_parser::edm::PropertyId) -> Access {
    let core = Core::of_property(m, p);
    if core.is_read_only() {
        return Access::ReadOnly;
    }
    let key = match m.property(p).declaring_type {
        StructuredTypeId::Entity(e) => m.key(e).iter().any(|k| k.property == p),
        StructuredTypeId::Complex(_) => false,
    };
    if core.immutable || key {
        Access::InsertOnly
    } else {
        Access::ReadWrite
    }
}

#[test]
fn model_and_capabilities_match_the_resource_reference() {
    let model = Model::from_csdl_xml(&read(CSDL_PATH)).unwrap_or_else(|e| panic!("{e}"));
    let seeds = parse_property_tables(&read(REFERENCE_PATH));
    let places = Places::new(&model);
    let mut check = Check {
        model: &model,
        places,
        differences: BTreeSet::new(),
        rows: 0,
    };
    // Every collection-valued navigation property is the end of some path checked.
    for (id, nav) in model.navigation_properties() {
        let reached = check
            .places
            .collections
            .iter()
            .any(|c| c.path().segments.last() == Some(&PathSegment::NavigationProperty(id)));
        assert!(
            !nav.collection || reached,
            "{} is not reached within {DEPTH} segments",
            nav.name
        );
    }
    for seed in &seeds {
        check.seed_type(seed);
    }

    let known: BTreeSet<(&str, &str, &str)> = known::KNOWN_DIFFERENCES
        .iter()
        .filter(|(_, _, aspect, _)| ASPECTS.contains(aspect))
        .map(|(t, p, a, _)| (*t, *p, *a))
        .collect();
    let unexpected: Vec<String> = check
        .differences
        .iter()
        .filter(|(t, p, a, _)| !known.contains(&(t.as_str(), p.as_str(), *a)))
        .map(|(t, p, a, d)| format!("(\"{t}\", \"{p}\", \"{a}\") — {d}"))
        .collect();
    let stale: Vec<String> = known
        .iter()
        .filter(|(t, p, a)| {
            !check
                .differences
                .iter()
                .any(|(dt, dp, da, _)| dt == t && dp == p && da == a)
        })
        .map(|k| format!("{k:?}"))
        .collect();
    println!(
        "compared {} reference sections and {} rows over {} collections and {} singletons; {} known differences",
        seeds.len(),
        check.rows,
        check.places.collections.len(),
        check.places.singletons.len(),
        check.differences.len()
    );
    assert!(check.rows > 250, "only {} rows compared", check.rows);
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "unexpected differences (fix the XML or list them in outlook_csdl/known.rs):\n{}\n\nstale known differences:\n{}",
        unexpected.join("\n"),
        stale.join("\n")
    );
}
