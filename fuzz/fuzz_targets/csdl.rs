//! The CSDL XML and JSON readers on arbitrary text: no panic, and every error has a
//! line:column inside the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odata_parser::edm::Model;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for result in [Model::from_csdl_xml(text), Model::from_csdl_json(text)] {
        let Err(errors) = result else { continue };
        assert!(!errors.errors.is_empty(), "an error result without errors");
        let lines = text.lines().count().max(1) as u32 + 1;
        for e in &errors.errors {
            if let Some(l) = e.location() {
                assert!(l.line >= 1 && l.column >= 1, "{e}");
                assert!(l.line <= lines, "{e}: line {} of {lines}", l.line);
            }
        }
    }
});
