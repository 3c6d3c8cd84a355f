//! `$select`, `$orderby` and `$expand` items, `$search` terms, and the set of query
//! options a request (or a nested `$expand`) carries.

use std::marker::PhantomData;

use crate::ast::{self, SearchExprKind, SystemQueryOption};
use crate::client::ast_build;
use crate::client::request::EntityType;
use crate::client::{
    BuildError, Date, DateTimeOffset, Decimal, Duration, EnumType, Guid, TimeOfDay,
};

use super::capability::{Expanding, Via};
use super::expr::Expr;
use super::path::{CollectionOf, Fields, Path, Segments};

/// What `$select` may list in mode `M`: member paths, complex members, collections,
/// and tuples, arrays or vectors of them.
pub trait SelectList<M> {
    /// Appends the items (runtime code).
    #[doc(hidden)]
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>);
}

impl<T, M> SelectList<M> for Path<T, M> {
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
        out.push(ast_build::select_item(
            self.segments.select_segments(),
            Vec::new(),
        ));
    }
}

impl<F: Fields> SelectList<F::Mode> for F {
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
        out.push(ast_build::select_item(
            self.segments().select_segments(),
            Vec::new(),
        ));
    }
}

impl<F: Fields> SelectList<F::Mode> for CollectionOf<F> {
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
        out.push(ast_build::select_item(
            self.segments().select_segments(),
            Vec::new(),
        ));
    }
}

impl<M, S: SelectList<M>> SelectList<M> for Vec<S> {
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
        for s in self {
            s.add_to(out);
        }
    }
}

impl<M, S: SelectList<M>, const N: usize> SelectList<M> for [S; N] {
    fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
        for s in self {
            s.add_to(out);
        }
    }
}

/// Value types `$orderby` can sort by: primitives and enumerations.
pub trait SortValue {}
macro_rules! sort_values {
    ($($t:ty),*) => {$( impl SortValue for $t {} )*};
}
sort_values!(
    String,
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    Decimal,
    Date,
    DateTimeOffset,
    TimeOfDay,
    Duration,
    Guid
);
impl<E: EnumType> SortValue for E {}

/// A complex type whose values the service sorts by (a profile allowance, such as
/// Outlook sorting messages by `Sender`); generated for every complex type when the
/// generator's profile allows it.
pub trait SortByComplex {}

/// One `$orderby` item with an explicit direction.
pub struct Sort<M> {
    item: ast::OrderbyItem<'static>,
    error: Option<Box<BuildError>>,
    _p: PhantomData<fn() -> M>,
}

impl<M> Sort<M> {
    fn new(e: ast::Expr<'static>, descending: bool, error: Option<Box<BuildError>>) -> Self {
        Sort {
            item: ast_build::orderby_item(e, Some(descending)),
            error,
            _p: PhantomData,
        }
    }
}

impl<T: SortValue, M> Path<T, M> {
    /// `Path asc`.
    #[must_use]
    pub fn asc(self) -> Sort<M> {
        Sort::new(self.segments.expr(), false, None)
    }
    /// `Path desc`.
    #[must_use]
    pub fn desc(self) -> Sort<M> {
        Sort::new(self.segments.expr(), true, None)
    }
}

impl<T: SortValue, M> Expr<T, M> {
    /// `expr asc`.
    #[must_use]
    pub fn asc(self) -> Sort<M> {
        let (e, error) = self.into_parts();
        Sort::new(e, false, error)
    }
    /// `expr desc`.
    #[must_use]
    pub fn desc(self) -> Sort<M> {
        let (e, error) = self.into_parts();
        Sort::new(e, true, error)
    }
}

/// `Complex asc`, for complex members the service sorts by.
pub fn asc<F: Fields>(value: F) -> Sort<F::Mode>
where
    F::Model: SortByComplex,
{
    Sort::new(value.segments().expr(), false, None)
}

/// `Complex desc`, for complex members the service sorts by.
pub fn desc<F: Fields>(value: F) -> Sort<F::Mode>
where
    F::Model: SortByComplex,
{
    Sort::new(value.segments().expr(), true, None)
}

/// What `$orderby` may list in mode `M`: primitive and enumeration paths (ascending),
/// [`Sort`] items, complex members the service sorts by, and tuples, arrays or
/// vectors of them.
pub trait OrderByList<M> {
    /// Appends the items (runtime code).
    #[doc(hidden)]
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, error: &mut Option<Box<BuildError>>);
}

impl<T: SortValue, M> OrderByList<M> for Path<T, M> {
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, _: &mut Option<Box<BuildError>>) {
        out.push(ast_build::orderby_item(self.segments.expr(), None));
    }
}

impl<M> OrderByList<M> for Sort<M> {
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, error: &mut Option<Box<BuildError>>) {
        out.push(self.item);
        if error.is_none() {
            *error = self.error;
        }
    }
}

impl<F: Fields> OrderByList<F::Mode> for F
where
    F::Model: SortByComplex,
{
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, _: &mut Option<Box<BuildError>>) {
        out.push(ast_build::orderby_item(self.segments().expr(), None));
    }
}

impl<M, S: OrderByList<M>> OrderByList<M> for Vec<S> {
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, error: &mut Option<Box<BuildError>>) {
        for s in self {
            s.add_to(out, error);
        }
    }
}

impl<M, S: OrderByList<M>, const N: usize> OrderByList<M> for [S; N] {
    fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, error: &mut Option<Box<BuildError>>) {
        for s in self {
            s.add_to(out, error);
        }
    }
}

/// What `$expand` may list in mode `M`: navigation properties (with nested options),
/// and tuples, arrays or vectors of them.
pub trait ExpandList<M> {
    /// Appends the items (runtime code).
    #[doc(hidden)]
    fn add_to(self, out: &mut Vec<ast::ExpandItem<'static>>, error: &mut Option<Box<BuildError>>);
}

macro_rules! tuples {
    ($($name:ident)+) => {
        impl<M, $($name: SelectList<M>),+> SelectList<M> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn add_to(self, out: &mut Vec<ast::SelectItem<'static>>) {
                let ($($name,)+) = self;
                $($name.add_to(out);)+
            }
        }
        impl<M, $($name: OrderByList<M>),+> OrderByList<M> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn add_to(self, out: &mut Vec<ast::OrderbyItem<'static>>, error: &mut Option<Box<BuildError>>) {
                let ($($name,)+) = self;
                $($name.add_to(out, error);)+
            }
        }
        impl<M, $($name: ExpandList<M>),+> ExpandList<M> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn add_to(self, out: &mut Vec<ast::ExpandItem<'static>>, error: &mut Option<Box<BuildError>>) {
                let ($($name,)+) = self;
                $($name.add_to(out, error);)+
            }
        }
    };
}
tuples!(A);
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);
tuples!(A B C D E F G H I);
tuples!(A B C D E F G H I J);
tuples!(A B C D E F G H I J K);
tuples!(A B C D E F G H I J K L);

/// A `$search` expression: phrases and words combined with `AND`, `OR`, `NOT`.
/// Text that the grammar cannot hold (a phrase with `"`, a word with spaces) is
/// refused when the request is built, so no term can change the expression.
#[derive(Clone, Debug)]
pub struct Search {
    expr: ast::SearchExpr<'static>,
    error: Option<String>,
    reason: &'static str,
}

impl Search {
    fn term(kind: SearchExprKind<'static>, bad: Option<(&str, &'static str)>) -> Self {
        Search {
            expr: ast_build::search(kind),
            error: bad.map(|(t, _)| t.to_owned()),
            reason: bad.map_or("", |(_, r)| r),
        }
    }

    /// A phrase, written in double quotes: `"subject:pizza"`.
    #[must_use]
    pub fn phrase(text: &str) -> Self {
        let bad = if text.is_empty() {
            Some((text, "a phrase cannot be empty"))
        } else if text.contains('"') {
            Some((text, "a phrase cannot contain '\"'"))
        } else {
            None
        };
        Self::term(SearchExprKind::Phrase(ast_build::text(text)), bad)
    }

    /// A single word, written as is: `pizza`.
    #[must_use]
    pub fn word(text: &str) -> Self {
        let bad = if text.is_empty() {
            Some((text, "a word cannot be empty"))
        } else if text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
            || text.starts_with('\'')
        {
            Some((
                text,
                "a word cannot contain spaces, parentheses or '\"', nor start with '''",
            ))
        } else if matches!(text, "AND" | "OR" | "NOT") {
            Some((
                text,
                "AND, OR and NOT are operators; write them as a phrase",
            ))
        } else {
            None
        };
        Self::term(SearchExprKind::Word(ast_build::text(text)), bad)
    }

    fn join(self, other: Search, or: bool) -> Self {
        let (error, reason) = match self.error {
            Some(e) => (Some(e), self.reason),
            None => (other.error, other.reason),
        };
        let pair = Box::new((self.expr, other.expr));
        let kind = if or {
            SearchExprKind::Or(pair)
        } else {
            SearchExprKind::And(pair)
        };
        Search {
            expr: ast_build::search(kind),
            error,
            reason,
        }
    }

    /// `self AND other`.
    #[must_use]
    pub fn and(self, other: Search) -> Self {
        self.join(other, false)
    }

    /// `self OR other`.
    #[must_use]
    pub fn or(self, other: Search) -> Self {
        self.join(other, true)
    }

    fn into_result(self) -> Result<ast::SearchExpr<'static>, BuildError> {
        match self.error {
            Some(text) => Err(BuildError::Search {
                text,
                reason: self.reason,
            }),
            None => Ok(self.expr),
        }
    }
}

/// `NOT term`: `!Search::word("pizza")`.
impl std::ops::Not for Search {
    type Output = Search;
    fn not(self) -> Search {
        Search {
            expr: ast_build::search(SearchExprKind::Not(Box::new(self.expr))),
            error: self.error,
            reason: self.reason,
        }
    }
}

/// The query options of a request or of a nested `$expand`, kept as syntax trees.
#[derive(Clone, Debug, Default)]
pub(crate) struct QueryParts {
    pub(crate) filter: Option<ast::Expr<'static>>,
    pub(crate) search: Option<ast::SearchExpr<'static>>,
    pub(crate) orderby: Vec<ast::OrderbyItem<'static>>,
    pub(crate) select: Vec<ast::SelectItem<'static>>,
    pub(crate) expand: Vec<ast::ExpandItem<'static>>,
    pub(crate) top: Option<u64>,
    pub(crate) skip: Option<u64>,
    pub(crate) count: Option<bool>,
    pub(crate) levels: Option<u32>,
    pub(crate) skip_token: Option<String>,
    pub(crate) delta_token: Option<String>,
    pub(crate) custom: Vec<(String, String)>,
    pub(crate) error: Option<Box<BuildError>>,
}

impl QueryParts {
    pub(crate) fn fail(&mut self, error: Option<Box<BuildError>>) {
        if self.error.is_none() {
            self.error = error;
        }
    }

    pub(crate) fn set_filter<M>(&mut self, e: Expr<bool, M>) {
        let (node, error) = e.into_parts();
        self.filter = Some(node);
        self.fail(error);
    }

    pub(crate) fn set_search(&mut self, s: Search) {
        match s.into_result() {
            Ok(e) => self.search = Some(e),
            Err(e) => self.fail(Some(Box::new(e))),
        }
    }

    pub(crate) fn set_select<M>(&mut self, items: impl SelectList<M>) {
        self.select.clear();
        items.add_to(&mut self.select);
    }

    pub(crate) fn set_orderby<M>(&mut self, items: impl OrderByList<M>) {
        self.orderby.clear();
        let mut error = None;
        items.add_to(&mut self.orderby, &mut error);
        self.fail(error);
    }

    pub(crate) fn set_expand<M>(&mut self, items: impl ExpandList<M>) {
        self.expand.clear();
        let mut error = None;
        items.add_to(&mut self.expand, &mut error);
        self.fail(error);
    }

    /// The options in canonical order.
    pub(crate) fn options(&self) -> Vec<ast::QueryOption<'static>> {
        use SystemQueryOption as S;
        let mut out = Vec::new();
        let mut push = |o| out.push(ast_build::system(o));
        if let Some(f) = &self.filter {
            push(S::Filter(f.clone()));
        }
        if let Some(s) = &self.search {
            push(S::Search(s.clone()));
        }
        if !self.orderby.is_empty() {
            push(ast_build::orderby_option(self.orderby.clone()));
        }
        if !self.select.is_empty() {
            push(ast_build::select_option(self.select.clone()));
        }
        if !self.expand.is_empty() {
            push(ast_build::expand_option(self.expand.clone()));
        }
        if let Some(n) = self.top {
            push(S::Top(n));
        }
        if let Some(n) = self.skip {
            push(S::Skip(n));
        }
        if let Some(b) = self.count {
            push(S::Count(b));
        }
        if let Some(n) = self.levels {
            push(S::Levels(ast::Levels::Count(n)));
        }
        if let Some(t) = &self.skip_token {
            push(S::SkipToken(ast_build::text(t.as_str())));
        }
        if let Some(t) = &self.delta_token {
            push(S::DeltaToken(ast_build::text(t.as_str())));
        }
        for (name, value) in &self.custom {
            out.push(ast_build::custom(name, value));
        }
        out
    }
}

/// An expanded navigation property to entity type `E`, whose nested options are
/// checked against state `S` (the state of the related resources).
pub struct Expand<E, S> {
    segments: Segments,
    pub(crate) parts: QueryParts,
    _p: PhantomData<fn() -> (E, S)>,
}

impl<E, S> Expand<E, S> {
    pub(crate) fn new(segments: Segments) -> Self {
        Expand {
            segments,
            parts: QueryParts::default(),
            _p: PhantomData,
        }
    }

    /// `$levels=n`: expand recursively, `n` levels deep.
    #[must_use]
    pub fn levels(mut self, n: u32) -> Self {
        self.parts.levels = Some(n);
        self
    }
}

impl<C, P, E: EntityType> ExpandList<Expanding<C>> for Expand<E, Via<C, P>> {
    fn add_to(self, out: &mut Vec<ast::ExpandItem<'static>>, error: &mut Option<Box<BuildError>>) {
        out.push(ast_build::expand_item(
            self.segments.select_segments(),
            self.parts.options(),
        ));
        if error.is_none() {
            *error = self.parts.error;
        }
    }
}

impl<M, S: ExpandList<M>> ExpandList<M> for Vec<S> {
    fn add_to(self, out: &mut Vec<ast::ExpandItem<'static>>, error: &mut Option<Box<BuildError>>) {
        for s in self {
            s.add_to(out, error);
        }
    }
}

filter_methods!([E: EntityType, S: super::State] Expand<E, S>, E, S, parts);
select_methods!([E: EntityType, S: super::State] Expand<E, S>, E, S, parts);
page_methods!([E: EntityType, S: super::State] Expand<E, S>, E, S, parts);
