//! Differences between the resource reference and the Outlook CSDL that are deliberate, each with
//! its reason: (type, property or "", aspect, reason). The check fails on any difference not listed
//! here, and on any entry here that no longer occurs.

#[rustfmt::skip]
pub const KNOWN_DIFFERENCES: &[(&str, &str, &str, &str)] = &[
    // Types the reference uses without giving them a section of their own.
    ("Entity", "", "not-in-reference", "the abstract base with key Id that the reference names in `Type: Microsoft.OutlookServices.Entity` lines"),
    ("OutlookItem", "", "not-in-reference", "abstract base of Message, Event, Contact and Task holding the four properties their tables share"),
    ("Extension", "", "not-in-reference", "target of the Extensions navigation properties (open type data extensions); declared as an open entity type"),
    ("AttendeeType", "", "not-in-reference", "values given inline: Attendee.Type / AttendeeBase.Type"),
    ("BodyType", "", "not-in-reference", "values given inline: ItemBody.ContentType"),
    ("CalendarColor", "", "not-in-reference", "values given inline: Calendar.Color"),
    ("EventType", "", "not-in-reference", "values given inline: Event.Type"),
    ("Importance", "", "not-in-reference", "values given inline: Message.Importance"),
    ("MeetingMessageType", "", "not-in-reference", "values given inline: EventMessage.MeetingMessageType"),
    ("RecurrencePatternType", "", "not-in-reference", "values given inline: RecurrencePattern.Type"),
    ("RecurrenceRangeType", "", "not-in-reference", "values given inline: RecurrenceRange.Type"),
    ("ResponseType", "", "not-in-reference", "values given inline: ResponseStatus.Response"),
    ("WeekIndex", "", "not-in-reference", "values given inline: RecurrencePattern.Index"),
    // Properties the tables leave out.
    ("Attachment", "Id", "extra", "inherited from Entity; the Attachment table omits it, the tables of its derived types list it"),
    ("InferenceClassification", "Id", "extra", "inherited from Entity: an entity type needs a key in CSDL 4.0; the table lists only Overrides"),
    ("Contact", "MultiValueExtendedProperties", "extra", "named in the prose under the Contact table, not in the table"),
    ("Contact", "SingleValueExtendedProperties", "extra", "named in the prose under the Contact table, not in the table"),
    ("Event", "MultiValueExtendedProperties", "extra", "named in the prose under the Event table, not in the table"),
    ("Event", "SingleValueExtendedProperties", "extra", "named in the prose under the Event table, not in the table"),
    ("Contact", "Photo", "extra", "the Contacts API reference documents GET/PUT me/contacts/{id}/photo and photo/$value"),
    ("Event", "Subject", "extra", "the Event table omits it, but the reference's own filter example (me/events?$filter=Subject eq '...') uses it; writable and filterable like Message.Subject"),
    ("User", "Photo", "extra", "the User table is explicitly a subset; the v2.0 API list includes the User Photo API (me/photo, photo/$value)"),
    ("User", "TaskFolders", "extra", "the User table is explicitly a subset; task folders are reached as me/taskfolders like the other collections"),
    ("User", "TaskGroups", "extra", "the User table is explicitly a subset; task groups are reached as me/taskgroups"),
    ("User", "Tasks", "extra", "the User table is explicitly a subset; tasks are reached as me/tasks"),
    // Types spelled differently.
    ("DateTimeTimeZone", "DateTime", "type", "'DateTime' is not an EDM type: the value is a local date-time without offset (e.g. 2016-04-01T08:00), so Edm.String"),
    ("ItemAttachment", "Item", "type", "'Item' is the v1.0 name of the common base; in v2.0 it is OutlookItem (messages, events and contacts can be attached)"),
    // Writability the tables state but the operations contradict.
    ("FileAttachment", "ContentBytes", "writable", "table says No, but creating a file attachment requires ContentBytes: modelled as Core.Immutable (insert only)"),
    ("MultiValueLegacyExtendedProperty", "PropertyId", "writable", "the client-supplied key: given when the property is created, never changed (table says No)"),
    ("SingleValueLegacyExtendedProperty", "PropertyId", "writable", "the client-supplied key: given when the property is created, never changed (table says No)"),
    ("ItemAttachment", "Size", "writable", "Size is declared once on Attachment, read-only as the Attachment, FileAttachment and ReferenceAttachment tables say; the ItemAttachment table's Yes is the odd one out"),
    // Filterability that cannot be expressed.
    ("Photo", "Height", "filterable", "photos are only reached through single-valued paths (Contact/Photo, User/Photo), so there is no collection to filter"),
    ("Photo", "Id", "filterable", "photos are only reached through single-valued paths (Contact/Photo, User/Photo), so there is no collection to filter"),
    ("Photo", "Width", "filterable", "photos are only reached through single-valued paths (Contact/Photo, User/Photo), so there is no collection to filter"),
];
