//! Doc comments: `Core.Description` and `Core.LongDescription` of a model
//! element, made safe for rustdoc, plus the line naming the CSDL element.
//!
//! Description text is the service's, not Markdown written for rustdoc: it is
//! joined into one line per paragraph (so no indented line becomes a doctest),
//! Markdown punctuation is escaped (no accidental links, HTML tags or
//! emphasis) and URLs are wrapped in `<…>` (so they are links, not lint warnings).

use odata_parser::edm::Target;
use proc_macro2::TokenStream;
use quote::quote;

use crate::type_space::TypeSpace;

const DESCRIPTION: &str = "Org.OData.Core.V1.Description";
const LONG_DESCRIPTION: &str = "Org.OData.Core.V1.LongDescription";

/// The description paragraphs of `target` (none when docs are off).
pub fn descriptions(space: &TypeSpace<'_>, target: Target) -> Vec<String> {
    if !space.config.docs {
        return Vec::new();
    }
    [DESCRIPTION, LONG_DESCRIPTION]
        .iter()
        .filter_map(|term| space.model.annotation(target, term, None))
        .filter_map(|a| a.value.as_ref()?.as_str())
        .flat_map(paragraphs)
        .collect()
}

/// `#[doc]` attributes: the descriptions, then the generator's own lines
/// (Markdown written here, not escaped), separated by blank doc lines.
pub fn doc_attrs(descriptions: &[String], own: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in descriptions.iter().chain(own) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(" {paragraph}"));
    }
    let lines = lines.iter().map(|l| {
        let l = if l.trim().is_empty() { "" } else { l.as_str() };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Splits service text at blank lines into escaped one-line paragraphs.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(escape(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(escape(&current.join(" ")));
    }
    out
}

/// Escapes Markdown in one paragraph of service text; URLs become autolinks.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match word.find("https://").or_else(|| word.find("http://")) {
            Some(start) => {
                let (before, url) = word.split_at(start);
                let url_end = url
                    .trim_end_matches(['.', ',', ';', ':', ')', ']', '\'', '"'])
                    .find(['<', '>', '`', '"', '\'', ')', ']'])
                    .unwrap_or_else(|| {
                        url.trim_end_matches(['.', ',', ';', ':', ')', ']', '\'', '"'])
                            .len()
                    });
                escape_word(before, &mut out);
                out.push('<');
                out.push_str(&url[..url_end]);
                out.push('>');
                escape_word(&url[url_end..], &mut out);
            }
            None => escape_word(word, &mut out),
        }
    }
    // A paragraph that starts like a heading, list item or block quote.
    if out.starts_with(['#', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    if let Some(end) = out.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && out[end..].starts_with(['.', ')'])
    {
        out.insert(end, '\\');
    }
    out
}

fn escape_word(word: &str, out: &mut String) {
    for c in word.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("Supports $filter (eq, ne)."),
            "Supports $filter (eq, ne)."
        );
        assert_eq!(
            escape("a [link] <b>bold</b> *x*"),
            r"a \[link\] \<b\>bold\</b\> \*x\*"
        );
        assert_eq!(
            escape("See https://learn.microsoft.com/graph/x, then go."),
            "See <https://learn.microsoft.com/graph/x>, then go."
        );
        assert_eq!(
            escape("see [RFC 7946](https://www.rfc-editor.org/rfc/rfc7946)."),
            r"see \[RFC 7946\](<https://www.rfc-editor.org/rfc/rfc7946>)."
        );
        assert_eq!(escape("# title"), r"\# title");
        assert_eq!(escape("1. first"), r"1\. first");
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("snake_case"), r"snake\_case");
    }

    #[test]
    fn paragraphs_are_joined_lines() {
        let p = paragraphs("first line\n    indented code?\n\n\nsecond");
        assert_eq!(p, ["first line indented code?", "second"]);
    }
}
