//! Semantic validation: a request bound to the model and checked against its capability
//! annotations and a service profile, with every problem reported at once.
//!
//! ```
//! use odata_parser::bind::{Profile, Request, Validator};
//! use odata_parser::edm::Model;
//!
//! # let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated-models/metadata/outlook-v2.0.xml")).unwrap();
//! let model = Model::from_csdl_xml(&xml)?;
//! let validator = Validator::new(&model).profile(Profile::outlook_v2());
//!
//! let report = validator.validate(&Request::get(
//!     "https://outlook.office.com/api/v2.0/me/messages?$filter=ChangeKey eq 'x'&$top=100",
//! ));
//! let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["odata::not_filterable", "outlook::top_limit"]);
//! let d = &report.diagnostics[0];
//! assert_eq!(d.message, "property 'ChangeKey' is not filterable");
//! assert_eq!(d.service_error.as_ref().unwrap().code, "ErrorInvalidProperty");
//! assert_eq!(&report.url[d.span.range()], "ChangeKey");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What a report holds
//!
//! A [`Report`] has every [`Diagnostic`] (stable [`Code`], [`Severity`], message, byte span in
//! the original URL, help, and the service's own error where the profile knows it) and, when
//! the resource path bound, a [`BoundRequest`]: the segments of the path with what each
//! names, the addressed navigation source, entity type and navigation path, and a side table
//! that gives the type of every path and expression in the query options, keyed by its span
//! in the URL ([`BoundRequest::type_at`]). A side table rather than a typed copy of the tree:
//! the syntax tree stays the parser's, spans already identify nodes, and a flat table is one
//! allocation per request.
//!
//! # Method
//!
//! [`Method`] is a small enum of its own rather than `http::Method`, so the library's default
//! build needs no `http` crate; convert with `Method::from_str(m.as_str())`.
//!
//! # Diagnostic codes
//!
//! The standard codes are the associated constants of [`Code`] (`odata::…`); the Outlook
//! profile's are in [`rules::outlook`] (`outlook::…`).

pub(crate) mod binder;
pub mod diagnostics;
pub mod rules;
mod suggest;
pub mod types;

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

// The model's hash tables' hasher (foldhash): a cache lookup per request hashes a
// navigation path, and SipHash's DoS resistance buys nothing for keys taken from the model.
use hashbrown::HashMap;

pub use diagnostics::{Code, Diagnostic, ServiceError, Severity};
pub use rules::{Profile, ServiceProfile, Standard};
pub use types::{ExprType, Type};

use crate::edm::vocab::{Capabilities, NavigationPath};
use crate::edm::{
    EntitySetId, EntityTypeId, Model, NavigationPropertyId, NavigationSourceId, OperationId,
    OperationImportId, PropertyId, SingletonId, StructuredTypeId,
};
use crate::span::Span;

/// An HTTP request method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// `GET`: read.
    #[default]
    Get,
    /// `POST`: create an entity or invoke an action.
    Post,
    /// `PUT`: replace.
    Put,
    /// `PATCH`: update.
    Patch,
    /// `DELETE`: delete.
    Delete,
}

impl Method {
    /// The method name in upper case.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A method name that is not one of [`Method`]'s.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown HTTP method '{0}'")]
pub struct UnknownMethod(pub String);

impl FromStr for Method {
    type Err = UnknownMethod;

    /// Parses `GET`, `post`, … (ASCII case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const ALL: [Method; 5] = [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ];
        ALL.into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownMethod(s.to_owned()))
    }
}

/// A request to validate: method, URL and headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method.
    pub method: Method,
    /// The absolute URL (or a URL relative to the service root).
    pub url: &'a str,
    /// Headers as `(name, value)`; names compare ASCII case-insensitively.
    pub headers: Vec<(&'a str, &'a str)>,
}

impl<'a> Request<'a> {
    /// A request.
    #[must_use]
    pub fn new(method: Method, url: &'a str) -> Self {
        Request {
            method,
            url,
            headers: Vec::new(),
        }
    }

    /// A `GET` request.
    #[must_use]
    pub fn get(url: &'a str) -> Self {
        Self::new(Method::Get, url)
    }

    /// The same request with one more header.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::bind::Request;
    ///
    /// let r = Request::get("https://outlook.office.com/api/v2.0/me/MailFolders/Inbox/messages")
    ///     .header("Prefer", "odata.track-changes");
    /// assert_eq!(r.headers.len(), 1);
    /// ```
    #[must_use]
    pub fn header(mut self, name: &'a str, value: &'a str) -> Self {
        self.headers.push((name, value));
        self
    }
}

/// What one resource-path segment names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// An entity set.
    EntitySet(EntitySetId),
    /// A singleton.
    Singleton(SingletonId),
    /// A function or action import.
    OperationImport(OperationImportId),
    /// A navigation property.
    NavigationProperty(NavigationPropertyId),
    /// A structural property.
    Property(PropertyId),
    /// A key (in parentheses or as a segment).
    Key,
    /// A type cast.
    TypeCast(StructuredTypeId),
    /// A bound action or function.
    Operation(OperationId),
    /// `$count`.
    Count,
    /// `$value`.
    Value,
    /// `$ref`.
    Ref,
    /// `$filter(…)`.
    Filter,
    /// `$metadata`, `$batch`, `$entity`, `$all`, `$crossjoin`, `$each`, `$query`.
    System,
}

/// One bound resource-path segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BoundSegment {
    /// What it names.
    pub kind: SegmentKind,
    /// Where it is in the URL.
    pub span: Span,
    /// The type of the resource it addresses.
    pub ty: ExprType,
    /// For a key that is a well-known name of the service (`Inbox`), the canonical name.
    pub well_known: Option<&'static str>,
}

/// A path or expression of the query and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TypedSpan {
    /// Where it is in the URL.
    pub span: Span,
    /// Its type.
    pub ty: ExprType,
}

/// A request bound to the model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoundRequest {
    /// The service root in the URL.
    pub service_root: Span,
    /// The resource-path segments, in order.
    pub segments: Vec<BoundSegment>,
    /// The navigation path of the addressed entities (`Me/MailFolders/Messages`), keys left out.
    pub navigation_path: Option<NavigationPath>,
    /// The entity type of the addressed entities.
    pub entity_type: Option<EntityTypeId>,
    /// The type of the addressed resource (a collection, an entity, a property, `$count`, …).
    pub resource_type: Option<ExprType>,
    /// The type of every bound path and expression in the query options, sorted by span.
    pub types: Vec<TypedSpan>,
}

impl BoundRequest {
    /// The entity set or singleton the path starts at.
    #[must_use]
    pub fn navigation_source(&self) -> Option<NavigationSourceId> {
        self.navigation_path.as_ref().map(|p| p.source)
    }

    /// The type of the path or expression written exactly at `span`.
    #[must_use]
    pub fn type_at(&self, span: Span) -> Option<ExprType> {
        let i = self.types.partition_point(|t| t.span < span);
        self.types.get(i).filter(|t| t.span == span).map(|t| t.ty)
    }
}

/// The result of validating one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The URL that was validated.
    pub url: String,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The bound request, when the service root and the first path segment bound.
    pub bound: Option<BoundRequest>,
}

impl Report {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether there is no diagnostic at all.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// Validates requests against one model and profile. Build it once and reuse it: it caches
/// the effective capabilities of every navigation path it meets (computing them costs
/// 10–20 µs; a cached lookup, well under one). It is `Send + Sync`.
pub struct Validator<'m> {
    model: &'m Model,
    profile: Profile,
    service_root: Option<String>,
    capabilities: Mutex<HashMap<NavigationPath, Arc<Capabilities<'m>>>>,
}

impl fmt::Debug for Validator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("profile", &self.profile.name())
            .field("service_root", &self.service_root)
            .finish_non_exhaustive()
    }
}

impl<'m> Validator<'m> {
    /// A validator for `model` with the [standard](Profile::standard) profile.
    #[must_use]
    pub fn new(model: &'m Model) -> Self {
        Validator {
            model,
            profile: Profile::standard(),
            service_root: None,
            capabilities: Mutex::new(HashMap::new()),
        }
    }

    /// Uses `profile`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let model = odata_parser::edm::Model::from_csdl_xml(r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices/></edmx:Edmx>"#).unwrap();
    /// use odata_parser::bind::{Profile, Validator};
    /// let v = Validator::new(&model).profile(Profile::outlook_v2());
    /// ```
    #[must_use]
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = profile;
        self
    }

    /// Sets the service root (e.g. `https://graph.microsoft.com/v1.0/`) instead of letting the
    /// profile find it or the validator infer it (before the first segment that names an
    /// entity set, singleton or operation import).
    ///
    /// # Examples
    ///
    /// ```
    /// # let model = odata_parser::edm::Model::from_csdl_xml(r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices/></edmx:Edmx>"#).unwrap();
    /// use odata_parser::bind::Validator;
    /// let v = Validator::new(&model).service_root("https://graph.microsoft.com/v1.0/");
    /// ```
    #[must_use]
    pub fn service_root(mut self, root: &str) -> Self {
        self.service_root = Some(root.to_owned());
        self
    }

    /// The model.
    #[must_use]
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The profile.
    #[must_use]
    pub fn current_profile(&self) -> &Profile {
        &self.profile
    }

    /// Validates a request.
    #[must_use]
    pub fn validate(&self, request: &Request<'_>) -> Report {
        binder::validate(self, request)
    }

    /// Validates a `GET` of `url`.
    #[must_use]
    pub fn validate_url(&self, url: &str) -> Report {
        self.validate(&Request::get(url))
    }

    /// The effective capabilities of `path`, computed once.
    pub(crate) fn capabilities(&self, path: &NavigationPath) -> Arc<Capabilities<'m>> {
        let mut cache = match self.capabilities.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(c) = cache.get(path) {
            return Arc::clone(c);
        }
        let caps = Arc::new(Capabilities::for_path(self.model, path));
        cache.insert(path.clone(), Arc::clone(&caps));
        caps
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Validator<'static>>();
    check::<Report>();
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
