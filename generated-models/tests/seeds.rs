//! Every JSON response sample of the Outlook v2.0 Contacts and Mail references
//! (`../shared/seeds/000_…` and `004_…`) deserializes into the generated type
//! it documents, and serializing it back loses none of its non-null values.
//!
//! Samples are found in the seed text (a line starting with `{` opens a JSON
//! block) and told apart from request bodies by the line before them. Each
//! response is mapped to its type by its `@odata.context`, or by the operation
//! it documents when it has none (table `BY_OPERATION`). Documentation typos
//! that make a sample invalid JSON are repaired by the table `REPAIRS`, each
//! with its reason, and counted.

use std::collections::BTreeSet;

use generated_models::{
    AnyAttachment, AnyMessage, AutomaticRepliesSetting, Contact, ContactFolder, EventMessage,
    InferenceClassificationOverride, ItemAttachment, MailFolder, MailboxSettings, Photo,
};
use odata_parser::client::serde::Serialize;
use odata_parser::client::serde::de::DeserializeOwned;
use odata_parser::client::serde_json::{self, Value};
use odata_parser::client::{CollectionResponse, DeltaItem, DeltaResponse, ErrorResponse};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");
const FILES: [&str; 2] = ["000_99585460ec44fca4.txt", "004_87b261e3011f6168.txt"];

/// A JSON block of a seed file.
struct Block {
    file: &'static str,
    /// 1-based line of the opening `{`.
    line: usize,
    text: String,
    response: bool,
}

/// The top-level JSON blocks of `text`: from a line starting with `{` to the
/// line where the braces balance (braces inside strings are not counted).
fn blocks(file: &'static str, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('{') {
            i += 1;
            continue;
        }
        let start = i;
        let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
        let mut body = String::new();
        'block: while i < lines.len() {
            body.push_str(lines[i]);
            body.push('\n');
            for c in lines[i].chars() {
                match (in_string, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (true, false, '"') => in_string = false,
                    (false, _, '"') => in_string = true,
                    (false, _, '{') => depth += 1,
                    (false, _, '}') => depth -= 1,
                    _ => {}
                }
            }
            i += 1;
            if depth == 0 {
                break 'block;
            }
        }
        out.push(Block {
            file,
            line: start + 1,
            text: body,
            response: is_response(&lines[..start]),
        });
    }
    out
}

/// A block is a request body when the line before it (headers skipped) is a
/// `POST`, `PATCH` or `PUT` request line; otherwise it follows a status line,
/// a `GET` or prose about the response.
fn is_response(before: &[&str]) -> bool {
    let mut previous = before
        .iter()
        .rev()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .skip_while(|l| l.starts_with("Content-Type:") || l.starts_with("Prefer:"));
    match previous.next() {
        Some(l) => !["POST ", "PATCH ", "PUT "].iter().any(|m| l.starts_with(m)),
        None => true,
    }
}

/// Samples the documentation got wrong as JSON: (file, line, from, to, reason).
const REPAIRS: &[(&str, usize, &str, &str, &str)] = &[
    (
        "004_87b261e3011f6168.txt",
        1306,
        "\"ContentType\": message/rfc822,",
        "\"ContentType\": \"message/rfc822\",",
        "unquoted string value",
    ),
    (
        "004_87b261e3011f6168.txt",
        1306,
        "\"LastModifiedDateTime\": \"2015-09-24T05:57:59Z\",\n}",
        "\"LastModifiedDateTime\": \"2015-09-24T05:57:59Z\"\n}",
        "trailing comma",
    ),
    (
        "004_87b261e3011f6168.txt",
        1485,
        "\"ContentType\": message/rfc822,",
        "\"ContentType\": \"message/rfc822\",",
        "unquoted string value",
    ),
    (
        "004_87b261e3011f6168.txt",
        1485,
        "\"LastModifiedDateTime\": \"2015-09-24T05:57:59Z\",\n}",
        "\"LastModifiedDateTime\": \"2015-09-24T05:57:59Z\"\n}",
        "trailing comma",
    ),
];

/// Responses without `@odata.context`, by the operation they document: (file, line, type).
const BY_OPERATION: &[(&str, usize, Target)] = &[(
    "004_87b261e3011f6168.txt",
    1485,
    // GET …/attachments/{id}?$expand=Microsoft.OutlookServices.ItemAttachment/Item
    Target::ItemAttachment,
)];

/// The generated type a sample documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Contact,
    Contacts,
    ContactFolder,
    ContactFolders,
    Photo,
    Message,
    Messages,
    MessagesDelta,
    Attachment,
    Attachments,
    ItemAttachment,
    MailFolder,
    MailFolders,
    Override,
    Overrides,
    MailboxSettings,
    AutomaticRepliesSetting,
}

/// The type of a response by its context URL: the path after `$metadata#`
/// with key predicates and select lists removed, lowercased.
fn target_of(context: &str) -> Option<Target> {
    let fragment = context.split_once("$metadata#")?.1;
    let mut path = String::new();
    let mut depth = 0;
    for c in fragment.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => path.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    Some(match path.as_str() {
        "me/contacts" => Target::Contacts,
        "me/contacts/$entity" => Target::Contact,
        "me/contactfolders" => Target::ContactFolders,
        "me/contactfolders/$entity" => Target::ContactFolder,
        "me/contacts/photo/$entity" => Target::Photo,
        "me/mailfolders/messages" => Target::Messages,
        "me/mailfolders/messages/$delta" => Target::MessagesDelta,
        "me/messages/$entity" | "users/messages/$entity" => Target::Message,
        "me/messages/attachments" => Target::Attachments,
        "me/messages/attachments/$entity" | "users/messages/attachments/$entity" => {
            Target::Attachment
        }
        "me/mailfolders" => Target::MailFolders,
        "me/mailfolders/$entity" | "me/mailfolders/childfolders/$entity" => Target::MailFolder,
        "me/inferenceclassification/overrides" => Target::Overrides,
        "me/inferenceclassification/overrides/$entity" => Target::Override,
        "me/mailboxsettings" => Target::MailboxSettings,
        "me/mailboxsettings/automaticrepliessetting" => Target::AutomaticRepliesSetting,
        _ => return None,
    })
}

/// Reads `json` as a `T` and writes it back.
fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(T, Value), String> {
    let value: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(&value).map_err(|e| e.to_string())?;
    Ok((value, back))
}

fn check(target: Target, json: &str) -> Result<Value, String> {
    Ok(match target {
        Target::Contact => round_trip::<Contact>(json)?.1,
        Target::Contacts => round_trip::<CollectionResponse<Contact>>(json)?.1,
        Target::ContactFolder => round_trip::<ContactFolder>(json)?.1,
        Target::ContactFolders => round_trip::<CollectionResponse<ContactFolder>>(json)?.1,
        Target::Photo => round_trip::<Photo>(json)?.1,
        Target::Message => {
            let (m, back) = round_trip::<AnyMessage>(json)?;
            if !matches!(m, AnyMessage::Message(_)) {
                return Err(format!("expected a Message, read {}", m.type_name()));
            }
            back
        }
        Target::Messages => round_trip::<CollectionResponse<AnyMessage>>(json)?.1,
        Target::MessagesDelta => round_trip::<DeltaResponse<AnyMessage>>(json)?.1,
        Target::Attachment => {
            let (a, back) = round_trip::<AnyAttachment>(json)?;
            if matches!(a, AnyAttachment::UnknownType(_)) {
                return Err("attachment of unknown type".to_owned());
            }
            back
        }
        Target::Attachments => round_trip::<CollectionResponse<AnyAttachment>>(json)?.1,
        Target::ItemAttachment => round_trip::<ItemAttachment>(json)?.1,
        Target::MailFolder => round_trip::<MailFolder>(json)?.1,
        Target::MailFolders => round_trip::<CollectionResponse<MailFolder>>(json)?.1,
        Target::Override => round_trip::<InferenceClassificationOverride>(json)?.1,
        Target::Overrides => {
            round_trip::<CollectionResponse<InferenceClassificationOverride>>(json)?.1
        }
        Target::MailboxSettings => round_trip::<MailboxSettings>(json)?.1,
        Target::AutomaticRepliesSetting => round_trip::<AutomaticRepliesSetting>(json)?.1,
    })
}

/// The enumeration member names of the model: enum values are read ignoring
/// case (the service sends `oneDriveBusiness`) and written as declared.
fn enum_members() -> BTreeSet<String> {
    let model = odata_parser::edm::Model::from_csdl_xml(generated_models::METADATA).unwrap();
    model
        .enum_types()
        .flat_map(|(_, t)| t.members.iter().map(|m| m.name.to_string()))
        .collect()
}

/// Whether two leaves hold the same value: equal JSON, the same number, the
/// same instant (RFC 3339 text, which may be written with other digits or
/// offset spelling), or the same enumeration member in another case.
fn same_leaf(input: &Value, output: &Value, members: &BTreeSet<String>) -> bool {
    if input == output {
        return true;
    }
    match (input, output) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::String(a), Value::String(b)) => {
            let instant =
                |s: &str| odata_parser::client::chrono::DateTime::parse_from_rfc3339(s).ok();
            (instant(a).is_some() && instant(a) == instant(b))
                || (a.eq_ignore_ascii_case(b) && members.contains(b))
        }
        _ => false,
    }
}

/// The paths of the non-null leaves of `input` that `output` does not hold.
/// Arrays are compared item by item after dropping `null` items.
fn lost(
    input: &Value,
    output: &Value,
    path: &str,
    members: &BTreeSet<String>,
    out: &mut Vec<String>,
) {
    match input {
        Value::Null => {}
        Value::Object(fields) => {
            for (k, v) in fields {
                match output.get(k) {
                    Some(o) => lost(v, o, &format!("{path}/{k}"), members, out),
                    None if v.is_null() => {}
                    // An empty text key is not written back: the models leave a key
                    // the service assigns out of `POST` bodies.
                    None if k == "Id" && v.as_str() == Some("") => {}
                    None => out.push(format!("{path}/{k}")),
                }
            }
        }
        Value::Array(items) => {
            let empty = Vec::new();
            let outputs: Vec<&Value> = output
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter(|v| !v.is_null())
                .collect();
            for (i, item) in items.iter().filter(|v| !v.is_null()).enumerate() {
                match outputs.get(i) {
                    Some(o) => lost(item, o, &format!("{path}[{i}]"), members, out),
                    None => out.push(format!("{path}[{i}]")),
                }
            }
        }
        leaf => {
            if !same_leaf(leaf, output, members) {
                out.push(format!("{path} ({leaf} became {output})"));
            }
        }
    }
}

#[test]
fn every_response_sample_round_trips_through_its_generated_type() {
    let members = enum_members();
    let mut tested = 0;
    let mut requests = 0;
    let mut repaired = 0;
    let mut failures = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(format!("{SEEDS}/{file}")).unwrap();
        for block in blocks(file, &text) {
            if !block.response {
                requests += 1;
                continue;
            }
            let at = format!("{}:{}", block.file, block.line);
            let mut json = block.text.clone();
            for (_, _, from, to, _) in REPAIRS
                .iter()
                .filter(|r| r.0 == block.file && r.1 == block.line)
            {
                assert!(
                    json.contains(from),
                    "{at}: repair {from:?} no longer applies"
                );
                json = json.replace(from, to);
                repaired += 1;
            }
            let input: Value = match serde_json::from_str(&json) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{at}: invalid JSON: {e}"));
                    continue;
                }
            };
            let by_context = input
                .get("@odata.context")
                .and_then(Value::as_str)
                .and_then(target_of);
            let by_operation = BY_OPERATION
                .iter()
                .find(|(f, l, _)| *f == block.file && *l == block.line)
                .map(|(_, _, t)| *t);
            let Some(target) = by_context.or(by_operation) else {
                failures.push(format!("{at}: no type for this response"));
                continue;
            };
            match check(target, &json) {
                Ok(output) => {
                    let mut missing = Vec::new();
                    lost(&input, &output, "", &members, &mut missing);
                    if missing.is_empty() {
                        tested += 1;
                    } else {
                        failures.push(format!("{at} ({target:?}): lost {missing:?}"));
                    }
                }
                Err(e) => failures.push(format!("{at} ({target:?}): {e}")),
            }
        }
    }
    println!(
        "response samples: {tested} round-tripped ({repaired} repairs); {requests} request bodies skipped"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Ratchet: every response sample of the two seeds.
    assert_eq!(tested, 44, "response samples tested");
    assert_eq!(requests, 20, "request bodies found");
    assert_eq!(repaired, REPAIRS.len());
}

#[test]
fn the_round_trip_check_sees_losses() {
    let members: BTreeSet<String> = ["Normal".to_owned()].into();
    let input: Value = serde_json::from_str(
        r#"{"a": [1, null, {"b": "x"}], "c": null, "d": "normal", "t": "2014-10-19T23:13:47.3959685Z"}"#,
    )
    .unwrap();
    let same: Value = serde_json::from_str(
        r#"{"a": [1, {"b": "x"}], "d": "Normal", "t": "2014-10-19T23:13:47.395968500+00:00"}"#,
    )
    .unwrap();
    let mut missing = Vec::new();
    lost(&input, &same, "", &members, &mut missing);
    assert!(missing.is_empty(), "{missing:?}");
    let worse: Value =
        serde_json::from_str(r#"{"a": [1, {"b": "y"}], "d": "Low", "t": "2014-10-19T23:13:47Z"}"#)
            .unwrap();
    lost(&input, &worse, "", &members, &mut missing);
    assert_eq!(missing.len(), 3, "{missing:?}");
    missing.clear();
    lost(
        &input,
        &serde_json::json!({"d": "normal"}),
        "",
        &members,
        &mut missing,
    );
    assert_eq!(missing, ["/a", "/t"]);
}

#[test]
fn samples_read_into_the_right_variants_and_values() {
    let text = std::fs::read_to_string(format!("{SEEDS}/{}", FILES[1])).unwrap();
    let mail = blocks(FILES[1], &text);
    let at = |line: usize| &mail.iter().find(|b| b.line == line).unwrap().text;

    // A message list that holds an EventMessage.
    let list: CollectionResponse<AnyMessage> = serde_json::from_str(at(82)).unwrap();
    let kinds: Vec<&str> = list.value.iter().map(AnyMessage::type_name).collect();
    assert_eq!(
        kinds,
        [
            "Microsoft.OutlookServices.Message",
            "Microsoft.OutlookServices.Message",
            "Microsoft.OutlookServices.EventMessage"
        ]
    );
    assert_eq!(list.value[2].subject(), Some("Rob:Alex 1:1"));

    // Expanded reference attachments, with enum values in the service's own case.
    let message: AnyMessage = serde_json::from_str(at(1373)).unwrap();
    let attachments = message.attachments().unwrap();
    assert_eq!(attachments.len(), 3);
    let AnyAttachment::ReferenceAttachment(first) = &attachments[0] else {
        panic!("expected a reference attachment")
    };
    assert_eq!(first.is_folder, Some(true));
    assert_eq!(
        first.permission,
        Some(generated_models::ReferenceAttachmentPermissions::Edit)
    );
    // Undeclared members are kept: `InternetMessageId`, `Flag`, `Attachments@odata.context`.
    let extra = message.additional_properties();
    assert!(extra.contains_key("Flag") && extra.contains_key("Attachments@odata.context"));

    // A file attachment's bytes are decoded.
    let file: AnyAttachment = serde_json::from_str(at(1337)).unwrap();
    let AnyAttachment::FileAttachment(file) = file else {
        panic!("expected a file attachment")
    };
    assert!(
        file.content_bytes
            .as_deref()
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );

    // The delta round: a removed entry and the links.
    let delta: DeltaResponse<AnyMessage> = serde_json::from_str(at(401)).unwrap();
    let DeltaItem::Removed(removed) = &delta.value[0] else {
        panic!("expected a removed entry")
    };
    assert_eq!(removed.reason(), Some("deleted"));
    assert!(delta.delta_link.unwrap().contains("deltaToken="));
    let page: DeltaResponse<AnyMessage> = serde_json::from_str(at(296)).unwrap();
    assert!(page.next_link.is_some() && page.delta_link.is_none());

    // Contacts: null items dropped, empty complex values read as empty structs.
    let text = std::fs::read_to_string(format!("{SEEDS}/{}", FILES[0])).unwrap();
    let blocks0 = blocks(FILES[0], &text);
    let created = &blocks0.iter().find(|b| b.line == 376).unwrap().text;
    let contact: Contact = serde_json::from_str(created).unwrap();
    assert_eq!(contact.email_addresses.as_ref().unwrap().len(), 1);
    assert_eq!(contact.im_addresses.as_deref(), Some(&[][..]));
    assert_eq!(
        contact.business_phones.as_deref(),
        Some(&["+1 732 555 0102".to_owned()][..])
    );
    let got = &blocks0.iter().find(|b| b.line == 143).unwrap().text;
    let contact: Contact = serde_json::from_str(got).unwrap();
    assert_eq!(contact.home_address, Some(Default::default()));
    assert_eq!(contact.birthday, None);
}

/// The error bodies of the resource reference (seed 003), indented in the text.
#[test]
fn error_bodies_of_the_resource_reference_read_as_error_responses() {
    let text = std::fs::read_to_string(format!("{SEEDS}/003_06d8bdf94ff0148c.txt")).unwrap();
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed == "{" && current.is_none() {
            current = Some(String::new());
        }
        if let Some(body) = &mut current {
            body.push_str(trimmed);
            if trimmed == "}" && body.matches('{').count() == body.matches('}').count() {
                found.push(current.take().unwrap());
            }
        }
    }
    let errors: Vec<ErrorResponse> = found
        .iter()
        .filter(|b| b.contains("\"error\""))
        .map(|b| serde_json::from_str(b).unwrap())
        .collect();
    let codes: Vec<&str> = errors.iter().map(|e| e.error.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "ErrorInvalidUrlQuery",
            "ErrorInvalidProperty",
            "ErrorInvalidUrlQueryFilter"
        ]
    );
}

#[test]
fn polymorphic_enums_convert_and_reach_shared_members() {
    use generated_models::{AnyRecipient, EmailAddress, Message, Recipient};
    let sender = AnyRecipient::from(Recipient {
        email_address: Some(EmailAddress {
            address: Some("alexd@contoso.com".into()),
            ..Default::default()
        }),
        ..Default::default()
    });
    // `From::from` stays reachable: the `From` property's accessor is `from_member`.
    let message = AnyMessage::from(Message {
        subject: Some("Lunch?".into()),
        from: Some(sender),
        ..Default::default()
    });
    assert_eq!(message.subject(), Some("Lunch?"));
    let from = message.from_member().and_then(|r| r.email_address());
    assert_eq!(
        from.and_then(|a| a.address.as_deref()),
        Some("alexd@contoso.com")
    );
    let json = serde_json::to_value(&message).unwrap();
    // A value of the declared type does not name its type; a derived one does.
    assert_eq!(json.get("@odata.type"), None);
    assert_eq!(json["From"]["EmailAddress"]["Address"], "alexd@contoso.com");
    let event = serde_json::to_value(AnyMessage::from(EventMessage::default())).unwrap();
    assert_eq!(
        event["@odata.type"],
        "#Microsoft.OutlookServices.EventMessage"
    );
    let bare = serde_json::to_value(Message::default()).unwrap();
    assert_eq!(bare["@odata.type"], "#Microsoft.OutlookServices.Message");
}
