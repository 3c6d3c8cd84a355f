//! Typed terms and types of the `Org.OData.Capabilities.V1` vocabulary, named as the
//! vocabulary names them, with its default values.
//!
//! Only the parts validation and code generation use are typed: authorization scopes
//! (`Permissions`), `ErrorResponses`, `QueryOptions`, `ExampleValues` and the operation,
//! batch and callback terms are not (their record properties are accepted and skipped).

use std::fmt;

use crate::edm::Expr;

use super::path::PropertyPath;
use super::record::{
    Cx, FromExpr, MaxLevels, Patch, Render, enum_members, flags, record, replace_patch,
};

/// The vocabulary namespace.
pub const NAMESPACE: &str = "Org.OData.Capabilities.V1";

record! {
    /// `FilterRestrictionsType`: restrictions on `$filter`.
    pub struct FilterRestrictions as "Capabilities.FilterRestrictionsType" {
        /// `Filterable`: `$filter` is supported (default `true`).
        filterable: bool = true, "Filterable";
        /// `RequiresFilter`: `$filter` is required (default `false`).
        requires_filter: bool = false, "RequiresFilter";
        /// `RequiredProperties`: these properties must be used in `$filter`.
        required_properties: Vec<PropertyPath> = Vec::new(), "RequiredProperties";
        /// `NonFilterableProperties`: these properties cannot be used in `$filter`.
        non_filterable_properties: Vec<PropertyPath> = Vec::new(), "NonFilterableProperties";
        /// `FilterExpressionRestrictions`: properties that allow only some expressions.
        filter_expression_restrictions: Vec<FilterExpressionRestriction> = Vec::new(), "FilterExpressionRestrictions";
        /// `MaxLevels`: the longest path (in navigation segments) allowed in `$filter`.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
    }
}

record! {
    /// `FilterExpressionRestrictionType`: the expressions a property may be used in.
    pub struct FilterExpressionRestriction as "Capabilities.FilterExpressionRestrictionType" {
        /// `Property`.
        property: PropertyPath = PropertyPath::default(), "Property";
        /// `AllowedExpressions`.
        allowed_expressions: Option<AllowedExpressions> = None, "AllowedExpressions";
    }
}

/// `FilterExpressionType`: the kinds of `$filter` expressions a property allows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AllowedExpressions {
    /// `SingleValue`: a single `eq` clause.
    SingleValue,
    /// `MultiValue`: `eq` and `in` clauses combined by `or`.
    MultiValue,
    /// `SingleRange`: a single (half-)open or closed interval.
    SingleRange,
    /// `MultiRange`: a union of intervals, or `ne` clauses combined by `and`.
    MultiRange,
    /// `SearchExpression`: `startswith`, `endswith` and `contains` clauses combined by `or`.
    SearchExpression,
    /// `MultiRangeOrSearchExpression`: `MultiRange` or `SearchExpression`.
    MultiRangeOrSearchExpression,
    /// A value the vocabulary does not define, as written (Graph writes operator lists such
    /// as `ge le` or `any`).
    Other(Box<str>),
}

impl AllowedExpressions {
    /// The value as written in CSDL.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            AllowedExpressions::SingleValue => "SingleValue",
            AllowedExpressions::MultiValue => "MultiValue",
            AllowedExpressions::SingleRange => "SingleRange",
            AllowedExpressions::MultiRange => "MultiRange",
            AllowedExpressions::SearchExpression => "SearchExpression",
            AllowedExpressions::MultiRangeOrSearchExpression => "MultiRangeOrSearchExpression",
            AllowedExpressions::Other(s) => s,
        }
    }
}

impl Default for AllowedExpressions {
    /// The least restrictive value.
    fn default() -> Self {
        AllowedExpressions::MultiRangeOrSearchExpression
    }
}

impl FromExpr for AllowedExpressions {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        let text = <Box<str>>::from_expr(expr, cx)?;
        Some(match &*text {
            "SingleValue" => AllowedExpressions::SingleValue,
            "MultiValue" => AllowedExpressions::MultiValue,
            "SingleRange" => AllowedExpressions::SingleRange,
            "MultiRange" => AllowedExpressions::MultiRange,
            "SearchExpression" => AllowedExpressions::SearchExpression,
            "MultiRangeOrSearchExpression" => AllowedExpressions::MultiRangeOrSearchExpression,
            _ => AllowedExpressions::Other(text),
        })
    }
}

replace_patch!(AllowedExpressions);

impl Render for AllowedExpressions {
    fn render(&self) -> String {
        self.as_str().to_owned()
    }
}

impl fmt::Display for AllowedExpressions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

record! {
    /// `SortRestrictionsType`: restrictions on `$orderby`.
    pub struct SortRestrictions as "Capabilities.SortRestrictionsType" {
        /// `Sortable`: `$orderby` is supported (default `true`).
        sortable: bool = true, "Sortable";
        /// `AscendingOnlyProperties`.
        ascending_only_properties: Vec<PropertyPath> = Vec::new(), "AscendingOnlyProperties";
        /// `DescendingOnlyProperties`.
        descending_only_properties: Vec<PropertyPath> = Vec::new(), "DescendingOnlyProperties";
        /// `NonSortableProperties`.
        non_sortable_properties: Vec<PropertyPath> = Vec::new(), "NonSortableProperties";
    }
}

flags! {
    /// `SearchExpressions`: the parts of `$search` syntax a service may not support.
    pub struct SearchExpressions = "Org.OData.Capabilities.V1"."SearchExpressions" {
        /// `none`.
        NONE = 0, "none";
        /// `AND`.
        AND = 1, "AND";
        /// `OR`.
        OR = 2, "OR";
        /// `NOT`.
        NOT = 4, "NOT";
        /// `phrase`: quoted phrases.
        PHRASE = 8, "phrase";
        /// `group`: parentheses.
        GROUP = 16, "group";
    }
}

record! {
    /// `SearchRestrictionsType`: restrictions on `$search`.
    pub struct SearchRestrictions as "Capabilities.SearchRestrictionsType" {
        /// `Searchable`: `$search` is supported (default `true`).
        searchable: bool = true, "Searchable";
        /// `UnsupportedExpressions` (default `none`).
        unsupported_expressions: SearchExpressions = SearchExpressions::NONE, "UnsupportedExpressions";
    }
}

record! {
    /// `CountRestrictionsType`: restrictions on `/$count` and `$count=true`.
    pub struct CountRestrictions as "Capabilities.CountRestrictionsType" {
        /// `Countable` (default `true`).
        countable: bool = true, "Countable";
        /// `NonCountableProperties`: collection-valued properties without `/$count`.
        non_countable_properties: Vec<PropertyPath> = Vec::new(), "NonCountableProperties";
        /// `NonCountableNavigationProperties`.
        non_countable_navigation_properties: Vec<PropertyPath> = Vec::new(), "NonCountableNavigationProperties";
    }
}

record! {
    /// `ExpandRestrictionsType`: restrictions on `$expand`.
    pub struct ExpandRestrictions as "Capabilities.ExpandRestrictionsType" {
        /// `Expandable` (default `true`).
        expandable: bool = true, "Expandable";
        /// `StreamsExpandable`: stream properties can be expanded (default `false`).
        streams_expandable: bool = false, "StreamsExpandable";
        /// `MaxLevels` of nested `$expand`.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
        /// `NonExpandableProperties`.
        non_expandable_properties: Vec<PropertyPath> = Vec::new(), "NonExpandableProperties";
        /// `NonExpandableStreamProperties`.
        non_expandable_stream_properties: Vec<PropertyPath> = Vec::new(), "NonExpandableStreamProperties";
        /// `ExpandByKeyRestrictions`: different restrictions when one entity is addressed by key.
        expand_by_key_restrictions: Option<ExpandByKeyRestrictions> = None, "ExpandByKeyRestrictions";
    }
}

record! {
    /// `ExpandRestrictionsBase` as used by `ExpandByKeyRestrictions`.
    pub struct ExpandByKeyRestrictions as "Capabilities.ExpandRestrictionsBase" {
        /// `Expandable` (default `true`).
        expandable: bool = true, "Expandable";
        /// `StreamsExpandable` (default `false`).
        streams_expandable: bool = false, "StreamsExpandable";
        /// `MaxLevels`.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
    }
}

record! {
    /// `SelectSupportType`: support for `$select` and query options nested in it.
    pub struct SelectSupport as "Capabilities.SelectSupportType" {
        /// `Supported` (default `true`).
        supported: bool = true, "Supported";
        /// `InstanceAnnotationsSupported` (default `false`).
        instance_annotations_supported: bool = false, "InstanceAnnotationsSupported";
        /// `Expandable`: `$expand` within `$select` (default `false`).
        expandable: bool = false, "Expandable";
        /// `Filterable`: `$filter` within `$select` (default `false`).
        filterable: bool = false, "Filterable";
        /// `Searchable`: `$search` within `$select` (default `false`).
        searchable: bool = false, "Searchable";
        /// `TopSupported`: `$top` within `$select` (default `false`).
        top_supported: bool = false, "TopSupported";
        /// `SkipSupported`: `$skip` within `$select` (default `false`).
        skip_supported: bool = false, "SkipSupported";
        /// `ComputeSupported`: `$compute` within `$select` (default `false`).
        compute_supported: bool = false, "ComputeSupported";
        /// `Countable`: `$count` within `$select` (default `false`).
        countable: bool = false, "Countable";
        /// `Sortable`: `$orderby` within `$select` (default `false`).
        sortable: bool = false, "Sortable";
    }
}

record! {
    /// `ChangeTrackingType`: delta (change tracking) support.
    pub struct ChangeTracking as "Capabilities.ChangeTrackingType" {
        /// `Supported` (default `true` once the term is applied).
        supported: bool = true, "Supported";
        /// `FilterableProperties`: properties usable in `$filter` of a delta request.
        filterable_properties: Vec<PropertyPath> = Vec::new(), "FilterableProperties";
        /// `ExpandableProperties`: navigation properties usable in `$expand` of a delta request.
        expandable_properties: Vec<PropertyPath> = Vec::new(), "ExpandableProperties";
    }
}

record! {
    /// `CustomParameter`: a custom header or query option.
    pub struct CustomParameter as "Capabilities.CustomParameter" {
        /// `Name`.
        name: Box<str> = Box::default(), "Name";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `DocumentationURL`.
        documentation_url: Option<Box<str>> = None, "DocumentationURL";
        /// `Required` (default `false`).
        required: bool = false, "Required";
        /// `ExampleValues` (not typed).
        example_values: Ignored = Ignored, "ExampleValues";
    }
}

/// A vocabulary property that is accepted but not typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ignored;

impl Patch for Ignored {
    fn patch(&mut self, _: &Expr, _: &mut Cx<'_>) -> bool {
        true
    }
}

impl Render for Ignored {
    fn render(&self) -> String {
        String::new()
    }
}

flags! {
    /// `HttpMethod`: HTTP methods, e.g. the `UpdateMethod` a service expects.
    pub struct HttpMethod = "Org.OData.Capabilities.V1"."HttpMethod" {
        /// `GET`.
        GET = 1, "GET";
        /// `PATCH`.
        PATCH = 2, "PATCH";
        /// `PUT`.
        PUT = 4, "PUT";
        /// `POST`.
        POST = 8, "POST";
        /// `DELETE`.
        DELETE = 16, "DELETE";
        /// `OPTIONS`.
        OPTIONS = 32, "OPTIONS";
        /// `HEAD`.
        HEAD = 64, "HEAD";
    }
}

record! {
    /// `InsertRestrictionsType`: restrictions on creating entities.
    pub struct InsertRestrictions as "Capabilities.InsertRestrictionsType" {
        /// `Insertable` (default `true`).
        insertable: bool = true, "Insertable";
        /// `NonInsertableProperties`: structural properties that cannot be given on insert.
        non_insertable_properties: Vec<PropertyPath> = Vec::new(), "NonInsertableProperties";
        /// `NonInsertableNavigationProperties`: navigation properties without deep insert.
        non_insertable_navigation_properties: Vec<PropertyPath> = Vec::new(), "NonInsertableNavigationProperties";
        /// `RequiredProperties`: structural properties that must be given on insert.
        required_properties: Vec<PropertyPath> = Vec::new(), "RequiredProperties";
        /// `MaxLevels` of deep insert.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
        /// `TypecastSegmentSupported` (default `true`).
        typecast_segment_supported: bool = true, "TypecastSegmentSupported";
        /// `CustomHeaders`.
        custom_headers: Vec<CustomParameter> = Vec::new(), "CustomHeaders";
        /// `CustomQueryOptions`.
        custom_query_options: Vec<CustomParameter> = Vec::new(), "CustomQueryOptions";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `LongDescription`.
        long_description: Option<Box<str>> = None, "LongDescription";
        /// `Permissions` (not typed).
        permissions: Ignored = Ignored, "Permissions";
        /// `QueryOptions` (not typed).
        query_options: Ignored = Ignored, "QueryOptions";
        /// `ErrorResponses` (not typed).
        error_responses: Ignored = Ignored, "ErrorResponses";
    }
}

record! {
    /// `UpdateRestrictionsType`: restrictions on updating entities.
    pub struct UpdateRestrictions as "Capabilities.UpdateRestrictionsType" {
        /// `Updatable` (default `true`).
        updatable: bool = true, "Updatable";
        /// `Upsertable` (default `false`).
        upsertable: bool = false, "Upsertable";
        /// `DeltaUpdateSupported` (default `false`).
        delta_update_supported: bool = false, "DeltaUpdateSupported";
        /// `UpdateMethod`: the method(s) the service expects.
        update_method: Option<HttpMethod> = None, "UpdateMethod";
        /// `FilterSegmentSupported` (default `true`).
        filter_segment_supported: bool = true, "FilterSegmentSupported";
        /// `TypecastSegmentSupported` (default `true`).
        typecast_segment_supported: bool = true, "TypecastSegmentSupported";
        /// `NonUpdatableProperties`: structural properties that cannot be given on update.
        non_updatable_properties: Vec<PropertyPath> = Vec::new(), "NonUpdatableProperties";
        /// `NonUpdatableNavigationProperties`: navigation properties that cannot be rebound.
        non_updatable_navigation_properties: Vec<PropertyPath> = Vec::new(), "NonUpdatableNavigationProperties";
        /// `RequiredProperties`: structural properties that must be given on update.
        required_properties: Vec<PropertyPath> = Vec::new(), "RequiredProperties";
        /// `MaxLevels` of deep update.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
        /// `CustomHeaders`.
        custom_headers: Vec<CustomParameter> = Vec::new(), "CustomHeaders";
        /// `CustomQueryOptions`.
        custom_query_options: Vec<CustomParameter> = Vec::new(), "CustomQueryOptions";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `LongDescription`.
        long_description: Option<Box<str>> = None, "LongDescription";
        /// `Permissions` (not typed).
        permissions: Ignored = Ignored, "Permissions";
        /// `QueryOptions` (not typed).
        query_options: Ignored = Ignored, "QueryOptions";
        /// `ErrorResponses` (not typed).
        error_responses: Ignored = Ignored, "ErrorResponses";
    }
}

record! {
    /// `DeleteRestrictionsType`: restrictions on deleting entities.
    pub struct DeleteRestrictions as "Capabilities.DeleteRestrictionsType" {
        /// `Deletable` (default `true`).
        deletable: bool = true, "Deletable";
        /// `NonDeletableNavigationProperties`: navigation properties whose targets cannot be deleted through them.
        non_deletable_navigation_properties: Vec<PropertyPath> = Vec::new(), "NonDeletableNavigationProperties";
        /// `MaxLevels`.
        max_levels: MaxLevels = MaxLevels::Unlimited, "MaxLevels";
        /// `FilterSegmentSupported` (default `true`).
        filter_segment_supported: bool = true, "FilterSegmentSupported";
        /// `TypecastSegmentSupported` (default `true`).
        typecast_segment_supported: bool = true, "TypecastSegmentSupported";
        /// `CustomHeaders`.
        custom_headers: Vec<CustomParameter> = Vec::new(), "CustomHeaders";
        /// `CustomQueryOptions`.
        custom_query_options: Vec<CustomParameter> = Vec::new(), "CustomQueryOptions";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `LongDescription`.
        long_description: Option<Box<str>> = None, "LongDescription";
        /// `Permissions` (not typed).
        permissions: Ignored = Ignored, "Permissions";
        /// `ErrorResponses` (not typed).
        error_responses: Ignored = Ignored, "ErrorResponses";
    }
}

record! {
    /// `ReadRestrictionsType`: restrictions on reading collections and single entities.
    pub struct ReadRestrictions as "Capabilities.ReadRestrictionsType" {
        /// `Readable` (default `true`).
        readable: bool = true, "Readable";
        /// `TypecastSegmentSupported` (default `true`).
        typecast_segment_supported: bool = true, "TypecastSegmentSupported";
        /// `ReadByKeyRestrictions`: what differs when one entity is read by key; a field
        /// it leaves out takes the value of these restrictions.
        read_by_key_restrictions: Option<ReadByKeyRestrictions> = None, "ReadByKeyRestrictions";
        /// `CustomHeaders` (Graph: `ConsistencyLevel`).
        custom_headers: Vec<CustomParameter> = Vec::new(), "CustomHeaders";
        /// `CustomQueryOptions`.
        custom_query_options: Vec<CustomParameter> = Vec::new(), "CustomQueryOptions";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `LongDescription`.
        long_description: Option<Box<str>> = None, "LongDescription";
        /// `Permissions` (not typed).
        permissions: Ignored = Ignored, "Permissions";
        /// `ErrorResponses` (not typed).
        error_responses: Ignored = Ignored, "ErrorResponses";
    }
}

record! {
    /// `ReadByKeyRestrictionsType`: only the fields a document gives (`None` = as `ReadRestrictions`).
    pub struct ReadByKeyRestrictions as "Capabilities.ReadByKeyRestrictionsType" {
        /// `Readable`.
        readable: Option<bool> = None, "Readable";
        /// `CustomHeaders`.
        custom_headers: Option<Vec<CustomParameter>> = None, "CustomHeaders";
        /// `CustomQueryOptions`.
        custom_query_options: Option<Vec<CustomParameter>> = None, "CustomQueryOptions";
        /// `Description`.
        description: Option<Box<str>> = None, "Description";
        /// `LongDescription`.
        long_description: Option<Box<str>> = None, "LongDescription";
        /// `Permissions` (not typed).
        permissions: Ignored = Ignored, "Permissions";
        /// `ErrorResponses` (not typed).
        error_responses: Ignored = Ignored, "ErrorResponses";
    }
}

record! {
    /// `DeepInsertSupportType` and `DeepUpdateSupportType`.
    pub struct DeepSupport as "Capabilities.DeepInsertSupportType" {
        /// `Supported` (default `true` once the term is applied).
        supported: bool = true, "Supported";
        /// `ContentIDSupported` (default `true`).
        content_id_supported: bool = true, "ContentIDSupported";
    }
}

/// `NavigationType`: how navigation properties may be followed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Navigability {
    /// `Recursive`: any depth (what OData allows when nothing restricts it).
    #[default]
    Recursive,
    /// `Single`: one level only.
    Single,
    /// `None`: not navigable.
    None,
}

impl FromExpr for Navigability {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        let members = enum_members(expr, NAMESPACE, "NavigationType", cx)?;
        match members.as_slice() {
            ["Recursive"] => Some(Navigability::Recursive),
            ["Single"] => Some(Navigability::Single),
            ["None"] => Some(Navigability::None),
            _ => {
                cx.wrong_type(expr, "a member of NavigationType");
                None
            }
        }
    }
}

replace_patch!(Navigability);

impl Render for Navigability {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Navigability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Navigability::Recursive => "Recursive",
            Navigability::Single => "Single",
            Navigability::None => "None",
        })
    }
}

record! {
    /// `NavigationRestrictionsType`: restrictions on following the navigation properties of
    /// the annotated resource.
    pub struct NavigationRestrictions as "Capabilities.NavigationRestrictionsType" {
        /// `Navigability`: the default for every navigation property of the resource.
        navigability: Option<Navigability> = None, "Navigability";
        /// `RestrictedProperties`: per navigation path.
        restricted_properties: Vec<NavigationPropertyRestriction> = Vec::new(), "RestrictedProperties";
    }
}

record! {
    @fields
    /// `NavigationPropertyRestriction`: the restrictions of the resource addressed by the
    /// annotated resource followed by `NavigationProperty`. Only the fields the document
    /// gives are set; nested paths resolve from the navigation property's target type.
    /// `CountRestrictions` and `ExpandRestrictions` are not in the current vocabulary but
    /// were in earlier versions and are still written by services; they are read too.
    pub struct NavigationPropertyRestriction {
        /// `NavigationProperty`: the path from the annotated resource.
        navigation_property: PropertyPath = PropertyPath::default(), "NavigationProperty";
        /// `Navigability`.
        navigability: Option<Navigability> = None, "Navigability";
        /// `FilterFunctions`.
        filter_functions: Option<Vec<Box<str>>> = None, "FilterFunctions";
        /// `FilterRestrictions`.
        filter_restrictions: Option<FilterRestrictions> = None, "FilterRestrictions";
        /// `SearchRestrictions`.
        search_restrictions: Option<SearchRestrictions> = None, "SearchRestrictions";
        /// `SortRestrictions`.
        sort_restrictions: Option<SortRestrictions> = None, "SortRestrictions";
        /// `TopSupported`.
        top_supported: Option<bool> = None, "TopSupported";
        /// `SkipSupported`.
        skip_supported: Option<bool> = None, "SkipSupported";
        /// `SelectSupport`.
        select_support: Option<SelectSupport> = None, "SelectSupport";
        /// `IndexableByKey`.
        indexable_by_key: Option<bool> = None, "IndexableByKey";
        /// `InsertRestrictions`.
        insert_restrictions: Option<InsertRestrictions> = None, "InsertRestrictions";
        /// `DeepInsertSupport`.
        deep_insert_support: Option<DeepSupport> = None, "DeepInsertSupport";
        /// `UpdateRestrictions`.
        update_restrictions: Option<UpdateRestrictions> = None, "UpdateRestrictions";
        /// `DeepUpdateSupport`.
        deep_update_support: Option<DeepSupport> = None, "DeepUpdateSupport";
        /// `DeleteRestrictions`.
        delete_restrictions: Option<DeleteRestrictions> = None, "DeleteRestrictions";
        /// `OptimisticConcurrencyControl`.
        optimistic_concurrency_control: Option<bool> = None, "OptimisticConcurrencyControl";
        /// `ReadRestrictions`.
        read_restrictions: Option<ReadRestrictions> = None, "ReadRestrictions";
        /// `CountRestrictions` (earlier vocabulary versions).
        count_restrictions: Option<CountRestrictions> = None, "CountRestrictions";
        /// `ExpandRestrictions` (earlier vocabulary versions).
        expand_restrictions: Option<ExpandRestrictions> = None, "ExpandRestrictions";
    }
}

impl FromExpr for NavigationPropertyRestriction {
    /// Reads `NavigationProperty` first, then the nested restrictions relative to its target.
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(record) = expr.as_record() else {
            cx.wrong_type(expr, "Capabilities.NavigationPropertyRestriction");
            return None;
        };
        let mut value = NavigationPropertyRestriction::default();
        if let Some(nav) = record.get("NavigationProperty") {
            let _ = value.navigation_property.patch(nav, cx);
        }
        let outer = cx.ty;
        cx.ty = target_type(cx, &value.navigation_property);
        for pv in &record.properties {
            if &*pv.property != "NavigationProperty"
                && !value.patch_field(&pv.property, &pv.value, cx)
            {
                cx.warn(
                    crate::span::Spanned::span(pv),
                    super::record::CapabilityWarningKind::UnknownProperty(pv.property.clone()),
                );
            }
        }
        cx.ty = outer;
        Some(value)
    }
}

/// The type a resolved navigation path leads to.
fn target_type(cx: &Cx<'_>, path: &PropertyPath) -> Option<crate::edm::StructuredTypeId> {
    use crate::edm::PathSegment;
    match path.segments.last()? {
        PathSegment::NavigationProperty(n) => {
            cx.model.navigation_property(*n).target.map(Into::into)
        }
        PathSegment::Property(p) => cx.model.property(*p).ty.structured(),
        PathSegment::TypeCast(t) => Some(*t),
    }
}
