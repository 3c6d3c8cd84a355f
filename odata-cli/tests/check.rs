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
    odata()
        .args(["check", "--metadata", "/nonexistent.xml", "me"])
        .assert()
        .code(2);
    let help = odata().args(["check", "--help"]).assert().success();
    assert!(
        String::from_utf8(help.get_output().stdout.clone())
            .unwrap()
            .contains("Exit status: 0")
    );
}
