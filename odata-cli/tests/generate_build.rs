//! The crates `odata generate` writes build with `cargo build` as they are: for the Outlook
//! metadata, the shop fixture (whose generated API a test then calls), a CSDL JSON document
//! with references, and every OASIS vocabulary; Microsoft Graph is ignored by default.
//!
//! Every crate builds in one shared target directory (`target/tmp/odata-generate`, or
//! `ODATA_GENERATE_TARGET_DIR`), so the runtime and its dependencies compile once; then
//! each generated crate takes about a second. `--offline`: the workspace's own build has
//! already fetched every dependency.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Instant;

use common::*;

fn target_dir() -> PathBuf {
    std::env::var_os("ODATA_GENERATE_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("odata-generate"),
        PathBuf::from,
    )
}

fn generate(metadata: &Path, out: &Path) {
    run(
        odata().args([
            "generate",
            "--metadata",
            metadata.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]),
        0,
    );
}

/// `cargo <subcommand>` in `dir`; the compiler's warnings on success (panics on failure).
fn cargo(dir: &Path, subcommand: &str) -> Vec<String> {
    let start = Instant::now();
    let output = Process::new(env!("CARGO"))
        .args([subcommand, "--offline", "--quiet", "--message-format=short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "cargo {subcommand} failed in {}:\n{stderr}",
        dir.display()
    );
    println!(
        "cargo {subcommand} {}: {:.1} s",
        dir.file_name().unwrap().to_string_lossy(),
        start.elapsed().as_secs_f64()
    );
    stderr
        .lines()
        .filter(|l| l.contains("warning:") && !l.starts_with("warning: `"))
        .map(str::to_owned)
        .collect()
}

/// Asserts that a build of a generated crate left no compiler warning.
fn assert_no_warnings(name: &str, warnings: &[String]) {
    assert!(warnings.is_empty(), "{name}: {warnings:#?}");
}

#[test]
fn outlook_shop_and_json_crates_build_and_the_shop_api_works() {
    let tmp = tempfile::tempdir().unwrap();

    let outlook_dir = tmp.path().join("outlook-models");
    generate(Path::new(&outlook()), &outlook_dir);
    assert_no_warnings("outlook", &cargo(&outlook_dir, "build"));

    let shop_dir = tmp.path().join("shop-models");
    generate(Path::new(&fixture("shop/v1.xml")), &shop_dir);
    std::fs::create_dir(shop_dir.join("tests")).unwrap();
    std::fs::copy(
        fixture("shop-usage/usage.rs"),
        shop_dir.join("tests/usage.rs"),
    )
    .unwrap();
    assert_no_warnings("shop", &cargo(&shop_dir, "build"));
    assert_no_warnings("shop", &cargo(&shop_dir, "test"));

    // CSDL JSON, with a reference written `"common"` (found as common.json).
    let json_dir = tmp.path().join("every-construct");
    generate(
        &workspace().join("odata-parser/src/edm/csdl/json/tests/twin/every_construct.json"),
        &json_dir,
    );
    assert_no_warnings("every-construct", &cargo(&json_dir, "build"));
}

/// Each OASIS vocabulary, XML and JSON, as it is (csdl-codegen does not generate the
/// standard namespaces: the crate is empty) and under a namespace renamed from
/// `Org.OData.*` to `Vocab.Org.OData.*`, so that its types (complex types with abstract
/// `Edm.PrimitiveType` and `Edm.AnnotationPath` members, enumerations, flags, type
/// definitions, derived types) are generated like any service's.
#[test]
fn every_vocabulary_builds_as_is_and_renamed() {
    let tmp = tempfile::tempdir().unwrap();
    let renamed = tmp.path().join("renamed");
    std::fs::create_dir(&renamed).unwrap();
    for file in vocabularies() {
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            renamed.join(name.replace("Org.OData.", "Vocab.Org.OData.")),
            text.replace("Org.OData.", "Vocab.Org.OData."),
        )
        .unwrap();
    }
    let mut renamed_files: Vec<PathBuf> = std::fs::read_dir(&renamed)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    renamed_files.sort();

    for file in vocabularies().into_iter().chain(renamed_files) {
        let stem = file
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('.', "-");
        let dir = tmp.path().join(stem.to_lowercase());
        generate(&file, &dir);
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        if stem.starts_with("Vocab") {
            assert!(lib.contains("pub mod vocab {"), "{stem}: types generated");
        }
        assert_no_warnings(&stem.to_lowercase(), &cargo(&dir, "build"));
    }
}

/// Microsoft Graph v1.0 (3.4 MB of CSDL, ~20 MB of generated code) through the CLI, then
/// `cargo check` (a full debug build takes several minutes). Run with
/// `cargo test -p odata-cli --test generate_build -- --ignored --nocapture`.
#[test]
#[ignore = "generates Microsoft Graph and cargo-checks it (about two minutes)"]
fn graph_crate_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("graph-models");
    let start = Instant::now();
    generate(
        &workspace().join("../shared/metadata/graph-v1.0-2026-07.csdl"),
        &dir,
    );
    println!("generate: {:.1} s", start.elapsed().as_secs_f64());
    assert_no_warnings("graph", &cargo(&dir, "check"));
}
