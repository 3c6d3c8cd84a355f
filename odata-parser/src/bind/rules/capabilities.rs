//! The rules every profile applies, read from the model's `Org.OData.Capabilities.V1`
//! annotations (through [`Capabilities`](crate::edm::vocab::Capabilities), which already
//! applies the precedence of navigation paths over entity sets).

use crate::bind::Method;
use crate::bind::diagnostics::{Code, Diagnostic, Sink};
use crate::edm::PathSegment;
use crate::edm::vocab::{AllowedExpressions, MaxLevels, SortDirection, members_start_with};

use super::{Facts, OptionKind, Place, ResourceKind};

/// Runs every annotation rule.
pub(crate) fn run(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    non_filterable(f, sink);
    required_filter(f, sink);
    filter_functions(f, sink);
    filter_expressions(f, sink);
    filter_levels(f, sink);
    sortable(f, sink);
    searchable(f, sink);
    top_skip_count(f, sink);
    expandable(f, sink);
    select_compute(f, sink);
    change_tracking(f, sink);
}

fn option_span(f: &Facts<'_, '_>, kind: OptionKind) -> Option<crate::span::Span> {
    f.option(kind).map(|o| o.span)
}

/// Non-filterable properties in `$filter` (nested and in lambdas too), and `$filter` where
/// `Filterable` is false.
pub(crate) fn non_filterable(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let mut reported: Vec<&[PathSegment]> = Vec::new();
    let mut unfilterable_reported = false;
    for p in &f.paths {
        let Some(caps) = &p.capabilities else {
            continue;
        };
        if !caps.filterable() {
            if !unfilterable_reported && p.place == Place::Filter {
                unfilterable_reported = true;
                let span = option_span(f, OptionKind::Filter).unwrap_or(p.span);
                sink.push(
                    Diagnostic::error(
                        Code::NOT_FILTERABLE,
                        span,
                        "$filter is not supported on this resource",
                    ),
                    "$filter",
                );
            }
            continue;
        }
        if caps.is_filterable(&p.segments)
            || reported.iter().any(|r| members_start_with(&p.segments, r))
        {
            continue;
        }
        reported.push(&p.segments);
        let name = p
            .property()
            .map_or(p.name.as_str(), |id| &*f.model.property(id).name);
        sink.push(
            Diagnostic::error(
                Code::NOT_FILTERABLE,
                p.span,
                format!("property '{name}' is not filterable"),
            )
            .with_help(format!(
                "FilterRestrictions/NonFilterableProperties of {} lists '{}'",
                caps.path().text(f.model),
                f.path_text(&p.segments)
            )),
            name,
        );
    }
}

/// `RequiresFilter` and `RequiredProperties`.
pub(crate) fn required_filter(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let Some(r) = &f.resource else { return };
    let Some(caps) = &r.capabilities else { return };
    if !r.collection || f.method != Method::Get {
        return;
    }
    let filter = option_span(f, OptionKind::Filter);
    if caps.requires_filter() && filter.is_none() {
        sink.push(
            Diagnostic::error(
                Code::FILTER_REQUIRED,
                r.span,
                format!("{} requires a $filter", caps.path().text(f.model)),
            )
            .with_help("FilterRestrictions/RequiresFilter is true: add $filter=…"),
            "$filter",
        );
    }
    for req in &caps.filter_restrictions.required_properties {
        if !req.is_resolved() {
            continue;
        }
        let used = f
            .paths
            .iter()
            .any(|p| p.place == Place::Filter && req.covers(&p.segments));
        if !used {
            sink.push(
                Diagnostic::error(
                    Code::REQUIRED_FILTER_PROPERTY,
                    filter.unwrap_or(r.span),
                    format!("$filter must use '{}'", req.text),
                )
                .with_help("FilterRestrictions/RequiredProperties lists it"),
                &req.text,
            );
        }
    }
}

/// Functions and operators not in `FilterFunctions`.
pub(crate) fn filter_functions(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    for c in &f.calls {
        let Some(caps) = &c.capabilities else {
            continue;
        };
        if caps.filter_function_allowed(c.name) {
            continue;
        }
        let listed = caps
            .filter_functions
            .as_ref()
            .map(|l| l.iter().map(|s| &**s).collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        sink.push(
            Diagnostic::error(
                Code::FUNCTION_NOT_ALLOWED,
                c.span,
                format!("'{}' is not supported in $filter", c.name),
            )
            .with_help(format!("Capabilities.FilterFunctions lists: {listed}")),
            c.name,
        );
    }
}

fn allowed(restriction: &AllowedExpressions, op: &str) -> bool {
    const SINGLE: &[&str] = &["eq"];
    const MULTI: &[&str] = &["eq", "in", "or"];
    const RANGE: &[&str] = &["eq", "gt", "ge", "lt", "le", "and"];
    const MULTI_RANGE: &[&str] = &["eq", "ne", "gt", "ge", "lt", "le", "in", "and", "or"];
    const SEARCH: &[&str] = &["startswith", "endswith", "contains", "or"];
    match restriction {
        AllowedExpressions::SingleValue => SINGLE.contains(&op),
        AllowedExpressions::MultiValue => MULTI.contains(&op),
        AllowedExpressions::SingleRange => RANGE.contains(&op),
        AllowedExpressions::MultiRange => MULTI_RANGE.contains(&op),
        AllowedExpressions::SearchExpression => SEARCH.contains(&op),
        AllowedExpressions::MultiRangeOrSearchExpression => {
            MULTI_RANGE.contains(&op) || SEARCH.contains(&op)
        }
        // Graph writes operator lists ("eq ne", "any").
        AllowedExpressions::Other(list) => list
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|w| w.eq_ignore_ascii_case(op)),
    }
}

/// `FilterExpressionRestrictions`: the operators a property may be used with (per usage, not
/// the shape of the whole expression).
pub(crate) fn filter_expressions(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    for c in &f.calls {
        let (Some(caps), Some(path)) = (&c.capabilities, &c.subject) else {
            continue;
        };
        if matches!(c.name, "and" | "or" | "not") {
            continue;
        }
        let Some(restriction) = caps.allowed_filter_expressions(path) else {
            continue;
        };
        if !allowed(restriction, c.name) {
            sink.push(
                Diagnostic::error(
                    Code::FILTER_EXPRESSION,
                    c.span,
                    format!(
                        "'{}' may only be used in {} expressions, not with '{}'",
                        f.path_text(path),
                        restriction.as_str(),
                        c.name
                    ),
                )
                .with_help("FilterRestrictions/FilterExpressionRestrictions restricts it"),
                c.name,
            );
        }
    }
}

/// `FilterRestrictions/MaxLevels`: navigation segments in a `$filter` path.
pub(crate) fn filter_levels(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    for p in &f.paths {
        let Some(caps) = &p.capabilities else {
            continue;
        };
        let MaxLevels::Limit(max) = caps.filter_restrictions.max_levels else {
            continue;
        };
        let navs = p
            .segments
            .iter()
            .filter(|s| matches!(s, PathSegment::NavigationProperty(_)))
            .count();
        if navs > max as usize {
            sink.push(
                Diagnostic::error(
                    Code::FILTER_LEVELS,
                    p.span,
                    format!("$filter paths may cross at most {max} navigation properties here, this one crosses {navs}"),
                ),
                &p.name,
            );
        }
    }
}

/// `SortRestrictions`: sortable at all, non-sortable properties, one-direction properties.
pub(crate) fn sortable(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let mut whole = false;
    for o in &f.orderby {
        let Some(caps) = &o.capabilities else {
            continue;
        };
        if !caps.sortable() {
            if !whole && !o.nested {
                whole = true;
                let span = option_span(f, OptionKind::OrderBy).unwrap_or(o.span);
                sink.push(
                    Diagnostic::error(
                        Code::NOT_SORTABLE,
                        span,
                        "$orderby is not supported on this resource",
                    ),
                    "$orderby",
                );
            }
            continue;
        }
        let Some(path) = &o.path else { continue };
        if !caps.is_sortable(path) {
            sink.push(
                Diagnostic::error(
                    Code::NOT_SORTABLE,
                    o.span,
                    format!("property '{}' is not sortable", o.name),
                )
                .with_help("SortRestrictions/NonSortableProperties lists it"),
                &o.name,
            );
            continue;
        }
        let dir = if o.descending {
            SortDirection::Descending
        } else {
            SortDirection::Ascending
        };
        if !caps.sort_direction_allowed(path, dir) {
            let (only, word) = if o.descending {
                ("ascending", "desc")
            } else {
                ("descending", "asc")
            };
            sink.push(
                Diagnostic::error(
                    Code::SORT_DIRECTION,
                    o.item_span,
                    format!("property '{}' can only be sorted {only}", o.name),
                )
                .with_help(format!("remove '{word}' or sort {only}")),
                &o.name,
            );
        }
    }
}

/// `SearchRestrictions`: searchable at all, unsupported search syntax.
pub(crate) fn searchable(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let (Some(r), Some(span)) = (&f.resource, option_span(f, OptionKind::Search)) else {
        return;
    };
    let Some(caps) = &r.capabilities else { return };
    if !caps.searchable() {
        let what = f.last_navigation_name().unwrap_or("this resource");
        sink.push(
            Diagnostic::error(
                Code::NOT_SEARCHABLE,
                span,
                format!("$search is not supported on {what}"),
            )
            .with_help("SearchRestrictions/Searchable is false"),
            "$search",
        );
        return;
    }
    if let Some((expr, _)) = f.search {
        let used = search_syntax(expr);
        if !caps.search_expressions_supported(used) {
            sink.push(
                Diagnostic::error(
                    Code::SEARCH_EXPRESSION,
                    span,
                    "$search uses syntax the service does not support",
                )
                .with_help("SearchRestrictions/UnsupportedExpressions lists it"),
                "$search",
            );
        }
    }
}

fn search_syntax(e: &crate::ast::SearchExpr<'_>) -> crate::edm::vocab::SearchExpressions {
    use crate::ast::SearchExprKind as K;
    use crate::edm::vocab::SearchExpressions as S;
    let mut acc = S::NONE.0;
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            K::Word(_) => {}
            K::Phrase(_) => acc |= S::PHRASE.0,
            K::Not(x) => {
                acc |= S::NOT.0;
                stack.push(x);
            }
            K::And(b) => {
                acc |= S::AND.0;
                stack.push(&b.0);
                stack.push(&b.1);
            }
            K::Or(b) => {
                acc |= S::OR.0;
                stack.push(&b.0);
                stack.push(&b.1);
            }
        }
    }
    S(acc)
}

/// `TopSupported`, `SkipSupported`, `CountRestrictions`.
pub(crate) fn top_skip_count(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let Some(r) = &f.resource else { return };
    let Some(caps) = &r.capabilities else { return };
    if let Some(span) = option_span(f, OptionKind::Top).filter(|_| !caps.top_supported()) {
        sink.push(
            Diagnostic::error(
                Code::TOP_NOT_SUPPORTED,
                span,
                "$top is not supported on this resource",
            ),
            "$top",
        );
    }
    if let Some(span) = option_span(f, OptionKind::Skip).filter(|_| !caps.skip_supported()) {
        sink.push(
            Diagnostic::error(
                Code::SKIP_NOT_SUPPORTED,
                span,
                "$skip is not supported on this resource",
            ),
            "$skip",
        );
    }
    let counted = matches!(f.count, Some((true, _))) || r.kind == ResourceKind::Count;
    if counted && !caps.countable() {
        let span = f.count.map_or(r.span, |(_, s)| s);
        sink.push(
            Diagnostic::error(
                Code::NOT_COUNTABLE,
                span,
                "counting is not supported on this resource",
            )
            .with_help("CountRestrictions/Countable is false"),
            "$count",
        );
    }
}

/// `ExpandRestrictions`: expandable at all, non-expandable properties, `MaxLevels`.
pub(crate) fn expandable(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    for e in &f.expands {
        let Some(caps) = &e.capabilities else {
            continue;
        };
        let name = &f.model.navigation_property(e.navigation_property).name;
        if !caps.expandable() {
            sink.push(
                Diagnostic::error(
                    Code::NOT_EXPANDABLE,
                    e.span,
                    "$expand is not supported here",
                ),
                name,
            );
            continue;
        }
        if !caps.is_expandable(&e.path) {
            sink.push(
                Diagnostic::error(
                    Code::NOT_EXPANDABLE,
                    e.span,
                    format!("navigation property '{name}' is not expandable"),
                )
                .with_help("ExpandRestrictions/NonExpandableProperties lists it"),
                name,
            );
        }
        if let MaxLevels::Limit(max) = caps.max_expand_levels() {
            let levels = e.levels.unwrap_or(1);
            if levels > max || e.depth > max {
                sink.push(
                    Diagnostic::error(
                        Code::EXPAND_LEVELS,
                        e.span,
                        format!("$expand may nest at most {max} levels here"),
                    )
                    .with_help("ExpandRestrictions/MaxLevels"),
                    name,
                );
            }
        }
    }
}

/// `SelectSupport` and `ComputeSupported`.
pub(crate) fn select_compute(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    let Some(r) = &f.resource else { return };
    let Some(caps) = &r.capabilities else { return };
    if let Some(span) = option_span(f, OptionKind::Select).filter(|_| !caps.select_supported()) {
        sink.push(
            Diagnostic::error(
                Code::SELECT_NOT_SUPPORTED,
                span,
                "$select is not supported on this resource",
            ),
            "$select",
        );
    }
    if let Some(span) = option_span(f, OptionKind::Compute).filter(|_| !caps.compute_supported) {
        sink.push(
            Diagnostic::error(
                Code::COMPUTE_NOT_SUPPORTED,
                span,
                "$compute is not supported on this resource",
            ),
            "$compute",
        );
    }
}

/// `ChangeTracking`: a delta request where it is unsupported, and `$filter`/`$expand` in a
/// delta request beyond `FilterableProperties`/`ExpandableProperties`.
pub(crate) fn change_tracking(f: &Facts<'_, '_>, sink: &mut Sink<'_>) {
    if !f.prefer.track_changes {
        return;
    }
    let Some(r) = &f.resource else { return };
    let Some(caps) = &r.capabilities else { return };
    let Some(ct) = &caps.change_tracking else {
        return;
    };
    if !ct.supported {
        sink.push(
            Diagnostic::warning(
                Code::CHANGE_TRACKING,
                r.span,
                format!("change tracking is not supported on {}; the service answers without a delta link", caps.path().text(f.model)),
            )
            .with_help("ChangeTracking/Supported is false here"),
            "odata.track-changes",
        );
        return;
    }
    if let Some(span) = option_span(f, OptionKind::Filter) {
        if ct.filterable_properties.is_empty() {
            sink.push(
                Diagnostic::warning(
                    Code::DELTA_OPTION,
                    span,
                    "$filter is not announced for change tracking here",
                )
                .with_help("ChangeTracking/FilterableProperties is empty"),
                "$filter",
            );
        } else {
            for p in f.paths.iter().filter(|p| p.place == Place::Filter) {
                if !ct
                    .filterable_properties
                    .iter()
                    .any(|x| x.covers(&p.segments))
                {
                    sink.push(
                        Diagnostic::error(
                            Code::DELTA_OPTION,
                            p.span,
                            format!(
                                "property '{}' cannot be filtered in a change-tracking request",
                                p.name
                            ),
                        )
                        .with_help(format!(
                            "ChangeTracking/FilterableProperties: {}",
                            ct.filterable_properties
                                .iter()
                                .map(|x| &*x.text)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                        &p.name,
                    );
                }
            }
        }
    }
    if !ct.expandable_properties.is_empty() {
        for e in f.expands.iter().filter(|e| e.depth == 1) {
            if !ct.expandable_properties.iter().any(|x| x.names(&e.path)) {
                let name = &f.model.navigation_property(e.navigation_property).name;
                sink.push(
                    Diagnostic::error(
                        Code::DELTA_OPTION,
                        e.span,
                        format!("'{name}' cannot be expanded in a change-tracking request"),
                    )
                    .with_help("ChangeTracking/ExpandableProperties does not list it"),
                    name,
                );
            }
        }
    }
}
