//! The Outlook REST API v2.0 profile: every rule of the service that no standard annotation
//! carries, in one place, each a small function with its tests.
//!
//! Sources: the resource reference ("OData query parameters", seed 003), the Mail API
//! reference (synchronization, seed 004), the Contacts API reference (seed 000) and "Use the
//! Outlook REST API" (URL shape, case-insensitivity, key forms; seed 002).
//!
//! | code | severity | rule | service error |
//! | --- | --- | --- | --- |
//! | `odata::not_filterable` (annotations) | error | a property marked "Filterable? No" | `ErrorInvalidProperty`: `The property 'X' does not support filtering.` |
//! | `outlook::filter_method` | error | `contains` and `startswith` in `$filter` | `ErrorInvalidUrlQueryFilter` |
//! | `outlook::search_with_query` | error | `$search` with `$filter` or `$orderby` | `ErrorInvalidUrlQuery`: `The query parameter 'OrderBy' is invalid.` |
//! | `outlook::search_target` | error | `$search` on anything but messages | |
//! | `outlook::search_property` | error | an AQS property keyword not in the documented list | |
//! | `outlook::top_limit` | error | `$top` above 50 on a collection | |
//! | `outlook::orderby_order` | error | with `$filter` and `$orderby`, the filtered properties first, in order | |
//! | `outlook::sync_filter`, `outlook::sync_orderby`, `outlook::sync_search` | error | message sync: only `ReceivedDateTime ge/gt`, only `ReceivedDateTime desc`, no `$search` | |
//! | `outlook::sync_option` | error | contact sync: no `$filter`, `$orderby`, `$search`, `$top` | |
//! | `outlook::sync_ignored` | warning | folder-hierarchy sync ignores `$filter`, `$orderby`, `$search`, `$top` | |
//! | `outlook::sync_prefer` | error | `$deltatoken` without `Prefer: odata.track-changes` | |
//! | `outlook::expand` | error | `$expand` on messages and events: attachments (and extensions, extended properties) only | |
//! | `outlook::api_version`, `outlook::host` | warning | a service root other than `https://outlook.office.com/api/v2.0/` (or beta, or outlook.office365.com) | |
//!
//! The profile also reads URLs leniently (`+` for spaces, `AND` in upper case), matches
//! resource names and enum members ignoring case, tolerates `…/messages/?$select=…`, maps the
//! documentation's `Microsoft.Exchange.Services.OData.Model` namespace to the model's, and
//! recognizes the well-known folder names (`Inbox`, `Drafts`, `SentItems`, `DeletedItems`, …).

use crate::ast::{BinaryOp, Expr, ExprKind, PathRoot, PathSegmentKind, SearchExprKind};
use crate::bind::diagnostics::{Code, Diagnostic, ServiceError};
use crate::edm::{EntityTypeId, Model};
use crate::query::ParseOptions;
use crate::span::{Span, Spanned};

use super::{Facts, OptionKind, Rule, ServiceProfile};

/// The Outlook REST API v2.0.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutlookV2;

/// The Outlook profile's codes.
pub mod codes {
    use crate::bind::Code;
    /// `contains` or `startswith` in `$filter`.
    pub const FILTER_METHOD: Code = Code::new("outlook::filter_method");
    /// `$search` together with `$filter` or `$orderby`.
    pub const SEARCH_WITH_QUERY: Code = Code::new("outlook::search_with_query");
    /// `$search` on something other than messages.
    pub const SEARCH_TARGET: Code = Code::new("outlook::search_target");
    /// An AQS property keyword the service does not know.
    pub const SEARCH_PROPERTY: Code = Code::new("outlook::search_property");
    /// `$top` above 50.
    pub const TOP_LIMIT: Code = Code::new("outlook::top_limit");
    /// `$orderby` that does not start with the `$filter` properties in order.
    pub const ORDERBY_ORDER: Code = Code::new("outlook::orderby_order");
    /// A message-sync `$filter` other than `ReceivedDateTime ge|gt value`.
    pub const SYNC_FILTER: Code = Code::new("outlook::sync_filter");
    /// A message-sync `$orderby` other than `ReceivedDateTime desc`.
    pub const SYNC_ORDERBY: Code = Code::new("outlook::sync_orderby");
    /// `$search` in a message sync.
    pub const SYNC_SEARCH: Code = Code::new("outlook::sync_search");
    /// `$filter`, `$orderby`, `$search` or `$top` in a contact sync.
    pub const SYNC_OPTION: Code = Code::new("outlook::sync_option");
    /// An option a folder-hierarchy sync ignores.
    pub const SYNC_IGNORED: Code = Code::new("outlook::sync_ignored");
    /// `$deltatoken` without `Prefer: odata.track-changes`.
    pub const SYNC_PREFER: Code = Code::new("outlook::sync_prefer");
    /// `$expand` of something other than attachments on messages and events.
    pub const EXPAND: Code = Code::new("outlook::expand");
    /// An API version other than v2.0 and beta.
    pub const API_VERSION: Code = Code::new("outlook::api_version");
    /// A host other than the documented ones.
    pub const HOST: Code = Code::new("outlook::host");
}

const HOSTS: [&str; 2] = ["outlook.office.com", "outlook.office365.com"];
const WELL_KNOWN_FOLDERS: [&str; 6] = [
    "Inbox",
    "Drafts",
    "SentItems",
    "DeletedItems",
    "AllItems",
    "Root",
];
/// AQS property keywords the documentation lists (`Body or Content` is one entry).
pub const SEARCH_PROPERTIES: [&str; 13] = [
    "attachment",
    "bcc",
    "body",
    "content",
    "category",
    "cc",
    "from",
    "has",
    "participants",
    "received",
    "sender",
    "subject",
    "to",
];
/// The `$top` limit on collections.
pub const MAX_TOP: u64 = 50;

static RULES: [Rule; 11] = [
    Rule {
        code: codes::FILTER_METHOD,
        summary: "'contains' and 'startswith' are not supported for filtering",
        supersedes: &[Code::FUNCTION_NOT_ALLOWED],
        check: filter_method,
    },
    Rule {
        code: codes::SEARCH_WITH_QUERY,
        summary: "$search cannot be combined with $filter or $orderby",
        supersedes: &[],
        check: search_with_query,
    },
    Rule {
        code: codes::SEARCH_TARGET,
        summary: "$search works on messages only",
        supersedes: &[Code::NOT_SEARCHABLE],
        check: search_target,
    },
    Rule {
        code: codes::SEARCH_PROPERTY,
        summary: "AQS property keywords from the documented list only",
        supersedes: &[],
        check: search_property,
    },
    Rule {
        code: codes::TOP_LIMIT,
        summary: "$top is at most 50 on collections",
        supersedes: &[],
        check: top_limit,
    },
    Rule {
        code: codes::ORDERBY_ORDER,
        summary: "with $filter and $orderby, the filtered properties come first in $orderby, in order",
        supersedes: &[],
        check: orderby_order,
    },
    Rule {
        code: codes::SYNC_FILTER,
        summary: "message sync: $filter only ReceivedDateTime ge|gt, $orderby only ReceivedDateTime desc, no $search",
        supersedes: &[Code::DELTA_OPTION],
        check: sync_messages,
    },
    Rule {
        code: codes::SYNC_OPTION,
        summary: "contact sync: no $filter, $orderby, $search or $top",
        supersedes: &[Code::DELTA_OPTION, Code::NOT_SEARCHABLE],
        check: sync_contacts,
    },
    Rule {
        code: codes::SYNC_IGNORED,
        summary: "folder-hierarchy sync ignores $filter, $orderby, $search and $top",
        supersedes: &[Code::DELTA_OPTION],
        check: sync_folders,
    },
    Rule {
        code: codes::SYNC_PREFER,
        summary: "$deltatoken requests need Prefer: odata.track-changes",
        supersedes: &[],
        check: sync_prefer,
    },
    Rule {
        code: codes::EXPAND,
        summary: "$expand on messages and events: attachments, extensions and extended properties only",
        supersedes: &[],
        check: expand_attachments,
    },
];

impl ServiceProfile for OutlookV2 {
    fn name(&self) -> &'static str {
        "outlook-v2"
    }

    fn parse_options(&self) -> ParseOptions {
        ParseOptions::lenient()
    }

    fn case_insensitive_names(&self) -> bool {
        true
    }

    fn trailing_slash(&self) -> bool {
        true
    }

    fn orders_complex_values(&self) -> bool {
        true
    }

    /// `http(s)://{host}/api/{version}/`: v2.0 and beta are validated with the v2.0 model;
    /// other versions and hosts get a warning.
    fn service_root(&self, url: &str, out: &mut Vec<Diagnostic>) -> Option<usize> {
        let host_start = find_scheme_separator(url)? + 3;
        let host_end = url[host_start..]
            .find('/')
            .map_or(url.len(), |n| host_start + n);
        let rest = url.get(host_end + 1..)?;
        let after_api = rest
            .get(..4)
            .filter(|a| a.eq_ignore_ascii_case("api/"))
            .map(|_| host_end + 5)?;
        let version_end = url[after_api..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |n| after_api + n);
        let version = &url[after_api..version_end];
        let host = &url[host_start..host_end];
        if !HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            out.push(
                Diagnostic::warning(
                    codes::HOST,
                    Span::from_range(host_start..host_end),
                    format!("'{host}' is not a documented Outlook REST API host"),
                )
                .with_help("use https://outlook.office.com/api/v2.0/"),
            );
        }
        if !(version.eq_ignore_ascii_case("v2.0") || version.eq_ignore_ascii_case("beta")) {
            out.push(
                Diagnostic::warning(
                    codes::API_VERSION,
                    Span::from_range(after_api..version_end),
                    format!("this profile describes v2.0 (and beta); '{version}' differs"),
                )
                .with_help("use /api/v2.0/"),
            );
        }
        Some((version_end + 1).min(url.len()))
    }

    fn namespace_alias(&self, namespace: &str) -> Option<&'static str> {
        namespace
            .eq_ignore_ascii_case("Microsoft.Exchange.Services.OData.Model")
            .then_some("Microsoft.OutlookServices")
    }

    fn well_known_key(&self, model: &Model, ty: EntityTypeId, key: &str) -> Option<&'static str> {
        let folder = model
            .entity_type(ty)
            .name
            .name()
            .eq_ignore_ascii_case("MailFolder");
        if !folder {
            return None;
        }
        WELL_KNOWN_FOLDERS
            .iter()
            .find(|w| w.eq_ignore_ascii_case(key))
            .copied()
    }

    fn service_error(&self, code: Code, subject: &str) -> Option<ServiceError> {
        (code == Code::NOT_FILTERABLE && !subject.starts_with('$')).then(|| ServiceError {
            code: "ErrorInvalidProperty",
            message: format!("The property '{subject}' does not support filtering."),
        })
    }

    fn rules(&self) -> &[Rule] {
        &RULES
    }
}

fn is_sync(f: &Facts<'_, '_>) -> bool {
    f.prefer.track_changes
}

/// `contains` and `startswith` are not supported: the service answers
/// `ErrorInvalidUrlQueryFilter` (its message names both, whichever was used).
fn filter_method(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    for c in &f.calls {
        if matches!(c.name, "contains" | "startswith") {
            out.push(
                Diagnostic::error(codes::FILTER_METHOD, c.span, format!("'{}' is not supported for filtering", c.name))
                    .with_help("use $search instead, e.g. $search=\"subject:pizza\"")
                    .with_service_error(
                        "ErrorInvalidUrlQueryFilter",
                        "'contains' and 'startswith' are not supported for filtering.  Use Search instead.",
                    ),
            );
        }
    }
}

/// `$search` cannot be combined with `$filter` or `$orderby`.
fn search_with_query(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if f.option(OptionKind::Search).is_none() || is_sync(f) {
        return;
    }
    for (kind, name) in [
        (OptionKind::Filter, "Filter"),
        (OptionKind::OrderBy, "OrderBy"),
    ] {
        if let Some(o) = f.option(kind) {
            out.push(
                Diagnostic::error(
                    codes::SEARCH_WITH_QUERY,
                    o.span,
                    format!(
                        "${} cannot be used in a $search request",
                        name.to_ascii_lowercase()
                    ),
                )
                .with_help(
                    "search results are sorted by sent date; filter or sort them on the client",
                )
                .with_service_error(
                    "ErrorInvalidUrlQuery",
                    format!("The query parameter '{name}' is invalid."),
                ),
            );
        }
    }
}

/// `$search` works on messages only.
fn search_target(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some(o) = f.option(OptionKind::Search) else {
        return;
    };
    if f.resource.is_none() || f.targets_type("Message") || is_sync(f) {
        return;
    }
    let what = f.last_navigation_name().unwrap_or("this resource");
    out.push(
        Diagnostic::error(
            codes::SEARCH_TARGET,
            o.span,
            format!("$search is supported on messages only, not on {what}"),
        )
        .with_help("search contacts and events with $filter instead"),
    );
}

/// AQS property restrictions (`subject:pizza`) use only the documented keywords.
fn search_property(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some((expr, map)) = f.search else { return };
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        let (text, offset) = match &e.kind {
            SearchExprKind::Word(w) => (w.as_ref(), 0u32),
            SearchExprKind::Phrase(p) => (p.as_ref(), 1u32),
            SearchExprKind::Not(x) => {
                stack.push(x);
                continue;
            }
            SearchExprKind::And(b) | SearchExprKind::Or(b) => {
                stack.push(&b.0);
                stack.push(&b.1);
                continue;
            }
        };
        let Some((keyword, _)) = text.split_once(':') else {
            continue;
        };
        if keyword.is_empty() || !keyword.bytes().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if SEARCH_PROPERTIES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(keyword))
        {
            continue;
        }
        let start = e.span().start.saturating_add(offset);
        let len = u32::try_from(keyword.len()).unwrap_or(0);
        let span = map.url(Span::new(start, start.saturating_add(len)));
        let mut d = Diagnostic::error(
            codes::SEARCH_PROPERTY,
            span,
            format!("'{keyword}' is not a searchable property"),
        );
        d.help = crate::bind::suggest::did_you_mean(keyword, SEARCH_PROPERTIES).or_else(|| {
            Some(format!(
                "searchable properties: {}",
                SEARCH_PROPERTIES.join(", ")
            ))
        });
        out.push(d);
    }
}

/// `$top` is at most 50 on collections.
fn top_limit(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some((n, span)) = f.top else { return };
    if n > MAX_TOP && f.resource.as_ref().is_some_and(|r| r.collection) {
        out.push(
            Diagnostic::error(
                codes::TOP_LIMIT,
                span,
                format!("$top is at most {MAX_TOP}, found {n}"),
            )
            .with_help("page through the results with $skip or the nextLink"),
        );
    }
}

/// Where the first `://` of `url` is (like `url.find("://")`, without setting up a
/// substring searcher for a URL of a few dozen bytes).
fn find_scheme_separator(url: &str) -> Option<usize> {
    url.as_bytes().windows(3).position(|w| w == b"://")
}

/// The properties in `$filter` (first use, in order), as typed member lists.
fn filter_properties<'f>(f: &'f Facts<'_, '_>) -> Vec<(&'f [crate::edm::PathSegment], Span)> {
    let mut out: Vec<(&[crate::edm::PathSegment], Span)> = Vec::new();
    for p in f
        .paths
        .iter()
        .filter(|p| p.place == super::Place::Filter && !p.in_lambda)
    {
        if !out
            .iter()
            .any(|(s, _)| crate::edm::vocab::same_members(s, &p.segments))
        {
            out.push((&p.segments, p.span));
        }
    }
    out
}

/// With `$filter` and `$orderby`, `$orderby` lists the filtered properties first, in the
/// order they appear in `$filter`.
fn orderby_order(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if is_sync(f) || f.filter.is_none() {
        return;
    }
    // The top-level items, taken one per filtered property below.
    let mut items = f.orderby.iter().filter(|o| !o.nested).peekable();
    if items.peek().is_none() {
        return;
    }
    let filtered = filter_properties(f);
    for (want, _) in &filtered {
        let item = items.next();
        let ok = item
            .and_then(|o| o.path.as_ref())
            .is_some_and(|p| crate::edm::vocab::same_members(p, want));
        if !ok {
            let expected: Vec<String> = filtered.iter().map(|(s, _)| f.path_text(s)).collect();
            let span = item.map_or_else(
                || f.option(OptionKind::OrderBy).map_or(Span::NONE, |o| o.span),
                |o| o.item_span,
            );
            out.push(
                Diagnostic::error(
                    codes::ORDERBY_ORDER,
                    span,
                    format!(
                        "$orderby must start with the $filter properties in order: {}",
                        expected.join(", ")
                    ),
                )
                .with_help(format!("write $orderby={},…", expected.join(","))),
            );
            return;
        }
    }
}

/// Whether the request synchronizes what a navigation named `name` addresses.
fn syncs(f: &Facts<'_, '_>, name: &str) -> bool {
    is_sync(f)
        && f.last_navigation_name()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

/// `ReceivedDateTime ge|gt <value>`.
fn is_received_since(e: &Expr<'_>) -> bool {
    let ExprKind::Binary {
        op: BinaryOp::Ge | BinaryOp::Gt,
        operands,
    } = &e.kind
    else {
        return false;
    };
    let ExprKind::Path(p) = &operands.0.kind else {
        return false;
    };
    matches!(p.root, PathRoot::Implicit)
        && matches!(&p.segments[..], [s] if matches!(&s.kind, PathSegmentKind::Member { name, key: None } if name.eq_ignore_ascii_case("ReceivedDateTime")))
        && matches!(operands.1.kind, ExprKind::Literal(_))
}

/// Message sync: only `ReceivedDateTime ge|gt`, only `ReceivedDateTime desc`, no `$search`.
fn sync_messages(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !syncs(f, "Messages") {
        return;
    }
    if let Some((e, map)) = f.filter
        && !is_received_since(e)
    {
        out.push(
            Diagnostic::error(
                codes::SYNC_FILTER,
                map.url(e.span()),
                "a message sync can only filter on ReceivedDateTime ge or gt a value",
            )
            .with_help("write $filter=ReceivedDateTime ge 2016-01-01T00:00:00Z"),
        );
    }
    let items: Vec<_> = f.orderby.iter().filter(|o| !o.nested).collect();
    let ok_order = match items.as_slice() {
        [] => true,
        [o] => o.descending && o.name.eq_ignore_ascii_case("ReceivedDateTime"),
        _ => false,
    };
    if !ok_order && let Some(o) = f.option(OptionKind::OrderBy) {
        out.push(
            Diagnostic::error(
                codes::SYNC_ORDERBY,
                o.span,
                "a message sync can only sort by ReceivedDateTime desc",
            )
            .with_help("write $orderby=ReceivedDateTime desc"),
        );
    }
    if let Some(o) = f.option(OptionKind::Search) {
        out.push(Diagnostic::error(
            codes::SYNC_SEARCH,
            o.span,
            "a message sync does not support $search",
        ));
    }
}

const SYNC_OPTIONS: [(OptionKind, &str); 4] = [
    (OptionKind::Filter, "$filter"),
    (OptionKind::OrderBy, "$orderby"),
    (OptionKind::Search, "$search"),
    (OptionKind::Top, "$top"),
];

/// Contact sync: no `$filter`, `$orderby`, `$search` or `$top`.
fn sync_contacts(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !syncs(f, "Contacts") {
        return;
    }
    for (kind, name) in SYNC_OPTIONS {
        if let Some(o) = f.options.iter().find(|o| o.kind == kind) {
            out.push(
                Diagnostic::error(
                    codes::SYNC_OPTION,
                    o.span,
                    format!("{name} is not supported when synchronizing contacts"),
                )
                .with_help("contact sync is full synchronization; use $select only"),
            );
        }
    }
}

/// Folder-hierarchy sync ignores `$filter`, `$orderby`, `$search` and `$top`.
fn sync_folders(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !(syncs(f, "MailFolders") || syncs(f, "ChildFolders")) {
        return;
    }
    for (kind, name) in SYNC_OPTIONS {
        if let Some(o) = f.options.iter().find(|o| o.kind == kind) {
            out.push(Diagnostic::warning(
                codes::SYNC_IGNORED,
                o.span,
                format!("{name} is ignored when synchronizing the folder hierarchy"),
            ));
        }
    }
}

/// `$deltatoken` requests need `Prefer: odata.track-changes` (`$skiptoken` ones do not).
fn sync_prefer(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    if is_sync(f) {
        return;
    }
    if let Some(o) = f.option(OptionKind::DeltaToken) {
        out.push(
            Diagnostic::error(
                codes::SYNC_PREFER,
                o.span,
                "a $deltatoken request needs the header Prefer: odata.track-changes",
            )
            .with_help("add the header: Prefer: odata.track-changes"),
        );
    }
}

/// `$expand` on messages and events: attachments, extensions and extended properties.
fn expand_attachments(f: &Facts<'_, '_>, out: &mut Vec<Diagnostic>) {
    const ALLOWED: [&str; 4] = [
        "Attachments",
        "Extensions",
        "SingleValueExtendedProperties",
        "MultiValueExtendedProperties",
    ];
    for e in f.expands.iter().filter(|e| e.depth == 1) {
        let from = f.model.structured_type_name(e.from).name();
        let on_item = f
            .model
            .type_chain(e.from)
            .any(|t| matches!(f.model.structured_type_name(t).name(), "Message" | "Event"));
        if !on_item {
            continue;
        }
        let name = &*f.model.navigation_property(e.navigation_property).name;
        if !ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            out.push(
                Diagnostic::error(
                    codes::EXPAND,
                    e.span,
                    format!("$expand on {from} supports attachments only, not '{name}'"),
                )
                .with_help("expand Attachments, or read the related item with its own request"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
