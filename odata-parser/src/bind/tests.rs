//! Binder tests: paths, expressions, options and types, against the Outlook model.

use super::testing::{ROOT, outlook, outlook_get, standard_get};
use super::*;
use crate::edm::PrimitiveType;

fn none() -> Vec<String> {
    Vec::new()
}

#[test]
fn resource_paths_bind() {
    assert_eq!(outlook_get("me/messages"), none());
    assert_eq!(outlook_get("Me/Messages('AAMk=')/Attachments"), none());
    assert_eq!(outlook_get("users/sadie@contoso.com/messages"), none());
    assert_eq!(
        outlook_get("Users('a@b')/MailFolders/Inbox/messages"),
        none()
    );
    assert_eq!(outlook_get("me/messages/$count"), none());
    assert_eq!(outlook_get("me/contacts('x')/photo/$value"), none());
    assert_eq!(
        outlook_get("me/MailboxSettings/AutomaticRepliesSetting"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages/AAMk/Microsoft.OutlookServices.EventMessage/Event"),
        none()
    );
    assert_eq!(
        outlook_get("me/mesages"),
        ["odata::unknown_segment@mesages"]
    );
    assert_eq!(outlook_get("mee/messages"), ["odata::unknown_segment@mee"]);
    assert_eq!(outlook_get("me/messages/x/Subject/$value"), none());
    assert_eq!(outlook_get("me/$count"), ["odata::invalid_segment@$count"]);
    assert_eq!(outlook_get("me/photo/$value"), none());
    assert_eq!(
        outlook_get("me/MailboxSettings/$value"),
        ["odata::invalid_segment@$value"]
    );
}

#[test]
fn case_sensitivity_follows_the_profile() {
    assert_eq!(standard_get("Me/Messages"), none());
    assert_eq!(standard_get("me/messages"), ["odata::unknown_segment@me"]);
    assert_eq!(
        standard_get("Me/messages"),
        ["odata::unknown_segment@messages"]
    );
    assert_eq!(outlook_get("ME/MESSAGES?$filter=isread eq FALSE"), none());
}

#[test]
fn did_you_mean() {
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let url = format!("{ROOT}me/messages?$filter=Subjct eq 'x'");
    let r = v.validate_url(&url);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(
        r.diagnostics[0].help.as_deref(),
        Some("did you mean 'Subject'?")
    );
    let url = format!("{ROOT}me/mesages");
    let r = v.validate_url(&url);
    assert_eq!(
        r.diagnostics[0].help.as_deref(),
        Some("did you mean 'Messages'?")
    );
}

#[test]
fn expressions_are_typed() {
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let url = format!(
        "{ROOT}me/messages?$filter=From/EmailAddress/Address eq 'hr@contoso.com' and length(Subject) gt 3"
    );
    let r = v.validate_url(&url);
    assert!(r.is_clean(), "{:?}", r.diagnostics);
    let b = r.bound.as_ref().unwrap();
    let at = |text: &str| {
        let start = url.find(text).unwrap();
        b.type_at(Span::from_range(start..start + text.len()))
    };
    assert_eq!(
        at("From/EmailAddress/Address"),
        Some(ExprType::primitive(PrimitiveType::String))
    );
    assert_eq!(
        at("length(Subject)"),
        Some(ExprType::primitive(PrimitiveType::Int32))
    );
    assert_eq!(
        at("'hr@contoso.com'"),
        Some(ExprType::primitive(PrimitiveType::String))
    );
    let message = outlook()
        .entity_type_by_name("Microsoft.OutlookServices.Message")
        .unwrap();
    assert_eq!(b.entity_type, Some(message));
    assert_eq!(
        b.navigation_path.as_ref().unwrap().text(outlook()),
        "Me/Messages"
    );
    assert_eq!(b.segments.len(), 2);
    assert!(matches!(b.segments[0].kind, SegmentKind::Singleton(_)));
}

#[test]
fn type_errors() {
    assert_eq!(
        outlook_get("me/messages?$filter=IsRead eq 'yes'"),
        ["odata::type_mismatch@IsRead eq 'yes'"]
    );
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let url = format!("{ROOT}me/messages?$filter=IsRead eq 'true'");
    let r = v.validate_url(&url);
    assert_eq!(
        r.diagnostics[0].message,
        "cannot compare Edm.Boolean with Edm.String"
    );
    assert_eq!(
        r.diagnostics[0].help.as_deref(),
        Some("write the Boolean without quotes: true")
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Subject"),
        ["odata::not_boolean@Subject"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=year(Subject) eq 2014"),
        ["odata::argument_type@Subject"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=ToRecipients/EmailAddress eq null"),
        ["odata::collection_path@EmailAddress"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=IsRead and Subject"),
        ["odata::type_mismatch@Subject"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=ReceivedDateTime add 1 gt 2"),
        [
            "odata::type_mismatch@ReceivedDateTime add 1",
            "odata::function_not_allowed@ReceivedDateTime add 1"
        ]
    );
}

#[test]
fn dates_numbers_and_strings() {
    assert_eq!(
        outlook_get("me/messages?$filter=ReceivedDateTime ge 2014-09-01"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=ReceivedDateTime lt 2014-09-01T00:00:00Z"),
        none()
    );
    assert_eq!(
        outlook_get("me/events?$filter=Start/DateTime ge '2016-04-01T08:00'"),
        none()
    );
    assert_eq!(
        outlook_get("me/events?$filter=Start/DateTime ge 2016-04-01"),
        ["odata::type_mismatch@Start/DateTime ge 2016-04-01"]
    );
    assert_eq!(
        outlook_get("me/MailFolders?$filter=TotalItemCount gt 0.5 and ChildFolderCount eq 0"),
        none()
    );
    // arithmetic binds; the Outlook model's FilterFunctions does not list 'sub'
    assert_eq!(
        outlook_get("me/messages?$filter=ReceivedDateTime sub SentDateTime gt duration'PT1H'"),
        ["odata::function_not_allowed@ReceivedDateTime sub SentDateTime"]
    );
}

#[test]
fn enums_qualified_aliased_and_as_strings() {
    assert_eq!(
        outlook_get("me/messages?$filter=Importance eq 'High'"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Importance eq 'high'"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Importance ne Microsoft.OutlookServices.Importance'High'"),
        none()
    );
    assert_eq!(
        outlook_get(
            "me/messages?$filter=Importance ne Microsoft.Exchange.Services.OData.Model.Importance'High'"
        ),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Importance eq 'Urgent'"),
        ["odata::unknown_enum_member@'Urgent'"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Importance eq Microsoft.OutlookServices.Importanse'High'"),
        ["odata::unknown_type@Microsoft.OutlookServices.Importanse'High'"]
    );
    assert_eq!(
        outlook_get(
            "me/messages?$filter=Importance eq Microsoft.OutlookServices.Sensitivity'Normal'"
        ),
        ["odata::type_mismatch@Importance eq Microsoft.OutlookServices.Sensitivity'Normal'"]
    );
    // `has` on an enumeration that is not a flags enumeration is a warning
    assert_eq!(
        standard_get(
            "Me/Messages?$filter=Importance has Microsoft.OutlookServices.Importance'High'"
        ),
        [
            "odata::has_not_flags@Importance has Microsoft.OutlookServices.Importance'High'",
            "odata::function_not_allowed@Importance has Microsoft.OutlookServices.Importance'High'"
        ]
    );
}

#[test]
fn lambdas_it_casts_and_compute() {
    assert_eq!(
        outlook_get("me/events?$filter=Attendees/any(a: a/EmailAddress/Address eq 'x@y.z')"),
        ["odata::not_filterable@Attendees"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Categories/any(c: c eq 'Red') and $it/IsRead eq false"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Categories/any(c: d eq 'Red')"),
        ["odata::unknown_property@d"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=isof(Microsoft.OutlookServices.EventMessage)"),
        none()
    );
    assert_eq!(
        outlook_get(
            "me/messages?$filter=Microsoft.OutlookServices.EventMessage/MeetingMessageType eq 'MeetingRequest'"
        ),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=MeetingMessageType eq 'MeetingRequest'"),
        ["odata::unknown_property@MeetingMessageType"]
    );
    assert_eq!(
        standard_get("Me/Messages?$compute=length(Subject) as Len&$filter=Len gt 5&$orderby=Len"),
        none()
    );
    assert_eq!(
        standard_get("Me/Messages?$compute=length(Subject) as Len&$filter=Len eq 'x'"),
        ["odata::type_mismatch@Len eq 'x'"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=Subject in ('a','b')"),
        ["odata::function_not_allowed@Subject in ('a','b')"]
    );
    assert_eq!(
        outlook_get("me/messages?$filter=@p eq true&@p=IsRead"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$filter=IsRead eq @q"),
        ["odata::undefined_alias@@q"]
    );
}

#[test]
fn select_expand_orderby() {
    assert_eq!(
        outlook_get("me/messages?$select=Subject,Sender,ReceivedDateTime"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$select=Subjekt"),
        ["odata::unknown_property@Subjekt"]
    );
    assert_eq!(
        outlook_get("me/messages?$expand=Attachments($select=Name)"),
        none()
    );
    assert_eq!(
        outlook_get("me/messages?$expand=Attachments($select=Nme)"),
        ["odata::unknown_property@Nme"]
    );
    assert_eq!(
        outlook_get("me/messages?$expand=Subject"),
        ["odata::not_navigation@Subject"]
    );
    assert_eq!(
        outlook_get("me/messages?$orderby=From/EmailAddress/Address desc"),
        none()
    );
    assert_eq!(
        standard_get("Me/Messages?$orderby=From"),
        ["odata::not_sortable_type@From"]
    );
    // the Outlook documentation sorts by Sender, a Recipient
    assert_eq!(outlook_get("me/messages?$orderby=From"), none());
    assert_eq!(
        outlook_get("me/messages?$orderby=ToRecipients"),
        ["odata::not_sortable_type@ToRecipients"]
    );
    assert_eq!(
        outlook_get("me/messages/x?$top=5"),
        ["odata::option_on_single@$top=5"]
    );
    assert_eq!(
        outlook_get(
            "me/messages/x/attachments/y?$expand=Microsoft.OutlookServices.ItemAttachment/Item"
        ),
        none()
    );
}

#[test]
fn methods() {
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let post = |rel: &str, m: Method| {
        let url = format!("{ROOT}{rel}");
        v.validate(&Request::new(m, &url))
            .diagnostics
            .iter()
            .map(|d| d.code.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(post("me/sendmail", Method::Post).is_empty());
    assert_eq!(
        post("me/sendmail", Method::Get),
        ["odata::method_not_allowed"]
    );
    assert!(
        post(
            "me/messages/x/Microsoft.OutlookServices.Reply",
            Method::Post
        )
        .is_empty()
    );
    assert!(post("me/messages", Method::Post).is_empty());
    assert_eq!(
        post("me/messages", Method::Patch),
        ["odata::method_not_allowed"]
    );
    assert!(post("me/messages/x", Method::Delete).is_empty());
    assert!(post("me/contacts('x')/photo/$value", Method::Put).is_empty());
    assert_eq!("patch".parse::<Method>(), Ok(Method::Patch));
    assert!("TRACE".parse::<Method>().is_err());
}

#[test]
fn parse_errors_become_diagnostics_and_recovery_finds_more() {
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let url = format!("{ROOT}me/messages?$filter=IsRead eq&$top=x&$select=Subjekt");
    let r = v.validate_url(&url);
    let got: Vec<(&str, &str)> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), &url[d.span.range()]))
        .collect();
    assert_eq!(
        got,
        [
            ("odata::syntax", ""),
            ("odata::syntax", "x"),
            ("odata::unknown_property", "Subjekt")
        ]
    );
}

#[test]
fn service_roots() {
    let v = Validator::new(outlook());
    let r = v.validate_url("https://example.com/svc/Me/Messages");
    assert!(r.is_clean(), "{:?}", r.diagnostics);
    assert_eq!(r.bound.unwrap().service_root, Span::new(0, 24));
    let r = v.validate_url("https://example.com/svc/Nothing/Here");
    assert_eq!(r.diagnostics[0].code, Code::SERVICE_ROOT);
    let v = Validator::new(outlook()).service_root("https://example.com/svc");
    assert!(v.validate_url("https://example.com/svc/Me").is_clean());
    assert_eq!(
        v.validate_url("https://other/x/Me").diagnostics[0].code,
        Code::SERVICE_ROOT
    );
    // relative URLs
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    assert!(v.validate_url("/me/messages?$top=5").is_clean());
    assert!(v.validate_url("me/messages").is_clean());
}

#[test]
fn depth_is_bounded() {
    let v = Validator::new(outlook()).profile(Profile::outlook_v2());
    let mut f = String::from("IsRead eq true");
    for _ in 0..40 {
        f = format!("({f}) and ({f})");
        if f.len() > 20_000 {
            break;
        }
    }
    let url = format!("{ROOT}me/messages?$filter={f}");
    let _ = v.validate_url(&url);
    let mut nested = String::from("Attachments");
    for _ in 0..200 {
        nested = format!("Attachments($expand={nested})");
    }
    let url = format!("{ROOT}me/messages?$expand={nested}");
    let r = v.validate_url(&url);
    assert!(r.has_errors());
}

#[test]
fn function_import_calls_are_not_keys() {
    let model = Model::from_csdl_xml(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="S" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="P"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.Int32" Nullable="false"/></EntityType>
      <Function Name="Top"><Parameter Name="Count" Type="Edm.Int32" Nullable="false"/><ReturnType Type="Collection(S.P)"/></Function>
      <EntityContainer Name="C">
        <EntitySet Name="Ps" EntityType="S.P"/>
        <FunctionImport Name="Top" Function="S.Top" EntitySet="Ps"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#,
    )
    .unwrap();
    let v = Validator::new(&model);
    // The call's parameters may be aliases given in the query.
    for url in [
        "https://h/s/Top(Count=3)",
        "https://h/s/Top(Count=3)?$top=2",
        "https://h/s/Top(Count=@c)?@c=3",
    ] {
        let report = v.validate_url(url);
        assert!(report.is_clean(), "{url}: {:?}", report.diagnostics);
    }
}
