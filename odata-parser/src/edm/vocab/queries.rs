//! The questions the binder and the code generator ask of [`Capabilities`].
//!
//! Property arguments are typed member paths from the addressed resource's type (type casts
//! may appear and are ignored when comparing, as member ids are unique per declaring type).
//! A restriction on a complex property covers the properties below it.

use crate::edm::{PathSegment, PropertyId};

use super::capabilities::{AllowedExpressions, SearchExpressions};
use super::core::Core;
use super::effective::Capabilities;
use super::path::PropertyPath;
use super::record::MaxLevels;

/// A direction of `$orderby`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// `asc` (the default).
    Ascending,
    /// `desc`.
    Descending,
}

fn any_covers(list: &[PropertyPath], path: &[PathSegment]) -> bool {
    list.iter().any(|p| p.covers(path))
}

impl Capabilities<'_> {
    /// Whether `$filter` may be used at all.
    #[must_use]
    pub fn filterable(&self) -> bool {
        self.filter_restrictions.filterable
    }

    /// Whether `path` may be used in `$filter`: filtering is supported and neither the path
    /// nor a complex property it goes through is in `NonFilterableProperties`.
    #[must_use]
    pub fn is_filterable(&self, path: &[PathSegment]) -> bool {
        self.filterable() && !any_covers(&self.filter_restrictions.non_filterable_properties, path)
    }

    /// Whether `$filter` must be given.
    #[must_use]
    pub fn requires_filter(&self) -> bool {
        self.filter_restrictions.requires_filter
    }

    /// The expressions `path` is restricted to in `$filter`, if any restriction names it.
    #[must_use]
    pub fn allowed_filter_expressions(&self, path: &[PathSegment]) -> Option<&AllowedExpressions> {
        self.filter_restrictions
            .filter_expression_restrictions
            .iter()
            .find(|r| r.property.names(path))
            .and_then(|r| r.allowed_expressions.as_ref())
    }

    /// Whether the canonical function or operator `name` (`contains`, `eq`, …) may be used
    /// in `$filter`. Names compare exactly, as OData names are lower-case.
    #[must_use]
    pub fn filter_function_allowed(&self, name: &str) -> bool {
        match &self.filter_functions {
            Some(list) if !list.is_empty() => list.iter().any(|f| &**f == name),
            _ => true,
        }
    }

    /// Whether `$orderby` may be used at all.
    #[must_use]
    pub fn sortable(&self) -> bool {
        self.sort_restrictions.sortable
    }

    /// Whether `path` may be used in `$orderby`.
    #[must_use]
    pub fn is_sortable(&self, path: &[PathSegment]) -> bool {
        self.sortable() && !any_covers(&self.sort_restrictions.non_sortable_properties, path)
    }

    /// Whether `path` may be sorted in `direction`: it is sortable and not restricted to the
    /// other direction.
    #[must_use]
    pub fn sort_direction_allowed(&self, path: &[PathSegment], direction: SortDirection) -> bool {
        let other = match direction {
            SortDirection::Ascending => &self.sort_restrictions.descending_only_properties,
            SortDirection::Descending => &self.sort_restrictions.ascending_only_properties,
        };
        self.is_sortable(path) && !any_covers(other, path)
    }

    /// Whether `$search` may be used.
    #[must_use]
    pub fn searchable(&self) -> bool {
        self.search_restrictions.searchable
    }

    /// Whether `$search` supports every part of syntax in `expressions` (e.g.
    /// `SearchExpressions::PHRASE | SearchExpressions::NOT`).
    #[must_use]
    pub fn search_expressions_supported(&self, expressions: SearchExpressions) -> bool {
        self.searchable() && self.search_restrictions.unsupported_expressions.0 & expressions.0 == 0
    }

    /// Whether `$top` may be used. The vocabulary has no maximum; a service's limit (Outlook's
    /// 50) belongs to its profile.
    #[must_use]
    pub fn top_supported(&self) -> bool {
        self.top_supported
    }

    /// Whether `$skip` may be used.
    #[must_use]
    pub fn skip_supported(&self) -> bool {
        self.skip_supported
    }

    /// Whether `/$count` and `$count=true` may be used on the resource.
    #[must_use]
    pub fn countable(&self) -> bool {
        self.count_restrictions.countable
    }

    /// Whether the collection-valued (navigation) property `path` supports `/$count`.
    #[must_use]
    pub fn is_countable(&self, path: &[PathSegment]) -> bool {
        let c = &self.count_restrictions;
        !any_covers(&c.non_countable_properties, path)
            && !any_covers(&c.non_countable_navigation_properties, path)
    }

    /// Whether `$expand` may be used at all.
    #[must_use]
    pub fn expandable(&self) -> bool {
        self.expand_restrictions.expandable
    }

    /// Whether the navigation property `path` may be expanded.
    #[must_use]
    pub fn is_expandable(&self, path: &[PathSegment]) -> bool {
        self.expandable() && !any_covers(&self.expand_restrictions.non_expandable_properties, path)
    }

    /// The maximum nesting of `$expand`.
    #[must_use]
    pub fn max_expand_levels(&self) -> MaxLevels {
        self.expand_restrictions.max_levels
    }

    /// Whether `$select` may be used.
    #[must_use]
    pub fn select_supported(&self) -> bool {
        self.select_support.supported
    }

    /// Whether change tracking (delta) is announced and supported.
    #[must_use]
    pub fn change_tracking_supported(&self) -> bool {
        self.change_tracking.as_ref().is_some_and(|c| c.supported)
    }

    /// The Core annotations (permissions, computed, …) of a structural property.
    #[must_use]
    pub fn core(&self, property: PropertyId) -> Core {
        Core::of_property(self.model, property)
    }

    /// Whether a client can never write the property: `Core.Computed`, or `Core.Permissions`
    /// without `Write`, on the property or on a complex property leading to it.
    #[must_use]
    pub fn is_read_only(&self, path: &[PathSegment]) -> bool {
        self.properties(path).any(|p| self.core(p).is_read_only())
    }

    /// Whether `path` may be given when inserting into the collection: inserting is allowed,
    /// the property is not read-only, and it is not in `NonInsertableProperties` (for a
    /// navigation property: not in `NonInsertableNavigationProperties`, i.e. deep insert).
    #[must_use]
    pub fn is_insertable(&self, path: &[PathSegment]) -> bool {
        let r = &self.insert_restrictions;
        let listed = match path.last() {
            Some(PathSegment::NavigationProperty(_)) => {
                any_covers(&r.non_insertable_navigation_properties, path)
            }
            _ => any_covers(&r.non_insertable_properties, path),
        };
        r.insertable && !listed && !self.is_read_only(path)
    }

    /// Whether `path` may be changed by an update: updating is allowed, the property is not
    /// read-only, `Core.Immutable` or part of the key, and it is not in
    /// `NonUpdatableProperties` (for a navigation property: not in
    /// `NonUpdatableNavigationProperties`, i.e. it may be rebound).
    #[must_use]
    pub fn is_updatable(&self, path: &[PathSegment]) -> bool {
        let r = &self.update_restrictions;
        let listed = match path.last() {
            Some(PathSegment::NavigationProperty(_)) => {
                any_covers(&r.non_updatable_navigation_properties, path)
            }
            _ => any_covers(&r.non_updatable_properties, path),
        };
        let immutable = self.properties(path).any(|p| self.core(p).immutable);
        r.updatable && !listed && !immutable && !self.is_read_only(path) && !self.is_key(path)
    }

    /// Whether `path` is a key property of the addressed entity type.
    fn is_key(&self, path: &[PathSegment]) -> bool {
        let Some(ty) = self.entity_type() else {
            return false;
        };
        let [PathSegment::Property(p)] = path
            .iter()
            .filter(|s| !matches!(s, PathSegment::TypeCast(_)))
            .copied()
            .collect::<Vec<_>>()[..]
        else {
            return false;
        };
        self.model.key(ty).iter().any(|k| k.property == p)
    }

    fn properties<'p>(&self, path: &'p [PathSegment]) -> impl Iterator<Item = PropertyId> + 'p {
        path.iter().filter_map(|s| match s {
            PathSegment::Property(p) => Some(*p),
            _ => None,
        })
    }
}
