//! The annotation query API and annotation target paths.
//!
//! Annotations are stored sorted by (target, term, qualifier), with an index
//! from each [`Target`] to its run, so `annotations_for` and `annotation` are
//! a hash lookup plus a scan over that target's few annotations.

use super::Model;
use super::annotation::{Annotation, PathSegment, Target, TargetPath};
use super::ids::*;
use super::model::{AbstractType, PrimitiveType, TypeKind};

/// A resolved target text: one target, one per overload, or a new path.
pub(crate) enum ResolvedTarget {
    One(Target),
    Many(Vec<Target>),
    Path(Target, Vec<PathSegment>),
}

/// Why a target text did not resolve.
pub(crate) struct TargetError;

impl Model {
    /// Every annotation applied to `target` (inline or external), sorted by term and qualifier.
    pub fn annotations_for(&self, target: Target) -> impl Iterator<Item = &Annotation> + '_ {
        let (start, end) = self
            .annotation_ranges
            .get(&target)
            .copied()
            .unwrap_or((0, 0));
        self.annotations[start as usize..end as usize]
            .iter()
            .map(|(_, a)| a)
    }

    /// The annotation of `term` with `qualifier` on `target`. `term` may be a full name
    /// (`Org.OData.Capabilities.V1.FilterRestrictions`) or alias-qualified
    /// (`Capabilities.FilterRestrictions`, with the document's aliases or the
    /// standard vocabularies' conventional ones).
    #[must_use]
    pub fn annotation(
        &self,
        target: Target,
        term: &str,
        qualifier: Option<&str>,
    ) -> Option<&Annotation> {
        let term = self.full_name(term);
        self.annotations_for(target)
            .find(|a| *a.term == *term && a.qualifier.as_deref() == qualifier)
    }

    /// Every annotation of `term` (full or alias-qualified), with its target, in target order.
    pub fn annotations_with_term<'m>(
        &'m self,
        term: &str,
    ) -> impl Iterator<Item = (Target, &'m Annotation)> + 'm {
        let term: Box<str> = self.full_name(term).into();
        self.annotations
            .iter()
            .filter(move |(_, a)| *a.term == *term)
            .map(|(t, a)| (*t, a))
    }

    /// Every applied annotation with its id and target, sorted by target, term and qualifier.
    pub fn all_annotations(
        &self,
    ) -> impl ExactSizeIterator<Item = (AnnotationId, Target, &Annotation)> + '_ {
        self.annotations
            .iter()
            .enumerate()
            .map(|(i, (t, a))| (AnnotationId::from_index(i), *t, a))
    }

    /// The annotation with id `id`.
    #[must_use]
    pub fn annotation_by_id(&self, id: AnnotationId) -> (Target, &Annotation) {
        {
            let (t, a) = &self.annotations[id.index()];
            (*t, a)
        }
    }

    /// The target path with id `id`.
    #[must_use]
    pub fn target_path(&self, id: TargetPathId) -> &TargetPath {
        &self.target_paths[id.index()]
    }

    /// Every annotated target path.
    pub fn target_paths(&self) -> impl ExactSizeIterator<Item = (TargetPathId, &TargetPath)> + '_ {
        self.target_paths
            .iter()
            .enumerate()
            .map(|(i, p)| (TargetPathId::from_index(i), p))
    }

    /// The target a target text denotes, as written in `<Annotations Target="…">`
    /// (aliases allowed), e.g. `graph.GraphService/users/messages`. A path of
    /// more than one segment is found only if some annotation targets it.
    #[must_use]
    pub fn find_target(&self, text: &str) -> Option<Target> {
        let alias = |prefix: &str| self.namespace_of_alias(prefix);
        match self.resolve_target_text(text, &alias).ok()? {
            ResolvedTarget::One(t) => Some(t),
            ResolvedTarget::Many(ts) => ts.first().copied(),
            ResolvedTarget::Path(root, segments) => {
                self.path_target(root, &segments).map(Target::Path)
            }
        }
    }

    /// The annotated path below `root` (an entity set, singleton or type) through `segments`,
    /// e.g. `users` then the `messages` navigation property, if some annotation targets it.
    #[must_use]
    pub fn path_target(&self, root: Target, segments: &[PathSegment]) -> Option<TargetPathId> {
        let text = self.path_text(root, segments);
        let hash = self.hashing.text(&text);
        self.target_path_index
            .find(hash, |id| *self.target_path(*id).text == *text)
            .copied()
    }

    /// A readable name of a target with full names, e.g. `microsoft.graph.user/displayName`.
    #[must_use]
    pub fn target_name(&self, target: Target) -> String {
        match target {
            Target::Schema(id) => self.schema(id).namespace.to_string(),
            Target::EntityType(id) => self.entity_type(id).name.to_string(),
            Target::ComplexType(id) => self.complex_type(id).name.to_string(),
            Target::EnumType(id) => self.enum_type(id).name.to_string(),
            Target::EnumMember(id, i) => {
                let e = self.enum_type(id);
                let member = e.members.get(i as usize).map_or("?", |m| &*m.name);
                format!("{}/{member}", e.name)
            }
            Target::TypeDefinition(id) => self.type_definition(id).name.to_string(),
            Target::Property(id) => {
                let p = self.property(id);
                format!("{}/{}", self.structured_type_name(p.declaring_type), p.name)
            }
            Target::NavigationProperty(id) => {
                let p = self.navigation_property(id);
                format!("{}/{}", self.structured_type_name(p.declaring_type), p.name)
            }
            Target::Operations(id) => self.operation_group(id).name.to_string(),
            Target::Operation(id) => self.operation_signature(id),
            Target::Parameter(id, i) => {
                let op = self.operation(id);
                let name = op.parameters.get(i as usize).map_or("?", |p| &*p.name);
                format!("{}/{name}", self.operation_signature(id))
            }
            Target::ReturnType(id) => format!("{}/$ReturnType", self.operation_signature(id)),
            Target::EntityContainer(id) => self.entity_container(id).name.to_string(),
            Target::EntitySet(id) => {
                let s = self.entity_set(id);
                format!("{}/{}", self.entity_container(s.container).name, s.name)
            }
            Target::Singleton(id) => {
                let s = self.singleton(id);
                format!("{}/{}", self.entity_container(s.container).name, s.name)
            }
            Target::OperationImport(id) => {
                let s = self.operation_import(id);
                format!("{}/{}", self.entity_container(s.container).name, s.name)
            }
            Target::Term(id) => self.term(id).name.to_string(),
            Target::Path(id) => self.target_path(id).text.to_string(),
        }
    }

    /// `Ns.Fn(Ns.BindingType, Edm.String)`: the overload-specific name of an operation.
    #[must_use]
    pub fn operation_signature(&self, id: OperationId) -> String {
        let op = self.operation(id);
        let params: Vec<String> = match op.kind {
            super::model::OperationKind::Action => op
                .binding_type()
                .map(|t| self.type_ref_name(t))
                .into_iter()
                .collect(),
            super::model::OperationKind::Function => op
                .parameters
                .iter()
                .map(|p| self.type_ref_name(&p.ty))
                .collect(),
        };
        format!("{}({})", op.name, params.join(","))
    }

    /// A type reference as CSDL writes it, with full names: `Collection(microsoft.graph.user)`.
    #[must_use]
    pub fn type_ref_name(&self, ty: &super::model::TypeRef) -> String {
        let inner = self.type_kind_name(&ty.kind);
        if ty.collection {
            format!("Collection({inner})")
        } else {
            inner
        }
    }

    /// The full name of a type kind, e.g. `Edm.String` or `microsoft.graph.user`.
    #[must_use]
    pub fn type_kind_name(&self, kind: &TypeKind) -> String {
        match kind {
            TypeKind::Primitive(p) => p.to_string(),
            TypeKind::Abstract(a) => a.to_string(),
            TypeKind::Enum(id) => self.enum_type(*id).name.to_string(),
            TypeKind::TypeDefinition(id) => self.type_definition(*id).name.to_string(),
            TypeKind::Complex(id) => self.complex_type(*id).name.to_string(),
            TypeKind::Entity(id) => self.entity_type(*id).name.to_string(),
            TypeKind::Vocabulary(name) => name.to_string(),
        }
    }

    pub(crate) fn path_text(&self, root: Target, segments: &[PathSegment]) -> String {
        let mut text = self.target_name(root);
        for s in segments {
            text.push('/');
            match s {
                PathSegment::Property(id) => text.push_str(&self.property(*id).name),
                PathSegment::NavigationProperty(id) => {
                    text.push_str(&self.navigation_property(*id).name)
                }
                PathSegment::TypeCast(t) => text.push_str(self.structured_type_name(*t).as_str()),
            }
        }
        text
    }

    /// The schema item named (`namespace`, `name`), exactly; a type, term or container
    /// before an operation group of the same name.
    pub(crate) fn find_parts(&self, namespace: &str, name: &str) -> Option<SchemaItem> {
        self.find_parts_where(namespace, name, |_| true)
    }

    /// The operation group named (`namespace`, `name`).
    pub(crate) fn find_operations(&self, namespace: &str, name: &str) -> Option<OperationGroupId> {
        match self.find_parts_where(namespace, name, |i| matches!(i, SchemaItem::Operations(_)))? {
            SchemaItem::Operations(g) => Some(g),
            _ => None,
        }
    }

    fn find_parts_where(
        &self,
        namespace: &str,
        name: &str,
        want: impl Fn(&SchemaItem) -> bool,
    ) -> Option<SchemaItem> {
        let case = super::index::Case::Exact;
        let hash = self.hashing.qualified(namespace, name, case);
        self.exact
            .items
            .iter_hash(hash)
            .filter(|item| {
                let q = self.item_name(**item);
                want(item) && q.namespace() == namespace && q.name() == name
            })
            .min()
            .copied()
    }

    /// Resolves a target text; `alias` maps a namespace prefix that is an alias to its namespace.
    pub(crate) fn resolve_target_text<'x>(
        &self,
        text: &str,
        alias: &dyn Fn(&str) -> Option<&'x str>,
    ) -> Result<ResolvedTarget, TargetError> {
        let text = text.trim();
        let (head, rest) = split_head(text);
        let segments: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('/').collect()
        };
        let (name, signature) = match head.split_once('(') {
            Some((n, sig)) => (n.trim(), Some(sig.strip_suffix(')').ok_or(TargetError)?)),
            None => (head, None),
        };
        let item = if signature.is_some() {
            let (prefix, local) = name.rsplit_once('.').ok_or(TargetError)?;
            let ns = alias(prefix).unwrap_or(prefix);
            SchemaItem::Operations(self.find_operations(ns, local).ok_or(TargetError)?)
        } else {
            self.find_qualified(name, alias).ok_or(TargetError)?
        };
        match item {
            SchemaItem::Operations(group) => {
                let overloads: Vec<OperationId> = match signature {
                    Some(sig) => vec![
                        self.overload_by_signature(group, sig, alias)
                            .ok_or(TargetError)?,
                    ],
                    None => self.operation_group(group).overloads.clone(),
                };
                match segments.as_slice() {
                    [] if signature.is_none() => Ok(ResolvedTarget::One(Target::Operations(group))),
                    [] => Ok(ResolvedTarget::One(Target::Operation(overloads[0]))),
                    ["$ReturnType"] => {
                        let ts: Vec<Target> = overloads
                            .iter()
                            .filter(|o| self.operation(**o).return_type.is_some())
                            .map(|o| Target::ReturnType(*o))
                            .collect();
                        if ts.is_empty() {
                            Err(TargetError)
                        } else {
                            Ok(ResolvedTarget::Many(ts))
                        }
                    }
                    [param] => {
                        let ts: Vec<Target> = overloads
                            .iter()
                            .filter_map(|o| {
                                let (i, _) = self.operation(*o).parameter(param)?;
                                Some(Target::Parameter(*o, u32::try_from(i).ok()?))
                            })
                            .collect();
                        if ts.is_empty() {
                            Err(TargetError)
                        } else {
                            Ok(ResolvedTarget::Many(ts))
                        }
                    }
                    _ => Err(TargetError),
                }
            }
            _ if signature.is_some() => Err(TargetError),
            SchemaItem::EntityContainer(c) => {
                let Some((first, more)) = segments.split_first() else {
                    return Ok(ResolvedTarget::One(Target::EntityContainer(c)));
                };
                let child = self.container_child_in(c, first).ok_or(TargetError)?;
                let (root, ty) = match child {
                    ContainerChild::EntitySet(id) => {
                        (Target::EntitySet(id), self.entity_set(id).entity_type)
                    }
                    ContainerChild::Singleton(id) => {
                        (Target::Singleton(id), self.singleton(id).entity_type)
                    }
                    ContainerChild::OperationImport(id) if more.is_empty() => {
                        return Ok(ResolvedTarget::One(Target::OperationImport(id)));
                    }
                    ContainerChild::OperationImport(_) => return Err(TargetError),
                };
                if more.is_empty() {
                    return Ok(ResolvedTarget::One(root));
                }
                let path = self.walk_path(ty.into(), more, alias)?;
                Ok(ResolvedTarget::Path(root, path))
            }
            SchemaItem::EntityType(_) | SchemaItem::ComplexType(_) => {
                let ty = match item {
                    SchemaItem::EntityType(id) => StructuredTypeId::Entity(id),
                    SchemaItem::ComplexType(id) => StructuredTypeId::Complex(id),
                    _ => return Err(TargetError),
                };
                let root = match ty {
                    StructuredTypeId::Entity(id) => Target::EntityType(id),
                    StructuredTypeId::Complex(id) => Target::ComplexType(id),
                };
                let path = self.walk_path(ty, &segments, alias)?;
                match path.as_slice() {
                    [] => Ok(ResolvedTarget::One(root)),
                    [PathSegment::Property(p)] => Ok(ResolvedTarget::One(Target::Property(*p))),
                    [PathSegment::NavigationProperty(n)] => {
                        Ok(ResolvedTarget::One(Target::NavigationProperty(*n)))
                    }
                    _ => Ok(ResolvedTarget::Path(root, path)),
                }
            }
            SchemaItem::EnumType(e) => match segments.as_slice() {
                [] => Ok(ResolvedTarget::One(Target::EnumType(e))),
                [member] => {
                    let i = self
                        .enum_type(e)
                        .members
                        .iter()
                        .position(|m| &*m.name == *member)
                        .ok_or(TargetError)?;
                    Ok(ResolvedTarget::One(Target::EnumMember(
                        e,
                        u32::try_from(i).map_err(|_| TargetError)?,
                    )))
                }
                _ => Err(TargetError),
            },
            SchemaItem::TypeDefinition(t) if segments.is_empty() => {
                Ok(ResolvedTarget::One(Target::TypeDefinition(t)))
            }
            SchemaItem::Term(t) if segments.is_empty() => Ok(ResolvedTarget::One(Target::Term(t))),
            _ => Err(TargetError),
        }
    }

    fn find_qualified<'x>(
        &self,
        name: &str,
        alias: &dyn Fn(&str) -> Option<&'x str>,
    ) -> Option<SchemaItem> {
        let (prefix, local) = name.rsplit_once('.')?;
        match alias(prefix) {
            Some(ns) => self.find_parts(ns, local),
            None => self.find_parts(prefix, local),
        }
    }

    fn container_child_in(&self, c: EntityContainerId, name: &str) -> Option<ContainerChild> {
        let case = super::index::Case::Exact;
        let hash = self.hashing.child(c, name, case);
        self.exact
            .container_children
            .find(hash, |(cid, child)| {
                *cid == c && self.container_child_name(*child) == name
            })
            .map(|(_, child)| *child)
    }

    fn walk_path<'x>(
        &self,
        start: StructuredTypeId,
        segments: &[&str],
        alias: &dyn Fn(&str) -> Option<&'x str>,
    ) -> Result<Vec<PathSegment>, TargetError> {
        let mut current = Some(start);
        let mut out = Vec::with_capacity(segments.len());
        for seg in segments {
            let ty = current
                .filter(|t| self.has_structured_type(*t))
                .ok_or(TargetError)?;
            if seg.contains('.') {
                let cast = match self.find_qualified(seg, alias) {
                    Some(SchemaItem::EntityType(id)) => StructuredTypeId::Entity(id),
                    Some(SchemaItem::ComplexType(id)) => StructuredTypeId::Complex(id),
                    _ => return Err(TargetError),
                };
                if !self.is_same_or_derived(cast, ty) {
                    return Err(TargetError);
                }
                out.push(PathSegment::TypeCast(cast));
                current = Some(cast);
                continue;
            }
            match self.member(ty, seg).ok_or(TargetError)? {
                MemberId::Property(p) => {
                    out.push(PathSegment::Property(p));
                    current = self.property(p).ty.structured();
                }
                MemberId::NavigationProperty(n) => {
                    out.push(PathSegment::NavigationProperty(n));
                    current = self.navigation_property(n).target.map(Into::into);
                }
            }
        }
        Ok(out)
    }

    fn overload_by_signature<'x>(
        &self,
        group: OperationGroupId,
        signature: &str,
        alias: &dyn Fn(&str) -> Option<&'x str>,
    ) -> Option<OperationId> {
        let wanted: Vec<(TypeKind, bool)> = if signature.trim().is_empty() {
            Vec::new()
        } else {
            signature
                .split(',')
                .map(|t| self.signature_type(t.trim(), alias))
                .collect::<Option<_>>()?
        };
        self.operation_group(group)
            .overloads
            .iter()
            .copied()
            .find(|o| {
                let op = self.operation(*o);
                let params = &op.parameters;
                let complete =
                    wanted.len() == params.len() || op.kind == super::model::OperationKind::Action;
                complete
                    && wanted.len() <= params.len()
                    && wanted
                        .iter()
                        .zip(params)
                        .all(|((kind, coll), p)| p.ty.kind == *kind && p.ty.collection == *coll)
            })
    }

    fn signature_type<'x>(
        &self,
        name: &str,
        alias: &dyn Fn(&str) -> Option<&'x str>,
    ) -> Option<(TypeKind, bool)> {
        let (inner, collection) = match name
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (inner.trim(), true),
            None => (name, false),
        };
        if let Some(edm) = inner.strip_prefix("Edm.") {
            let kind = match PrimitiveType::from_name(edm) {
                Some(p) => TypeKind::Primitive(p),
                None => TypeKind::Abstract(AbstractType::from_name(edm)?),
            };
            return Some((kind, collection));
        }
        let kind = match self.find_qualified(inner, alias)? {
            SchemaItem::EntityType(id) => TypeKind::Entity(id),
            SchemaItem::ComplexType(id) => TypeKind::Complex(id),
            SchemaItem::EnumType(id) => TypeKind::Enum(id),
            SchemaItem::TypeDefinition(id) => TypeKind::TypeDefinition(id),
            _ => return None,
        };
        Some((kind, collection))
    }
}

/// Splits a target into its first segment (which may contain a parenthesized signature) and the rest.
fn split_head(text: &str) -> (&str, &str) {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'/' if depth == 0 => return (&text[..i], &text[i + 1..]),
            _ => {}
        }
    }
    (text, "")
}
