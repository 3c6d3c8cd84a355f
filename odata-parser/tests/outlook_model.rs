//! The Outlook v2.0 model (generated-models/metadata/outlook-v2.0.xml) through the reader and
//! the typed capability view: a snapshot of its summary, so that every change to the model is
//! a reviewed diff, and the service rules the document carries, asserted through the API.

use std::path::Path;

use odata_parser::edm::vocab::{Capabilities, Core, NavigationPath, SearchExpressions, Summary};
use odata_parser::edm::{Model, PathSegment, Target};

fn outlook() -> Model {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-models/metadata/outlook-v2.0.xml");
    let xml = std::fs::read_to_string(&path).expect("outlook-v2.0.xml");
    Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{e}"))
}

fn path(m: &Model, text: &str) -> NavigationPath {
    NavigationPath::parse(m, text).unwrap_or_else(|e| panic!("{e}"))
}

fn caps<'m>(m: &'m Model, text: &str) -> Capabilities<'m> {
    Capabilities::for_path(m, &path(m, text))
}

fn member(m: &Model, ty: &str, name: &str) -> PathSegment {
    let ty = m
        .structured_type_by_name(&format!("Microsoft.OutlookServices.{ty}"))
        .expect("type");
    m.member(ty, name).expect("member").into()
}

/// The paths whose capabilities the snapshot records: every source and its navigation
/// properties, and the deeper collections the documents use.
const DEEP_PATHS: &[&str] = &[
    "Me/MailFolders/Messages",
    "Me/MailFolders/ChildFolders",
    "Me/MailFolders/Messages/Attachments",
    "Me/Messages/Attachments",
    "Me/Events/Attachments",
    "Me/Events/Instances",
    "Me/Calendars/Events",
    "Me/Calendars/CalendarView",
    "Me/CalendarGroups/Calendars",
    "Me/Calendar/Events",
    "Me/ContactFolders/Contacts",
    "Me/ContactFolders/ChildFolders",
    "Me/TaskGroups/TaskFolders",
    "Me/TaskFolders/Tasks",
    "Me/InferenceClassification/Overrides",
    "Users/MailFolders/Messages",
    "Users/Events/Attachments",
];

#[test]
fn summary_snapshot() {
    let m = outlook();
    let mut summary = Summary::new(&m);
    summary.reachable_paths(1);
    for p in DEEP_PATHS {
        summary.path(path(&m, p));
    }
    insta::assert_snapshot!("outlook_v2_summary", summary.to_string());
}

/// Every capability annotation reads as its vocabulary term says, and every property path in
/// it resolves, on every path up to three navigation segments deep.
#[test]
fn capability_annotations_read_cleanly_everywhere() {
    let m = outlook();
    let mut summary = Summary::new(&m);
    summary.reachable_paths(3);
    let text = summary.to_string();
    assert!(
        !text.contains("# capability warnings"),
        "{}",
        &text[text.find("# capability warnings").unwrap_or(0)..]
    );
    assert!(!text.contains("(unresolved)"));
}

#[test]
fn search_is_for_messages_only() {
    let m = outlook();
    for p in ["Me/Messages", "Me/MailFolders/Messages", "Users/Messages"] {
        let c = caps(&m, p);
        assert!(c.searchable(), "{p}");
        assert!(c.search_expressions_supported(SearchExpressions::PHRASE | SearchExpressions::NOT));
    }
    for p in [
        "Users",
        "Me/Events",
        "Me/CalendarView",
        "Me/Contacts",
        "Me/ContactFolders/Contacts",
        "Me/Messages/Attachments",
        "Me/Tasks",
    ] {
        assert!(!caps(&m, p).searchable(), "{p}");
    }
}

#[test]
fn filter_rules_of_the_documents() {
    let m = outlook();
    let messages = caps(&m, "Me/Messages");
    // "The property 'ChangeKey' does not support filtering."
    assert!(!messages.is_filterable(&[member(&m, "OutlookItem", "ChangeKey")]));
    assert!(!messages.is_filterable(&[member(&m, "Message", "Body")]));
    assert!(messages.is_filterable(&[member(&m, "Message", "Subject")]));
    assert!(messages.is_filterable(&[member(&m, "Message", "ReceivedDateTime")]));
    // Through a complex property: From/EmailAddress/Address is filterable.
    assert!(messages.is_filterable(&[
        member(&m, "Message", "From"),
        member(&m, "Recipient", "EmailAddress"),
        member(&m, "EmailAddress", "Address"),
    ]));
    // 'contains' and 'startswith' are not supported for filtering.
    for f in ["contains", "startswith"] {
        assert!(!messages.filter_function_allowed(f), "{f}");
    }
    for f in ["eq", "endswith", "any"] {
        assert!(messages.filter_function_allowed(f), "{f}");
    }
    // The path-level restriction (Me's NavigationRestrictions) and the navigation property's
    // own annotation agree; the path-level one is listed first.
    let sources: Vec<String> = messages
        .sources("FilterRestrictions")
        .iter()
        .map(|o| o.describe(&m))
        .collect();
    assert_eq!(
        sources,
        [
            "Microsoft.OutlookServices.EntityContainer/Me#RestrictedProperties[7]",
            "Microsoft.OutlookServices.User/Messages"
        ]
    );
    // Contacts: the resource reference marks Title non-filterable.
    assert!(!caps(&m, "Me/Contacts").is_filterable(&[member(&m, "Contact", "Title")]));
    assert!(caps(&m, "Me/Contacts").is_filterable(&[member(&m, "Contact", "GivenName")]));
}

#[test]
fn writability_from_core_and_restrictions() {
    let m = outlook();
    let messages = caps(&m, "Me/MailFolders/Messages");
    for (ty, name) in [
        ("Entity", "Id"),
        ("OutlookItem", "ChangeKey"),
        ("OutlookItem", "CreatedDateTime"),
        ("Message", "BodyPreview"),
        ("Message", "IsDraft"),
    ] {
        assert!(
            messages.is_read_only(&[member(&m, ty, name)]),
            "{ty}.{name}"
        );
        assert!(
            !messages.is_insertable(&[member(&m, ty, name)]),
            "{ty}.{name}"
        );
    }
    for name in ["Subject", "Body", "ToRecipients", "Importance"] {
        let p = [member(&m, "Message", name)];
        assert!(
            messages.is_insertable(&p) && messages.is_updatable(&p),
            "{name}"
        );
    }
    // FileAttachment.ContentBytes: given on insert, never changed (Core.Immutable).
    let attachments = caps(&m, "Me/Messages/Attachments");
    let content = [member(&m, "FileAttachment", "ContentBytes")];
    assert!(attachments.is_insertable(&content) && !attachments.is_updatable(&content));
    // Navigation properties: no deep insert of Extensions, no rebinding.
    let extensions = [member(&m, "Message", "Extensions")];
    assert!(!messages.is_insertable(&extensions) && !messages.is_updatable(&extensions));
    let attachments_nav = [member(&m, "Message", "Attachments")];
    assert!(messages.is_insertable(&attachments_nav));
    // Core terms straight from a property.
    let PathSegment::Property(id) = member(&m, "Entity", "Id") else {
        panic!("Id is a property")
    };
    let core = Core::of(&m, Target::Property(id));
    assert!(core.computed && core.description.is_some());
}

#[test]
fn synchronization_and_key_as_segment() {
    let m = outlook();
    let folder_messages = caps(&m, "Me/MailFolders/Messages");
    assert!(folder_messages.change_tracking_supported());
    let tracking = folder_messages
        .change_tracking
        .as_ref()
        .expect("ChangeTracking");
    let filterable: Vec<&str> = tracking
        .filterable_properties
        .iter()
        .map(|p| &*p.text)
        .collect();
    assert_eq!(filterable, ["ReceivedDateTime"]);
    assert!(!caps(&m, "Me/Messages").change_tracking_supported());
    assert!(caps(&m, "Me/Contacts").change_tracking_supported());
    assert!(caps(&m, "Users").key_as_segment_supported);
}
