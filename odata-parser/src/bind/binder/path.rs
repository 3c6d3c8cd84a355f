//! Binding the resource path: service root, entity sets and singletons, navigation and
//! structural properties, keys in both forms, casts, bound operations, `$count`, `$value`,
//! `$ref`, and the method the resource takes.

use super::Binder;
use crate::ast::{KeyPredicate, KeyValues, NamedArg, QualifiedName};
use crate::bind::diagnostics::{Code, Diagnostic};
use crate::bind::rules::{Place, ResourceFact, ResourceKind};
use crate::bind::suggest;
use crate::bind::types::{ExprType, Type};
use crate::bind::{BoundSegment, Method, SegmentKind};
use crate::edm::vocab::NavigationPath;
use crate::edm::{
    ContainerChild, EntityTypeId, MemberId, OperationId, OperationKind, PathSegment, SchemaItem,
    StructuredTypeId,
};
use crate::query::{ODataUri, ResourceSegment, ResourceSegmentKind};
use crate::span::{Span, Spanned};

/// Where the walk along the path is.
#[derive(Clone, Debug)]
struct Pos {
    kind: ResourceKind,
    ty: ExprType,
    /// The navigation path of the entities involved.
    nav: Option<NavigationPath>,
    /// The entity type at the end of `nav`.
    entity: Option<EntityTypeId>,
    /// Whether more segments may follow.
    composable: bool,
    /// For `$count`: the collection whose options apply.
    counted: bool,
}

impl Pos {
    fn entities(ty: EntityTypeId, collection: bool, nav: Option<NavigationPath>) -> Self {
        Pos {
            kind: if collection {
                ResourceKind::EntityCollection
            } else {
                ResourceKind::Entity
            },
            ty: ExprType {
                ty: Type::Entity(ty),
                collection,
            },
            nav,
            entity: Some(ty),
            composable: true,
            counted: false,
        }
    }

    fn structured(&self) -> Option<StructuredTypeId> {
        self.ty.structured()
    }
}

impl<'a, 'v, 'm> Binder<'a, 'v, 'm> {
    fn seg_span(&self, uri: &'a ODataUri<'a>, seg: &ResourceSegment<'_>) -> Span {
        self.text.url(uri.path_span_in_url(seg.span()))
    }

    fn push_segment(&mut self, kind: SegmentKind, span: Span, ty: ExprType) {
        self.segments.push(BoundSegment {
            kind,
            span,
            ty,
            well_known: None,
        });
    }

    /// Binds the resource path; returns what it addresses, or `None` when it did not bind far
    /// enough to say.
    pub(crate) fn bind_path(&mut self, uri: &'a ODataUri<'a>) -> Option<ResourceFact<'m>> {
        let segs = &uri.resource().segments;
        let first = segs.first()?;
        let path_span = self.text.url(uri.path_span_in_url(uri.resource().span()));
        self.path_end = path_span.end;
        let mut pos = self.bind_first(uri, first)?;
        for seg in &segs[1..] {
            let span = self.seg_span(uri, seg);
            if !pos.composable {
                self.report(
                    Diagnostic::error(
                        Code::INVALID_SEGMENT,
                        span,
                        "no segment can follow an action or a non-composable function",
                    ),
                    "",
                );
                return None;
            }
            pos = self.bind_next(uri, pos, seg, span)?;
        }
        let capabilities = pos.nav.as_ref().map(|p| self.caps(p));
        self.check_method(&pos, path_span, capabilities.as_deref());
        self.resource_type = Some(pos.ty);
        let collection = pos.kind == ResourceKind::EntityCollection || pos.counted;
        Some(ResourceFact {
            kind: pos.kind,
            path: pos.nav,
            entity_type: pos.entity,
            collection,
            capabilities,
            span: path_span,
        })
    }

    fn bind_first(&mut self, uri: &'a ODataUri<'a>, seg: &ResourceSegment<'_>) -> Option<Pos> {
        let span = self.seg_span(uri, seg);
        let (name, key) = match &seg.kind {
            ResourceSegmentKind::Name { name, key } => (&**name, key.as_ref()),
            ResourceSegmentKind::Call { name, .. } => (name.text.as_ref(), None),
            ResourceSegmentKind::Metadata
            | ResourceSegmentKind::Batch
            | ResourceSegmentKind::Entity
            | ResourceSegmentKind::All
            | ResourceSegmentKind::CrossJoin(_) => {
                self.push_segment(SegmentKind::System, span, ExprType::UNKNOWN);
                return None;
            }
            _ => {
                self.report(
                    Diagnostic::error(
                        Code::INVALID_SEGMENT,
                        span,
                        "a resource path starts with an entity set, singleton or operation import",
                    ),
                    "",
                );
                return None;
            }
        };
        let Some(child) = self.container_child(name) else {
            let names = super::container_names(self.model);
            let mut d = Diagnostic::error(
                Code::UNKNOWN_SEGMENT,
                name_span(span, name),
                format!("no entity set, singleton or operation import is named '{name}'"),
            );
            d.help = suggest::did_you_mean(name, names.iter().copied());
            self.report(d, name);
            return None;
        };
        let name_span = name_span(span, name);
        let mut pos = match child {
            ContainerChild::EntitySet(id) => {
                let ty = self.model.entity_set(id).entity_type;
                let pos = Pos::entities(ty, true, Some(NavigationPath::new(id)));
                self.push_segment(SegmentKind::EntitySet(id), name_span, pos.ty);
                pos
            }
            ContainerChild::Singleton(id) => {
                let ty = self.model.singleton(id).entity_type;
                let pos = Pos::entities(ty, false, Some(NavigationPath::new(id)));
                self.push_segment(SegmentKind::Singleton(id), name_span, pos.ty);
                pos
            }
            ContainerChild::OperationImport(id) => {
                let import = self.model.operation_import(id);
                let op = self
                    .model
                    .operation_group(import.operation)
                    .overloads
                    .iter()
                    .copied()
                    .find(|o| !self.model.operation(*o).is_bound);
                let pos = self.operation_result(op, import.entity_set.map(NavigationPath::new));
                self.push_segment(SegmentKind::OperationImport(id), name_span, pos.ty);
                pos
            }
        };
        if let ResourceSegmentKind::Call { args, .. } = &seg.kind {
            self.bind_args(uri, args);
        }
        // `Fn(p=1)` after a function import's name is the call, which the syntax
        // alone reads as a named key.
        let key = match (child, key) {
            (ContainerChild::OperationImport(_), Some(k)) => match &k.values {
                crate::ast::KeyValues::Named(args) => {
                    self.bind_args(uri, args);
                    None
                }
                crate::ast::KeyValues::Single(_) => Some(k),
            },
            (_, k) => k,
        };
        if let Some(k) = key {
            let key_span = self.text.url(uri.path_span_in_url(k.span()));
            pos = self.apply_key(uri, pos, key_span, Some(k))?;
        }
        Some(pos)
    }

    fn bind_next(
        &mut self,
        uri: &'a ODataUri<'a>,
        pos: Pos,
        seg: &ResourceSegment<'_>,
        span: Span,
    ) -> Option<Pos> {
        match &seg.kind {
            ResourceSegmentKind::Count => {
                if !pos.ty.collection {
                    self.invalid(span, "'$count' applies to collections");
                    return None;
                }
                self.push_segment(
                    SegmentKind::Count,
                    span,
                    ExprType::primitive(crate::edm::PrimitiveType::Int64),
                );
                Some(Pos {
                    kind: ResourceKind::Count,
                    ty: ExprType::primitive(crate::edm::PrimitiveType::Int64),
                    composable: false,
                    counted: pos.kind == ResourceKind::EntityCollection,
                    ..pos
                })
            }
            ResourceSegmentKind::Value => {
                let ok = match pos.ty.ty {
                    Type::Entity(e) => !pos.ty.collection && self.has_stream(e),
                    Type::Primitive(_) | Type::Enum(_) => !pos.ty.collection,
                    _ => false,
                };
                if !ok {
                    self.invalid(
                        span,
                        "'$value' applies to a media entity or a primitive property",
                    );
                    return None;
                }
                self.push_segment(SegmentKind::Value, span, pos.ty);
                Some(Pos {
                    kind: ResourceKind::Value,
                    composable: false,
                    ..pos
                })
            }
            ResourceSegmentKind::Ref => {
                if !matches!(pos.ty.ty, Type::Entity(_)) {
                    self.invalid(span, "'$ref' applies to entities");
                    return None;
                }
                self.push_segment(SegmentKind::Ref, span, pos.ty);
                Some(Pos {
                    kind: ResourceKind::Ref,
                    composable: false,
                    ..pos
                })
            }
            ResourceSegmentKind::Each | ResourceSegmentKind::Query => {
                self.push_segment(SegmentKind::System, span, pos.ty);
                Some(pos)
            }
            ResourceSegmentKind::Filter(e) => {
                if pos.kind != ResourceKind::EntityCollection {
                    self.invalid(span, "'$filter' segments apply to collections of entities");
                    return None;
                }
                let map = self.path_map(uri);
                let caps = pos.nav.as_ref().map(|p| self.caps(p));
                let mut scope =
                    super::Scope::new(pos.structured(), Place::Filter, caps.as_ref(), map);
                let t = self.bind_expr(e, &mut scope);
                self.expect_boolean(e, t, &scope, "a '$filter' segment");
                self.push_segment(SegmentKind::Filter, span, pos.ty);
                Some(pos)
            }
            ResourceSegmentKind::KeySegment(text) => {
                if self.check_query_in_path(text, span) {
                    return None;
                }
                self.apply_key_segment(pos, span, text)
            }
            ResourceSegmentKind::Key(k) => self.apply_key(uri, pos, span, Some(k)),
            ResourceSegmentKind::TypeCast(q) => self.bind_qualified(uri, pos, q, &[], span),
            ResourceSegmentKind::Call { name, args } => {
                self.bind_args(uri, args);
                self.bind_qualified(uri, pos, name, args, span)
            }
            ResourceSegmentKind::Name { name, key } => {
                let name_span = name_span(span, name);
                let mut next = self.bind_name(pos, name, name_span)?;
                if let Some(k) = key {
                    next = self.apply_key(
                        uri,
                        next,
                        self.text.url(uri.path_span_in_url(k.span())),
                        Some(k),
                    )?;
                }
                Some(next)
            }
            ResourceSegmentKind::Metadata
            | ResourceSegmentKind::Batch
            | ResourceSegmentKind::Entity
            | ResourceSegmentKind::All
            | ResourceSegmentKind::CrossJoin(_) => {
                self.invalid(span, "this segment can only start a resource path");
                None
            }
        }
    }

    fn invalid(&mut self, span: Span, message: &str) {
        self.report(Diagnostic::error(Code::INVALID_SEGMENT, span, message), "");
    }

    fn has_stream(&self, e: EntityTypeId) -> bool {
        self.model.type_chain(e.into()).any(
            |t| matches!(t, StructuredTypeId::Entity(id) if self.model.entity_type(id).has_stream),
        )
    }

    /// A name after an entity, a complex value or a collection.
    fn bind_name(&mut self, pos: Pos, name: &str, span: Span) -> Option<Pos> {
        let Some(st) = pos.structured() else {
            self.invalid(
                span,
                "a primitive value has no segments after it other than '$value'",
            );
            return None;
        };
        if pos.ty.collection {
            if pos.kind != ResourceKind::EntityCollection {
                self.invalid(
                    span,
                    "a collection of complex values is not addressable by key",
                );
                return None;
            }
            // A bound operation on the collection, else a key written as a segment.
            if let Some(op) = self.find_operation(st, true, name) {
                return Some(self.apply_operation(pos, op, span));
            }
            if let Some(member) = self.member(st, name) {
                let what = self.model.member_name(member).to_owned();
                self.report(
                    Diagnostic::warning(
                        Code::AMBIGUOUS_KEY,
                        span,
                        format!("'{name}' is read as a key of the collection, but '{what}' is also a property"),
                    )
                    .with_help(format!(
                        "to address the property, give a key first: …/{{id}}/{what}"
                    )),
                    name,
                );
            }
            return self.apply_key_segment(pos, span, name);
        }
        match self.member(st, name) {
            Some(MemberId::NavigationProperty(n)) => {
                let nav = self.model.navigation_property(n);
                let Some(target) = nav.target else {
                    self.invalid(span, "the navigation property has no target type");
                    return None;
                };
                let path = pos.nav.map(|p| p.then(n));
                let next = Pos::entities(target, nav.collection, path);
                self.push_segment(SegmentKind::NavigationProperty(n), span, next.ty);
                Some(next)
            }
            Some(MemberId::Property(p)) => {
                let prop = self.model.property(p);
                let ty = ExprType::of(self.model, &prop.ty);
                self.push_segment(SegmentKind::Property(p), span, ty);
                let nav = match (pos.nav, ty.ty) {
                    (Some(n), Type::Complex(_)) => Some(n.then(p)),
                    (n, _) => n,
                };
                Some(Pos {
                    kind: ResourceKind::Property,
                    ty,
                    nav,
                    entity: pos.entity,
                    composable: true,
                    counted: false,
                })
            }
            None => {
                if let Some(op) = self.find_operation(st, false, name) {
                    return Some(self.apply_operation(pos, op, span));
                }
                if self.is_open(st) {
                    let mut d = Diagnostic::warning(
                        Code::DYNAMIC_PROPERTY,
                        span,
                        format!(
                            "'{name}' is not declared on '{}'; it is read as a dynamic property of the open type",
                            self.model.structured_type_name(st)
                        ),
                    );
                    d.help = self.member_help(st, name);
                    self.report(d, name);
                    let next = Pos {
                        kind: ResourceKind::Property,
                        ty: ExprType::UNKNOWN,
                        composable: false,
                        ..pos
                    };
                    return Some(next);
                }
                let mut d = Diagnostic::error(
                    Code::UNKNOWN_SEGMENT,
                    span,
                    format!(
                        "type '{}' has no property, navigation property or bound operation '{name}'",
                        self.model.structured_type_name(st)
                    ),
                );
                d.help = self.member_help(st, name).or_else(|| {
                    let ops: Vec<String> = self
                        .model
                        .applicable_operations(st, false)
                        .into_iter()
                        .map(|o| self.model.operation(o).name.name().to_owned())
                        .collect();
                    suggest::did_you_mean(name, ops.iter().map(String::as_str))
                });
                self.report(d, name);
                None
            }
        }
    }

    pub(crate) fn is_open(&self, st: StructuredTypeId) -> bool {
        self.model.type_chain(st).any(|t| match t {
            StructuredTypeId::Entity(e) => self.model.entity_type(e).is_open,
            StructuredTypeId::Complex(c) => self.model.complex_type(c).is_open,
        })
    }

    /// A qualified name: a type cast or a bound operation (qualified).
    fn bind_qualified(
        &mut self,
        _uri: &'a ODataUri<'a>,
        pos: Pos,
        q: &QualifiedName<'_>,
        _args: &[NamedArg<'_>],
        span: Span,
    ) -> Option<Pos> {
        let Some(st) = pos.structured() else {
            self.invalid(
                span,
                "a primitive value cannot be cast or have operations bound to it",
            );
            return None;
        };
        match self.find_item(&q.text) {
            Some(SchemaItem::EntityType(e)) if self.model.is_same_or_derived(e.into(), st) => {
                let nav = pos.nav.map(|p| p.then(PathSegment::TypeCast(e.into())));
                let ty = ExprType {
                    ty: Type::Entity(e),
                    collection: pos.ty.collection,
                };
                self.push_segment(SegmentKind::TypeCast(e.into()), span, ty);
                Some(Pos {
                    ty,
                    nav,
                    entity: Some(e),
                    ..pos
                })
            }
            Some(SchemaItem::ComplexType(c)) if self.model.is_same_or_derived(c.into(), st) => {
                let ty = ExprType {
                    ty: Type::Complex(c),
                    collection: pos.ty.collection,
                };
                self.push_segment(SegmentKind::TypeCast(c.into()), span, ty);
                Some(Pos { ty, ..pos })
            }
            Some(SchemaItem::Operations(_)) | None => {
                let collection = pos.ty.collection;
                if let Some(op) = self.find_operation(st, collection, &q.text) {
                    return Some(self.apply_operation(pos, op, span));
                }
                let derived: Vec<String> = self
                    .model
                    .all_derived_types(st)
                    .into_iter()
                    .map(|d| self.model.structured_type_name(d).to_string())
                    .collect();
                let mut d = Diagnostic::error(
                    Code::UNKNOWN_TYPE,
                    span,
                    format!(
                        "'{}' is neither a type derived from '{}' nor an operation bound to it",
                        q.text,
                        self.model.structured_type_name(st)
                    ),
                );
                d.help = suggest::did_you_mean(&q.text, derived.iter().map(String::as_str));
                self.report(d, &q.text);
                None
            }
            Some(_) => {
                let d = Diagnostic::error(
                    Code::UNKNOWN_TYPE,
                    span,
                    format!(
                        "cannot cast '{}' to '{}': not a derived type",
                        self.model.structured_type_name(st),
                        q.text
                    ),
                );
                self.report(d, &q.text);
                None
            }
        }
    }

    /// The operation named `name` (qualified or not) bound to `ty` or a base type.
    pub(crate) fn find_operation(
        &self,
        ty: StructuredTypeId,
        collection: bool,
        name: &str,
    ) -> Option<OperationId> {
        let ops = self.model.applicable_operations(ty, collection);
        let matches = |o: &OperationId, ci: bool| {
            let q = &self.model.operation(*o).name;
            let eq = |a: &str, b: &str| {
                if ci {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                }
            };
            eq(q.as_str(), name)
                || eq(q.name(), name)
                || name.rsplit_once('.').is_some_and(|(ns, local)| {
                    eq(q.name(), local)
                        && self
                            .profile
                            .namespace_alias(ns)
                            .is_some_and(|real| eq(q.namespace(), real))
                })
        };
        ops.iter().copied().find(|o| matches(o, false)).or_else(|| {
            self.ci
                .then(|| ops.iter().copied().find(|o| matches(o, true)))?
        })
    }

    fn apply_operation(&mut self, pos: Pos, op: OperationId, span: Span) -> Pos {
        let next = self.operation_result(Some(op), pos.nav.clone());
        self.push_segment(SegmentKind::Operation(op), span, next.ty);
        next
    }

    /// The position after invoking `op`: its return type, navigation path unknown unless the
    /// result lands in the entity set given.
    fn operation_result(&self, op: Option<OperationId>, nav: Option<NavigationPath>) -> Pos {
        let Some(op) = op else {
            return Pos {
                kind: ResourceKind::Other,
                ty: ExprType::UNKNOWN,
                nav: None,
                entity: None,
                composable: false,
                counted: false,
            };
        };
        let o = self.model.operation(op);
        let kind = match o.kind {
            OperationKind::Action => ResourceKind::Action,
            OperationKind::Function => ResourceKind::Function,
        };
        let ty = o
            .return_type
            .as_ref()
            .map_or(ExprType::UNKNOWN, |r| ExprType::of(self.model, &r.ty));
        let entity = match ty.ty {
            Type::Entity(e) => Some(e),
            _ => None,
        };
        // The result of an operation on a path is in the same collection only when the
        // return type is the path's own type (Move/Copy return the moved entity).
        let nav = nav.filter(|p| p.entity_type(self.model) == entity && entity.is_some());
        Pos {
            kind,
            ty,
            nav: if o.kind == OperationKind::Function {
                nav
            } else {
                None
            },
            entity,
            composable: o.kind == OperationKind::Function && o.is_composable,
            counted: false,
        }
    }

    fn apply_key_segment(&mut self, pos: Pos, span: Span, text: &str) -> Option<Pos> {
        if pos.kind != ResourceKind::EntityCollection {
            self.report(
                Diagnostic::error(
                    Code::INVALID_KEY,
                    span,
                    "a key can only follow a collection of entities",
                ),
                "",
            );
            return None;
        }
        let well_known = pos
            .entity
            .and_then(|e| self.profile.well_known_key(self.model, e, text));
        Some(self.keyed(pos, span, well_known))
    }

    fn apply_key(
        &mut self,
        uri: &'a ODataUri<'a>,
        pos: Pos,
        span: Span,
        key: Option<&KeyPredicate<'_>>,
    ) -> Option<Pos> {
        if pos.kind != ResourceKind::EntityCollection {
            self.report(
                Diagnostic::error(
                    Code::INVALID_KEY,
                    span,
                    "a key can only follow a collection of entities",
                ),
                "",
            );
            return None;
        }
        let mut well_known = None;
        if let (Some(k), Some(e)) = (key, pos.entity) {
            let map = self.path_map(uri);
            let keys = self.model.key(e);
            match &k.values {
                KeyValues::Single(v) => {
                    let mut scope = super::Scope::new(None, Place::Path, None, map);
                    let t = self.bind_expr(v, &mut scope);
                    if let [only] = keys {
                        let want = ExprType::of(self.model, &self.model.property(only.property).ty);
                        self.check_key_value(want, t, map.url(v.span()));
                    } else if keys.len() > 1 {
                        self.report(
                            Diagnostic::error(
                                Code::INVALID_KEY,
                                span,
                                format!(
                                    "the key of '{}' has {} properties; name each: (A=1,B=2)",
                                    self.model.entity_type(e).name,
                                    keys.len()
                                ),
                            ),
                            "",
                        );
                    }
                    if let crate::ast::ExprKind::Literal(crate::ast::Literal::String(s)) = &v.kind {
                        well_known = self.profile.well_known_key(self.model, e, s);
                    }
                }
                KeyValues::Named(args) => {
                    for a in args {
                        let mut scope = super::Scope::new(None, Place::Path, None, map);
                        let t = self.bind_expr(&a.value, &mut scope);
                        match keys.iter().find(|k| {
                            let n: &str = k.alias.as_deref().unwrap_or(&k.path);
                            n == a.name || (self.ci && n.eq_ignore_ascii_case(&a.name))
                        }) {
                            Some(k) => {
                                let want =
                                    ExprType::of(self.model, &self.model.property(k.property).ty);
                                self.check_key_value(want, t, map.url(a.value.span()));
                            }
                            None => {
                                let names: Vec<&str> = keys.iter().map(|k| &*k.path).collect();
                                let mut d = Diagnostic::error(
                                    Code::INVALID_KEY,
                                    map.url(a.span()),
                                    format!(
                                        "'{}' is not a key property of '{}'",
                                        a.name,
                                        self.model.entity_type(e).name
                                    ),
                                );
                                d.help = suggest::did_you_mean(&a.name, names);
                                self.report(d, &a.name);
                            }
                        }
                    }
                }
            }
        }
        Some(self.keyed(pos, span, well_known))
    }

    /// The single entity a key selects from the collection at `pos`, recorded as a key
    /// segment.
    fn keyed(&mut self, pos: Pos, span: Span, well_known: Option<&'static str>) -> Pos {
        let next = Pos {
            kind: ResourceKind::Entity,
            ty: ExprType::single(pos.ty.ty),
            ..pos
        };
        self.segments.push(BoundSegment {
            kind: SegmentKind::Key,
            span,
            ty: next.ty,
            well_known,
        });
        next
    }

    fn check_key_value(&mut self, want: ExprType, got: ExprType, span: Span) {
        if got.ty.is_lenient() || want.is_unknown() {
            return;
        }
        let ok = match (want.ty.primitive(), got.ty.primitive()) {
            (Some(w), Some(g)) => crate::bind::types::primitives_comparable(w, g, false),
            _ => want.ty == got.ty,
        };
        if !ok {
            let d = Diagnostic::error(
                Code::INVALID_KEY,
                span,
                format!(
                    "the key is {}, but the value is {}",
                    want.display(self.model),
                    got.display(self.model)
                ),
            );
            let d = if want.ty == Type::Primitive(crate::edm::PrimitiveType::String) {
                d.with_help("quote string keys: ('AAMkAGI2…')")
            } else {
                d
            };
            self.report(d, "");
        }
    }

    fn bind_args(&mut self, uri: &'a ODataUri<'a>, args: &[NamedArg<'_>]) {
        let map = self.path_map(uri);
        for a in args {
            let mut scope = super::Scope::new(None, Place::Path, None, map);
            let _ = self.bind_expr(&a.value, &mut scope);
        }
    }

    fn path_map(&self, uri: &'a ODataUri<'a>) -> crate::bind::rules::SpanMap<'a> {
        // Path spans are offsets in the decoded path; the URI maps them through its escapes.
        crate::bind::rules::SpanMap {
            source: None,
            path: Some(uri),
            text: self.text,
            base: 0,
        }
    }

    /// A key segment that holds `$expand=…`: the `?` before the query is missing.
    fn check_query_in_path(&mut self, text: &str, span: Span) -> bool {
        const OPTIONS: [&str; 9] = [
            "$expand=",
            "$select=",
            "$filter=",
            "$orderby=",
            "$top=",
            "$skip=",
            "$count=",
            "$search=",
            "$format=",
        ];
        let lower = text.to_ascii_lowercase();
        if let Some(at) = OPTIONS.iter().filter_map(|o| lower.find(o)).min() {
            let start = span.start + u32::try_from(at).unwrap_or(0);
            let end = self.path_end.max(span.end);
            let d = Diagnostic::error(
                Code::QUERY_IN_PATH,
                Span::new(start, end),
                format!("'{}' is a query option written in the path", &text[at..]),
            )
            .with_help("a query starts with '?': …/segment?$expand=…");
            self.report(d, "");
            return true;
        }
        false
    }

    /// The method the resource takes, and the insert/update/delete restrictions.
    fn check_method(
        &mut self,
        pos: &Pos,
        span: Span,
        caps: Option<&crate::edm::vocab::Capabilities<'m>>,
    ) {
        let method = self.facts.method;
        let problem = match (method, pos.kind) {
            (Method::Get, ResourceKind::Action) => Some("an action is invoked with POST"),
            (m, ResourceKind::Function) if m != Method::Get => {
                Some("a function is invoked with GET")
            }
            (
                Method::Post,
                ResourceKind::Entity
                | ResourceKind::Property
                | ResourceKind::Count
                | ResourceKind::Value,
            ) => Some("POST creates an entity in a collection or invokes an action"),
            (
                Method::Patch | Method::Put | Method::Delete,
                ResourceKind::EntityCollection | ResourceKind::Count,
            ) => Some("PATCH, PUT and DELETE address one entity, property or value: give a key"),
            (Method::Patch | Method::Put | Method::Delete, ResourceKind::Action) => {
                Some("an action is invoked with POST")
            }
            _ => None,
        };
        if let Some(message) = problem {
            self.report(
                Diagnostic::error(
                    Code::METHOD_NOT_ALLOWED,
                    span,
                    format!("{method} cannot be used here: {message}"),
                ),
                method.as_str(),
            );
            return;
        }
        let (Some(nav), Some(caps)) = (&pos.nav, caps) else {
            return;
        };
        let forbidden = match (method, pos.kind) {
            (Method::Post, ResourceKind::EntityCollection) => {
                (!caps.insert_restrictions.insertable).then_some("inserting")
            }
            (Method::Patch | Method::Put, ResourceKind::Entity) => {
                (!caps.update_restrictions.updatable).then_some("updating")
            }
            (Method::Delete, ResourceKind::Entity) => {
                (!caps.delete_restrictions.deletable).then_some("deleting")
            }
            _ => None,
        };
        if let Some(what) = forbidden {
            let d = Diagnostic::error(
                Code::NOT_WRITABLE,
                span,
                format!("{what} is not supported on {}", nav.text(self.model)),
            );
            self.report(d, what);
        }
    }
}

/// The span of the name at the start of a segment span (a key may follow).
fn name_span(span: Span, name: &str) -> Span {
    let len = u32::try_from(name.len()).unwrap_or(u32::MAX);
    Span::new(span.start, span.start.saturating_add(len).min(span.end))
}
