//! Schema diff speed on Microsoft Graph v1.0: loading each document (read + resolve) and
//! comparing the two versions (2026-02 → 2026-07). Target (issue 6): the diff of Graph's two
//! versions runs in under 1 s; the release-mode median is what counts.

use criterion::{Criterion, criterion_group, criterion_main};
use odata_parser::edm::{Model, diff};

fn graph(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/metadata/");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}{name}"));
    let (Ok(old_xml), Ok(new_xml)) = (
        read("graph-v1.0-2026-02.csdl"),
        read("graph-v1.0-2026-07.csdl"),
    ) else {
        eprintln!("skipping: the Graph documents are not in {dir}");
        return;
    };
    let mut group = c.benchmark_group("diff");
    group.sample_size(20);
    group.bench_function("graph load both", |b| {
        b.iter(|| {
            let old = Model::from_csdl_xml(std::hint::black_box(&old_xml)).expect("loads");
            let new = Model::from_csdl_xml(std::hint::black_box(&new_xml)).expect("loads");
            (old, new)
        });
    });
    let old = Model::from_csdl_xml(&old_xml).expect("graph 2026-02 loads");
    let new = Model::from_csdl_xml(&new_xml).expect("graph 2026-07 loads");
    group.bench_function("graph 2026-02 -> 2026-07 diff", |b| {
        b.iter(|| diff::diff(std::hint::black_box(&old), std::hint::black_box(&new)));
    });
    let d = diff::diff(&old, &new);
    group.bench_function("graph markdown + json", |b| {
        b.iter(|| {
            (
                diff::render_markdown(std::hint::black_box(&d)),
                diff::render_json(std::hint::black_box(&d)),
            )
        });
    });
    group.bench_function("graph load both + diff", |b| {
        b.iter(|| {
            let old = Model::from_csdl_xml(std::hint::black_box(&old_xml)).expect("loads");
            let new = Model::from_csdl_xml(std::hint::black_box(&new_xml)).expect("loads");
            diff::diff(&old, &new)
        });
    });
    group.finish();
}

criterion_group!(benches, graph);
criterion_main!(benches);
