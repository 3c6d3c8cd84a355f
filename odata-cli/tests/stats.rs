//! `odata stats` through the built binary: text and JSON, XML and JSON input, stdin,
//! references, and every documented error.

mod common;

use common::*;

#[test]
fn outlook_text_snapshot() {
    let out = run(odata().args(["stats", &outlook()]), 0);
    // The referenced standard vocabularies are not worth a warning line.
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("outlook_stats", out.stdout);
}

#[test]
fn outlook_json_parses_back_with_fixed_keys() {
    let out = run(odata().args(["stats", "--format", "json", &outlook()]), 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["file"], outlook());
    assert_eq!(v["schemas"], 1);
    assert_eq!(v["entity_types"], 24);
    assert_eq!(v["entity_sets"], 1);
    assert_eq!(v["singletons"], 1);
    assert_eq!(v["actions"], 13);
    let by_term = v["annotations_by_term"].as_object().unwrap();
    assert_eq!(by_term["Org.OData.Capabilities.V1.FilterRestrictions"], 37);
    let sum: u64 = by_term.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(v["annotations"].as_u64(), Some(sum));
    // Keys in a fixed order, whatever features serde_json is built with.
    let keys: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim_start().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "version",
            "file",
            "documents",
            "schemas",
            "entity_types",
            "complex_types",
            "enum_types",
            "type_definitions",
            "properties",
            "navigation_properties",
            "actions",
            "functions",
            "entity_containers",
            "entity_sets",
            "singletons",
            "action_imports",
            "function_imports",
            "terms",
            "annotations",
            "annotations_by_term",
            "warnings",
        ]
    );
}

#[test]
fn references_resolve_in_the_documents_folder() {
    let out = run(
        odata().args(["stats", "--format", "json", &fixture("shop/v1.xml")]),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    // v1.xml and common.xml (Shop.Common).
    assert_eq!(v["documents"], 2);
    assert_eq!(v["schemas"], 2);
    assert_eq!(v["complex_types"], 1);
    assert_eq!(v["type_definitions"], 1);
    assert_eq!(v["function_imports"], 1);
}

#[test]
fn json_csdl_counts_like_its_xml_twin_and_stdin_works() {
    let twin = repo("odata-parser/src/edm/csdl/json/tests/twin/every_construct");
    let counts = |out: &Out| {
        let mut v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v.as_object_mut().unwrap().remove("file");
        v.as_object_mut().unwrap().remove("warnings");
        v
    };
    let xml = run(
        odata().args(["stats", "--format", "json", &format!("{twin}.xml")]),
        0,
    );
    let json = run(
        odata().args(["stats", "--format", "json", &format!("{twin}.json")]),
        0,
    );
    assert_eq!(counts(&xml), counts(&json));
    assert_eq!(
        counts(&xml)["documents"],
        2,
        "common.xml found for Uri=\"common\""
    );
    // Warnings are printed on stderr with line:column.
    assert!(
        xml.stderr
            .contains("every_construct.xml:53:13: annotation on `ReferentialConstraint` ignored"),
        "{}",
        xml.stderr
    );

    let text = std::fs::read_to_string(outlook()).unwrap();
    let stdin = run(odata().args(["stats", "-"]).write_stdin(text), 0);
    let file = run(odata().args(["stats", &outlook()]), 0);
    assert_eq!(stdin.stdout, file.stdout);
    let stdin = run(
        odata()
            .args(["stats", "--format", "json", "-"])
            .write_stdin("{\"$Version\": \"4.01\"}"),
        0,
    );
    assert!(
        stdin.stdout.contains("\"file\": \"<stdin>\""),
        "{}",
        stdin.stdout
    );
}

#[test]
fn missing_file_exits_66() {
    let out = run(odata().args(["stats", "/nonexistent/metadata.xml"]), 66);
    assert!(
        out.stderr
            .starts_with("error: cannot read `/nonexistent/metadata.xml`: "),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    let dir = fixture("shop");
    let out = run(odata().args(["stats", &dir]), 66);
    assert!(
        out.stderr
            .starts_with(&format!("error: cannot read `{dir}`"))
    );
}

#[test]
fn missing_reference_exits_66() {
    let path = fixture("bad/missing-reference.xml");
    let out = run(odata().args(["stats", &path]), 66);
    assert_eq!(
        out.stderr,
        format!(
            "error: `{path}` references documents that cannot be found (1 error)\n  \
             --> {path}:3:24: referenced document `nowhere.xml` could not be loaded\n      \
             in edmx:Edmx/edmx:Reference[nowhere.xml]\n  \
             = help: a referenced document is read from the folder of the document that \
             references it, named after the last segment of its Uri (as is, or with .xml or .json)\n"
        )
    );
}

#[test]
fn invalid_documents_exit_65_with_line_and_column() {
    let cases = [
        (
            "bad/malformed.xml",
            ":6:5: malformed XML: ill-formed document: expected `</EntityType>`, but `</Schema>` was found",
        ),
        (
            "bad/malformed.json",
            ":1:28: malformed JSON: EOF while parsing a value",
        ),
        ("bad/unresolved.xml", ":8:38: unresolved type `Bad.Person`"),
    ];
    for (file, message) in cases {
        let path = fixture(file);
        let out = run(odata().args(["stats", &path]), 65);
        assert!(
            out.stderr.starts_with(&format!(
                "error: `{path}` is not a valid CSDL document (1 error)\n  --> {path}{message}"
            )),
            "{file}: {}",
            out.stderr
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.xml");
    std::fs::write(&latin1, b"<edmx:Edmx Version=\"4.0\">caf\xe9</edmx:Edmx>").unwrap();
    let out = run(odata().args(["stats", latin1.to_str().unwrap()]), 65);
    assert!(
        out.stderr
            .contains("is not UTF-8 text: invalid utf-8 sequence of 1 bytes from index 28"),
        "{}",
        out.stderr
    );
    let out = run(odata().args(["stats", "-"]).write_stdin(""), 65);
    assert!(
        out.stderr
            .starts_with("error: `<stdin>` is not a valid CSDL document"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_exit_64() {
    run(odata().args(["stats"]), 64);
    let out = run(odata().args(["stats", "--format", "yaml", &outlook()]), 64);
    assert!(
        out.stderr
            .contains("invalid value 'yaml' for '--format <FORMAT>'")
    );
}
