//! Microsoft Graph at scale: generates the models and request builders for the
//! Graph v1.0 CSDL (3.4 MB) into a temporary crate and `cargo check`s it
//! (`GRAPH_MODELS_ONLY=1`: without the request builders, for comparison). Ignored by default
//! (it compiles the generated crate's dependencies once, then checks ~20 MB
//! of code); run with
//!
//! ```text
//! cargo test -p csdl-codegen --test graph -- --ignored --nocapture
//! ```
//!
//! It prints the figures the README records; speed targets are measured by
//! `cargo bench -p csdl-codegen` (generation) and by this test (check time).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const GRAPH: &str = "../../shared/metadata/graph-v1.0-2026-07.csdl";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cargo_check(dir: &Path, target: &Path) -> (bool, String, f64) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--message-format=short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // No incremental reuse: the figure is a full check of the generated crate.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), stderr, seconds)
}

#[test]
#[ignore = "generates and cargo-checks Microsoft Graph (a few minutes the first time)"]
fn graph_models_generate_and_compile() {
    let mut config = csdl_codegen::Config::new();
    config.request_builders(std::env::var_os("GRAPH_MODELS_ONLY").is_none());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GRAPH);

    let start = Instant::now();
    let model = config.load(&path).unwrap();
    let load = start.elapsed();
    let start = Instant::now();
    let code = config.generate_string(&model).unwrap();
    let generate = start.elapsed();
    let stats = model.stats();
    println!(
        "graph: {} entity types, {} complex types, {} enum types",
        stats.entity_types, stats.complex_types, stats.enum_types
    );
    println!(
        "graph: load {load:.2?}, generate {generate:.2?}, {:.1} MB, {} lines",
        code.len() as f64 / 1e6,
        code.lines().count()
    );

    let dir = tempfile::tempdir().unwrap();
    let runtime = workspace().join("odata-parser");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        format!(
            "[package]\nname = \"graph-models\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nodata-parser = {{ path = {:?}, features = [\"client\"] }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(
        workspace().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/graph.rs"), &code).unwrap();
    std::fs::write(
        dir.path().join("src/lib.rs"),
        "//! Microsoft Graph v1.0 models.\n#![deny(missing_docs)]\ninclude!(\"graph.rs\");\n",
    )
    .unwrap();
    let target = std::env::var_os("GRAPH_CHECK_TARGET_DIR")
        .map_or_else(|| workspace().join("target/graph-check"), PathBuf::from);

    // Dependencies first (built once, then reused), then the generated crate alone.
    let (ok, stderr, with_deps) = cargo_check(dir.path(), &target);
    assert!(ok, "cargo check failed:\n{stderr}");
    std::fs::write(
        dir.path().join("src/lib.rs"),
        "//! Microsoft Graph v1.0 models (checked again).\n#![deny(missing_docs)]\ninclude!(\"graph.rs\");\n",
    )
    .unwrap();
    let (ok, stderr, alone) = cargo_check(dir.path(), &target);
    assert!(ok, "cargo check failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
    println!(
        "graph: cargo check {with_deps:.1} s with dependencies, {alone:.1} s for the generated crate"
    );
}
