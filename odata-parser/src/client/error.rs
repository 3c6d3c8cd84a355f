//! Errors of the request builders ([`BuildError`]) and of reading responses
//! ([`ResponseError`]).

use std::sync::Arc;

use super::response::ErrorResponse;

/// Why a request could not be built. Values that would change the structure of
/// the query (a search phrase with a `"`, an enumeration member that is not a
/// name) are refused here rather than written. Cheap to clone: builders carry the
/// first error along until `build`.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A `$search` phrase or word the grammar cannot hold.
    #[error("invalid $search term {text:?}: {reason}")]
    Search {
        /// The term.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An enumeration value whose member name is not an identifier (an unknown value
    /// read from a response, for example).
    #[error("enumeration value {text:?} of {ty} is not a member name")]
    EnumMember {
        /// The qualified enumeration type.
        ty: &'static str,
        /// The text.
        text: String,
    },
    /// A custom query option whose name is empty or starts with `$` or `@` (system
    /// query options and parameter aliases are written by the typed methods).
    #[error(
        "invalid custom query option name {name:?}: it must be non-empty and not start with '$' or '@'"
    )]
    CustomOption {
        /// The name.
        name: String,
    },
    /// A floating-point or decimal value that has no literal form.
    #[error("value {0:?} has no OData literal form")]
    Literal(String),
    /// A header name or value that HTTP does not allow.
    #[error("invalid header {name:?}")]
    Header {
        /// The header name.
        name: String,
    },
    /// A URL (service root or link) that is not a valid URI.
    #[error("invalid URL {url:?}")]
    Url {
        /// The URL.
        url: String,
        /// Why.
        #[source]
        source: Arc<http::Error>,
    },
    /// A request body that could not be written as JSON.
    #[error("the request body cannot be written as JSON")]
    Body(#[source] Arc<serde_json::Error>),
}

impl From<serde_json::Error> for BuildError {
    fn from(e: serde_json::Error) -> Self {
        BuildError::Body(Arc::new(e))
    }
}

/// Why a response could not be read into its type.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// The service answered with an error status and an OData error body.
    #[error("the service answered {status}: {error}")]
    Service {
        /// The status code.
        status: http::StatusCode,
        /// The error body.
        error: Box<ErrorResponse>,
    },
    /// The service answered with an error status and a body that is not an OData error.
    #[error("the service answered {status}")]
    Status {
        /// The status code.
        status: http::StatusCode,
        /// The body.
        body: Vec<u8>,
    },
    /// The body does not match the response type.
    #[error("the response body does not match its type")]
    Json(#[from] serde_json::Error),
    /// A `$count` response that is not a number.
    #[error("the $count response is not a number: {0:?}")]
    Count(String),
}
