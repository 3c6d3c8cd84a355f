//! Reading CSDL XML (OData 4.0 and 4.01) and CSDL JSON (4.01) into a [`Model`].
//!
//! Stage 1 (`reader`, `elements`, `expr`) streams a document with
//! `quick_xml::NsReader` into the raw model (`raw`) with names as written;
//! the CSDL JSON reader (`json`) fills the same raw model. Stage 2
//! (`edm::resolve`) interns names into typed ids, whatever the format.
//! [`CsdlLoader`] follows `edmx:Reference`s and `$Reference`s through a resolver
//! callback; a referenced document may be XML or JSON ([`CsdlFormat::detect`]).

pub(crate) mod attributes;
mod container;
pub(crate) mod elements;
pub(crate) mod error;
pub(crate) mod expr;
pub(crate) mod json;
pub(crate) mod raw;
pub(crate) mod reader;

use std::path::PathBuf;

pub use error::{CsdlError, CsdlErrorKind, CsdlErrors, CsdlWarning, CsdlWarningKind};
pub use reader::Limits;

use super::Model;
use super::ids::DocumentId;
use super::source::SourceMap;
use super::vocabularies::is_standard_namespace;
use crate::span::Span;
use json::JsonReader;
use raw::{Format, RawDocument};
use reader::XmlReader;

/// The two representations of CSDL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CsdlFormat {
    /// CSDL XML (`edmx:Edmx`), OData 4.0 and 4.01.
    Xml,
    /// CSDL JSON, OData 4.01.
    Json,
}

impl CsdlFormat {
    /// The format of a document by its content, as [`CsdlLoader`] decides it for
    /// referenced documents: after an optional byte-order mark and whitespace, `{`
    /// starts a CSDL JSON document; anything else is read as XML (whose reader then
    /// reports what is wrong). The URI (`.json`, `.xml`, `$metadata?$format=json`) is
    /// not consulted: services serve both formats under the same name.
    ///
    /// ```
    /// use odata_parser::edm::CsdlFormat;
    ///
    /// assert_eq!(CsdlFormat::detect("\u{feff}\n  {\"$Version\": \"4.01\"}"), CsdlFormat::Json);
    /// assert_eq!(CsdlFormat::detect("<?xml version=\"1.0\"?><edmx:Edmx/>"), CsdlFormat::Xml);
    /// ```
    #[must_use]
    pub fn detect(text: &str) -> CsdlFormat {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        match body.trim_start().as_bytes().first() {
            Some(b'{') => CsdlFormat::Json,
            _ => CsdlFormat::Xml,
        }
    }
}

/// A resolver: given the `Uri` of an `edmx:Reference` as written, the document's text,
/// or `None` if it cannot be provided.
type Resolver<'r> = Box<dyn FnMut(&str) -> Option<String> + 'r>;

/// Loads CSDL XML and CSDL JSON documents, following `edmx:Reference`s (`$Reference`s
/// in JSON) through a resolver.
///
/// References are loaded once each (cycles are fine). A reference the
/// resolver cannot provide is an error, unless everything it includes is a
/// standard vocabulary ([`crate::edm::vocabularies`]), which is known by
/// namespace without its file (a warning records that it was not loaded).
///
/// ```
/// use odata_parser::edm::CsdlLoader;
///
/// let main = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
///   <edmx:Reference Uri="common.xml"><edmx:Include Namespace="Common" Alias="c"/></edmx:Reference>
///   <edmx:DataServices>
///     <Schema Namespace="Main" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///       <ComplexType Name="Box"><Property Name="Size" Type="c.Size"/></ComplexType>
///     </Schema>
///   </edmx:DataServices>
/// </edmx:Edmx>"#;
/// let common = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
///   <edmx:DataServices>
///     <Schema Namespace="Common" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///       <TypeDefinition Name="Size" UnderlyingType="Edm.Int32"/>
///     </Schema>
///   </edmx:DataServices>
/// </edmx:Edmx>"#;
/// let model = CsdlLoader::new()
///     .resolver(|uri| (uri == "common.xml").then(|| common.to_owned()))
///     .load_xml("main.xml", main)?;
/// assert!(model.type_definition_by_name("Common.Size").is_some());
/// # Ok::<(), odata_parser::edm::CsdlErrors>(())
/// ```
pub struct CsdlLoader<'r> {
    resolver: Option<Resolver<'r>>,
    limits: Limits,
}

impl Default for CsdlLoader<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// A reference found in a document, detached from its text.
struct PendingReference {
    uri: String,
    namespaces: Vec<String>,
    span: Span,
    /// The format of the document that references it (for element paths).
    format: Format,
}

impl<'r> CsdlLoader<'r> {
    /// A loader with no resolver and the default [`Limits`].
    #[must_use]
    pub fn new() -> Self {
        CsdlLoader {
            resolver: None,
            limits: Limits::default(),
        }
    }

    /// Sets the function that fetches referenced documents by their `Uri`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use odata_parser::edm::CsdlLoader;
    /// let mut loader = CsdlLoader::new();
    /// loader.resolver(|uri| std::fs::read_to_string(uri).ok());
    /// ```
    pub fn resolver(&mut self, resolver: impl FnMut(&str) -> Option<String> + 'r) -> &mut Self {
        self.resolver = Some(Box::new(resolver));
        self
    }

    /// Sets the limits that bound hostile input.
    ///
    /// # Examples
    ///
    /// ```
    /// # use odata_parser::edm::{CsdlLoader, Limits};
    /// let mut loader = CsdlLoader::new();
    /// loader.limits(Limits { max_depth: 32, ..Limits::default() });
    /// ```
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// Loads the document `xml` (named `uri` in messages) and every document it references.
    ///
    /// # Errors
    ///
    /// Every error found: malformed XML, a missing or invalid attribute, an
    /// unresolved name or annotation target, a duplicate name, a base-type
    /// cycle, a reference that cannot be loaded, or a limit exceeded.
    pub fn load_xml(&mut self, uri: &str, xml: &str) -> Result<Model, CsdlErrors> {
        self.load_as(CsdlFormat::Xml, uri, xml)
    }

    /// Loads the CSDL JSON document `json` (named `uri` in messages) and every document it
    /// references through `$Reference`; those may be XML or JSON ([`CsdlFormat::detect`]).
    ///
    /// ```
    /// use odata_parser::edm::CsdlLoader;
    ///
    /// let main = r#"{
    ///   "$Version": "4.01",
    ///   "$Reference": { "common.xml": { "$Include": [{ "$Namespace": "Common", "$Alias": "c" }] } },
    ///   "Main": { "Box": { "$Kind": "ComplexType", "Size": { "$Type": "c.Size" } } }
    /// }"#;
    /// let common = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
    ///   <edmx:DataServices>
    ///     <Schema Namespace="Common" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    ///       <TypeDefinition Name="Size" UnderlyingType="Edm.Int32"/>
    ///     </Schema>
    ///   </edmx:DataServices>
    /// </edmx:Edmx>"#;
    /// let model = CsdlLoader::new()
    ///     .resolver(|uri| (uri == "common.xml").then(|| common.to_owned()))
    ///     .load_json("main.json", main)?;
    /// assert!(model.type_definition_by_name("Common.Size").is_some());
    /// # Ok::<(), odata_parser::edm::CsdlErrors>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Self::load_xml`], with malformed JSON, a member of the wrong JSON type and a
    /// duplicate member name in place of the XML syntax errors.
    pub fn load_json(&mut self, uri: &str, json: &str) -> Result<Model, CsdlErrors> {
        self.load_as(CsdlFormat::Json, uri, json)
    }

    /// Loads a document of either format, told apart by [`CsdlFormat::detect`], and every
    /// document it references.
    ///
    /// # Errors
    ///
    /// As [`Self::load_xml`] or [`Self::load_json`].
    pub fn load(&mut self, uri: &str, text: &str) -> Result<Model, CsdlErrors> {
        self.load_as(CsdlFormat::detect(text), uri, text)
    }

    fn load_as(&mut self, format: CsdlFormat, uri: &str, xml: &str) -> Result<Model, CsdlErrors> {
        let mut source_map = SourceMap::default();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        let too_large = || CsdlErrors {
            errors: vec![CsdlError::new(
                CsdlErrorKind::TooLarge,
                Span::NONE,
                None,
                String::new(),
            )],
            warnings: Vec::new(),
        };
        let (main_id, _) = source_map.add(uri, xml).ok_or_else(too_large)?;
        let main = match read_document(
            &source_map,
            main_id,
            xml,
            format,
            self.limits,
            &mut warnings,
        ) {
            Ok(doc) => doc,
            Err(e) => {
                return Err(CsdlErrors {
                    errors: vec![e],
                    warnings,
                });
            }
        };

        // Fetch referenced documents breadth-first; each URI once.
        let mut texts: Vec<(DocumentId, String)> = Vec::new();
        let mut loaded_uris: Vec<(String, Option<DocumentId>)> =
            vec![(uri.to_owned(), Some(main_id))];
        let mut pending: std::collections::VecDeque<PendingReference> =
            pending_references(&main).into();
        let mut loaded_namespaces: Vec<String> = schema_namespaces(&main);
        while let Some(reference) = pending.pop_front() {
            let already = !reference.namespaces.is_empty()
                && reference
                    .namespaces
                    .iter()
                    .all(|n| loaded_namespaces.contains(n));
            if already {
                continue;
            }
            if loaded_uris.iter().any(|(u, _)| *u == reference.uri) {
                continue;
            }
            let fetched = self.resolver.as_mut().and_then(|r| r(&reference.uri));
            let Some(text) = fetched else {
                loaded_uris.push((reference.uri.clone(), None));
                let standard = !reference.namespaces.is_empty()
                    && reference
                        .namespaces
                        .iter()
                        .all(|n| is_standard_namespace(n));
                let location = source_map.locate(reference.span);
                if standard {
                    for namespace in &reference.namespaces {
                        let kind = CsdlWarningKind::VocabularyNotLoaded {
                            namespace: namespace.as_str().into(),
                        };
                        warnings.push(CsdlWarning::new(
                            kind,
                            reference.span,
                            location.clone(),
                            reference_path(&reference.uri, reference.format),
                        ));
                    }
                } else {
                    let kind = CsdlErrorKind::MissingReference {
                        uri: reference.uri.as_str().into(),
                    };
                    errors.push(CsdlError::new(
                        kind,
                        reference.span,
                        location,
                        reference_path(&reference.uri, reference.format),
                    ));
                }
                continue;
            };
            if texts.len() + 1 >= self.limits.max_documents {
                let kind = CsdlErrorKind::TooManyDocuments {
                    limit: self.limits.max_documents,
                };
                let location = source_map.locate(reference.span);
                errors.push(CsdlError::new(
                    kind,
                    reference.span,
                    location,
                    reference_path(&reference.uri, reference.format),
                ));
                break;
            }
            let (id, _) = source_map
                .add(&reference.uri, &text)
                .ok_or_else(too_large)?;
            let mut scratch = Vec::new();
            let format = CsdlFormat::detect(&text);
            if let Ok(doc) =
                read_document(&source_map, id, &text, format, self.limits, &mut scratch)
            {
                pending.extend(pending_references(&doc));
                loaded_namespaces.extend(schema_namespaces(&doc));
            }
            loaded_uris.push((reference.uri.clone(), Some(id)));
            texts.push((id, text));
        }

        let mut docs: Vec<RawDocument<'_>> = vec![main];
        for (id, text) in &texts {
            let format = CsdlFormat::detect(text);
            match read_document(&source_map, *id, text, format, self.limits, &mut warnings) {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.push(e),
            }
        }
        check_includes(&docs, &loaded_uris, &source_map, &mut errors);
        if !errors.is_empty() {
            return Err(CsdlErrors { errors, warnings });
        }
        super::resolve::resolve(&docs, source_map, warnings)
            .map_err(|(errors, warnings)| CsdlErrors { errors, warnings })
    }
}

/// A resolver that maps a reference's URI to the file of the same name (its last path segment) in `dir`.
///
/// ```no_run
/// # use odata_parser::edm::{csdl::dir_resolver, CsdlLoader};
/// let xml = std::fs::read_to_string("vocabularies/Org.OData.Capabilities.V1.xml").unwrap();
/// let model = CsdlLoader::new()
///     .resolver(dir_resolver("vocabularies"))
///     .load_xml("Org.OData.Capabilities.V1.xml", &xml);
/// ```
pub fn dir_resolver(dir: impl Into<PathBuf>) -> impl FnMut(&str) -> Option<String> {
    let dir = dir.into();
    move |uri: &str| {
        let name = uri
            .rsplit(['/', '\\'])
            .next()
            .filter(|n| !n.is_empty() && *n != "." && *n != "..")?;
        std::fs::read_to_string(dir.join(name)).ok()
    }
}

fn reference_path(uri: &str, format: Format) -> String {
    match format {
        Format::Xml => format!("edmx:Edmx/edmx:Reference[{}]", reader::truncate(uri)),
        Format::Json => format!("$Reference[{}]", reader::truncate(uri)),
    }
}

fn read_document<'a>(
    source_map: &SourceMap,
    id: DocumentId,
    text: &'a str,
    format: CsdlFormat,
    limits: Limits,
    warnings: &mut Vec<CsdlWarning>,
) -> Result<RawDocument<'a>, CsdlError> {
    let doc = source_map
        .document(id)
        .expect("invariant: document registered before reading");
    let (body, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3),
        None => (text, 0),
    };
    let mut raw = match format {
        CsdlFormat::Xml => {
            XmlReader::new(body, doc.base + bom, doc, limits, warnings).read_document()?
        }
        CsdlFormat::Json => {
            JsonReader::new(body, doc.base + bom, doc, limits, warnings).read_document()?
        }
    };
    raw.id = Some(id);
    Ok(raw)
}

fn schema_namespaces(doc: &RawDocument<'_>) -> Vec<String> {
    doc.schemas
        .iter()
        .filter_map(|s| s.namespace.as_ref().map(|n| n.as_str().to_owned()))
        .collect()
}

fn pending_references(doc: &RawDocument<'_>) -> Vec<PendingReference> {
    doc.references
        .iter()
        .map(|r| PendingReference {
            uri: r.uri.as_str().trim().to_owned(),
            namespaces: r
                .includes
                .iter()
                .map(|i| i.namespace.as_str().to_owned())
                .collect(),
            span: r.uri.span,
            format: doc.format,
        })
        .collect()
}

/// Every `edmx:Include` must name a namespace its referenced document defines.
fn check_includes(
    docs: &[RawDocument<'_>],
    loaded: &[(String, Option<DocumentId>)],
    source_map: &SourceMap,
    errors: &mut Vec<CsdlError>,
) {
    for doc in docs {
        for reference in &doc.references {
            let uri = reference.uri.as_str().trim();
            let Some(Some(target)) = loaded.iter().find(|(u, _)| u == uri).map(|(_, id)| *id)
            else {
                continue;
            };
            let Some(target_doc) = docs.iter().find(|d| d.id == Some(target)) else {
                continue;
            };
            for include in &reference.includes {
                let ns = include.namespace.as_str();
                let defined = target_doc
                    .schemas
                    .iter()
                    .any(|s| s.namespace.as_ref().is_some_and(|n| n.as_str() == ns));
                if !defined {
                    let kind = CsdlErrorKind::IncludedNamespaceMissing {
                        namespace: ns.into(),
                        uri: uri.into(),
                    };
                    let location = source_map.locate(include.namespace.span);
                    errors.push(CsdlError::new(
                        kind,
                        include.namespace.span,
                        location,
                        reference_path(uri, doc.format),
                    ));
                }
            }
        }
    }
}
