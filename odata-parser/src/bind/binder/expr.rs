//! Binding expressions: member paths (complex properties, casts, lambda variables, `$it`,
//! `$this`, `$root`, aliases, `$compute` aliases), literals (enums qualified or as strings),
//! operators with numeric promotion and date/time rules, canonical functions, `in`, `has`,
//! `isof`, `cast`, `case`.

use std::sync::Arc;

use super::Binder;

use crate::ast::{
    BinaryOp, EnumLiteral, Expr, ExprKind, GeoKind, InList, Literal, MemberPath, PathRoot,
    PathSegmentKind, TypeName, UnaryOp,
};
use crate::bind::diagnostics::{Code, Diagnostic};
use crate::bind::rules::{CallFact, PathFact, Place, SpanMap};
use crate::bind::suggest;
use crate::bind::types::{ExprType, Type};
use crate::edm::vocab::Capabilities;
use crate::edm::{
    EnumTypeId, MemberId, PathSegment, PrimitiveType as P, SchemaItem, StructuredTypeId,
};
use crate::span::{Span, Spanned};

/// A lambda variable in scope.
#[derive(Clone, Debug)]
pub(crate) struct LambdaVar {
    name: Box<str>,
    ty: ExprType,
    /// The path the variable ranges over, from the scope's resource.
    prefix: Option<Vec<PathSegment>>,
}

/// What names mean where an expression is bound. `'c` borrows the capabilities (held by
/// the resource fact or an expand item), so a scope costs no reference-count traffic;
/// only a recorded fact clones the `Arc`.
#[derive(Clone)]
pub(crate) struct Scope<'a, 'm, 'c> {
    /// The type of `$it` (the resource the option applies to).
    pub(crate) it: Option<StructuredTypeId>,
    /// The type of `$this` and of implicit paths.
    pub(crate) this: Option<StructuredTypeId>,
    pub(crate) lambdas: Vec<LambdaVar>,
    pub(crate) place: Place,
    pub(crate) caps: Option<&'c Arc<Capabilities<'m>>>,
    pub(crate) map: SpanMap<'a>,
}

impl<'a, 'm, 'c> Scope<'a, 'm, 'c> {
    pub(crate) fn new(
        this: Option<StructuredTypeId>,
        place: Place,
        caps: Option<&'c Arc<Capabilities<'m>>>,
        map: SpanMap<'a>,
    ) -> Self {
        Scope {
            it: this,
            this,
            lambdas: Vec::new(),
            place,
            caps,
            map,
        }
    }

    fn records(&self) -> bool {
        matches!(self.place, Place::Filter | Place::NestedFilter)
    }
}

/// A bound expression: its type and, for a member path, its typed segments from the scope's
/// resource.
#[derive(Clone, Debug)]
pub(crate) struct Bound {
    pub(crate) ty: ExprType,
    pub(crate) path: Option<Vec<PathSegment>>,
}

impl Bound {
    pub(crate) fn of(ty: ExprType) -> Self {
        Bound { ty, path: None }
    }
}

impl<'a, 'v, 'm> Binder<'a, 'v, 'm> {
    /// Binds an expression; returns its type.
    pub(crate) fn bind_expr(&mut self, e: &Expr<'_>, scope: &mut Scope<'a, 'm, '_>) -> ExprType {
        self.expr(e, scope).ty
    }

    /// Reports when `t` is not Boolean.
    pub(crate) fn expect_boolean(
        &mut self,
        e: &Expr<'_>,
        t: ExprType,
        scope: &Scope<'a, 'm, '_>,
        what: &str,
    ) {
        if t.ty.is_lenient() || t == ExprType::BOOLEAN {
            return;
        }
        let d = Diagnostic::error(
            Code::NOT_BOOLEAN,
            scope.map.url(e.span()),
            format!(
                "{what} must be a Boolean expression, found {}",
                t.display(self.model)
            ),
        )
        .with_help("compare the value, e.g. Subject eq 'Hello'");
        self.report(d, "");
    }

    pub(crate) fn expr(&mut self, e: &Expr<'_>, scope: &mut Scope<'a, 'm, '_>) -> Bound {
        let span = scope.map.url(e.span());
        if !self.enter(span) {
            return Bound::of(ExprType::UNKNOWN);
        }
        let b = self.expr_inner(e, span, scope);
        self.leave();
        self.record(span, b.ty);
        b
    }

    fn expr_inner(&mut self, e: &Expr<'_>, span: Span, scope: &mut Scope<'a, 'm, '_>) -> Bound {
        match &e.kind {
            ExprKind::Literal(l) => Bound::of(self.literal(l, span)),
            ExprKind::Array(items) => {
                let mut ty = ExprType::collection(Type::Unknown);
                for (n, item) in items.iter().enumerate() {
                    let t = self.expr(item, scope).ty;
                    if n == 0 {
                        ty.ty = t.ty;
                    }
                }
                Bound::of(ty)
            }
            ExprKind::Object(members) => {
                for (_, v) in members {
                    let _ = self.expr(v, scope);
                }
                Bound::of(ExprType::UNKNOWN)
            }
            ExprKind::Path(p) => self.member_path(p, span, scope),
            ExprKind::Call(c) => self.call(c, span, scope),
            ExprKind::Case(arms) => {
                let mut result = ExprType::single(Type::Null);
                for arm in arms {
                    let c = self.expr(&arm.condition, scope).ty;
                    self.expect_boolean(&arm.condition, c, scope, "a case condition");
                    let v = self.expr(&arm.value, scope).ty;
                    if result.ty == Type::Null {
                        result = v;
                    }
                }
                Bound::of(result)
            }
            ExprKind::IsOf { expr, ty } => {
                if let Some(x) = expr {
                    let _ = self.expr(x, scope);
                }
                let _ = self.type_name(ty, scope);
                self.call_fact(scope, "isof", span, None);
                Bound::of(ExprType::BOOLEAN)
            }
            ExprKind::Cast { expr, ty } => {
                if let Some(x) = expr {
                    let _ = self.expr(x, scope);
                }
                self.call_fact(scope, "cast", span, None);
                Bound::of(self.type_name(ty, scope))
            }
            ExprKind::Unary { op, operand } => {
                let t = self.expr(operand, scope).ty;
                match op {
                    UnaryOp::Not => {
                        self.call_fact(scope, "not", span, None);
                        self.expect_boolean(operand, t, scope, "the operand of 'not'");
                        Bound::of(ExprType::BOOLEAN)
                    }
                    UnaryOp::Neg => {
                        let ok = t.ty.is_lenient()
                            || (!t.collection
                                && (t.ty.is_numeric() || t.ty == Type::Primitive(P::Duration)));
                        if !ok {
                            self.report(
                                Diagnostic::error(
                                    Code::TYPE_MISMATCH,
                                    span,
                                    format!("cannot negate {}", t.display(self.model)),
                                ),
                                "",
                            );
                        }
                        Bound::of(t)
                    }
                }
            }
            ExprKind::Binary { .. } => self.binary_chain(e, span, scope),
            ExprKind::In { operand, list } => {
                let mut left = self.expr(operand, scope);
                self.call_fact(scope, "in", span, left.path.take());
                match list {
                    InList::List(items) => {
                        for item in items {
                            let right = self.expr(item, scope);
                            let item_span = scope.map.url(item.span());
                            self.compare(
                                BinaryOp::Eq,
                                (operand, &left),
                                (item, &right),
                                item_span,
                                scope,
                            );
                        }
                    }
                    InList::Expr(x) => {
                        let t = self.expr(x, scope).ty;
                        if !t.collection && !t.ty.is_lenient() {
                            self.report(
                                Diagnostic::error(
                                    Code::TYPE_MISMATCH,
                                    scope.map.url(x.span()),
                                    format!(
                                        "the right side of 'in' must be a collection, found {}",
                                        t.display(self.model)
                                    ),
                                ),
                                "",
                            );
                        }
                    }
                }
                Bound::of(ExprType::BOOLEAN)
            }
        }
    }

    pub(crate) fn call_fact(
        &mut self,
        scope: &Scope<'a, 'm, '_>,
        name: &'static str,
        span: Span,
        subject: Option<Vec<PathSegment>>,
    ) {
        if scope.records() {
            self.facts.calls.push(CallFact {
                place: scope.place,
                name,
                span,
                subject,
                capabilities: scope.caps.cloned(),
            });
        }
    }

    // ---- literals ----

    fn literal(&mut self, l: &Literal<'_>, span: Span) -> ExprType {
        let p = match l {
            Literal::Null => return ExprType::single(Type::Null),
            Literal::Boolean(_) => P::Boolean,
            Literal::Integer(i) => {
                if i32::try_from(*i).is_ok() {
                    P::Int32
                } else {
                    P::Int64
                }
            }
            Literal::Decimal(_) => P::Decimal,
            Literal::Double(_) => P::Double,
            Literal::String(_) => P::String,
            Literal::Guid(_) => P::Guid,
            Literal::Date(_) => P::Date,
            Literal::DateTimeOffset(_) => P::DateTimeOffset,
            Literal::TimeOfDay(_) => P::TimeOfDay,
            Literal::Duration(_) => P::Duration,
            Literal::Binary(_) => P::Binary,
            Literal::Enum(el) => return self.enum_literal(el, span),
            Literal::Geo(g) => geo_type(g.kind, &g.text),
        };
        ExprType::primitive(p)
    }

    fn enum_literal(&mut self, el: &EnumLiteral<'_>, span: Span) -> ExprType {
        let Some(q) = &el.ty else {
            return ExprType::UNKNOWN;
        };
        match self.find_item(&q.text) {
            Some(SchemaItem::EnumType(id)) => {
                for m in &el.members {
                    self.check_member(id, m, span);
                }
                ExprType::single(Type::Enum(id))
            }
            _ => {
                let names: Vec<String> = self
                    .model
                    .enum_types()
                    .map(|(_, t)| t.name.to_string())
                    .collect();
                let mut d = Diagnostic::error(
                    Code::UNKNOWN_TYPE,
                    span,
                    format!("no enumeration type is named '{}'", q.text),
                );
                d.help = suggest::did_you_mean(&q.text, names.iter().map(String::as_str)).or_else(
                    || {
                        let local = q.name();
                        names
                            .iter()
                            .find(|n| {
                                n.rsplit('.')
                                    .next()
                                    .is_some_and(|l| l.eq_ignore_ascii_case(local))
                            })
                            .map(|n| format!("did you mean '{n}'?"))
                    },
                );
                self.report(d, &q.text);
                ExprType::UNKNOWN
            }
        }
    }

    /// Whether `member` (a name or an integer) is a member of the enumeration; reports when not.
    pub(crate) fn check_member(&mut self, id: EnumTypeId, member: &str, span: Span) -> bool {
        let t = self.model.enum_type(id);
        let m = member.trim();
        if m.parse::<i64>().is_ok()
            || t.member(m).is_some()
            || (self.ci && t.members.iter().any(|x| x.name.eq_ignore_ascii_case(m)))
        {
            return true;
        }
        let mut d = Diagnostic::error(
            Code::UNKNOWN_ENUM_MEMBER,
            span,
            format!("enumeration '{}' has no member '{m}'", t.name),
        );
        d.help = suggest::did_you_mean(m, t.members.iter().map(|x| &*x.name)).or_else(|| {
            Some(format!(
                "members: {}",
                t.members
                    .iter()
                    .map(|x| &*x.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        });
        self.report(d, m);
        false
    }

    // ---- types ----

    fn type_name(&mut self, t: &TypeName<'_>, scope: &Scope<'a, 'm, '_>) -> ExprType {
        let text = &t.name.text;
        let ty = if let Some(p) = text.strip_prefix("Edm.").and_then(P::from_name) {
            Some(Type::Primitive(p))
        } else {
            match self.find_item(text) {
                Some(SchemaItem::EntityType(e)) => Some(Type::Entity(e)),
                Some(SchemaItem::ComplexType(c)) => Some(Type::Complex(c)),
                Some(SchemaItem::EnumType(e)) => Some(Type::Enum(e)),
                Some(SchemaItem::TypeDefinition(d)) => Some(Type::Primitive(
                    self.model.type_definition(d).underlying_type,
                )),
                _ => None,
            }
        };
        match ty {
            Some(ty) => ExprType {
                ty,
                collection: t.collection,
            },
            None => {
                let d = Diagnostic::error(
                    Code::UNKNOWN_TYPE,
                    scope.map.url(t.name.span()),
                    format!("no type is named '{text}'"),
                );
                self.report(d, text);
                ExprType::UNKNOWN
            }
        }
    }

    // ---- paths ----

    fn member_path(
        &mut self,
        p: &MemberPath<'_>,
        span: Span,
        scope: &mut Scope<'a, 'm, '_>,
    ) -> Bound {
        let mut segs = p.segments.iter();
        // Where the path starts: (type, path from the scope's resource).
        let (mut ty, mut prefix): (ExprType, Option<Vec<PathSegment>>) = match &p.root {
            PathRoot::It => (structured(scope.it), Some(Vec::new())),
            PathRoot::This => (structured(scope.this), Some(Vec::new())),
            PathRoot::Alias(name) => {
                let t = self.alias_type(name, span);
                (t, None)
            }
            PathRoot::Root => {
                // `$root/Set(key)/…`: bind the entity set and continue from its entity.
                let Some(first) = segs.next() else {
                    return Bound::of(ExprType::UNKNOWN);
                };
                let PathSegmentKind::Member { name, key } = &first.kind else {
                    return Bound::of(ExprType::UNKNOWN);
                };
                match self.container_child(name) {
                    Some(crate::edm::ContainerChild::EntitySet(id)) => {
                        let e = self.model.entity_set(id).entity_type;
                        (
                            ExprType {
                                ty: Type::Entity(e),
                                collection: key.is_none(),
                            },
                            None,
                        )
                    }
                    Some(crate::edm::ContainerChild::Singleton(id)) => (
                        ExprType::single(Type::Entity(self.model.singleton(id).entity_type)),
                        None,
                    ),
                    _ => {
                        let d = Diagnostic::error(
                            Code::UNKNOWN_SEGMENT,
                            scope.map.url(first.span()),
                            format!("no entity set or singleton is named '{name}'"),
                        );
                        self.report(d, name);
                        return Bound::of(ExprType::UNKNOWN);
                    }
                }
            }
            PathRoot::Implicit => {
                // A lambda variable or a `$compute` alias, else a member of `$this`.
                let first_name = match p.segments.first().map(|s| &s.kind) {
                    Some(PathSegmentKind::Member { name, key: None }) => Some(&**name),
                    _ => None,
                };
                let var = first_name
                    .and_then(|n| scope.lambdas.iter().rev().find(|v| &*v.name == n).cloned());
                let computed = first_name
                    .and_then(|n| self.computed.iter().find(|(a, _)| a == n).map(|(_, t)| *t));
                if let Some(v) = var {
                    let _ = segs.next();
                    if let Some(first) = p.segments.first() {
                        self.record(scope.map.url(first.span()), v.ty);
                    }
                    (v.ty, v.prefix)
                } else if let Some(t) = computed {
                    let _ = segs.next();
                    (t, None)
                } else {
                    (structured(scope.this), Some(Vec::new()))
                }
            }
        };
        let mut last_name: &str = "";
        let mut seg_span = span;
        for seg in segs {
            seg_span = scope.map.url(seg.span());
            let path_span = Span::new(span.start, seg_span.end);
            if ty.is_unknown() {
                // Bind nested lambdas and filters for their own diagnostics.
                self.bind_unknown_segment(&seg.kind, scope);
                continue;
            }
            match &seg.kind {
                PathSegmentKind::Member { name, key } => {
                    last_name = name;
                    if ty.collection {
                        self.report(
                            Diagnostic::error(
                                Code::COLLECTION_PATH,
                                seg_span,
                                format!("'{name}' is read from a collection; a collection has no properties"),
                            )
                            .with_help("test the items with any() or all(), e.g. Items/any(i: i/Name eq 'x')"),
                            name,
                        );
                        return Bound::of(ExprType::UNKNOWN);
                    }
                    let Some(st) = ty.structured() else {
                        self.report(
                            Diagnostic::error(
                                Code::UNKNOWN_PROPERTY,
                                seg_span,
                                format!(
                                    "{} has no properties; '{name}' cannot follow it",
                                    ty.display(self.model)
                                ),
                            ),
                            name,
                        );
                        return Bound::of(ExprType::UNKNOWN);
                    };
                    match self.member(st, name) {
                        Some(MemberId::Property(pid)) => {
                            ty = ExprType::of(self.model, &self.model.property(pid).ty);
                            if let Some(pf) = prefix.as_mut() {
                                pf.push(PathSegment::Property(pid));
                            }
                        }
                        Some(MemberId::NavigationProperty(nid)) => {
                            let nav = self.model.navigation_property(nid);
                            ty = ExprType {
                                ty: nav.target.map_or(Type::Unknown, Type::Entity),
                                collection: nav.collection && key.is_none(),
                            };
                            if let Some(pf) = prefix.as_mut() {
                                pf.push(PathSegment::NavigationProperty(nid));
                            }
                        }
                        None if self.is_open(st) => {
                            let mut d = Diagnostic::warning(
                                Code::DYNAMIC_PROPERTY,
                                seg_span,
                                format!(
                                    "'{name}' is not declared on '{}'; it is read as a dynamic property of the open type",
                                    self.model.structured_type_name(st)
                                ),
                            );
                            d.help = self.member_help(st, name);
                            self.report(d, name);
                            ty = ExprType::UNKNOWN;
                            prefix = None;
                        }
                        None => {
                            let mut d = Diagnostic::error(
                                Code::UNKNOWN_PROPERTY,
                                seg_span,
                                format!(
                                    "type '{}' has no property '{name}'",
                                    self.model.structured_type_name(st)
                                ),
                            );
                            d.help = self.member_help(st, name);
                            self.report(d, name);
                            return Bound::of(ExprType::UNKNOWN);
                        }
                    }
                    self.record(path_span, ty);
                }
                PathSegmentKind::TypeCast(q) => {
                    let cast = match self.find_item(&q.text) {
                        Some(SchemaItem::EntityType(e)) => Some(StructuredTypeId::Entity(e)),
                        Some(SchemaItem::ComplexType(c)) => Some(StructuredTypeId::Complex(c)),
                        _ => None,
                    };
                    match (cast, ty.structured()) {
                        (Some(c), Some(st)) if self.model.is_same_or_derived(c, st) => {
                            ty = ExprType {
                                ty: Type::structured(c),
                                collection: ty.collection,
                            };
                            if let Some(pf) = prefix.as_mut() {
                                pf.push(PathSegment::TypeCast(c));
                            }
                        }
                        _ => {
                            let d = Diagnostic::error(
                                Code::UNKNOWN_TYPE,
                                seg_span,
                                format!(
                                    "'{}' is not a type derived from {}",
                                    q.text,
                                    ty.display(self.model)
                                ),
                            );
                            self.report(d, &q.text);
                            return Bound::of(ExprType::UNKNOWN);
                        }
                    }
                }
                PathSegmentKind::Function { name, args } => {
                    for a in args {
                        let _ = self.expr(&a.value, scope);
                    }
                    let op = ty
                        .structured()
                        .and_then(|st| self.find_operation(st, ty.collection, &name.text));
                    match op {
                        Some(op) => {
                            ty = self
                                .model
                                .operation(op)
                                .return_type
                                .as_ref()
                                .map_or(ExprType::UNKNOWN, |r| ExprType::of(self.model, &r.ty));
                            prefix = None;
                        }
                        None => {
                            let d = Diagnostic::error(
                                Code::UNKNOWN_OPERATION,
                                seg_span,
                                format!(
                                    "no function '{}' is bound to {}",
                                    name.text,
                                    ty.display(self.model)
                                ),
                            );
                            self.report(d, &name.text);
                            return Bound::of(ExprType::UNKNOWN);
                        }
                    }
                }
                PathSegmentKind::Annotation(_) => {
                    ty = ExprType::UNKNOWN;
                    prefix = None;
                }
                PathSegmentKind::Count(options) => {
                    if !ty.collection {
                        self.report(
                            Diagnostic::error(
                                Code::INVALID_SEGMENT,
                                seg_span,
                                "'$count' applies to collections",
                            ),
                            "",
                        );
                        return Bound::of(ExprType::UNKNOWN);
                    }
                    let inner = element_scope(scope, ty);
                    self.bind_nested_options(options, inner, ty);
                    ty = ExprType::primitive(P::Int64);
                    prefix = None;
                }
                PathSegmentKind::Filter(x) => {
                    if !ty.collection {
                        self.report(
                            Diagnostic::error(
                                Code::INVALID_SEGMENT,
                                seg_span,
                                "'$filter' applies to collections",
                            ),
                            "",
                        );
                        return Bound::of(ExprType::UNKNOWN);
                    }
                    let mut inner = element_scope(scope, ty);
                    let t = self.expr(x, &mut inner).ty;
                    self.expect_boolean(x, t, &inner, "a '$filter' segment");
                }
                PathSegmentKind::Any(lambda) => {
                    let path_so_far =
                        Span::new(span.start, seg_span.start.saturating_sub(1).max(span.start));
                    ty = self.lambda(
                        lambda.as_deref(),
                        "any",
                        ty,
                        prefix.take(),
                        path_so_far,
                        seg_span,
                        scope,
                    );
                }
                PathSegmentKind::All(lambda) => {
                    let path_so_far =
                        Span::new(span.start, seg_span.start.saturating_sub(1).max(span.start));
                    ty = self.lambda(
                        Some(lambda),
                        "all",
                        ty,
                        prefix.take(),
                        path_so_far,
                        seg_span,
                        scope,
                    );
                }
                PathSegmentKind::Key(_) => {
                    if !ty.collection {
                        self.report(
                            Diagnostic::error(
                                Code::INVALID_KEY,
                                seg_span,
                                "a key can only follow a collection",
                            ),
                            "",
                        );
                        return Bound::of(ExprType::UNKNOWN);
                    }
                    ty.collection = false;
                }
            }
        }
        if let Some(path) = &prefix
            && !path.is_empty()
            && scope.records()
        {
            self.facts.paths.push(PathFact {
                place: scope.place,
                segments: path.clone(),
                span: Span::new(span.start, seg_span.end),
                name: last_name.to_owned(),
                capabilities: scope.caps.cloned(),
                in_lambda: !scope.lambdas.is_empty(),
            });
        }
        let _ = seg_span;
        Bound { ty, path: prefix }
    }

    /// `any(v: …)` / `all(v: …)` on a collection whose path from the resource is `prefix`.
    #[allow(clippy::too_many_arguments)]
    fn lambda(
        &mut self,
        lambda: Option<&crate::ast::Lambda<'_>>,
        name: &'static str,
        ty: ExprType,
        prefix: Option<Vec<PathSegment>>,
        collection_span: Span,
        span: Span,
        scope: &mut Scope<'a, 'm, '_>,
    ) -> ExprType {
        if !ty.collection {
            self.report(
                Diagnostic::error(
                    Code::COLLECTION_PATH,
                    span,
                    format!(
                        "{name}() applies to collections, not to {}",
                        ty.display(self.model)
                    ),
                ),
                name,
            );
            return ExprType::UNKNOWN;
        }
        if let Some(path) = &prefix
            && !path.is_empty()
            && scope.records()
        {
            let last = path.last().map(|s| match s {
                PathSegment::Property(p) => self.model.property(*p).name.to_string(),
                PathSegment::NavigationProperty(n) => {
                    self.model.navigation_property(*n).name.to_string()
                }
                PathSegment::TypeCast(t) => self.model.structured_type_name(*t).to_string(),
            });
            self.facts.paths.push(PathFact {
                place: scope.place,
                segments: path.clone(),
                span: collection_span,
                name: last.unwrap_or_default(),
                capabilities: scope.caps.cloned(),
                in_lambda: !scope.lambdas.is_empty(),
            });
        }
        self.call_fact(scope, name, span, prefix.clone());
        if let Some(l) = lambda {
            scope.lambdas.push(LambdaVar {
                name: l.variable.as_ref().into(),
                ty: ExprType::single(ty.ty),
                prefix,
            });
            self.record(
                scope.map.url(l.variable_span.span()),
                ExprType::single(ty.ty),
            );
            let t = self.expr(&l.predicate, scope).ty;
            self.expect_boolean(&l.predicate, t, scope, "a lambda predicate");
            scope.lambdas.pop();
        }
        ExprType::BOOLEAN
    }

    /// Binds what follows a segment of unknown type, for the diagnostics inside it.
    fn bind_unknown_segment(&mut self, kind: &PathSegmentKind<'_>, scope: &mut Scope<'a, 'm, '_>) {
        match kind {
            PathSegmentKind::Any(Some(l)) | PathSegmentKind::All(l) => {
                scope.lambdas.push(LambdaVar {
                    name: l.variable.as_ref().into(),
                    ty: ExprType::UNKNOWN,
                    prefix: None,
                });
                let _ = self.expr(&l.predicate, scope);
                scope.lambdas.pop();
            }
            PathSegmentKind::Filter(x) => {
                let _ = self.expr(x, scope);
            }
            PathSegmentKind::Function { args, .. } => {
                for a in args {
                    let _ = self.expr(&a.value, scope);
                }
            }
            _ => {}
        }
    }

    /// The type of a parameter alias `@name`.
    fn alias_type(&mut self, name: &str, span: Span) -> ExprType {
        let found = self
            .aliases
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, e, m)| (*e, *m));
        match found {
            Some((e, map)) => {
                if !self.enter(span) {
                    return ExprType::UNKNOWN;
                }
                let mut scope = Scope::new(None, Place::Path, None, map);
                let t = self.expr(e, &mut scope).ty;
                self.leave();
                t
            }
            None => {
                self.report(
                    Diagnostic::error(
                        Code::UNDEFINED_ALIAS,
                        span,
                        format!("parameter alias '@{name}' has no value"),
                    )
                    .with_help(format!("add @{name}=<value> to the query")),
                    name,
                );
                ExprType::UNKNOWN
            }
        }
    }
}

/// The scope inside a collection's `$filter(…)`, `$count(…)` or lambda: `$this` is an item.
pub(crate) fn element_scope<'a, 'm, 'c>(
    scope: &Scope<'a, 'm, 'c>,
    ty: ExprType,
) -> Scope<'a, 'm, 'c> {
    let mut inner = scope.clone();
    inner.this = ty.structured();
    inner.place = match scope.place {
        Place::Filter => Place::NestedFilter,
        p => p,
    };
    inner
}

fn structured(t: Option<StructuredTypeId>) -> ExprType {
    t.map_or(ExprType::UNKNOWN, |s| ExprType::single(Type::structured(s)))
}

fn geo_type(kind: GeoKind, text: &str) -> P {
    let body = text.split_once(';').map_or(text, |(srid, rest)| {
        if srid.trim_start().to_ascii_uppercase().starts_with("SRID") {
            rest
        } else {
            text
        }
    });
    let upper = body.trim_start().to_ascii_uppercase();
    let geog = kind == GeoKind::Geography;
    let pick = |a, b| if geog { a } else { b };
    if upper.starts_with("MULTIPOINT") {
        pick(P::GeographyMultiPoint, P::GeometryMultiPoint)
    } else if upper.starts_with("MULTILINESTRING") {
        pick(P::GeographyMultiLineString, P::GeometryMultiLineString)
    } else if upper.starts_with("MULTIPOLYGON") {
        pick(P::GeographyMultiPolygon, P::GeometryMultiPolygon)
    } else if upper.starts_with("POINT") {
        pick(P::GeographyPoint, P::GeometryPoint)
    } else if upper.starts_with("LINESTRING") {
        pick(P::GeographyLineString, P::GeometryLineString)
    } else if upper.starts_with("POLYGON") {
        pick(P::GeographyPolygon, P::GeometryPolygon)
    } else if upper.starts_with("COLLECTION") {
        pick(P::GeographyCollection, P::GeometryCollection)
    } else {
        pick(P::Geography, P::Geometry)
    }
}
