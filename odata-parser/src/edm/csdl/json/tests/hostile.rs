//! Hostile input fails cleanly: no panic, no unbounded recursion, errors with positions.

use super::{errors, jdoc};
use crate::edm::{CsdlErrorKind, CsdlLoader, Limits, Model};

fn kind(json: &str) -> CsdlErrorKind {
    let e = Model::from_csdl_json(json).expect_err("rejected");
    e.errors[0].kind().clone()
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Far deeper than serde_json's recursion limit (128) and our own (64).
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let deep = format!("{}1{}", open.repeat(200_000), close.repeat(200_000));
        assert!(matches!(kind(&deep), CsdlErrorKind::TooDeep { limit: 64 }));
        // Unclosed: malformed, still no recursion.
        assert!(matches!(
            kind(&open.repeat(200_000)),
            CsdlErrorKind::Json(_)
        ));
    }
    // Inside a schema: the error names where.
    let deep = jdoc(&format!(
        "    \"A\": {{ \"$Kind\": \"ComplexType\", \"@Core.Description\": {}1{} }}",
        "[".repeat(100),
        "]".repeat(100)
    ));
    let e = errors(&deep);
    assert!(e.starts_with("5:"), "{e}");
    assert!(
        e.contains("elements nested deeper than 64 levels @ /NS/A/@Core.Description/0/0/0"),
        "{e}"
    );
    // Just within the limit, the expression tree loads.
    let ok = jdoc(&format!(
        "    \"A\": {{ \"$Kind\": \"ComplexType\", \"@Core.Description\": {}1{} }}",
        "[".repeat(55),
        "]".repeat(55)
    ));
    assert!(Model::from_csdl_json(&ok).is_ok());
    let mut l = CsdlLoader::new();
    l.limits(Limits {
        max_depth: 2,
        ..Limits::default()
    });
    // Document, schema, complex type: three levels.
    let e = l.load_json("x", &jdoc("    \"A\": { \"$Kind\": \"ComplexType\" }"));
    assert!(matches!(
        e.expect_err("depth 2").errors[0].kind(),
        CsdlErrorKind::TooDeep { limit: 2 }
    ));
}

#[test]
fn huge_and_odd_input() {
    // A member name of 1 MiB, a 1 MiB string value, and 100 000 members.
    let long = "A".repeat(1 << 20);
    assert!(matches!(
        kind(&jdoc(&format!("    \"{long}\": {{}}"))),
        CsdlErrorKind::NameTooLong { limit: 1024, .. }
    ));
    let text = "x".repeat(1 << 20);
    let m = Model::from_csdl_json(&jdoc(&format!(
        "    \"A\": {{ \"$Kind\": \"ComplexType\", \"@Core.Description\": \"{text}\" }}"
    )))
    .expect("a long description is fine");
    assert_eq!(m.stats().complex_types, 1);
    let many: String = (0..100_000).map(|i| format!("\"P{i}\": {{}}, ")).collect();
    let m = Model::from_csdl_json(&jdoc(&format!(
        "    \"A\": {{ {many}\"$Kind\": \"ComplexType\" }}"
    )))
    .expect("many properties");
    assert_eq!(m.stats().properties, 100_000);
    // Each member with its own annotation: grouped once, not searched once per member.
    let members: String = (0..100_000)
        .map(|i| format!("\"M{i}\": {i}, \"M{i}@Core.Description\": \"m\", "))
        .collect();
    let m = Model::from_csdl_json(&jdoc(&format!(
        "    \"E\": {{ {members}\"$Kind\": \"EnumType\" }}"
    )))
    .expect("many annotated members");
    assert_eq!(m.stats().annotations, 100_000);
    let dup = format!("    \"A\": {{ {many}\"P99999\": {{}}, \"$Kind\": \"ComplexType\" }}");
    assert!(matches!(
        kind(&jdoc(&dup)),
        CsdlErrorKind::DuplicateMember { .. }
    ));
    // Escapes in names: decoded; positions fall back to the whole name.
    let m = Model::from_csdl_json(&jdoc(
        r#"    "\u0041": { "$Kind": "ComplexType", "\u0050": { "$Type": "Edm.Int32" } }"#,
    ))
    .expect("escaped names");
    assert!(m.complex_type_by_name("NS.A").is_some());
    // Lone surrogates, control characters and non-JSON numbers are malformed JSON.
    for bad in [r#""\ud800""#, "\"a\u{1}b\"", "01", "1.", "NaN", "'x'"] {
        let json = jdoc(&format!(
            "    \"A\": {{ \"$Kind\": \"ComplexType\", \"@n.T\": {bad} }}"
        ));
        assert!(matches!(kind(&json), CsdlErrorKind::Json(_)), "{bad}");
    }
    // Numbers out of range: a clear error for enum values, kept as written in annotations.
    let e = errors(&jdoc(r#"    "E": { "$Kind": "EnumType", "A": 1e400 }"#));
    assert!(e.contains("invalid value `1e400` for `Value`"), "{e}");
    let m = Model::from_csdl_json(&jdoc(
        r#"    "A": { "$Kind": "ComplexType", "@Core.Description": 123456789012345678901234567890 }"#,
    ))
    .expect("kept as written");
    assert!(!m.warnings().is_empty());
    // Types where names belong.
    for bad in [
        r#""$Reference": 1"#,
        r#""$Reference": { "u": { "$Include": {} } }"#,
        r#""$Reference": { "u": { "$Include": [1] } }"#,
        r#""NS": []"#,
    ] {
        let json = format!("{{ {bad} }}");
        assert!(
            matches!(kind(&json), CsdlErrorKind::WrongJsonType { .. }),
            "{bad}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_positions_stay_right() {
    let json = format!(
        "\u{feff}{}",
        jdoc(r#"    "A": { "$Kind": "ComplexType", "P": { "$Type": "n.Nope" } }"#)
    );
    let e = Model::from_csdl_json(&json).expect_err("unresolved");
    use crate::span::Spanned;
    assert_eq!(&json[e.errors[0].span().range()], "n.Nope");
    assert_eq!(e.errors[0].location().map(|l| l.line), Some(5));
}
