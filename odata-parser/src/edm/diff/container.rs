//! Comparison of the main entity containers: entity sets, singletons, their navigation
//! property bindings, and action and function imports, matched by name (the container's own
//! name is not part of any URL, so a renamed container is one non-breaking change).

use std::collections::BTreeMap;

use crate::edm::{EntityContainerId, Model, NavigationPropertyBinding, OperationKind, Target};

use super::Cx;
use super::change::{Element, ElementKind, Section};

/// What the diff compares of one container child.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Child<'m> {
    EntitySet {
        entity_type: String,
        in_service_document: bool,
        bindings: BTreeMap<&'m str, String>,
    },
    Singleton {
        entity_type: String,
        nullable: bool,
        bindings: BTreeMap<&'m str, String>,
    },
    Import {
        kind: OperationKind,
        operation: String,
        entity_set: Option<String>,
        in_service_document: bool,
    },
}

impl Child<'_> {
    fn kind(&self) -> ElementKind {
        match self {
            Child::EntitySet { .. } => ElementKind::EntitySet,
            Child::Singleton { .. } => ElementKind::Singleton,
            Child::Import {
                kind: OperationKind::Action,
                ..
            } => ElementKind::ActionImport,
            Child::Import { .. } => ElementKind::FunctionImport,
        }
    }

    fn describe(&self) -> String {
        match self {
            Child::EntitySet { entity_type, .. } => format!("Collection({entity_type})"),
            Child::Singleton { entity_type, .. } => entity_type.clone(),
            Child::Import { operation, .. } => operation.clone(),
        }
    }
}

/// Binding path → target, with containment targets as written and others by name.
fn bindings(bindings: &[NavigationPropertyBinding]) -> BTreeMap<&str, String> {
    bindings
        .iter()
        .map(|b| {
            let target = if b.target_segments.is_empty() {
                // `Ns.Container/set` and `set` name the same set.
                b.target_path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&b.target_path)
                    .to_owned()
            } else {
                b.target_path.to_string()
            };
            (&*b.path, target)
        })
        .collect()
}

fn children(model: &Model, container: EntityContainerId) -> BTreeMap<&str, Child<'_>> {
    let mut map = BTreeMap::new();
    for (_, s) in model
        .entity_sets()
        .filter(|(_, s)| s.container == container)
    {
        map.insert(
            &*s.name,
            Child::EntitySet {
                entity_type: model.entity_type(s.entity_type).name.to_string(),
                in_service_document: s.include_in_service_document,
                bindings: bindings(&s.navigation_bindings),
            },
        );
    }
    for (_, s) in model.singletons().filter(|(_, s)| s.container == container) {
        map.insert(
            &*s.name,
            Child::Singleton {
                entity_type: model.entity_type(s.entity_type).name.to_string(),
                nullable: s.nullable,
                bindings: bindings(&s.navigation_bindings),
            },
        );
    }
    for (_, s) in model
        .operation_imports()
        .filter(|(_, s)| s.container == container)
    {
        map.insert(
            &*s.name,
            Child::Import {
                kind: s.kind,
                operation: model.operation_group(s.operation).name.to_string(),
                entity_set: s.entity_set.map(|e| model.entity_set(e).name.to_string()),
                in_service_document: s.include_in_service_document,
            },
        );
    }
    map
}

fn key_as_segment(model: &Model, container: EntityContainerId) -> bool {
    model
        .annotation(
            Target::EntityContainer(container),
            "Org.OData.Capabilities.V1.KeyAsSegmentSupported",
            None,
        )
        .is_some_and(|a| a.as_tag() == Some(true))
}

impl Cx<'_> {
    /// The main containers' children.
    pub(crate) fn container(&mut self) {
        let (old, new) = (self.old, self.new);
        let oc = old.main_container();
        let nc = new.main_container();
        let name =
            |m: &Model, c: Option<EntityContainerId>| c.map(|c| m.entity_container(c).name.clone());
        let (on, nn) = (name(old, oc), name(new, nc));
        let olds = oc.map(|c| children(old, c)).unwrap_or_default();
        let news = nc.map(|c| children(new, c)).unwrap_or_default();
        let element = |container: &Option<crate::edm::QualifiedName>, kind, child: &str| {
            let (path, ns) = match container {
                Some(c) => (format!("{c}/{child}"), c.namespace().to_owned()),
                None => (child.to_owned(), String::new()),
            };
            Element::new(kind, Section::Container, path, &ns)
        };
        if let (Some(o), Some(n), Some(ocid), Some(ncid)) = (&on, &nn, oc, nc) {
            let el = Element::new(
                ElementKind::EntityContainer,
                Section::Container,
                o.as_str(),
                o.namespace(),
            );
            if o != n {
                self.out.push(el.changed(
                    "name",
                    false,
                    "container renamed: URLs do not include its name",
                    o.as_str(),
                    n.as_str(),
                ));
            }
            let (ok, nk) = (key_as_segment(old, ocid), key_as_segment(new, ncid));
            if ok != nk {
                self.out.push(if nk {
                    el.changed(
                        "KeyAsSegmentSupported",
                        false,
                        "keys may now also be given as path segments",
                        "false",
                        "true",
                    )
                } else {
                    el.changed(
                        "KeyAsSegmentSupported",
                        true,
                        "keys as path segments no longer supported: such URLs of the old client fail",
                        "true",
                        "false",
                    )
                });
            }
        }
        for (child, o) in &olds {
            let el = element(&on, o.kind(), child);
            match news.get(child) {
                Some(n) if n.kind() == o.kind() => self.child(&el, o, n),
                _ => self.out.push(el.removed(
                    true,
                    format!("{} removed: the old client's requests to it fail", o.kind()),
                    Some(o.describe()),
                )),
            }
        }
        for (child, n) in &news {
            if olds.get(child).is_none_or(|o| o.kind() != n.kind()) {
                self.out.push(element(&nn, n.kind(), child).added(
                    false,
                    format!("{} added: the old client does not use it", n.kind()),
                    Some(n.describe()),
                ));
            }
        }
    }

    fn child(&mut self, el: &Element, old: &Child<'_>, new: &Child<'_>) {
        match (old, new) {
            (
                Child::EntitySet {
                    entity_type: ot,
                    in_service_document: od,
                    bindings: ob,
                },
                Child::EntitySet {
                    entity_type: nt,
                    in_service_document: nd,
                    bindings: nb,
                },
            ) => {
                self.entity_type(el, ot, nt);
                if od != nd {
                    self.out.push(el.changed(
                        "include_in_service_document",
                        false,
                        "service document listing changed: URLs are unaffected",
                        od.to_string(),
                        nd.to_string(),
                    ));
                }
                self.bindings(el, ob, nb);
            }
            (
                Child::Singleton {
                    entity_type: ot,
                    nullable: on,
                    bindings: ob,
                },
                Child::Singleton {
                    entity_type: nt,
                    nullable: nn,
                    bindings: nb,
                },
            ) => {
                self.entity_type(el, ot, nt);
                if on != nn {
                    self.out.push(if *nn {
                        el.changed(
                            "nullable",
                            true,
                            "became nullable: the old client does not expect it to be absent",
                            "false",
                            "true",
                        )
                    } else {
                        el.changed(
                            "nullable",
                            false,
                            "became non-nullable: it is always present",
                            "true",
                            "false",
                        )
                    });
                }
                self.bindings(el, ob, nb);
            }
            (
                Child::Import {
                    operation: oo,
                    entity_set: os,
                    in_service_document: od,
                    ..
                },
                Child::Import {
                    operation: no,
                    entity_set: ns,
                    in_service_document: nd,
                    ..
                },
            ) => {
                if oo != no {
                    self.out.push(el.changed(
                        "operation",
                        true,
                        "imports another operation: calls of the old client reach other code",
                        oo.clone(),
                        no.clone(),
                    ));
                }
                if os != ns {
                    let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
                    self.out.push(el.changed(
                        "entity_set",
                        true,
                        "returned entities belong to another entity set: URLs built from it differ",
                        show(os),
                        show(ns),
                    ));
                }
                if od != nd {
                    self.out.push(el.changed(
                        "include_in_service_document",
                        false,
                        "service document listing changed: URLs are unaffected",
                        od.to_string(),
                        nd.to_string(),
                    ));
                }
            }
            _ => {}
        }
    }

    fn entity_type(&mut self, el: &Element, old: &str, new: &str) {
        if old != new {
            self.out.push(el.changed(
                "entity_type",
                true,
                "entity type changed: payloads have another type",
                old,
                new,
            ));
        }
    }

    fn bindings(
        &mut self,
        el: &Element,
        old: &BTreeMap<&str, String>,
        new: &BTreeMap<&str, String>,
    ) {
        for (path, target) in old {
            let child = el.child(ElementKind::NavigationBinding, path);
            match new.get(path) {
                None => self.out.push(child.removed(
                    false,
                    "binding removed: the related entities' set is no longer declared; requests through the navigation property still work",
                    Some(target.clone()),
                )),
                Some(t) if t != target => self.out.push(child.changed(
                    "target",
                    true,
                    "related entities now belong to another entity set: URLs built from the old binding address the wrong set",
                    target.clone(),
                    t.clone(),
                )),
                Some(_) => {}
            }
        }
        for (path, target) in new {
            if !old.contains_key(path) {
                self.out
                    .push(el.child(ElementKind::NavigationBinding, path).added(
                        false,
                        "binding added: tells where related entities live",
                        Some(target.clone()),
                    ));
            }
        }
    }
}
