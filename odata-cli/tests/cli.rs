//! The `odata parse` interface, end to end through the built binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn odata(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_odata"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run odata");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn parse_prints_canonical_form_and_tree() {
    let o = odata(
        &["parse", "--filter", "Name EQ 'Milk' AND Price LT 2.55"],
        "",
    );
    assert!(o.status.success());
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("Name eq 'Milk' and Price lt 2.55"));
    assert!(lines.next().unwrap().starts_with("(and@0..32 (eq@0..14"));
}

#[test]
fn bad_input_exits_1_with_offset_message_and_caret() {
    let o = odata(&["parse", "--filter", "Price eq"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("error: expected an expression after 'eq', found end of input"),
        "{err}"
    );
    assert!(err.contains("offset 8"), "{err}");
    assert!(err.contains("   | Price eq\n   |         ^"), "{err}");
}

#[test]
fn lines_prints_one_line_per_input_line() {
    let input = "IsRead eq false\n\nPrice eq\na\teq\t1\nName eq 'x\n";
    let o = odata(&["parse", "--filter", "--lines"], input);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "OK IsRead eq false\n\
         ERR 0 expected an expression, found end of input\n\
         ERR 8 expected an expression after 'eq', found end of input\n\
         OK a eq 1\n\
         ERR 10 expected ''' to close the string, found end of input\n"
    );
}

#[test]
fn lines_with_queries_report_raw_offsets() {
    let o = odata(
        &["parse", "--query", "--lines"],
        "$top=5&$filter=a%20eq%20\n$filter=IsRead+eq+false",
    );
    assert_eq!(
        stdout(&o),
        "ERR 24 expected an expression after 'eq', found end of input\n\
         ERR 14 expected an operator or end of input, found '+'\n"
    );
    let o = odata(
        &["parse", "--query", "--lines", "--lenient"],
        "$filter=IsRead+eq+false\n",
    );
    assert_eq!(stdout(&o), "OK $filter=IsRead%20eq%20false\n");
}

#[test]
fn bench_prints_counts_and_seconds() {
    let o = odata(
        &["parse", "--filter", "--lines", "--bench"],
        "a eq 1\nb eq\n\nc\n",
    );
    assert!(o.status.success());
    let out = stdout(&o);
    let line = out.trim_end();
    assert!(line.starts_with("accepted=2 rejected=2 seconds="), "{line}");
    let seconds: f64 = line.rsplit('=').next().unwrap().parse().unwrap();
    assert!(seconds >= 0.0);
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn parse_usage_errors_exit_64() {
    // No input and no --lines.
    let o = odata(&["parse", "--filter"], "");
    assert_eq!(o.status.code(), Some(64));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("give the input after the option")
    );
    // Two kinds, a flag that does not exist, --bench without --lines.
    for args in [
        &["parse", "--filter", "a", "--select", "b"][..],
        &["parse", "--where", "a"],
        &["parse", "--filter", "a", "--bench"],
    ] {
        assert_eq!(odata(args, "").status.code(), Some(64), "{args:?}");
    }
}

#[test]
fn an_invalid_url_exits_1_with_its_position() {
    let o = odata(&["parse", "--url", "https://host/svc/People?$top=-1"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("offset"), "{err}");
}

/// Every command's help has examples and the exit-status table; help and version exit 0,
/// a missing or unknown command 64.
#[test]
fn help_and_top_level_usage() {
    for command in ["check", "parse", "stats", "diff", "generate"] {
        let o = odata(&[command, "--help"], "");
        assert_eq!(o.status.code(), Some(0), "{command}");
        let help = stdout(&o);
        assert!(
            help.contains(&format!("Examples:\n  odata {command}")),
            "{command}: {help}"
        );
        assert!(
            help.contains("Exit status (the same for every command):\n  0 "),
            "{command}"
        );
        assert!(help.contains("\n  64  usage"), "{command}");
    }
    let o = odata(&["--help"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("  generate  Write a standalone crate"));
    let o = odata(&["--version"], "");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("odata {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(odata(&[], "").status.code(), Some(64));
    assert_eq!(odata(&["frobnicate"], "").status.code(), Some(64));
    assert_eq!(
        odata(&["--color", "sometimes", "stats", "x"], "")
            .status
            .code(),
        Some(64)
    );
}

/// Status 74: stdout cannot be written (`/dev/full`), stdin cannot be read (a directory).
#[cfg(target_os = "linux")]
#[test]
fn io_errors_exit_74() {
    use std::fs::File;

    let outlook = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated-models/metadata/outlook-v2.0.xml"
    );
    let full = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_odata"))
            .args(args)
            .stdout(File::create("/dev/full").unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8(o.stderr).unwrap())
    };
    let (code, err) = full(&["stats", outlook]);
    assert_eq!(code, Some(74));
    assert!(
        err.starts_with("error: cannot write the output: No space left on device"),
        "{err}"
    );
    assert_eq!(full(&["diff", outlook, outlook]).0, Some(74));
    assert_eq!(full(&["check", "me/messages"]).0, Some(74));

    let directory = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_odata"))
            .args(args)
            .stdin(File::open("/").unwrap())
            .output()
            .unwrap()
    };
    let o = directory(&["stats", "-"]);
    assert_eq!(o.status.code(), Some(74));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .starts_with("error: cannot read stdin")
    );
    assert_eq!(directory(&["check", "-"]).status.code(), Some(74));
    assert_eq!(
        directory(&["parse", "--filter", "--lines"]).status.code(),
        Some(74)
    );
}
