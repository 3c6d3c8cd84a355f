//! Capabilities as types: what the service allows on a resource, checked by the
//! compiler.
//!
//! Generated code gives every resource its **state**, a marker type implementing
//! [`State`] (plus the flag traits below where allowed): one state per distinct
//! set of effective capabilities of the navigation paths it was computed from.
//! A state names three member sets ([`State::Filter`], [`State::Sort`],
//! [`State::Expand`]) and a function set ([`State::Functions`]); a builder method
//! that uses a member or a function requires the set to implement
//! [`Filterable<P>`], [`Sortable<P>`], [`Expandable<P>`] or [`FilterFunction<F>`],
//! so that, where the service does not allow it, the call does not compile and
//! the message names the member (or function) and the rule.
//!
//! Navigating from a resource to a related one goes through [`Navigate`], whose
//! target is the next state; a navigation property's [`NavigationProperty::Home`]
//! is where deeper paths continue (see the generated `capabilities` module).

use std::marker::PhantomData;

use super::path::{CollectionOf, Segments};
use crate::client::request::{EntityType, Expand};

/// The capabilities of a resource. Implemented by the generated state markers.
pub trait State: 'static {
    /// The members that may be used in `$filter` (implements [`Filterable`] for each).
    type Filter;
    /// The members that may be used in `$orderby` (implements [`Sortable`] for each).
    type Sort;
    /// The navigation properties that may be expanded (implements [`Expandable`]).
    type Expand;
    /// The functions and operators allowed in `$filter` (implements [`FilterFunction`]).
    type Functions;
}

/// A member set that allows member `P` in `$filter`.
#[diagnostic::on_unimplemented(
    message = "property `{P}` cannot be used in $filter here",
    label = "not filterable on this resource",
    note = "the service's capabilities for this resource do not allow `{P}` in $filter (Capabilities.FilterRestrictions/NonFilterableProperties; in a change-tracking request, ChangeTracking/FilterableProperties); member set `{Self}`"
)]
pub trait Filterable<P> {}

/// A member set that allows member `P` in `$orderby`.
#[diagnostic::on_unimplemented(
    message = "property `{P}` cannot be used in $orderby here",
    label = "not sortable on this resource",
    note = "the service's Capabilities.SortRestrictions for this resource exclude `{P}` (NonSortableProperties, or sorted in one direction only); member set `{Self}`"
)]
pub trait Sortable<P> {}

/// A member set that allows expanding navigation property `P`.
#[diagnostic::on_unimplemented(
    message = "navigation property `{P}` cannot be expanded here",
    label = "not expandable on this resource",
    note = "the service's capabilities for this resource do not allow expanding `{P}` (Capabilities.ExpandRestrictions/NonExpandableProperties; in a change-tracking request, ChangeTracking/ExpandableProperties); member set `{Self}`"
)]
pub trait Expandable<P> {}

/// A function set that allows function or operator `F` in `$filter`.
#[diagnostic::on_unimplemented(
    message = "`{F}` cannot be used in $filter: the service does not support it",
    label = "not in the service's filter functions",
    note = "Capabilities.FilterFunctions of this service does not list `{F}` (function set `{Self}`)"
)]
pub trait FilterFunction<F> {}

macro_rules! flag {
    ($(#[$doc:meta])* $name:ident, $message:literal, $note:literal) => {
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = "not supported on this resource", note = $note)]
        pub trait $name: State {}
    };
}

flag!(
    /// `$filter` may be used (`FilterRestrictions/Filterable`).
    FilterSupported,
    "$filter is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.FilterRestrictions/Filterable is false here"
);
flag!(
    /// `$orderby` may be used (`SortRestrictions/Sortable`).
    SortSupported,
    "$orderby is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.SortRestrictions/Sortable is false here"
);
flag!(
    /// `$search` may be used (`SearchRestrictions/Searchable`).
    Searchable,
    "$search is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.SearchRestrictions/Searchable is false here"
);
flag!(
    /// `$top` may be used (`TopSupported`).
    TopSupported,
    "$top is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.TopSupported is false here"
);
flag!(
    /// `$skip` may be used (`SkipSupported`).
    SkipSupported,
    "$skip is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.SkipSupported is false here"
);
flag!(
    /// `/$count` and `$count=true` may be used (`CountRestrictions/Countable`).
    Countable,
    "counting is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.CountRestrictions/Countable is false here"
);
flag!(
    /// `$select` may be used (`SelectSupport/Supported`).
    SelectSupported,
    "$select is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.SelectSupport/Supported is false here"
);
flag!(
    /// `$expand` may be used (`ExpandRestrictions/Expandable`).
    ExpandSupported,
    "$expand is not supported on this resource (state `{Self}`)",
    "the service's Capabilities.ExpandRestrictions/Expandable is false here"
);
flag!(
    /// Entities may be created in the collection (`InsertRestrictions/Insertable`).
    Insertable,
    "entities cannot be created here (state `{Self}`)",
    "the service's Capabilities.InsertRestrictions/Insertable is false here"
);
flag!(
    /// Entities may be updated (`UpdateRestrictions/Updatable`).
    Updatable,
    "entities cannot be updated here (state `{Self}`)",
    "the service's Capabilities.UpdateRestrictions/Updatable is false here"
);
flag!(
    /// Entities may be deleted (`DeleteRestrictions/Deletable`).
    Deletable,
    "entities cannot be deleted here (state `{Self}`)",
    "the service's Capabilities.DeleteRestrictions/Deletable is false here"
);

/// Change tracking is supported (`ChangeTracking/Supported`); a delta request uses
/// the state [`Self::Delta`], whose filterable and expandable members are the ones
/// `ChangeTracking` lists.
#[diagnostic::on_unimplemented(
    message = "change tracking is not supported on this resource (state `{Self}`)",
    label = "no change tracking here",
    note = "the service's Capabilities.ChangeTracking/Supported is not true here"
)]
pub trait TrackChanges: State {
    /// The state of a delta request.
    type Delta: State;
}

/// Following navigation property `P` from a resource of this state leads to [`Self::Target`].
#[diagnostic::on_unimplemented(
    message = "navigation property `{P}` cannot be followed from state `{Self}`",
    note = "generated states implement `Navigate` for the navigation properties of their entity type"
)]
pub trait Navigate<P>: State {
    /// The state of the related resource.
    type Target: State;
}

/// A navigation property marker: the state where paths that end in it continue when
/// they are deeper than the generator followed them.
pub trait NavigationProperty: 'static {
    /// The state of the property's home path.
    type Home: State;
}

/// The member sets and function sets every service may use: everything is allowed.
#[derive(Clone, Copy, Debug)]
pub enum AllMembers {}

impl<P> Filterable<P> for AllMembers {}
impl<P> Sortable<P> for AllMembers {}
impl<P> Expandable<P> for AllMembers {}

/// No member is allowed.
#[derive(Clone, Copy, Debug)]
pub enum NoMembers {}

/// Every canonical function and operator is allowed (no `FilterFunctions` annotation).
#[derive(Clone, Copy, Debug)]
pub enum AllFunctions {}

impl<F> FilterFunction<F> for AllFunctions {}

/// The state of a related resource reached through navigation property `P` from
/// state `C` (inside `$expand`).
pub struct Via<C, P>(PhantomData<fn() -> (C, P)>);

impl<C: Navigate<P>, P: 'static> State for Via<C, P> {
    type Filter = <C::Target as State>::Filter;
    type Sort = <C::Target as State>::Sort;
    type Expand = <C::Target as State>::Expand;
    type Functions = <C::Target as State>::Functions;
}

macro_rules! via_flags {
    ($($flag:ident),*) => {$(
        impl<C: Navigate<P>, P: 'static> $flag for Via<C, P> where C::Target: $flag {}
    )*};
}
via_flags!(
    FilterSupported,
    SortSupported,
    Searchable,
    TopSupported,
    SkipSupported,
    Countable,
    SelectSupported,
    ExpandSupported
);

impl<C: Navigate<P>, P: 'static, Q> Navigate<Q> for Via<C, P>
where
    C::Target: Navigate<Q>,
{
    type Target = <C::Target as Navigate<Q>>::Target;
}

/// How a member accessor's result is used: in `$filter`, `$orderby`, `$select` or
/// `$expand`, on a resource of state `C`. Navigation properties give lambda-capable
/// collections and related members in the first three, nested expand options in
/// the last.
pub trait Mode: Sized + 'static {
    /// What a single-valued navigation property gives.
    type SingleNav<E: EntityType, P: 'static>;
    /// What a collection-valued navigation property gives.
    type CollectionNav<E: EntityType, P: 'static>;
    /// Builds [`Self::SingleNav`] (generated code).
    #[doc(hidden)]
    fn single_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::SingleNav<E, P>;
    /// Builds [`Self::CollectionNav`] (generated code).
    #[doc(hidden)]
    fn collection_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::CollectionNav<E, P>;
}

macro_rules! path_mode {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name<C>(PhantomData<fn() -> C>);

        impl<C: 'static> Mode for $name<C> {
            type SingleNav<E: EntityType, P: 'static> = <E as super::HasFields>::Fields<Self, Unchecked>;
            type CollectionNav<E: EntityType, P: 'static> = CollectionOf<<E as super::HasFields>::Fields<Self, Unchecked>>;
            fn single_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::SingleNav<E, P> {
                <<E as super::HasFields>::Fields<Self, Unchecked> as super::Fields>::from_segments(segments)
            }
            fn collection_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::CollectionNav<E, P> {
                CollectionOf::from_segments(segments)
            }
        }
    };
}

path_mode!(
    /// Members used in `$filter` on a resource of state `C`.
    Filtering
);
path_mode!(
    /// Members used in `$orderby` on a resource of state `C`.
    Sorting
);
path_mode!(
    /// Members used in `$select` (or addressed as a property) on a resource of state `C`.
    Selecting
);

/// Navigation properties expanded from a resource of state `C`.
pub struct Expanding<C>(PhantomData<fn() -> C>);

impl<C: 'static> Mode for Expanding<C> {
    type SingleNav<E: EntityType, P: 'static> = Expand<E, Via<C, P>>;
    type CollectionNav<E: EntityType, P: 'static> = Expand<E, Via<C, P>>;
    fn single_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::SingleNav<E, P> {
        Expand::new(segments)
    }
    fn collection_nav<E: EntityType, P: 'static>(segments: Segments) -> Self::CollectionNav<E, P> {
        Expand::new(segments)
    }
}

/// Whether member `P` may be used in this mode: [`Filterable`] for [`Filtering`],
/// [`Sortable`] for [`Sorting`], [`Expandable`] for [`Expanding`], always for
/// [`Selecting`] and for members below the resource's own ([`Unchecked`]).
pub trait Allows<P> {}

impl<C: State, P> Allows<P> for Filtering<C> where C::Filter: Filterable<P> {}
impl<C: State, P> Allows<P> for Sorting<C> where C::Sort: Sortable<P> {}
impl<C: State, P> Allows<P> for Expanding<C> where C::Expand: Expandable<P> {}
impl<C, P> Allows<P> for Selecting<C> {}

/// The access rule of members below the resource's own (inside complex values,
/// lambda variables and related entities): restrictions name the resource's own
/// members, and the generator excludes a member when a path below it is restricted.
pub enum Unchecked {}

impl<P> Allows<P> for Unchecked {}

/// Whether function or operator `F` may be used in this mode: in `$filter`, if the
/// state's [`State::Functions`] allow it; elsewhere always.
pub trait AllowsFunction<F> {}

impl<C: State, F> AllowsFunction<F> for Filtering<C> where C::Functions: FilterFunction<F> {}
impl<C, F> AllowsFunction<F> for Sorting<C> {}
impl<C, F> AllowsFunction<F> for Selecting<C> {}
impl<C, F> AllowsFunction<F> for Expanding<C> {}

/// Markers of the canonical functions and operators, as `Capabilities.FilterFunctions`
/// names them.
pub mod functions {
    macro_rules! markers {
        ($($name:ident = $text:literal),* $(,)?) => {$(
            #[doc = concat!("`", $text, "`.")]
            #[derive(Clone, Copy, Debug)]
            pub enum $name {}
        )*};
    }
    markers!(
        Eq = "eq",
        Ne = "ne",
        Gt = "gt",
        Ge = "ge",
        Lt = "lt",
        Le = "le",
        And = "and",
        Or = "or",
        Not = "not",
        Has = "has",
        In = "in",
        Add = "add",
        Sub = "sub",
        Mul = "mul",
        Div = "div",
        DivBy = "divby",
        Mod = "mod",
        Any = "any",
        All = "all",
        IsOf = "isof",
        Cast = "cast",
        Contains = "contains",
        StartsWith = "startswith",
        EndsWith = "endswith",
        Length = "length",
        IndexOf = "indexof",
        Substring = "substring",
        ToLower = "tolower",
        ToUpper = "toupper",
        Trim = "trim",
        Concat = "concat",
        MatchesPattern = "matchesPattern",
        Year = "year",
        Month = "month",
        Day = "day",
        Hour = "hour",
        Minute = "minute",
        Second = "second",
        FractionalSeconds = "fractionalseconds",
        TotalSeconds = "totalseconds",
        Date = "date",
        Time = "time",
        TotalOffsetMinutes = "totaloffsetminutes",
        Now = "now",
        MinDateTime = "mindatetime",
        MaxDateTime = "maxdatetime",
        Round = "round",
        Floor = "floor",
        Ceiling = "ceiling",
    );
}
