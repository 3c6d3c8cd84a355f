//! Calls the request builders generated for the `features` case: restrictions
//! from its capability annotations, casts, bound and imported operations, media,
//! change tracking and a path-specific restriction. Every request is validated
//! against the case's model with the standard profile.

use std::sync::OnceLock;

use csdl_codegen_cases::features::fixture::common::{Address, Money, Permission};
use csdl_codegen_cases::features::fixture::people::{
    Container, Employee, EmployeePromoteParameters,
};
use odata_parser::bind::{Method, Request, Validator};
use odata_parser::client::request::ODataRequest;
use odata_parser::client::{FlagSet, Guid, http};
use odata_parser::edm::Model;

const METADATA: &str = include_str!("../../tests/cases/features/metadata.xml");

/// Builds the request and validates it: any error diagnostic fails the test.
#[track_caller]
fn validated<R: ODataRequest>(builder: R) -> http::Request<Vec<u8>> {
    static MODEL: OnceLock<Model> = OnceLock::new();
    let model = MODEL.get_or_init(|| Model::from_csdl_xml(METADATA).unwrap());
    let request = builder.build().unwrap();
    let url = request.uri().to_string();
    let method: Method = request.method().as_str().parse().unwrap();
    let report = Validator::new(model).validate(&Request::new(method, &url));
    let errors: Vec<String> = report.errors().map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "{url}: {errors:?}");
    request
}

fn service() -> Container {
    Container::with_root("https://example.com/odata")
}

fn path_and_query(r: &http::Request<Vec<u8>>) -> String {
    let q = r.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}{q}", r.uri().path())
}

const ID: Guid = Guid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);

#[test]
fn restricted_members_are_left_out_and_the_rest_are_offered() {
    let s = service();
    // `Home/City` is not filterable, so `Home` is not offered; `Name` is.
    let r = validated(s.people().list().filter(|p| {
        p.name().eq("Ann").and(
            p.access()
                .has(csdl_codegen_cases::features::fixture::common::Permission::Read),
        )
    }));
    assert_eq!(
        path_and_query(&r),
        "/odata/People?$filter=Name%20eq%20'Ann'%20and%20Access%20has%20Fixture.Common.Permission'Read'"
    );
    // `CreatedAt` sorts in one direction only and `Badge` not at all: neither is offered.
    let r = validated(
        s.people()
            .list()
            .orderby(|p| (p.name().desc(), p.id()))
            .top(3)
            .skip(1),
    );
    assert_eq!(
        path_and_query(&r),
        "/odata/People?$orderby=Name%20desc,Id&$top=3&$skip=1"
    );
    // `BestFriend` is not expandable; `Notes` is, with nested options.
    let r = validated(
        s.people()
            .list()
            .expand(|p| p.notes().select(|n| n.text()).top(1)),
    );
    assert_eq!(
        path_and_query(&r),
        "/odata/People?$expand=Notes($select=Text;$top=1)"
    );
}

#[test]
fn keys_casts_and_bound_operations() {
    let s = service();
    let person = s.people().by_key(ID);
    let r = validated(person.get().select(|p| (p.name(), p.home())));
    assert_eq!(
        path_and_query(&r),
        "/odata/People(01234567-89ab-cdef-0123-456789abcdef)?$select=Name,Home"
    );
    let r = validated(
        person
            .cast::<Employee>()
            .promote(&EmployeePromoteParameters {
                raise: Some("1000.50".parse::<Money>().unwrap()),
            }),
    );
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri().path(),
        "/odata/People(01234567-89ab-cdef-0123-456789abcdef)/Fixture.People.Employee/Fixture.People.Promote"
    );
    assert_eq!(r.body(), br#"{"Raise":1000.50}"#);
    let r = validated(s.people().oldest());
    assert_eq!(path_and_query(&r), "/odata/People/Fixture.People.Oldest()");
    let r = validated(
        s.people()
            .cast::<Employee>()
            .list()
            .filter(|e| e.salary().gt(10)),
    );
    assert_eq!(
        path_and_query(&r),
        "/odata/People/Fixture.People.Employee?$filter=Salary%20gt%2010"
    );
    let r = validated(s.boss().reports().list().orderby(|e| e.hired_on()));
    assert_eq!(path_and_query(&r), "/odata/Boss/Reports?$orderby=HiredOn");
}

#[test]
fn compound_keys_and_function_parameters() {
    let s = service();
    let r = validated(s.lines().by_key((7, 2)).get());
    assert_eq!(r.uri().path(), "/odata/Lines(OrderId=7,Number=2)");
    let near = Address {
        city: Some("Oslo".into()),
        ..Default::default()
    };
    let mut access = FlagSet::new();
    access.insert(Permission::Read);
    let r = validated(s.people().nearby(5, Some(&near.into()), Some(access)));
    assert_eq!(
        path_and_query(&r),
        "/odata/People/Fixture.People.Nearby(Limit=5,Near=@p_Near,Access=Fixture.Common.Permission'Read')?@p_Near=%7B%22City%22:%22Oslo%22%7D"
    );
    // A parameter left out.
    let r = validated(s.people().nearby(1, None, None));
    assert_eq!(
        path_and_query(&r),
        "/odata/People/Fixture.People.Nearby(Limit=1)"
    );
}

#[test]
fn operation_imports_media_and_change_tracking() {
    let s = service();
    let r = validated(s.top_earners(3));
    assert_eq!(path_and_query(&r), "/odata/TopEarners(Count=3)");
    let r = validated(s.reset());
    assert_eq!(
        (r.method(), r.uri().path()),
        (&http::Method::POST, "/odata/Reset")
    );
    let doc = s.documents().by_key("notes.txt");
    let r = validated(doc.media());
    assert_eq!(r.uri().path(), "/odata/Documents('notes.txt')/$value");
    let r = validated(doc.media().put(b"hello".to_vec(), "text/plain"));
    assert_eq!(r.headers()["Content-Type"], "text/plain");
    // Only `Name` is filterable in a change-tracking request.
    let r = validated(
        s.people()
            .list()
            .track_changes()
            .filter(|p| p.name().eq("Ann")),
    );
    assert_eq!(r.headers()["Prefer"], "odata.track-changes");
}

#[test]
fn a_restriction_on_a_path_reaches_that_path_only() {
    let s = service();
    // People/BestFriend/Notes is not filterable (a NavigationRestrictions entry of
    // People); People/Notes and Boss/Notes are.
    let r = validated(
        s.people()
            .by_key(ID)
            .notes()
            .list()
            .filter(|n| n.number().gt(1)),
    );
    assert!(r.uri().query().is_some());
    let r = validated(s.boss().notes().list().filter(|n| n.text().eq("x")));
    assert!(r.uri().query().is_some());
    let r = validated(s.people().by_key(ID).best_friend().notes().list().top(1));
    assert_eq!(
        path_and_query(&r),
        "/odata/People(01234567-89ab-cdef-0123-456789abcdef)/BestFriend/Notes?$top=1"
    );
}
