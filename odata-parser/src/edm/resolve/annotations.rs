//! Phase 7: annotations. Inline annotations get the target of the element
//! they sit in; `Annotations` blocks have their `Target` resolved (types,
//! members, enum members, operations and overloads, parameters, return
//! types, container children and paths below them). Term names, and the
//! qualified names inside expressions, are rewritten to full names.

use std::borrow::Cow;
use std::sync::Arc;

use super::Resolver;
use super::json_values::Expected;
use crate::edm::annotation::*;
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::ids::*;
use crate::edm::query::ResolvedTarget;
use crate::edm::vocabularies::is_standard_namespace;
use crate::span::Span;

impl<'r, 'a> Resolver<'r, 'a> {
    pub(crate) fn annotations(&mut self) {
        for (sid, (d, schema)) in self.schema_src.clone().into_iter().enumerate() {
            let ns = schema.namespace.as_ref().map_or("", |n| n.as_str());
            self.enter("Schema", ns);
            self.apply(
                d,
                Target::Schema(SchemaId::from_index(sid)),
                &schema.annotations,
                None,
            );
            for block in &schema.annotation_blocks {
                self.enter("Annotations", block.target.as_str());
                self.block(d, block);
                self.leave();
            }
            self.leave();
        }
        self.inline_annotations();
    }

    fn inline_annotations(&mut self) {
        for i in 0..self.entity_src.len() {
            let (d, t) = self.entity_src[i];
            let e = &self.m.entity_types[i];
            let (props, navs) = (e.properties, e.navigation_properties);
            self.apply(
                d,
                Target::EntityType(EntityTypeId::from_index(i)),
                &t.annotations,
                None,
            );
            self.member_annotations(d, t, props, navs);
        }
        for i in 0..self.complex_src.len() {
            let (d, t) = self.complex_src[i];
            let c = &self.m.complex_types[i];
            let (props, navs) = (c.properties, c.navigation_properties);
            self.apply(
                d,
                Target::ComplexType(ComplexTypeId::from_index(i)),
                &t.annotations,
                None,
            );
            self.member_annotations(d, t, props, navs);
        }
        for i in 0..self.enum_src.len() {
            let (d, t) = self.enum_src[i];
            let id = EnumTypeId::from_index(i);
            self.apply(d, Target::EnumType(id), &t.annotations, None);
            for (m, raw) in t.members.iter().enumerate() {
                let index = u32::try_from(m).unwrap_or(u32::MAX);
                self.apply(d, Target::EnumMember(id, index), &raw.annotations, None);
            }
        }
        for i in 0..self.typedef_src.len() {
            let (d, t) = self.typedef_src[i];
            self.apply(
                d,
                Target::TypeDefinition(TypeDefinitionId::from_index(i)),
                &t.annotations,
                None,
            );
        }
        for i in 0..self.op_src.len() {
            let (d, op) = self.op_src[i];
            let id = OperationId::from_index(i);
            self.apply(d, Target::Operation(id), &op.annotations, None);
            for (p, raw) in op.parameters.iter().enumerate() {
                let index = u32::try_from(p).unwrap_or(u32::MAX);
                self.apply(d, Target::Parameter(id, index), &raw.annotations, None);
            }
            if let Some(rt) = &op.return_type {
                self.apply(d, Target::ReturnType(id), &rt.annotations, None);
            }
        }
        for i in 0..self.container_src.len() {
            let (d, c) = self.container_src[i];
            let container = &self.m.containers[i];
            let (sets, singletons, imports) = (
                container.entity_sets.range(),
                container.singletons.range(),
                container.operation_imports.range(),
            );
            self.apply(
                d,
                Target::EntityContainer(EntityContainerId::from_index(i)),
                &c.annotations,
                None,
            );
            for (raw, index) in c.entity_sets.iter().zip(sets) {
                self.apply(
                    d,
                    Target::EntitySet(EntitySetId::from_index(index)),
                    &raw.annotations,
                    None,
                );
            }
            for (raw, index) in c.singletons.iter().zip(singletons) {
                self.apply(
                    d,
                    Target::Singleton(SingletonId::from_index(index)),
                    &raw.annotations,
                    None,
                );
            }
            for (raw, index) in c.imports.iter().zip(imports) {
                self.apply(
                    d,
                    Target::OperationImport(OperationImportId::from_index(index)),
                    &raw.annotations,
                    None,
                );
            }
        }
        for i in 0..self.term_src.len() {
            let (d, t) = self.term_src[i];
            self.apply(d, Target::Term(TermId::from_index(i)), &t.annotations, None);
        }
    }

    fn member_annotations(
        &mut self,
        d: usize,
        t: &'r RawStructuredType<'a>,
        props: IdRange,
        navs: IdRange,
    ) {
        for (raw, index) in t.properties.iter().zip(props.range()) {
            self.apply(
                d,
                Target::Property(PropertyId::from_index(index)),
                &raw.annotations,
                None,
            );
        }
        for (raw, index) in t.navigation_properties.iter().zip(navs.range()) {
            self.apply(
                d,
                Target::NavigationProperty(NavigationPropertyId::from_index(index)),
                &raw.annotations,
                None,
            );
        }
    }

    fn block(&mut self, d: usize, block: &'r RawAnnotations<'a>) {
        let aliases = &self.aliases;
        let alias = |prefix: &str| -> Option<&'r str> {
            aliases
                .get(d)?
                .iter()
                .find(|(a, _)| *a == prefix)
                .map(|(_, ns)| *ns)
        };
        let resolved = self.m.resolve_target_text(block.target.as_str(), &alias);
        let targets = match resolved {
            Ok(ResolvedTarget::One(t)) => vec![t],
            Ok(ResolvedTarget::Many(ts)) => ts,
            Ok(ResolvedTarget::Path(root, segments)) => {
                vec![Target::Path(self.intern_path(root, segments))]
            }
            Err(_) => {
                let target = block.target.as_str().into();
                self.error(
                    CsdlErrorKind::UnresolvedTarget { target },
                    block.target.span,
                );
                return;
            }
        };
        for target in targets {
            self.apply(d, target, &block.annotations, block.qualifier.as_ref());
        }
    }

    fn intern_path(&mut self, root: Target, segments: Vec<PathSegment>) -> TargetPathId {
        let text = self.m.path_text(root, &segments);
        let hash = self.m.hashing.text(&text);
        let paths = &self.m.target_paths;
        if let Some(id) = self
            .m
            .target_path_index
            .find(hash, |id| *paths[id.index()].text == *text)
        {
            return *id;
        }
        let id = TargetPathId::from_index(self.m.target_paths.len());
        self.m.target_paths.push(TargetPath {
            root,
            segments,
            text: text.into(),
        });
        let (paths, hashing) = (&self.m.target_paths, &self.m.hashing);
        self.m
            .target_path_index
            .insert_unique(hash, id, |id| hashing.text(&paths[id.index()].text));
        id
    }

    fn apply(
        &mut self,
        d: usize,
        target: Target,
        raw: &'r [RawAnnotation<'a>],
        block_qualifier: Option<&'r Text<'a>>,
    ) {
        for a in raw {
            let annotation = self.annotation(d, a, block_qualifier);
            self.m.annotations.push((target, annotation));
        }
    }

    fn annotation(
        &mut self,
        d: usize,
        a: &'r RawAnnotation<'a>,
        block_qualifier: Option<&'r Text<'a>>,
    ) -> Annotation {
        self.enter("Annotation", a.term.as_str());
        let (term, term_id) = self.term_name(d, &a.term);
        let qualifier = a.qualifier.as_ref().or(block_qualifier);
        if let Some(q) = qualifier
            && !crate::edm::csdl::attributes::is_simple_identifier(q.as_str())
        {
            self.warn(
                CsdlWarningKind::NonStandardQualifier {
                    qualifier: q.as_str().into(),
                },
                q.span,
            );
        }
        let value = match &a.value {
            Some(v) if self.is_json(d) => {
                let (expected, tag) = self.term_expected(&term, term_id);
                // JSON writes `true` where XML writes a tag annotation without a value.
                let tag_default = tag && matches!(v.kind, RawExprKind::Bool(true));
                (!tag_default).then(|| self.expr(d, v, expected))
            }
            Some(v) => Some(self.expr(d, v, None)),
            None => None,
        };
        let annotations = a
            .annotations
            .iter()
            .map(|n| self.annotation(d, n, None))
            .collect();
        self.leave();
        Annotation {
            term,
            term_id,
            qualifier: qualifier.map(|q| q.as_str().into()),
            value,
            annotations,
            span: a.span.into(),
        }
    }

    /// The full, interned term name and its definition if loaded.
    fn term_name(&mut self, d: usize, term: &Text<'_>) -> (Arc<str>, Option<TermId>) {
        let raw = term.as_str().trim();
        let (ns, local) = self.qualify(d, raw).unwrap_or(("", raw));
        let term_id = match self.m.find_parts(ns, local) {
            Some(SchemaItem::Term(id)) => Some(id),
            _ => None,
        };
        let known =
            term_id.is_some() || (is_standard_namespace(ns) && !self.namespaces.contains(ns));
        if !known {
            self.warn(CsdlWarningKind::UnknownTerm { term: raw.into() }, term.span);
        }
        let full: Cow<'_, str> = if ns.is_empty() {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(format!("{ns}.{local}"))
        };
        if let Some(name) = self.term_names.get(&*full) {
            return (name.clone(), term_id);
        }
        let name: Arc<str> = Arc::from(&*full);
        self.term_names
            .insert(full.into_owned().into_boxed_str(), name.clone());
        (name, term_id)
    }

    /// Replaces an alias prefix in a qualified name; unqualified names are returned as they are.
    fn full(&self, d: usize, name: &str) -> Box<str> {
        match self.qualify(d, name.trim()) {
            Some((ns, local)) => format!("{ns}.{local}").into(),
            None => name.trim().into(),
        }
    }

    /// Rewrites the qualified segments of a path (type casts, `@Alias.Term#q`) to full names.
    fn path(&self, d: usize, path: &str) -> Box<str> {
        if !path.contains('.') {
            return path.into();
        }
        let mut out = String::with_capacity(path.len() + 16);
        for (i, seg) in path.split('/').enumerate() {
            if i > 0 {
                out.push('/');
            }
            if let Some(term) = seg.strip_prefix('@') {
                let (term, qualifier) = match term.split_once('#') {
                    Some((t, q)) => (t, Some(q)),
                    None => (term, None),
                };
                out.push('@');
                out.push_str(&self.full(d, term));
                if let Some(q) = qualifier {
                    out.push('#');
                    out.push_str(q);
                }
            } else if seg.contains('.') && !seg.starts_with('$') {
                out.push_str(&self.full(d, seg));
            } else {
                out.push_str(seg);
            }
        }
        out.into()
    }

    fn expr_type(&mut self, d: usize, ty: &Text<'_>) -> ExprType {
        let resolved = self.type_kind(d, ty, false);
        if resolved.is_none() {
            self.warn(
                CsdlWarningKind::UnresolvedExpressionName {
                    name: ty.as_str().into(),
                },
                ty.span,
            );
        }
        let name = ty.as_str().trim();
        let full: Box<str> = match name
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => format!("Collection({})", self.full(d, inner)).into(),
            None if name.starts_with("Edm.") => name.into(),
            None => self.full(d, name),
        };
        ExprType {
            name: full,
            ty: resolved.map(|(kind, collection)| crate::edm::model::TypeRef {
                kind,
                collection,
                nullable: true,
                facets: crate::edm::model::Facets::default(),
            }),
        }
    }

    pub(super) fn enum_members(
        &mut self,
        d: usize,
        text: &str,
        span: Span,
    ) -> Vec<EnumMemberValue> {
        let mut out = Vec::new();
        for item in text.split_whitespace() {
            let Some((ty, member)) = item.rsplit_once('/') else {
                self.warn(
                    CsdlWarningKind::UnresolvedExpressionName { name: item.into() },
                    span,
                );
                out.push(EnumMemberValue {
                    enum_type: "".into(),
                    member: item.into(),
                    resolved: None,
                });
                continue;
            };
            let enum_type = self.full(d, ty);
            let resolved =
                self.qualify(d, ty)
                    .and_then(|(ns, local)| match self.m.find_parts(ns, local)? {
                        SchemaItem::EnumType(id) => {
                            let i = self
                                .m
                                .enum_type(id)
                                .members
                                .iter()
                                .position(|m| &*m.name == member)?;
                            Some((id, u32::try_from(i).ok()?))
                        }
                        _ => None,
                    });
            let standard = self
                .qualify(d, ty)
                .is_some_and(|(ns, _)| is_standard_namespace(ns) && !self.namespaces.contains(ns));
            if resolved.is_none() && !standard {
                self.warn(
                    CsdlWarningKind::UnresolvedExpressionName { name: item.into() },
                    span,
                );
            }
            out.push(EnumMemberValue {
                enum_type,
                member: member.into(),
                resolved,
            });
        }
        out
    }

    /// Resolves an expression; `expected` is its declared type, used (for JSON documents
    /// only) to type JSON strings and numbers.
    fn expr(&mut self, d: usize, e: &'r RawExpr<'a>, expected: Option<Expected>) -> Expr {
        let kind = match &e.kind {
            RawExprKind::Bool(b) => ExprKind::Bool(*b),
            RawExprKind::Int(i) => ExprKind::Int(*i),
            RawExprKind::Float(f) => ExprKind::Float(*f),
            RawExprKind::Text(kind, text) => {
                let text: Box<str> = text.as_ref().into();
                match kind {
                    TextConst::Binary => ExprKind::Binary(text),
                    TextConst::Date => ExprKind::Date(text),
                    TextConst::DateTimeOffset => ExprKind::DateTimeOffset(text),
                    TextConst::Decimal => ExprKind::Decimal(text),
                    TextConst::Duration => ExprKind::Duration(text),
                    TextConst::Guid => ExprKind::Guid(text),
                    TextConst::String => ExprKind::String(text),
                    TextConst::TimeOfDay => ExprKind::TimeOfDay(text),
                }
            }
            RawExprKind::EnumMember(text) => {
                ExprKind::EnumMember(self.enum_members(d, text, e.span))
            }
            RawExprKind::Path(kind, path) => {
                let path = self.path(d, path);
                match kind {
                    PathKind::AnnotationPath => ExprKind::AnnotationPath(path),
                    PathKind::ModelElementPath => ExprKind::ModelElementPath(path),
                    PathKind::NavigationPropertyPath => ExprKind::NavigationPropertyPath(path),
                    PathKind::PropertyPath => ExprKind::PropertyPath(path),
                    PathKind::Path => ExprKind::Path(path),
                }
            }
            RawExprKind::Null => ExprKind::Null,
            RawExprKind::Collection(items) => {
                ExprKind::Collection(items.iter().map(|i| self.expr(d, i, expected)).collect())
            }
            RawExprKind::Record(record) => {
                let ty = record.ty.as_ref().map(|t| self.expr_type(d, t));
                let record_type = if self.is_json(d) {
                    self.record_expected(ty.as_ref(), expected)
                } else {
                    None
                };
                self.record(d, record, ty, record_type)
            }
            RawExprKind::JsonString(s) => self.json_string(d, s, expected, e.span),
            RawExprKind::JsonNumber(n) => self.json_number(n, expected, e.span),
            RawExprKind::Operation { op, operands } => ExprKind::Operation {
                op: *op,
                operands: operands.iter().map(|o| self.expr(d, o, None)).collect(),
            },
            RawExprKind::If(ops) => {
                let mut ops = ops
                    .iter()
                    .enumerate()
                    .map(|(i, o)| self.expr(d, o, if i == 0 { None } else { expected }));
                match (ops.next(), ops.next(), ops.next()) {
                    (Some(condition), Some(then), otherwise) => ExprKind::If(Box::new(IfExpr {
                        condition,
                        then,
                        otherwise,
                    })),
                    _ => ExprKind::Null,
                }
            }
            RawExprKind::Apply {
                function,
                arguments,
            } => ExprKind::Apply {
                function: self.full(d, function.as_str()),
                arguments: arguments.iter().map(|a| self.expr(d, a, None)).collect(),
            },
            RawExprKind::Cast(cast) | RawExprKind::IsOf(cast) => {
                let (ty, value) = (&cast.0, &cast.1);
                let mut t = match &ty.ty {
                    Some(name) => self.expr_type(d, name),
                    None => ExprType {
                        name: "".into(),
                        ty: None,
                    },
                };
                if let Some(r) = &mut t.ty {
                    r.nullable = ty.nullable.unwrap_or(true);
                    r.facets = ty.facets;
                }
                let cast = Box::new(CastExpr {
                    ty: t,
                    value: self.expr(d, value, None),
                });
                if matches!(e.kind, RawExprKind::Cast(_)) {
                    ExprKind::Cast(cast)
                } else {
                    ExprKind::IsOf(cast)
                }
            }
            RawExprKind::LabeledElement { name, value } => ExprKind::LabeledElement {
                name: name.as_str().into(),
                value: Box::new(self.expr(d, value, expected)),
            },
            RawExprKind::LabeledElementReference(name) => {
                ExprKind::LabeledElementReference(self.full(d, name.as_str()))
            }
            RawExprKind::UrlRef(value) => ExprKind::UrlRef(Box::new(self.expr(d, value, None))),
        };
        Expr {
            kind,
            span: e.span.into(),
        }
    }

    /// A record; `record_type` types the property values of a JSON record.
    fn record(
        &mut self,
        d: usize,
        record: &'r RawRecord<'a>,
        ty: Option<ExprType>,
        record_type: Option<Expected>,
    ) -> ExprKind {
        let properties = record
            .properties
            .iter()
            .map(|p| {
                let expected =
                    record_type.and_then(|t| self.property_expected(t, p.property.as_str()));
                PropertyValue {
                    property: p.property.as_str().into(),
                    value: self.expr(d, &p.value, expected),
                    annotations: p
                        .annotations
                        .iter()
                        .map(|a| self.annotation(d, a, None))
                        .collect(),
                    span: p.span.into(),
                }
            })
            .collect();
        let annotations = record
            .annotations
            .iter()
            .map(|a| self.annotation(d, a, None))
            .collect();
        ExprKind::Record(Box::new(Record {
            ty,
            properties,
            annotations,
        }))
    }
}
