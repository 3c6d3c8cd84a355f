//! Syntax-tree nodes of the query options (OData 4.01 ABNF, section 2 and the
//! option rules of section 4): `$orderby`, `$compute`, `$select`, `$expand`,
//! `$search` items, and the query option list itself. Re-exported from the
//! parent module.

use std::borrow::Cow;

use super::{AnnotationName, Expr, QualifiedName};
use crate::span::NodeSpan;

/// One `$orderby` item.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderbyItem<'a> {
    /// The sort key.
    pub expr: Expr<'a>,
    /// `asc`/`desc` if written; `None` means ascending by default.
    pub direction: Option<SortDirection>,
    /// Where the item was written, direction included.
    pub span: NodeSpan,
}

/// Sort direction of an [`OrderbyItem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// `asc`.
    Asc,
    /// `desc`.
    Desc,
}

/// One `$compute` item: `expr as Alias`.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputeItem<'a> {
    /// The computed expression.
    pub expr: Expr<'a>,
    /// The name of the computed property.
    pub alias: Cow<'a, str>,
    /// Where the item was written.
    pub span: NodeSpan,
}

/// One `$select` item.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectItem<'a> {
    /// What is selected.
    pub kind: SelectItemKind<'a>,
    /// Where the item was written, nested options included.
    pub span: NodeSpan,
}

/// The kinds of [`SelectItem`].
#[derive(Clone, Debug, PartialEq)]
pub enum SelectItemKind<'a> {
    /// `*`: all structural properties.
    Star,
    /// `Ns.*`: all operations in a schema.
    AllOperations(QualifiedName<'a>),
    /// A property path (through complex properties and type casts), an operation
    /// (`Ns.Action`, `Ns.Function(p1,p2)`) or an annotation, with nested options for
    /// collection-valued properties: `Addresses($filter=...;$top=2)`.
    Path {
        /// The `/`-separated segments.
        segments: Vec<SelectSegment<'a>>,
        /// Nested options in `( ... )`, in the order written.
        options: Vec<QueryOption<'a>>,
    },
}

/// One segment of a `$select` or `$expand` path.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectSegment<'a> {
    /// What the segment is.
    pub kind: SelectSegmentKind<'a>,
    /// Where it was written.
    pub span: NodeSpan,
}

/// The kinds of [`SelectSegment`].
#[derive(Clone, Debug, PartialEq)]
pub enum SelectSegmentKind<'a> {
    /// A property or navigation property name, or an unqualified operation.
    Name(Cow<'a, str>),
    /// A qualified name: a type cast or a qualified operation.
    Qualified(QualifiedName<'a>),
    /// A function with parameter names to pick an overload: `Ns.Fn(p1,p2)`.
    FunctionOverload {
        /// The function name.
        name: QualifiedName<'a>,
        /// The parameter names.
        parameters: Vec<Cow<'a, str>>,
    },
    /// `@Ns.Term#Qualifier`.
    Annotation(AnnotationName<'a>),
    /// `*` as the last segment of an `$expand` path through complex properties
    /// (`Address/*`): all navigation properties reachable there.
    Star,
}

/// One `$expand` item.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpandItem<'a> {
    /// What is expanded.
    pub target: ExpandTarget<'a>,
    /// `/$ref` or `/$count` after the path.
    pub suffix: ExpandSuffix,
    /// Nested options in `( ... )`, in the order written.
    pub options: Vec<QueryOption<'a>>,
    /// Where the item was written, nested options included.
    pub span: NodeSpan,
}

/// What an [`ExpandItem`] expands.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpandTarget<'a> {
    /// `*`: all navigation properties.
    Star,
    /// `$value`: the media stream.
    Value,
    /// A path through complex properties and type casts, ending in a navigation
    /// property (optionally followed by a type cast) or a stream property.
    Path(Vec<SelectSegment<'a>>),
}

/// The `/$ref` or `/$count` suffix of an expand item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpandSuffix {
    /// No suffix: expand the related entities.
    None,
    /// `/$ref`: expand references only.
    Ref,
    /// `/$count`: expand the count only.
    Count,
}

/// `$levels` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Levels {
    /// A positive number of levels.
    Count(u32),
    /// `max`.
    Max,
}

/// A `$search` expression.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchExpr<'a> {
    /// What kind of search expression.
    pub kind: SearchExprKind<'a>,
    /// Where it was written.
    pub span: NodeSpan,
}

/// The kinds of [`SearchExpr`].
#[derive(Clone, Debug, PartialEq)]
pub enum SearchExprKind<'a> {
    /// A bare word (`searchWord`), as written.
    Word(Cow<'a, str>),
    /// A `"quoted phrase"`, unescaped, without the quotes.
    Phrase(Cow<'a, str>),
    /// `NOT expr`.
    Not(Box<SearchExpr<'a>>),
    /// `a AND b`, or `a b` (implicit AND).
    And(Box<(SearchExpr<'a>, SearchExpr<'a>)>),
    /// `a OR b`.
    Or(Box<(SearchExpr<'a>, SearchExpr<'a>)>),
}

/// One query option: a system option (`$filter=...`), a parameter alias (`@p=...`)
/// or a custom option (`debug=true`).
#[derive(Clone, Debug, PartialEq)]
pub struct QueryOption<'a> {
    /// What the option is.
    pub kind: QueryOptionKind<'a>,
    /// Where `name=value` was written.
    pub span: NodeSpan,
}

impl<'a> QueryOptionKind<'a> {
    /// The system query option, if this is one.
    #[must_use]
    pub fn system(&self) -> Option<&SystemQueryOption<'a>> {
        match self {
            QueryOptionKind::System(s) => Some(s),
            _ => None,
        }
    }
}

/// The kinds of [`QueryOption`].
#[derive(Clone, Debug, PartialEq)]
pub enum QueryOptionKind<'a> {
    /// A system query option.
    System(SystemQueryOption<'a>),
    /// `@name=value`: a parameter alias and its value.
    Alias {
        /// The alias name without `@`.
        name: Cow<'a, str>,
        /// The value expression.
        value: Expr<'a>,
    },
    /// Any other `name[=value]`: a custom query option, kept verbatim (decoded).
    Custom {
        /// The option name.
        name: Cow<'a, str>,
        /// The value, if `=` was written.
        value: Option<Cow<'a, str>>,
    },
}

/// The system query options of OData 4.01.
#[derive(Clone, Debug, PartialEq)]
pub enum SystemQueryOption<'a> {
    /// `$filter=boolCommonExpr`.
    Filter(Expr<'a>),
    /// `$search=searchExpr`.
    Search(SearchExpr<'a>),
    /// `$orderby=item,...`.
    OrderBy(Vec<OrderbyItem<'a>>),
    /// `$top=n`.
    Top(u64),
    /// `$skip=n`.
    Skip(u64),
    /// `$count=true|false`.
    Count(bool),
    /// `$select=item,...`.
    Select(Vec<SelectItem<'a>>),
    /// `$expand=item,...`.
    Expand(Vec<ExpandItem<'a>>),
    /// `$compute=item,...`.
    Compute(Vec<ComputeItem<'a>>),
    /// `$levels=n|max` (inside `$expand` options).
    Levels(Levels),
    /// `$format=json|xml|atom|type/subtype`.
    Format(Cow<'a, str>),
    /// `$skiptoken=...`, opaque.
    SkipToken(Cow<'a, str>),
    /// `$deltatoken=...`, opaque.
    DeltaToken(Cow<'a, str>),
    /// `$index=n` (may be negative).
    Index(i64),
    /// `$schemaversion=...`.
    SchemaVersion(Cow<'a, str>),
    /// `$id=...` (for `$entity` and `$ref` requests), decoded IRI.
    Id(Cow<'a, str>),
}

impl SystemQueryOption<'_> {
    /// The option's canonical name with `$`, e.g. `$filter`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            SystemQueryOption::Filter(_) => "$filter",
            SystemQueryOption::Search(_) => "$search",
            SystemQueryOption::OrderBy(_) => "$orderby",
            SystemQueryOption::Top(_) => "$top",
            SystemQueryOption::Skip(_) => "$skip",
            SystemQueryOption::Count(_) => "$count",
            SystemQueryOption::Select(_) => "$select",
            SystemQueryOption::Expand(_) => "$expand",
            SystemQueryOption::Compute(_) => "$compute",
            SystemQueryOption::Levels(_) => "$levels",
            SystemQueryOption::Format(_) => "$format",
            SystemQueryOption::SkipToken(_) => "$skiptoken",
            SystemQueryOption::DeltaToken(_) => "$deltatoken",
            SystemQueryOption::Index(_) => "$index",
            SystemQueryOption::SchemaVersion(_) => "$schemaversion",
            SystemQueryOption::Id(_) => "$id",
        }
    }
}
