//! # odata-parser
//!
//! The runtime library of the OData toolkit: OData 4.01 URL query options parsed
//! into a typed syntax tree with byte spans and a canonical printer, and the
//! EDM model of a service read from its CSDL ([`edm`]).
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::panic)]

pub mod edm;
pub mod query;
pub mod span;

pub use span::{NodeSpan, Span, Spanned};
