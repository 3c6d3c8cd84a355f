//! Binding the query options: `$filter`, `$orderby`, `$select`, `$expand` (nested options
//! bound against the expanded type), `$compute` aliases, `$search`, `$top`, `$skip`,
//! `$count`, parameter aliases.

use std::sync::Arc;

use super::{Binder, Scope, option_kind};
use crate::ast::{
    ExpandItem, ExpandTarget, Levels, OrderbyItem, QueryOption, QueryOptionKind, SelectItem,
    SelectItemKind, SelectSegment, SelectSegmentKind, SortDirection, SystemQueryOption,
};
use crate::bind::diagnostics::{Code, Diagnostic};
use crate::bind::rules::{
    ExpandFact, OptionFact, OrderFact, Place, ResourceFact, ResourceKind, SpanMap,
};
use crate::bind::types::{ExprType, Type};
use crate::edm::vocab::{Capabilities, NavigationPath};
use crate::edm::{
    MemberId, NavigationPropertyId, PathSegment, PrimitiveType, SchemaItem, StructuredTypeId,
};
use crate::query::QueryOptions;
use crate::span::{Span, Spanned};

/// What a list of options applies to. `'n` borrows the navigation path and capabilities
/// (the resource's, or those of an expand item), so a context costs no allocation and no
/// reference counting.
#[derive(Clone)]
pub(crate) struct Ctx<'a, 'm, 'n> {
    /// The (element) type.
    ty: Option<StructuredTypeId>,
    /// Whether collection options (`$filter`, `$top`, …) apply.
    collection: bool,
    /// Whether anything is bound at all (not for actions, `$value`, …).
    bindable: bool,
    caps: Option<&'n Arc<Capabilities<'m>>>,
    nav: Option<&'n NavigationPath>,
    map: SpanMap<'a>,
    /// Expand nesting: 0 at the top level.
    depth: u32,
}

impl<'a, 'v, 'm> Binder<'a, 'v, 'm> {
    /// Records the parameter aliases of the query, before anything is bound: the
    /// resource path (function parameters) and every option may use them.
    pub(crate) fn collect_aliases(&mut self, queries: &[(&'a QueryOptions<'a>, u32)]) {
        for (q, at) in queries {
            for (opt, src) in q.iter() {
                if let QueryOptionKind::Alias { name, value } = &opt.kind {
                    let map = self.option_map(src, *at);
                    self.aliases.push((name, value, map));
                }
            }
        }
    }

    /// Binds the top-level query options (one list, or several after a parse error).
    pub(crate) fn bind_queries(
        &mut self,
        queries: &[(&'a QueryOptions<'a>, u32)],
        resource: Option<&ResourceFact<'m>>,
    ) {
        let base = match resource {
            Some(r) => {
                let ty = match r.kind {
                    ResourceKind::EntityCollection | ResourceKind::Entity | ResourceKind::Count => {
                        r.entity_type.map(StructuredTypeId::Entity)
                    }
                    ResourceKind::Property => self.resource_type.and_then(ExprType::structured),
                    _ => None,
                };
                let bindable = matches!(
                    r.kind,
                    ResourceKind::EntityCollection
                        | ResourceKind::Entity
                        | ResourceKind::Count
                        | ResourceKind::Property
                        | ResourceKind::Function
                );
                (
                    ty,
                    r.collection,
                    bindable,
                    r.capabilities.as_ref(),
                    r.path.as_ref(),
                    r.kind,
                )
            }
            None => (None, false, false, None, None, ResourceKind::Other),
        };
        // `$compute` next: its aliases may be used by the other options.
        for (q, at) in queries {
            for (opt, src) in q.iter() {
                if let QueryOptionKind::System(SystemQueryOption::Compute(items)) = &opt.kind {
                    let map = self.option_map(src, *at);
                    let ctx = Ctx {
                        ty: base.0,
                        collection: base.1,
                        bindable: base.2,
                        caps: base.3,
                        nav: base.4,
                        map,
                        depth: 0,
                    };
                    self.bind_compute(items, &ctx);
                }
            }
        }
        for (q, at) in queries {
            for (opt, src) in q.iter() {
                let map = self.option_map(src, *at);
                let span = self.text.url(src.raw_span().shift(*at));
                self.facts.options.push(OptionFact {
                    kind: option_kind(&opt.kind),
                    span,
                });
                let ctx = Ctx {
                    ty: base.0,
                    collection: base.1,
                    bindable: base.2,
                    caps: base.3,
                    nav: base.4,
                    map,
                    depth: 0,
                };
                if let QueryOptionKind::System(s) = &opt.kind {
                    if base.2
                        && !base.1
                        && is_collection_option(s)
                        && base.5 != ResourceKind::Function
                    {
                        let name = s.name();
                        self.report(
                            Diagnostic::error(
                                Code::OPTION_ON_SINGLE,
                                span,
                                format!("{name} applies to collections, but the request addresses a single resource"),
                            )
                            .with_help("remove the key to query the collection"),
                            name,
                        );
                        continue;
                    }
                    self.bind_system(s, span, &ctx, true);
                }
            }
        }
    }

    fn option_map(&self, src: &'a crate::query::OptionSource, at: u32) -> SpanMap<'a> {
        SpanMap {
            source: Some(src),
            path: None,
            text: self.text,
            base: at,
        }
    }

    /// Binds one system option in `ctx`.
    fn bind_system(
        &mut self,
        s: &'a SystemQueryOption<'a>,
        span: Span,
        ctx: &Ctx<'a, 'm, '_>,
        top: bool,
    ) {
        match s {
            SystemQueryOption::Filter(e) => {
                if top {
                    self.facts.filter = Some((e, ctx.map));
                }
                if !ctx.bindable {
                    return;
                }
                let place = if top {
                    Place::Filter
                } else {
                    Place::NestedFilter
                };
                let mut scope = Scope::new(ctx.ty, place, ctx.caps, ctx.map);
                let t = self.bind_expr(e, &mut scope);
                self.expect_boolean(e, t, &scope, "$filter");
            }
            SystemQueryOption::Search(e) if top => {
                self.facts.search = Some((e, ctx.map));
            }
            SystemQueryOption::OrderBy(items) if ctx.bindable => {
                for item in items {
                    self.bind_orderby_item(item, ctx, !top);
                }
            }
            SystemQueryOption::Top(n) if top => {
                self.facts.top = Some((*n, span));
            }
            SystemQueryOption::Count(b) if top => {
                self.facts.count = Some((*b, span));
            }
            SystemQueryOption::Select(items) if ctx.bindable => {
                for item in items {
                    self.bind_select_item(item, ctx);
                }
            }
            SystemQueryOption::Expand(items) if ctx.bindable => {
                for item in items {
                    self.bind_expand_item(item, ctx);
                }
            }
            SystemQueryOption::Compute(items) if !top => {
                self.bind_compute(items, ctx);
            }
            _ => {}
        }
    }

    fn bind_compute(&mut self, items: &'a [crate::ast::ComputeItem<'a>], ctx: &Ctx<'a, 'm, '_>) {
        if !ctx.bindable {
            return;
        }
        for item in items {
            let mut scope = Scope::new(ctx.ty, Place::Compute, ctx.caps, ctx.map);
            let t = self.bind_expr(&item.expr, &mut scope);
            self.computed.push((item.alias.to_string(), t));
        }
    }

    fn bind_orderby_item(
        &mut self,
        item: &'a OrderbyItem<'a>,
        ctx: &Ctx<'a, 'm, '_>,
        nested: bool,
    ) {
        let mut scope = Scope::new(ctx.ty, Place::OrderBy, ctx.caps, ctx.map);
        let b = self.expr(&item.expr, &mut scope);
        let span = ctx.map.url(item.expr.span());
        let sortable = b.ty.ty.is_lenient()
            || (!b.ty.collection && matches!(b.ty.ty, Type::Primitive(_) | Type::Enum(_)))
            || (!b.ty.collection
                && matches!(b.ty.ty, Type::Complex(_))
                && self.profile.orders_complex_values());
        if !sortable {
            self.report(
                Diagnostic::error(
                    Code::NOT_SORTABLE_TYPE,
                    span,
                    format!(
                        "$orderby sorts by primitive values, found {}",
                        b.ty.display(self.model)
                    ),
                )
                .with_help("sort by a primitive property, e.g. From/EmailAddress/Address"),
                "",
            );
        }
        let name = b
            .path
            .as_ref()
            .and_then(|p| p.last())
            .map(|s| segment_name(self.model, s))
            .unwrap_or_default();
        self.facts.orderby.push(OrderFact {
            path: b.path.filter(|p| !p.is_empty()),
            name,
            span,
            item_span: ctx.map.url(item.span()),
            descending: item.direction == Some(SortDirection::Desc),
            nested,
            capabilities: ctx.caps.cloned(),
        });
    }

    /// Resolves one `$select`/`$expand` segment name against `ty`.
    fn select_member(&mut self, ty: StructuredTypeId, name: &str, span: Span) -> Option<MemberId> {
        match self.member(ty, name) {
            Some(m) => Some(m),
            None => {
                if self.is_open(ty) {
                    let mut d = Diagnostic::warning(
                        Code::DYNAMIC_PROPERTY,
                        span,
                        format!(
                            "'{name}' is not declared on '{}'; it is read as a dynamic property of the open type",
                            self.model.structured_type_name(ty)
                        ),
                    );
                    d.help = self.member_help(ty, name);
                    self.report(d, name);
                    return None;
                }
                let mut d = Diagnostic::error(
                    Code::UNKNOWN_PROPERTY,
                    span,
                    format!(
                        "type '{}' has no property '{name}'",
                        self.model.structured_type_name(ty)
                    ),
                );
                d.help = self.member_help(ty, name);
                self.report(d, name);
                None
            }
        }
    }

    fn cast(&mut self, ty: StructuredTypeId, q: &str, span: Span) -> Option<StructuredTypeId> {
        let cast = match self.find_item(q) {
            Some(SchemaItem::EntityType(e)) => Some(StructuredTypeId::Entity(e)),
            Some(SchemaItem::ComplexType(c)) => Some(StructuredTypeId::Complex(c)),
            _ => None,
        };
        match cast {
            Some(c) if self.model.is_same_or_derived(c, ty) => Some(c),
            _ => {
                let d = Diagnostic::error(
                    Code::UNKNOWN_TYPE,
                    span,
                    format!(
                        "'{q}' is not a type derived from '{}'",
                        self.model.structured_type_name(ty)
                    ),
                );
                self.report(d, q);
                None
            }
        }
    }

    fn bind_select_item(&mut self, item: &'a SelectItem<'a>, ctx: &Ctx<'a, 'm, '_>) {
        let SelectItemKind::Path { segments, options } = &item.kind else {
            return;
        };
        let Some(mut ty) = ctx.ty else { return };
        let mut t = ExprType::single(Type::structured(ty));
        for (n, seg) in segments.iter().enumerate() {
            let span = ctx.map.url(seg.span());
            let last = n + 1 == segments.len();
            match &seg.kind {
                SelectSegmentKind::Name(name) => {
                    if self.member(ty, name).is_none()
                        && self.find_operation(ty, false, name).is_some()
                    {
                        return;
                    }
                    match self.select_member(ty, name, span) {
                        Some(MemberId::Property(p)) => {
                            t = ExprType::of(self.model, &self.model.property(p).ty);
                        }
                        Some(MemberId::NavigationProperty(nv)) => {
                            let nav = self.model.navigation_property(nv);
                            t = ExprType {
                                ty: nav.target.map_or(Type::Unknown, Type::Entity),
                                collection: nav.collection,
                            };
                        }
                        None => return,
                    }
                    self.record(span, t);
                    match t.structured() {
                        Some(s) => ty = s,
                        None if !last => {
                            self.report(
                                Diagnostic::error(
                                    Code::INVALID_SEGMENT,
                                    ctx.map.url(segments[n + 1].span()),
                                    format!("{} has no properties", t.display(self.model)),
                                ),
                                "",
                            );
                            return;
                        }
                        None => {}
                    }
                }
                SelectSegmentKind::Qualified(q) => {
                    if self.find_operation(ty, false, &q.text).is_some() {
                        return;
                    }
                    match self.cast(ty, &q.text, span) {
                        Some(c) => {
                            ty = c;
                            t = ExprType {
                                ty: Type::structured(c),
                                collection: t.collection,
                            };
                        }
                        None => return,
                    }
                }
                SelectSegmentKind::FunctionOverload { name, .. } => {
                    if self.find_operation(ty, false, &name.text).is_none() {
                        let d = Diagnostic::error(
                            Code::UNKNOWN_OPERATION,
                            span,
                            format!(
                                "no operation '{}' is bound to '{}'",
                                name.text,
                                self.model.structured_type_name(ty)
                            ),
                        );
                        self.report(d, &name.text);
                    }
                    return;
                }
                SelectSegmentKind::Annotation(_) | SelectSegmentKind::Star => return,
            }
        }
        if !options.is_empty() {
            let inner = Ctx {
                ty: t.structured(),
                collection: t.collection,
                bindable: true,
                caps: None,
                nav: None,
                map: ctx.map,
                depth: ctx.depth,
            };
            self.bind_nested(options, &inner);
        }
    }

    fn bind_expand_item(&mut self, item: &'a ExpandItem<'a>, ctx: &Ctx<'a, 'm, '_>) {
        let ExpandTarget::Path(segments) = &item.target else {
            return;
        };
        let Some(from) = ctx.ty else { return };
        let mut ty = from;
        let mut path: Vec<PathSegment> = Vec::new();
        let mut nav: Option<NavigationPropertyId> = None;
        let mut collection = false;
        for (n, seg) in segments.iter().enumerate() {
            let span = ctx.map.url(seg.span());
            let last = n + 1 == segments.len();
            match &seg.kind {
                SelectSegmentKind::Name(name) => {
                    if nav.is_some() {
                        self.report(
                            Diagnostic::error(
                                Code::INVALID_SEGMENT,
                                span,
                                "only a type cast can follow the expanded navigation property; nest $expand to go further",
                            )
                            .with_help(format!("write …($expand={name})")),
                            name,
                        );
                        return;
                    }
                    match self.select_member(ty, name, span) {
                        Some(MemberId::NavigationProperty(nv)) => {
                            let np = self.model.navigation_property(nv);
                            path.push(PathSegment::NavigationProperty(nv));
                            nav = Some(nv);
                            collection = np.collection;
                            match np.target {
                                Some(t) => ty = t.into(),
                                None => return,
                            }
                            self.record(
                                span,
                                ExprType {
                                    ty: Type::structured(ty),
                                    collection,
                                },
                            );
                        }
                        Some(MemberId::Property(p)) => {
                            let pt = ExprType::of(self.model, &self.model.property(p).ty);
                            match pt.structured() {
                                Some(s) if !last => {
                                    path.push(PathSegment::Property(p));
                                    ty = s;
                                }
                                _ if pt.ty == Type::Primitive(PrimitiveType::Stream) => return,
                                _ => {
                                    self.report(
                                        Diagnostic::error(
                                            Code::NOT_NAVIGATION,
                                            span,
                                            format!("'{name}' is a structural property, not a navigation property"),
                                        )
                                        .with_help(format!("$expand takes navigation properties; select it with $select={name}")),
                                        name,
                                    );
                                    return;
                                }
                            }
                        }
                        None => return,
                    }
                }
                SelectSegmentKind::Qualified(q) => match self.cast(ty, &q.text, span) {
                    Some(c) => {
                        if nav.is_none() {
                            path.push(PathSegment::TypeCast(c));
                        }
                        ty = c;
                    }
                    None => return,
                },
                _ => return,
            }
        }
        let Some(nv) = nav else {
            if let Some(last) = segments.last() {
                self.report(
                    Diagnostic::error(
                        Code::NOT_NAVIGATION,
                        ctx.map.url(last.span()),
                        "an $expand path ends with a navigation property",
                    ),
                    "",
                );
            }
            return;
        };
        let levels = item.options.iter().find_map(|o| match &o.kind {
            QueryOptionKind::System(SystemQueryOption::Levels(l)) => Some(match l {
                Levels::Count(n) => *n,
                Levels::Max => u32::MAX,
            }),
            _ => None,
        });
        let first = segments.first().map_or(Span::NONE, Spanned::span);
        let end = segments.last().map_or(Span::NONE, Spanned::span);
        let span = ctx.map.url(first.to(end));
        self.facts.expands.push(ExpandFact {
            navigation_property: nv,
            path: path.clone(),
            from,
            span,
            depth: ctx.depth + 1,
            levels,
            capabilities: ctx.caps.cloned(),
        });
        if item.options.is_empty() {
            return;
        }
        let nav_path = ctx.nav.map(|p| {
            let mut p = p.clone();
            p.segments.extend(path.iter().copied());
            p
        });
        let caps = nav_path.as_ref().map(|p| self.caps(p));
        let inner = Ctx {
            ty: Some(ty),
            collection,
            bindable: true,
            caps: caps.as_ref(),
            nav: nav_path.as_ref(),
            map: ctx.map,
            depth: ctx.depth + 1,
        };
        if self.enter(span) {
            self.bind_nested(&item.options, &inner);
            self.leave();
        }
    }

    /// Options nested in `$select` or `$expand` (or in a path's `$count(…)`).
    fn bind_nested(&mut self, options: &'a [QueryOption<'a>], ctx: &Ctx<'a, 'm, '_>) {
        for o in options {
            if let QueryOptionKind::System(s) = &o.kind {
                let span = ctx.map.url(o.span());
                if !ctx.collection && is_collection_option(s) {
                    let name = s.name();
                    self.report(
                        Diagnostic::error(
                            Code::OPTION_ON_SINGLE,
                            span,
                            format!("{name} applies to collections, but this is a single value"),
                        ),
                        name,
                    );
                    continue;
                }
                self.bind_system(s, span, ctx, false);
            }
        }
    }

    /// Options of a `$count(…)` path segment inside an expression.
    pub(crate) fn bind_nested_options(
        &mut self,
        options: &[QueryOption<'_>],
        scope: Scope<'a, 'm, '_>,
        ty: ExprType,
    ) {
        for o in options {
            if let QueryOptionKind::System(SystemQueryOption::Filter(e)) = &o.kind {
                let mut inner = scope.clone();
                inner.this = ty.structured();
                let t = self.bind_expr(e, &mut inner);
                self.expect_boolean(e, t, &inner, "$filter");
            }
        }
    }
}

fn is_collection_option(s: &SystemQueryOption<'_>) -> bool {
    matches!(
        s,
        SystemQueryOption::Filter(_)
            | SystemQueryOption::OrderBy(_)
            | SystemQueryOption::Top(_)
            | SystemQueryOption::Skip(_)
            | SystemQueryOption::Search(_)
            | SystemQueryOption::Count(_)
    )
}

pub(crate) fn segment_name(model: &crate::edm::Model, s: &PathSegment) -> String {
    match s {
        PathSegment::Property(p) => String::from(&*model.property(*p).name),
        PathSegment::NavigationProperty(n) => String::from(&*model.navigation_property(*n).name),
        PathSegment::TypeCast(t) => model.structured_type_name(*t).to_string(),
    }
}

#[allow(dead_code)]
fn _unused(_: SelectSegment<'_>) {}
