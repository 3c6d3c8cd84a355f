//! The JSON rendering, written by hand (odata-parser has no JSON dependency): keys in a
//! fixed order, strings escaped as RFC 8259 requires. The schema is documented in
//! [`crate::edm::diff`].

use std::fmt::Write as _;

use super::super::change::{Counts, ElementKind, SchemaDiff};

/// Appends `text` as a JSON string.
fn string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(t) => string(out, t),
        None => out.push_str("null"),
    }
}

fn counts(out: &mut String, c: &Counts) {
    let _ = write!(
        out,
        "{{\"added\": {}, \"removed\": {}, \"changed\": {}, \"breaking\": {}}}",
        c.added, c.removed, c.changed, c.breaking
    );
}

/// The diff as JSON for tools: `version`, `summary` (totals and counts for every element
/// kind) and `changes` (each with `kind`, `element`, `namespace`, `change`, `aspect`,
/// `breaking`, `reason`, `old`, `new`, `also`), ending with a newline.
#[must_use]
pub fn render_json(diff: &SchemaDiff) -> String {
    let summary = diff.summary();
    let t = summary.total;
    let mut out = String::from("{\n  \"version\": 1,\n  \"summary\": {\n");
    let _ = writeln!(
        out,
        "    \"total\": {},\n    \"added\": {},\n    \"removed\": {},\n    \"changed\": {},\n    \"breaking\": {},",
        t.total(),
        t.added,
        t.removed,
        t.changed,
        t.breaking
    );
    out.push_str("    \"by_kind\": {\n");
    for (i, kind) in ElementKind::ALL.iter().enumerate() {
        let _ = write!(out, "      \"{}\": ", kind.as_str());
        counts(
            &mut out,
            &summary.by_kind.get(kind).copied().unwrap_or_default(),
        );
        out.push_str(if i + 1 < ElementKind::ALL.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    out.push_str("    }\n  },\n  \"changes\": [");
    for (i, c) in diff.changes().iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let _ = write!(
            out,
            "    {{\n      \"kind\": \"{}\",\n      \"element\": ",
            c.kind.as_str()
        );
        string(&mut out, &c.element);
        out.push_str(",\n      \"namespace\": ");
        string(&mut out, &c.namespace);
        let _ = write!(
            out,
            ",\n      \"change\": \"{}\",\n      \"aspect\": ",
            c.change.as_str()
        );
        optional(&mut out, c.aspect);
        let _ = write!(
            out,
            ",\n      \"breaking\": {},\n      \"reason\": ",
            c.breaking
        );
        string(&mut out, &c.reason);
        out.push_str(",\n      \"old\": ");
        optional(&mut out, c.old.as_deref());
        out.push_str(",\n      \"new\": ");
        optional(&mut out, c.new.as_deref());
        out.push_str(",\n      \"also\": [");
        for (i, path) in c.also.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            string(&mut out, path);
        }
        out.push_str("]\n    }");
    }
    out.push_str(if diff.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        let mut out = String::new();
        super::string(&mut out, "a\"b\\c\nd\u{1}e\u{7f}é");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001e\u{7f}é\"");
    }
}
