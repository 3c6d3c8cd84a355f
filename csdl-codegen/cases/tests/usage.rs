//! Calls the generated API of the snapshot cases: polymorphism across
//! schemas, keyword and colliding names, flags, recursion, every primitive
//! type, update types, open types, and the effect of the settings.

use csdl_codegen_cases::features::fixture::common::{
    AnyAddress, Empty, Keywords, Permission, Ping, Pong, TreeNode,
};
use csdl_codegen_cases::features::fixture::people::contractors::Contractor;
use csdl_codegen_cases::features::fixture::people::{
    AnyEmployee, AnyPerson2, Document, Employee, Manager, Order, Order2, Person, PersonUpdate,
    Sample,
};
use odata_parser::client::serde_json::{self, Value, json};
use odata_parser::client::{EnumType, FlagSet};

fn to_json<T: odata_parser::client::serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn derived_types_are_chosen_by_odata_type_across_schemas() {
    // From text: a `serde_json::Value` would already have turned 10.50 into 10.5.
    let people: Vec<AnyPerson2> = serde_json::from_str(
        r##"[
        {"Id": "00000000-0000-0000-0000-000000000001", "Name": "plain"},
        {"@odata.type": "#Fixture.People.Employee", "Id": "00000000-0000-0000-0000-000000000002", "Salary": 10.50},
        {"@odata.type": "#people.Manager", "Id": "00000000-0000-0000-0000-000000000003", "Budget": 1000},
        {"@odata.type": "#Fixture.People.Contractors.Contractor", "Id": "00000000-0000-0000-0000-000000000004", "Agency": "Acme"},
        {"@odata.type": "#Fixture.People.Intern", "Id": "00000000-0000-0000-0000-000000000005", "School": "MIT"}
    ]"##,
    )
    .unwrap();
    let names: Vec<&str> = people.iter().map(AnyPerson2::type_name).collect();
    assert_eq!(
        names,
        [
            "Fixture.People.Person",
            "Fixture.People.Employee",
            "Fixture.People.Manager",
            "Fixture.People.Contractors.Contractor",
            "Fixture.People.Intern"
        ]
    );
    let AnyPerson2::Employee(e) = &people[1] else {
        panic!()
    };
    assert_eq!(e.salary.as_ref().unwrap().as_str(), "10.50");
    let AnyPerson2::Contractor(c) = &people[3] else {
        panic!()
    };
    assert_eq!(c.agency.as_deref(), Some("Acme"));
    let AnyPerson2::UnknownType(intern) = &people[4] else {
        panic!()
    };
    assert_eq!(intern.additional_properties["School"], "MIT");
    // Accessors reach base members whatever the variant.
    assert_eq!(people[4].additional_properties()["School"], "MIT");
    assert_eq!(people[0].name(), Some("plain"));
    assert_eq!(
        people[2].id().to_string(),
        "00000000-0000-0000-0000-000000000003"
    );
    // Writing back keeps what was read.
    assert_eq!(to_json(&people[4])["School"], "MIT");
    assert_eq!(to_json(&people[2])["@odata.type"], "#people.Manager");
}

#[test]
fn derived_types_write_their_type_when_unset() {
    let employee = Employee {
        name: Some("Ada".into()),
        ..Default::default()
    };
    let v = to_json(&AnyPerson2::from(employee));
    assert_eq!(v["@odata.type"], "#Fixture.People.Employee");
    assert_eq!(v["Name"], "Ada");
    assert!(v.get("Salary").is_none());
    // A recursive navigation property through the polymorphic enum: a value of
    // the declared type (`Employee`) is not named, a derived one is.
    let manager = Manager {
        manager: Some(AnyEmployee::from(Employee::default())),
        reports: Some(vec![AnyEmployee::from(Manager::default())]),
        ..Default::default()
    };
    let v = to_json(&manager);
    assert_eq!(v["Manager"].get("@odata.type"), None);
    assert_eq!(v["Reports"][0]["@odata.type"], "#Fixture.People.Manager");
    let contractor = to_json(&Contractor::default());
    assert_eq!(
        contractor["@odata.type"],
        "#Fixture.People.Contractors.Contractor"
    );
}

#[test]
fn keyword_and_colliding_names_map_to_their_wire_names() {
    let input = json!({
        "@odata.type": "#Fixture.People.Person",
        "Id": "00000000-0000-0000-0000-00000000000a",
        "type": "lower", "Type": "upper", "ID": 7, "OdataType": "prop", "AdditionalProperties": "prop2",
        "self": true, "match": false, "Über": "umlaut", "_raw": "raw",
        "Access": "Read,Write", "Mood": "type"
    });
    let person: Person = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(person.r#type.as_deref(), Some("lower"));
    assert_eq!(person.type_2.as_deref(), Some("upper"));
    assert_eq!(person.id_2, Some(7));
    assert_eq!(person.odata_type.as_deref(), Some("#Fixture.People.Person"));
    assert_eq!(person.odata_type_2.as_deref(), Some("prop"));
    assert_eq!(person.additional_properties_2.as_deref(), Some("prop2"));
    assert!(person.additional_properties.is_empty());
    assert_eq!(person.self_, Some(true));
    assert_eq!(person.r#match, Some(false));
    assert_eq!(person.udc_ber.as_deref(), Some("umlaut"));
    assert_eq!(person.raw.as_deref(), Some("raw"));
    assert_eq!(person.mood, Some(Keywords::Type));
    assert_eq!(to_json(&person), input);
    // Two CSDL types named `order` and `Order`: declaration order decides.
    assert_eq!(
        <Order as odata_parser::client::Structured>::QUALIFIED_NAME,
        "Fixture.People.order"
    );
    assert_eq!(
        <Order2 as odata_parser::client::Structured>::QUALIFIED_NAME,
        "Fixture.People.Order"
    );
}

#[test]
fn enum_members_with_keyword_and_colliding_names_and_the_fallback() {
    let read = |s: &str| serde_json::from_value::<Keywords>(json!(s)).unwrap();
    assert_eq!(read("type"), Keywords::Type);
    assert_eq!(read("Type"), Keywords::Type2);
    assert_eq!(read("self"), Keywords::SelfType);
    assert_eq!(read("Self"), Keywords::SelfType2);
    assert_eq!(read("UnknownValue"), Keywords::UnknownValue);
    assert_eq!(read("Mauve"), Keywords::UnknownValue2("Mauve".into()));
    assert_eq!(read("HTML"), Keywords::Html);
    assert_eq!(read("Html"), Keywords::Html2);
    assert_eq!(read("html"), Keywords::Html);
    assert_eq!(read("4"), Keywords::UnknownValue);
    assert_eq!(Keywords::SelfType2.to_string(), "Self");
    assert_eq!(to_json(&Keywords::UnknownValue2("Mauve".into())), "Mauve");
    assert_eq!("Type".parse::<Keywords>(), Ok(Keywords::Type2));
    // An enumeration without members still reads and writes values.
    let empty: Empty = serde_json::from_value(json!("Anything")).unwrap();
    assert_eq!(empty.as_str(), "Anything");
}

#[test]
fn flags_enumerations_are_sets() {
    let set: FlagSet<Permission> = serde_json::from_value(json!("Read, Delete")).unwrap();
    assert!(set.contains(&Permission::Read) && set.contains(&Permission::Delete));
    assert_eq!(set.bits(), Some(5));
    assert_eq!(to_json(&set), "Read,Delete");
    let none: FlagSet<Permission> = serde_json::from_value(json!("0")).unwrap();
    assert_eq!(none.iter().collect::<Vec<_>>(), [&Permission::None]);
}

#[test]
fn recursive_types_nest() {
    let tree: TreeNode = serde_json::from_value(json!({
        "Label": "leaf",
        "Parent": {"Label": "middle", "Parent": {"Label": "root"}},
        "Children": [{"Label": "a"}, null, {"Label": "b", "Children": []}]
    }))
    .unwrap();
    let root = tree
        .parent
        .as_ref()
        .and_then(|p| p.parent.as_ref())
        .unwrap();
    assert_eq!(root.label.as_deref(), Some("root"));
    assert_eq!(tree.children.as_ref().unwrap().len(), 2);
    let ping = Ping {
        pong: Some(Box::new(Pong {
            ping: Some(Box::new(Ping::default())),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(to_json(&ping), json!({"Pong": {"Ping": {}}}));
}

#[test]
fn every_primitive_type_reads_and_writes() {
    let input = json!({
        "Key": "k",
        "Binary": "bWFjIGFuZCBjaGVlc2U=",
        "Boolean": true, "Byte": 255, "SByte": -128, "Int16": -32768, "Int32": 2147483647,
        "Int64": "9223372036854775807",
        "Single": "NaN", "Double": "-INF",
        "Decimal": "DECIMAL",
        "Date": "2014-10-19", "DateTimeOffset": "2014-10-19T23:13:47.3959685Z", "TimeOfDay": "23:13:47.3959685",
        "Duration": "P1DT2H", "Guid": "5F1E1C7A-1B5C-4B17-9E5A-1D2C3B4A5F60",
        "Untyped": {"any": ["json", 1]},
        "Doubles": [1.5, null, "INF"],
        "Blobs": ["AAE=", "AAE"],
        "Flags": ["Read", "Write,Delete"],
        "Places": [{"Street": "Main"}, {"@odata.type": "#Fixture.Common.GeoAddress", "City": "Oslo",
                    "Location": {"type": "Point", "coordinates": [10.75, 59.91]}}]
    });
    // The decimal must come from text to keep its digits.
    let text = serde_json::to_string(&input)
        .unwrap()
        .replace("\"DECIMAL\"", "1234567890123456789012345678.5");
    assert!(text.contains("1234567890123456789012345678.5"), "{text}");
    let sample: Sample = serde_json::from_str(&text).unwrap();
    assert_eq!(sample.binary.as_deref(), Some(&b"mac and cheese"[..]));
    assert_eq!(sample.int64, Some(i64::MAX));
    assert!(sample.single.unwrap().is_nan());
    assert_eq!(sample.double, Some(f64::NEG_INFINITY));
    assert_eq!(
        sample.decimal.as_ref().unwrap().as_str(),
        "1234567890123456789012345678.5"
    );
    assert_eq!(
        sample.date_time_offset.unwrap().timestamp_subsec_nanos(),
        395_968_500
    );
    assert_eq!(sample.duration.unwrap().to_string(), "P1DT2H");
    assert_eq!(sample.doubles.as_ref().unwrap().len(), 2);
    assert_eq!(sample.blobs.as_ref().unwrap(), &[vec![0, 1], vec![0, 1]]);
    assert_eq!(sample.flags.as_ref().unwrap()[1].len(), 2);
    let places = sample.places.as_ref().unwrap();
    assert!(matches!(places[0], AnyAddress::Address(_)));
    let AnyAddress::GeoAddress(geo) = &places[1] else {
        panic!()
    };
    assert_eq!(geo.location.as_ref().unwrap()["type"], "Point");
    assert_eq!(places[1].city(), Some("Oslo"));

    let back = to_json(&sample);
    assert_eq!(back["Single"], "NaN");
    assert_eq!(back["Double"], "-INF");
    assert_eq!(back["Int64"], i64::MAX);
    assert_eq!(back["Binary"], "bWFjIGFuZCBjaGVlc2U=");
    assert_eq!(back["Guid"], "5f1e1c7a-1b5c-4b17-9e5a-1d2c3b4a5f60");
    assert_eq!(
        back["Places"][1]["Location"],
        input["Places"][1]["Location"]
    );
    let text = serde_json::to_string(&sample).unwrap();
    assert!(
        text.contains("\"Decimal\":1234567890123456789012345678.5"),
        "{text}"
    );
}

#[test]
fn update_types_send_only_what_is_set() {
    let update = PersonUpdate {
        name: Some("Grace".into()),
        home: Some(None),
        nicknames: Some(vec!["G".into()]),
        access: Some(FlagSet::from_iter([Permission::Read])),
        ..Default::default()
    };
    assert_eq!(
        to_json(&update),
        json!({"Name": "Grace", "Home": null, "Nicknames": ["G"], "Access": "Read"})
    );
    assert_eq!(to_json(&PersonUpdate::default()), json!({}));
}

#[test]
fn open_and_media_entities_keep_dynamic_members() {
    let doc: Document = serde_json::from_value(json!({
        "Name": "report.pdf",
        "Meta": {"Kind": "pdf", "Pages": 12},
        "Owner": {"Value": "ada"},
        "Reviewed": true,
        "@odata.mediaReadLink": "Documents('report.pdf')/$value",
        "@odata.mediaContentType": "application/pdf"
    }))
    .unwrap();
    assert_eq!(doc.additional_properties["Reviewed"], true);
    assert_eq!(
        doc.meta.as_ref().unwrap().additional_properties["Pages"],
        12
    );
    assert_eq!(doc.owner.as_ref().unwrap().value.as_deref(), Some("ada"));
    assert_eq!(to_json(&doc)["@odata.mediaContentType"], "application/pdf");
    // A stream property has no field; its links stay with the other members.
    let person: Person = serde_json::from_value(json!({
        "Id": "00000000-0000-0000-0000-000000000001",
        "Photo@odata.mediaReadLink": "People(1)/Photo"
    }))
    .unwrap();
    assert!(
        person
            .additional_properties
            .contains_key("Photo@odata.mediaReadLink")
    );
}

#[test]
fn settings_change_the_generated_types() {
    use csdl_codegen_cases::options::{CatalogWidget, Color, Item, ItemUpdate, OrderLine, Widget};
    let item: Item = serde_json::from_value(json!({
        "Id": 1, "Tags": ["a", null], "Codes": ["x", null], "When": "2020-01-01T00:00:00Z",
        "Price": "12.5", "Color": "Blue", "Thumbnail": "_-8", "Parts": [{"Label": "p"}], "Own": {"Size": 2}
    }))
    .unwrap();
    // Nullable collection items kept where the metadata allows them.
    assert_eq!(item.labels, Some(vec![Some("a".to_owned()), None]));
    assert_eq!(item.codes, Some(vec!["x".to_owned()]));
    // Mapped types: plain strings.
    assert_eq!(item.when.as_deref(), Some("2020-01-01T00:00:00Z"));
    assert_eq!(item.price.as_deref(), Some("12.5"));
    assert_eq!(item.color, Some(Color::Blue));
    assert_eq!(item.thumbnail, Some(vec![0xff, 0xef]));
    let back = to_json(&item);
    assert_eq!(back["Thumbnail"], "_-8=");
    assert_eq!(back["Tags"], json!(["a", null]));
    // Flat modules: the second `Widget` is prefixed with its namespace's last segment.
    let parts: &Vec<Option<CatalogWidget>> = item.parts.as_ref().unwrap();
    assert_eq!(parts[0].as_ref().unwrap().label.as_deref(), Some("p"));
    assert_eq!(
        item.own,
        Some(Widget {
            size: Some(2),
            ..Default::default()
        })
    );
    // Renamed type, and the extra `Eq` derive.
    let line = OrderLine::default();
    assert_eq!(line, line.clone());
    let update = ItemUpdate {
        labels: Some(vec![None]),
        ..Default::default()
    };
    assert_eq!(to_json(&update), json!({"Tags": [null]}));
}

#[test]
fn the_compiled_code_is_the_snapshot() {
    for case in ["features", "options"] {
        let snapshot = std::fs::read_to_string(format!(
            "{}/../tests/cases/{case}/expected.snap",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        // insta's header is a `---`-delimited block before the contents.
        let body = snapshot.splitn(3, "---\n").nth(2).unwrap();
        let compiled = match case {
            "features" => include_str!(concat!(env!("OUT_DIR"), "/features.rs")),
            _ => include_str!(concat!(env!("OUT_DIR"), "/options.rs")),
        };
        assert!(
            body == compiled,
            "{case}: the compiled code is not the snapshot"
        );
    }
}
