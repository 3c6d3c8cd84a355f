//! One test per error kind: message, line:column and element path; warnings.

use super::{errors, jdoc, load, warnings};
use crate::edm::{CsdlErrorKind, Model};
use crate::span::Spanned;

#[test]
fn malformed_json_has_line_column_and_the_member() {
    let json = jdoc(r#"    "A": { "$Kind": "ComplexType", "P": { "$Type": "Edm.String", } }"#);
    let e = Model::from_csdl_json(&json).expect_err("trailing comma");
    assert_eq!(render(&e), "5:66 malformed JSON @ /NS/A/P");
    let source = std::error::Error::source(&e.errors[0]).map(ToString::to_string);
    assert_eq!(
        source.as_deref(),
        Some("key must be a string at line 5 column 66")
    );
    assert_eq!(&json[e.errors[0].span().start as usize..][..1], "}");
    assert_eq!(errors(""), "1:1 malformed JSON @ /");
    assert_eq!(errors("{\"a\": 1} x"), "1:10 malformed JSON @ /");
    // serde_json counts columns in bytes, as the source map does.
    assert_eq!(errors("{\"é\": ]"), "1:8 malformed JSON @ /é");
}

use super::render;

#[test]
fn the_root_must_be_an_object() {
    assert_eq!(
        errors("[1, 2]"),
        "1:1 expected a CSDL JSON document (an object), found an array @ "
    );
}

#[test]
fn members_of_the_wrong_json_type() {
    let e = errors(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "P": { "$Nullable": "yes" } }"#,
    ));
    assert_eq!(
        e,
        "5:57 `$Nullable` must be true or false, found a string @ Schema[NS]/ComplexType[A]/Property[P]"
    );
    let e = errors(&jdoc(r#"    "A": 1"#));
    assert_eq!(
        e,
        "5:10 `A` must be an object or an array, found a number @ Schema[NS]"
    );
    let e = errors(&jdoc(r#"    "$Alias": 3"#).replace("\"$Alias\": \"n\",\n", ""));
    assert!(
        e.contains("`$Alias` must be a string, found a number"),
        "{e}"
    );
}

#[test]
fn missing_members() {
    let e = errors(&jdoc(r#"    "A": { "Id": {} }"#));
    assert_eq!(
        e,
        "5:6 missing member `$Kind` in `schema element` @ Schema[NS]"
    );
    let e = errors(&jdoc(
        r#"    "C": { "$Kind": "EntityContainer", "Set": { "$Collection": true } }"#,
    ));
    assert_eq!(
        e,
        "5:41 missing member `$Type` in `EntitySet` @ Schema[NS]/EntityContainer[C]/EntitySet[Set]"
    );
    let e = errors(&jdoc(r#"    "F": [{ "$Kind": "Function" }]"#));
    assert_eq!(
        e,
        "5:11 missing member `$ReturnType` in `Function` @ Schema[NS]/Function[F]"
    );
    let e = errors(&jdoc(
        r#"    "F": [{ "$Kind": "Action", "$Parameter": [{ "$Type": "Edm.Int32" }] }]"#,
    ));
    assert_eq!(
        e,
        "5:47 missing member `$Name` in `$Parameter` @ Schema[NS]/Action[F]"
    );
    let e = errors(&jdoc(r#"    "T": { "$Kind": "TypeDefinition" }"#));
    assert!(
        e.contains("missing member `$UnderlyingType` in `TypeDefinition`"),
        "{e}"
    );
    let e = errors(&jdoc(
        r#"    "E": { "$Kind": "EntityType", "N": { "$Kind": "NavigationProperty" } }"#,
    ));
    assert!(
        e.contains("missing member `$Type` in `NavigationProperty`"),
        "{e}"
    );
}

#[test]
fn invalid_values() {
    let e = errors(&jdoc(
        r#"    "E": { "$Kind": "EntityType", "N": { "$Kind": "NavigationProperty", "$Type": "n.E", "$OnDelete": "Explode" } }"#,
    ));
    assert_eq!(
        e,
        "5:103 invalid value `Explode` for `$OnDelete`: expected Cascade, None, SetNull or SetDefault @ Schema[NS]/EntityType[E]/NavigationProperty[N]"
    );
    let e = errors(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "P": { "$Scale": "wide" } }"#,
    ));
    assert!(e.contains("invalid value `wide` for `$Scale`"), "{e}");
    let e = errors(&jdoc(r#"    "1A": { "$Kind": "ComplexType" }"#));
    assert_eq!(
        e,
        "5:6 invalid value `1A` for `Name`: expected a simple identifier @ Schema[NS]"
    );
    let e = errors(&jdoc(r#"    "C": { "$Kind": "EnumType", "Red": "one" }"#));
    assert!(
        e.contains("invalid value `one` for `Value`: expected an integer"),
        "{e}"
    );
    let e = errors(&jdoc(
        r#"    "F": [{ "$Kind": "Action", "$IsComposable": true }]"#,
    ));
    assert!(e.contains("no $IsComposable on an action"), "{e}");
    let e = errors(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "$HasStream": true }"#,
    ));
    assert!(e.contains("no $HasStream on a complex type"), "{e}");
    let e = errors(&jdoc(r#"    "A": { "$Kind": "ComplexType", "@": 1 }"#));
    assert!(e.contains("expected `@Term` or `@Term#Qualifier`"), "{e}");
    let e = errors(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "@n.T": { "$Eq": [1] } }"#,
    ));
    assert!(e.contains("`$Eq` expects two operands, found 1"), "{e}");
    let e = errors(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "@n.T": { "$Apply": [] } }"#,
    ));
    assert!(e.contains("missing member `$Function` in `$Apply`"), "{e}");
}

#[test]
fn duplicate_members() {
    let e = errors(&jdoc(
        "    \"A\": { \"$Kind\": \"ComplexType\" },\n    \"A\": { \"$Kind\": \"EntityType\" }",
    ));
    assert_eq!(e, "6:6 duplicate member `A` @ /NS");
}

#[test]
fn resolve_errors_have_json_positions_and_element_paths() {
    let json = jdoc(
        "    \"A\": {\n      \"$Kind\": \"ComplexType\",\n      \"P\": { \"$Type\": \"n.Missing\" }\n    },\n    \"B\": { \"$Kind\": \"ComplexType\", \"$BaseType\": \"n.C\" },\n    \"C\": { \"$Kind\": \"ComplexType\", \"$BaseType\": \"n.B\" },\n    \"$Annotations\": { \"n.Nowhere\": { \"@Core.Description\": \"x\" } }",
    );
    let e = Model::from_csdl_json(&json).expect_err("errors");
    insta::assert_snapshot!(render(&e), @r"
    10:50 base type cycle: NS.C -> NS.B -> NS.C @ Schema[NS]/ComplexType[C]
    7:24 unresolved type `n.Missing` @ Schema[NS]/ComplexType[A]/Property[P]
    11:24 unresolved annotation target `n.Nowhere` @ Schema[NS]/Annotations[n.Nowhere]
    ");
    assert_eq!(&json[e.errors[1].span().range()], "n.Missing");
    assert_eq!(
        e.to_string().lines().nth(1),
        Some(
            "input.json:7:24: unresolved type `n.Missing` (in Schema[NS]/ComplexType[A]/Property[P])"
        )
    );
}

#[test]
fn the_entity_container_member_must_name_a_container() {
    let json = jdoc(r#"    "C": { "$Kind": "EntityContainer" }"#).replace(
        "\"$Version\": \"4.01\",",
        "\"$Version\": \"4.01\", \"$EntityContainer\": \"n.C\",",
    );
    assert_eq!(errors(&json), "2:44 unresolved entity container `n.C` @ ");
    let ok = json.replace("\"n.C\"", "\"NS.C\"");
    assert!(Model::from_csdl_json(&ok).is_ok());
}

#[test]
fn unknown_members_and_kinds_are_warnings() {
    let m = load(
        r#"    "$Comment": "x",
    "A": { "$Kind": "ComplexType", "$Color": "red", "P": { "$Type": "Edm.Int32", "$Foo": 1, "P@Core.Description": "misplaced" } },
    "X": { "$Kind": "Widget" },
    "T": { "$Kind": "Term", "$Type": "Edm.Int32" },
    "$Annotations": { "n.A": { "@n.T": "abc", "@Foo.Bar": 1, "P": 2 } }"#,
    );
    insta::assert_snapshot!(warnings(&m).join("\n"), @r"
    5:6 unknown member `$Comment` ignored @ Schema[NS]
    6:37 unknown member `$Color` ignored @ Schema[NS]/ComplexType[A]
    6:83 unknown member `$Foo` ignored @ Schema[NS]/ComplexType[A]/Property[P]
    6:94 unknown member `P@Core.Description` ignored @ Schema[NS]/ComplexType[A]/Property[P]
    7:22 unknown element `$Kind: Widget` skipped @ Schema[NS]
    9:63 unknown member `P` ignored @ Schema[NS]/Annotations[n.A]
    9:41 value `abc` does not match the declared type `Edm.Int32`; kept as written @ Schema[NS]/Annotations[n.A]/Annotation[n.T]
    9:49 term `Foo.Bar` is not defined by any known vocabulary @ Schema[NS]/Annotations[n.A]/Annotation[Foo.Bar]
    ");
}

#[test]
fn limits_are_errors_with_positions() {
    let long = "A".repeat(2000);
    let e = Model::from_csdl_json(&jdoc(&format!("    \"{long}\": {{}}"))).expect_err("long");
    assert!(matches!(
        e.errors[0].kind(),
        CsdlErrorKind::NameTooLong {
            len: 2000,
            limit: 1024
        }
    ));
    assert_eq!(
        e.errors[0].location().map(|l| (l.line, l.column)),
        Some((5, 6))
    );
}
