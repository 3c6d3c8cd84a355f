//! Structural checks of the Outlook CSDL that do not need the reference: names resolve, nothing
//! inherited is declared again, partners pair up, capability paths lead somewhere, and every
//! annotation matches its vocabulary term.

use std::collections::BTreeSet;

use crate::vocabulary::Vocabularies;
use crate::xml::{self, CAPABILITIES, CORE, Csdl, Element, NS, local, property_value};
use crate::{CSDL_PATH, carriers, read};

const PRIMITIVES: &[&str] = &[
    "Edm.Binary",
    "Edm.Boolean",
    "Edm.DateTimeOffset",
    "Edm.Double",
    "Edm.Duration",
    "Edm.Guid",
    "Edm.Int32",
    "Edm.String",
];

fn type_resolves(csdl: &Csdl<'_>, type_: &str) -> bool {
    let element = type_
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(type_);
    PRIMITIVES.contains(&element)
        || local(element).is_some_and(|n| csdl.types.contains_key(n) || csdl.enums.contains_key(n))
}

#[test]
fn csdl_is_self_consistent() {
    let text = read(CSDL_PATH);
    let root = xml::read_document(&text);
    let csdl = Csdl::new(&root);
    let mut problems = Vec::new();

    for (&name, structured) in &csdl.types {
        if let Some(base) = &structured.base {
            let ok = local(base)
                .and_then(|b| csdl.types.get(b))
                .is_some_and(|b| b.entity == structured.entity);
            if !ok {
                problems.push(format!(
                    "{name}: base type {base} does not resolve to the same kind"
                ));
            }
        }
        let mut names = BTreeSet::new();
        for (declaring, prop) in csdl.all_props(name) {
            if !names.insert(prop.name) {
                problems.push(format!(
                    "{name}: {} declared again on {declaring}",
                    prop.name
                ));
            }
            if !type_resolves(&csdl, prop.type_) {
                problems.push(format!(
                    "{name}.{}: type {} does not resolve",
                    prop.name, prop.type_
                ));
            }
            if prop.nav
                && !local(prop.element_type())
                    .is_some_and(|t| csdl.types.get(t).is_some_and(|t| t.entity))
            {
                problems.push(format!(
                    "{name}.{}: navigation to a non-entity type",
                    prop.name
                ));
            }
            if let Some(partner) = prop.el.attr("Partner") {
                let target = local(prop.element_type()).unwrap_or_default();
                match csdl.prop(target, partner) {
                    Some((_, back)) if back.nav && back.el.attr("Partner") == Some(prop.name) => {
                        let points_back = csdl
                            .lineage(name)
                            .contains(&local(back.element_type()).unwrap_or_default());
                        if !points_back {
                            problems.push(format!(
                                "{name}.{}: partner {partner} leads elsewhere",
                                prop.name
                            ));
                        }
                    }
                    _ => problems.push(format!(
                        "{name}.{}: partner {partner} is not mutual",
                        prop.name
                    )),
                }
            }
            let annotations = csdl.property_annotations(&declaring, &prop);
            if prop.nav
                && csdl
                    .find_term(&annotations, &format!("{CORE}.Permissions"))
                    .is_some()
            {
                problems.push(format!(
                    "{name}.{}: Core.Permissions on a navigation property",
                    prop.name
                ));
            }
        }
        if structured.entity {
            let keyed = csdl.lineage(name).iter().find_map(|t| {
                let key = &csdl.types[t].key;
                (!key.is_empty()).then_some((*t, key.clone()))
            });
            match keyed {
                Some((declaring, key)) => {
                    for k in key {
                        let ok = csdl.types[declaring].props.iter().any(|p| {
                            p.name == k && !p.nav && p.el.attr("Nullable") == Some("false")
                        });
                        if !ok {
                            problems.push(format!(
                                "{declaring}: key {k} is not a non-nullable property"
                            ));
                        }
                    }
                }
                None => problems.push(format!("{name}: entity type without key")),
            }
        }
    }

    // Read-only and computed agree; computed implies read-only.
    for (&name, structured) in &csdl.types {
        for prop in &structured.props {
            let annotations = csdl.property_annotations(name, prop);
            let computed = csdl
                .find_term(&annotations, &format!("{CORE}.Computed"))
                .is_some();
            let read_only = csdl
                .find_term(&annotations, &format!("{CORE}.Permissions"))
                .is_some();
            if computed && !read_only {
                problems.push(format!(
                    "{name}.{}: Core.Computed without Core.Permissions Read",
                    prop.name
                ));
            }
        }
    }

    // Operations.
    let mut signatures = BTreeSet::new();
    for op in csdl
        .schema
        .children
        .iter()
        .filter(|c| c.name == "Action" || c.name == "Function")
    {
        let name = op.attr("Name").unwrap_or_default();
        let params: Vec<&Element> = op.children_named("Parameter").collect();
        for p in &params {
            let type_ = p.attr("Type").unwrap_or_default();
            if !type_resolves(&csdl, type_) {
                problems.push(format!(
                    "{name}({}): type {type_} does not resolve",
                    p.attr("Name").unwrap_or_default()
                ));
            }
        }
        if let Some(ret) = op.child("ReturnType")
            && !type_resolves(&csdl, ret.attr("Type").unwrap_or_default())
        {
            problems.push(format!("{name}: return type does not resolve"));
        }
        let binding = params
            .first()
            .and_then(|p| p.attr("Type"))
            .unwrap_or_default();
        if op.attr("IsBound") == Some("true") && !signatures.insert((name, binding)) {
            problems.push(format!(
                "{name}: overload bound to {binding} declared twice"
            ));
        }
    }

    // Container.
    let container = csdl
        .schema
        .child("EntityContainer")
        .expect("entity container");
    assert_eq!(container.attr("Name"), Some("EntityContainer"));
    let users = container
        .children_named("EntitySet")
        .find(|s| s.attr("Name") == Some("Users"));
    let me = container
        .children_named("Singleton")
        .find(|s| s.attr("Name") == Some("Me"));
    let user = format!("{NS}.User");
    assert_eq!(
        users.and_then(|s| s.attr("EntityType")),
        Some(user.as_str())
    );
    assert_eq!(me.and_then(|s| s.attr("Type")), Some(user.as_str()));

    // Capability paths resolve from the element type of the collection that carries them.
    for carrier in carriers(&csdl) {
        let paths = carrier
            .non_filterable
            .iter()
            .flatten()
            .map(|p| (p, false))
            .chain(
                carrier
                    .non_insertable
                    .iter()
                    .chain(&carrier.non_updatable)
                    .map(|p| (p, true)),
            );
        for (path, must_be_nav) in paths {
            match csdl.resolve_path(&carrier.element_type, path) {
                Some((_, prop)) if !must_be_nav || prop.nav => {}
                _ => problems.push(format!("{}: path {path} does not resolve", carrier.origin)),
            }
        }
    }
    for block in csdl.schema.children_named("Annotations") {
        let target = block.attr("Target").unwrap_or_default();
        let Some((owner, nav)) = local(target).and_then(|t| t.split_once('/')) else {
            continue;
        };
        if owner == "EntityContainer" {
            continue;
        }
        let Some((_, prop)) = csdl.prop(owner, nav) else {
            problems.push(format!("annotation target {target} does not resolve"));
            continue;
        };
        let term = format!("{CAPABILITIES}.ChangeTracking");
        let annotations: Vec<&Element> = block.children_named("Annotation").collect();
        if let Some(tracking) = csdl.find_term(&annotations, &term) {
            let record = tracking.child("Record").expect("ChangeTracking record");
            let element_type = local(prop.element_type()).unwrap_or_default();
            for name in ["FilterableProperties", "ExpandableProperties"] {
                for path in property_value(record, name)
                    .map(xml::collection_texts)
                    .unwrap_or_default()
                {
                    if csdl.resolve_path(element_type, &path).is_none() {
                        problems.push(format!("{target}: {name} path {path} does not resolve"));
                    }
                }
            }
        }
    }

    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn annotations_match_their_vocabulary_terms() {
    let text = read(CSDL_PATH);
    let root = xml::read_document(&text);
    let csdl = Csdl::new(&root);
    let vocabularies =
        Vocabularies::load(&["Org.OData.Core.V1.xml", "Org.OData.Capabilities.V1.xml"]);
    let mut annotations = Vec::new();
    root.descendants_named("Annotation", &mut annotations);
    assert!(
        annotations.len() > 300,
        "only {} annotations",
        annotations.len()
    );
    let resolve = |name: &str| csdl.term(name);
    let mut problems = Vec::new();
    for annotation in annotations {
        let term = csdl.term(annotation.attr("Term").unwrap_or_default());
        match vocabularies.terms.get(&term) {
            Some(type_) => {
                vocabularies.check_value(type_, annotation, &term, &resolve, &mut problems)
            }
            None => problems.push(format!("unknown term {term}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn only_message_collections_are_searchable() {
    let text = read(CSDL_PATH);
    let root = xml::read_document(&text);
    let csdl = Csdl::new(&root);
    let mut problems = Vec::new();
    for carrier in carriers(&csdl).into_iter().filter(|c| c.checks_search) {
        let expected = csdl.lineage(&carrier.element_type).contains(&"Message");
        if carrier.searchable != Some(expected) {
            problems.push(format!(
                "{}: SearchRestrictions/Searchable is {:?}, expected {expected}",
                carrier.origin, carrier.searchable
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
