//! Helpers for the one-line parser tests (`case!`).

use crate::query::ValueKind;
use crate::query::resource::ODataUri;
use crate::{ParseError, ParseOptions, QueryOptions, Tree};

fn show<T>(r: Result<T, ParseError>, f: impl Fn(&T) -> String) -> String {
    match r {
        Ok(v) => f(&v),
        Err(e) => format!("error@{}: {e}", e.span()),
    }
}

pub(crate) fn filter(s: &str) -> String {
    show(crate::parse_filter(s), |e| Tree(e).to_string())
}

pub(crate) fn lenient(s: &str) -> String {
    show(crate::parse_filter_with(s, &ParseOptions::lenient()), |e| {
        Tree(e).to_string()
    })
}

/// The canonical form only.
pub(crate) fn canonical(s: &str) -> String {
    show(crate::parse_filter(s), ToString::to_string)
}

pub(crate) fn literal(s: &str) -> String {
    show(crate::parse_literal(s), |l| format!("{l:?}"))
}

pub(crate) fn value(s: &str, kind: ValueKind) -> String {
    show(crate::parse_primitive_value(s, kind), |l| format!("{l:?}"))
}

pub(crate) fn orderby(s: &str) -> String {
    show(crate::parse_orderby(s), |v| Tree(v.as_slice()).to_string())
}

pub(crate) fn compute(s: &str) -> String {
    show(crate::parse_compute(s), |v| Tree(v.as_slice()).to_string())
}

pub(crate) fn select(s: &str) -> String {
    show(crate::parse_select(s), |v| Tree(v.as_slice()).to_string())
}

pub(crate) fn expand(s: &str) -> String {
    show(crate::parse_expand(s), |v| Tree(v.as_slice()).to_string())
}

pub(crate) fn search(s: &str) -> String {
    show(crate::parse_search(s), |e| Tree(e).to_string())
}

pub(crate) fn query(s: &str) -> String {
    show(QueryOptions::parse(s, &ParseOptions::strict()), |q| {
        Tree(q.options()).to_string()
    })
}

pub(crate) fn query_lenient(s: &str) -> String {
    show(QueryOptions::parse(s, &ParseOptions::lenient()), |q| {
        Tree(q.options()).to_string()
    })
}

pub(crate) fn uri(s: &str) -> String {
    show(ODataUri::parse(s), |u| {
        let q = u
            .query()
            .map(|q| format!(" ? {}", Tree(q.options())))
            .unwrap_or_default();
        format!("root={:?} {}{q}", u.service_root(), Tree(u.resource()))
    })
}

pub(crate) fn relative(s: &str) -> String {
    show(ODataUri::parse_relative(s, &ParseOptions::strict()), |u| {
        let q = u
            .query()
            .map(|q| format!(" ? {}", Tree(q.options())))
            .unwrap_or_default();
        format!("{}{q}", Tree(u.resource()))
    })
}

/// sqlparser's `verified`: `text` parses, prints back as `canonical`, and the printed
/// form parses to an equal tree (also through its percent-encoded URL form).
pub(crate) fn verified_as(text: &str, canonical: &str) {
    use crate::ToUrlString;
    let e = crate::parse_filter(text).unwrap_or_else(|err| panic!("{text:?}: {err}"));
    let printed = e.to_string();
    assert_eq!(printed, canonical, "{text:?}");
    let again = crate::parse_filter(&printed).unwrap_or_else(|err| panic!("{printed:?}: {err}"));
    assert_eq!(again, e, "{text:?} printed as {printed:?}");
    let raw = format!("$filter={}", e.to_url_string());
    let q = QueryOptions::parse(&raw, &ParseOptions::strict())
        .unwrap_or_else(|err| panic!("{raw:?}: {err}"));
    assert_eq!(q.filter(), Some(&e), "{text:?} in URL form {raw:?}");
}

/// `verified_as(text, text)`: the text is already canonical.
pub(crate) fn verified(text: &str) {
    verified_as(text, text);
}
