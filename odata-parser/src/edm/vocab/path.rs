//! Typed paths: the navigation path a request addresses ([`NavigationPath`]) and the
//! property paths capability annotations list ([`PropertyPath`]).

use std::fmt;

use crate::edm::{
    ContainerChild, EntityTypeId, MemberId, Model, NavigationPropertyId, NavigationSourceId,
    PathSegment, PropertyId, StructuredTypeId,
};
use crate::span::Span;

impl From<PropertyId> for PathSegment {
    fn from(id: PropertyId) -> Self {
        PathSegment::Property(id)
    }
}

impl From<NavigationPropertyId> for PathSegment {
    fn from(id: NavigationPropertyId) -> Self {
        PathSegment::NavigationProperty(id)
    }
}

impl From<MemberId> for PathSegment {
    fn from(id: MemberId) -> Self {
        match id {
            MemberId::Property(p) => PathSegment::Property(p),
            MemberId::NavigationProperty(n) => PathSegment::NavigationProperty(n),
        }
    }
}

/// The member a segment names, if it is not a type cast.
fn member(segment: &PathSegment) -> Option<MemberId> {
    match segment {
        PathSegment::Property(p) => Some(MemberId::Property(*p)),
        PathSegment::NavigationProperty(n) => Some(MemberId::NavigationProperty(*n)),
        PathSegment::TypeCast(_) => None,
    }
}

/// Whether two typed paths name the same members in the same order. Type-cast segments are
/// ignored: member ids are unique per declaring type, so `ns.EventMessage/Event` and `Event`
/// reached through a cast name the same property.
#[must_use]
pub fn same_members(a: &[PathSegment], b: &[PathSegment]) -> bool {
    a.iter().filter_map(member).eq(b.iter().filter_map(member))
}

/// Whether `prefix`'s members are a prefix of `path`'s members (type casts ignored).
#[must_use]
pub fn members_start_with(path: &[PathSegment], prefix: &[PathSegment]) -> bool {
    let mut path = path.iter().filter_map(member);
    prefix
        .iter()
        .filter_map(member)
        .all(|m| path.next() == Some(m))
}

/// Resolves a path as written in an annotation (`Body/Content`,
/// `Microsoft.OutlookServices.EventMessage/Event`) from `start`: member names, and type casts
/// to `start`'s type or a derived type (qualified or alias-qualified). `None` when a segment
/// does not resolve, including term-cast (`@…`) and `$count` segments.
#[must_use]
pub fn resolve_member_path(
    model: &Model,
    start: StructuredTypeId,
    text: &str,
) -> Option<Vec<PathSegment>> {
    let mut current = Some(start);
    let mut out = Vec::new();
    for segment in text.trim().split('/') {
        let ty = current?;
        if segment.contains('.') {
            let cast = model.structured_type_by_name(segment)?;
            if !model.is_same_or_derived(cast, ty) {
                return None;
            }
            out.push(PathSegment::TypeCast(cast));
            current = Some(cast);
            continue;
        }
        match model.member(ty, segment)? {
            MemberId::Property(p) => {
                out.push(PathSegment::Property(p));
                current = model.property(p).ty.structured();
            }
            MemberId::NavigationProperty(n) => {
                out.push(PathSegment::NavigationProperty(n));
                current = model.navigation_property(n).target.map(Into::into);
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A `PropertyPath` or `NavigationPropertyPath` value of a capability annotation: the text as
/// written and, when it resolves against the type of the resource the restriction applies to,
/// its typed segments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertyPath {
    /// The path as written, e.g. `Microsoft.OutlookServices.EventMessage/Event`.
    pub text: Box<str>,
    /// The resolved segments; empty when the path does not resolve.
    pub segments: Vec<PathSegment>,
    /// The path expression in the CSDL document.
    pub span: Span,
}

impl PropertyPath {
    /// Resolves `text` from `start` (see [`resolve_member_path`]); an unresolved path keeps
    /// its text with no segments.
    #[must_use]
    pub fn resolve(model: &Model, start: Option<StructuredTypeId>, text: &str, span: Span) -> Self {
        let segments = start
            .and_then(|ty| resolve_member_path(model, ty, text))
            .unwrap_or_default();
        PropertyPath {
            text: text.into(),
            segments,
            span,
        }
    }

    /// Whether the path resolved.
    #[must_use]
    pub fn is_resolved(&self) -> bool {
        !self.segments.is_empty()
    }

    /// The structural property the path ends at, if it does.
    #[must_use]
    pub fn property(&self) -> Option<PropertyId> {
        match self.segments.last()? {
            PathSegment::Property(p) => Some(*p),
            _ => None,
        }
    }

    /// The navigation property the path ends at, if it does.
    #[must_use]
    pub fn navigation_property(&self) -> Option<NavigationPropertyId> {
        match self.segments.last()? {
            PathSegment::NavigationProperty(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether this path names `path` (type casts ignored).
    #[must_use]
    pub fn names(&self, path: &[PathSegment]) -> bool {
        self.is_resolved() && same_members(&self.segments, path)
    }

    /// Whether this path names `path` or a complex property `path` goes through
    /// (`Body` covers `Body/Content`).
    #[must_use]
    pub fn covers(&self, path: &[PathSegment]) -> bool {
        self.is_resolved() && members_start_with(path, &self.segments)
    }
}

impl fmt::Display for PropertyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What a request addresses: an entity set or singleton followed by navigation properties
/// (and the complex properties and type casts leading to them), e.g. `Me/MailFolders/Messages`.
/// Keys between the segments are not part of the path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NavigationPath {
    /// The entity set or singleton the path starts at.
    pub source: NavigationSourceId,
    /// The segments after the source.
    pub segments: Vec<PathSegment>,
}

/// Why a navigation path text did not resolve: the segment (0 = the source) that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("segment {segment} of navigation path `{text}` does not resolve")]
pub struct NavigationPathError {
    /// The path as given.
    pub text: Box<str>,
    /// The index of the first segment that did not resolve (0 for the source).
    pub segment: usize,
}

impl NavigationPath {
    /// The path of an entity set or singleton itself.
    #[must_use]
    pub fn new(source: impl Into<NavigationSourceId>) -> Self {
        NavigationPath {
            source: source.into(),
            segments: Vec::new(),
        }
    }

    /// This path followed by `segment`.
    #[must_use]
    pub fn then(mut self, segment: impl Into<PathSegment>) -> Self {
        self.segments.push(segment.into());
        self
    }

    /// Parses `Me/MailFolders/Messages` against the model's main container: a source name, then
    /// navigation or complex property names and qualified type casts. Names match exactly, or
    /// else ignoring case when that is unambiguous (as Outlook treats resource names).
    ///
    /// # Errors
    ///
    /// The index of the first segment that does not resolve.
    pub fn parse(model: &Model, text: &str) -> Result<Self, NavigationPathError> {
        let fail = |segment| NavigationPathError {
            text: text.into(),
            segment,
        };
        let mut parts = text.trim().trim_matches('/').split('/');
        let source = match parts.next().and_then(|s| model.container_child_ci(s)) {
            Some(ContainerChild::EntitySet(id)) => NavigationSourceId::EntitySet(id),
            Some(ContainerChild::Singleton(id)) => NavigationSourceId::Singleton(id),
            _ => return Err(fail(0)),
        };
        let mut path = NavigationPath::new(source);
        let mut ty: Option<StructuredTypeId> = Some(model.navigation_source_type(source).into());
        for (i, part) in parts.enumerate() {
            let current = ty.ok_or_else(|| fail(i + 1))?;
            if part.contains('.') {
                let cast = model
                    .structured_type_by_name(part)
                    .filter(|c| model.is_same_or_derived(*c, current))
                    .ok_or_else(|| fail(i + 1))?;
                path.segments.push(PathSegment::TypeCast(cast));
                ty = Some(cast);
                continue;
            }
            match model.member_ci(current, part).ok_or_else(|| fail(i + 1))? {
                MemberId::Property(p) => {
                    ty = model.property(p).ty.structured();
                    path.segments.push(PathSegment::Property(p));
                }
                MemberId::NavigationProperty(n) => {
                    ty = model.navigation_property(n).target.map(Into::into);
                    path.segments.push(PathSegment::NavigationProperty(n));
                }
            }
        }
        Ok(path)
    }

    /// The path of its first `len` segments.
    #[must_use]
    pub fn prefix(&self, len: usize) -> NavigationPath {
        NavigationPath {
            source: self.source,
            segments: self.segments[..len.min(self.segments.len())].to_vec(),
        }
    }

    /// The entity type of the resources the path addresses (after type casts), or `None`
    /// when it ends at a complex property.
    #[must_use]
    pub fn entity_type(&self, model: &Model) -> Option<EntityTypeId> {
        let mut ty = StructuredTypeId::Entity(model.navigation_source_type(self.source));
        for s in &self.segments {
            ty = match s {
                PathSegment::Property(p) => model.property(*p).ty.structured()?,
                PathSegment::NavigationProperty(n) => model.navigation_property(*n).target?.into(),
                PathSegment::TypeCast(t) => *t,
            };
        }
        match ty {
            StructuredTypeId::Entity(id) => Some(id),
            StructuredTypeId::Complex(_) => None,
        }
    }

    /// Whether the path addresses a collection: an entity set, or a path whose last
    /// navigation property is collection-valued.
    #[must_use]
    pub fn is_collection(&self, model: &Model) -> bool {
        let last_nav = self.segments.iter().rev().find_map(|s| match s {
            PathSegment::NavigationProperty(n) => Some(*n),
            _ => None,
        });
        match last_nav {
            Some(n) => model.navigation_property(n).collection,
            None => matches!(self.source, NavigationSourceId::EntitySet(_)),
        }
    }

    /// The path as text with simple names, e.g. `Me/MailFolders/Messages`.
    #[must_use]
    pub fn text(&self, model: &Model) -> String {
        let mut out = match self.source {
            NavigationSourceId::EntitySet(id) => model.entity_set(id).name.to_string(),
            NavigationSourceId::Singleton(id) => model.singleton(id).name.to_string(),
        };
        for s in &self.segments {
            out.push('/');
            match s {
                PathSegment::Property(p) => out.push_str(&model.property(*p).name),
                PathSegment::NavigationProperty(n) => {
                    out.push_str(&model.navigation_property(*n).name)
                }
                PathSegment::TypeCast(t) => out.push_str(model.structured_type_name(*t).as_str()),
            }
        }
        out
    }
}
