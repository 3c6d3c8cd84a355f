//! The generated request builders of the Outlook model: typed queries (paths,
//! complex members, casts, lambdas, functions), values that cannot change a query's
//! structure, nested expand options, headers, paging and change tracking, and
//! reading responses. Every request goes through `support::validated`.

mod support;

use generated_models::{
    EntityContainer, EventMessage, Importance, ItemAttachment, MeetingMessageType,
};
use odata_parser::ast::{BinaryOp, ExprKind, Literal, PathSegmentKind};
use odata_parser::client::query::{Null, Search};
use odata_parser::client::{BuildError, CollectionResponse, ResponseError, http};
use odata_parser::{ParseOptions, QueryOptions};
use support::{validated, validated_with_reader};

fn query(request: &http::Request<Vec<u8>>) -> String {
    request.uri().query().unwrap_or_default().to_owned()
}

/// The request's options parsed back, printed canonically (decoded).
fn reparsed(request: &http::Request<Vec<u8>>) -> Vec<String> {
    let raw = query(request);
    QueryOptions::parse(&raw, &ParseOptions::strict())
        .unwrap_or_else(|e| panic!("{raw}: {e}"))
        .options()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_readme_example_lists_five_unread_messages_from_one_sender() {
    let outlook = EntityContainer::new();
    let request = validated(
        outlook
            .me()
            .messages()
            .list()
            .filter(|m| {
                m.is_read()
                    .eq(false)
                    .and(m.from().email_address().address().eq("alexd@contoso.com"))
            })
            // Outlook wants the filtered properties first in $orderby.
            .orderby(|m| {
                (
                    m.is_read(),
                    m.from().email_address().address(),
                    m.received_date_time().desc(),
                )
            })
            .select(|m| (m.subject(), m.sender()))
            .top(5),
    );
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/Messages",
        "names as the metadata spells them"
    );
    assert_eq!(
        reparsed(&request),
        [
            "$filter=IsRead eq false and From/EmailAddress/Address eq 'alexd@contoso.com'",
            "$orderby=IsRead,From/EmailAddress/Address,ReceivedDateTime desc",
            "$select=Subject,Sender",
            "$top=5",
        ]
    );
}

#[test]
fn a_value_never_changes_the_structure_of_the_filter() {
    let hostile = "x' or 1 eq 1 or 'a";
    let request = validated(
        EntityContainer::new()
            .me()
            .messages()
            .list()
            .filter(|m| m.subject().eq(hostile)),
    );
    let raw = query(&request);
    let options = QueryOptions::parse(&raw, &ParseOptions::strict()).unwrap();
    let filter = options.filter().unwrap();
    // One comparison: the path `Subject` and one string literal holding the whole value.
    let ExprKind::Binary { op, operands } = &filter.kind else {
        panic!("{filter}")
    };
    assert_eq!(*op, BinaryOp::Eq);
    let ExprKind::Path(path) = &operands.0.kind else {
        panic!("{filter}")
    };
    assert!(
        matches!(&path.segments[0].kind, PathSegmentKind::Member { name, .. } if name == "Subject")
    );
    assert_eq!(
        operands.1.kind,
        ExprKind::Literal(Literal::String(hostile.into()))
    );
    assert_eq!(filter.to_string(), "Subject eq 'x'' or 1 eq 1 or ''a'");
    // Keys, search phrases and tokens are escaped as well.
    let request = validated(
        EntityContainer::new()
            .me()
            .messages()
            .by_key("a') or ('1'='1 & $top=1")
            .get(),
    );
    let report = support::report(&request);
    let bound = report.bound.unwrap();
    assert_eq!(bound.segments.len(), 3, "{}", request.uri());
    assert_eq!(request.uri().query(), None);
}

#[test]
fn terms_that_would_change_a_search_are_refused() {
    let messages = EntityContainer::new().me().messages();
    let error = messages
        .list()
        .search(Search::phrase("pizza\" OR \"salad"))
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::Search { .. }), "{error}");
    for word in ["two words", "(x", "AND", ""] {
        let result = messages.list().search(Search::word(word)).build();
        assert!(result.is_err(), "{word:?} was accepted");
    }
    let request = validated(
        messages
            .list()
            .search(Search::phrase("from:help@contoso.com").or(Search::phrase("pizza"))),
    );
    assert_eq!(
        reparsed(&request),
        ["$search=\"from:help@contoso.com\" OR \"pizza\""]
    );
}

#[test]
fn an_enumeration_value_that_is_not_a_member_name_is_refused() {
    let odd = Importance::UnknownValue("High' or 'x".into());
    let result = EntityContainer::new()
        .me()
        .messages()
        .list()
        .filter(|m| m.importance().eq(odd))
        .build();
    assert!(matches!(result, Err(BuildError::EnumMember { .. })));
}

#[test]
fn filters_use_functions_lambdas_casts_and_type_tests() {
    let messages = EntityContainer::new().me().messages();
    let request = validated(messages.list().filter(|m| {
        m.subject()
            .tolower()
            .ends_with("report")
            .and(m.subject().length().gt(5))
            .and(m.received_date_time().year().eq(2016))
            .and(m.categories().any(|c| c.eq("Red")))
            .and(m.importance().ne(Importance::Low))
            .and(m.conversation_id().is_not_null().or(m.subject().eq(Null)))
    }));
    assert_eq!(
        reparsed(&request),
        [
            "$filter=endswith(tolower(Subject),'report') and length(Subject) gt 5 and year(ReceivedDateTime) eq 2016 and Categories/any(x1:x1 eq 'Red') and Importance ne Microsoft.OutlookServices.Importance'Low' and (ConversationId ne null or Subject eq null)"
        ]
    );
    // Nested lambdas get distinct variables.
    let request = validated(messages.list().filter(|m| {
        m.categories()
            .any(|a| a.eq("Red").and(m.categories().all(|b| b.ne("Blue"))))
    }));
    assert_eq!(
        reparsed(&request),
        ["$filter=Categories/any(x1:x1 eq 'Red' and Categories/all(x2:x2 ne 'Blue'))"]
    );
    // A derived type's members through a cast, and a type test.
    let request = validated(messages.list().filter(|m| {
        m.is_of::<EventMessage>().and(
            m.cast::<EventMessage>()
                .meeting_message_type()
                .eq(MeetingMessageType::MeetingRequest),
        )
    }));
    assert_eq!(
        reparsed(&request),
        [
            "$filter=isof(Microsoft.OutlookServices.EventMessage) and Microsoft.OutlookServices.EventMessage/MeetingMessageType eq Microsoft.OutlookServices.MeetingMessageType'MeetingRequest'"
        ]
    );
}

#[test]
fn expand_takes_nested_options_and_casts() {
    let message = EntityContainer::new().me().messages().by_key("AAMk=");
    let request = validated(message.get().expand(|m| {
        m.attachments()
            .select(|a| (a.name(), a.size()))
            .orderby(|a| a.size().desc())
            .top(2)
    }));
    assert_eq!(
        reparsed(&request),
        ["$expand=Attachments($orderby=Size desc;$select=Name,Size;$top=2)"]
    );
    let request = validated(
        message
            .attachments()
            .list()
            .expand(|a| a.cast::<ItemAttachment>().item()),
    );
    assert_eq!(
        reparsed(&request),
        ["$expand=Microsoft.OutlookServices.ItemAttachment/Item"]
    );
}

#[test]
fn resources_are_addressed_by_navigation_keys_casts_and_properties() {
    let outlook = EntityContainer::with_root("https://outlook.office.com/api/v2.0");
    let me = outlook.me();
    let request = validated(
        me.mail_folders()
            .by_key("inbox")
            .child_folders()
            .by_key("AAMk/x=")
            .messages()
            .cast::<EventMessage>()
            .list(),
    );
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/MailFolders('inbox')/ChildFolders('AAMk%2Fx=')/Messages/Microsoft.OutlookServices.EventMessage"
    );
    let request = validated(
        me.messages()
            .by_key("AAMk=")
            .cast::<EventMessage>()
            .event()
            .get(),
    );
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/Messages('AAMk=')/Microsoft.OutlookServices.EventMessage/Event"
    );
    let request =
        validated(me.property(|u| u.mailbox_settings().automatic_replies_setting().status()));
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/MailboxSettings/AutomaticRepliesSetting/Status"
    );
    let request = validated(
        me.messages()
            .count()
            .filter(|m| m.has_attachments().eq(true)),
    );
    assert_eq!(request.uri().path(), "/api/v2.0/Me/Messages/$count");
    let request = validated(me.contacts().by_key("AAMk=").photo().media());
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/Contacts('AAMk=')/Photo/$value"
    );
}

#[test]
fn custom_headers_are_sent() {
    let request = validated(
        EntityContainer::new()
            .me()
            .messages()
            .by_key("AAMk=")
            .get()
            .prefer(r#"outlook.body-content-type="text""#)
            .header("X-AnchorMailbox", "alexd@contoso.com"),
    );
    assert_eq!(
        request.headers()["Prefer"],
        r#"outlook.body-content-type="text""#
    );
    assert_eq!(request.headers()["X-AnchorMailbox"], "alexd@contoso.com");
    let bad = EntityContainer::new()
        .me()
        .messages()
        .list()
        .header("X-Bad", "line\nbreak")
        .build();
    assert!(matches!(bad, Err(BuildError::Header { .. })));
}

const PAGE: &str = r##"{
  "@odata.context": "https://outlook.office.com/api/v2.0/$metadata#Me/MailFolders('inbox')/Messages",
  "value": [{"Id": "AAMk1", "Subject": "First"}, {"@odata.type": "#Microsoft.OutlookServices.EventMessage", "Id": "AAMk2", "MeetingMessageType": "MeetingRequest"}],
  "@odata.nextLink": "https://outlook.office.com/api/v2.0/Me/MailFolders('inbox')/Messages?%24skip=2"
}"##;

#[test]
fn pages_are_followed_through_the_next_link() {
    let messages = EntityContainer::new()
        .me()
        .mail_folders()
        .by_key("inbox")
        .messages();
    let list = || messages.list().max_page_size(2);
    let (_, reader) = validated_with_reader(list());
    let response = http::Response::builder()
        .status(200)
        .body(PAGE.as_bytes().to_vec())
        .unwrap();
    let page: CollectionResponse<_> = reader.read(&response).unwrap();
    assert_eq!(page.value.len(), 2);
    assert!(matches!(
        page.value[1],
        generated_models::AnyMessage::EventMessage(_)
    ));
    let next = validated(list().follow(page.next_link.as_deref().unwrap()));
    assert_eq!(next.uri().query(), Some("%24skip=2"));
    assert_eq!(next.headers()["Prefer"], "odata.maxpagesize=2");
}

#[test]
fn change_tracking_rounds_follow_delta_and_next_links() {
    let messages = EntityContainer::new()
        .me()
        .mail_folders()
        .by_key("inbox")
        .messages();
    let round = || {
        messages
            .list()
            .track_changes()
            .max_page_size(2)
            .select(|m| (m.subject(), m.sender()))
            // Only ReceivedDateTime is filterable when tracking changes.
            .filter(|m| {
                m.received_date_time().ge("2016-01-01T00:00:00Z"
                    .parse::<odata_parser::client::DateTimeOffset>()
                    .unwrap())
            })
    };
    let (first, reader) = validated_with_reader(round());
    let prefer: Vec<&str> = first
        .headers()
        .get_all("Prefer")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(prefer, ["odata.track-changes", "odata.maxpagesize=2"]);
    let body = r#"{"value": [{"Id": "AAMk1", "Subject": "Hi"}, {"id": "Messages('AAMk0')", "reason": "deleted"}],
        "@odata.deltaLink": "https://outlook.office.com/api/v2.0/Me/MailFolders('inbox')/messages/?%24deltatoken=abc"}"#;
    let response = http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap();
    let changes: odata_parser::client::DeltaResponse<generated_models::AnyMessage> =
        reader.read(&response).unwrap();
    assert_eq!(changes.value.len(), 2);
    assert!(matches!(
        changes.value[1],
        odata_parser::client::DeltaItem::Removed(_)
    ));
    let again = validated(round().follow(changes.delta_link.as_deref().unwrap()));
    assert!(again.uri().to_string().ends_with("%24deltatoken=abc"));
    assert_eq!(again.headers().get_all("Prefer").iter().count(), 2);
}

#[test]
fn responses_read_into_their_types_and_errors_into_the_odata_error() {
    let error = r#"{"error": {"code": "ErrorInvalidUrlQueryFilter", "message": "'contains' and 'startswith' are not supported for filtering."}}"#;
    let response = http::Response::builder()
        .status(400)
        .body(error.as_bytes().to_vec())
        .unwrap();
    let messages = EntityContainer::new().me().messages();
    let (_, reader) = validated_with_reader(messages.by_key("AAMk=").attachments().list());
    let result = reader.read(&response);
    let Err(ResponseError::Service { status, error }) = result else {
        panic!("an OData error")
    };
    assert_eq!(status, 400);
    assert_eq!(error.error.code, "ErrorInvalidUrlQueryFilter");
    let count = http::Response::builder()
        .status(200)
        .body(b"42".to_vec())
        .unwrap();
    let (_, reader) = validated_with_reader(messages.count());
    assert_eq!(reader.read(&count).unwrap(), 42);
    let no_content = http::Response::builder()
        .status(204)
        .body(Vec::new())
        .unwrap();
    let (_, reader) = validated_with_reader(
        messages
            .by_key("AAMk=")
            .update(&generated_models::MessageUpdate::default()),
    );
    assert!(reader.read(&no_content).unwrap().is_none());
    let (_, reader) = validated_with_reader(messages.by_key("AAMk=").attachments().list());
    let page: CollectionResponse<generated_models::AnyAttachment> = reader
        .read(&http::Response::new(br##"{"value": [{"@odata.type": "#Microsoft.OutlookServices.FileAttachment", "Id": "a", "Name": "x.txt"}]}"##.to_vec()))
        .unwrap();
    assert!(matches!(
        page.value[0],
        generated_models::AnyAttachment::FileAttachment(_)
    ));
}

#[test]
fn bound_actions_send_their_parameters_as_the_body() {
    let message = EntityContainer::new().me().messages().by_key("AAMk=");
    let request = validated(message.r#move(&generated_models::MessageMoveParameters {
        destination_id: "deleteditems".into(),
    }));
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().path(),
        "/api/v2.0/Me/Messages('AAMk=')/Microsoft.OutlookServices.Move"
    );
    assert_eq!(request.headers()["Content-Type"], "application/json");
    assert_eq!(request.body(), br#"{"DestinationId":"deleteditems"}"#);
    let send = validated(message.send());
    assert!(send.body().is_empty());
}

#[test]
fn custom_query_options_are_written_encoded_and_checked() {
    let outlook = EntityContainer::new();
    // Outlook's calendar view takes its window as custom query options.
    let request = validated(
        outlook
            .me()
            .calendar_view()
            .list()
            .select(|e| (e.subject(), e.start()))
            .custom_option("startDateTime", "2016-04-01T00:00:00Z")
            .custom_option("endDateTime", "2016-04-30T23:59:59Z"),
    );
    assert_eq!(
        query(&request),
        "$select=Subject,Start&startDateTime=2016-04-01T00:00:00Z&endDateTime=2016-04-30T23:59:59Z"
    );
    // A value with `&` and `=` stays one option's value.
    let request = validated(
        outlook
            .me()
            .messages()
            .list()
            .custom_option("tag", "a&$top=1=b #c"),
    );
    let raw = query(&request);
    let options = QueryOptions::parse(&raw, &ParseOptions::strict()).expect("reparses");
    assert_eq!(options.options().len(), 1, "{raw}");
    assert_eq!(options.top(), None);
    // System option and alias names are refused.
    for name in ["$top", "@p", ""] {
        let err = outlook
            .me()
            .messages()
            .list()
            .custom_option(name, "1")
            .build()
            .unwrap_err();
        assert!(
            matches!(&err, BuildError::CustomOption { name: n } if n == name),
            "{err}"
        );
    }
}
