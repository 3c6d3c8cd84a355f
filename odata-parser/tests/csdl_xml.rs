//! The CSDL XML reader against real documents in ../shared: the OASIS vocabularies
//! and both Microsoft Graph v1.0 snapshots.

use std::path::{Path, PathBuf};

use odata_parser::edm::csdl::dir_resolver;
use odata_parser::edm::{
    CsdlLoader, CsdlWarningKind, Model, NavigationSourceId, SchemaItem, StructuredTypeId, Target,
    TypeKind,
};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn vocabulary_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared().join("spec/vocabularies"))
        .expect("shared/spec/vocabularies")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// Counts start tags `<Name ` / `<Name>` / `<Name/>` in the text: an independent count.
fn count_tags(text: &str, name: &str) -> usize {
    let pattern = format!("<{name}");
    text.match_indices(&pattern)
        .filter(|(i, _)| {
            let next = text.as_bytes().get(i + pattern.len()).copied();
            matches!(next, Some(b' ' | b'>' | b'/' | b'\n' | b'\r' | b'\t'))
        })
        .count()
}

#[test]
fn every_vocabulary_loads_alone() {
    let files = vocabulary_files();
    assert_eq!(files.len(), 9, "the nine OASIS vocabularies");
    for file in files {
        let xml = std::fs::read_to_string(&file).expect("readable");
        let model =
            Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        println!("{}: {} warnings", file.display(), model.warnings().len());
        for w in model.warnings() {
            println!("  warning: {w} ({})", w.element_path());
            assert!(
                matches!(
                    w.kind(),
                    CsdlWarningKind::VocabularyNotLoaded { .. }
                        | CsdlWarningKind::UnloadedVocabularyBaseType { .. }
                ),
                "unexpected warning {w}"
            );
        }
        assert_eq!(
            model.stats().terms,
            count_tags(&xml, "Term"),
            "{}",
            file.display()
        );
    }
}

#[test]
fn every_vocabulary_loads_with_its_references() {
    for file in vocabulary_files() {
        let xml = std::fs::read_to_string(&file).expect("readable");
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let model = CsdlLoader::new()
            .resolver(dir_resolver(shared().join("spec/vocabularies")))
            .load_xml(name, &xml)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            model.warnings().is_empty(),
            "{name}: {:?}",
            model.warnings()
        );
        // With every referenced vocabulary loaded, no type is left known by name only.
        for (_, term) in model.terms() {
            assert!(
                !matches!(term.ty.kind, TypeKind::Vocabulary(_)),
                "{name}: {}",
                term.name
            );
        }
        for (_, p) in model.properties() {
            assert!(
                !matches!(p.ty.kind, TypeKind::Vocabulary(_)),
                "{name}: {}",
                p.name
            );
        }
        // Annotations that use a loaded vocabulary's terms point at their definitions.
        let core_description = model
            .term_by_name("Org.OData.Core.V1.Description")
            .expect("Core is loaded");
        let (_, a) = model
            .annotations_with_term("Core.Description")
            .next()
            .expect("vocabularies describe themselves");
        assert_eq!(a.term_id, Some(core_description));
    }
}

#[test]
fn capabilities_vocabulary_terms_and_types() {
    let xml =
        std::fs::read_to_string(shared().join("spec/vocabularies/Org.OData.Capabilities.V1.xml"))
            .expect("file");
    let model = Model::from_csdl_xml(&xml).expect("loads");
    let filter = model
        .term_by_name("Capabilities.FilterRestrictions")
        .expect("alias-qualified lookup");
    let term = model.term(filter);
    assert_eq!(
        term.name.as_str(),
        "Org.OData.Capabilities.V1.FilterRestrictions"
    );
    let TypeKind::Complex(ty) = term.ty.kind else {
        panic!("record-typed term")
    };
    assert_eq!(model.complex_type(ty).name.name(), "FilterRestrictionsType");
    let names: Vec<&str> = model
        .all_properties(ty.into())
        .iter()
        .map(|(_, p)| &*p.name)
        .collect();
    assert!(
        names.contains(&"NonFilterableProperties") && names.contains(&"Filterable"),
        "{names:?}"
    );
    assert!(term.applies_to.iter().any(|a| &**a == "EntitySet"));
}

struct GraphCase {
    file: &'static str,
}

fn load_graph(case: &GraphCase) -> (String, Model) {
    let xml =
        std::fs::read_to_string(shared().join("metadata").join(case.file)).expect("graph file");
    let model = Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{}: {e}", case.file));
    (xml, model)
}

fn check_graph_counts(case: &GraphCase) {
    let (xml, model) = load_graph(case);
    let stats = model.stats();
    println!("{}:\n{stats}", case.file);
    assert_eq!(stats.schemas, count_tags(&xml, "Schema"));
    assert_eq!(stats.entity_types, count_tags(&xml, "EntityType"));
    assert_eq!(stats.complex_types, count_tags(&xml, "ComplexType"));
    assert_eq!(stats.enum_types, count_tags(&xml, "EnumType"));
    assert_eq!(stats.actions, count_tags(&xml, "Action"));
    assert_eq!(stats.functions, count_tags(&xml, "Function"));
    assert_eq!(stats.entity_sets, count_tags(&xml, "EntitySet"));
    assert_eq!(stats.singletons, count_tags(&xml, "Singleton"));
    assert_eq!(stats.properties, count_tags(&xml, "Property"));
    assert_eq!(
        stats.navigation_properties,
        count_tags(&xml, "NavigationProperty")
    );
    assert_eq!(stats.terms, count_tags(&xml, "Term"));
    assert_eq!(
        stats.annotations,
        count_tags(&xml, "Annotation"),
        "inline and external, none lost"
    );
    // Graph's known oddities are warnings, not errors; nothing else is.
    for w in model.warnings() {
        assert!(
            matches!(
                w.kind(),
                CsdlWarningKind::IgnoredTypeCast { .. }
                    | CsdlWarningKind::NonStandardQualifier { .. }
                    | CsdlWarningKind::NameSharedWithOperation { .. }
            ),
            "unexpected warning {w} at {}",
            w.element_path()
        );
    }
}

#[test]
fn graph_2026_07_counts_match_the_document() {
    check_graph_counts(&GraphCase {
        file: "graph-v1.0-2026-07.csdl",
    });
}

#[test]
fn graph_2026_02_counts_match_the_document() {
    check_graph_counts(&GraphCase {
        file: "graph-v1.0-2026-02.csdl",
    });
}

#[test]
fn graph_model_is_navigable() {
    let (_, model) = load_graph(&GraphCase {
        file: "graph-v1.0-2026-07.csdl",
    });
    // Alias-qualified and full names, including the schema aliased `self`.
    let user = model.entity_type_by_name("graph.user").expect("graph.user");
    assert_eq!(
        model.entity_type_by_name("microsoft.graph.user"),
        Some(user)
    );
    let alert = model
        .find("self.alert")
        .expect("the security schema is aliased self");
    assert_eq!(
        model.item_name(alert).as_str(),
        "microsoft.graph.security.alert"
    );
    // Inheritance: user -> directoryObject -> entity, key inherited from entity.
    let chain: Vec<String> = model
        .type_chain(user.into())
        .map(|t| model.structured_type_name(t).to_string())
        .collect();
    assert_eq!(
        chain,
        [
            "microsoft.graph.user",
            "microsoft.graph.directoryObject",
            "microsoft.graph.entity"
        ]
    );
    let key = model.key(user);
    assert_eq!(key.len(), 1);
    assert_eq!(&*key[0].path, "id");
    let props = model.all_properties(user.into());
    assert_eq!(&*props[0].1.name, "id", "base properties first");
    // Case-insensitive lookups.
    let users = model.entity_set_ci("USERS").expect("users");
    assert_eq!(model.entity_set_by_name("users"), Some(users));
    assert_eq!(model.entity_set_by_name("USERS"), None);
    assert!(model.property_ci(user.into(), "DISPLAYNAME").is_some());
    assert!(model.singleton_ci("Me").is_some());
    // Derived types.
    let entity = model
        .entity_type_by_name("microsoft.graph.entity")
        .expect("entity");
    let all = model.all_derived_types(entity.into());
    assert!(all.contains(&StructuredTypeId::Entity(user)));
    assert!(all.len() > model.direct_derived_types(entity.into()).len());
    // Bindings and operations.
    let messages = model
        .navigation_property_by_name(user.into(), "messages")
        .expect("user/messages");
    let nav = model.navigation_property(messages);
    assert!(nav.collection && nav.contains_target);
    assert!(!model.operations_by_name("graph.delta").is_empty());
    let reminder = model.bound_operation("microsoft.graph.reminderView", user.into(), false);
    assert!(reminder.is_some(), "user-bound function");
    // Annotations: capability restrictions on an entity set, and an annotated navigation path.
    let top = model
        .annotations_for(Target::EntitySet(users))
        .map(|a| a.term.to_string())
        .collect::<Vec<_>>();
    println!("users annotations: {top:?}");
    assert_eq!(
        model.find_target("microsoft.graph.GraphService/users"),
        Some(Target::EntitySet(users))
    );
    assert_eq!(
        model.find_target("graph.GraphService/users"),
        Some(Target::EntitySet(users))
    );
    let events = model
        .find_target("microsoft.graph.calendar/events")
        .expect("navigation property target");
    assert!(matches!(events, Target::NavigationProperty(_)));
    assert!(model.annotations_for(events).count() > 0);
    let deleted = model
        .find_target("microsoft.graph.bitLockerEncryptionMethod/aesCbc128")
        .expect("enum member target");
    let description = model
        .annotation(deleted, "Core.Description", None)
        .expect("described");
    assert_eq!(
        description.value.as_ref().and_then(|v| v.as_str()),
        Some("AES-CBC 128-bit.")
    );
    let image = model.find("microsoft.graph.image").expect("image");
    assert!(
        matches!(image, SchemaItem::ComplexType(_)),
        "the type wins over the function"
    );
    let _ = NavigationSourceId::EntitySet(users);
}
