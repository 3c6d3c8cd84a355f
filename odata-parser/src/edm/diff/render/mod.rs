//! The three renderings of a [`SchemaDiff`]: text for terminals, Markdown for pull-request
//! comments, JSON for tools. All are deterministic: changes come in element-path order.

mod json;
mod markdown;
mod text;

pub use json::render_json;
pub use markdown::{MarkdownOptions, render_markdown, render_markdown_with};
pub use text::render_text;

use super::change::{Change, ChangeKind, SchemaDiff, Section};

/// The changes of one namespace, in order.
pub(crate) type Namespace<'d> = (&'d str, Vec<&'d Change>);

/// The changes grouped by section, then namespace, in order; `filter` selects changes.
pub(crate) fn grouped(
    diff: &SchemaDiff,
    filter: impl Fn(&Change) -> bool,
) -> Vec<(Section, Vec<Namespace<'_>>)> {
    let mut map: std::collections::BTreeMap<
        Section,
        std::collections::BTreeMap<&str, Vec<&Change>>,
    > = std::collections::BTreeMap::new();
    for c in diff.changes().iter().filter(|c| filter(c)) {
        map.entry(c.section)
            .or_default()
            .entry(&c.namespace)
            .or_default()
            .push(c);
    }
    map.into_iter()
        .map(|(s, by_ns)| (s, by_ns.into_iter().collect()))
        .collect()
}

/// `+`, `-` or `~`.
pub(crate) fn sign(change: ChangeKind) -> char {
    match change {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Changed => '~',
    }
}

/// Values longer than this are left out of the one-line renderings (the reason says what
/// changed; JSON always has them).
pub(crate) const SHORT: usize = 60;

/// The value(s) worth showing inline: `(aspect: old -> new)`, `(aspect)`, `(value)`.
pub(crate) fn detail(c: &Change, code: impl Fn(&str) -> String, arrow: &str) -> String {
    fn short(v: &Option<String>) -> Option<&str> {
        v.as_deref().filter(|s| s.chars().count() <= SHORT)
    }
    match (c.change, c.aspect) {
        (ChangeKind::Changed, Some(aspect)) => match (short(&c.old), short(&c.new)) {
            (Some(o), Some(n)) => format!("{aspect}: {} {arrow} {}", code(o), code(n)),
            _ => aspect.to_owned(),
        },
        (ChangeKind::Added, _) => short(&c.new).map(&code).unwrap_or_default(),
        (ChangeKind::Removed, _) => short(&c.old).map(&code).unwrap_or_default(),
        (ChangeKind::Changed, None) => String::new(),
    }
}

/// How many of [`Change::also`] the one-line renderings name.
pub(crate) const ALSO: usize = 5;

/// `a, b, c and 4 more`: the other paths of a merged change.
pub(crate) fn also(paths: &[String], code: impl Fn(&str) -> String) -> String {
    let named: Vec<String> = paths.iter().take(ALSO).map(|p| code(p)).collect();
    let mut s = named.join(", ");
    if paths.len() > ALSO {
        let _ =
            std::fmt::Write::write_fmt(&mut s, format_args!(" and {} more", paths.len() - ALSO));
    }
    s
}
