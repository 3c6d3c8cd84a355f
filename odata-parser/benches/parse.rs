//! Parser throughput: the filters of the Outlook documentation (the seeds), a ~2 KB
//! composite filter, and a full query string with every system option.
//!
//! Run with `cargo bench -p odata-parser`. Throughput is reported in bytes; divide
//! the time per iteration by the number of filters for the time per filter. These
//! benchmarks use the system allocator and drop each tree after parsing it.
//!
//! The other two measures of the parser's speed go through the CLI (release build,
//! mimalloc, trees kept alive), with a file of `SEED_FILTERS` repeated 111,112 times
//! (1,000,008 lines) or of the composite filter repeated 2,000 times:
//! - wall clock: `odata parse --filter --lines --bench < seeds.txt`;
//! - instructions, stable under load: `valgrind --tool=callgrind
//!   --toggle-collect='*parse_all*' odata parse --filter --lines --bench < file`
//!   (`parse_all` is exactly the timed loop), divided by the lines or bytes.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use odata_parser::{ParseOptions, QueryOptions, parse_filter};

#[path = "../tests/common/filters.rs"]
mod filters;
use filters::{COMPOSITE_PARTS, SEED_FILTERS};

/// A composite filter of about 2 KB using most of the expression grammar.
fn composite_filter() -> String {
    let mut s = String::new();
    while s.len() < 2000 {
        for p in COMPOSITE_PARTS {
            if !s.is_empty() {
                s.push_str(" and ");
            }
            s.push_str(p);
        }
    }
    s
}

/// A raw query string with every system query option, percent-encoded as a browser sends it.
const FULL_QUERY: &str = "$filter=From/EmailAddress/Address%20eq%20'hr@contoso.com'%20and%20IsRead%20eq%20false\
&$select=Subject,Sender,ReceivedDateTime,Importance\
&$expand=Attachments($select=Name,Size;$filter=Size%20gt%201000;$orderby=Name;$top=5),Microsoft.OutlookServices.ItemAttachment/Item\
&$orderby=ReceivedDateTime%20desc,Subject\
&$top=50&$skip=100&$count=true\
&$search=%22pizza%22%20OR%20burger\
&$compute=year(ReceivedDateTime)%20as%20Year\
&$format=json&$skiptoken=AAMkAGI2THk3AAA%3D&$schemaversion=2.0&$index=3&@p=1&custom=x";

fn seeds(c: &mut Criterion) {
    let bytes: usize = SEED_FILTERS.iter().map(|f| f.len()).sum();
    let mut g = c.benchmark_group("seed_filters");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("all_{}", SEED_FILTERS.len()), |b| {
        b.iter(|| {
            for f in SEED_FILTERS {
                black_box(parse_filter(black_box(f)).ok());
            }
        });
    });
    g.throughput(Throughput::Elements(1));
    g.bench_function("hr_contoso", |b| {
        b.iter(|| black_box(parse_filter(black_box(SEED_FILTERS[0])).ok()));
    });
    g.finish();
}

fn composite(c: &mut Criterion) {
    let text = composite_filter();
    assert!(parse_filter(&text).is_ok());
    let mut g = c.benchmark_group("composite_filter");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(format!("{}_bytes", text.len()), |b| {
        b.iter(|| black_box(parse_filter(black_box(&text)).ok()))
    });
    g.finish();
}

fn full_query(c: &mut Criterion) {
    let opts = ParseOptions::strict();
    assert!(
        QueryOptions::parse(FULL_QUERY, &opts).is_ok(),
        "{:?}",
        QueryOptions::parse(FULL_QUERY, &opts).err()
    );
    let mut g = c.benchmark_group("full_query");
    g.throughput(Throughput::Bytes(FULL_QUERY.len() as u64));
    g.bench_function("every_option", |b| {
        b.iter(|| black_box(QueryOptions::parse(black_box(FULL_QUERY), &opts).ok()))
    });
    g.finish();
}

criterion_group!(benches, seeds, composite, full_query);
criterion_main!(benches);
