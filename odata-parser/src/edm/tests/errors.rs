//! One test per error kind: message, line:column and element path; hostile input.

use super::{doc, errors, loader, render};
use crate::edm::{CsdlErrorKind, CsdlWarningKind, Limits, Model};

#[test]
fn malformed_xml() {
    let e = errors(&doc("<EntityType Name=\"A\"></ComplexType>"));
    assert!(e.starts_with("4:"), "{e}");
    assert!(e.contains("malformed XML"), "{e}");
}

#[test]
fn missing_and_invalid_attributes() {
    let e = errors(&doc(
        "<ComplexType Name=\"A\">\n  <Property Name=\"P\"/>\n</ComplexType>",
    ));
    assert_eq!(
        e,
        "5:3 missing attribute `Type` on `Property` @ edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[A]/Property[P]"
    );
    let e = errors(&doc(
        "<ComplexType Name=\"A\"><Property Name=\"P\" Type=\"Edm.String\" Nullable=\"maybe\"/></ComplexType>",
    ));
    assert_eq!(
        e,
        "4:70 invalid value `maybe` for `Nullable`: expected true or false @ edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[A]/Property[P]"
    );
    let e = errors(&doc("<ComplexType Name=\"1A\"/>"));
    assert!(e.contains("expected a simple identifier"), "{e}");
}

#[test]
fn unresolved_types_and_aliases() {
    let e = errors(&doc(
        "<ComplexType Name=\"A\">\n<Property Name=\"P\" Type=\"n.Missing\"/>\n<Property Name=\"Q\" Type=\"x.Thing\"/>\n<Property Name=\"R\" Type=\"Edm.Strin\"/>\n</ComplexType>",
    ));
    insta::assert_snapshot!("unresolved_types", e);
}

#[test]
fn duplicate_names() {
    let e = errors(&doc(
        "<ComplexType Name=\"A\"/>\n<EntityType Name=\"A\"/>\n<ComplexType Name=\"B\"><Property Name=\"X\" Type=\"Edm.Int32\"/><Property Name=\"X\" Type=\"Edm.Int32\"/></ComplexType>\n<ComplexType Name=\"C\" BaseType=\"n.B\"><Property Name=\"X\" Type=\"Edm.Int32\"/></ComplexType>",
    ));
    insta::assert_snapshot!("duplicate_names", e);
}

#[test]
fn base_type_cycles() {
    let e = errors(&doc(
        "<ComplexType Name=\"A\" BaseType=\"n.B\"/>\n<ComplexType Name=\"B\" BaseType=\"n.A\"/>\n<EntityType Name=\"S\" BaseType=\"n.S\"/>\n<ComplexType Name=\"Ok\" BaseType=\"n.A\"/>",
    ));
    insta::assert_snapshot!("base_type_cycles", e);
}

#[test]
fn wrong_kinds_and_dangling_references() {
    let e = errors(&doc(
        r#"<EntityType Name="E" BaseType="n.C"><Key><PropertyRef Name="Nope"/></Key><Property Name="Id" Type="Edm.Int32" Nullable="false"/>
<NavigationProperty Name="N" Type="n.C" Partner="Back"/></EntityType>
<ComplexType Name="C"/>
<EntityContainer Name="S"><EntitySet Name="Es" EntityType="n.E"><NavigationPropertyBinding Path="N" Target="Nowhere"/></EntitySet>
<ActionImport Name="I" Action="n.E"/></EntityContainer>"#,
    ));
    insta::assert_snapshot!("wrong_kinds_and_dangling", e);
}

#[test]
fn keyless_entity_set() {
    let e = errors(&doc(
        "<EntityType Name=\"E\"/>\n<EntityContainer Name=\"S\"><EntitySet Name=\"Es\" EntityType=\"n.E\"/><Singleton Name=\"One\" Type=\"n.E\"/></EntityContainer>",
    ));
    assert_eq!(
        e,
        "5:60 entity type `NS.E` has no key but is used for a collection of entities @ edmx:Edmx/edmx:DataServices/Schema[NS]/EntityContainer[S]/EntitySet[Es]"
    );
}

#[test]
fn functions_need_a_return_type() {
    let e = errors(&doc("<Function Name=\"F\"/>"));
    assert!(
        e.contains("`Function` expects a ReturnType, found 0"),
        "{e}"
    );
}

#[test]
fn unknown_elements_and_attributes_are_warnings() {
    let m = Model::from_csdl_xml(&doc(
        "<ComplexType Name=\"A\" Color=\"red\" xmlns:sap=\"urn:sap\" sap:label=\"ignored\"><Documentation>x</Documentation><Property Name=\"P\" Type=\"Edm.Int32\"/></ComplexType>",
    ))
    .expect("loads");
    let kinds: Vec<String> = m
        .warnings()
        .iter()
        .map(|w| format!("{} @ {}", w, w.element_path()))
        .collect();
    assert_eq!(
        kinds,
        [
            "unknown attribute `Color` ignored @ edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType",
            "unknown element `Documentation` skipped @ edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[A]/Documentation",
        ]
    );
}

#[test]
fn byte_order_mark_is_skipped_and_positions_stay_right() {
    let xml = format!(
        "\u{feff}{}",
        doc("<ComplexType Name=\"A\">\n<Property Name=\"P\" Type=\"n.Nope\"/></ComplexType>")
    );
    let e = errors(&xml);
    assert!(e.starts_with("5:26 unresolved type `n.Nope`"), "{e}");
    let err = Model::from_csdl_xml(&xml).expect_err("error");
    use crate::span::Spanned;
    assert_eq!(&xml[err.errors[0].span().range()], "n.Nope");
}

#[test]
fn not_edmx_and_missing_data_services() {
    assert!(errors("<Schema/>").contains("expected the root element `edmx:Edmx`, found `Schema`"));
    let e = errors("<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"/>");
    assert!(e.contains("missing `edmx:DataServices`"), "{e}");
    assert!(errors("").contains("found `nothing`"));
}

#[test]
fn hostile_documents_fail_fast() {
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><edmx:Edmx/>";
    assert!(errors(laughs).contains("DOCTYPE declarations are not allowed"));
    let e = errors(&doc(
        "<ComplexType Name=\"A\"><Annotation Term=\"Core.Description\"><String>&lol;</String></Annotation></ComplexType>",
    ));
    assert!(e.contains("unknown entity reference `&lol;`"), "{e}");
    // Deep nesting: rejected at the configured depth, without recursion trouble.
    let deep = doc(&format!(
        "<Annotations Target=\"NS.A\"><Annotation Term=\"Core.X\">{}{}</Annotation></Annotations>",
        "<Collection>".repeat(100_000),
        "</Collection>".repeat(100_000)
    ));
    let started = std::time::Instant::now();
    let e = Model::from_csdl_xml(&deep).expect_err("too deep");
    assert!(matches!(
        e.errors[0].kind(),
        CsdlErrorKind::TooDeep { limit: 64 }
    ));
    assert!(started.elapsed().as_secs() < 5);
    // Huge names.
    let long = "A".repeat(1 << 20);
    let e = Model::from_csdl_xml(&doc(&format!("<ComplexType Name=\"{long}\"/>")))
        .expect_err("too long");
    assert!(matches!(
        e.errors[0].kind(),
        CsdlErrorKind::NameTooLong { limit: 1024, .. }
    ));
    // Attribute floods.
    let attrs: String = (0..1000).map(|i| format!(" a{i}=\"x\"")).collect();
    let e = Model::from_csdl_xml(&doc(&format!("<ComplexType Name=\"A\"{attrs}/>")))
        .expect_err("too many");
    assert!(matches!(
        e.errors[0].kind(),
        CsdlErrorKind::TooManyAttributes { limit: 64 }
    ));
    // Duplicate attributes.
    let e = errors(&doc("<ComplexType Name=\"A\" Name=\"B\"/>"));
    assert!(e.contains("duplicate attribute `Name`"), "{e}");
    // Custom limits.
    let mut l = crate::edm::CsdlLoader::new();
    l.limits(Limits {
        max_depth: 2,
        ..Limits::default()
    });
    let e = l.load_xml("x", &doc("")).expect_err("depth 2");
    assert!(matches!(
        e.errors[0].kind(),
        CsdlErrorKind::TooDeep { limit: 2 }
    ));
}

const MAIN: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="a.xml"><edmx:Include Namespace="A" Alias="a"/></edmx:Reference>
<edmx:Reference Uri="https://example.org/Org.OData.Core.V1.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>
<edmx:DataServices><Schema Namespace="Main" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<ComplexType Name="M" BaseType="a.Base"><Annotation Term="Core.Description" String="main"/></ComplexType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

const A: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="b.xml"><edmx:Include Namespace="B"/></edmx:Reference>
<edmx:DataServices><Schema Namespace="A" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<ComplexType Name="Base"><Property Name="X" Type="B.Leaf"/></ComplexType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

const B: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="a.xml"><edmx:Include Namespace="A"/></edmx:Reference>
<edmx:DataServices><Schema Namespace="B" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<TypeDefinition Name="Leaf" UnderlyingType="Edm.String"/>
</Schema></edmx:DataServices></edmx:Edmx>"#;

#[test]
fn references_with_a_cycle_load_once() {
    let files = [("a.xml", A), ("b.xml", B)];
    let m = loader(&files).load_xml("main.xml", MAIN).expect("loads");
    assert_eq!(
        m.source_map().documents().len(),
        3,
        "a.xml and b.xml reference each other: each loaded once"
    );
    let main = m.complex_type_by_name("Main.M").expect("main");
    assert!(
        m.property_by_name(main.into(), "X").is_some(),
        "inherited across documents"
    );
    // Core was not provided: known by namespace, with a warning.
    assert!(
        m.warnings()
            .iter()
            .any(|w| matches!(w.kind(), CsdlWarningKind::VocabularyNotLoaded { .. }))
    );
    let a = m.complex_type(m.complex_type_by_name("A.Base").expect("base"));
    let loc = m.locate(a.span.0).expect("location");
    assert_eq!((&*loc.document, loc.line), ("a.xml", 4));
}

#[test]
fn missing_reference_is_a_clear_error() {
    let files = [("a.xml", A)];
    let e = loader(&files)
        .load_xml("main.xml", MAIN)
        .expect_err("b.xml is missing");
    assert_eq!(
        render(&e),
        "2:22 referenced document `b.xml` could not be loaded @ edmx:Edmx/edmx:Reference[b.xml]"
    );
    let e = Model::from_csdl_xml(MAIN).expect_err("no resolver");
    assert!(render(&e).contains("referenced document `a.xml` could not be loaded"));
}

#[test]
fn include_of_an_undefined_namespace() {
    let wrong = B.replace("Namespace=\"B\" xmlns", "Namespace=\"Other\" xmlns");
    let files = [("a.xml", A), ("b.xml", wrong.as_str())];
    let e = loader(&files)
        .load_xml("main.xml", MAIN)
        .expect_err("B is not in b.xml");
    let text = render(&e);
    assert!(
        text.contains("namespace `B` is not defined by the referenced document `b.xml`"),
        "{text}"
    );
}

#[test]
fn errors_display_with_locations() {
    let e = Model::from_csdl_xml(&doc("<ComplexType Name=\"A\" BaseType=\"n.Z\"/>"))
        .expect_err("unresolved");
    assert_eq!(
        e.to_string(),
        "input.xml:4:33: unresolved base type `n.Z` (in edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[A])"
    );
}

#[test]
fn long_base_type_chains_are_cut_at_the_limit() {
    use crate::edm::MAX_BASE_TYPE_DEPTH;
    let chain = |n: usize| {
        let mut body = String::from("<ComplexType Name=\"C0\"/>\n");
        for i in 1..n {
            body.push_str(&format!(
                "<ComplexType Name=\"C{i}\" BaseType=\"n.C{}\"><Property Name=\"P{i}\" Type=\"Edm.Int32\"/></ComplexType>\n",
                i - 1
            ));
        }
        doc(&body)
    };
    // A root and MAX_BASE_TYPE_DEPTH types below it: fine.
    let m = Model::from_csdl_xml(&chain(MAX_BASE_TYPE_DEPTH + 1)).expect("at the limit");
    assert_eq!(m.complex_types.len(), MAX_BASE_TYPE_DEPTH + 1);
    // One more, and every further MAX_BASE_TYPE_DEPTH + 1 types: one error each.
    let n = 50_000;
    let started = std::time::Instant::now();
    let e = Model::from_csdl_xml(&chain(n)).expect_err("too long");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    assert_eq!(e.errors.len(), (n - 1) / (MAX_BASE_TYPE_DEPTH + 1));
    assert!(e.errors.iter().all(|e| matches!(
        e.kind(),
        CsdlErrorKind::BaseTypeChainTooLong { limit } if *limit == MAX_BASE_TYPE_DEPTH
    )));
    let first = render(&e).lines().next().unwrap_or_default().to_owned();
    assert_eq!(
        first,
        format!(
            "{}:{} base type chain longer than {MAX_BASE_TYPE_DEPTH} types @ edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[C{}]",
            MAX_BASE_TYPE_DEPTH + 5,
            "<ComplexType Name=\"C101\" BaseType=\"".len() + 1,
            MAX_BASE_TYPE_DEPTH + 1
        )
    );
}

#[test]
fn many_errors_cost_linear_time() {
    // 100,000 dangling type references: every message names its schema, found
    // through an index built once.
    let body: String = (0..100_000)
        .map(|i| format!("<ComplexType Name=\"T{i}\"><Property Name=\"P\" Type=\"n.Missing{i}\"/></ComplexType>\n"))
        .collect();
    let started = std::time::Instant::now();
    let e = Model::from_csdl_xml(&doc(&body)).expect_err("unresolved");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    assert_eq!(e.errors.len(), 100_000);
    assert_eq!(
        e.errors[99_999].element_path(),
        "edmx:Edmx/edmx:DataServices/Schema[NS]/ComplexType[T99999]/Property[P]"
    );
}

#[test]
fn a_navigation_source_of_an_unresolved_type_is_not_followed() {
    // No entity type at all: the set's and singleton's type does not resolve, and the
    // passes after it (keys, bindings, annotation paths) leave them alone (found by
    // fuzzing: they indexed a placeholder type).
    let e = errors(&doc(
        "<EntityContainer Name=\"C\">\n<EntitySet Name=\"S\" EntityType=\"n.Missing\"><NavigationPropertyBinding Path=\"X\" Target=\"S\"/></EntitySet>\n<Singleton Name=\"One\" Type=\"n.Missing\"><NavigationPropertyBinding Path=\"X\" Target=\"S\"/></Singleton>\n</EntityContainer>\n<Annotations Target=\"n.C/S/X\"><Annotation Term=\"Core.Description\" String=\"x\"/></Annotations>",
    ));
    insta::assert_snapshot!("dangling_navigation_source", e);
}
