//! `QueryOptions::parse` on arbitrary text, strict and lenient: no panic, error spans
//! inside the input, and every accepted query prints to a URL form that parses back
//! to the same options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odata_parser::{ParseOptions, QueryOptions, ToUrlString};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    for opts in [ParseOptions::strict(), ParseOptions::lenient()] {
        match QueryOptions::parse(raw, &opts) {
            Ok(q) => {
                let url = q.to_url_string();
                let again = QueryOptions::parse(&url, &ParseOptions::strict())
                    .unwrap_or_else(|e| panic!("{raw:?} printed as {url:?} does not parse: {e}"));
                assert_eq!(q.options(), again.options(), "{raw:?} printed as {url:?}");
            }
            Err(e) => {
                let span = e.span();
                assert!(span.start <= span.end && span.end as usize <= raw.len(), "{raw:?}: {span:?}");
            }
        }
    }
});
