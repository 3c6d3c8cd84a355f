//! Typed member paths: [`Path`] (a primitive, enumeration or primitive-collection
//! member), the generated member accessors ([`Fields`]) and collections of
//! structured values ([`CollectionOf`]), with lambda operators.

use std::cell::Cell;
use std::marker::PhantomData;

use crate::ast::{self, PathSegment};
use crate::client::Structured;
use crate::client::ast_build;

use super::capability::{AllowsFunction, Mode, functions};
use super::expr::Expr;
use crate::client::request::EntityType;

/// The segments of a member path from the addressed resource (or from a lambda
/// variable, then its first segment). Generated accessors extend it.
#[derive(Clone, Debug, Default)]
pub struct Segments(Vec<PathSegment<'static>>);

impl Segments {
    /// The empty path: the resource itself.
    #[must_use]
    pub fn root() -> Self {
        Segments(Vec::new())
    }

    /// This path followed by member `name`.
    #[must_use]
    pub fn member(&self, name: &str) -> Self {
        let mut s = self.0.clone();
        s.push(ast_build::member(name));
        Segments(s)
    }

    /// This path followed by a type cast to `qualified`.
    #[must_use]
    pub fn cast(&self, qualified: &str) -> Self {
        let mut s = self.0.clone();
        s.push(ast_build::cast_segment(qualified));
        Segments(s)
    }

    pub(crate) fn with(&self, segment: PathSegment<'static>) -> Self {
        let mut s = self.0.clone();
        s.push(segment);
        Segments(s)
    }

    fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path as an expression.
    pub(crate) fn expr(&self) -> ast::Expr<'static> {
        ast_build::path_expr(&self.0)
    }

    /// The member names and casts, as `$select`/`$expand` segments.
    pub(crate) fn select_segments(&self) -> Vec<ast::SelectSegment<'static>> {
        ast_build::select_segments(&self.0)
    }

    /// The path as URL path segments, for addressing a property.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|s| match &s.kind {
            ast::PathSegmentKind::Member { name, .. } => Some(name.as_ref()),
            ast::PathSegmentKind::TypeCast(q) => Some(q.text.as_ref()),
            _ => None,
        })
    }
}

/// A member path whose value is of type `T`, used in mode `M` (see
/// [`Mode`](super::Mode)): a primitive, enumeration or collection member, compared,
/// selected or sorted.
pub struct Path<T, M> {
    pub(crate) segments: Segments,
    _p: PhantomData<fn() -> (T, M)>,
}

impl<T, M> Clone for Path<T, M> {
    fn clone(&self) -> Self {
        Path {
            segments: self.segments.clone(),
            _p: PhantomData,
        }
    }
}

impl<T, M> std::fmt::Debug for Path<T, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Path({})", self.segments.expr())
    }
}

impl<T, M> Path<T, M> {
    /// Member `name` of the value at `parent` (generated accessors).
    #[doc(hidden)]
    #[must_use]
    pub fn new(parent: &Segments, name: &str) -> Self {
        Path {
            segments: parent.member(name),
            _p: PhantomData,
        }
    }

    pub(crate) fn from_segments(segments: Segments) -> Self {
        Path {
            segments,
            _p: PhantomData,
        }
    }

    /// The path as an expression (to call functions on it).
    #[must_use]
    pub fn expr(&self) -> Expr<T, M> {
        Expr::from_ast(self.segments.expr())
    }
}

/// The member accessors of an entity or complex type (generated `…Fields` structs),
/// in mode `Self::Mode`.
pub trait Fields: Sized {
    /// How members are used.
    type Mode: Mode;
    /// The generated struct of the type.
    type Model: Structured;
    /// The type a response holding a value of this type reads into (the
    /// polymorphic enum of a base type, or the struct).
    type Value;
    /// The accessors of the value at `segments` (generated code).
    #[doc(hidden)]
    fn from_segments(segments: Segments) -> Self;
    /// The path of the value.
    #[doc(hidden)]
    fn segments(&self) -> &Segments;
}

/// An entity or complex type with member accessors (implemented by the generated
/// structs): `Self::Fields<M, A>` in mode `M` with access rule `A`.
pub trait HasFields: Structured {
    /// The accessors.
    type Fields<M: Mode, A>: Fields<Mode = M, Model = Self>;
}

/// `D` is an entity or complex type derived (directly or not) from `Self`: a value
/// of `Self` may be cast to it.
pub trait DerivedFrom<B>: Structured {}

/// The accessors of `D`, cast from the value `base` (generated `cast` methods).
#[doc(hidden)]
pub fn cast<B: Fields, D: Fields<Mode = B::Mode>>(base: &B) -> D
where
    D::Model: DerivedFrom<B::Model>,
{
    D::from_segments(
        base.segments()
            .cast(<D::Model as Structured>::QUALIFIED_NAME),
    )
}

/// `isof(Path, Ns.Derived)` (or `isof(Ns.Derived)` for the resource itself): whether
/// `value` is of derived type `D`.
pub fn is_of<D, B: Fields>(value: &B) -> Expr<bool, B::Mode>
where
    D: DerivedFrom<B::Model>,
    B::Mode: AllowsFunction<functions::IsOf>,
{
    let s = value.segments();
    let operand = (!s.is_root()).then(|| s.expr());
    Expr::from_ast(ast_build::type_test(true, operand, D::QUALIFIED_NAME))
}

/// Member `name` of `parent`, a primitive, enumeration or primitive collection
/// (generated accessors).
#[doc(hidden)]
pub fn member<T, P: Fields>(parent: &P, name: &str) -> Path<T, P::Mode> {
    Path::from_segments(parent.segments().member(name))
}

/// The complex member `name` of `parent` (generated accessors).
#[doc(hidden)]
pub fn complex<F: Fields, P: Fields>(parent: &P, name: &str) -> F {
    F::from_segments(parent.segments().member(name))
}

/// The complex collection member `name` of `parent` (generated accessors).
#[doc(hidden)]
pub fn collection<F: Fields, P: Fields>(parent: &P, name: &str) -> CollectionOf<F> {
    CollectionOf::from_segments(parent.segments().member(name))
}

/// The single-valued navigation property `name` of `parent` (generated accessors).
#[doc(hidden)]
pub fn single_nav<E: EntityType, N: 'static, P: Fields>(
    parent: &P,
    name: &str,
) -> <P::Mode as Mode>::SingleNav<E, N> {
    <P::Mode as Mode>::single_nav(parent.segments().member(name))
}

/// The collection-valued navigation property `name` of `parent` (generated accessors).
#[doc(hidden)]
pub fn collection_nav<E: EntityType, N: 'static, P: Fields>(
    parent: &P,
    name: &str,
) -> <P::Mode as Mode>::CollectionNav<E, N> {
    <P::Mode as Mode>::collection_nav(parent.segments().member(name))
}

/// A collection of structured values (complex values or related entities) whose
/// items are accessed through `F`: select it whole, test its items with
/// [`any`](Self::any)/[`all`](Self::all), or count them.
pub struct CollectionOf<F> {
    segments: Segments,
    _p: PhantomData<fn() -> F>,
}

impl<F> Clone for CollectionOf<F> {
    fn clone(&self) -> Self {
        CollectionOf {
            segments: self.segments.clone(),
            _p: PhantomData,
        }
    }
}

impl<F: Fields> CollectionOf<F> {
    /// A collection member `name` of the value at `parent` (generated accessors).
    #[doc(hidden)]
    #[must_use]
    pub fn new(parent: &Segments, name: &str) -> Self {
        Self::from_segments(parent.member(name))
    }

    pub(crate) fn from_segments(segments: Segments) -> Self {
        CollectionOf {
            segments,
            _p: PhantomData,
        }
    }

    pub(crate) fn segments(&self) -> &Segments {
        &self.segments
    }

    /// `Path/any(x:predicate)`: some item satisfies `predicate`.
    pub fn any(self, predicate: impl FnOnce(F) -> Expr<bool, F::Mode>) -> Expr<bool, F::Mode>
    where
        F::Mode: AllowsFunction<functions::Any>,
    {
        lambda(false, &self.segments, |var| {
            predicate(F::from_segments(var))
        })
    }

    /// `Path/all(x:predicate)`: every item satisfies `predicate`.
    pub fn all(self, predicate: impl FnOnce(F) -> Expr<bool, F::Mode>) -> Expr<bool, F::Mode>
    where
        F::Mode: AllowsFunction<functions::All>,
    {
        lambda(true, &self.segments, |var| predicate(F::from_segments(var)))
    }

    /// `Path/any()`: the collection is not empty.
    pub fn is_not_empty(self) -> Expr<bool, F::Mode>
    where
        F::Mode: AllowsFunction<functions::Any>,
    {
        let segment = ast::PathSegment {
            kind: ast::PathSegmentKind::Any(None),
            span: crate::span::NodeSpan::NONE,
        };
        Expr::from_ast(self.segments.with(segment).expr())
    }

    /// `Path/$count`: the number of items.
    #[must_use]
    pub fn count(self) -> Expr<i64, F::Mode> {
        Expr::from_ast(self.segments.with(ast_build::count_segment()).expr())
    }
}

impl<T, M: Mode> Path<Vec<T>, M> {
    /// `Path/any(x:predicate)`: some item satisfies `predicate`.
    pub fn any(self, predicate: impl FnOnce(Path<T, M>) -> Expr<bool, M>) -> Expr<bool, M>
    where
        M: AllowsFunction<functions::Any>,
    {
        lambda(false, &self.segments, |var| {
            predicate(Path::from_segments(var))
        })
    }

    /// `Path/all(x:predicate)`: every item satisfies `predicate`.
    pub fn all(self, predicate: impl FnOnce(Path<T, M>) -> Expr<bool, M>) -> Expr<bool, M>
    where
        M: AllowsFunction<functions::All>,
    {
        lambda(true, &self.segments, |var| {
            predicate(Path::from_segments(var))
        })
    }

    /// `Path/$count`: the number of items.
    #[must_use]
    pub fn count(self) -> Expr<i64, M> {
        Expr::from_ast(self.segments.with(ast_build::count_segment()).expr())
    }
}

thread_local! {
    /// How many lambdas enclose the one being built: its variable is `x<depth>`,
    /// so nested lambdas never shadow each other.
    static LAMBDA_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Restores the lambda depth when the predicate returns (or unwinds).
struct DepthGuard(u32);

impl Drop for DepthGuard {
    fn drop(&mut self) {
        LAMBDA_DEPTH.with(|d| d.set(self.0));
    }
}

fn lambda<M>(
    all: bool,
    collection: &Segments,
    predicate: impl FnOnce(Segments) -> Expr<bool, M>,
) -> Expr<bool, M> {
    let depth = LAMBDA_DEPTH.with(|d| {
        let n = d.get();
        d.set(n + 1);
        n
    });
    let _guard = DepthGuard(depth);
    let variable = format!("x{}", depth + 1);
    let body = predicate(Segments::root().member(&variable));
    let (predicate, error) = body.into_parts();
    let segment = ast_build::lambda_segment(all, &variable, predicate);
    Expr::from_parts(collection.with(segment).expr(), error)
}

/// What [`Single::property`](crate::client::request::Single::property) addresses:
/// a structural property (a [`Path`], or complex accessors).
pub trait PropertyPath {
    /// What a response holding the property's value reads into.
    type Value;
    /// The path (runtime code).
    #[doc(hidden)]
    fn property_segments(&self) -> &Segments;
}

impl<T, M> PropertyPath for Path<T, M> {
    type Value = crate::client::request::PropertyValue<T>;
    fn property_segments(&self) -> &Segments {
        &self.segments
    }
}

impl<F: Fields> PropertyPath for F {
    type Value = F::Value;
    fn property_segments(&self) -> &Segments {
        self.segments()
    }
}
