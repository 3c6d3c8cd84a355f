//! Parse + validate of typical seed requests with a warm validator (capabilities cached).

use criterion::{Criterion, criterion_group, criterion_main};
use odata_parser::bind::{Profile, Request, Validator};
use odata_parser::edm::Model;
use std::hint::black_box;

const OUTLOOK: &str = include_str!("../../generated-models/metadata/outlook-v2.0.xml");

fn bind(c: &mut Criterion) {
    let model = Model::from_csdl_xml(OUTLOOK).expect("Outlook CSDL");
    let validator = Validator::new(&model).profile(Profile::outlook_v2());
    let requests = [
        (
            "filter",
            "https://outlook.office.com/api/v2.0/me/messages?$filter=ReceivedDateTime ge 2014-09-01",
        ),
        (
            "select",
            "https://outlook.office.com/api/v2.0/me/messages?$select=Subject,Sender,ReceivedDateTime",
        ),
        (
            "key",
            "https://outlook.office.com/api/v2.0/me/messages/AAMkAGI2THVSAAA=?$select=Sender,Subject",
        ),
        (
            "composite",
            "https://outlook.office.com/api/v2.0/me/messages?$filter=Subject eq 'Good Times' AND Importance eq 'High'&$orderby=Subject,Importance,Sender&$top=5",
        ),
    ];
    for (_, url) in requests {
        let r = validator.validate(&Request::get(url));
        assert!(r.is_clean(), "{url}: {:?}", r.diagnostics);
    }
    let mut group = c.benchmark_group("validate");
    for (name, url) in requests {
        let request = Request::get(url);
        group.bench_function(name, |b| b.iter(|| validator.validate(black_box(&request))));
    }
    group.finish();
}

criterion_group!(benches, bind);
criterion_main!(benches);
