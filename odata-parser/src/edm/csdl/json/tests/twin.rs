//! A hand-written CSDL JSON document that uses every construct, against its XML twin.

use super::loader;
use crate::edm::*;
use crate::span::Spanned;

const XML: &str = include_str!("twin/every_construct.xml");
const JSON: &str = include_str!("twin/every_construct.json");
const COMMON_XML: &str = include_str!("twin/common.xml");
const COMMON_JSON: &str = include_str!("twin/common.json");

/// Both twins; each references `common` in the *other* format.
fn twins() -> (Model, Model) {
    let xml_files = [("common", COMMON_JSON)];
    let json_files = [("common", COMMON_XML)];
    let xml = loader(&xml_files)
        .load_xml("twin.xml", XML)
        .unwrap_or_else(|e| panic!("{e}"));
    let json = loader(&json_files)
        .load_json("twin.json", JSON)
        .unwrap_or_else(|e| panic!("{e}"));
    (xml, json)
}

fn all<'m, I, T: Clone + 'm>(items: impl Iterator<Item = (I, &'m T)>) -> Vec<T> {
    items.map(|(_, t)| t.clone()).collect()
}

#[test]
fn every_construct_gives_the_same_model_as_its_xml_twin() {
    let (x, j) = twins();
    // Element kind by element kind first, for a readable failure.
    assert_eq!(all(x.schemas()), all(j.schemas()));
    assert_eq!(all(x.entity_types()), all(j.entity_types()));
    assert_eq!(all(x.complex_types()), all(j.complex_types()));
    assert_eq!(all(x.enum_types()), all(j.enum_types()));
    assert_eq!(all(x.type_definitions()), all(j.type_definitions()));
    assert_eq!(all(x.properties()), all(j.properties()));
    assert_eq!(
        all(x.navigation_properties()),
        all(j.navigation_properties())
    );
    assert_eq!(all(x.operations()), all(j.operations()));
    assert_eq!(all(x.operation_groups()), all(j.operation_groups()));
    assert_eq!(all(x.entity_containers()), all(j.entity_containers()));
    assert_eq!(all(x.entity_sets()), all(j.entity_sets()));
    assert_eq!(all(x.singletons()), all(j.singletons()));
    assert_eq!(all(x.operation_imports()), all(j.operation_imports()));
    assert_eq!(all(x.terms()), all(j.terms()));
    assert_eq!(all(x.target_paths()), all(j.target_paths()));
    let annotations = |m: &Model| {
        m.all_annotations()
            .map(|(_, t, a)| (t, a.clone()))
            .collect::<Vec<_>>()
    };
    let (xa, ja) = (annotations(&x), annotations(&j));
    assert_eq!(xa.len(), ja.len());
    for (a, b) in xa.iter().zip(&ja) {
        assert_eq!(a, b, "{}", x.target_name(a.0));
    }
    assert!(x == j, "Model::eq");
    assert_eq!(x.stats(), j.stats());

    // The same warnings: two vocabularies not loaded, two annotations the model does not keep.
    let kinds = |m: &Model| {
        let mut k: Vec<String> = m.warnings().iter().map(|w| w.to_string()).collect();
        k.sort();
        k
    };
    assert_eq!(kinds(&x), kinds(&j));
    assert_eq!(j.warnings().len(), 4, "{:?}", j.warnings());
}

#[test]
fn json_values_are_typed_by_their_terms() {
    let (_, m) = twins();
    let person = Target::EntityType(m.entity_type_by_name("n.Person").expect("person"));
    let value = |term: &str, q: Option<&str>| {
        m.annotation(person, term, q)
            .unwrap_or_else(|| panic!("{term}"))
            .value
            .clone()
            .map(|v| v.kind)
    };
    assert_eq!(
        value("n.TDate", None),
        Some(ExprKind::Date("2000-01-01".into()))
    );
    assert_eq!(
        value("n.TDec", None),
        Some(ExprKind::Decimal("3.14".into()))
    );
    assert_eq!(
        value("n.TInt", Some("big")),
        Some(ExprKind::Int(9_007_199_254_740_993))
    );
    assert_eq!(
        value("n.TTag", None),
        None,
        "a JSON true for a Core.Tag term is a tag"
    );
    let Some(ExprKind::EnumMember(colors)) = value("n.TColor", None) else {
        panic!("flags")
    };
    let color = m.enum_type_by_name("NS.Color").expect("color");
    assert_eq!(
        colors.iter().map(|c| c.resolved).collect::<Vec<_>>(),
        [Some((color, 0)), Some((color, 1))]
    );
    // A term of an unloaded standard vocabulary: typed from the built-in table.
    let search = m
        .annotation(person, "Cap.SearchRestrictions", None)
        .and_then(|a| a.value.as_ref()?.as_record()?.get("UnsupportedExpressions"))
        .and_then(Expr::as_enum_members)
        .expect("enumeration");
    assert_eq!(
        &*search[1].enum_type,
        "Org.OData.Capabilities.V1.SearchExpressions"
    );
    assert_eq!(&*search[1].member, "group");
    // Annotations of annotations.
    let name = m
        .property_by_name(m.entity_type_by_name("n.Person").expect("p").into(), "Name")
        .expect("Name");
    let short = m
        .annotation(Target::Property(name), "Core.Description", Some("short"))
        .expect("short");
    assert_eq!(
        &*short.annotations[0].term,
        "Org.OData.Core.V1.IsLanguageDependent"
    );
    assert_eq!(short.annotations[0].as_tag(), Some(true));
}

#[test]
fn json_defaults_differ_from_xml_ones() {
    let (_, m) = twins();
    let person = m.entity_type_by_name("n.Person").expect("person").into();
    let p = |name: &str| m.property(m.property_by_name(person, name).expect(name));
    assert!(!p("Name").ty.nullable, "absent $Nullable is false");
    assert!(p("Nick").ty.nullable);
    assert_eq!(
        &*m.type_ref_name(&p("Name").ty),
        "Edm.String",
        "absent $Type"
    );
    assert_eq!(
        p("Ratio").ty.facets.scale,
        Some(Scale::Variable),
        "absent $Scale"
    );
    assert_eq!(p("Amount").default_value.as_deref(), Some("1.5"));
    assert_eq!(p("Active").default_value.as_deref(), Some("true"));
    let order = m.entity_type_by_name("n.Order").expect("order");
    let key = m.key(order);
    assert_eq!(
        (&*key[0].path, key[0].alias.as_deref()),
        ("Ref/Number", Some("Number"))
    );
}

#[test]
fn spans_point_into_the_json_text() {
    let (_, m) = twins();
    let person = m.entity_type(m.entity_type_by_name("n.Person").expect("person"));
    assert!(JSON[person.span().range()].starts_with("\"Person\": {"));
    let loc = m.locate(person.span()).expect("located");
    let line = JSON[..person.span().start as usize].lines().count();
    assert_eq!(
        (&*loc.document, loc.line as usize, loc.column),
        ("twin.json", line, 5)
    );
    let name = m
        .property_by_name(m.entity_type_by_name("n.Person").expect("p").into(), "Name")
        .expect("Name");
    let description = m
        .annotation(Target::Property(name), "Core.Description", None)
        .expect("description");
    assert_eq!(
        &JSON[description.span().range()],
        "\"@Core.Description\": \"the name\""
    );
    let value = description.value.as_ref().expect("value");
    assert_eq!(&JSON[value.span().range()], "the name");
}
