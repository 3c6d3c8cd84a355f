//! The validator never panics, whatever the URL: arbitrary text, and URLs assembled from
//! pieces of real requests (names of the Outlook model, operators, options, brackets).

use std::sync::OnceLock;

use odata_parser::bind::{Method, Profile, Request, Validator};
use odata_parser::edm::Model;
use proptest::prelude::*;

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_csdl_xml(include_str!(
            "../../generated-models/metadata/outlook-v2.0.xml"
        ))
        .unwrap()
    })
}

fn validators() -> &'static [Validator<'static>; 2] {
    static V: OnceLock<[Validator<'static>; 2]> = OnceLock::new();
    V.get_or_init(|| {
        [
            Validator::new(model()).profile(Profile::outlook_v2()),
            Validator::new(model()),
        ]
    })
}

const PIECES: &[&str] = &[
    "me",
    "Me",
    "users",
    "Users",
    "/",
    "messages",
    "MailFolders",
    "Inbox",
    "attachments",
    "events",
    "contacts",
    "('x')",
    "(1)",
    "$count",
    "$value",
    "$ref",
    "?",
    "&",
    "=",
    "$filter=",
    "$select=",
    "$expand=",
    "$orderby=",
    "$top=",
    "$search=",
    "$compute=",
    "$skip=",
    "$deltatoken=",
    "@p=",
    "@p",
    "Subject",
    "IsRead",
    "ReceivedDateTime",
    "From/EmailAddress/Address",
    "Importance",
    "Body",
    "Attachments",
    "Categories",
    " eq ",
    " ne ",
    " gt ",
    " and ",
    " or ",
    " has ",
    " in ",
    "not ",
    "'High'",
    "'x'",
    "true",
    "null",
    "2014-09-01",
    "1",
    "-",
    "(",
    ")",
    ",",
    ";",
    ":",
    "any(a:a",
    "all(c:c",
    "$it",
    "$root/",
    "contains(",
    "startswith(",
    "year(",
    "length(",
    "cast(",
    "isof(",
    "Microsoft.OutlookServices.Importance'High'",
    "Microsoft.OutlookServices.EventMessage",
    "Microsoft.Exchange.Services.OData.Model.Importance'Low'",
    "\"pizza\"",
    "subject:",
    " as A",
    "%20",
    "%27",
    "+",
    "desc",
    "asc",
    "sendmail",
    "Microsoft.OutlookServices.Reply",
    "{id}",
    "$levels=max",
];

fn assembled() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| {
        let mut url = String::from("https://outlook.office.com/api/v2.0/");
        for p in pieces {
            url.push_str(p);
        }
        url
    })
}

fn check(url: &str) {
    for v in validators() {
        for method in [Method::Get, Method::Post] {
            let r = v.validate(&Request::new(method, url).header("Prefer", "odata.track-changes"));
            for d in &r.diagnostics {
                assert!(
                    d.span.start <= d.span.end && d.span.end as usize <= url.len(),
                    "{d:?} in {url}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,120}") {
        check(&s);
        check(&format!("https://outlook.office.com/api/v2.0/{s}"));
        check(&format!("https://outlook.office.com/api/v2.0/me/messages?$filter={s}"));
    }

    #[test]
    fn assembled_urls_never_panic(url in assembled()) {
        check(&url);
    }
}

#[test]
fn deep_nesting_is_reported_not_overflowed() {
    let mut f = String::from("IsRead");
    for _ in 0..60 {
        f = format!("not ({f})");
    }
    check(&format!(
        "https://outlook.office.com/api/v2.0/me/messages?$filter={f}"
    ));
    let mut e = String::from("Attachments");
    for _ in 0..300 {
        e = format!("Attachments($expand={e})");
    }
    check(&format!(
        "https://outlook.office.com/api/v2.0/me/messages?$expand={e}"
    ));
}

#[test]
fn long_operator_chains_are_not_nesting() {
    // `a or b or c …` is a left-deep tree, not nesting the user wrote: filtering by a
    // few hundred ids must validate clean, and a huge chain must not overflow the stack.
    for n in [2, 100, 500, 20_000] {
        let f = vec!["Subject eq 'x'"; n].join(" or ");
        let url = format!("https://outlook.office.com/api/v2.0/Me/Messages?$filter={f}");
        for v in validators() {
            let r = v.validate(&Request::get(&url));
            assert!(r.is_clean(), "{n} clauses: {:?}", r.diagnostics.first());
        }
    }
    let sum = vec!["1"; 300].join(" add ");
    let url = format!("https://outlook.office.com/api/v2.0/Me/Messages?$filter={sum} gt 1");
    let r = validators()[1].validate(&Request::get(&url));
    // (The Outlook model's FilterFunctions do not list `add`: one diagnostic per use.)
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.code.as_str() == "odata::function_not_allowed"),
        "{:?}",
        r.diagnostics.first()
    );
    assert_eq!(r.diagnostics.len(), 299);
    // Nesting the user wrote still counts.
    let nested = format!("{}IsRead{}", "(".repeat(200), ")".repeat(200));
    let r = validators()[1].validate(&Request::get(&format!(
        "https://outlook.office.com/api/v2.0/Me/Messages?$filter={nested}"
    )));
    assert_eq!(r.diagnostics[0].code.as_str(), "odata::too_deep");
}
