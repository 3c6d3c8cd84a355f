//! The runtime support of generated models (`odata_parser::client`), tested
//! on its own with hand-written types shaped like generated ones.

use odata_parser::client::chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike};
use odata_parser::client::serde::de::MapAccess;
use odata_parser::client::serde_json::{self, Map, Value, json};
use odata_parser::client::wire::{As, Base64, Base64Url, Float, Int64, Wire};
use odata_parser::client::{
    CollectionResponse, Decimal, DeltaItem, DeltaResponse, Duration, EnumType, ErrorResponse,
    FlagSet, Polymorphic, Structured, decode_base64, deserialize_structured, read, read_as,
    read_collection,
};

// ---- a hand-written "generated" type ----

#[derive(Debug, Default, PartialEq, serde::Serialize)]
struct Item {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Price", skip_serializing_if = "Option::is_none")]
    price: Option<Decimal>,
    #[serde(
        rename = "Ratio",
        skip_serializing_if = "Option::is_none",
        serialize_with = "As::<Option<Float>>::serialize"
    )]
    ratio: Option<f64>,
    #[serde(rename = "Tags", skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    additional_properties: Map<String, Value>,
}

impl Structured for Item {
    const QUALIFIED_NAME: &'static str = "Test.Item";
    const MEMBERS: &'static [&'static str] = &["@odata.type", "Id", "Price", "Ratio", "Tags"];
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => read(map, &mut self.odata_type),
            1 => read(map, &mut self.id),
            2 => read(map, &mut self.price),
            3 => read_as::<Option<Float>, _, _>(map, &mut self.ratio),
            _ => read_collection(map, &mut self.tags),
        }
    }
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl<'de> serde::Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_structured(d)
    }
}

const DIGITS_28: &str = "1234567890123456789012345678";
const FRACTION_28: &str = "0.1234567890123456789012345678";

#[test]
fn decimal_keeps_28_digits_from_numbers_and_strings() {
    for text in [
        DIGITS_28,
        FRACTION_28,
        "-9999999999999999999999999999.5",
        "1e-30",
    ] {
        let d: Decimal = serde_json::from_str(text).unwrap();
        assert_eq!(d.as_str(), text);
        assert_eq!(serde_json::to_string(&d).unwrap(), text);
        let quoted: Decimal = serde_json::from_str(&format!("\"{text}\"")).unwrap();
        assert_eq!(quoted, d);
    }
    assert!(serde_json::from_str::<Decimal>("\"12abc\"").is_err());
    assert!(serde_json::from_str::<Decimal>("true").is_err());
    assert!("1.".parse::<Decimal>().is_err());
    assert!("-.5".parse::<Decimal>().is_err());
}

#[test]
fn decimal_inside_a_structured_type_is_read_without_buffering() {
    let json = format!(r#"{{"Id": "a", "Price": {DIGITS_28}.{DIGITS_28}}}"#);
    let item: Item = serde_json::from_str(&json).unwrap();
    let price = item.price.as_ref().unwrap();
    assert_eq!(price.as_str(), format!("{DIGITS_28}.{DIGITS_28}"));
    let back = serde_json::to_string(&item).unwrap();
    assert!(back.contains(&format!("{DIGITS_28}.{DIGITS_28}")), "{back}");
}

#[test]
fn decimal_through_a_polymorphic_read_ahead_is_lossless() {
    let json = format!(r##"{{"@odata.type": "#Test.Item", "Id": "a", "Price": {DIGITS_28}}}"##);
    let poly: Polymorphic = serde_json::from_str(&json).unwrap();
    assert_eq!(poly.type_name(), Some("Test.Item"));
    let item: Box<Item> = poly.parse::<Item, serde_json::Error>().unwrap();
    assert_eq!(item.price.unwrap().as_str(), DIGITS_28);
    // From a serde_json::Value too (numbers there are already f64 or u64, so only the shape is checked).
    let value: Value = serde_json::from_str(r#"{"@type": "Test.Item", "Id": "b"}"#).unwrap();
    let poly: Polymorphic = serde_json::from_value(value).unwrap();
    assert_eq!(poly.type_name(), Some("Test.Item"));
}

#[test]
fn undeclared_members_are_kept_and_written_back() {
    let json = r#"{"Id": "x", "Extra@odata.context": "c", "Extra": [1, {"a": null}], "Tags": ["t", null]}"#;
    let item: Item = serde_json::from_str(json).unwrap();
    assert_eq!(item.tags.as_deref(), Some(&["t".to_owned()][..]));
    assert_eq!(item.additional_properties.len(), 2);
    let back: Value = serde_json::to_value(&item).unwrap();
    assert_eq!(back["Extra"], json!([1, {"a": null}]));
    assert_eq!(back["Extra@odata.context"], "c");
}

#[test]
fn structured_types_reject_non_objects_and_wrong_member_types() {
    assert!(serde_json::from_str::<Item>("[1]").is_err());
    let err = serde_json::from_str::<Item>(r#"{"Id": 5}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}

/// Written like generated code writes: one `MemberWriter` call per member.
struct Written<'a>(&'a Item, bool);

impl odata_parser::client::serde::Serialize for Written<'_> {
    fn serialize<S: odata_parser::client::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let item = self.0;
        let mut w = odata_parser::client::MemberWriter::new(serializer)?;
        w.odata_type::<Item>(&item.odata_type, self.1);
        w.member("Id", &item.id);
        w.optional("Price", &item.price);
        w.optional_as::<Float, _>("Ratio", &item.ratio);
        w.optional("Tags", &item.tags);
        w.additional(&item.additional_properties);
        w.end()
    }
}

#[test]
fn member_writer_leaves_out_unset_members_and_names_derived_types() {
    let item: Item =
        serde_json::from_str(r#"{"Id": "a", "Ratio": "INF", "Extra": [1], "Tags": null}"#).unwrap();
    let plain = serde_json::to_value(Written(&item, false)).unwrap();
    assert_eq!(plain, json!({"Id": "a", "Ratio": "INF", "Extra": [1]}));
    let derived = serde_json::to_value(Written(&item, true)).unwrap();
    assert_eq!(derived["@odata.type"], "#Test.Item");
    // An error from any member is the result.
    let mut broken = item;
    broken.additional_properties.insert("x".into(), json!(1));
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::new(&mut out);
    let bad = Written(&broken, false);
    assert!(odata_parser::client::serde::Serialize::serialize(&bad, &mut ser).is_ok());
    let err = serde_json::to_value(FailingKey).unwrap_err();
    assert!(err.to_string().contains("key must be a string"), "{err}");
}

/// A writer whose undeclared member has a non-string key in a nested map fails.
struct FailingKey;

impl odata_parser::client::serde::Serialize for FailingKey {
    fn serialize<S: odata_parser::client::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut w = odata_parser::client::MemberWriter::new(serializer)?;
        let mut bad = std::collections::BTreeMap::new();
        bad.insert(vec![1u8], 1);
        w.member("Bad", &bad);
        w.member("After", &1);
        w.end()
    }
}

#[test]
fn floats_read_and_write_inf_and_nan() {
    let Wire(v, ..): Wire<Vec<f64>, Vec<Float>> =
        serde_json::from_str(r#"[1, -2.5, "INF", "-INF", "NaN", "3.25"]"#).unwrap();
    assert_eq!(v[0], 1.0);
    assert_eq!(v[1], -2.5);
    assert_eq!(v[2], f64::INFINITY);
    assert_eq!(v[3], f64::NEG_INFINITY);
    assert!(v[4].is_nan());
    assert_eq!(v[5], 3.25);
    let written = serde_json::to_string(&Wire::<_, Vec<Float>>::new(v)).unwrap();
    assert_eq!(written, r#"[1.0,-2.5,"INF","-INF","NaN",3.25]"#);
    let Wire(single, ..): Wire<f32, Float> = serde_json::from_str(r#""NaN""#).unwrap();
    assert!(single.is_nan());
    assert!(serde_json::from_str::<Wire<f64, Float>>(r#""lots""#).is_err());
}

#[test]
fn int64_accepts_numbers_and_strings() {
    let Wire(v, ..): Wire<Vec<i64>, Vec<Int64>> =
        serde_json::from_str(r#"[9007199254740993, "-9007199254740993"]"#).unwrap();
    assert_eq!(v, [9_007_199_254_740_993, -9_007_199_254_740_993]);
    assert!(serde_json::from_str::<Wire<i64, Int64>>("18446744073709551615").is_err());
}

#[test]
fn binary_reads_both_alphabets_with_or_without_padding() {
    let bytes = b"mac and cheese today\xfb\xff".to_vec();
    for text in [
        "bWFjIGFuZCBjaGVlc2UgdG9kYXn7/w==",
        "bWFjIGFuZCBjaGVlc2UgdG9kYXn7/w",
        "bWFjIGFuZCBjaGVlc2UgdG9kYXn7_w==",
        "bWFjIGFuZCBjaGVlc2UgdG9kYXn7_w",
    ] {
        assert_eq!(decode_base64(text).unwrap(), bytes, "{text}");
    }
    assert!(decode_base64("bW+j_").is_err());
    let standard = serde_json::to_string(&Wire::<_, Base64>::new(bytes.clone())).unwrap();
    assert_eq!(standard, r#""bWFjIGFuZCBjaGVlc2UgdG9kYXn7/w==""#);
    let url = serde_json::to_string(&Wire::<_, Base64Url>::new(bytes.clone())).unwrap();
    assert_eq!(url, r#""bWFjIGFuZCBjaGVlc2UgdG9kYXn7_w==""#);
    let Wire(back, ..): Wire<Vec<u8>, Base64Url> = serde_json::from_str(&url).unwrap();
    assert_eq!(back, bytes);
}

#[test]
fn date_time_offset_reads_seven_fractional_digits() {
    let t: DateTime<FixedOffset> =
        serde_json::from_str(r#""2014-10-19T23:13:47.3959685Z""#).unwrap();
    assert_eq!(t.nanosecond(), 395_968_500);
    assert_eq!(t.offset().local_minus_utc(), 0);
    let back: DateTime<FixedOffset> =
        serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(back, t);
    let with_offset: DateTime<FixedOffset> =
        serde_json::from_str(r#""2016-03-14T07:00:00-08:00""#).unwrap();
    assert_eq!(with_offset.offset().local_minus_utc(), -8 * 3600);
    let d: NaiveDate = serde_json::from_str(r#""1974-07-22""#).unwrap();
    assert_eq!(d, NaiveDate::from_ymd_opt(1974, 7, 22).unwrap());
    let tod: NaiveTime = serde_json::from_str(r#""08:30:00.1234567""#).unwrap();
    assert_eq!(tod.nanosecond(), 123_456_700);
}

#[test]
fn durations_parse_print_and_convert() {
    let cases = [
        ("PT0S", "PT0S"),
        ("PT2H", "PT2H"),
        ("P1D", "P1D"),
        ("P0DT1H", "PT1H"),
        ("PT36H", "P1DT12H"),
        ("-PT1.5S", "-PT1.5S"),
        ("P12DT23H59M59.999999999S", "P12DT23H59M59.999999999S"),
        ("PT0.0000000001S", "PT0S"),
    ];
    for (input, canonical) in cases {
        let d: Duration = input.parse().unwrap();
        assert_eq!(d.to_string(), canonical, "{input}");
        assert_eq!(canonical.parse::<Duration>().unwrap(), d);
    }
    for bad in [
        "",
        "P",
        "PT",
        "P1Y",
        "P1M",
        "1H",
        "PT1H2",
        "PT-1S",
        "PT1.S",
        "P1DT",
        "P99999999999999999999D",
    ] {
        assert!(bad.parse::<Duration>().is_err(), "{bad}");
    }
    let d: Duration = serde_json::from_str(r#""-PT90M""#).unwrap();
    assert!(d.is_negative());
    assert_eq!(d.to_std(), None);
    assert_eq!(d.to_chrono(), Some(-chrono_minutes(90)));
    assert_eq!(serde_json::to_string(&d).unwrap(), r#""-PT1H30M""#);
    assert_eq!(Duration::try_from(-chrono_minutes(90)).unwrap(), d);
}

fn chrono_minutes(m: i64) -> odata_parser::client::chrono::TimeDelta {
    odata_parser::client::chrono::TimeDelta::minutes(m)
}

// ---- enumerations ----

#[derive(Clone, Debug, PartialEq)]
enum Color {
    Red,
    Green,
    Blue,
    UnknownValue(String),
}

impl EnumType for Color {
    const QUALIFIED_NAME: &'static str = "Test.Color";
    const MEMBERS: &'static [(&'static str, i64)] = &[("Red", 1), ("Green", 2), ("Blue", 4)];
    fn from_index(i: usize) -> Option<Self> {
        [Color::Red, Color::Green, Color::Blue].get(i).cloned()
    }
    fn unknown(text: String) -> Self {
        Color::UnknownValue(text)
    }
    fn index(&self) -> Option<usize> {
        match self {
            Color::Red => Some(0),
            Color::Green => Some(1),
            Color::Blue => Some(2),
            Color::UnknownValue(_) => None,
        }
    }
    fn unknown_text(&self) -> Option<&str> {
        match self {
            Color::UnknownValue(t) => Some(t),
            _ => None,
        }
    }
}

#[test]
fn enum_members_by_name_case_and_value_with_fallback() {
    assert_eq!(Color::parse_member("Green"), Color::Green);
    assert_eq!(Color::parse_member("green"), Color::Green);
    assert_eq!(Color::parse_member("4"), Color::Blue);
    assert_eq!(
        Color::parse_member("Mauve"),
        Color::UnknownValue("Mauve".into())
    );
    assert_eq!(Color::UnknownValue("Mauve".into()).as_str(), "Mauve");
    assert_eq!(Color::Blue.value(), Some(4));
    let read: Color =
        odata_parser::client::deserialize_enum(&mut serde_json::Deserializer::from_str("2"))
            .unwrap();
    assert_eq!(read, Color::Green);
}

#[test]
fn flag_sets_read_and_write_the_comma_separated_form() {
    let set: FlagSet<Color> = serde_json::from_str(r#""Red,blue, Mauve""#).unwrap();
    assert_eq!(
        set.iter().cloned().collect::<Vec<_>>(),
        [Color::Red, Color::Blue, Color::UnknownValue("Mauve".into())]
    );
    assert_eq!(serde_json::to_string(&set).unwrap(), r#""Red,Blue,Mauve""#);
    assert_eq!(set.bits(), None);
    let numeric: FlagSet<Color> = serde_json::from_str(r#""5""#).unwrap();
    assert_eq!(numeric.to_string(), "Red,Blue");
    assert_eq!(numeric.bits(), Some(5));
    let empty: FlagSet<Color> = serde_json::from_str("0").unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.to_string(), "0");
    let mut set = FlagSet::new();
    assert!(set.insert(Color::Green));
    assert!(!set.insert(Color::Green));
    assert!(set.remove(&Color::Green));
    assert!(set.is_empty());
}

// ---- responses ----

#[test]
fn collection_responses_keep_links_and_count() {
    let body = r#"{
        "@odata.context": "https://host/$metadata#Items",
        "@odata.count": "3",
        "value": [{"Id": "a"}, null, {"Id": "b", "Price": 1.50}],
        "@odata.nextLink": "https://host/Items?$skiptoken=2",
        "@vendor.note": "x"
    }"#;
    let page: CollectionResponse<Item> = serde_json::from_str(body).unwrap();
    assert_eq!(page.count, Some(3));
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.value[1].price.as_ref().unwrap().as_str(), "1.50");
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://host/Items?$skiptoken=2")
    );
    assert_eq!(page.additional_properties["@vendor.note"], "x");
    let back = serde_json::to_value(&page).unwrap();
    assert_eq!(back["@odata.nextLink"], "https://host/Items?$skiptoken=2");
    assert_eq!(back["@vendor.note"], "x");
    assert_eq!(back["value"][1]["Id"], "b");
}

#[test]
fn delta_responses_separate_changes_from_removals() {
    let body = r##"{
        "value": [
            {"Id": "a", "Tags": []},
            {"id": "Items('b')", "reason": "deleted"},
            {"@removed": {"reason": "changed"}, "@id": "Items('c')"},
            {"@odata.context": "#Items/$deletedEntity", "id": "Items('d')", "reason": "deleted"},
            {"Id": "e", "reason": "a property named reason"}
        ],
        "@odata.deltaLink": "https://host/Items?$deltatoken=9"
    }"##;
    let delta: DeltaResponse<Item> = serde_json::from_str(body).unwrap();
    assert_eq!(
        delta.delta_link.as_deref(),
        Some("https://host/Items?$deltatoken=9")
    );
    let kinds: Vec<_> = delta
        .value
        .iter()
        .map(|item| match item {
            DeltaItem::Changed(i) => format!("changed {}", i.id),
            DeltaItem::Removed(r) => format!("removed {} {}", r.id().unwrap(), r.reason().unwrap()),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "changed a",
            "removed Items('b') deleted",
            "removed Items('c') changed",
            "removed Items('d') deleted",
            "changed e"
        ]
    );
    let back = serde_json::to_value(&delta).unwrap();
    assert_eq!(
        back["value"][1],
        json!({"id": "Items('b')", "reason": "deleted"})
    );
}

#[test]
fn error_bodies_read_code_message_and_details() {
    let body = r#"{"error": {"code": "BadRequest", "message": "Invalid filter clause",
        "target": "$filter", "details": [{"code": "Syntax", "message": "at 3"}],
        "innererror": {"request-id": "r1"}}}"#;
    let e: ErrorResponse = serde_json::from_str(body).unwrap();
    assert_eq!(e.error.code, "BadRequest");
    assert_eq!(e.error.target.as_deref(), Some("$filter"));
    assert_eq!(e.error.details[0].message, "at 3");
    assert_eq!(e.error.innererror.as_ref().unwrap()["request-id"], "r1");
    assert_eq!(e.to_string(), "BadRequest: Invalid filter clause");
    let _: &dyn std::error::Error = &e;
}
