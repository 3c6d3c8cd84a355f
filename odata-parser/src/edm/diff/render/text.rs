//! The terminal rendering: a summary line, then the changes grouped by section and
//! namespace, two lines each; breaking ones marked with `!` and `breaking:`.

use std::fmt::Write as _;

use super::super::change::{ChangeKind, SchemaDiff};
use super::{also, detail, grouped, sign};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD_RED: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The diff as text for a terminal. `color` adds ANSI colours (the CLI passes `true` only
/// when writing to a terminal): green additions, red removals, yellow changes, breaking
/// changes in bold red.
///
/// ```text
/// 2 changes, 1 breaking (1 added, 0 removed, 1 changed)
///
/// Entity types
///   Mail
///   ! ~ property Mail.Message/Size [type: Edm.Int64 -> Edm.Int32]
///         breaking: type narrowed: values the old client may send are no longer accepted
///     + property Mail.Message/Tag [Edm.String]
///         nullable property added
/// ```
#[must_use]
pub fn render_text(diff: &SchemaDiff, color: bool) -> String {
    let paint = |code: &'static str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str("no differences\n");
        return out;
    }
    let t = diff.summary().total;
    let _ = writeln!(
        out,
        "{} changes, {} breaking ({} added, {} removed, {} changed)",
        t.total(),
        t.breaking,
        t.added,
        t.removed,
        t.changed
    );
    for (section, namespaces) in grouped(diff, |_| true) {
        let _ = writeln!(out, "\n{}", paint(BOLD, section.title()));
        for (ns, changes) in namespaces {
            let _ = writeln!(
                out,
                "  {}",
                paint(DIM, if ns.is_empty() { "(no namespace)" } else { ns })
            );
            for c in changes {
                let mark = if c.breaking {
                    paint(BOLD_RED, "!")
                } else {
                    " ".to_owned()
                };
                let colour = match c.change {
                    ChangeKind::Added => GREEN,
                    ChangeKind::Removed => RED,
                    ChangeKind::Changed => YELLOW,
                };
                let s = paint(colour, &sign(c.change).to_string());
                let d = detail(c, str::to_owned, "->");
                let d = if d.is_empty() { d } else { format!(" [{d}]") };
                let _ = writeln!(out, "  {mark} {s} {} {}{d}", c.kind, c.element);
                if c.breaking {
                    let _ = writeln!(out, "        {} {}", paint(BOLD_RED, "breaking:"), c.reason);
                } else {
                    let _ = writeln!(out, "        {}", c.reason);
                }
                if !c.also.is_empty() {
                    let _ = writeln!(out, "        also at {}", also(&c.also, str::to_owned));
                }
            }
        }
    }
    out
}
