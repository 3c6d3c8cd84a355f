//! `odata check` end to end through the built binary.

use assert_cmd::Command;

fn odata() -> Command {
    Command::cargo_bin("odata").expect("the odata binary")
}

#[test]
fn clean_url_exits_0() {
    let out = odata()
        .args([
            "check",
            "https://outlook.office.com/api/v2.0/me/messages?$filter=IsRead eq false&$top=5",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.starts_with("ok: https://outlook.office.com"),
        "{stdout}"
    );
}

#[test]
fn error_exits_1_with_caret_code_message_and_help() {
    let url = "https://outlook.office.com/api/v2.0/me/messages?$filter=ChangeKey eq 'x'";
    let out = odata().args(["check", url]).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("error[odata::not_filterable]: property 'ChangeKey' is not filterable"),
        "{stdout}"
    );
    let col = url.find("ChangeKey").unwrap();
    assert!(
        stdout.contains(&format!("   | {}{}\n", " ".repeat(col), "^".repeat(9))),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "service: ErrorInvalidProperty: The property 'ChangeKey' does not support filtering."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("help: FilterRestrictions/NonFilterableProperties"),
        "{stdout}"
    );
}

#[test]
fn json_output_parses_back() {
    let url =
        "https://outlook.office.com/api/v2.0/me/messages?$filter=startswith(Subject,'Re')&$top=100";
    let out = odata()
        .args(["check", "--format", "json", url])
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["url"], url);
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["code"], "outlook::filter_method");
    assert_eq!(d[0]["severity"], "error");
    let (s, e) = (
        d[0]["start"].as_u64().unwrap() as usize,
        d[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&url[s..e], "startswith");
    assert_eq!(d[0]["service_error"]["code"], "ErrorInvalidUrlQueryFilter");
    assert_eq!(d[1]["code"], "outlook::top_limit");
}

#[test]
fn stdin_headers_and_profiles() {
    let input = "GET https://outlook.office.com/api/v2.0/me/MailFolders/Inbox/messages?$filter=IsRead eq false HTTP/1.1\n\nhttps://outlook.office.com/api/v2.0/me/contacts\n";
    let out = odata()
        .args([
            "check",
            "--format",
            "json",
            "-H",
            "Prefer: odata.track-changes",
            "-",
        ])
        .write_stdin(input)
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["diagnostics"][0]["code"], "outlook::sync_filter");
    assert_eq!(lines[1]["errors"], 0);
    // the standard profile is case-sensitive
    odata()
        .args([
            "check",
            "--profile",
            "standard",
            "https://outlook.office.com/api/v2.0/me/messages",
        ])
        .assert()
        .code(1);
}

#[test]
fn metadata_in_json_with_references() {
    // The shop fixture references common.xml in its folder; a JSON document works too.
    let shop = format!("{}/tests/fixtures/shop/v1.xml", env!("CARGO_MANIFEST_DIR"));
    odata()
        .args([
            "check",
            "--metadata",
            &shop,
            "https://host/svc/Customers?$filter=Name eq 'x'",
        ])
        .assert()
        .success();
    let out = odata()
        .args([
            "check",
            "--metadata",
            &shop,
            "https://host/svc/Customers?$filter=Created gt 2020-01-01T00:00:00Z",
        ])
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("error[odata::not_filterable]"), "{stdout}");
    let json = format!(
        "{}/../odata-parser/src/edm/csdl/json/tests/twin/every_construct.json",
        env!("CARGO_MANIFEST_DIR")
    );
    odata()
        .args([
            "check",
            "--metadata",
            &json,
            "--format",
            "json",
            "https://host/svc/$metadata",
        ])
        .assert()
        .success();
}

#[test]
fn an_invalid_url_is_a_finding() {
    let out = odata()
        .args([
            "check",
            "--format",
            "json",
            "https://outlook.office.com/api/v2.0/me/messages?$filter=Subject eq",
        ])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .trim(),
    )
    .unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
}

#[test]
fn input_and_usage_errors_have_their_own_statuses() {
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let stderr = |code: i32, args: &[&str]| {
        let out = odata().args(args).assert().code(code);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let e = stderr(66, &["check", "--metadata", "/nonexistent.xml", "me"]);
    assert!(
        e.starts_with("error: cannot read `/nonexistent.xml`: "),
        "{e}"
    );
    let bad = format!("{fixtures}/bad/malformed.xml");
    let e = stderr(65, &["check", "--metadata", &bad, "me"]);
    assert!(e.contains(&format!("--> {bad}:6:5: malformed XML")), "{e}");
    let e = stderr(64, &["check", "-H", "Prefer", "me"]);
    assert!(
        e.contains("a header is written 'Name: value', found 'Prefer'"),
        "{e}"
    );
    stderr(64, &["check", "-X", "FETCH", "me"]);
    stderr(64, &["check", "--profile", "odata-9", "me"]);
    stderr(64, &["check"]);
    stderr(64, &["check", "--metadata", "-", "-"]);
    let help = odata().args(["check", "--help"]).assert().success();
    let help = String::from_utf8(help.get_output().stdout.clone()).unwrap();
    assert!(help.contains("Examples:\n  odata check"), "{help}");
    assert!(
        help.contains("Exit status (the same for every command):"),
        "{help}"
    );
}
