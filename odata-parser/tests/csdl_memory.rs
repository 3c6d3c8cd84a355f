//! Peak heap use of loading Graph v1.0 (issue 3: under 5x the file size).
//! A dedicated test binary, since it installs a counting global allocator.

use odata_parser::edm::Model;
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

#[test]
fn graph_peak_memory_under_five_times_file_size() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/metadata/graph-v1.0-2026-07.csdl"
    );
    let xml = std::fs::read_to_string(path).expect("shared/metadata is beside the project");
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let model = Model::from_csdl_xml(&xml).expect("graph loads");
    let peak = ALLOC.peak_usage().saturating_sub(before);
    let retained = ALLOC.current_usage().saturating_sub(before);
    let ratio = peak as f64 / xml.len() as f64;
    println!(
        "graph: file {} bytes, peak {} bytes ({ratio:.2}x), model retained {} bytes ({:.2}x)",
        xml.len(),
        peak,
        retained,
        retained as f64 / xml.len() as f64
    );
    assert!(ratio < 5.0, "peak {peak} bytes is {ratio:.2}x the file");
    drop(model);
}
