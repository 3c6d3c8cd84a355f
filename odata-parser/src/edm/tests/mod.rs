//! Focused tests of the reader, the resolve pass, annotations and lookups.

mod annotations;
mod errors;
mod model;

use super::{CsdlErrors, CsdlLoader, Model};

/// Wraps schema content in an EDMX document: the content starts on line 4.
pub(super) fn doc(body: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.01\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<edmx:DataServices>\n<Schema Namespace=\"NS\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n{body}\n</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n"
    )
}

pub(super) fn load(body: &str) -> Model {
    match Model::from_csdl_xml(&doc(body)) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

/// Loads and renders every error as `line:column message @ path`.
pub(super) fn errors(xml: &str) -> String {
    render(&Model::from_csdl_xml(xml).expect_err("the document has errors"))
}

pub(super) fn render(e: &CsdlErrors) -> String {
    e.errors
        .iter()
        .map(|e| {
            let loc = e
                .location()
                .map(|l| format!("{}:{}", l.line, l.column))
                .unwrap_or_default();
            format!("{loc} {e} @ {}", e.element_path())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn loader<'r>(files: &'r [(&'r str, &'r str)]) -> CsdlLoader<'r> {
    let mut l = CsdlLoader::new();
    l.resolver(move |uri| {
        files
            .iter()
            .find(|(u, _)| *u == uri)
            .map(|(_, t)| (*t).to_owned())
    });
    l
}
