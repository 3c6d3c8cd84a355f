//! References and includes through the resolver, mixing XML and JSON documents.

use super::{loader, render};
use crate::edm::{CsdlFormat, CsdlLoader, CsdlWarningKind, Model};

const MAIN: &str = r#"{
  "$Version": "4.01",
  "$Reference": {
    "a.json": { "$Include": [{ "$Namespace": "A", "$Alias": "a" }] },
    "https://example.org/Org.OData.Core.V1.json": {
      "$Include": [{ "$Namespace": "Org.OData.Core.V1", "$Alias": "Core" }],
      "@Core.Description": "annotations of references are not kept"
    }
  },
  "Main": {
    "M": { "$Kind": "ComplexType", "$BaseType": "a.Base", "@Core.Description": "main" }
  }
}"#;

/// JSON, referencing an XML document.
const A: &str = r#"{
  "$Version": "4.01",
  "$Reference": { "b.xml": { "$Include": [{ "$Namespace": "B" }] } },
  "A": { "Base": { "$Kind": "ComplexType", "X": { "$Type": "B.Leaf" } } }
}"#;

/// XML, referencing the JSON document back: a cycle.
const B: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="a.json"><edmx:Include Namespace="A"/></edmx:Reference>
<edmx:DataServices><Schema Namespace="B" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<TypeDefinition Name="Leaf" UnderlyingType="Edm.String"/>
</Schema></edmx:DataServices></edmx:Edmx>"#;

#[test]
fn json_and_xml_reference_each_other() {
    let files = [("a.json", A), ("b.xml", B)];
    let m = loader(&files).load_json("main.json", MAIN).expect("loads");
    let uris: Vec<&str> = m.source_map().documents().iter().map(|d| &*d.uri).collect();
    assert_eq!(uris, ["main.json", "a.json", "b.xml"], "each document once");
    let main = m.complex_type_by_name("Main.M").expect("main");
    assert!(
        m.property_by_name(main.into(), "X").is_some(),
        "inherited across documents"
    );
    let kinds: Vec<&CsdlWarningKind> = m.warnings().iter().map(|w| w.kind()).collect();
    assert!(
        matches!(
            kinds.as_slice(),
            [
                CsdlWarningKind::IgnoredAnnotation {
                    element: "$Reference"
                },
                CsdlWarningKind::VocabularyNotLoaded { .. }
            ]
        ),
        "{kinds:?}"
    );
    // Spans locate in the right document.
    let base = m.complex_type(m.complex_type_by_name("A.Base").expect("base"));
    let loc = m.locate(base.span.0).expect("location");
    assert_eq!((&*loc.document, loc.line, loc.column), ("a.json", 4, 10));
    let leaf = m.type_definition(m.type_definition_by_name("B.Leaf").expect("leaf"));
    assert_eq!(m.locate(leaf.span.0).map(|l| l.line), Some(4));
    // The same through `load`, which tells the format of the main document by its content.
    let again = loader(&files).load("main", MAIN).expect("loads");
    assert!(again == m);
}

#[test]
fn an_xml_document_may_reference_a_json_one() {
    let main = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="a.json"><edmx:Include Namespace="A" Alias="a"/></edmx:Reference>
<edmx:DataServices><Schema Namespace="X" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<ComplexType Name="M" BaseType="a.Base"/>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    let files = [("a.json", A), ("b.xml", B)];
    let m = loader(&files).load_xml("main.xml", main).expect("loads");
    assert_eq!(m.source_map().documents().len(), 3);
    assert!(m.type_definition_by_name("B.Leaf").is_some());
}

#[test]
fn a_missing_reference_is_a_clear_error() {
    let files = [("a.json", A)];
    let e = loader(&files)
        .load_json("main.json", MAIN)
        .expect_err("b.xml is missing");
    assert_eq!(
        render(&e),
        "3:20 referenced document `b.xml` could not be loaded @ $Reference[b.xml]"
    );
    let e = Model::from_csdl_json(MAIN).expect_err("no resolver");
    assert_eq!(
        render(&e),
        "4:6 referenced document `a.json` could not be loaded @ $Reference[a.json]"
    );
}

#[test]
fn an_include_of_an_undefined_namespace() {
    let wrong = B.replace("Namespace=\"B\" xmlns", "Namespace=\"Other\" xmlns");
    let files = [("a.json", A), ("b.xml", wrong.as_str())];
    let e = loader(&files)
        .load_json("main.json", MAIN)
        .expect_err("B is not in b.xml");
    assert_eq!(
        render(&e),
        "3:60 namespace `B` is not defined by the referenced document `b.xml` @ $Reference[b.xml]"
    );
}

#[test]
fn errors_in_a_referenced_json_document_name_it() {
    let broken = A.replace("\"B.Leaf\" }", "\"B.Leaf\", }");
    let files = [("a.json", broken.as_str()), ("b.xml", B)];
    let e = loader(&files)
        .load_json("main.json", MAIN)
        .expect_err("malformed");
    let location = e.errors[0].location().expect("located");
    assert_eq!((&*location.document, location.line), ("a.json", 4));
    assert_eq!(e.errors[0].element_path(), "/A/Base/X");
}

#[test]
fn the_format_is_told_by_the_content() {
    assert_eq!(CsdlFormat::detect("{}"), CsdlFormat::Json);
    assert_eq!(CsdlFormat::detect("\u{feff} \r\n\t{"), CsdlFormat::Json);
    assert_eq!(CsdlFormat::detect("<edmx:Edmx/>"), CsdlFormat::Xml);
    assert_eq!(
        CsdlFormat::detect("\u{feff}<?xml version=\"1.0\"?>"),
        CsdlFormat::Xml
    );
    // Neither: read as XML, whose reader says what is wrong.
    assert_eq!(CsdlFormat::detect(""), CsdlFormat::Xml);
    let e = CsdlLoader::new().load("x", "garbage").expect_err("neither");
    assert!(
        render(&e).contains("expected the root element `edmx:Edmx`"),
        "{}",
        render(&e)
    );
    // A `.json` URI serving XML is read as XML.
    let b = B.replace(
        "<edmx:Reference Uri=\"a.json\"><edmx:Include Namespace=\"A\"/></edmx:Reference>",
        "",
    );
    let files = [("a.json", b.as_str())];
    let main = r#"{ "$Version": "4.01", "$Reference": { "a.json": { "$Include": [{ "$Namespace": "B" }] } }, "M": {} }"#;
    let m = loader(&files).load_json("main.json", main).expect("loads");
    assert!(m.type_definition_by_name("B.Leaf").is_some());
}
