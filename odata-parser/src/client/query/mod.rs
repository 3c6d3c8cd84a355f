//! Typed queries: member paths and expressions whose types follow the model, and
//! whose use is checked against the service's capabilities by the compiler.
//!
//! Generated code gives each entity and complex type a `…Fields<M, A>` struct with
//! one accessor per member. A request builder hands one to the closure of
//! `filter`, `orderby`, `select` or `expand` in the matching [`Mode`]
//! ([`Filtering`], [`Sorting`], [`Selecting`], [`Expanding`]) for the resource's
//! [`State`]; an accessor of the resource's own members requires the mode to
//! [`Allows`] the member, so a member the service does not allow there is a compile
//! error naming the member and the capability:
//!
//! ```text
//! error[E0277]: property `message::Body` cannot be used in $filter here
//!    = note: the service's Capabilities.FilterRestrictions for this resource exclude `message::Body` …
//! ```
//!
//! Values are written by the canonical printer from syntax-tree literals
//! ([`IntoLiteral`]): `x' or 1 eq 1 or 'a` stays one string literal.

pub mod capability;
mod expr;
mod literal;
mod options;
mod path;

pub use capability::{
    AllFunctions, AllMembers, Allows, AllowsFunction, Countable, Deletable, ExpandSupported,
    Expandable, Expanding, FilterFunction, FilterSupported, Filterable, Filtering, Insertable,
    Mode, Navigate, NavigationProperty, NoMembers, Searchable, SelectSupported, Selecting,
    SkipSupported, SortSupported, Sortable, Sorting, State, TopSupported, TrackChanges, Unchecked,
    Updatable, Via, functions,
};
pub use expr::{
    Expr, HasDate, HasTime, Null, Numeric, Operand, Temporal, max_date_time, min_date_time, now,
};
pub use literal::IntoLiteral;
pub(crate) use options::QueryParts;
pub use options::{
    Expand, ExpandList, OrderByList, Search, SelectList, Sort, SortByComplex, SortValue, asc, desc,
};
pub use path::{
    CollectionOf, DerivedFrom, Fields, HasFields, Path, PropertyPath, Segments, cast, collection,
    collection_nav, complex, is_of, member, single_nav,
};
