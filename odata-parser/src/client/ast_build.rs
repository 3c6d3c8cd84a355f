//! Small constructors of syntax-tree nodes for the request builders.
//!
//! Every node the builders make is built here, with [`NodeSpan::NONE`] spans and
//! containers made with `.into()`, so that a change of the tree's container types
//! (`Vec` to `Box<[_]>`) is absorbed in this one file. The builders never write query
//! text themselves: the canonical printer (`Display`/`ToUrlString`) does.

// `.into()` on containers is deliberate: it stays right when a container type changes.
#![allow(clippy::useless_conversion)]

use std::borrow::Cow;

use crate::ast::{
    BinaryOp, CanonicalCall, CanonicalFunction, EnumLiteral, ExpandItem, ExpandSuffix,
    ExpandTarget, Expr, ExprKind, KeyPredicate, KeyValues, Lambda, Literal, MemberPath, NamedArg,
    OrderbyItem, PathRoot, PathSegment, PathSegmentKind, QualifiedName, QueryOption,
    QueryOptionKind, SearchExpr, SearchExprKind, SelectItem, SelectItemKind, SelectSegment,
    SelectSegmentKind, SortDirection, SystemQueryOption, TypeName, UnaryOp,
};
use crate::query::{ResourcePath, ResourceSegment, ResourceSegmentKind};
use crate::span::NodeSpan;

/// An owned text.
pub(crate) fn text(s: impl Into<String>) -> Cow<'static, str> {
    Cow::Owned(s.into())
}

/// A qualified (or simple) name.
pub(crate) fn qualified(name: &str) -> QualifiedName<'static> {
    QualifiedName {
        text: text(name),
        span: NodeSpan::NONE,
    }
}

/// An expression node.
pub(crate) fn expr(kind: ExprKind<'static>) -> Expr<'static> {
    Expr {
        kind,
        span: NodeSpan::NONE,
    }
}

/// A literal expression.
pub(crate) fn literal(l: Literal<'static>) -> Expr<'static> {
    expr(ExprKind::Literal(l))
}

/// An enum literal `Ns.Type'A,B'`.
pub(crate) fn enum_literal(ty: &str, members: Vec<String>) -> Literal<'static> {
    Literal::Enum(Box::new(EnumLiteral {
        ty: Some(qualified(ty)),
        members: members.into_iter().map(text).collect::<Vec<_>>().into(),
    }))
}

/// `left op right`.
pub(crate) fn binary(op: BinaryOp, left: Expr<'static>, right: Expr<'static>) -> Expr<'static> {
    expr(ExprKind::Binary {
        op,
        operands: Box::new((left, right)),
    })
}

/// `not e` or `-e`.
pub(crate) fn unary(op: UnaryOp, operand: Expr<'static>) -> Expr<'static> {
    expr(ExprKind::Unary {
        op,
        operand: Box::new(operand),
    })
}

/// A canonical function call.
pub(crate) fn call(function: CanonicalFunction, args: Vec<Expr<'static>>) -> Expr<'static> {
    expr(ExprKind::Call(CanonicalCall {
        function,
        args: args.into(),
    }))
}

/// `isof(e, Type)` / `cast(e, Type)` with the qualified type name.
pub(crate) fn type_test(is_of: bool, e: Option<Expr<'static>>, ty: &str) -> Expr<'static> {
    let expr_box = e.map(Box::new);
    let ty = Box::new(TypeName {
        name: qualified(ty),
        collection: false,
        span: NodeSpan::NONE,
    });
    if is_of {
        expr(ExprKind::IsOf { expr: expr_box, ty })
    } else {
        expr(ExprKind::Cast { expr: expr_box, ty })
    }
}

/// `e in (a, b, c)`.
pub(crate) fn in_list(operand: Expr<'static>, items: Vec<Expr<'static>>) -> Expr<'static> {
    expr(ExprKind::In {
        operand: Box::new(operand),
        list: crate::ast::InList::List(items.into()),
    })
}

/// A member segment `Name` of a member path.
pub(crate) fn member(name: &str) -> PathSegment<'static> {
    PathSegment {
        kind: PathSegmentKind::Member {
            name: text(name),
            key: None,
        },
        span: NodeSpan::NONE,
    }
}

/// A type-cast segment `Ns.Type` of a member path.
pub(crate) fn cast_segment(ty: &str) -> PathSegment<'static> {
    PathSegment {
        kind: PathSegmentKind::TypeCast(qualified(ty)),
        span: NodeSpan::NONE,
    }
}

/// A `$count` segment of a member path.
pub(crate) fn count_segment() -> PathSegment<'static> {
    PathSegment {
        kind: PathSegmentKind::Count(Default::default()),
        span: NodeSpan::NONE,
    }
}

/// An `any(v:predicate)` or `all(v:predicate)` segment.
pub(crate) fn lambda_segment(
    all: bool,
    variable: &str,
    predicate: Expr<'static>,
) -> PathSegment<'static> {
    let lambda = Lambda {
        variable: text(variable),
        variable_span: NodeSpan::NONE,
        predicate: Box::new(predicate),
    };
    let kind = if all {
        PathSegmentKind::All(Box::new(lambda))
    } else {
        PathSegmentKind::Any(Some(Box::new(lambda)))
    };
    PathSegment {
        kind,
        span: NodeSpan::NONE,
    }
}

/// A member path from the current instance (or a lambda variable, its first segment).
pub(crate) fn path_expr(segments: &[PathSegment<'static>]) -> Expr<'static> {
    expr(ExprKind::Path(MemberPath {
        root: PathRoot::Implicit,
        segments: segments.to_vec().into(),
    }))
}

/// The `$select`/`$expand` segments of a member path (members and type casts).
pub(crate) fn select_segments(segments: &[PathSegment<'static>]) -> Vec<SelectSegment<'static>> {
    segments
        .iter()
        .filter_map(|s| {
            let kind = match &s.kind {
                PathSegmentKind::Member { name, .. } => SelectSegmentKind::Name(name.clone()),
                PathSegmentKind::TypeCast(q) => SelectSegmentKind::Qualified(q.clone()),
                _ => return None,
            };
            Some(SelectSegment {
                kind,
                span: NodeSpan::NONE,
            })
        })
        .collect()
}

/// A `$select` item.
pub(crate) fn select_item(
    segments: Vec<SelectSegment<'static>>,
    options: Vec<QueryOption<'static>>,
) -> SelectItem<'static> {
    SelectItem {
        kind: SelectItemKind::Path {
            segments: segments.into(),
            options: options.into(),
        },
        span: NodeSpan::NONE,
    }
}

/// An `$expand` item.
pub(crate) fn expand_item(
    segments: Vec<SelectSegment<'static>>,
    options: Vec<QueryOption<'static>>,
) -> ExpandItem<'static> {
    ExpandItem {
        target: ExpandTarget::Path(segments.into()),
        suffix: ExpandSuffix::None,
        options: options.into(),
        span: NodeSpan::NONE,
    }
}

/// An `$orderby` item.
pub(crate) fn orderby_item(e: Expr<'static>, descending: Option<bool>) -> OrderbyItem<'static> {
    OrderbyItem {
        expr: e,
        direction: descending.map(|d| {
            if d {
                SortDirection::Desc
            } else {
                SortDirection::Asc
            }
        }),
        span: NodeSpan::NONE,
    }
}

/// A system query option.
pub(crate) fn system(option: SystemQueryOption<'static>) -> QueryOption<'static> {
    QueryOption {
        kind: QueryOptionKind::System(option),
        span: NodeSpan::NONE,
    }
}

/// A parameter alias `@name=value`.
pub(crate) fn alias(name: &str, value: Expr<'static>) -> QueryOption<'static> {
    QueryOption {
        kind: QueryOptionKind::Alias {
            name: text(name),
            value,
        },
        span: NodeSpan::NONE,
    }
}

/// A custom query option `name=value`.
pub(crate) fn custom(name: &str, value: &str) -> QueryOption<'static> {
    QueryOption {
        kind: QueryOptionKind::Custom {
            name: text(name),
            value: Some(text(value)),
        },
        span: NodeSpan::NONE,
    }
}

/// A search expression node.
pub(crate) fn search(kind: SearchExprKind<'static>) -> SearchExpr<'static> {
    SearchExpr {
        kind,
        span: NodeSpan::NONE,
    }
}

/// `name=value`.
pub(crate) fn named_arg(name: &str, value: Expr<'static>) -> NamedArg<'static> {
    NamedArg {
        name: text(name),
        value,
        span: NodeSpan::NONE,
    }
}

/// A key predicate of one value: `('x')`.
pub(crate) fn single_key(value: Literal<'static>) -> KeyPredicate<'static> {
    KeyPredicate {
        values: KeyValues::Single(Box::new(literal(value))),
        span: NodeSpan::NONE,
    }
}

/// A key predicate of named values: `(A=1,B='x')`.
pub(crate) fn named_key(values: Vec<(&'static str, Literal<'static>)>) -> KeyPredicate<'static> {
    KeyPredicate {
        values: KeyValues::Named(
            values
                .into_iter()
                .map(|(n, v)| named_arg(n, literal(v)))
                .collect::<Vec<_>>()
                .into(),
        ),
        span: NodeSpan::NONE,
    }
}

/// A resource-path segment.
pub(crate) fn resource(kind: ResourceSegmentKind<'static>) -> ResourceSegment<'static> {
    ResourceSegment {
        kind,
        span: NodeSpan::NONE,
    }
}

/// A resource-path name segment `Name`.
pub(crate) fn resource_name(name: &str) -> ResourceSegment<'static> {
    resource(ResourceSegmentKind::Name {
        name: text(name),
        key: None,
    })
}

/// An operation call segment `Ns.Fn(a=1)`.
pub(crate) fn resource_call(name: &str, args: Vec<NamedArg<'static>>) -> ResourceSegment<'static> {
    resource(ResourceSegmentKind::Call {
        name: qualified(name),
        args: args.into(),
    })
}

/// A resource path.
pub(crate) fn resource_path(segments: Vec<ResourceSegment<'static>>) -> ResourcePath<'static> {
    ResourcePath {
        segments: segments.into(),
        span: NodeSpan::NONE,
    }
}

/// `$orderby=…`.
pub(crate) fn orderby_option(items: Vec<OrderbyItem<'static>>) -> SystemQueryOption<'static> {
    SystemQueryOption::OrderBy(items.into())
}

/// `$select=…`.
pub(crate) fn select_option(items: Vec<SelectItem<'static>>) -> SystemQueryOption<'static> {
    SystemQueryOption::Select(items.into())
}

/// `$expand=…`.
pub(crate) fn expand_option(items: Vec<ExpandItem<'static>>) -> SystemQueryOption<'static> {
    SystemQueryOption::Expand(items.into())
}

/// A JSON array in a URL.
pub(crate) fn json_array(items: Vec<Expr<'static>>) -> Expr<'static> {
    expr(ExprKind::Array(items.into()))
}

/// A JSON object in a URL.
pub(crate) fn json_object(members: Vec<(Cow<'static, str>, Expr<'static>)>) -> Expr<'static> {
    expr(ExprKind::Object(members.into()))
}

/// A parameter alias reference `@name`.
pub(crate) fn alias_reference(name: &str) -> Expr<'static> {
    expr(ExprKind::Path(MemberPath {
        root: PathRoot::Alias(text(name)),
        segments: Vec::new().into(),
    }))
}
