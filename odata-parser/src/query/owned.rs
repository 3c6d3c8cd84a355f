//! [`IntoOwned`] for every syntax-tree type, and the `Drop` impls that keep dropping
//! long operator chains iterative.

use std::borrow::Cow;

use super::ast::*;
use super::resource::{ODataUri, ResourcePath, ResourceSegment, ResourceSegmentKind};

/// Shorthand: detach any `IntoOwned` value.
#[inline]
fn own<T: IntoOwned>(t: T) -> T::Owned {
    IntoOwned::into_owned(t)
}

impl IntoOwned for Cow<'_, str> {
    type Owned = Cow<'static, str>;
    fn into_owned(self) -> Cow<'static, str> {
        match self {
            Cow::Borrowed(s) => Cow::Owned(s.to_owned()),
            Cow::Owned(s) => Cow::Owned(s),
        }
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(own).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Box<[T]> {
    type Owned = Box<[T::Owned]>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(own).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Box<T> {
    type Owned = Box<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        Box::new(own(*self))
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.map(own)
    }
}

impl<A: IntoOwned, B: IntoOwned> IntoOwned for (A, B) {
    type Owned = (A::Owned, B::Owned);
    fn into_owned(self) -> Self::Owned {
        (own(self.0), own(self.1))
    }
}

/// `IntoOwned` for a struct: every listed field is detached, the others copied.
macro_rules! owned_struct {
    ($ty:ident { $($f:ident),* } $(copy { $($c:ident),* })?) => {
        impl IntoOwned for $ty<'_> {
            type Owned = $ty<'static>;
            fn into_owned(self) -> Self::Owned {
                $ty { $($f: own(self.$f),)* $($($c: self.$c,)*)? }
            }
        }
    };
}

owned_struct!(QualifiedName { text } copy { span });
owned_struct!(CaseArm { condition, value });
owned_struct!(EnumLiteral { ty, members });
owned_struct!(GeoLiteral { text } copy { kind });
owned_struct!(TypeName { name } copy { collection, span });
owned_struct!(MemberPath { root, segments });
owned_struct!(PathSegment { kind } copy { span });
owned_struct!(Lambda { variable, predicate } copy { variable_span });
owned_struct!(NamedArg { name, value } copy { span });
owned_struct!(AnnotationName { term, qualifier });
owned_struct!(KeyPredicate { values } copy { span });
owned_struct!(CanonicalCall { args } copy { function });
owned_struct!(OrderbyItem { expr } copy { direction, span });
owned_struct!(ComputeItem { expr, alias } copy { span });
owned_struct!(SelectItem { kind } copy { span });
owned_struct!(SelectSegment { kind } copy { span });
owned_struct!(ExpandItem { target, options } copy { suffix, span });
owned_struct!(QueryOption { kind } copy { span });
owned_struct!(ResourcePath { segments } copy { span });
owned_struct!(ResourceSegment { kind } copy { span });

impl IntoOwned for Expr<'_> {
    type Owned = Expr<'static>;
    fn into_owned(mut self) -> Self::Owned {
        // `Expr` has a `Drop` impl, so its kind is taken rather than moved out.
        Expr {
            kind: own(std::mem::take(&mut self.kind)),
            span: self.span,
        }
    }
}

impl IntoOwned for SearchExpr<'_> {
    type Owned = SearchExpr<'static>;
    fn into_owned(mut self) -> Self::Owned {
        SearchExpr {
            kind: own(std::mem::take(&mut self.kind)),
            span: self.span,
        }
    }
}

impl IntoOwned for ExprKind<'_> {
    type Owned = ExprKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            ExprKind::Literal(l) => ExprKind::Literal(own(l)),
            ExprKind::Array(v) => ExprKind::Array(own(v)),
            ExprKind::Object(v) => ExprKind::Object(own(v)),
            ExprKind::Path(p) => ExprKind::Path(own(p)),
            ExprKind::Call(c) => ExprKind::Call(own(c)),
            ExprKind::Case(arms) => ExprKind::Case(own(arms)),
            ExprKind::IsOf { expr, ty } => ExprKind::IsOf {
                expr: own(expr),
                ty: own(ty),
            },
            ExprKind::Cast { expr, ty } => ExprKind::Cast {
                expr: own(expr),
                ty: own(ty),
            },
            ExprKind::Unary { op, operand } => ExprKind::Unary {
                op,
                operand: own(operand),
            },
            ExprKind::Binary { op, operands } => ExprKind::Binary {
                op,
                operands: own(operands),
            },
            ExprKind::In { operand, list } => ExprKind::In {
                operand: own(operand),
                list: own(list),
            },
        }
    }
}

impl IntoOwned for InList<'_> {
    type Owned = InList<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            InList::List(v) => InList::List(own(v)),
            InList::Expr(e) => InList::Expr(own(e)),
        }
    }
}

impl IntoOwned for Literal<'_> {
    type Owned = Literal<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            Literal::Null => Literal::Null,
            Literal::Boolean(b) => Literal::Boolean(b),
            Literal::Integer(n) => Literal::Integer(n),
            Literal::Decimal(s) => Literal::Decimal(own(s)),
            Literal::Double(s) => Literal::Double(own(s)),
            Literal::String(s) => Literal::String(own(s)),
            Literal::Guid(s) => Literal::Guid(own(s)),
            Literal::Date(s) => Literal::Date(own(s)),
            Literal::DateTimeOffset(s) => Literal::DateTimeOffset(own(s)),
            Literal::TimeOfDay(s) => Literal::TimeOfDay(own(s)),
            Literal::Duration(s) => Literal::Duration(own(s)),
            Literal::Binary(s) => Literal::Binary(own(s)),
            Literal::Enum(e) => Literal::Enum(own(e)),
            Literal::Geo(g) => Literal::Geo(own(g)),
        }
    }
}

impl IntoOwned for PathRoot<'_> {
    type Owned = PathRoot<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            PathRoot::Implicit => PathRoot::Implicit,
            PathRoot::It => PathRoot::It,
            PathRoot::This => PathRoot::This,
            PathRoot::Root => PathRoot::Root,
            PathRoot::Alias(a) => PathRoot::Alias(own(a)),
        }
    }
}

impl IntoOwned for PathSegmentKind<'_> {
    type Owned = PathSegmentKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            PathSegmentKind::Member { name, key } => PathSegmentKind::Member {
                name: own(name),
                key: own(key),
            },
            PathSegmentKind::TypeCast(q) => PathSegmentKind::TypeCast(own(q)),
            PathSegmentKind::Function { name, args } => PathSegmentKind::Function {
                name: own(name),
                args: own(args),
            },
            PathSegmentKind::Annotation(a) => PathSegmentKind::Annotation(own(a)),
            PathSegmentKind::Count(o) => PathSegmentKind::Count(own(o)),
            PathSegmentKind::Filter(e) => PathSegmentKind::Filter(own(e)),
            PathSegmentKind::Any(l) => PathSegmentKind::Any(own(l)),
            PathSegmentKind::All(l) => PathSegmentKind::All(own(l)),
            PathSegmentKind::Key(k) => PathSegmentKind::Key(own(k)),
        }
    }
}

impl IntoOwned for KeyValues<'_> {
    type Owned = KeyValues<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            KeyValues::Single(e) => KeyValues::Single(own(e)),
            KeyValues::Named(v) => KeyValues::Named(own(v)),
        }
    }
}

impl IntoOwned for SelectItemKind<'_> {
    type Owned = SelectItemKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            SelectItemKind::Star => SelectItemKind::Star,
            SelectItemKind::AllOperations(q) => SelectItemKind::AllOperations(own(q)),
            SelectItemKind::Path { segments, options } => SelectItemKind::Path {
                segments: own(segments),
                options: own(options),
            },
        }
    }
}

impl IntoOwned for SelectSegmentKind<'_> {
    type Owned = SelectSegmentKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            SelectSegmentKind::Name(n) => SelectSegmentKind::Name(own(n)),
            SelectSegmentKind::Qualified(q) => SelectSegmentKind::Qualified(own(q)),
            SelectSegmentKind::FunctionOverload { name, parameters } => {
                SelectSegmentKind::FunctionOverload {
                    name: own(name),
                    parameters: own(parameters),
                }
            }
            SelectSegmentKind::Annotation(a) => SelectSegmentKind::Annotation(own(a)),
            SelectSegmentKind::Star => SelectSegmentKind::Star,
        }
    }
}

impl IntoOwned for ExpandTarget<'_> {
    type Owned = ExpandTarget<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            ExpandTarget::Star => ExpandTarget::Star,
            ExpandTarget::Value => ExpandTarget::Value,
            ExpandTarget::Path(p) => ExpandTarget::Path(own(p)),
        }
    }
}

impl IntoOwned for SearchExprKind<'_> {
    type Owned = SearchExprKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            SearchExprKind::Word(w) => SearchExprKind::Word(own(w)),
            SearchExprKind::Phrase(p) => SearchExprKind::Phrase(own(p)),
            SearchExprKind::Not(e) => SearchExprKind::Not(own(e)),
            SearchExprKind::And(b) => SearchExprKind::And(own(b)),
            SearchExprKind::Or(b) => SearchExprKind::Or(own(b)),
        }
    }
}

impl IntoOwned for QueryOptionKind<'_> {
    type Owned = QueryOptionKind<'static>;
    fn into_owned(self) -> Self::Owned {
        match self {
            QueryOptionKind::System(s) => QueryOptionKind::System(own(s)),
            QueryOptionKind::Alias { name, value } => QueryOptionKind::Alias {
                name: own(name),
                value: own(value),
            },
            QueryOptionKind::Custom { name, value } => QueryOptionKind::Custom {
                name: own(name),
                value: own(value),
            },
        }
    }
}

impl IntoOwned for SystemQueryOption<'_> {
    type Owned = SystemQueryOption<'static>;
    fn into_owned(self) -> Self::Owned {
        use SystemQueryOption as S;
        match self {
            S::Filter(e) => S::Filter(own(e)),
            S::Search(e) => S::Search(own(e)),
            S::OrderBy(v) => S::OrderBy(own(v)),
            S::Top(n) => S::Top(n),
            S::Skip(n) => S::Skip(n),
            S::Count(b) => S::Count(b),
            S::Select(v) => S::Select(own(v)),
            S::Expand(v) => S::Expand(own(v)),
            S::Compute(v) => S::Compute(own(v)),
            S::Levels(l) => S::Levels(l),
            S::Format(s) => S::Format(own(s)),
            S::SkipToken(s) => S::SkipToken(own(s)),
            S::DeltaToken(s) => S::DeltaToken(own(s)),
            S::Index(n) => S::Index(n),
            S::SchemaVersion(s) => S::SchemaVersion(own(s)),
            S::Id(s) => S::Id(own(s)),
        }
    }
}

impl IntoOwned for ResourceSegmentKind<'_> {
    type Owned = ResourceSegmentKind<'static>;
    fn into_owned(self) -> Self::Owned {
        use ResourceSegmentKind as R;
        match self {
            R::Name { name, key } => R::Name {
                name: own(name),
                key: own(key),
            },
            R::TypeCast(q) => R::TypeCast(own(q)),
            R::Call { name, args } => R::Call {
                name: own(name),
                args: own(args),
            },
            R::Key(k) => R::Key(own(k)),
            R::KeySegment(s) => R::KeySegment(own(s)),
            R::Filter(e) => R::Filter(own(e)),
            R::CrossJoin(v) => R::CrossJoin(own(v)),
            R::Count => R::Count,
            R::Ref => R::Ref,
            R::Value => R::Value,
            R::Each => R::Each,
            R::Query => R::Query,
            R::Metadata => R::Metadata,
            R::Batch => R::Batch,
            R::Entity => R::Entity,
            R::All => R::All,
        }
    }
}

impl IntoOwned for ODataUri<'_> {
    type Owned = ODataUri<'static>;
    fn into_owned(self) -> Self::Owned {
        self.into_owned_uri()
    }
}

/// Drops left-deep operator chains (`a or b or c …`, any length) without recursing
/// once per operator. Right operands and other nodes nest only as deep as the
/// parser's depth limit allows, so their ordinary recursive drop is bounded.
///
/// Because of this impl, move the kind out with `std::mem::take(&mut expr.kind)`.
impl Drop for Expr<'_> {
    fn drop(&mut self) {
        // Only a left operand that is itself an operator expression makes a chain; any
        // other node is left to the ordinary drop, which then recurses one level only.
        let Some(mut chain) = take_chained_left(&mut self.kind) else {
            return;
        };
        // `chain` is an operator expression: unlink its left operand while that is
        // one too, then drop it with a shallow left side.
        while let Some(next) = take_chained_left(&mut chain) {
            drop(std::mem::replace(&mut chain, next));
        }
    }
}

/// Takes the left operand's kind out of a `Binary` or `In` kind when that operand is
/// itself a `Binary` or `In` expression (a link of a left-deep chain).
#[inline]
fn take_chained_left<'a>(kind: &mut ExprKind<'a>) -> Option<ExprKind<'a>> {
    let left = match kind {
        ExprKind::Binary { operands, .. } => &mut operands.0,
        ExprKind::In { operand, .. } => &mut **operand,
        _ => return None,
    };
    if matches!(left.kind, ExprKind::Binary { .. } | ExprKind::In { .. }) {
        Some(std::mem::take(&mut left.kind))
    } else {
        None
    }
}

/// `null`: the placeholder left behind by `std::mem::take`.
impl Default for ExprKind<'_> {
    fn default() -> Self {
        ExprKind::Literal(Literal::Null)
    }
}

/// Drops long `AND`/`OR` chains without recursing once per operator (see the
/// `Drop` impl of [`Expr`]).
impl Drop for SearchExpr<'_> {
    fn drop(&mut self) {
        if !matches!(self.kind, SearchExprKind::And(_) | SearchExprKind::Or(_)) {
            return;
        }
        let mut kind = std::mem::take(&mut self.kind);
        while let SearchExprKind::And(pair) | SearchExprKind::Or(pair) = kind {
            let (mut left, right) = *pair;
            drop(right);
            kind = std::mem::take(&mut left.kind);
        }
    }
}

/// An empty word: the placeholder left behind by `std::mem::take`.
impl Default for SearchExprKind<'_> {
    fn default() -> Self {
        SearchExprKind::Word(Cow::Borrowed(""))
    }
}
