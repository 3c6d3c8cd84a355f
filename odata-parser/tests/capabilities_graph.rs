//! The typed capability view on Microsoft Graph v1.0 (../shared/metadata/graph-v1.0-2026-07.csdl):
//! restrictions Graph really states, found in the document and asserted through the API, and
//! the ways Graph departs from the vocabulary (annotations on entity types, a qualifier equal
//! to the term name, duplicate annotations, non-standard record properties).

use std::path::Path;
use std::sync::OnceLock;

use odata_parser::edm::vocab::{
    AllowedExpressions, Capabilities, CapabilityOptions, CapabilityWarningKind, Navigability,
    NavigationPath,
};
use odata_parser::edm::{Model, PathSegment};

fn graph() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/metadata/graph-v1.0-2026-07.csdl");
        let xml = std::fs::read_to_string(&path).expect("graph-v1.0-2026-07.csdl");
        Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn caps(text: &str) -> Capabilities<'static> {
    let m = graph();
    let path = NavigationPath::parse(m, text).unwrap_or_else(|e| panic!("{e}"));
    Capabilities::for_path(m, &path)
}

fn member(ty: &str, name: &str) -> PathSegment {
    let m = graph();
    let ty = m.structured_type_by_name(ty).expect("type");
    m.member(ty, name).expect("member").into()
}

fn sources(c: &Capabilities<'_>, term: &str) -> Vec<String> {
    c.sources(term)
        .iter()
        .map(|o| o.describe(graph()))
        .collect()
}

/// `bitlockerRecoveryKey` (annotated on the type): createdDateTime, key and volumeType are not
/// filterable; deviceId is. Reached as informationProtection/bitlocker/recoveryKeys.
#[test]
fn bitlocker_recovery_keys() {
    let c = caps("informationProtection/bitlocker/recoveryKeys");
    let t = "graph.bitlockerRecoveryKey";
    for p in ["createdDateTime", "key", "volumeType"] {
        assert!(!c.is_filterable(&[member(t, p)]), "{p}");
    }
    assert!(c.is_filterable(&[member(t, "deviceId")]));
    assert!(!c.sortable(), "Sortable=false on the type");
    assert_eq!(
        sources(&c, "FilterRestrictions"),
        ["microsoft.graph.bitlockerRecoveryKey"]
    );
    // Without the entity-type level, as the vocabulary's AppliesTo would have it.
    let mut strict = CapabilityOptions::new();
    strict.entity_type_annotations(false);
    let strict = Capabilities::for_path_with(graph(), c.path(), &strict);
    assert!(strict.is_filterable(&[member(t, "key")]));
}

/// `security.intelligenceProfile`: `kind` is filterable but not sortable; `title` neither.
#[test]
fn threat_intelligence_profiles() {
    let c = caps("security/threatIntelligence/intelProfiles");
    let t = "microsoft.graph.security.intelligenceProfile";
    assert!(c.is_filterable(&[member(t, "kind")]));
    assert!(!c.is_sortable(&[member(t, "kind")]));
    assert!(!c.is_filterable(&[member(t, "title")]) && c.is_sortable(&[member(t, "title")]));
    assert!(!c.is_filterable(&[member(t, "id")]) && !c.is_sortable(&[member(t, "id")]));
    assert!(c.sortable() && c.filterable());
}

/// `agreement` says Filterable=false and Sortable=false on the type; the `agreements` entity set
/// has no annotation of its own.
#[test]
fn agreements_are_neither_filterable_nor_sortable() {
    let c = caps("agreements");
    assert!(!c.filterable() && !c.sortable());
    assert!(!c.is_filterable(&[member("graph.agreement", "displayName")]));
}

/// `directoryObject` says Filterable=false (then, again, true) on the type; its annotations are
/// not inherited by `user`, so `users` stays filterable.
#[test]
fn type_annotations_are_not_inherited() {
    let users = caps("users");
    assert!(users.filterable() && users.countable());
    let objects = caps("directoryObjects");
    assert!(
        !objects.filterable(),
        "the first of the two annotations counts"
    );
    assert!(
        objects
            .warnings()
            .iter()
            .any(|w| w.term == "FilterRestrictions" && w.kind == CapabilityWarningKind::Duplicate)
    );
    // groups/members leads to directoryObject resources: the type's restrictions apply.
    assert!(!caps("groups/members").filterable());
}

/// `users` has ExpandRestrictions with `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`,
/// read as unqualified; ReadRestrictions carry the ConsistencyLevel header.
#[test]
fn users_expand_and_read_restrictions() {
    let c = caps("users");
    let u = "graph.user";
    for p in ["chats", "joinedTeams", "teamwork"] {
        assert!(!c.is_expandable(&[member(u, p)]), "{p}");
    }
    assert!(c.is_expandable(&[member(u, "manager")]));
    let headers: Vec<&str> = c
        .read_restrictions
        .custom_headers
        .iter()
        .map(|h| &*h.name)
        .collect();
    assert_eq!(headers, ["ConsistencyLevel"]);
    // me is the same type but another source: none of the users set's restrictions.
    assert!(caps("me").is_expandable(&[member(u, "chats")]));
}

/// NavigationRestrictions on `user/calendarView` and `event/calendar` say Navigability Single.
#[test]
fn calendar_view_navigability() {
    let view = caps("me/calendarView");
    assert_eq!(
        view.navigation_restrictions.navigability,
        Some(Navigability::Single)
    );
    assert_eq!(
        sources(&view, "NavigationRestrictions"),
        ["microsoft.graph.user/calendarView"]
    );
    let calendar = caps("me/calendarView/calendar");
    assert!(calendar.navigable);
    assert_eq!(calendar.navigability, Navigability::Single);
    assert!(!caps("me/calendarView/calendar/events").navigable);
    assert!(caps("me/calendars/events").navigable);
}

/// Restrictions on a navigation property apply wherever it is followed.
#[test]
fn navigation_property_annotations() {
    for p in ["me/photos", "users/photos"] {
        let c = caps(p);
        assert!(!c.countable(), "{p}");
        assert!(!c.delete_restrictions.deletable, "{p}");
        assert_eq!(
            sources(&c, "CountRestrictions"),
            ["microsoft.graph.user/photos"]
        );
    }
    let packages = caps("copilot/admin/catalog/packages");
    let t = "graph.copilotPackageDetail";
    assert_eq!(
        packages.allowed_filter_expressions(&[member(t, "lastModifiedDateTime")]),
        Some(&AllowedExpressions::Other("ge le".into()))
    );
    assert_eq!(
        packages.allowed_filter_expressions(&[member(t, "platform")]),
        Some(&AllowedExpressions::Other("eq".into()))
    );
    assert_eq!(
        packages.allowed_filter_expressions(&[member(t, "displayName")]),
        None
    );
}

/// A singleton annotated like a collection (AppliesTo is not enforced when reading).
#[test]
fn employee_experience() {
    let c = caps("employeeExperience");
    assert!(!c.filterable() && !c.countable() && !c.expandable() && !c.searchable());
}

/// Every path up to three navigation segments from an entity set or singleton reads without an unresolved
/// path or an ill-typed value; what does not read cleanly is Graph's own departures from the
/// vocabulary: duplicate annotations and record properties it does not define (`Referenceable`,
/// `UpsertSupported`, …). The count is a ratchet: it may only go down.
#[test]
fn graph_reads_with_only_known_departures() {
    const MAX_WARNINGS: usize = 30;
    let m = graph();
    let mut paths: Vec<NavigationPath> = Vec::new();
    for (id, _) in m.entity_sets() {
        paths.push(NavigationPath::new(id));
    }
    for (id, _) in m.singletons() {
        paths.push(NavigationPath::new(id));
    }
    let mut frontier = paths.clone();
    for _ in 0..3 {
        let mut next = Vec::new();
        for p in frontier {
            let ty = p.entity_type(m).expect("entity");
            for (nav, _) in m.all_navigation_properties(ty.into()) {
                next.push(p.clone().then(nav));
            }
        }
        paths.extend(next.iter().cloned());
        frontier = next;
    }
    let mut distinct = std::collections::BTreeSet::new();
    for p in &paths {
        let c = Capabilities::for_path(m, p);
        for w in c.warnings() {
            assert!(
                matches!(
                    w.kind,
                    CapabilityWarningKind::Duplicate | CapabilityWarningKind::UnknownProperty(_)
                ),
                "{}: {w}",
                p.text(m)
            );
            distinct.insert((w.span, w.kind.to_string()));
        }
    }
    println!(
        "{} paths, {} distinct capability warnings",
        paths.len(),
        distinct.len()
    );
    assert!(paths.len() > 10_000);
    assert!(distinct.len() <= MAX_WARNINGS, "{distinct:?}");
}

/// A real overlap: `group/acceptedSenders` says ChangeTracking Supported=false, its target type
/// `directoryObject` says true. The navigation property (path level) wins; `groups/members`,
/// with no annotation of its own, gets the type's value.
#[test]
fn navigation_property_wins_over_the_entity_type() {
    let senders = caps("groups/acceptedSenders");
    assert!(!senders.change_tracking_supported());
    assert_eq!(
        sources(&senders, "ChangeTracking"),
        [
            "microsoft.graph.group/acceptedSenders",
            "microsoft.graph.directoryObject"
        ]
    );
    assert!(!senders.searchable());
    let members = caps("groups/members");
    assert!(members.change_tracking_supported());
    assert_eq!(
        sources(&members, "ChangeTracking"),
        ["microsoft.graph.directoryObject"]
    );
}
