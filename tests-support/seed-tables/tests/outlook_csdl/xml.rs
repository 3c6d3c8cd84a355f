//! A small element tree read with quick-xml, and the parts of a CSDL document the checks need.
//! Deliberately independent of the toolkit's own CSDL reader.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

pub const NS: &str = "Microsoft.OutlookServices";
pub const CORE: &str = "Org.OData.Core.V1";
pub const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

/// An XML element: local name, attributes by local name, children and text.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn descendants_named<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.descendants_named(name, out);
        }
    }
}

/// Reads a whole document into an element tree; panics with the byte position on bad XML.
pub fn read_document(text: &str) -> Element {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut stack = vec![Element {
        name: "#document".to_owned(),
        ..Element::default()
    }];
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad XML at byte {}: {e}", reader.error_position()));
        match event {
            Event::Start(start) => stack.push(element(&start)),
            Event::Empty(start) => {
                let el = element(&start);
                stack.last_mut().expect("document").children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().expect("balanced");
                stack.last_mut().expect("document").children.push(el);
            }
            Event::Text(text) => stack
                .last_mut()
                .expect("document")
                .text
                .push_str(&text.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => panic!(
                "entity reference &{:?}; in element text at byte {}",
                r,
                reader.buffer_position()
            ),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements at end of document");
    stack.pop().expect("document")
}

fn element(start: &BytesStart<'_>) -> Element {
    let attributes = start
        .attributes()
        .map(|a| {
            let a = a.unwrap_or_else(|e| panic!("bad attribute: {e}"));
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|e| panic!("bad attribute value: {e}"));
            (
                a.key.local_name().into_inner().to_owned(),
                value.into_owned(),
            )
        })
        .collect();
    Element {
        name: start.local_name().into_inner().to_owned(),
        attributes,
        ..Element::default()
    }
}

/// An entity or complex type.
#[derive(Debug)]
pub struct Structured<'a> {
    pub entity: bool,
    pub base: Option<String>,
    pub key: Vec<&'a str>,
    pub props: Vec<Prop<'a>>,
}

/// A structural or navigation property.
#[derive(Debug, Clone, Copy)]
pub struct Prop<'a> {
    pub el: &'a Element,
    pub name: &'a str,
    pub type_: &'a str,
    pub nav: bool,
}

impl Prop<'_> {
    pub fn is_collection(&self) -> bool {
        self.type_.starts_with("Collection(")
    }

    /// The type, or the element type of a collection.
    pub fn element_type(&self) -> &str {
        self.type_
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(self.type_)
    }
}

/// The document's schema, indexed.
pub struct Csdl<'a> {
    pub schema: &'a Element,
    aliases: BTreeMap<String, String>,
    pub types: BTreeMap<&'a str, Structured<'a>>,
    pub enums: BTreeMap<&'a str, Vec<&'a str>>,
    pub type_order: Vec<&'a str>,
}

/// Strips the service namespace: `Microsoft.OutlookServices.Message` → `Message`.
pub fn local(qualified: &str) -> Option<&str> {
    qualified
        .strip_prefix(NS)
        .and_then(|rest| rest.strip_prefix('.'))
}

impl<'a> Csdl<'a> {
    pub fn new(root: &'a Element) -> Self {
        let edmx = root.child("Edmx").expect("edmx:Edmx root");
        assert_eq!(edmx.attr("Version"), Some("4.0"));
        let mut aliases = BTreeMap::new();
        for reference in edmx.children_named("Reference") {
            for include in reference.children_named("Include") {
                let ns = include.attr("Namespace").expect("Include Namespace");
                if let Some(alias) = include.attr("Alias") {
                    aliases.insert(alias.to_owned(), ns.to_owned());
                }
            }
        }
        let schemas: Vec<&Element> = edmx
            .child("DataServices")
            .expect("DataServices")
            .children_named("Schema")
            .collect();
        assert_eq!(schemas.len(), 1, "one schema");
        let schema = schemas[0];
        assert_eq!(schema.attr("Namespace"), Some(NS));
        let mut csdl = Csdl {
            schema,
            aliases,
            types: BTreeMap::new(),
            enums: BTreeMap::new(),
            type_order: Vec::new(),
        };
        for el in &schema.children {
            let Some(name) = el.attr("Name") else {
                continue;
            };
            match el.name.as_str() {
                "EntityType" | "ComplexType" => {
                    let key = el
                        .child("Key")
                        .map(|k| {
                            k.children_named("PropertyRef")
                                .filter_map(|r| r.attr("Name"))
                                .collect()
                        })
                        .unwrap_or_default();
                    let props = el
                        .children
                        .iter()
                        .filter(|c| c.name == "Property" || c.name == "NavigationProperty")
                        .map(|c| Prop {
                            el: c,
                            name: c.attr("Name").expect("property name"),
                            type_: c.attr("Type").expect("property type"),
                            nav: c.name == "NavigationProperty",
                        })
                        .collect();
                    let structured = Structured {
                        entity: el.name == "EntityType",
                        base: el.attr("BaseType").map(str::to_owned),
                        key,
                        props,
                    };
                    assert!(
                        csdl.types.insert(name, structured).is_none()
                            && !csdl.enums.contains_key(name),
                        "duplicate type {name}"
                    );
                    csdl.type_order.push(name);
                }
                "EnumType" => {
                    let members = el
                        .children_named("Member")
                        .filter_map(|m| m.attr("Name"))
                        .collect();
                    assert!(
                        csdl.enums.insert(name, members).is_none()
                            && !csdl.types.contains_key(name),
                        "duplicate type {name}"
                    );
                    csdl.type_order.push(name);
                }
                _ => {}
            }
        }
        csdl
    }

    /// A term name with its alias replaced by the vocabulary namespace.
    pub fn term(&self, term: &str) -> String {
        match term.rsplit_once('.') {
            Some((prefix, name)) => match self.aliases.get(prefix) {
                Some(ns) => format!("{ns}.{name}"),
                None => term.to_owned(),
            },
            None => term.to_owned(),
        }
    }

    /// The base type's local name.
    pub fn base(&self, name: &str) -> Option<&str> {
        self.types
            .get(name)
            .and_then(|t| t.base.as_deref())
            .and_then(local)
    }

    /// `name` followed by its ancestors, nearest first.
    pub fn lineage<'n>(&'n self, name: &'n str) -> Vec<&'n str> {
        let mut out = vec![name];
        let mut current = name;
        while let Some(base) = self.base(current) {
            assert!(!out.contains(&base), "base type cycle at {name}");
            out.push(base);
            current = base;
        }
        out
    }

    /// Declared and inherited properties as (declaring type, property), base types first.
    pub fn all_props(&self, name: &str) -> Vec<(String, Prop<'a>)> {
        let mut out = Vec::new();
        for t in self.lineage(name).into_iter().rev() {
            if let Some(s) = self.types.get(t) {
                out.extend(s.props.iter().map(|p| (t.to_owned(), *p)));
            }
        }
        out
    }

    pub fn prop(&self, type_name: &str, prop: &str) -> Option<(String, Prop<'a>)> {
        self.all_props(type_name)
            .into_iter()
            .find(|(_, p)| p.name == prop)
    }

    /// Annotation elements on a property: inline, and in `Annotations` blocks aimed at it.
    pub fn property_annotations(&self, declaring: &str, prop: &Prop<'a>) -> Vec<&'a Element> {
        let mut out: Vec<&Element> = prop.el.children_named("Annotation").collect();
        let target = format!("{NS}.{declaring}/{}", prop.name);
        for block in self.annotation_blocks(&target) {
            out.extend(block.children_named("Annotation"));
        }
        out
    }

    pub fn annotation_blocks<'s>(
        &'s self,
        target: &'s str,
    ) -> impl Iterator<Item = &'a Element> + 's {
        self.schema
            .children_named("Annotations")
            .filter(move |b| b.attr("Target") == Some(target))
    }

    /// The first annotation with the given full term name.
    pub fn find_term(&self, annotations: &[&'a Element], term: &str) -> Option<&'a Element> {
        annotations
            .iter()
            .copied()
            .find(|a| a.attr("Term").is_some_and(|t| self.term(t) == term))
    }

    /// Follows a property path (with optional type-cast segments) from `start`; returns the
    /// type reached and the last property.
    pub fn resolve_path(&self, start: &str, path: &str) -> Option<(String, Prop<'a>)> {
        let mut current = start.to_owned();
        let mut last = None;
        for segment in path.split('/') {
            if let Some(cast) = local(segment) {
                if !self.types.contains_key(cast) || !self.lineage(cast).contains(&current.as_str())
                {
                    return None;
                }
                current = cast.to_owned();
                continue;
            }
            let (_, prop) = self.prop(&current, segment)?;
            last = Some(prop);
            current = local(prop.element_type())
                .unwrap_or(prop.element_type())
                .to_owned();
        }
        last.map(|p| (current, p))
    }
}

/// The strings of a `Collection` of `PropertyPath`/`NavigationPropertyPath`/`String` elements.
pub fn collection_texts(el: &Element) -> Vec<String> {
    el.child("Collection")
        .map(|c| {
            c.children
                .iter()
                .map(|i| i.text.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The value of a record's `PropertyValue` by property name.
pub fn property_value<'e>(record: &'e Element, name: &str) -> Option<&'e Element> {
    record
        .children_named("PropertyValue")
        .find(|pv| pv.attr("Property") == Some(name))
}

/// A boolean given as attribute or child element.
pub fn bool_value(el: &Element) -> Option<bool> {
    let raw = el
        .attr("Bool")
        .map(str::to_owned)
        .or_else(|| el.child("Bool").map(|b| b.text.trim().to_owned()))?;
    match raw.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
