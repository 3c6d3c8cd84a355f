//! `odata diff` through the built binary: the three formats, the exit status CI gates on,
//! colour, stdin, and every documented error.

mod common;

use common::*;

fn pair(case: &str) -> (String, String) {
    let dir = format!("odata-parser/tests/diff/{case}");
    (
        repo(&format!("{dir}/old.xml")),
        repo(&format!("{dir}/new.xml")),
    )
}

#[test]
fn breaking_changes_exit_2_with_the_text_report() {
    let (old, new) = pair("properties");
    let out = run(odata().args(["diff", &old, &new]), 2);
    assert_eq!(out.stderr, "");
    assert!(!out.stdout.contains('\x1b'), "no colour into a pipe");
    insta::assert_snapshot!("properties_text", out.stdout);
}

#[test]
fn compatible_changes_exit_0() {
    let out = run(
        odata().args(["diff", &fixture("shop/v1.xml"), &fixture("shop/v2.xml")]),
        0,
    );
    assert!(
        out.stdout
            .starts_with("3 changes, 0 breaking (3 added, 0 removed, 0 changed)\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("+ property Shop.Customer/Phone [Edm.String]")
    );
    // Reversed, the additions are removals, which break.
    let out = run(
        odata().args(["diff", &fixture("shop/v2.xml"), &fixture("shop/v1.xml")]),
        2,
    );
    assert!(
        out.stdout.contains("! - property Shop.Customer/Phone"),
        "{}",
        out.stdout
    );
}

#[test]
fn identical_models_exit_0_whatever_the_format() {
    let twin = repo("odata-parser/src/edm/csdl/json/tests/twin/every_construct");
    // The same model in CSDL XML and CSDL JSON.
    let out = run(
        odata().args(["diff", &format!("{twin}.xml"), &format!("{twin}.json")]),
        0,
    );
    assert_eq!(out.stdout, "no differences\n");
    let out = run(
        odata().args(["diff", "--format", "json", &outlook(), &outlook()]),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["summary"]["total"], 0);
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
}

#[test]
fn json_parses_back_and_agrees_with_the_exit_status() {
    let (old, new) = pair("capabilities");
    let out = run(odata().args(["diff", "--format", "json", &old, &new]), 2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(v["summary"]["total"].as_u64(), Some(changes.len() as u64));
    let breaking = changes.iter().filter(|c| c["breaking"] == true).count();
    assert!(breaking > 0);
    assert_eq!(v["summary"]["breaking"].as_u64(), Some(breaking as u64));
    for c in changes {
        for key in ["kind", "element", "change", "reason"] {
            assert!(c[key].is_string(), "{key} in {c}");
        }
    }
    let out = run(
        odata().args([
            "diff",
            "--format",
            "json",
            &fixture("shop/v1.xml"),
            &fixture("shop/v2.xml"),
        ]),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let elements: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["element"].as_str().unwrap())
        .collect();
    assert_eq!(
        elements,
        [
            "Shop.Container/Archive",
            "Shop.Customer/Phone",
            "Shop.OrderStatus/Returned"
        ]
    );
    assert_eq!(v["summary"]["breaking"], 0);
}

#[test]
fn markdown_lists_breaking_changes_first() {
    let (old, new) = pair("enums");
    let out = run(
        odata().args(["diff", "--format", "markdown", &old, &new]),
        2,
    );
    assert!(out.stdout.starts_with("## Schema diff\n"), "{}", out.stdout);
    let breaking = out.stdout.find("### Breaking changes").unwrap();
    let other = out.stdout.find("### Other changes").unwrap();
    assert!(breaking < other);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (old, new) = pair("types");
    let out = run(odata().args(["--color", "always", "diff", &old, &new]), 2);
    assert!(out.stdout.contains("\x1b[1;31m!\x1b[0m"), "{}", out.stdout);
    // NO_COLOR only matters on a terminal; `never` wins everywhere.
    let out = run(
        odata()
            .env("NO_COLOR", "1")
            .args(["diff", "--color", "never", &old, &new]),
        2,
    );
    assert!(!out.stdout.contains('\x1b'));
}

#[test]
fn one_side_from_stdin() {
    let (old, new) = pair("navigation");
    let from_files = run(odata().args(["diff", &old, &new]), 2);
    let text = std::fs::read_to_string(&new).unwrap();
    let from_stdin = run(odata().args(["diff", &old, "-"]).write_stdin(text), 2);
    assert_eq!(from_files.stdout, from_stdin.stdout);
}

#[test]
fn input_errors_exit_64_65_66_not_2() {
    let (old, _) = pair("types");
    let out = run(odata().args(["diff", &old, "/nonexistent/new.xml"]), 66);
    assert!(
        out.stderr
            .starts_with("error: cannot read `/nonexistent/new.xml`: "),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    let bad = fixture("bad/malformed.xml");
    let out = run(odata().args(["diff", &bad, &old]), 65);
    assert!(
        out.stderr
            .contains(&format!("--> {bad}:6:5: malformed XML")),
        "{}",
        out.stderr
    );
    run(
        odata().args(["diff", &old, &fixture("bad/unresolved.xml")]),
        65,
    );
    run(
        odata().args(["diff", &old, &fixture("bad/missing-reference.xml")]),
        66,
    );
    let out = run(odata().args(["diff", "-", "-"]), 64);
    assert!(
        out.stderr
            .contains("OLD and NEW cannot both be read from stdin")
    );
    run(odata().args(["diff", &old]), 64);
    run(odata().args(["diff", "--format", "html", &old, &old]), 64);
}
