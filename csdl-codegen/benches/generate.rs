//! Generation speed: the model → formatted Rust stage (`Config::generate_string`)
//! for Microsoft Graph v1.0 (3.4 MB of CSDL, ~25 MB of Rust) and for Outlook v2.0.
//! Target (issue 5): Graph under 2 s on the 2-core CI machine, request builders
//! included; `graph-v1.0-2026-07/models-only` is the same without them.

use criterion::{Criterion, criterion_group, criterion_main};
use csdl_codegen::Config;

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    let config = Config::new();
    let graph = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/metadata/graph-v1.0-2026-07.csdl"
    );
    match config.load(graph) {
        Ok(model) => {
            group.bench_function("graph-v1.0-2026-07", |b| {
                b.iter(|| {
                    config
                        .generate_string(std::hint::black_box(&model))
                        .expect("generates")
                });
            });
            let mut models_only = Config::new();
            models_only.request_builders(false);
            group.bench_function("graph-v1.0-2026-07/models-only", |b| {
                b.iter(|| {
                    models_only
                        .generate_string(std::hint::black_box(&model))
                        .expect("generates")
                });
            });
        }
        Err(e) => eprintln!("skipping Graph: {e}"),
    }
    let outlook = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated-models/metadata/outlook-v2.0.xml"
    );
    let model = config.load(outlook).expect("Outlook metadata loads");
    group.bench_function("outlook-v2.0", |b| {
        b.iter(|| {
            config
                .generate_string(std::hint::black_box(&model))
                .expect("generates")
        });
    });
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
