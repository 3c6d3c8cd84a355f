//! The binder: finds the service root, parses the rest of the URL, binds the resource path
//! ([`path`]) and the query options ([`options`], [`expr`]) to the model, collects [`Facts`]
//! and runs the rules.

mod expr;
mod functions;
mod operators;
mod options;
mod path;

use std::borrow::Cow;
use std::sync::Arc;

use crate::ast::{Expr, QueryOptionKind};
use crate::bind::diagnostics::{Code, Diagnostic, Sink};
use crate::bind::rules::{self, Facts, Prefer, ServiceProfile, SpanMap};
use crate::bind::suggest;
use crate::bind::types::ExprType;
use crate::bind::{BoundRequest, BoundSegment, Report, Request, TypedSpan, Validator};
use crate::edm::vocab::{Capabilities, NavigationPath};
use crate::edm::{ContainerChild, Model, StructuredTypeId};
use crate::query::{ODataUri, QueryOptions};
use crate::span::Span;

pub(crate) use expr::Scope;

/// How far the binder descends into nested expressions and expand options.
const MAX_DEPTH: u32 = 96;

/// Maps offsets in the text that was parsed (the URL after the service root, with a tolerated
/// trailing slash removed) to offsets in the URL.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TextMap {
    root: u32,
    removed: Option<u32>,
}

impl TextMap {
    fn offset(self, o: u32) -> u32 {
        let extra = u32::from(self.removed.is_some_and(|r| o >= r));
        o.saturating_add(self.root).saturating_add(extra)
    }

    pub(crate) fn url(self, s: Span) -> Span {
        Span::new(self.offset(s.start), self.offset(s.end))
    }
}

/// One validation in progress.
pub(crate) struct Binder<'a, 'v, 'm> {
    pub(crate) model: &'m Model,
    pub(crate) validator: &'v Validator<'m>,
    pub(crate) profile: &'v dyn ServiceProfile,
    pub(crate) ci: bool,
    pub(crate) sink: Sink<'v>,
    pub(crate) facts: Facts<'a, 'm>,
    pub(crate) text: TextMap,
    pub(crate) depth: u32,
    pub(crate) too_deep: bool,
    pub(crate) types: Vec<TypedSpan>,
    pub(crate) segments: Vec<BoundSegment>,
    /// The type of the addressed resource.
    pub(crate) resource_type: Option<ExprType>,
    /// Where the resource path ends in the URL.
    pub(crate) path_end: u32,
    /// Parameter aliases of the query: name, value and the map of its spans.
    pub(crate) aliases: Vec<(&'a str, &'a Expr<'a>, SpanMap<'a>)>,
    /// `$compute` aliases and their types.
    pub(crate) computed: Vec<(String, ExprType)>,
}

/// Validates one request (see [`Validator::validate`]).
pub(crate) fn validate(validator: &Validator<'_>, request: &Request<'_>) -> Report {
    let profile = validator.current_profile().service();
    let url = request.url;
    let mut sink = Sink::new(profile);
    let (root, relative_start) = find_root(validator, profile, url, &mut sink);
    let opts = profile.parse_options();
    // The text to parse: after the root, without a tolerated trailing slash before `?`.
    let rest = url.get(relative_start..).unwrap_or("");
    let path_len = rest.find(['?', '#']).unwrap_or(rest.len());
    let mut text_map = TextMap {
        root: u32::try_from(relative_start).unwrap_or(u32::MAX),
        removed: None,
    };
    let text: Cow<'_, str> =
        if profile.trailing_slash() && path_len > 1 && rest[..path_len].ends_with('/') {
            text_map.removed = u32::try_from(path_len - 1).ok();
            Cow::Owned(format!("{}{}", &rest[..path_len - 1], &rest[path_len..]))
        } else {
            Cow::Borrowed(rest)
        };
    let text: &str = &text;
    let parsed = ODataUri::parse_relative(text, &opts);
    let mut recovered_path = None;
    let mut recovered_queries = Vec::new();
    let uri = match parsed {
        Ok(uri) => Some(uri),
        Err(err) => {
            sink.push(
                Diagnostic::from_parse_error(&err, text_map.url(err.span())),
                "",
            );
            (recovered_path, recovered_queries) = recover(text, &opts, text_map, &mut sink);
            None
        }
    };
    let mut b = Binder {
        model: validator.model(),
        validator,
        profile,
        ci: profile.case_insensitive_names(),
        sink,
        facts: Facts {
            model: validator.model(),
            method: request.method,
            url,
            prefer: prefer(&request.headers),
            resource: None,
            options: Vec::new(),
            filter: None,
            search: None,
            top: None,
            count: None,
            paths: Vec::new(),
            calls: Vec::new(),
            orderby: Vec::new(),
            expands: Vec::new(),
        },
        text: text_map,
        depth: 0,
        too_deep: false,
        types: Vec::new(),
        segments: Vec::new(),
        resource_type: None,
        path_end: 0,
        aliases: Vec::new(),
        computed: Vec::new(),
    };
    // One query, or (after a parse error) those that parsed; only the latter needs a Vec.
    let single = uri.as_ref().and_then(|u| u.query().zip(u.query_offset()));
    let recovered: Vec<(&QueryOptions<'_>, u32)> =
        recovered_queries.iter().map(|(q, at)| (q, *at)).collect();
    let queries = if uri.is_some() {
        single.as_slice()
    } else {
        recovered.as_slice()
    };
    if !queries.is_empty() {
        // Enough for a typical query's paths and expressions without regrowing.
        b.types.reserve(16);
    }
    let mut bound = None;
    let path_uri = uri.as_ref().or(recovered_path.as_ref());
    b.collect_aliases(queries);
    let resource = match path_uri {
        Some(p) if !p.resource().segments.is_empty() => b.bind_path(p),
        _ => None,
    };
    b.bind_queries(queries, resource.as_ref());
    if path_uri.is_some() {
        b.facts.resource = resource;
        rules::run(&b.facts, profile, &mut b.sink);
        bound = Some(b.bound_request(root));
    }
    let mut diagnostics = b.sink.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Report {
        url: url.to_owned(),
        diagnostics,
        bound,
    }
}

/// After a parse error: parses the path on its own and every `&`-separated query option on
/// its own, reporting each further error, so one mistake does not hide the others.
fn recover<'t>(
    text: &'t str,
    opts: &crate::query::ParseOptions,
    map: TextMap,
    sink: &mut Sink<'_>,
) -> (Option<ODataUri<'t>>, Vec<(QueryOptions<'t>, u32)>) {
    let mut queries = Vec::new();
    let before_fragment = &text[..text.find('#').unwrap_or(text.len())];
    let q = before_fragment.find('?');
    let path_text = &before_fragment[..q.unwrap_or(before_fragment.len())];
    let path = match ODataUri::parse_relative(path_text, opts) {
        Ok(p) => Some(p),
        Err(e) => {
            sink.push(Diagnostic::from_parse_error(&e, map.url(e.span())), "");
            None
        }
    };
    if let Some(q) = q {
        let query = &before_fragment[q + 1..];
        let mut at = q + 1;
        for piece in query.split('&') {
            let start = u32::try_from(at).unwrap_or(u32::MAX);
            at += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            match QueryOptions::parse(piece, opts) {
                Ok(o) => queries.push((o, start)),
                Err(e) => sink.push(
                    Diagnostic::from_parse_error(&e, map.url(e.span().shift(start))),
                    "",
                ),
            }
        }
    }
    (path, queries)
}

/// Finds the service root: given to the validator, found by the profile, or inferred.
/// Returns the root's span and where the text to parse starts.
fn find_root(
    validator: &Validator<'_>,
    profile: &dyn ServiceProfile,
    url: &str,
    sink: &mut Sink<'_>,
) -> (Span, usize) {
    let Some(after_scheme) = scheme_end(url) else {
        // A URL relative to the service root.
        let start = usize::from(url.starts_with('/'));
        return (Span::new(0, 0), start);
    };
    if let Some(root) = &validator.service_root {
        let r = root.trim_end_matches('/');
        if url.len() >= r.len() && url.as_bytes()[..r.len()].eq_ignore_ascii_case(r.as_bytes()) {
            let end = if url.as_bytes().get(r.len()) == Some(&b'/') {
                r.len() + 1
            } else {
                r.len()
            };
            return (Span::from_range(0..end), end);
        }
        sink.push(
            Diagnostic::error(
                Code::SERVICE_ROOT,
                Span::from_range(0..url.len().min(r.len())),
                format!("the URL does not start with the service root '{root}'"),
            ),
            "",
        );
    }
    let mut found = Vec::new();
    if let Some(end) = profile.service_root(url, &mut found) {
        for d in found {
            sink.push(d, "");
        }
        let end = end.min(url.len());
        return (Span::from_range(0..end), end);
    }
    for d in found {
        sink.push(d, "");
    }
    // Infer: before the first segment that names a container child or starts with `$`.
    let host_end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |n| after_scheme + n + 1);
    let path_end = url[host_end.min(url.len())..]
        .find(['?', '#'])
        .map_or(url.len(), |n| host_end + n);
    let model = validator.model();
    // Exact names first; then names that differ in case (binding reports them).
    for ci in [false, true] {
        let mut at = host_end;
        while at < path_end {
            let seg_end = url[at..path_end].find('/').map_or(path_end, |n| at + n);
            let seg = &url[at..seg_end];
            let name = &seg[..seg.find('(').unwrap_or(seg.len())];
            let known = if ci {
                model.container_child_ci(name).is_some()
            } else {
                model.container_child(name).is_some()
            };
            if known || seg.starts_with('$') {
                return (Span::from_range(0..at), at);
            }
            at = seg_end + 1;
        }
    }
    let names: Vec<&str> = container_names(model);
    // No name matches: start at the first segment close to one, so binding reports it with
    // a suggestion.
    let mut at = host_end;
    while at < path_end {
        let seg_end = url[at..path_end].find('/').map_or(path_end, |n| at + n);
        let seg = &url[at..seg_end];
        let name = &seg[..seg.find('(').unwrap_or(seg.len())];
        if name.len() > 1 && suggest::closest(name, names.iter().copied()).is_some() {
            return (Span::from_range(0..at), at);
        }
        at = seg_end + 1;
    }
    let span = Span::from_range(host_end.min(url.len())..path_end.min(url.len()));
    let mut d = Diagnostic::error(
        Code::SERVICE_ROOT,
        span,
        "no segment of the path names an entity set, singleton or operation import",
    );
    let last = url[..path_end].rsplit('/').next().unwrap_or("");
    d.help = suggest::did_you_mean(last, names.iter().copied()).or_else(|| {
        Some("give the service root with --service-root (Validator::service_root)".to_owned())
    });
    sink.push(d, "");
    (span, path_end.min(url.len()))
}

fn container_names(model: &Model) -> Vec<&str> {
    let mut names: Vec<&str> = model.entity_sets().map(|(_, s)| &*s.name).collect();
    names.extend(model.singletons().map(|(_, s)| &*s.name));
    names.extend(model.operation_imports().map(|(_, s)| &*s.name));
    names
}

/// The offset after `scheme://` of an absolute URL: a non-empty run of scheme characters
/// directly followed by the first `://`.
fn scheme_end(url: &str) -> Option<usize> {
    let n = url
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        .count();
    (n > 0 && url[n..].starts_with("://")).then_some(n + 3)
}

/// The preferences of the `Prefer` headers.
fn prefer(headers: &[(&str, &str)]) -> Prefer {
    let mut p = Prefer::default();
    for (name, value) in headers {
        if !name.trim().eq_ignore_ascii_case("prefer") {
            continue;
        }
        for pref in value.split(',') {
            let (key, val) = match pref.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim().trim_matches('"'))),
                None => (pref.trim(), None),
            };
            let key = key.strip_prefix("odata.").unwrap_or(key);
            if key.eq_ignore_ascii_case("track-changes") {
                p.track_changes = true;
            } else if key.eq_ignore_ascii_case("maxpagesize") {
                p.max_page_size = val.and_then(|v| v.parse().ok());
            }
        }
    }
    p
}

impl<'a, 'v, 'm> Binder<'a, 'v, 'm> {
    /// Reports a standard diagnostic about `subject`.
    pub(crate) fn report(&mut self, d: Diagnostic, subject: &str) {
        self.sink.push(d, subject);
    }

    /// The capabilities of a navigation path (cached by the validator).
    pub(crate) fn caps(&self, path: &NavigationPath) -> Arc<Capabilities<'m>> {
        self.validator.capabilities(path)
    }

    /// Records the type of a path or expression.
    pub(crate) fn record(&mut self, span: Span, ty: ExprType) {
        self.types.push(TypedSpan { span, ty });
    }

    /// Enters one level of nesting; `false` (after one diagnostic) when too deep.
    pub(crate) fn enter(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.report(
                    Diagnostic::error(
                        Code::TOO_DEEP,
                        span,
                        format!("nesting is deeper than the limit of {MAX_DEPTH} levels"),
                    )
                    .with_help("simplify the expression"),
                    "",
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    /// Leaves a level entered with [`Self::enter`].
    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// A container child by name, exactly or (profile permitting) ignoring case.
    pub(crate) fn container_child(&self, name: &str) -> Option<ContainerChild> {
        if self.ci {
            self.model.container_child_ci(name)
        } else {
            self.model.container_child(name)
        }
    }

    /// A member of `ty` by name, exactly or (profile permitting) ignoring case.
    pub(crate) fn member(&self, ty: StructuredTypeId, name: &str) -> Option<crate::edm::MemberId> {
        if self.ci {
            self.model.member_ci(ty, name)
        } else {
            self.model.member(ty, name)
        }
    }

    /// `did you mean 'X'?` among the members of `ty` (and its derived types' names when casts help).
    pub(crate) fn member_help(&self, ty: StructuredTypeId, name: &str) -> Option<String> {
        let props = self.model.all_properties(ty);
        let navs = self.model.all_navigation_properties(ty);
        let names = props
            .iter()
            .map(|(_, p)| &*p.name)
            .chain(navs.iter().map(|(_, n)| &*n.name));
        let mut help = suggest::did_you_mean(name, names);
        if help.is_none() {
            // A member of a derived type needs a cast first.
            for d in self.model.all_derived_types(ty) {
                if self
                    .model
                    .declared_properties(d)
                    .any(|(_, p)| p.name.eq_ignore_ascii_case(name))
                    || self
                        .model
                        .declared_navigation_properties(d)
                        .any(|(_, p)| p.name.eq_ignore_ascii_case(name))
                {
                    help = Some(format!(
                        "'{name}' is declared on the derived type '{}': cast first, e.g. {}/{name}",
                        self.model.structured_type_name(d),
                        self.model.structured_type_name(d)
                    ));
                    break;
                }
            }
        }
        if help.is_none() && !self.ci && self.model.member_ci(ty, name).is_some() {
            help = Some("names are case-sensitive".to_owned());
        }
        help
    }

    /// Resolves a qualified type name written in the URL, with the profile's namespace aliases.
    pub(crate) fn find_item(&self, name: &str) -> Option<crate::edm::SchemaItem> {
        let direct = if self.ci {
            self.model.find_ci(name)
        } else {
            self.model.find(name)
        };
        direct.or_else(|| {
            let (ns, local) = name.rsplit_once('.')?;
            let real = self.profile.namespace_alias(ns)?;
            let full = format!("{real}.{local}");
            if self.ci {
                self.model.find_ci(&full)
            } else {
                self.model.find(&full)
            }
        })
    }

    /// Assembles the bound request.
    fn bound_request(&mut self, root: Span) -> BoundRequest {
        let mut types = std::mem::take(&mut self.types);
        types.sort_by_key(|t| (t.span.start, t.span.end));
        types.dedup_by_key(|t| t.span);
        // The rules have run: the path moves out of the facts.
        let resource = self.facts.resource.as_mut();
        let navigation_path = resource.and_then(|r| r.path.take());
        let resource = self.facts.resource.as_ref();
        BoundRequest {
            service_root: root,
            segments: std::mem::take(&mut self.segments),
            navigation_path,
            entity_type: resource.and_then(|r| r.entity_type),
            resource_type: self.resource_type,
            types,
        }
    }
}

/// The kinds of query options, for facts.
pub(crate) fn option_kind(kind: &QueryOptionKind<'_>) -> rules::OptionKind {
    use crate::ast::SystemQueryOption as S;
    use rules::OptionKind as K;
    match kind {
        QueryOptionKind::System(s) => match s {
            S::Filter(_) => K::Filter,
            S::Search(_) => K::Search,
            S::OrderBy(_) => K::OrderBy,
            S::Top(_) => K::Top,
            S::Skip(_) => K::Skip,
            S::Count(_) => K::Count,
            S::Select(_) => K::Select,
            S::Expand(_) => K::Expand,
            S::Compute(_) => K::Compute,
            S::Format(_) => K::Format,
            S::SkipToken(_) => K::SkipToken,
            S::DeltaToken(_) => K::DeltaToken,
            _ => K::Other,
        },
        QueryOptionKind::Alias { .. } => K::Alias,
        QueryOptionKind::Custom { .. } => K::Custom,
    }
}
