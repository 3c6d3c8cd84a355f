//! Type-checks annotation values against the OASIS Core and Capabilities vocabularies.

use std::collections::BTreeMap;

use crate::xml::{Element, read_document};

const VOCABULARIES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/spec/vocabularies/"
);

/// Terms and types of the vocabularies, keyed by qualified name (namespace.name).
pub struct Vocabularies {
    /// Term → its declared type (qualified, `Collection(...)` kept).
    pub terms: BTreeMap<String, String>,
    complex: BTreeMap<String, (Option<String>, BTreeMap<String, String>)>,
    enums: BTreeMap<String, Vec<String>>,
    definitions: BTreeMap<String, String>,
}

impl Vocabularies {
    pub fn load(files: &[&str]) -> Self {
        let mut v = Vocabularies {
            terms: BTreeMap::new(),
            complex: BTreeMap::new(),
            enums: BTreeMap::new(),
            definitions: BTreeMap::new(),
        };
        for file in files {
            let path = format!("{VOCABULARIES}{file}");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            v.add(&read_document(&text));
        }
        v
    }

    fn add(&mut self, root: &Element) {
        let edmx = root.child("Edmx").expect("vocabulary edmx");
        let mut aliases = BTreeMap::new();
        for reference in edmx.children_named("Reference") {
            for include in reference.children_named("Include") {
                if let (Some(ns), Some(alias)) = (include.attr("Namespace"), include.attr("Alias"))
                {
                    aliases.insert(alias.to_owned(), ns.to_owned());
                }
            }
        }
        let schema = edmx
            .child("DataServices")
            .and_then(|d| d.child("Schema"))
            .expect("vocabulary schema");
        let ns = schema.attr("Namespace").expect("namespace").to_owned();
        if let Some(alias) = schema.attr("Alias") {
            aliases.insert(alias.to_owned(), ns.clone());
        }
        let qualify = |t: &str| qualify(&aliases, t);
        for el in &schema.children {
            let Some(name) = el.attr("Name") else {
                continue;
            };
            let key = format!("{ns}.{name}");
            match el.name.as_str() {
                "Term" => {
                    self.terms
                        .insert(key, qualify(el.attr("Type").expect("term type")));
                }
                "ComplexType" => {
                    let props = el
                        .children_named("Property")
                        .map(|p| {
                            (
                                p.attr("Name").expect("name").to_owned(),
                                qualify(p.attr("Type").expect("type")),
                            )
                        })
                        .collect();
                    self.complex
                        .insert(key, (el.attr("BaseType").map(qualify), props));
                }
                "EnumType" => {
                    let members = el
                        .children_named("Member")
                        .filter_map(|m| m.attr("Name"))
                        .map(str::to_owned)
                        .collect();
                    self.enums.insert(key, members);
                }
                "TypeDefinition" => {
                    self.definitions.insert(
                        key,
                        el.attr("UnderlyingType").expect("underlying").to_owned(),
                    );
                }
                _ => {}
            }
        }
    }

    fn underlying<'t>(&'t self, type_: &'t str) -> &'t str {
        self.definitions.get(type_).map_or(type_, String::as_str)
    }

    fn property_type(&self, complex: &str, property: &str) -> Option<&str> {
        let mut current = Some(complex.to_owned());
        while let Some(name) = current {
            let (base, props) = self.complex.get(&name)?;
            if let Some(t) = props.get(property) {
                return Some(t);
            }
            current = base.clone();
        }
        None
    }

    /// Checks the value held by `el` (an Annotation or PropertyValue) against `type_`; returns
    /// one message per problem. `resolve` turns an alias-qualified name into a qualified one.
    pub fn check_value(
        &self,
        type_: &str,
        el: &Element,
        at: &str,
        resolve: &dyn Fn(&str) -> String,
        problems: &mut Vec<String>,
    ) {
        let scalar = self.underlying(type_);
        for (attr, value) in &el.attributes {
            let expected = match attr.as_str() {
                "Bool" => "Edm.Boolean",
                "String" => "Edm.String",
                "Int" => "Edm.Int32",
                "PropertyPath" => "Edm.PropertyPath",
                "NavigationPropertyPath" => "Edm.NavigationPropertyPath",
                "EnumMember" => {
                    for item in value.split_whitespace() {
                        let (enum_type, member) = item.split_once('/').unwrap_or((item, ""));
                        let enum_type = resolve(enum_type);
                        let known = self
                            .enums
                            .get(&enum_type)
                            .is_some_and(|m| m.iter().any(|x| x == member));
                        if enum_type != type_ || !known {
                            problems.push(format!("{at}: {item} is not a member of {type_}"));
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            if scalar != expected {
                problems.push(format!("{at}: {attr} value where {type_} is expected"));
            }
        }
        for child in &el.children {
            match child.name.as_str() {
                "Record" => self.check_record(type_, child, at, resolve, problems),
                "Collection" => {
                    let Some(item_type) = type_
                        .strip_prefix("Collection(")
                        .and_then(|t| t.strip_suffix(')'))
                    else {
                        problems.push(format!("{at}: collection where {type_} is expected"));
                        continue;
                    };
                    for item in &child.children {
                        match item.name.as_str() {
                            "Record" => self.check_record(item_type, item, at, resolve, problems),
                            "String" | "PropertyPath" | "NavigationPropertyPath" => {
                                let expected = match item.name.as_str() {
                                    "String" => "Edm.String",
                                    "PropertyPath" => "Edm.PropertyPath",
                                    _ => "Edm.NavigationPropertyPath",
                                };
                                if self.underlying(item_type) != expected {
                                    problems.push(format!("{at}: {} item in {type_}", item.name));
                                }
                            }
                            other => {
                                problems.push(format!("{at}: unexpected {other} in collection"))
                            }
                        }
                    }
                }
                "Annotation" => {}
                other => problems.push(format!("{at}: unexpected element {other}")),
            }
        }
    }

    fn check_record(
        &self,
        type_: &str,
        record: &Element,
        at: &str,
        resolve: &dyn Fn(&str) -> String,
        problems: &mut Vec<String>,
    ) {
        if !self.complex.contains_key(type_) {
            problems.push(format!("{at}: record where {type_} is expected"));
            return;
        }
        for value in record.children_named("PropertyValue") {
            let property = value.attr("Property").unwrap_or("");
            match self.property_type(type_, property) {
                Some(t) => {
                    let at = format!("{at}/{property}");
                    self.check_value(t, value, &at, resolve, problems);
                }
                None => problems.push(format!("{at}: {type_} has no property {property}")),
            }
        }
    }
}

fn qualify(aliases: &BTreeMap<String, String>, type_: &str) -> String {
    if let Some(inner) = type_
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        return format!("Collection({})", qualify(aliases, inner));
    }
    match type_.rsplit_once('.') {
        Some((prefix, name)) => match aliases.get(prefix) {
            Some(ns) => format!("{ns}.{name}"),
            None => type_.to_owned(),
        },
        None => type_.to_owned(),
    }
}
