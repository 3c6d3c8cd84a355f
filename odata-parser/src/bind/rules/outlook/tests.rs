//! One positive and one negative case per Outlook rule.

use crate::bind::testing::{ROOT, diags, outlook_get};
use crate::bind::{Profile, Request, Validator};

fn none() -> Vec<String> {
    Vec::new()
}

fn sync(rel: &str) -> Vec<String> {
    let url = format!("{ROOT}{rel}");
    diags(
        Profile::outlook_v2(),
        &Request::get(&url).header("Prefer", "odata.maxpagesize=2, odata.track-changes"),
    )
}

#[test]
fn not_filterable_carries_the_service_error() {
    let v = Validator::new(crate::bind::testing::outlook()).profile(Profile::outlook_v2());
    let url = format!("{ROOT}me/messages?$filter=ChangeKey eq 'x'");
    let r = v.validate_url(&url);
    let e = r.diagnostics[0].service_error.as_ref().unwrap();
    assert_eq!(e.code, "ErrorInvalidProperty");
    assert_eq!(
        e.message,
        "The property 'ChangeKey' does not support filtering."
    );
    assert_eq!(outlook_get("me/messages?$filter=IsRead eq true"), none());
    // standard profile: same code, no service error
    let v = Validator::new(crate::bind::testing::outlook());
    let url = format!("{ROOT}Me/Messages?$filter=ChangeKey eq 'x'");
    assert!(v.validate_url(&url).diagnostics[0].service_error.is_none());
}

#[test]
fn filter_method() {
    assert_eq!(
        outlook_get("me/messages?$filter=startswith(Subject,'Re')"),
        ["outlook::filter_method@startswith"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=endswith(Subject,'Re')"),
        none()
    );
    let v = Validator::new(crate::bind::testing::outlook()).profile(Profile::outlook_v2());
    let url = format!("{ROOT}me/messages?$filter=contains(Subject,'x')");
    let r = v.validate_url(&url);
    let e = r.diagnostics[0].service_error.as_ref().unwrap();
    assert_eq!(e.code, "ErrorInvalidUrlQueryFilter");
    assert_eq!(
        e.message,
        "'contains' and 'startswith' are not supported for filtering.  Use Search instead."
    );
}

#[test]
fn search_with_query() {
    assert_eq!(
        outlook_get("me/messages?$search=\"pizza\"&$orderby=Subject"),
        ["outlook::search_with_query@$orderby=Subject"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=IsRead eq false&$search=pizza"),
        ["outlook::search_with_query@$filter=IsRead eq false"]
    );
    assert_eq!(outlook_get("me/messages?$search=\"pizza\"&$top=5"), none());
}

#[test]
fn search_target() {
    assert_eq!(
        outlook_get("me/contacts?$search=\"pizza\""),
        ["outlook::search_target@$search=\"pizza\""]
    );
    assert_eq!(
        outlook_get("me/MailFolders/Inbox/messages?$search=pizza"),
        none()
    );
}

#[test]
fn search_property() {
    assert_eq!(
        outlook_get("me/messages?$search=\"subjet:pizza\""),
        ["outlook::search_property@subjet"]
    );
    assert_eq!(
        outlook_get("me/messages?$search=\"from:help@contoso.com\""),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$search=\"meeting at 10:30\""),
        none()
    );
}

#[test]
fn top_limit() {
    assert_eq!(
        outlook_get("me/messages?$top=51"),
        ["outlook::top_limit@$top=51"]
    );
    assert_eq!(outlook_get("me/messages?$top=50"), none());
}

#[test]
fn orderby_order() {
    assert_eq!(
        outlook_get(
            "me/messages?$filter=Subject eq 'Good Times' AND Importance eq 'High'&$orderby=Subject,Importance,Sender/EmailAddress/Name"
        ),
        none()
    );
    assert_eq!(
        outlook_get(
            "me/messages?$filter=Subject eq 'x' and Importance eq 'High'&$orderby=Importance,Subject"
        ),
        ["outlook::orderby_order@Importance"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Subject eq 'x'&$orderby=ReceivedDateTime desc"),
        ["outlook::orderby_order@ReceivedDateTime desc"]
    );
}

#[test]
fn sync_messages() {
    assert_eq!(
        sync(
            "me/MailFolders/Inbox/messages?$filter=ReceivedDateTime+ge+2016-01-01&$orderby=ReceivedDateTime+desc"
        ),
        none()
    );
    assert_eq!(
        sync("me/MailFolders/Inbox/messages?$filter=ReceivedDateTime lt 2016-01-01"),
        ["outlook::sync_filter@ReceivedDateTime lt 2016-01-01"]
    );
    assert_eq!(
        sync("me/MailFolders/Inbox/messages?$filter=Subject eq 'x'"),
        ["outlook::sync_filter@Subject eq 'x'"]
    );
    assert_eq!(
        sync("me/MailFolders/Inbox/messages?$orderby=ReceivedDateTime"),
        ["outlook::sync_orderby@$orderby=ReceivedDateTime"]
    );
    assert_eq!(
        sync("me/MailFolders/Inbox/messages?$search=pizza"),
        ["outlook::sync_search@$search=pizza"]
    );
    // sync of the whole mailbox is not supported (per folder only)
    assert_eq!(sync("me/messages"), ["odata::change_tracking@me/messages"]);
}

#[test]
fn sync_contacts() {
    assert_eq!(sync("me/contacts?$select=GivenName"), none());
    assert_eq!(
        sync("me/contacts?$filter=GivenName eq 'x'&$top=5"),
        [
            "outlook::sync_option@$filter=GivenName eq 'x'",
            "outlook::sync_option@$top=5"
        ]
    );
}

#[test]
fn sync_folders() {
    assert_eq!(sync("me/MailFolders"), none());
    assert_eq!(
        sync("me/MailFolders?$top=5"),
        ["outlook::sync_ignored@$top=5"]
    );
}

#[test]
fn sync_prefer() {
    assert_eq!(
        outlook_get("me/MailFolders/Inbox/messages?$deltatoken=abc"),
        ["outlook::sync_prefer@$deltatoken=abc"]
    );
    assert_eq!(
        sync("me/MailFolders/Inbox/messages?$deltatoken=abc"),
        none()
    );
    assert_eq!(
        outlook_get("me/MailFolders/Inbox/messages?$skiptoken=abc"),
        none()
    );
}

#[test]
fn expand() {
    assert_eq!(outlook_get("me/messages/x?$expand=attachments"), none());
    assert_eq!(
        outlook_get("me/events/x?$expand=Calendar"),
        ["outlook::expand@Calendar"]
    );
    assert_eq!(outlook_get("me/contactfolders/x?$expand=Contacts"), none());
}

#[test]
fn service_root_warnings() {
    let v = Validator::new(crate::bind::testing::outlook()).profile(Profile::outlook_v2());
    let r = v.validate_url("https://outlook.office.com/api/v1.0/me/messages");
    assert_eq!(r.diagnostics[0].code.as_str(), "outlook::api_version");
    assert!(
        v.validate_url("https://outlook.office.com/api/beta/me/MailboxSettings/Language")
            .is_clean()
    );
    assert!(
        v.validate_url("https://outlook.office365.com/api/v2.0/me/messages")
            .is_clean()
    );
    let r = v.validate_url("https://example.com/api/v2.0/me/messages");
    assert_eq!(r.diagnostics[0].code.as_str(), "outlook::host");
}

#[test]
fn well_known_folders_and_trailing_slash() {
    let v = Validator::new(crate::bind::testing::outlook()).profile(Profile::outlook_v2());
    let r = v.validate_url("https://outlook.office.com/api/v2.0/me/MailFolders/sentitems/messages/?$select=Sender,Subject");
    assert!(r.is_clean(), "{:?}", r.diagnostics);
    let b = r.bound.unwrap();
    assert_eq!(b.segments[2].well_known, Some("SentItems"));
    assert_eq!(
        outlook_get("me/messages/x/$expand=Attachments"),
        ["odata::query_in_path@$expand=Attachments"]
    );
}
