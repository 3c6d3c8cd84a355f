//! Service profiles: what differs from one OData service to another, behind one trait
//! (like sqlparser's `Dialect`).

use std::fmt;
use std::sync::Arc;

use crate::edm::{EntityTypeId, Model};
use crate::query::ParseOptions;

use super::Rule;
use crate::bind::diagnostics::{Code, Diagnostic, ServiceError};

/// What a service does beyond the OData specification and its model's annotations.
///
/// Every method has the specification's answer as its default, so a profile overrides only
/// what its service does differently. [`Profile`] wraps one for the [`Validator`](crate::bind::Validator).
///
/// # Examples
///
/// ```
/// use odata_parser::bind::{Profile, ServiceProfile};
///
/// #[derive(Debug)]
/// struct Lenient;
///
/// impl ServiceProfile for Lenient {
///     fn name(&self) -> &'static str {
///         "lenient"
///     }
///     fn case_insensitive_names(&self) -> bool {
///         true
///     }
/// }
///
/// let profile = Profile::new(Lenient);
/// assert_eq!(profile.name(), "lenient");
/// ```
pub trait ServiceProfile: fmt::Debug + Send + Sync {
    /// A short name, e.g. `outlook-v2`.
    fn name(&self) -> &'static str;

    /// How the service's URLs are read (the Outlook documentation writes `+` for spaces).
    fn parse_options(&self) -> ParseOptions {
        ParseOptions::strict()
    }

    /// Whether resource names (entity sets, properties, operations, types, enum members)
    /// match ignoring case. An exact match always wins.
    fn case_insensitive_names(&self) -> bool {
        false
    }

    /// Whether a `/` before `?` (`…/messages/?$top=5`) is tolerated.
    fn trailing_slash(&self) -> bool {
        false
    }

    /// Where the service root of an absolute `url` ends (a byte offset after its final `/`),
    /// with diagnostics about the root itself. `None` lets the validator infer it.
    fn service_root(&self, url: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<usize> {
        let _ = (url, diagnostics);
        None
    }

    /// The model namespace that another namespace written in URLs stands for (the Outlook
    /// documentation writes `Microsoft.Exchange.Services.OData.Model.Importance'High'`).
    fn namespace_alias(&self, namespace: &str) -> Option<&'static str> {
        let _ = namespace;
        None
    }

    /// Whether `key` is a well-known name of an entity of type `ty` (`Inbox` for a mail
    /// folder), recorded in the bound request.
    fn well_known_key(&self, model: &Model, ty: EntityTypeId, key: &str) -> Option<&'static str> {
        let _ = (model, ty, key);
        None
    }

    /// The service's own error code and message for a standard diagnostic about `subject`
    /// (a property, function or option name), if its documentation gives one.
    fn service_error(&self, code: Code, subject: &str) -> Option<ServiceError> {
        let _ = (code, subject);
        None
    }

    /// Whether `$orderby` may sort by a complex value (the Outlook documentation sorts
    /// messages by `Sender`, a `Recipient`); OData sorts by primitive values only.
    fn orders_complex_values(&self) -> bool {
        false
    }

    /// The service's extra rules, run after binding and the annotation rules.
    fn rules(&self) -> &[Rule] {
        &[]
    }
}

/// The OData specification and the model's annotations, nothing more.
#[derive(Clone, Copy, Debug, Default)]
pub struct Standard;

impl ServiceProfile for Standard {
    fn name(&self) -> &'static str {
        "standard"
    }
}

/// A service profile, cheap to clone. Build one with [`Profile::standard`],
/// [`Profile::outlook_v2`] or [`Profile::new`].
#[derive(Clone, Debug)]
pub struct Profile(Arc<dyn ServiceProfile>);

impl Profile {
    /// The OData 4.01 specification plus the model's capability annotations.
    #[must_use]
    pub fn standard() -> Self {
        Profile(Arc::new(Standard))
    }

    /// The Outlook REST API v2.0 (see [`OutlookV2`](super::outlook::OutlookV2)).
    #[must_use]
    pub fn outlook_v2() -> Self {
        Profile(Arc::new(super::outlook::OutlookV2))
    }

    /// A profile of your own.
    #[must_use]
    pub fn new(profile: impl ServiceProfile + 'static) -> Self {
        Profile(Arc::new(profile))
    }

    /// A profile by name: `standard` or `outlook-v2`.
    #[must_use]
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "standard" => Some(Self::standard()),
            "outlook-v2" | "outlook" => Some(Self::outlook_v2()),
            _ => None,
        }
    }

    /// The profile's name.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The wrapped profile.
    #[must_use]
    pub fn service(&self) -> &dyn ServiceProfile {
        &*self.0
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::standard()
    }
}
