//! Helpers shared by the integration tests: the built binary, fixture paths, output text.

#![allow(dead_code)] // each test file uses a part

use std::path::{Path, PathBuf};

pub use assert_cmd::Command;

/// The `odata` binary, with colour left to its defaults (the tests' stdout is a pipe).
pub fn odata() -> Command {
    let mut cmd = Command::cargo_bin("odata").expect("the odata binary");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A file under `odata-cli/tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

/// A file of the workspace.
pub fn repo(rel: &str) -> String {
    workspace().join(rel).display().to_string()
}

/// The Outlook v2.0 metadata.
pub fn outlook() -> String {
    repo("generated-models/metadata/outlook-v2.0.xml")
}

/// The OASIS vocabularies (XML and JSON), sorted.
pub fn vocabularies() -> Vec<PathBuf> {
    let dir = workspace().join("../shared/spec/vocabularies");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml" || x == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 18, "9 vocabularies in XML and JSON");
    files
}

/// stdout and stderr of a finished command.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd`, asserting the exit status.
pub fn run(cmd: &mut Command, code: i32) -> Out {
    let output = cmd.output().expect("run odata");
    let out = Out {
        code: output.status.code().expect("an exit status"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    };
    assert_eq!(
        out.code, code,
        "exit status\n--- stdout\n{}\n--- stderr\n{}",
        out.stdout, out.stderr
    );
    out
}
