//! Checks `generated-models/metadata/outlook-v2.0.xml` against the property tables of the v2.0
//! resource reference: type by type and property by property, the same properties with the same
//! collection-ness, type, filterability and writability. The XML is read with quick-xml directly,
//! independently of the toolkit's CSDL reader.
//!
//! How the document encodes the tables (see its header comment):
//! - "Filterable? No" → the property is in `NonFilterableProperties` of every collection whose
//!   element type is the table's type or one of its base types: the `Annotations` block of each
//!   collection-valued navigation property, the `Users` entity set, and the `RestrictedProperties`
//!   of the `NavigationRestrictions` on `Users` and `Me`.
//! - "Writable? No" on a structural property → `Core.Permissions` `Read` on its declaration; on a
//!   navigation property → listed in `NonInsertableNavigationProperties` and
//!   `NonUpdatableNavigationProperties` of every such collection (only the latter on `Me`).
//!
//! Every difference is either fixed in the XML or listed with its reason in `known.rs`.

mod consistency;
mod known;
mod vocabulary;
mod xml;

use std::collections::BTreeSet;
use std::fmt;

use seed_tables::{SeedKind, SeedProperty, SeedType, parse_property_tables};

use xml::{
    CAPABILITIES, CORE, Csdl, Element, NS, bool_value, collection_texts, local, property_value,
};

const CSDL_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../generated-models/metadata/outlook-v2.0.xml"
);
const REFERENCE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seeds/003_06d8bdf94ff0148c.txt"
);

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A place where collection-level restrictions are stated for collections of `element_type`.
#[derive(Debug)]
struct Carrier {
    origin: String,
    element_type: String,
    checks_filter: bool,
    non_filterable: Option<Vec<String>>,
    checks_insert: bool,
    non_insertable: Vec<String>,
    checks_update: bool,
    non_updatable: Vec<String>,
    checks_search: bool,
    searchable: Option<bool>,
}

impl Carrier {
    fn new(origin: String, element_type: String) -> Self {
        Carrier {
            origin,
            element_type,
            checks_filter: true,
            non_filterable: None,
            checks_insert: true,
            non_insertable: Vec::new(),
            checks_update: true,
            non_updatable: Vec::new(),
            checks_search: true,
            searchable: None,
        }
    }

    /// Fills the restrictions from annotation elements, or from the property values of a
    /// `NavigationPropertyRestriction` record (`in_record`).
    fn read(&mut self, csdl: &Csdl<'_>, elements: &[&Element], in_record: bool) {
        let term = |name: &str| format!("{CAPABILITIES}.{name}");
        let pick = |name: &str| -> Option<&Element> {
            if in_record {
                elements
                    .iter()
                    .copied()
                    .find(|pv| pv.attr("Property") == Some(name))
            } else {
                csdl.find_term(elements, &term(name))
            }
        };
        if let Some(filter) = pick("FilterRestrictions") {
            let record = filter.child("Record").expect("FilterRestrictions record");
            self.non_filterable = Some(
                property_value(record, "NonFilterableProperties")
                    .map(collection_texts)
                    .unwrap_or_default(),
            );
        }
        if let Some(search) = pick("SearchRestrictions") {
            let record = search.child("Record").expect("SearchRestrictions record");
            self.searchable = Some(
                property_value(record, "Searchable")
                    .map(|pv| bool_value(pv).expect("Searchable is a Bool"))
                    .unwrap_or(true),
            );
        }
        if let Some(insert) = pick("InsertRestrictions") {
            let record = insert.child("Record").expect("InsertRestrictions record");
            self.non_insertable = property_value(record, "NonInsertableNavigationProperties")
                .map(collection_texts)
                .unwrap_or_default();
        }
        if let Some(update) = pick("UpdateRestrictions") {
            let record = update.child("Record").expect("UpdateRestrictions record");
            self.non_updatable = property_value(record, "NonUpdatableNavigationProperties")
                .map(collection_texts)
                .unwrap_or_default();
        }
    }
}

/// Every carrier of collection-level restrictions in the document.
fn carriers(csdl: &Csdl<'_>) -> Vec<Carrier> {
    let mut out = Vec::new();
    // Each collection-valued navigation property, annotated or not.
    for (&type_name, structured) in &csdl.types {
        for prop in structured
            .props
            .iter()
            .filter(|p| p.nav && p.is_collection())
        {
            let target = format!("{NS}.{type_name}/{}", prop.name);
            let element_type = local(prop.element_type()).expect("nav type in namespace");
            let mut carrier = Carrier::new(target.clone(), element_type.to_owned());
            let annotations: Vec<&Element> = csdl
                .annotation_blocks(&target)
                .flat_map(|b| b.children_named("Annotation"))
                .collect();
            carrier.read(csdl, &annotations, false);
            out.push(carrier);
        }
    }
    // The entity set, the singleton, and their navigation restrictions.
    for (source, is_set) in [("Users", true), ("Me", false)] {
        let target = format!("{NS}.EntityContainer/{source}");
        let annotations: Vec<&Element> = csdl
            .annotation_blocks(&target)
            .flat_map(|b| b.children_named("Annotation"))
            .collect();
        let mut carrier = Carrier::new(target.clone(), "User".to_owned());
        carrier.checks_filter = is_set;
        carrier.checks_insert = is_set;
        carrier.checks_search = is_set;
        carrier.read(csdl, &annotations, false);
        out.push(carrier);
        let term = format!("{CAPABILITIES}.NavigationRestrictions");
        let Some(restrictions) = csdl.find_term(&annotations, &term) else {
            continue;
        };
        let record = restrictions
            .child("Record")
            .expect("NavigationRestrictions record");
        let Some(restricted) = property_value(record, "RestrictedProperties") else {
            continue;
        };
        for entry in restricted
            .child("Collection")
            .map(|c| c.children.iter().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let path = property_value(entry, "NavigationProperty")
                .and_then(|pv| pv.attr("NavigationPropertyPath"))
                .expect("NavigationProperty path");
            let (element_type, _) = csdl
                .resolve_path("User", path)
                .unwrap_or_else(|| panic!("{target}: bad restricted path {path}"));
            let mut carrier = Carrier::new(format!("{target} {path}"), element_type);
            carrier.checks_insert = false;
            carrier.checks_update = false;
            let values: Vec<&Element> = entry.children_named("PropertyValue").collect();
            carrier.read(csdl, &values, true);
            out.push(carrier);
        }
    }
    out
}

/// Whether `path` names property `prop` of `type_name`, directly or through a type cast to
/// `type_name` or one of its base types.
fn path_names(csdl: &Csdl<'_>, path: &str, type_name: &str, prop: &str) -> bool {
    if path == prop {
        return true;
    }
    match path.rsplit_once('/') {
        Some((cast, last)) if last == prop => {
            local(cast).is_some_and(|cast| csdl.lineage(type_name).contains(&cast))
        }
        _ => false,
    }
}

/// A difference between the reference and the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    type_name: String,
    property: String,
    aspect: &'static str,
    detail: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "(\"{}\", \"{}\", \"{}\") — {}",
            self.type_name, self.property, self.aspect, self.detail
        )
    }
}

struct Comparison<'c, 'a> {
    csdl: &'c Csdl<'a>,
    carriers: Vec<Carrier>,
    differences: Vec<Difference>,
    compared_properties: usize,
}

impl Comparison<'_, '_> {
    fn differ(&mut self, type_name: &str, property: &str, aspect: &'static str, detail: String) {
        self.differences.push(Difference {
            type_name: type_name.to_owned(),
            property: property.to_owned(),
            aspect,
            detail,
        });
    }

    fn seed_type(&mut self, seed: &SeedType, all: &[SeedType]) {
        let csdl = self.csdl;
        if seed.kind == SeedKind::Enum {
            let Some(members) = csdl.enums.get(seed.name.as_str()) else {
                self.differ(
                    &seed.name,
                    "",
                    "missing-type",
                    "no such enumeration".to_owned(),
                );
                return;
            };
            for m in &seed.members {
                if !members.contains(&m.as_str()) {
                    self.differ(
                        &seed.name,
                        m,
                        "missing-member",
                        "member not declared".to_owned(),
                    );
                }
            }
            for m in members {
                if !seed.members.iter().any(|s| s == m) {
                    self.differ(
                        &seed.name,
                        m,
                        "extra-member",
                        "member not in the reference".to_owned(),
                    );
                }
            }
            return;
        }
        let Some(structured) = csdl.types.get(seed.name.as_str()) else {
            self.differ(&seed.name, "", "missing-type", "no such type".to_owned());
            return;
        };
        let expect_entity = seed.kind == SeedKind::Resource;
        if structured.entity != expect_entity {
            self.differ(
                &seed.name,
                "",
                "kind",
                format!("entity type: {}", structured.entity),
            );
        }
        if let Some(base) = &seed.base_type {
            let lineage = csdl.lineage(&seed.name);
            if !lineage[1..].contains(&base.as_str()) {
                self.differ(
                    &seed.name,
                    "",
                    "base",
                    format!("reference: {base}; document: {lineage:?}"),
                );
            }
        }
        for row in &seed.properties {
            self.compared_properties += 1;
            self.seed_property(seed, row);
        }
        // Properties of the document that no table of the type or its bases lists.
        let lineage: Vec<String> = csdl
            .lineage(&seed.name)
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        for (declaring, prop) in csdl.all_props(&seed.name) {
            let listed = lineage.iter().any(|t| {
                all.iter()
                    .any(|s| &s.name == t && s.property(prop.name).is_some())
            });
            if !listed {
                self.differ(
                    &seed.name,
                    prop.name,
                    "extra",
                    format!("declared on {declaring}"),
                );
            }
        }
    }

    fn seed_property(&mut self, seed: &SeedType, row: &SeedProperty) {
        let csdl = self.csdl;
        let Some((declaring, prop)) = csdl.prop(&seed.name, &row.name) else {
            self.differ(
                &seed.name,
                &row.name,
                "missing",
                format!("reference line {}", row.line),
            );
            return;
        };
        if prop.is_collection() != row.is_collection() {
            self.differ(
                &seed.name,
                &row.name,
                "collection",
                format!("reference: {}; document: {}", row.doc_type, prop.type_),
            );
        } else if let Some(expected) = expected_type(row)
            && expected != prop.type_
        {
            self.differ(
                &seed.name,
                &row.name,
                "type",
                format!("reference: {}; document: {}", row.doc_type, prop.type_),
            );
        }
        if let Some(writable) = row.writable {
            let actual = if prop.nav {
                self.nav_writable(&seed.name, &row.name)
            } else {
                Ok(structural_access(csdl, &declaring, &prop))
            };
            match actual {
                Ok(Access::ReadWrite) if writable => {}
                Ok(Access::ReadOnly) if !writable => {}
                Ok(access) => self.differ(
                    &seed.name,
                    &row.name,
                    "writable",
                    format!("reference: {}; document: {access:?}", yes_no(writable)),
                ),
                Err(why) => self.differ(&seed.name, &row.name, "writable", why),
            }
        }
        if let Some(filterable) = row.filterable {
            match self.filterable(&seed.name, &row.name) {
                Ok(actual) if actual == filterable => {}
                Ok(actual) => self.differ(
                    &seed.name,
                    &row.name,
                    "filterable",
                    format!(
                        "reference: {}; document: {}",
                        yes_no(filterable),
                        yes_no(actual)
                    ),
                ),
                Err(why) => self.differ(&seed.name, &row.name, "filterable", why),
            }
        }
    }

    fn relevant(&self, type_name: &str) -> Vec<&Carrier> {
        let lineage = self.csdl.lineage(type_name);
        self.carriers
            .iter()
            .filter(|c| lineage.contains(&c.element_type.as_str()))
            .collect()
    }

    /// Filterability of a property over every collection of its type; an error when there is no
    /// such collection, one lacks FilterRestrictions, or they disagree.
    fn filterable(&self, type_name: &str, prop: &str) -> Result<bool, String> {
        let mut seen = BTreeSet::new();
        let mut origins = Vec::new();
        for carrier in self
            .relevant(type_name)
            .into_iter()
            .filter(|c| c.checks_filter)
        {
            let Some(list) = &carrier.non_filterable else {
                return Err(format!("no FilterRestrictions at {}", carrier.origin));
            };
            let filterable = !list
                .iter()
                .any(|p| path_names(self.csdl, p, type_name, prop));
            seen.insert(filterable);
            origins.push(format!("{}={}", carrier.origin, yes_no(filterable)));
        }
        match (seen.len(), seen.first()) {
            (0, _) => Err("no collection of the type to carry filter restrictions".to_owned()),
            (1, Some(&value)) => Ok(value),
            _ => Err(format!("collections disagree: {origins:?}")),
        }
    }

    /// Writability of a navigation property over every collection of its type.
    fn nav_writable(&self, type_name: &str, prop: &str) -> Result<Access, String> {
        let mut seen = BTreeSet::new();
        let mut origins = Vec::new();
        for carrier in self
            .relevant(type_name)
            .into_iter()
            .filter(|c| c.checks_insert || c.checks_update)
        {
            let listed = |list: &[String]| {
                list.iter()
                    .any(|p| path_names(self.csdl, p, type_name, prop))
            };
            let blocked = (!carrier.checks_insert || listed(&carrier.non_insertable))
                && (!carrier.checks_update || listed(&carrier.non_updatable));
            let partly = listed(&carrier.non_insertable) || listed(&carrier.non_updatable);
            if partly && !blocked {
                return Err(format!(
                    "only one of insert/update restricts it at {}",
                    carrier.origin
                ));
            }
            seen.insert(!blocked);
            origins.push(format!("{}={}", carrier.origin, yes_no(!blocked)));
        }
        match (seen.len(), seen.first()) {
            // Nothing restricts it (the type is only reached through single-valued paths).
            (0, _) | (1, Some(true)) => Ok(Access::ReadWrite),
            (1, Some(false)) => Ok(Access::ReadOnly),
            _ => Err(format!("collections disagree: {origins:?}")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
    /// Given on insert, never changed afterwards (Core.Immutable, or a client-supplied key).
    InsertOnly,
}

fn structural_access(csdl: &Csdl<'_>, declaring: &str, prop: &xml::Prop<'_>) -> Access {
    let annotations = csdl.property_annotations(declaring, prop);
    let read_only = csdl
        .find_term(&annotations, &format!("{CORE}.Permissions"))
        .and_then(|a| a.attr("EnumMember"))
        .is_some_and(|m| {
            let (enum_type, member) = m.split_once('/').unwrap_or((m, ""));
            csdl.term(enum_type) == format!("{CORE}.Permission") && member == "Read"
        });
    if read_only {
        return Access::ReadOnly;
    }
    let immutable = csdl
        .find_term(&annotations, &format!("{CORE}.Immutable"))
        .is_some_and(|a| bool_value(a).unwrap_or(true));
    let key = csdl
        .types
        .get(declaring)
        .is_some_and(|t| t.key.contains(&prop.name));
    if immutable || key {
        Access::InsertOnly
    } else {
        Access::ReadWrite
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "Yes" } else { "No" }
}

/// The CSDL type a reference type spelling stands for.
fn expected_type(row: &SeedProperty) -> Option<String> {
    let element = match row.element_type() {
        Some(e) => e.to_owned(),
        // "A collection ... of type MultiValueLegacyExtendedProperty."
        None => row
            .description
            .split_once("of type ")?
            .1
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()?
            .to_owned(),
    };
    let mapped = match element.as_str() {
        "String" | "string" => "Edm.String".to_owned(),
        "Int32" | "int" => "Edm.Int32".to_owned(),
        "Boolean" | "boolean" => "Edm.Boolean".to_owned(),
        "DateTimeOffset" | "datetimeoffset" => "Edm.DateTimeOffset".to_owned(),
        "Binary" | "binary" => "Edm.Binary".to_owned(),
        "Double" | "double" => "Edm.Double".to_owned(),
        "Guid" | "guid" | "Edm.Guid" => "Edm.Guid".to_owned(),
        other => format!("{NS}.{other}"),
    };
    Some(if row.is_collection() {
        format!("Collection({mapped})")
    } else {
        mapped
    })
}

#[test]
fn csdl_matches_the_resource_reference() {
    let text = read(CSDL_PATH);
    let root = xml::read_document(&text);
    let csdl = Csdl::new(&root);
    let seeds = parse_property_tables(&read(REFERENCE_PATH));
    let mut comparison = Comparison {
        csdl: &csdl,
        carriers: carriers(&csdl),
        differences: Vec::new(),
        compared_properties: 0,
    };
    for seed in &seeds {
        comparison.seed_type(seed, &seeds);
    }
    for name in &csdl.type_order {
        if !seeds.iter().any(|s| s.name == *name) {
            comparison.differ(
                name,
                "",
                "not-in-reference",
                "type has no section in the reference".to_owned(),
            );
        }
    }
    let mut found = comparison.differences;
    found.sort();
    found.dedup();
    let known: BTreeSet<(&str, &str, &str)> = known::KNOWN_DIFFERENCES
        .iter()
        .map(|(t, p, a, _)| (*t, *p, *a))
        .collect();
    assert_eq!(
        known.len(),
        known::KNOWN_DIFFERENCES.len(),
        "duplicate KNOWN_DIFFERENCES entry"
    );
    let unexpected: Vec<String> = found
        .iter()
        .filter(|d| !known.contains(&(d.type_name.as_str(), d.property.as_str(), d.aspect)))
        .map(ToString::to_string)
        .collect();
    let stale: Vec<String> = known
        .iter()
        .filter(|(t, p, a)| {
            !found
                .iter()
                .any(|d| d.type_name == *t && d.property == *p && d.aspect == *a)
        })
        .map(|k| format!("{k:?}"))
        .collect();
    println!(
        "compared {} reference sections and {} rows; {} known differences",
        seeds.len(),
        comparison.compared_properties,
        found.len()
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "unexpected differences (fix the XML or list them in known.rs):\n{}\n\nstale known differences:\n{}",
        unexpected.join("\n"),
        stale.join("\n")
    );
}
