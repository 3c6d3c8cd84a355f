//! The syntax tree of OData URL query options (OData 4.01 ABNF, sections 2 and 4).
//!
//! The tree is purely syntactic: names are not resolved, so `Address/City`
//! is a path of two identifiers whether `Address` is a complex property, a
//! navigation property or a lambda variable. Binding to a model happens in
//! a later stage.
//!
//! Every node that can be pointed at carries a [`NodeSpan`]: the byte range in
//! the decoded text it was parsed from. Spans never take part in equality.
//! Text is borrowed from the input (`Cow::Borrowed`) wherever no unescaping
//! was needed; [`IntoOwned`] detaches a tree from its input.
//!
//! This file holds names, expressions, literals, paths and function calls (ABNF
//! sections 4 and 5); the nodes of the query options themselves (`$orderby`,
//! `$select`, `$expand`, `$search`, …) are in `ast/options.rs` and re-exported here.

use std::borrow::Cow;

use crate::span::{NodeSpan, Span, Spanned};

mod options;
pub use options::*;

/// Detaches a syntax tree from the text it borrows from.
pub trait IntoOwned {
    /// The same type with a `'static` lifetime.
    type Owned: 'static;
    /// Copies every borrowed string so the value outlives its input.
    fn into_owned(self) -> Self::Owned;
}

/// A possibly namespace-qualified name such as `Subject`, `Microsoft.OutlookServices.Message`
/// or `Edm.String`, kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QualifiedName<'a> {
    /// The full dotted text.
    pub text: Cow<'a, str>,
    /// Where it was written.
    pub span: NodeSpan,
}

impl QualifiedName<'_> {
    /// The namespace part (`Microsoft.OutlookServices` of `Microsoft.OutlookServices.Message`), if qualified.
    #[must_use]
    pub fn namespace(&self) -> Option<&str> {
        self.text.rsplit_once('.').map(|(ns, _)| ns)
    }

    /// The unqualified name (`Message` of `Microsoft.OutlookServices.Message`).
    #[must_use]
    pub fn name(&self) -> &str {
        self.text.rsplit_once('.').map_or(&self.text, |(_, n)| n)
    }

    /// Whether the name has a namespace.
    #[must_use]
    pub fn is_qualified(&self) -> bool {
        self.text.contains('.')
    }
}

/// An expression: `commonExpr`/`boolCommonExpr` of the ABNF.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr<'a> {
    /// What kind of expression this is.
    pub kind: ExprKind<'a>,
    /// Where it was written; a binary expression spans both operands.
    pub span: NodeSpan,
}

/// The kinds of [`Expr`].
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind<'a> {
    /// A primitive literal: `'text'`, `42`, `2014-09-01`, `Ns.Color'Red'`, `null`.
    Literal(Literal<'a>),
    /// A JSON array in the URL (`arrayOrObject`): `["a",1]`.
    Array(Vec<Expr<'a>>),
    /// A JSON object in the URL (`arrayOrObject`): `{"k":1}`. Member names are unescaped.
    Object(Vec<(Cow<'a, str>, Expr<'a>)>),
    /// A member path (`firstMemberExpr`, `rootExpr`): `From/EmailAddress/Address`, `$it/Name`,
    /// `Tags/any(t:t eq 'x')`, `$root/People('x')/Name`, `@alias`.
    Path(MemberPath<'a>),
    /// A canonical function call (`methodCallExpr`): `contains(Subject,'x')`.
    Call(CanonicalCall<'a>),
    /// `case(cond:value, ...)`.
    Case(Vec<CaseArm<'a>>),
    /// `isof(Type)` or `isof(expr, Type)`.
    IsOf {
        /// The tested expression; `None` tests the current instance.
        expr: Option<Box<Expr<'a>>>,
        /// The type tested against (boxed: rare, and it would double the size of every [`Expr`]).
        ty: Box<TypeName<'a>>,
    },
    /// `cast(Type)` or `cast(expr, Type)`.
    Cast {
        /// The cast expression; `None` casts the current instance.
        expr: Option<Box<Expr<'a>>>,
        /// The target type (boxed, like [`ExprKind::IsOf`]'s).
        ty: Box<TypeName<'a>>,
    },
    /// `not expr` or `-expr`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr<'a>>,
    },
    /// A binary operator, including `has`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left and right operand (one allocation for both).
        operands: Box<(Expr<'a>, Expr<'a>)>,
    },
    /// `expr in (a, b, c)` or `expr in Collection`.
    In {
        /// The tested value.
        operand: Box<Expr<'a>>,
        /// The list or collection expression.
        list: InList<'a>,
    },
}

/// The right side of `in`.
#[derive(Clone, Debug, PartialEq)]
pub enum InList<'a> {
    /// A parenthesized list `(1,2,3)` (`listExpr`).
    List(Vec<Expr<'a>>),
    /// Any collection-valued expression, e.g. a path or a JSON array.
    Expr(Box<Expr<'a>>),
}

/// One `condition:value` arm of `case(...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseArm<'a> {
    /// The Boolean condition.
    pub condition: Expr<'a>,
    /// The value when the condition holds.
    pub value: Expr<'a>,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `not`.
    Not,
    /// `-` (`negateExpr`).
    Neg,
}

/// Binary operators, from lowest to highest precedence group:
/// `or`; `and`; `eq ne gt ge lt le has in`; `add sub`; `mul div divby mod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BinaryOp {
    /// `or`.
    Or,
    /// `and`.
    And,
    /// `eq`.
    Eq,
    /// `ne`.
    Ne,
    /// `gt`.
    Gt,
    /// `ge`.
    Ge,
    /// `lt`.
    Lt,
    /// `le`.
    Le,
    /// `has` (right side is an enum literal or an alias).
    Has,
    /// `add`.
    Add,
    /// `sub`.
    Sub,
    /// `mul`.
    Mul,
    /// `div`.
    Div,
    /// `divby` (4.01 decimal division).
    DivBy,
    /// `mod`.
    Mod,
}

impl BinaryOp {
    /// The operator keyword as written in canonical form (lowercase).
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "eq",
            BinaryOp::Ne => "ne",
            BinaryOp::Gt => "gt",
            BinaryOp::Ge => "ge",
            BinaryOp::Lt => "lt",
            BinaryOp::Le => "le",
            BinaryOp::Has => "has",
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
            BinaryOp::DivBy => "divby",
            BinaryOp::Mod => "mod",
        }
    }

    /// Binding strength: higher binds tighter. `in` shares the comparison level.
    #[must_use]
    pub const fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Has => 3,
            BinaryOp::Add | BinaryOp::Sub => 4,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::DivBy | BinaryOp::Mod => 5,
        }
    }

    /// Whether this is a comparison (`eq ne gt ge lt le`).
    #[must_use]
    pub const fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Gt | BinaryOp::Ge | BinaryOp::Lt | BinaryOp::Le
        )
    }
}

/// A primitive literal (`primitiveLiteral`) or `null`.
///
/// Numeric, temporal, GUID, binary and spatial literals keep their validated
/// source text, so printing them is lossless; typed accessors convert on demand.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'a> {
    /// `null`.
    Null,
    /// `true` / `false` (any case in a URL).
    Boolean(bool),
    /// An integer that fits in `i64` (`sbyteLiteral` … `int64Literal`), sign included.
    Integer(i64),
    /// A decimal number without exponent (`1.5`, `-0.25`), or an integer too large for `i64`.
    Decimal(Cow<'a, str>),
    /// A number with exponent (`1e5`, `2.5E-3`) or `NaN`, `INF`, `-INF`.
    Double(Cow<'a, str>),
    /// A string literal, unescaped (`'O''Neil'` holds `O'Neil`).
    String(Cow<'a, str>),
    /// A GUID, as written (`01234567-89ab-cdef-0123-456789abcdef`).
    Guid(Cow<'a, str>),
    /// A date, as written (`2014-09-01`).
    Date(Cow<'a, str>),
    /// A date-time with offset, as written (`2014-09-01T08:00:00Z`).
    DateTimeOffset(Cow<'a, str>),
    /// A time of day, as written (`08:00:00.5`).
    TimeOfDay(Cow<'a, str>),
    /// A duration: the text between the quotes (`P1DT2H` of `duration'P1DT2H'`).
    Duration(Cow<'a, str>),
    /// Binary data: the base64url text between the quotes of `binary'...'`.
    Binary(Cow<'a, str>),
    /// An enum literal `Ns.Type'Member'`, or a flags list `Ns.Type'A,B'` (boxed: it is
    /// larger than the other literals).
    Enum(Box<EnumLiteral<'a>>),
    /// A geography or geometry literal (boxed, like [`Literal::Enum`]).
    Geo(Box<GeoLiteral<'a>>),
}

/// An enum literal such as `Microsoft.OutlookServices.Importance'High'`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumLiteral<'a> {
    /// The qualified enum type name; `None` for the 4.01 unqualified form `'High'` in `has`.
    pub ty: Option<QualifiedName<'a>>,
    /// The member names or integer values between the quotes, in order.
    pub members: Vec<Cow<'a, str>>,
}

/// A spatial literal such as `geography'SRID=4326;Point(1 2)'`.
#[derive(Clone, Debug, PartialEq)]
pub struct GeoLiteral<'a> {
    /// `geography` or `geometry`.
    pub kind: GeoKind,
    /// The validated well-known text between the quotes, SRID prefix included.
    pub text: Cow<'a, str>,
}

/// Whether a spatial literal is geographic or geometric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeoKind {
    /// `geography'...'` (round earth).
    Geography,
    /// `geometry'...'` (flat earth).
    Geometry,
}

/// A type name inside `isof`/`cast`: `Edm.String`, `Ns.Type`, `Collection(Ns.Type)`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeName<'a> {
    /// The element type name.
    pub name: QualifiedName<'a>,
    /// Whether it was written `Collection(...)`.
    pub collection: bool,
    /// Where the whole type name was written.
    pub span: NodeSpan,
}

/// Where a member path starts.
#[derive(Clone, Debug, PartialEq)]
pub enum PathRoot<'a> {
    /// No explicit root: the path starts at the current instance (or a lambda variable,
    /// which the syntax cannot tell apart from a property).
    Implicit,
    /// `$it`.
    It,
    /// `$this`.
    This,
    /// `$root/` followed by a resource path such as `People('x')`.
    Root,
    /// A parameter alias `@p`, possibly followed by member segments.
    Alias(Cow<'a, str>),
}

/// A member path: an optional root and `/`-separated segments.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberPath<'a> {
    /// Where the path starts.
    pub root: PathRoot<'a>,
    /// The segments after the root, in order. May be empty (`$it`, `@p`).
    /// A boxed slice rather than a `Vec`: one word smaller, and paths do not grow
    /// once parsed.
    pub segments: Box<[PathSegment<'a>]>,
}

/// One segment of a [`MemberPath`].
#[derive(Clone, Debug, PartialEq)]
pub struct PathSegment<'a> {
    /// What the segment is.
    pub kind: PathSegmentKind<'a>,
    /// Where it was written, without the leading `/`.
    pub span: NodeSpan,
}

/// The kinds of [`PathSegment`].
#[derive(Clone, Debug, PartialEq)]
pub enum PathSegmentKind<'a> {
    /// A property, navigation property, lambda variable or entity-set name, with an
    /// optional key predicate (`Orders(1)`, after `$root/` or on a collection navigation).
    Member {
        /// The identifier.
        name: Cow<'a, str>,
        /// A key predicate written directly after it (boxed: most members have none).
        key: Option<Box<KeyPredicate<'a>>>,
    },
    /// A qualified name without parentheses: a type cast (`Ns.VipCustomer`).
    TypeCast(QualifiedName<'a>),
    /// A function call, bound or imported: `Ns.Fn(p=1)` or `Fn(p=@a)`.
    Function {
        /// The (usually qualified) function name (boxed, to keep [`PathSegment`] small).
        name: Box<QualifiedName<'a>>,
        /// The arguments `name=value` in order.
        args: Vec<NamedArg<'a>>,
    },
    /// `@Ns.Term#Qualifier` (boxed, to keep [`PathSegment`] small).
    Annotation(Box<AnnotationName<'a>>),
    /// `$count`, with optional `($filter=...;$search=...)`.
    Count(Vec<QueryOption<'a>>),
    /// `$filter(expr)` inside a path (4.01).
    Filter(Box<Expr<'a>>),
    /// `any(v:expr)` or `any()` (boxed, to keep [`PathSegment`] small).
    Any(Option<Box<Lambda<'a>>>),
    /// `all(v:expr)` (boxed, like [`PathSegmentKind::Any`]'s).
    All(Box<Lambda<'a>>),
    /// A key predicate written directly after a segment that is not a plain member:
    /// after a function call (`Fn(p=1)(2)`), a type cast (`Ns.Derived(1)`) or a
    /// `$filter(…)` segment. Printed without a leading `/`.
    Key(KeyPredicate<'a>),
}

/// The variable and predicate of `any`/`all`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lambda<'a> {
    /// The lambda variable name.
    pub variable: Cow<'a, str>,
    /// Where the variable was declared.
    pub variable_span: NodeSpan,
    /// The Boolean predicate.
    pub predicate: Box<Expr<'a>>,
}

/// `name=value` in a function call.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedArg<'a> {
    /// The parameter name.
    pub name: Cow<'a, str>,
    /// The value: a literal, an alias, a JSON value, or (in expressions) any expression.
    pub value: Expr<'a>,
    /// Where `name=value` was written.
    pub span: NodeSpan,
}

/// An annotation reference: `@Ns.Term` or `@Ns.Term#Qualifier`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationName<'a> {
    /// The (usually qualified) term name, without `@`.
    pub term: QualifiedName<'a>,
    /// The qualifier after `#`.
    pub qualifier: Option<Cow<'a, str>>,
}

/// A key predicate: `('id')`, `(1)`, `(OrderID=1,ItemID=2)` or `(@alias)`.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyPredicate<'a> {
    /// The key values in order.
    pub values: KeyValues<'a>,
    /// Where `( ... )` was written.
    pub span: NodeSpan,
}

/// The values of a [`KeyPredicate`].
#[derive(Clone, Debug, PartialEq)]
pub enum KeyValues<'a> {
    /// A single key value (a literal or an alias).
    Single(Box<Expr<'a>>),
    /// `name=value` pairs of a compound (or named single) key.
    Named(Vec<NamedArg<'a>>),
}

/// The canonical functions of OData URL conventions, section 5.1.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // each variant is the function of the same name
pub enum CanonicalFunction {
    // string and collection
    Concat,
    Contains,
    EndsWith,
    IndexOf,
    Length,
    StartsWith,
    Substring,
    MatchesPattern,
    ToLower,
    ToUpper,
    Trim,
    HasSubset,
    HasSubsequence,
    // date and time
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    FractionalSeconds,
    TotalSeconds,
    Date,
    Time,
    TotalOffsetMinutes,
    MinDateTime,
    MaxDateTime,
    Now,
    // arithmetic
    Round,
    Floor,
    Ceiling,
    // geo
    GeoDistance,
    GeoLength,
    GeoIntersects,
}

impl CanonicalFunction {
    /// Every canonical function, in declaration order.
    pub const ALL: [CanonicalFunction; 33] = [
        CanonicalFunction::Concat,
        CanonicalFunction::Contains,
        CanonicalFunction::EndsWith,
        CanonicalFunction::IndexOf,
        CanonicalFunction::Length,
        CanonicalFunction::StartsWith,
        CanonicalFunction::Substring,
        CanonicalFunction::MatchesPattern,
        CanonicalFunction::ToLower,
        CanonicalFunction::ToUpper,
        CanonicalFunction::Trim,
        CanonicalFunction::HasSubset,
        CanonicalFunction::HasSubsequence,
        CanonicalFunction::Year,
        CanonicalFunction::Month,
        CanonicalFunction::Day,
        CanonicalFunction::Hour,
        CanonicalFunction::Minute,
        CanonicalFunction::Second,
        CanonicalFunction::FractionalSeconds,
        CanonicalFunction::TotalSeconds,
        CanonicalFunction::Date,
        CanonicalFunction::Time,
        CanonicalFunction::TotalOffsetMinutes,
        CanonicalFunction::MinDateTime,
        CanonicalFunction::MaxDateTime,
        CanonicalFunction::Now,
        CanonicalFunction::Round,
        CanonicalFunction::Floor,
        CanonicalFunction::Ceiling,
        CanonicalFunction::GeoDistance,
        CanonicalFunction::GeoLength,
        CanonicalFunction::GeoIntersects,
    ];

    /// The function name in canonical spelling (`matchesPattern`, `geo.distance`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            CanonicalFunction::Concat => "concat",
            CanonicalFunction::Contains => "contains",
            CanonicalFunction::EndsWith => "endswith",
            CanonicalFunction::IndexOf => "indexof",
            CanonicalFunction::Length => "length",
            CanonicalFunction::StartsWith => "startswith",
            CanonicalFunction::Substring => "substring",
            CanonicalFunction::MatchesPattern => "matchesPattern",
            CanonicalFunction::ToLower => "tolower",
            CanonicalFunction::ToUpper => "toupper",
            CanonicalFunction::Trim => "trim",
            CanonicalFunction::HasSubset => "hassubset",
            CanonicalFunction::HasSubsequence => "hassubsequence",
            CanonicalFunction::Year => "year",
            CanonicalFunction::Month => "month",
            CanonicalFunction::Day => "day",
            CanonicalFunction::Hour => "hour",
            CanonicalFunction::Minute => "minute",
            CanonicalFunction::Second => "second",
            CanonicalFunction::FractionalSeconds => "fractionalseconds",
            CanonicalFunction::TotalSeconds => "totalseconds",
            CanonicalFunction::Date => "date",
            CanonicalFunction::Time => "time",
            CanonicalFunction::TotalOffsetMinutes => "totaloffsetminutes",
            CanonicalFunction::MinDateTime => "mindatetime",
            CanonicalFunction::MaxDateTime => "maxdatetime",
            CanonicalFunction::Now => "now",
            CanonicalFunction::Round => "round",
            CanonicalFunction::Floor => "floor",
            CanonicalFunction::Ceiling => "ceiling",
            CanonicalFunction::GeoDistance => "geo.distance",
            CanonicalFunction::GeoLength => "geo.length",
            CanonicalFunction::GeoIntersects => "geo.intersects",
        }
    }

    /// The number of arguments the ABNF allows: `(min, max)`.
    #[must_use]
    pub const fn arity(self) -> (usize, usize) {
        match self {
            CanonicalFunction::MinDateTime
            | CanonicalFunction::MaxDateTime
            | CanonicalFunction::Now => (0, 0),
            CanonicalFunction::Substring => (2, 3),
            CanonicalFunction::Concat
            | CanonicalFunction::Contains
            | CanonicalFunction::EndsWith
            | CanonicalFunction::IndexOf
            | CanonicalFunction::StartsWith
            | CanonicalFunction::MatchesPattern
            | CanonicalFunction::HasSubset
            | CanonicalFunction::HasSubsequence
            | CanonicalFunction::GeoDistance
            | CanonicalFunction::GeoIntersects => (2, 2),
            _ => (1, 1),
        }
    }

    /// Looks a function up by name, ASCII case-insensitively (the ABNF's quoted strings are).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A canonical function call such as `startswith(Subject,'Re')`.
#[derive(Clone, Debug, PartialEq)]
pub struct CanonicalCall<'a> {
    /// Which function.
    pub function: CanonicalFunction,
    /// The arguments in order.
    pub args: Vec<Expr<'a>>,
}

macro_rules! impl_spanned {
    ($($ty:ident),* $(,)?) => {
        $(impl Spanned for $ty<'_> {
            fn span(&self) -> Span {
                self.span.0
            }
        })*
    };
}

impl_spanned!(
    QualifiedName,
    Expr,
    TypeName,
    PathSegment,
    NamedArg,
    KeyPredicate,
    OrderbyItem,
    ComputeItem,
    SelectItem,
    SelectSegment,
    ExpandItem,
    SearchExpr,
    QueryOption,
);

/// The sizes the parser's speed depends on: every node is moved through the grammar's
/// results and stored in its parent, so a larger node costs copies and memory.
#[cfg(all(test, target_pointer_width = "64"))]
mod size_tests {
    use super::*;
    use std::mem::size_of;

    #[test]
    fn node_sizes() {
        assert_eq!(size_of::<Expr<'_>>(), 48);
        assert_eq!(size_of::<ExprKind<'_>>(), 40);
        assert_eq!(size_of::<Literal<'_>>(), 32);
        assert_eq!(size_of::<MemberPath<'_>>(), 40);
        assert_eq!(size_of::<PathSegment<'_>>(), 48);
        assert_eq!(size_of::<PathSegmentKind<'_>>(), 40);
    }
}
