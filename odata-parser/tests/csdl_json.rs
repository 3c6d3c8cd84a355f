//! The CSDL JSON reader against the OASIS vocabularies, published in both formats:
//! each JSON file must give the same model as its XML twin.
//!
//! The comparison is [`Model`]'s `PartialEq` (every element, type reference, facet,
//! annotation and expression; only spans and source documents are ignored), and a
//! structural diff of the same elements names what differs. Where the two published
//! files genuinely disagree, the difference is listed in [`KNOWN`] with its reason
//! and its exact values are pinned by a snapshot (`snapshots/csdl_json__differences*.snap`):
//! an undocumented difference, a documented one that disappears, or a changed value
//! fails the test.

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::time::Instant;

use odata_parser::edm::csdl::dir_resolver;
use odata_parser::edm::{
    CsdlLoader, CsdlWarningKind, ExprKind, Model, StructuredTypeId, Target, TypeKind,
};

fn vocabularies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/vocabularies")
}

/// The vocabulary names (`Org.OData.Core.V1`), each published as `.xml` and `.json`.
fn names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vocabularies())
        .expect("shared/spec/vocabularies")
        .filter_map(|e| {
            let path = e.expect("dir entry").path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".json")?
                .to_owned();
            Some(name)
        })
        .collect();
    names.sort();
    names
}

fn read(name: &str, ext: &str) -> String {
    std::fs::read_to_string(vocabularies().join(format!("{name}.{ext}"))).expect("readable")
}

/// Differences between the published XML and JSON files, with their reasons:
/// (vocabulary, element key as the diff names it, reason).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "*",
        "annotation {schema} @Org.OData.Core.V1.Links",
        "each file's Core.Links names itself as `latest-version` and its twin as `alternate`, \
         so the records differ in order and in `rel`",
    ),
    (
        "Org.OData.Core.V1",
        "annotation Org.OData.Core.V1.DataModificationExceptionType/responseCode @Org.OData.Validation.V1.Minimum",
        "the XML writes `Decimal=\"100\"` for the Edm.PrimitiveType-typed Validation.Minimum; the \
         JSON `100` carries no kind, and an integer for an abstract type reads as `Int`",
    ),
    (
        "Org.OData.Core.V1",
        "annotation Org.OData.Core.V1.DataModificationExceptionType/responseCode @Org.OData.Validation.V1.Maximum",
        "as Validation.Minimum: XML `Decimal=\"599\"`, JSON `599`",
    ),
    (
        "Org.OData.Core.V1",
        "term Org.OData.Core.V1.ExplicitOperationBindings",
        "the only collection-typed element whose XML omits `Nullable` (4.01: unspecified; the \
         XML reader applies the 4.0 default, true); the JSON omits `$Nullable`, which means false",
    ),
    (
        "Org.OData.Capabilities.V1",
        "annotation Org.OData.Capabilities.V1.ExpandCollectionRestrictionsType/ExpandByKeyRestrictions @Org.OData.Core.V1.LongDescription",
        "a multi-line XML attribute: XML attribute-value normalization turns its line breaks \
         into spaces, the JSON string keeps `\\n`",
    ),
];

/// `Debug` without spans (`span: 12..34`), which differ between the formats by nature.
fn plain(x: &impl Debug) -> String {
    let text = format!("{x:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(", span: ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + ", span: ".len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// One difference: what (a key naming the element) and both renderings.
struct Difference {
    key: String,
    xml: String,
    json: String,
}

fn compare<T: PartialEq + Debug>(
    out: &mut Vec<Difference>,
    what: &str,
    xml: Vec<(String, &T)>,
    json: Vec<(String, &T)>,
) {
    if xml.len() != json.len() {
        out.push(Difference {
            key: format!("{what} count"),
            xml: xml.len().to_string(),
            json: json.len().to_string(),
        });
    }
    for ((xn, x), (jn, j)) in xml.iter().zip(&json) {
        if x != j || xn != jn {
            let key = if xn == jn {
                format!("{what} {xn}")
            } else {
                format!("{what} {xn} / {jn}")
            };
            out.push(Difference {
                key,
                xml: plain(x),
                json: plain(j),
            });
        }
    }
}

/// Every element of both models, compared in declaration order.
fn differences(x: &Model, j: &Model) -> Vec<Difference> {
    let mut out = Vec::new();
    macro_rules! each {
        ($what:literal, $all:ident, |$m:ident, $e:ident| $name:expr) => {{
            let names = |$m: &Model| {
                $m.$all()
                    .map(|(_, $e)| ($name.to_string(), $e.clone()))
                    .collect::<Vec<_>>()
            };
            let (xs, js) = (names(x), names(j));
            compare(
                &mut out,
                $what,
                xs.iter().map(|(n, e)| (n.clone(), e)).collect(),
                js.iter().map(|(n, e)| (n.clone(), e)).collect(),
            );
        }};
    }
    each!("schema", schemas, |m, s| s.namespace);
    each!("entity type", entity_types, |m, t| t.name);
    each!("complex type", complex_types, |m, t| t.name);
    each!("enum type", enum_types, |m, t| t.name);
    each!("type definition", type_definitions, |m, t| t.name);
    each!("property", properties, |m, p| format!(
        "{}/{}",
        m.structured_type_name(p.declaring_type),
        p.name
    ));
    each!(
        "navigation property",
        navigation_properties,
        |m, p| format!("{}/{}", m.structured_type_name(p.declaring_type), p.name)
    );
    each!("operation", operations, |m, o| o.name);
    each!("operation group", operation_groups, |m, g| g.name);
    each!("entity container", entity_containers, |m, c| c.name);
    each!("entity set", entity_sets, |m, s| s.name);
    each!("singleton", singletons, |m, s| s.name);
    each!("operation import", operation_imports, |m, i| i.name);
    each!("term", terms, |m, t| t.name);
    each!("target path", target_paths, |m, p| p.text);
    let annotations = |m: &Model| {
        m.all_annotations()
            .map(|(_, t, a)| {
                let q = a
                    .qualifier
                    .as_ref()
                    .map(|q| format!("#{q}"))
                    .unwrap_or_default();
                (
                    format!("{} @{}{q}", m.target_name(t), a.term),
                    (t, a.clone()),
                )
            })
            .collect::<Vec<_>>()
    };
    let (xa, ja) = (annotations(x), annotations(j));
    compare(
        &mut out,
        "annotation",
        xa.iter().map(|(n, e)| (n.clone(), e)).collect(),
        ja.iter().map(|(n, e)| (n.clone(), e)).collect(),
    );
    out
}

/// The reason for a difference in an element of one of the `loaded` vocabularies.
fn reason(loaded: &[String], key: &str) -> Option<&'static str> {
    KNOWN.iter().find_map(|(file, known, reason)| {
        let found = loaded
            .iter()
            .any(|name| (*file == "*" || file == name) && known.replace("{schema}", name) == key);
        found.then_some(*reason)
    })
}

/// Compares one pair; returns the rendered differences (with their values if `values`) for the snapshot.
fn check_pair(xml: &Model, json: &Model, values: bool) -> String {
    let loaded: Vec<String> = xml
        .schemas()
        .map(|(_, s)| s.namespace.to_string())
        .collect();
    let diffs = differences(xml, json);
    assert_eq!(
        diffs.is_empty(),
        xml == json,
        "{loaded:?}: the structural diff and Model::eq disagree"
    );
    let mut rendered = String::new();
    for d in &diffs {
        let reason = reason(&loaded, &d.key).unwrap_or_else(|| {
            panic!(
                "{loaded:?}: undocumented difference {}\n  xml:  {}\n  json: {}",
                d.key, d.xml, d.json
            )
        });
        if values {
            rendered.push_str(&format!(
                "{}\n  because: {reason}\n  xml:  {}\n  json: {}\n",
                d.key, d.xml, d.json
            ));
        } else {
            rendered.push_str(&format!("{}\n", d.key));
        }
    }
    for name in &loaded {
        for (file, key, _) in KNOWN {
            if file == name || *file == "*" {
                let key = key.replace("{schema}", name);
                assert!(
                    diffs.iter().any(|d| d.key == key),
                    "{name}: documented difference `{key}` no longer occurs"
                );
            }
        }
    }
    rendered
}

#[test]
fn every_vocabulary_pair_gives_the_same_model() {
    let names = names();
    assert_eq!(names.len(), 9, "the nine OASIS vocabularies");
    let mut report = String::new();
    let mut equal = 0;
    for name in &names {
        let xml = Model::from_csdl_xml(&read(name, "xml")).unwrap_or_else(|e| panic!("{e}"));
        let json = Model::from_csdl_json(&read(name, "json")).unwrap_or_else(|e| panic!("{e}"));
        // The same warnings (vocabularies referenced but not loaded), with locations.
        let kinds = |m: &Model| {
            m.warnings()
                .iter()
                .map(|w| w.kind().clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&xml), kinds(&json), "{name}");
        for w in json.warnings() {
            assert!(
                matches!(
                    w.kind(),
                    CsdlWarningKind::VocabularyNotLoaded { .. }
                        | CsdlWarningKind::UnloadedVocabularyBaseType { .. }
                ),
                "{name}: {w}"
            );
            let location = w.location().expect("located");
            assert!(location.line > 1, "{name}: {location}");
        }
        assert_eq!(xml.stats(), json.stats(), "{name}");
        let rendered = check_pair(&xml, &json, true);
        if rendered.is_empty() {
            equal += 1;
        }
        report.push_str(&format!("== {name}\n{rendered}"));
    }
    println!("{equal} of {} pairs give equal models", names.len());
    insta::assert_snapshot!("differences", report);
}

#[test]
fn every_vocabulary_pair_with_references_gives_the_same_model() {
    // Each file with the vocabularies it references (JSON referencing JSON, XML referencing XML).
    let mut report = String::new();
    for name in names() {
        let load = |ext: &str| {
            let mut loader = CsdlLoader::new();
            loader.resolver(dir_resolver(vocabularies()));
            let file = format!("{name}.{ext}");
            let text = read(&name, ext);
            loader
                .load(&file, &text)
                .unwrap_or_else(|e| panic!("{file}: {e}"))
        };
        let (xml, json) = (load("xml"), load("json"));
        assert!(json.warnings().is_empty(), "{name}: {:?}", json.warnings());
        // Every referenced vocabulary was loaded: no term or property type is known by name only.
        for (_, t) in json.terms() {
            assert!(!matches!(t.ty.kind, TypeKind::Vocabulary(_)), "{}", t.name);
        }
        let rendered = check_pair(&xml, &json, false);
        report.push_str(&format!("== {name}\n{rendered}"));
    }
    insta::assert_snapshot!("differences_with_references", report);
}

#[test]
fn json_documents_may_reference_xml_documents() {
    // JSON Capabilities whose references (written `….json`) are served as XML.
    let resolver = |uri: &str| {
        let file = uri.rsplit('/').next()?.strip_suffix(".json")?;
        std::fs::read_to_string(vocabularies().join(format!("{file}.xml"))).ok()
    };
    let name = "Org.OData.Capabilities.V1";
    let mixed = CsdlLoader::new()
        .resolver(resolver)
        .load_json("caps.json", &read(name, "json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let xml = CsdlLoader::new()
        .resolver(dir_resolver(vocabularies()))
        .load_xml("caps.xml", &read(name, "xml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(mixed.warnings().is_empty(), "{:?}", mixed.warnings());
    let documents: Vec<&str> = mixed
        .source_map()
        .documents()
        .iter()
        .map(|d| &*d.uri)
        .collect();
    assert_eq!(documents.len(), 4, "{documents:?}");
    // Only the main document's own differences remain: the references are XML on both sides.
    let diffs = differences(&xml, &mixed);
    let keys: Vec<&str> = diffs.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "annotation Org.OData.Capabilities.V1 @Org.OData.Core.V1.Links",
            "annotation Org.OData.Capabilities.V1.ExpandCollectionRestrictionsType/ExpandByKeyRestrictions @Org.OData.Core.V1.LongDescription",
        ]
    );
}

/// Facts that must hold for a model of the Capabilities vocabulary from either format.
fn capabilities_facts(model: &Model) {
    let filter = model
        .term_by_name("Capabilities.FilterRestrictions")
        .expect("alias-qualified lookup");
    let term = model.term(filter);
    assert_eq!(
        term.name.as_str(),
        "Org.OData.Capabilities.V1.FilterRestrictions"
    );
    assert!(!term.ty.collection && !term.ty.nullable);
    let TypeKind::Complex(ty) = term.ty.kind else {
        panic!("record-typed term")
    };
    assert_eq!(model.complex_type(ty).name.name(), "FilterRestrictionsType");
    assert_eq!(&*term.applies_to, ["EntitySet".into(), "Collection".into()]);
    let props = model.all_properties(StructuredTypeId::Complex(ty));
    let prop = |name: &str| {
        props
            .iter()
            .find(|(_, p)| &*p.name == name)
            .map(|(_, p)| *p)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(
        prop("Filterable").ty.kind,
        TypeKind::Primitive(odata_parser::edm::PrimitiveType::Boolean)
    );
    assert_eq!(prop("Filterable").default_value.as_deref(), Some("true"));
    let nfp = prop("NonFilterableProperties");
    assert!(nfp.ty.collection && !nfp.ty.nullable);
    assert_eq!(
        nfp.ty.kind,
        TypeKind::Abstract(odata_parser::edm::AbstractType::PropertyPath)
    );
    // An enumeration with flags and explicit values.
    let kinds = model
        .enum_type_by_name("Capabilities.IsolationLevel")
        .expect("enum");
    let kinds = model.enum_type(kinds);
    assert!(kinds.is_flags);
    assert_eq!(kinds.member("Snapshot").map(|m| m.value), Some(1));
    // Core.Description of the FilterRestrictions term, and a tag on a property.
    let description = model
        .annotation(Target::Term(filter), "Core.Description", None)
        .and_then(|a| a.value.as_ref()?.as_str().map(str::to_owned));
    assert_eq!(
        description.as_deref(),
        Some("Restrictions on filter expressions")
    );
    let media = model
        .complex_type_by_name("Capabilities.BatchSupportType")
        .and_then(|t| model.property_by_name(t.into(), "SupportedFormats"))
        .expect("property");
    let tag = model
        .annotation(Target::Property(media), "Core.IsMediaType", None)
        .expect("tag");
    assert_eq!((tag.value.as_ref(), tag.as_tag()), (None, Some(true)));
}

#[test]
fn known_facts_hold_for_both_formats() {
    let name = "Org.OData.Capabilities.V1";
    capabilities_facts(&Model::from_csdl_xml(&read(name, "xml")).expect("xml"));
    capabilities_facts(&Model::from_csdl_json(&read(name, "json")).expect("json"));

    // Typing without the vocabulary loaded: Aggregation's Core.Revisions record has an
    // enumeration-typed `Kind`, known from the standard-vocabulary table.
    for ext in ["xml", "json"] {
        let text = read("Org.OData.Aggregation.V1", ext);
        let model = CsdlLoader::new().load("a", &text).expect("loads");
        let (_, revisions) = model
            .annotations_with_term("Core.Revisions")
            .next()
            .expect("a revision");
        let items = revisions
            .value
            .as_ref()
            .and_then(|v| v.as_collection())
            .expect("items");
        let kind = items[0]
            .as_record()
            .and_then(|r| r.get("Kind"))
            .expect("Kind");
        let ExprKind::EnumMember(members) = &kind.kind else {
            panic!("{ext}: {kind:?}")
        };
        assert_eq!(&*members[0].enum_type, "Org.OData.Core.V1.RevisionKind");
        assert_eq!(&*members[0].member, "Deprecated");
    }
}

#[test]
fn load_time_of_the_largest_vocabulary() {
    // Figures only (targets live in the criterion bench): median of 15 loads.
    let median = |f: &dyn Fn()| {
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let name = "Org.OData.Capabilities.V1";
    let (xml, json) = (read(name, "xml"), read(name, "json"));
    let x = median(&|| drop(Model::from_csdl_xml(&xml).expect("xml")));
    let j = median(&|| drop(Model::from_csdl_json(&json).expect("json")));
    println!(
        "{name}: XML {} bytes {x:.2} ms, JSON {} bytes {j:.2} ms (median of 15, debug or release as built)",
        xml.len(),
        json.len()
    );
}
