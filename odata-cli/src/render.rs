//! Error output for people: the message, the offset, and a caret under the input.

use std::fmt::Write as _;

use odata_parser::ParseError;

/// Renders `err` against the `input` it came from, rustc style.
pub(crate) fn error_report(input: &str, err: &ParseError) -> String {
    let mut out = String::new();
    let span = err.span();
    let start = (span.start as usize).min(input.len());
    let end = (span.end as usize).clamp(start, input.len());
    let _ = writeln!(out, "error: {err}");
    let _ = writeln!(out, "  --> offset {start}");
    // Show the line of a multi-line input that holds the error, tabs as spaces.
    let line_start = input[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = input[start..].find('\n').map_or(input.len(), |n| start + n);
    let line: String = input[line_start..line_end]
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let pad = input[line_start..start].chars().count();
    let width = input[start..end.min(line_end)].chars().count().max(1);
    let _ = writeln!(out, "   |");
    let _ = writeln!(out, "   | {line}");
    let _ = writeln!(out, "   | {}{}", " ".repeat(pad), "^".repeat(width));
    if let Some(help) = err.help() {
        let _ = writeln!(out, "   = help: {help}");
    }
    out
}

/// One line for `--lines` output: the message without line breaks.
pub(crate) fn one_line(err: &ParseError) -> String {
    err.to_string().replace(['\n', '\r'], " ")
}
