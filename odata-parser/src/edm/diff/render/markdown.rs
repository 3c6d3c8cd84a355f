//! The pull-request rendering: counts per element kind, then the breaking changes and the
//! others, each grouped by section; long sections folded and capped.

use std::fmt::Write as _;

use super::super::change::{Change, SchemaDiff};
use super::{also, detail, grouped};

/// Sections with more changes than this are folded into `<details>`.
const FOLD: usize = 10;

/// Options of [`render_markdown_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkdownOptions {
    max_per_section: usize,
    max_bytes: usize,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            max_per_section: 100,
            max_bytes: 60_000,
        }
    }
}

impl MarkdownOptions {
    /// The default options: at most 100 changes listed per section, and no more changes
    /// listed once the report reaches 60,000 bytes (GitHub refuses comments over 65,536
    /// characters).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The size after which no further changes are listed (each section then only says how
    /// many it has). Breaking changes come first, so they are the last to be cut.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut options = odata_parser::edm::diff::MarkdownOptions::new();
    /// options.max_bytes(usize::MAX);
    /// ```
    pub fn max_bytes(&mut self, max: usize) -> &mut Self {
        self.max_bytes = max;
        self
    }

    /// The most changes listed per section (of the breaking or the other changes); the rest
    /// are counted in a final line. `usize::MAX` lists everything.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut options = odata_parser::edm::diff::MarkdownOptions::new();
    /// options.max_per_section(usize::MAX);
    /// ```
    pub fn max_per_section(&mut self, max: usize) -> &mut Self {
        self.max_per_section = max;
        self
    }
}

/// Escapes text for Markdown outside code spans.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A code span that holds any text.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn item(c: &Change) -> String {
    let mut out = String::new();
    let d = detail(c, code, "→");
    let d = if d.is_empty() { d } else { format!(" ({d})") };
    let _ = write!(
        out,
        "- **{}** {} {}{d}: {}",
        c.change,
        c.kind,
        code(&c.element),
        escape(&c.reason)
    );
    if !c.also.is_empty() {
        let _ = write!(out, " (also at {})", also(&c.also, code));
    }
    out.push('\n');
    out
}

fn sections(out: &mut String, diff: &SchemaDiff, breaking: bool, options: &MarkdownOptions) {
    for (section, namespaces) in grouped(diff, |c| c.breaking == breaking) {
        let changes: Vec<&Change> = namespaces.into_iter().flat_map(|(_, c)| c).collect();
        let _ = writeln!(out, "#### {} ({})\n", section.title(), changes.len());
        let fold = changes.len() > FOLD;
        if fold {
            let _ = writeln!(
                out,
                "<details><summary>{} changes</summary>\n",
                changes.len()
            );
        }
        let mut listed = 0;
        for c in changes.iter().take(options.max_per_section) {
            let line = item(c);
            if out.len() + line.len() > options.max_bytes {
                break;
            }
            out.push_str(&line);
            listed += 1;
        }
        if changes.len() > listed {
            let _ = writeln!(
                out,
                "- … and {} more (`odata diff --format json` lists every change)",
                changes.len() - listed
            );
        }
        if fold {
            out.push_str("\n</details>\n");
        }
        out.push('\n');
    }
}

/// The diff as Markdown for a pull-request comment, with the default [`MarkdownOptions`].
#[must_use]
pub fn render_markdown(diff: &SchemaDiff) -> String {
    render_markdown_with(diff, &MarkdownOptions::default())
}

/// The diff as Markdown: a heading, a table of added/removed/changed/breaking counts per
/// element kind, then the breaking changes and the other changes, each by section.
#[must_use]
pub fn render_markdown_with(diff: &SchemaDiff, options: &MarkdownOptions) -> String {
    let mut out = String::from("## Schema diff\n\n");
    if diff.is_empty() {
        out.push_str("No differences.\n");
        return out;
    }
    let summary = diff.summary();
    let t = summary.total;
    let verdict = if t.breaking == 0 {
        "No breaking changes".to_owned()
    } else {
        format!(
            "**{} breaking change{}**",
            t.breaking,
            if t.breaking == 1 { "" } else { "s" }
        )
    };
    let _ = writeln!(
        out,
        "{verdict} in {} changes ({} added, {} removed, {} changed).\n",
        t.total(),
        t.added,
        t.removed,
        t.changed
    );
    out.push_str("| Element kind | Added | Removed | Changed | Breaking |\n");
    out.push_str("|---|--:|--:|--:|--:|\n");
    for (kind, c) in &summary.by_kind {
        let _ = writeln!(
            out,
            "| {kind} | {} | {} | {} | {} |",
            c.added, c.removed, c.changed, c.breaking
        );
    }
    let _ = writeln!(
        out,
        "| **total** | **{}** | **{}** | **{}** | **{}** |\n",
        t.added, t.removed, t.changed, t.breaking
    );
    if t.breaking > 0 {
        let _ = writeln!(out, "### Breaking changes ({})\n", t.breaking);
        sections(&mut out, diff, true, options);
    }
    let others = t.total() - t.breaking;
    if others > 0 {
        let _ = writeln!(out, "### Other changes ({others})\n");
        sections(&mut out, diff, false, options);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
