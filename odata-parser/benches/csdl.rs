//! CSDL loading speed: Microsoft Graph v1.0 (3.4 MB), read + resolve.
//! Target (issue 3): median under 50 ms on the 2-core CI machine.
//! Also the largest OASIS vocabulary (Capabilities) in both formats: the CSDL JSON
//! reader has no target beyond "comparable to the XML reader".

use criterion::{Criterion, criterion_group, criterion_main};
use odata_parser::edm::Model;

fn graph(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/metadata/graph-v1.0-2026-07.csdl"
    );
    let Ok(xml) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mut group = c.benchmark_group("csdl");
    group.sample_size(30);
    group.bench_function("graph-v1.0-2026-07 load", |b| {
        b.iter(|| Model::from_csdl_xml(std::hint::black_box(&xml)).expect("graph loads"));
    });
    let vocab = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/spec/vocabularies/Org.OData.Capabilities.V1.xml"
    );
    if let Ok(xml) = std::fs::read_to_string(vocab) {
        group.bench_function("Capabilities.V1 load", |b| {
            b.iter(|| Model::from_csdl_xml(std::hint::black_box(&xml)).expect("vocabulary loads"));
        });
    }
    let vocab_json = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/spec/vocabularies/Org.OData.Capabilities.V1.json"
    );
    if let Ok(json) = std::fs::read_to_string(vocab_json) {
        group.bench_function("Capabilities.V1 load (JSON)", |b| {
            b.iter(|| {
                Model::from_csdl_json(std::hint::black_box(&json)).expect("vocabulary loads")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, graph);
criterion_main!(benches);
