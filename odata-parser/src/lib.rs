//! # odata-parser
//!
//! The runtime library of the OData toolkit: OData 4.01 URL query options parsed
//! into a typed syntax tree with byte spans and a canonical printer, and the
//! EDM model of a service read from its CSDL ([`edm`]).
//!
//! ```
//! use odata_parser::{parse_filter, ParseOptions, QueryOptions, ToUrlString};
//!
//! // One option value, already decoded:
//! let filter = parse_filter("Name EQ 'Milk' AND Price lt 2.55").unwrap();
//! assert_eq!(filter.to_string(), "Name eq 'Milk' and Price lt 2.55");
//!
//! // A raw query string from a URL:
//! let q = QueryOptions::parse("$filter=Subject%20eq%20'Good%20Times'&$top=5", &ParseOptions::strict()).unwrap();
//! assert_eq!(q.top(), Some(5));
//! assert_eq!(q.to_url_string(), "$filter=Subject%20eq%20'Good%20Times'&$top=5");
//!
//! // Errors say what was expected, what was found, and where:
//! let err = parse_filter("Price gt").unwrap_err();
//! assert_eq!(err.to_string(), "expected an expression after 'gt', found end of input");
//! assert_eq!(err.span().start, 8);
//! ```
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::panic)]

pub mod bind;
pub mod edm;
pub mod error;
pub mod query;
pub mod span;

pub use error::{ParseError, ParseErrorKind};
pub use query::ast::{self, IntoOwned};
pub use query::tree::Tree;
pub use query::{
    ODataUri, OptionSource, ParseOptions, QueryOptions, ResourcePath, ResourceSegment,
    ResourceSegmentKind, ToUrlString, ValueKind, parse_compute, parse_compute_with, parse_expand,
    parse_expand_with, parse_filter, parse_filter_with, parse_literal, parse_orderby,
    parse_orderby_with, parse_primitive_value, parse_search, parse_search_with, parse_select,
    parse_select_with,
};
pub use span::{NodeSpan, Span, Spanned};
