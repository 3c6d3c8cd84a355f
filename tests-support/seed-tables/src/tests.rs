use super::*;

/// The resource reference for the Mail, Calendar, Contacts and Task APIs (v2.0).
const RESOURCE_REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seeds/003_06d8bdf94ff0148c.txt"
);

fn seed_types() -> Vec<SeedType> {
    let text = std::fs::read_to_string(RESOURCE_REFERENCE)
        .unwrap_or_else(|e| panic!("cannot read {RESOURCE_REFERENCE}: {e}"));
    parse_property_tables(&text)
}

fn find<'a>(types: &'a [SeedType], name: &str) -> &'a SeedType {
    types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no section {name}"))
}

fn row<'a>(types: &'a [SeedType], type_name: &str, property: &str) -> &'a SeedProperty {
    find(types, type_name)
        .property(property)
        .unwrap_or_else(|| panic!("no row {type_name}.{property}"))
}

#[test]
fn finds_every_section_of_the_reference() {
    let types = seed_types();
    let names = |kind| -> Vec<&str> {
        types
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.name.as_str())
            .collect()
    };
    assert_eq!(
        names(SeedKind::Resource),
        [
            "Attachment",
            "Calendar",
            "CalendarGroup",
            "Contact",
            "ContactFolder",
            "Event",
            "EventMessage",
            "MultiValueLegacyExtendedProperty",
            "SingleValueLegacyExtendedProperty",
            "FileAttachment",
            "MailFolder",
            "InferenceClassification",
            "InferenceClassificationOverride",
            "ItemAttachment",
            "Message",
            "Photo",
            "ReferenceAttachment",
            "Task",
            "TaskFolder",
            "TaskGroup",
            "User",
        ]
    );
    assert_eq!(names(SeedKind::Complex).len(), 23);
    assert_eq!(
        names(SeedKind::Enum),
        [
            "ActivityDomain",
            "AutomaticRepliesStatus",
            "DayOfWeek",
            "ExternalAudienceScope",
            "FreeBusyStatus",
            "InferenceClassificationType",
            "ReferenceAttachmentPermissions",
            "ReferenceAttachmentProviders",
            "Sensitivity",
            "TaskStatus",
        ]
    );
}

#[test]
fn counts_rows_per_table() {
    let types = seed_types();
    let total: usize = types.iter().map(|t| t.properties.len()).sum();
    assert_eq!(total, 302);
    let count = |name| find(&types, name).properties.len();
    assert_eq!(count("Message"), 31);
    assert_eq!(count("Event"), 35);
    assert_eq!(count("Contact"), 39);
    assert_eq!(count("User"), 16);
    assert_eq!(count("Task"), 21);
    assert_eq!(count("ReferenceAttachment"), 12);
    assert_eq!(count("RecurrencePattern"), 7);
    assert_eq!(count("DateTimeTimeZone"), 2);
}

#[test]
fn flag_columns_are_filled_exactly_where_the_table_has_them() {
    for t in seed_types() {
        for p in &t.properties {
            let at = format!("{}.{} (line {})", t.name, p.name, p.line);
            assert_eq!(p.writable.is_some(), t.has_column(Column::Writable), "{at}");
            assert_eq!(
                p.filterable.is_some(),
                t.has_column(Column::Filterable),
                "{at}"
            );
            assert_eq!(
                p.searchable.is_some(),
                t.has_column(Column::Searchable),
                "{at}"
            );
            assert!(!p.description.is_empty(), "{at}: empty description");
            for flag in [" Yes", " No", " Default"] {
                assert!(
                    !p.description.ends_with(flag),
                    "{at}: flag left in description"
                );
            }
        }
    }
}

#[test]
fn reads_base_types_from_type_and_base_type_lines() {
    let types = seed_types();
    let base = |name| find(&types, name).base_type.as_deref();
    assert_eq!(base("Attachment"), Some("Entity"));
    assert_eq!(base("FileAttachment"), Some("Attachment"));
    assert_eq!(base("ReferenceAttachment"), Some("Attachment"));
    assert_eq!(base("EventMessage"), Some("Message"));
    assert_eq!(base("Attendee"), Some("Recipient"));
    assert_eq!(base("LocationConstraintItem"), Some("Location"));
    assert_eq!(base("Message"), None);
    assert_eq!(base("DateTimeTimeZone"), None);
    assert_eq!(find(&types, "MailFolder").line, 297);
}

#[test]
fn joins_descriptions_that_span_paragraphs() {
    let types = seed_types();
    let modified = row(&types, "Attachment", "LastModifiedDateTime");
    assert_eq!(
        modified.description,
        "The date and time when the attachment was last modified. The date and time use ISO 8601 \
         format and is always in UTC time.\n\nFor example, midnight UTC on Jan 1, 2014 would look \
         like this: '2014-01-01T00:00:00Z'"
    );
    assert_eq!(
        (modified.writable, modified.filterable),
        (Some(false), Some(true))
    );

    let link = row(&types, "Message", "WebLink");
    assert_eq!(link.description.split("\n\n").count(), 4);
    assert!(
        link.description
            .ends_with("This URL can be accessed from within an iFrame.")
    );
    assert_eq!(
        (link.writable, link.filterable, link.searchable),
        (Some(false), Some(true), Some(Searchable::No))
    );

    let extended = row(&types, "Calendar", "MultiValueExtendedProperties");
    assert_eq!(extended.doc_type, "A collection");
    assert!(extended.is_collection());
    assert_eq!(extended.element_type(), None);
    assert!(
        extended
            .description
            .ends_with("\n\nFind more information about extended properties.")
    );
    assert_eq!(
        (extended.writable, extended.filterable),
        (Some(true), Some(true))
    );
}

#[test]
fn keeps_continuation_lines_of_tables_without_flags() {
    let types = seed_types();
    let pattern = row(&types, "RecurrencePattern", "Type");
    let lines: Vec<&str> = pattern.description.lines().collect();
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[1], "Pattern rules:");
    assert_eq!(
        lines[7],
        "- Daily. No additional pattern information needed."
    );
    assert_eq!(
        row(&types, "RecurrencePattern", "Interval").doc_type,
        "Int32"
    );
    let zone = row(&types, "DateTimeTimeZone", "TimeZone");
    assert_eq!(zone.description, "One of the following time zone names.");
}

#[test]
fn reads_the_searchable_column() {
    let types = seed_types();
    let searchable = |p| row(&types, "Message", p).searchable;
    assert_eq!(searchable("Body"), Some(Searchable::Default));
    assert_eq!(searchable("Subject"), Some(Searchable::Default));
    assert_eq!(searchable("From"), Some(Searchable::Yes));
    assert_eq!(searchable("IsRead"), Some(Searchable::No));
    let message = find(&types, "Message");
    assert_eq!(
        message.columns,
        [Column::Writable, Column::Filterable, Column::Searchable]
    );
    let defaults: Vec<&str> = message
        .properties
        .iter()
        .filter(|p| p.searchable == Some(Searchable::Default))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(defaults, ["Body", "Sender", "Subject"]);
}

#[test]
fn normalises_type_spellings() {
    let types = seed_types();
    let bcc = row(&types, "Message", "BccRecipients");
    assert_eq!(bcc.doc_type, "Collection(Recipient)");
    assert_eq!(bcc.element_type(), Some("Recipient"));
    assert_eq!(
        row(&types, "Contact", "Birthday").doc_type,
        "datetimeoffset"
    );
    assert_eq!(row(&types, "TaskGroup", "GroupKey").doc_type, "Edm.Guid");
    assert_eq!(row(&types, "Photo", "Height").doc_type, "int");
    assert_eq!(row(&types, "ItemAttachment", "Item").doc_type, "Item");
    let bytes = row(&types, "FileAttachment", "ContentBytes");
    assert_eq!(
        (bytes.doc_type.as_str(), bytes.writable, bytes.filterable),
        ("binary", Some(false), None)
    );
    assert_eq!(row(&types, "Event", "iCalUID").filterable, Some(true));
}

#[test]
fn reads_enumeration_members() {
    let types = seed_types();
    assert_eq!(
        find(&types, "ReferenceAttachmentPermissions").members,
        [
            "Other",
            "View",
            "Edit",
            "AnonymousView",
            "AnonymousEdit",
            "OrganizationView",
            "OrganizationEdit"
        ]
    );
    assert_eq!(
        find(&types, "TaskStatus").members,
        [
            "Completed",
            "Deferred",
            "InProgress",
            "NotStarted",
            "WaitingOnOthers"
        ]
    );
    assert!(find(&types, "TaskStatus").properties.is_empty());
}

#[test]
fn prose_after_a_table_ends_it() {
    let text = "Contact\n\nType: Microsoft.OutlookServices.Contact\n\n\
                Property Type Description Writable? Filterable?\n\
                Title String The title. Yes No\n\
                \n\
                The navigation properties MultiValueExtendedProperties and SingleValueExtendedProperties are also available.\n\
                \n\
                Note\n\
                \n\
                Some remark.\n";
    let types = parse_property_tables(text);
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].name, "Contact");
    assert_eq!(types[0].base_type, None);
    assert_eq!(types[0].properties.len(), 1);
    assert_eq!(types[0].properties[0].filterable, Some(false));
}

#[test]
fn a_row_waits_for_its_flags() {
    let text = "Photo\n\nProperty Type Description Writable? Filterable?\n\
                Width int The width.\n\
                \n\
                More about it.\n\
                No No\n\
                Height int The height. No Yes\n";
    let types = parse_property_tables(text);
    let props = &types[0].properties;
    assert_eq!(props.len(), 2);
    assert_eq!(props[0].description, "The width.\n\nMore about it.");
    assert_eq!(
        (props[0].writable, props[0].filterable),
        (Some(false), Some(false))
    );
    assert_eq!(props[1].line, 8);
}

#[test]
fn sections_without_a_table_are_skipped() {
    let text = "Mention (preview)\n\nThis feature is in beta.\n\nExtended properties\n\nProse.\n";
    assert!(parse_property_tables(text).is_empty());
    assert!(parse_property_tables("").is_empty());
}

#[test]
fn row_start_rejects_prose() {
    assert!(row_start("The navigation properties are also available").is_none());
    assert!(row_start("Find more information about extended properties.").is_none());
    assert!(row_start("Pattern rules:").is_none());
    assert!(row_start("- Daily. No additional pattern information needed.").is_none());
    assert!(row_start("Name String").is_none());
    let (name, doc_type, rest) =
        row_start("ReplyTo Collection (Recipient) The addresses. No No No")
            .unwrap_or_else(|| panic!("not a row"));
    assert_eq!(
        (name, doc_type.as_str(), rest),
        (
            "ReplyTo",
            "Collection(Recipient)",
            "The addresses. No No No"
        )
    );
}
