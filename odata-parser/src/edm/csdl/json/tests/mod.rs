//! Focused tests of the CSDL JSON reader: a hand-written document covering every
//! construct against its XML twin, each error kind with its position, references
//! mixing XML and JSON, and hostile input.

mod errors;
mod hostile;
mod references;
mod twin;

use crate::edm::Model;
/// The loader with in-memory files and the error rendering of the XML reader's tests.
pub(super) use crate::edm::tests::{loader, render};

/// Wraps schema members in a CSDL JSON document: the members start on line 5.
pub(super) fn jdoc(members: &str) -> String {
    format!(
        "{{\n  \"$Version\": \"4.01\",\n  \"NS\": {{\n    \"$Alias\": \"n\",\n{members}\n  }}\n}}\n"
    )
}

pub(super) fn load(members: &str) -> Model {
    match Model::from_csdl_json(&jdoc(members)) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn errors(json: &str) -> String {
    render(&Model::from_csdl_json(json).expect_err("the document has errors"))
}

/// Renders every warning as `line:column message @ path`.
pub(super) fn warnings(m: &Model) -> Vec<String> {
    m.warnings()
        .iter()
        .map(|w| {
            let loc = w
                .location()
                .map(|l| format!("{}:{}", l.line, l.column))
                .unwrap_or_default();
            format!("{loc} {w} @ {}", w.element_path())
        })
        .collect()
}
