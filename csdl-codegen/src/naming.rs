//! Rust names for CSDL names: case conversion (heck), identifier
//! sanitizing, keyword escaping and collision suffixes.
//!
//! Every identifier in generated code comes from here:
//! - types and enum variants are `UpperCamelCase`, fields and modules `snake_case`;
//! - characters other than ASCII letters, digits and `_` become a word
//!   `u<hex code point>`; a name that starts with a digit gets the prefix `_`
//!   (snake case) or `N` (camel case); an empty name becomes `unnamed`/`Unnamed`;
//! - Rust keywords become raw identifiers (`r#type`, `r#match`); the four that
//!   cannot be raw (`self`, `super`, `crate`, `Self`) get a suffix (`self_`,
//!   `SelfType`);
//! - names that collide after conversion (`Id` and `ID`, `type` and `Type`)
//!   are resolved in declaration order: the first keeps the name, later ones
//!   get `_2`, `_3`… (snake case) or `2`, `3`… (camel case).

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of Rust 2015–2024 (strict and reserved) that must be written raw.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Replaces characters that cannot appear in an identifier by `u<hex>` words.
fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("_u{:x}_", u32::from(c)));
        } else {
            out.push('_');
        }
    }
    out
}

/// `snake_case` form of a CSDL name, before keyword and collision handling.
#[must_use]
pub fn snake(name: &str) -> String {
    let s = sanitize(name).to_snake_case();
    if s.is_empty() {
        "unnamed".to_owned()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

/// `UpperCamelCase` form of a CSDL name, before collision handling.
#[must_use]
pub fn camel(name: &str) -> String {
    let s = sanitize(name).to_upper_camel_case();
    if s.is_empty() {
        "Unnamed".to_owned()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{s}")
    } else if s == "Self" {
        "SelfType".to_owned()
    } else {
        s
    }
}

/// The identifier for `name`, raw when it is a keyword, suffixed when it cannot be raw.
#[must_use]
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Whether `text` can be an identifier as given (used to check user renames).
#[must_use]
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
}

/// How a collision suffix is appended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// `name_2`.
    Snake,
    /// `Name2`.
    Camel,
}

/// The names taken in one scope (a module, a struct's fields, an enum's variants).
#[derive(Default, Debug)]
pub struct NameSet {
    taken: HashSet<String>,
}

impl NameSet {
    /// A scope where `reserved` are already taken.
    #[must_use]
    pub fn with_reserved(reserved: &[&str]) -> Self {
        NameSet {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `candidate`, or the first free suffixed form of it.
    pub fn claim(&mut self, candidate: &str, style: Style) -> String {
        let name = if self.is_free(candidate) {
            candidate.to_owned()
        } else {
            (2u32..)
                .map(|n| match style {
                    Style::Snake => format!("{candidate}_{n}"),
                    Style::Camel => format!("{candidate}{n}"),
                })
                .find(|c| self.is_free(c))
                .unwrap_or_else(|| candidate.to_owned())
        };
        self.taken.insert(written(&name));
        self.taken.insert(name.clone());
        name
    }

    /// Whether `name` is still free.
    #[must_use]
    pub fn is_free(&self, name: &str) -> bool {
        // `self_` is how `self` is written, so the two must not both be taken.
        !self.taken.contains(name) && !self.taken.contains(&written(name))
    }
}

/// How a name is written as an identifier (without `r#`).
fn written(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(snake("iCalUID"), "i_cal_uid");
        assert_eq!(snake("MobilePhone1"), "mobile_phone1");
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake("Größe"), "gr_uf6_udf_e");
        assert_eq!(snake(""), "unnamed");
        assert_eq!(camel("oneDriveBusiness"), "OneDriveBusiness");
        assert_eq!(camel("HTML"), "Html");
        assert_eq!(camel("self"), "SelfType");
        assert_eq!(camel("3D"), "N3d");
        assert_eq!(camel("__"), "Unnamed");
    }

    #[test]
    fn keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("gen").to_string(), "r#gen");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("crate").to_string(), "crate_");
        assert_eq!(ident("union").to_string(), "union");
        assert_eq!(ident("subject").to_string(), "subject");
    }

    #[test]
    fn collisions_in_declaration_order() {
        let mut s = NameSet::with_reserved(&["odata_type"]);
        assert_eq!(s.claim(&snake("Id"), Style::Snake), "id");
        assert_eq!(s.claim(&snake("ID"), Style::Snake), "id_2");
        assert_eq!(s.claim(&snake("id"), Style::Snake), "id_3");
        assert_eq!(s.claim(&snake("OdataType"), Style::Snake), "odata_type_2");
        assert_eq!(s.claim("self", Style::Snake), "self");
        assert_eq!(s.claim("self_", Style::Snake), "self__2");
        let mut t = NameSet::default();
        assert_eq!(t.claim("Type", Style::Camel), "Type");
        assert_eq!(t.claim("Type", Style::Camel), "Type2");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("Message_2"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier("_"));
    }
}
