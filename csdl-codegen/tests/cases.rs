//! Snapshot tests of generated code, one case per folder under `tests/cases/`:
//! `metadata.xml` → insta snapshot `expected.snap` next to it. The
//! `csdl-codegen-cases` crate compiles the same output and calls it.

use odata_parser::edm::CsdlLoader;

include!("cases/configs.rs");

/// The code generated for `case`, with the document named `<case>/metadata.xml`.
fn generate(case: &str) -> String {
    let path = format!(
        "{}/tests/cases/{case}/metadata.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let xml = std::fs::read_to_string(path).unwrap();
    let model = CsdlLoader::new()
        .load_xml(&format!("{case}/metadata.xml"), &xml)
        .unwrap();
    case_config(case).generate_string(&model).unwrap()
}

#[test]
fn every_case_matches_its_snapshot() {
    for case in CASES {
        let code = generate(case);
        insta::with_settings!({
            snapshot_path => format!("cases/{case}"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!("expected", code);
        });
    }
}

#[test]
fn generation_is_deterministic() {
    for case in CASES {
        assert!(
            generate(case) == generate(case),
            "{case}: two generations differ"
        );
    }
}
