//! Every example request of the Outlook v2.0 references (seeds 000, 003, 004) is
//! reproduced by the generated builders: same method, same body, the documented
//! headers, and a URL equal after canonicalization.
//!
//! The list of requests is the validation corpus (`tests/validation/cases.yaml`,
//! every entry with a `seed`: 158 requests with their seed line and the headers the
//! documentation gives them), so none is missed; the body is the JSON block that
//! follows a `POST`/`PATCH`/`PUT` line (and its header lines) in the seed.
//!
//! Canonical form of a URL (both URLs parsed with odata-parser, leniently as the
//! Outlook profile reads them): the service root's host in lower case; resource
//! names and member names in lower case (the service ignores case) and
//! operation names without their namespace (the builders write them qualified, the
//! documentation does not); a key written as a segment (`messages/AAMk…`) as a key
//! predicate; an enumeration literal as its member name (`Importance eq 'High'` in
//! the documentation, `Microsoft.OutlookServices.Importance'High'` from the
//! builders); a `/` before `?` dropped; query options printed canonically and
//! sorted.
//!
//! Documented requests the builders do not reproduce exactly are listed with the
//! reason: [`NOT_EXPRESSIBLE`] (checked to differ) and [`BODY_DIFFERENCES`] (checked to
//! differ in exactly the listed value).

mod support;

use std::collections::BTreeMap;

use generated_models::*;
use odata_parser::ast::{
    Expr, ExprKind, InList, Literal, PathSegmentKind, QueryOption, QueryOptionKind, SelectItemKind,
    SelectSegmentKind, SystemQueryOption,
};
use odata_parser::bind::{Request, SegmentKind};
use odata_parser::client::query::Search;
use odata_parser::client::serde_json::{self, Value, json};
use odata_parser::client::{Date, DateTimeOffset, http};
use odata_parser::query::{ODataUri, ParseOptions};
use support::validated;

const CORPUS: &str = include_str!("../../tests/validation/cases.yaml");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");

/// Documented requests the builders cannot express, with the reason.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[(
    "004:1483",
    "the documented URL is malformed (`…/attachments/{id}$expand=…` has no `?`) and uses a test host (outlook-sdf); the builders write the request it means, `…/Attachments('{id}')?$expand=Microsoft.OutlookServices.ItemAttachment/Item`",
)];

/// Documented bodies the typed builders send with one value written differently:
/// (seed, JSON pointer, documented value, value sent, reason).
const BODY_DIFFERENCES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "000:478",
        "/Birthday",
        r#""1974-07-22""#,
        r#""1974-07-22T00:00:00Z""#,
        "Contact.Birthday is an Edm.DateTimeOffset; the documentation writes a date",
    ),
    (
        "004:422",
        "/SaveToSentItems",
        r#""false""#,
        "false",
        "the SaveToSentItems parameter is an Edm.Boolean; the documentation writes a string",
    ),
    (
        "004:1542",
        "/IsFolder",
        r#""False""#,
        "false",
        "ReferenceAttachment.IsFolder is an Edm.Boolean; the documentation writes a string",
    ),
    (
        "004:1542",
        "/ProviderType",
        r#""oneDriveBusiness""#,
        r#""OneDriveBusiness""#,
        "enumeration members are written as the metadata names them; the documentation lower-cases the first letter (the service reads either)",
    ),
    (
        "004:1570",
        "/Attachments/0/IsFolder",
        r#""False""#,
        "false",
        "ReferenceAttachment.IsFolder is an Edm.Boolean; the documentation writes a string",
    ),
    (
        "004:1570",
        "/Attachments/0/ProviderType",
        r#""oneDriveBusiness""#,
        r#""OneDriveBusiness""#,
        "enumeration members are written as the metadata names them; the documentation lower-cases the first letter (the service reads either)",
    ),
];

/// One documented request.
#[derive(Debug)]
struct Documented {
    seed: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(s);
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

fn seed_lines() -> BTreeMap<&'static str, Vec<String>> {
    [
        ("000", "000_99585460ec44fca4.txt"),
        ("003", "003_06d8bdf94ff0148c.txt"),
        ("004", "004_87b261e3011f6168.txt"),
    ]
    .into_iter()
    .map(|(k, f)| {
        let text = std::fs::read_to_string(format!("{SEEDS}/{f}")).unwrap();
        (k, text.lines().map(str::to_owned).collect())
    })
    .collect()
}

fn is_header_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
    })
}

/// The JSON block starting at `lines[i]`, if one does.
fn json_block(lines: &[String], i: usize) -> Option<Value> {
    if !lines.get(i)?.starts_with('{') {
        return None;
    }
    let mut text = String::new();
    let mut depth = 0i32;
    for line in &lines[i..] {
        text.push_str(line);
        text.push('\n');
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        if depth <= 0 {
            break;
        }
    }
    Some(serde_json::from_str(&text).unwrap())
}

/// The seed requests of the validation corpus, with the seeds' header lines and bodies.
fn documented() -> Vec<Documented> {
    let seeds = seed_lines();
    let mut out = Vec::new();
    for block in CORPUS.split("\n- name:").skip(1) {
        let field = |key: &str| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_owned()))
        };
        let Some(seed) = field("seed:").map(|s| unquote(&s)) else {
            continue;
        };
        let method = field("method:").unwrap_or_else(|| "GET".to_owned());
        let url = unquote(&field("url:").unwrap());
        let mut headers: Vec<(String, String)> = block
            .lines()
            .filter_map(|l| l.strip_prefix("    - "))
            .filter_map(|h| {
                let h = unquote(h);
                let (k, v) = h.split_once(':')?;
                Some((k.trim().to_owned(), v.trim().to_owned()))
            })
            .collect();
        let (file, line) = seed.split_once(':').unwrap();
        let lines = &seeds[file];
        let mut i: usize = line.parse().unwrap();
        while i < lines.len() && is_header_line(&lines[i]) {
            let (k, v) = lines[i].split_once(": ").unwrap();
            let h = (k.to_owned(), v.trim().to_owned());
            if !headers.contains(&h) {
                headers.push(h);
            }
            i += 1;
        }
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        let body = if matches!(method.as_str(), "POST" | "PATCH" | "PUT") {
            json_block(lines, i)
        } else {
            None
        };
        out.push(Documented {
            seed,
            method,
            url,
            headers,
            body,
        });
    }
    out
}

// ---- canonical URLs ----

fn norm_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    lower
        .strip_prefix("microsoft.outlookservices.")
        .map_or(lower.clone(), str::to_owned)
}

fn norm_expr(e: &mut Expr<'_>) {
    match &mut e.kind {
        ExprKind::Literal(l) => {
            if let Literal::Enum(en) = l
                && en.members.len() == 1
            {
                *l = Literal::String(en.members[0].clone().into_owned().into());
            }
        }
        ExprKind::Path(p) => {
            for s in p.segments.iter_mut() {
                match &mut s.kind {
                    PathSegmentKind::Member { name, .. } => *name = norm_name(name).into(),
                    PathSegmentKind::Any(Some(l)) => norm_expr(&mut l.predicate),
                    PathSegmentKind::All(l) => norm_expr(&mut l.predicate),
                    _ => {}
                }
            }
        }
        ExprKind::Call(c) => c.args.iter_mut().for_each(norm_expr),
        ExprKind::Unary { operand, .. } => norm_expr(operand),
        ExprKind::Binary { operands, .. } => {
            norm_expr(&mut operands.0);
            norm_expr(&mut operands.1);
        }
        ExprKind::In { operand, list } => {
            norm_expr(operand);
            match list {
                InList::List(items) => items.iter_mut().for_each(norm_expr),
                InList::Expr(x) => norm_expr(x),
            }
        }
        _ => {}
    }
}

fn norm_select_segments(segments: &mut [odata_parser::ast::SelectSegment<'_>]) {
    for s in segments {
        match &mut s.kind {
            SelectSegmentKind::Name(n) => *n = norm_name(n).into(),
            SelectSegmentKind::Qualified(q) => q.text = norm_name(&q.text).into(),
            _ => {}
        }
    }
}

fn norm_options(options: &mut [QueryOption<'_>]) {
    for o in options {
        let QueryOptionKind::System(s) = &mut o.kind else {
            continue;
        };
        match s {
            SystemQueryOption::Filter(e) => norm_expr(e),
            SystemQueryOption::OrderBy(items) => {
                items.iter_mut().for_each(|i| norm_expr(&mut i.expr))
            }
            SystemQueryOption::Select(items) => {
                for i in items.iter_mut() {
                    if let SelectItemKind::Path { segments, options } = &mut i.kind {
                        norm_select_segments(segments);
                        norm_options(options);
                    }
                }
            }
            SystemQueryOption::Expand(items) => {
                for i in items.iter_mut() {
                    if let odata_parser::ast::ExpandTarget::Path(segments) = &mut i.target {
                        norm_select_segments(segments);
                    }
                    norm_options(&mut i.options);
                }
            }
            _ => {}
        }
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A key as written (`('AAMk…')`, `(AAMk…)` or a segment `AAMk…`): its value.
fn key_value(text: &str) -> String {
    let text = percent_decode(text);
    let inner = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(&text);
    match inner.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => inner.to_owned(),
    }
}

/// The canonical form of an Outlook URL (see the module docs). The resource path
/// is bound to the model by the validator, which tells keys written as segments
/// (`MailFolders/inbox`) from names.
fn canonical(url: &str) -> String {
    let (before, after) = url
        .split_once('?')
        .map_or((url, None), |(a, b)| (a, Some(b)));
    let url = match after {
        Some(q) => format!("{}?{q}", before.trim_end_matches('/')),
        None => before.trim_end_matches('/').to_owned(),
    };
    let report = support::validator().validate(&Request::get(&url));
    let bound = report
        .bound
        .as_ref()
        .unwrap_or_else(|| panic!("{url} does not bind: {:?}", report.diagnostics));
    let model = support::validator().model();
    let root = &url[bound.service_root.range()];
    let mut path = Vec::new();
    for seg in &bound.segments {
        path.push(match seg.kind {
            SegmentKind::EntitySet(id) => model.entity_set(id).name.to_ascii_lowercase(),
            SegmentKind::Singleton(id) => model.singleton(id).name.to_ascii_lowercase(),
            SegmentKind::NavigationProperty(id) => {
                model.navigation_property(id).name.to_ascii_lowercase()
            }
            SegmentKind::Property(id) => model.property(id).name.to_ascii_lowercase(),
            SegmentKind::Key => format!("[{}]", key_value(&url[seg.span.range()])),
            SegmentKind::Operation(id) => model.operation(id).name.name().to_ascii_lowercase(),
            SegmentKind::TypeCast(t) => model.structured_type_name(t).name().to_ascii_lowercase(),
            other => format!("{other:?}"),
        });
    }
    let uri = ODataUri::parse_with_root(&url, root, &ParseOptions::lenient())
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let mut options: Vec<String> = match uri.query() {
        Some(q) => {
            let mut options = q.options().to_vec();
            norm_options(&mut options);
            options.iter().map(ToString::to_string).collect()
        }
        None => Vec::new(),
    };
    options.sort();
    format!(
        "{} {} ?{}",
        root.to_ascii_lowercase(),
        path.join("/"),
        options.join("&")
    )
}

// ---- the builders ----

fn recipient(address: &str) -> AnyRecipient {
    Recipient {
        email_address: Some(EmailAddress {
            address: Some(address.to_owned()),
            ..Default::default()
        }),
        ..Default::default()
    }
    .into()
}

fn reference_attachment(name: &str, url: &str) -> AnyAttachment {
    ReferenceAttachment {
        name: Some(name.to_owned()),
        source_url: Some(url.to_owned()),
        provider_type: Some(ReferenceAttachmentProviders::OneDriveBusiness),
        permission: Some(ReferenceAttachmentPermissions::Edit),
        is_folder: Some(false),
        ..Default::default()
    }
    .into()
}

fn html(content: &str) -> Option<ItemBody> {
    Some(ItemBody {
        content_type: Some(BodyType::Html),
        content: Some(content.to_owned()),
        ..Default::default()
    })
}

fn reply(comment: &str) -> MessageReplyParameters {
    MessageReplyParameters {
        comment: Some(comment.to_owned()),
    }
}

fn scheduled(date_time: &str) -> Option<DateTimeTimeZone> {
    Some(DateTimeTimeZone {
        date_time: Some(date_time.to_owned()),
        time_zone: Some("UTC".to_owned()),
        ..Default::default()
    })
}

/// The builder call that reproduces the documented request `seed`.
fn reproduce(seed: &str) -> Option<http::Request<Vec<u8>>> {
    let s = EntityContainer::new();
    let o365 = EntityContainer::with_root("https://outlook.office365.com/api/v2.0/");
    let beta = EntityContainer::with_root("https://outlook.office.com/api/beta/");
    let me = s.me();
    let contacts = me.contacts();
    let messages = me.messages();
    let folders = me.mail_folders();
    let overrides = me.inference_classification().overrides();
    let user_overrides = s
        .users()
        .by_key("{user_id}")
        .inference_classification()
        .overrides();
    let photo = |id: &str| contacts.by_key(id).photo();
    let track = || me.contacts().list().track_changes().max_page_size(100);
    let sync = |folder: &str| folders.by_key(folder).messages().list();
    macro_rules! subject_sender {
        () => {
            |m| (m.subject(), m.sender())
        };
    }
    macro_rules! sender_subject {
        () => {
            |m| (m.sender(), m.subject())
        };
    }
    macro_rules! subject_sender_received {
        () => {
            |m| (m.subject(), m.sender(), m.received_date_time())
        };
    }
    Some(match seed {
        // Contacts (seed 000).
        "000:68" => validated(contacts.list()),
        "000:69" => validated(me.contact_folders().by_key("{contact_folder_id}").contacts().list()),
        "000:80" => validated(contacts.list().select(|c| (c.email_addresses(), c.given_name(), c.surname()))),
        "000:130" => validated(contacts.by_key("{contact_id}").get()),
        "000:137" => validated(contacts.by_key("AAMkAGI2THk0AAA=").get()),
        "000:214" => validated(
            contacts
                .by_key("AAMkAGI2THk0AAA=")
                .get()
                .select(|c| (c.email_addresses(), c.given_name(), c.surname())),
        ),
        "000:255" | "000:280" => validated(track()),
        "000:256" => validated(
            me.contact_folders()
                .by_key("{folderName}")
                .get()
                .prefer("odata.track-changes")
                .prefer("odata.maxpagesize=100"),
        ),
        "000:289" => validated(track().delta_token("169ca50467d34d9fb8adb664961b9836")),
        "000:324" => validated(track().skip_token("169ca50467d34d9fb8adb664961b9836")),
        "000:343" => validated(contacts.create(Contact::default())),
        "000:344" => validated(
            me.contact_folders()
                .by_key("{contact_folder_id}")
                .contacts()
                .create(Contact::default()),
        ),
        "000:355" => validated(contacts.create(Contact {
            given_name: Some("Pavel".into()),
            surname: Some("Bansky".into()),
            email_addresses: Some(vec![EmailAddress {
                address: Some("pavelb@a830edad9050849NDA1.onmicrosoft.com".into()),
                name: Some("Pavel Bansky".into()),
                ..Default::default()
            }]),
            business_phones: Some(vec!["+1 732 555 0102".into()]),
            ..Default::default()
        })),
        "000:471" => validated(contacts.by_key("{contact_id}").update(&ContactUpdate::default())),
        "000:478" => validated(contacts.by_key("AAMkAGI2THkzAAA=").update(&ContactUpdate {
            home_address: Some(Some(PhysicalAddress {
                street: Some("Some street".into()),
                city: Some("Seattle".into()),
                state: Some("WA".into()),
                postal_code: Some("98121".into()),
                ..Default::default()
            })),
            birthday: Some(Some("1974-07-22T00:00:00Z".parse::<DateTimeOffset>().unwrap())),
            ..Default::default()
        })),
        "000:590" => validated(contacts.by_key("{contact_id}").delete()),
        "000:597" => validated(contacts.by_key("AAMkAGE0Myy2hAAA=").delete()),
        "000:615" | "000:628" => validated(me.contact_folders().list()),
        "000:616" => validated(
            me.contact_folders()
                .by_key("{contact_folder_id}")
                .child_folders()
                .list(),
        ),
        "000:658" => validated(me.contact_folders().by_key("{contact_folder_id}").get()),
        "000:670" => validated(me.contact_folders().by_key("AAMkAGI2TKI5AAA=").get()),
        "000:698" => validated(photo("{contact_id}").media()),
        "000:705" => validated(photo("AAMkAGE1M2IyNGNm===").media().header("Content-Type", "image/jpg")),
        "000:722" => validated(photo("{contact_id}").get()),
        "000:729" => validated(photo("AAMkAGE1M2IyNGNm").get()),
        "000:755" => validated(photo("{contact_id}").media().patch(b"jpeg".to_vec(), "image/jpeg")),
        "000:757" => validated(photo("{contact_id}").media().put(b"jpeg".to_vec(), "image/jpeg")),
        "000:764" => validated(photo("AAMkAGE1M2IyNGNm===").media().put(b"jpeg".to_vec(), "image/jpeg")),
        // Query parameters (seed 003).
        "003:333" => validated(
            folders
                .by_key("inbox")
                .messages()
                .list()
                .count(true)
                .filter(|m| m.is_read().eq(false)),
        ),
        "003:1253" | "003:1265" => validated(messages.list().search(Search::phrase("pizza"))),
        "003:1257" | "003:1266" => validated(messages.list().search(Search::phrase("subject:pizza"))),
        "003:1261" | "003:1267" => {
            validated(messages.list().search(Search::phrase("from:help@contoso.com")))
        }
        "003:1308" | "003:1332" => validated(
            me.events()
                .list()
                .filter(|e| e.start().date_time().ge("2016-04-01T08:00")),
        ),
        "003:1312" | "003:1333" => validated(
            me.events()
                .list()
                .filter(|e| e.subject().eq("Mega Charity Bash")),
        ),
        "003:1316" | "003:1334" => validated(messages.list().filter(|m| m.is_read().eq(false))),
        "003:1320" | "003:1335" => validated(messages.list().filter(|m| m.has_attachments().eq(true))),
        "003:1324" | "003:1336" => validated(
            messages
                .list()
                .filter(|m| m.received_date_time().ge(Date::from_ymd_opt(2014, 9, 1).unwrap())),
        ),
        "003:1328" | "003:1337" => validated(
            messages
                .list()
                .filter(|m| m.from().email_address().address().eq("hr@contoso.com")),
        ),
        "003:1349" => validated(messages.list().select(subject_sender_received!())),
        "003:1357" | "003:1361" => validated(messages.list().orderby(|m| m.received_date_time().desc())),
        "003:1367" => validated(messages.list().top(5)),
        "003:1371" => validated(messages.list().top(5).skip(5)),
        "003:1381" => validated(messages.count()),
        "003:1385" | "003:1389" => validated(messages.count().filter(|m| m.is_read().eq(false))),
        "003:1405" | "003:1420" => validated(
            messages
                .list()
                .filter(|m| m.importance().eq(Importance::High))
                .select(subject_sender_received!())
                .top(5),
        ),
        "003:1414" | "003:1422" => validated(
            messages
                .list()
                .filter(|m| {
                    m.subject()
                        .eq("Good Times")
                        .and(m.importance().eq(Importance::High))
                })
                .orderby(|m| (m.subject(), m.importance(), m.sender())),
        ),
        // Mail (seed 004).
        "004:68" => validated(messages.list()),
        "004:70" => validated(folders.by_key("{folder_id}").messages().list()),
        "004:81" => validated(folders.by_key("sentitems").messages().list().select(sender_subject!())),
        "004:127" => validated(messages.by_key("{message_id}").get()),
        "004:132" => validated(messages.by_key("AAMkAGI2THVSAAA=").get()),
        "004:189" => validated(messages.by_key("AAMkAGE1I5MTAAA=").get().select(sender_subject!())),
        "004:207" => validated(
            o365.me()
                .mail_folders()
                .by_key("{folder_id}")
                .messages()
                .list()
                .track_changes(),
        ),
        "004:209" => validated(
            o365.me()
                .mail_folders()
                .by_key("{folder_id}")
                .messages()
                .list()
                .track_changes()
                .delta_token("{delta_token}"),
        ),
        "004:216" => validated(
            o365.me()
                .mail_folders()
                .by_key("{folder_id}")
                .messages()
                .list()
                .skip_token("{skip_token}"),
        ),
        "004:247" => validated(
            sync("AAMkAGI5MAAAwW-j-AAA=")
                .max_page_size(2)
                .track_changes()
                .select(subject_sender!()),
        ),
        "004:290" => validated(
            sync("AAMkAGI5MAAAwW-j-AAA=")
                .max_page_size(2)
                .track_changes()
                .select(subject_sender!())
                .delta_token("MfzCBD5nm2dcGAFGk5qypL1PSyEAADFmX28BAAAA"),
        ),
        "004:329" => validated(
            sync("AAMkAGI5MAAAwW-j-AAA=")
                .max_page_size(2)
                .select(subject_sender!())
                .skip_token("MfzCAj5nm2dcGAFGk5qypL1PSyEAADFmX28CAAAA"),
        ),
        "004:367" => validated(
            sync("AAMkAGI5MAAAwW-j-AAA=")
                .max_page_size(2)
                .select(subject_sender!())
                .skip_token("MfzCAj5nm2dcGAFGk5qypL1PSyEAADFmX28DAAAA"),
        ),
        "004:395" => validated(
            sync("AAMkAGI5MAAAwW-j-AAA=")
                .max_page_size(2)
                .track_changes()
                .select(subject_sender!())
                .delta_token("0_zCBD5nm2dcGAFGk5qypL1PSyEAADBb9RkEAAAA"),
        ),
        "004:415" => validated(me.send_mail(&UserSendMailParameters {
            message: Message::default().into(),
            save_to_sent_items: None,
        })),
        "004:422" => validated(me.send_mail(&UserSendMailParameters {
            message: Message {
                subject: Some("Meet for lunch?".into()),
                body: Some(ItemBody {
                    content_type: Some(BodyType::Text),
                    content: Some("The new cafeteria is open.".into()),
                    ..Default::default()
                }),
                to_recipients: Some(vec![recipient("garthf@a830edad9050849NDA1.onmicrosoft.com")]),
                attachments: Some(vec![
                    FileAttachment {
                        name: Some("menu.txt".into()),
                        content_bytes: Some(b"mac and cheese today".to_vec()),
                        ..Default::default()
                    }
                    .into(),
                ]),
                ..Default::default()
            }
            .into(),
            save_to_sent_items: Some(false),
        })),
        "004:451" => validated(messages.create(Message::default())),
        "004:452" => validated(folders.by_key("{folder_id}").messages().create(Message::default())),
        "004:458" => validated(folders.by_key("inbox").messages().create(Message {
            subject: Some("Did you see last night's game?".into()),
            importance: Some(Importance::Low),
            body: html("They were <b>awesome</b>!"),
            to_recipients: Some(vec![recipient("katiej@a830edad9050849NDA1.onmicrosoft.com")]),
            ..Default::default()
        })),
        "004:518" => validated(messages.by_key("{message_id}").send()),
        "004:523" => validated(messages.by_key("AAMkAGE0Mz7k0AAA=").send()),
        "004:536" => validated(messages.by_key("{message_id}").reply(&MessageReplyParameters::default())),
        "004:543" => validated(messages.by_key("AAMkAGE0Mz8DmAAA=").reply(&reply("Sounds great! See you tomorrow."))),
        "004:552" => validated(messages.by_key("{message_id}").reply_all(&MessageReplyAllParameters::default())),
        "004:559" => validated(messages.by_key("AAMkAGE0MSz8DmAAA=").reply_all(&MessageReplyAllParameters {
            comment: Some("Thanks for the heads up.".into()),
        })),
        "004:567" => validated(messages.by_key("{message_id}").create_reply()),
        "004:572" => validated(messages.by_key("AAMkADA1MTAAAAqldOAAA=").create_reply()),
        "004:632" => validated(messages.by_key("{message_id}").create_reply_all()),
        "004:637" => validated(messages.by_key("AAMkAGE0Mz8DmAAA=").create_reply_all()),
        "004:696" => validated(messages.by_key("{message_id}").forward(&MessageForwardParameters::default())),
        "004:705" => validated(messages.by_key("AAMkAGE0Mz8DmAAA=").forward(&MessageForwardParameters {
            comment: Some("FYI".into()),
            to_recipients: vec![
                recipient("katiej@a830edad9050849NDA1.onmicrosoft.com"),
                recipient("garthf@a830edad9050849NDA1.onmicrosoft.com"),
            ],
        })),
        "004:725" => validated(messages.by_key("{message_id}").create_forward()),
        "004:730" => validated(messages.by_key("AAMkAGE0Mz8DmAAA=").create_forward()),
        "004:773" => validated(messages.by_key("{message_id}").update(&MessageUpdate::default())),
        "004:779" => validated(messages.by_key("AAMkAGE0Mz8S-AAA=").update(&MessageUpdate {
            categories: Some(vec!["Orange category".into(), "Green category".into()]),
            is_read: Some(true),
            ..Default::default()
        })),
        "004:845" => validated(messages.by_key("{message_id}").delete()),
        "004:850" => validated(messages.by_key("AAMkAGE0Mz8TBAAA=").delete()),
        "004:855" => validated(messages.by_key("{message_id}").r#move(&MessageMoveParameters::default())),
        "004:862" => validated(messages.by_key("AAMkAGI2TIy-AAA=").r#move(&MessageMoveParameters {
            destination_id: "AAMkAGI2AAEJAAA=".into(),
        })),
        "004:926" => validated(messages.by_key("{message_id}").copy(&MessageCopyParameters::default())),
        "004:933" => validated(messages.by_key("AAMkAGI2TIy-AAA=").copy(&MessageCopyParameters {
            destination_id: "inbox".into(),
        })),
        "004:1013" => validated(messages.by_key("{message_id}").update(&MessageUpdate::default())),
        "004:1014" => validated(
            s.users()
                .by_key("{user_id}")
                .messages()
                .by_key("{message_id}")
                .update(&MessageUpdate::default()),
        ),
        "004:1023" => validated(messages.by_key("AAMkADA1MTQBAAA=").update(&MessageUpdate {
            inference_classification: Some(InferenceClassificationType::Other),
            ..Default::default()
        })),
        "004:1063" => validated(overrides.create(InferenceClassificationOverride::default())),
        "004:1064" => validated(user_overrides.create(InferenceClassificationOverride::default())),
        "004:1070" => validated(overrides.create(InferenceClassificationOverride {
            classify_as: Some(InferenceClassificationType::Focused),
            sender_email_address: Some(EmailAddress {
                name: Some("Fanny Downs".into()),
                address: Some("fannyd@adatum.onmicrosoft.com".into()),
                ..Default::default()
            }),
            ..Default::default()
        })),
        "004:1092" | "004:1099" => validated(overrides.list()),
        "004:1093" => validated(user_overrides.list()),
        "004:1129" => validated(
            overrides
                .by_key("{override_id}")
                .update(&InferenceClassificationOverrideUpdate::default()),
        ),
        "004:1130" => validated(
            user_overrides
                .by_key("{override_id}")
                .update(&InferenceClassificationOverrideUpdate::default()),
        ),
        "004:1140" => validated(
            overrides
                .by_key("98f5bdef-576a-404d-a2ea-07a3cf34af4r")
                .update(&InferenceClassificationOverrideUpdate {
                    classify_as: Some(InferenceClassificationType::Focused),
                    ..Default::default()
                }),
        ),
        "004:1157" => validated(overrides.by_key("{override_id}").delete()),
        "004:1158" => validated(user_overrides.by_key("{override_id}").delete()),
        "004:1164" => validated(overrides.by_key("98f5bdef-576a-404d-a2ea-07a3cf34af4r").delete()),
        "004:1172" | "004:1180" => validated(me.property(|u| u.mailbox_settings())),
        "004:1174" => validated(beta.me().property(|u| u.mailbox_settings().language())),
        "004:1176" => validated(beta.me().property(|u| u.mailbox_settings().time_zone())),
        "004:1209" | "004:1210" => {
            validated(me.property(|u| u.mailbox_settings().automatic_replies_setting()))
        }
        "004:1230" => validated(me.property(|u| u.mailbox_settings()).update(&MailboxSettings::default())),
        "004:1235" => {
            // The documentation's body carries `@odata.context`; it is kept as an undeclared member.
            let mut settings = MailboxSettings {
                automatic_replies_setting: Some(AutomaticRepliesSetting {
                    status: Some(AutomaticRepliesStatus::Scheduled),
                    scheduled_start_date_time: scheduled("2016-03-20T18:00:00.0000000"),
                    scheduled_end_date_time: scheduled("2016-03-28T18:00:00.0000000"),
                    ..Default::default()
                }),
                ..Default::default()
            };
            settings.additional_properties.insert(
                "@odata.context".into(),
                json!("https://outlook.office.com/api/v2.0/$metadata#Me/MailboxSettings"),
            );
            validated(me.property(|u| u.mailbox_settings()).update(&settings))
        }
        "004:1278" => validated(messages.by_key("{message_id}").attachments().list()),
        "004:1290" => validated(
            messages
                .by_key("AAMkAGI2THVSAAA=")
                .attachments()
                .list()
                .select(|a| a.name()),
        ),
        "004:1304" => validated(
            messages
                .by_key("AAMkADFiNTPAAA=")
                .attachments()
                .list()
                .header("Content-Type", "application/json"),
        ),
        "004:1323" => validated(
            messages
                .by_key("{message_id}")
                .attachments()
                .by_key("{attachment_id}")
                .get(),
        ),
        "004:1335" => validated(
            messages
                .by_key("AAMkAGI2THVSAAA=")
                .attachments()
                .by_key("AAMkAGI2j4kShdM=")
                .get(),
        ),
        "004:1352" => validated(
            messages
                .by_key("AAMkAGE1Mbs88AADUv0uFAAA=")
                .attachments()
                .by_key("AAMkAGE1Mbs88AADUv0uFAAABEgAQAPSg72tgf7hJp0PICVGCc0g=")
                .get(),
        ),
        "004:1371" => validated(
            messages
                .by_key("AAMkAGE1Mbs88AADUv0uFAAA=")
                .get()
                .expand(|m| m.attachments()),
        ),
        "004:1483" => validated(
            messages
                .by_key("AAMkAGE1Mbs88AADUv0uFAAA=")
                .attachments()
                .by_key("AAMkAGE1Mbs88AADUv0uFAAABEgAQAL53d0u3BKBJmCxKVxZKBZ8=")
                .get()
                .expand(|a| a.cast::<ItemAttachment>().item()),
        ),
        "004:1504" | "004:1517" | "004:1530" => validated(
            messages
                .by_key("{message_id}")
                .attachments()
                .create(FileAttachment::default()),
        ),
        "004:1542" => validated(
            messages
                .by_key("AAMkAGE1Mbs88AADUv0uFAAA=")
                .attachments()
                .create(reference_attachment(
                    "Koala picture",
                    "https://contoso-my.spoppe.com/personal/danas_contoso_onmicrosoft_com/Documents/Pics/koala.jpg",
                )),
        ),
        "004:1570" => validated(messages.create(Message {
            subject: Some("Plan for dinner".into()),
            body: html("Office anniversary is coming soon!"),
            to_recipients: Some(vec![recipient("randiw@contoso.onmicrosoft.com")]),
            attachments: Some(vec![reference_attachment(
                "Hydrangea picture",
                "https://contoso-my.spoppe.com/personal/danas_contoso_onmicrosoft_com/Documents/Pics/hydrangea.jpg",
            )]),
            ..Default::default()
        })),
        "004:1662" => validated(
            messages
                .by_key("{message_id}")
                .attachments()
                .by_key("{attachment_id}")
                .delete(),
        ),
        "004:1668" => validated(
            messages
                .by_key("AAMkAGE0Mz8S-AAA=")
                .attachments()
                .by_key("AAMkAGE0Mg67gL7o=")
                .delete(),
        ),
        "004:1675" | "004:1683" | "004:1789" => validated(folders.list()),
        "004:1676" => validated(folders.by_key("{folder_id}").child_folders().list()),
        "004:1747" => validated(folders.by_key("{folder_id}").get()),
        "004:1749" => validated(
            s.users()
                .by_key("{user_id}")
                .mail_folders()
                .by_key("{folder_id}")
                .get(),
        ),
        "004:1756" => validated(folders.by_key("inbox").get()),
        "004:1769" => validated(
            s.users()
                .by_key("8c14ebe1-e4ba-4232cd011db47")
                .mail_folders()
                .by_key("AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQxLTM")
                .get(),
        ),
        "004:1806" => validated(
            folders
                .by_key("{folder_id}")
                .child_folders()
                .create(MailFolder::default()),
        ),
        "004:1813" => validated(folders.by_key("inbox").child_folders().create(MailFolder {
            display_name: Some("Company".into()),
            ..Default::default()
        })),
        "004:1835" => validated(folders.by_key("{folder_id}").update(&MailFolderUpdate::default())),
        "004:1842" => validated(folders.by_key("AAMkAGE0Mz-l_AAA=").update(&MailFolderUpdate {
            display_name: Some(Some("Business".into())),
        })),
        "004:1864" => validated(folders.by_key("{folder_id}").delete()),
        "004:1869" => validated(folders.by_key("AAMkAGE0Mz-l_AAA=").delete()),
        "004:1874" => validated(folders.by_key("{folder_id}").r#move(&MailFolderMoveParameters::default())),
        "004:1881" => validated(folders.by_key("AAMkAGE0Mz-l_AAA=").r#move(&MailFolderMoveParameters {
            destination_id: "AAMkAGE0MyxQ9AAA=".into(),
        })),
        "004:1900" => validated(folders.by_key("{folder_id}").copy(&MailFolderCopyParameters::default())),
        "004:1907" => validated(folders.by_key("AAMkAGE0Mz-l_AAA=").copy(&MailFolderCopyParameters {
            destination_id: "inbox".into(),
        })),
        _ => return None,
    })
}

/// How a built request differs from the documented one, if it does.
fn differences(doc: &Documented, built: &http::Request<Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    if built.method().as_str() != doc.method {
        out.push(format!(
            "method {} instead of {}",
            built.method(),
            doc.method
        ));
    }
    let (want, got) = (canonical(&doc.url), canonical(&built.uri().to_string()));
    if want != got {
        out.push(format!("URL\n  documented {want}\n  built      {got}"));
    }
    for (name, value) in &doc.headers {
        let present = built
            .headers()
            .get_all(name.as_str())
            .iter()
            .any(|v| v.to_str().ok() == Some(value.as_str()));
        if !present {
            out.push(format!("header {name}: {value} missing"));
        }
    }
    if let Some(body) = &doc.body {
        let sent: Value = serde_json::from_slice(built.body()).unwrap_or(Value::Null);
        if &sent != body {
            out.push(format!("body\n  documented {body}\n  built      {sent}"));
        }
    }
    out
}

#[test]
fn every_documented_request_is_reproduced() {
    let documented = documented();
    assert_eq!(documented.len(), 158, "the corpus lists 158 seed requests");
    let mut exact = 0;
    let mut failures = Vec::new();
    for doc in &documented {
        let built = reproduce(&doc.seed)
            .unwrap_or_else(|| panic!("no builder call for seed {} ({})", doc.seed, doc.url));
        let diffs = differences(doc, &built);
        let listed: Vec<_> = BODY_DIFFERENCES
            .iter()
            .filter(|d| d.0 == doc.seed)
            .collect();
        if !listed.is_empty() {
            // The body differs in exactly the listed values.
            let mut patched = doc
                .body
                .clone()
                .unwrap_or_else(|| panic!("{}: no documented body", doc.seed));
            for (_, pointer, documented_value, sent_value, _) in &listed {
                let slot = patched.pointer_mut(pointer).unwrap();
                let documented_value: Value = serde_json::from_str(documented_value).unwrap();
                assert_eq!(*slot, documented_value, "{} {pointer}", doc.seed);
                *slot = serde_json::from_str(sent_value).unwrap();
            }
            let sent: Value = serde_json::from_slice(built.body()).unwrap();
            assert_eq!(
                sent, patched,
                "{}: the body differs in more than the listed values",
                doc.seed
            );
            assert!(
                diffs.len() == 1 && diffs[0].starts_with("body"),
                "{}: {diffs:?}",
                doc.seed
            );
            continue;
        }
        if NOT_EXPRESSIBLE.iter().any(|(s, _)| *s == doc.seed) {
            assert!(!diffs.is_empty(), "{} is listed but reproduced", doc.seed);
            continue;
        }
        if diffs.is_empty() {
            exact += 1;
        } else {
            failures.push(format!("{} {}: {}", doc.seed, doc.url, diffs.join("; ")));
        }
    }
    let mut with_values: Vec<&str> = BODY_DIFFERENCES.iter().map(|d| d.0).collect();
    with_values.dedup();
    println!(
        "seed requests: {exact} of {} reproduced exactly, {} with listed body values, {} not expressible",
        documented.len(),
        with_values.len(),
        NOT_EXPRESSIBLE.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        exact + with_values.len() + NOT_EXPRESSIBLE.len(),
        documented.len()
    );
    // Ratchet: fail when fewer requests are reproduced exactly than recorded.
    assert!(
        exact >= 153,
        "exactly reproduced seed requests dropped to {exact}"
    );
}

#[test]
fn canonical_forms_tell_requests_apart() {
    let a =
        canonical("https://outlook.office.com/api/v2.0/me/messages/AAMk=?$filter=IsRead eq false");
    let b = canonical(
        "https://outlook.office.com/api/v2.0/Me/Messages('AAMk=')/?$filter=isread%20eq%20false",
    );
    assert_eq!(a, b);
    let c = canonical("https://outlook.office.com/api/v2.0/me/messages?$filter=IsRead eq true");
    assert_ne!(
        canonical("https://outlook.office.com/api/v2.0/me/messages?$filter=IsRead eq false"),
        c
    );
    assert_ne!(
        canonical("https://outlook.office.com/api/v2.0/me/messages?$filter=Subject eq 'A'"),
        canonical("https://outlook.office.com/api/v2.0/me/messages?$filter=Subject eq 'a'"),
        "string literals keep their case"
    );
    assert_ne!(
        canonical("https://outlook.office.com/api/v2.0/me/messages"),
        canonical("https://outlook.office.com/api/beta/me/messages"),
    );
}
