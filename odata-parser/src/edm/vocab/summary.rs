//! A compact, deterministic text summary of a model and the effective capabilities of chosen
//! navigation paths: what a snapshot test keeps so that every change to a model is a reviewed
//! diff, and what `odata` can print.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use crate::edm::{
    Model, NavigationSourceId, OperationKind, PathSegment, StructuredTypeId, Target, TypeRef,
};

use super::core::Core;
use super::effective::{Capabilities, CapabilityOptions};
use super::path::NavigationPath;
use super::record::Render;

/// A text summary of a model: structured types with base types, properties (type,
/// nullability, collection, key, Core permissions/computed/immutable), navigation
/// properties, enumerations, operations, the container, and the effective capabilities of
/// the chosen navigation paths. Names in a type's own namespace are written without it.
/// Print it with `Display`.
#[derive(Clone, Debug)]
pub struct Summary<'m> {
    model: &'m Model,
    paths: Vec<NavigationPath>,
    options: CapabilityOptions,
}

impl<'m> Summary<'m> {
    /// A summary of the model's types and operations, with no capability paths yet.
    #[must_use]
    pub fn new(model: &'m Model) -> Self {
        Summary {
            model,
            paths: Vec::new(),
            options: CapabilityOptions::default(),
        }
    }

    /// Adds the capabilities of `path`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use odata_parser::edm::{Model, vocab::{NavigationPath, Summary}};
    /// # fn f(model: &Model, path: NavigationPath) {
    /// let text = Summary::new(model).path(path).to_string();
    /// # }
    /// ```
    pub fn path(&mut self, path: NavigationPath) -> &mut Self {
        self.paths.push(path);
        self
    }

    /// Adds every entity set and singleton of the main container and every path from them
    /// through navigation properties, up to `depth` navigation segments, that does not follow
    /// the same navigation property twice.
    ///
    /// # Examples
    ///
    /// ```
    /// # use odata_parser::edm::{Model, vocab::Summary};
    /// # fn f(model: &Model) {
    /// let text = Summary::new(model).reachable_paths(1).to_string();
    /// # }
    /// ```
    pub fn reachable_paths(&mut self, depth: usize) -> &mut Self {
        let model = self.model;
        let Some(container) = model.main_container() else {
            return self;
        };
        let c = model.entity_container(container);
        let sources =
            c.entity_sets
                .range()
                .map(|i| NavigationSourceId::EntitySet(crate::edm::EntitySetId::from_index(i)))
                .chain(c.singletons.range().map(|i| {
                    NavigationSourceId::Singleton(crate::edm::SingletonId::from_index(i))
                }));
        let mut frontier: Vec<NavigationPath> = sources.map(NavigationPath::new).collect();
        for _ in 0..=depth {
            let mut next = Vec::new();
            for path in frontier {
                if let Some(ty) = path.entity_type(model) {
                    for (id, _) in model.all_navigation_properties(ty.into()) {
                        let seen = path.segments.contains(&PathSegment::NavigationProperty(id));
                        if !seen {
                            next.push(path.clone().then(id));
                        }
                    }
                }
                self.paths.push(path);
            }
            frontier = next;
        }
        self
    }

    /// Sets the lookup options for the capabilities.
    ///
    /// # Examples
    ///
    /// ```
    /// # use odata_parser::edm::{Model, vocab::{CapabilityOptions, Summary}};
    /// # fn f(model: &Model) {
    /// let text = Summary::new(model).options(CapabilityOptions::new()).to_string();
    /// # }
    /// ```
    pub fn options(&mut self, options: CapabilityOptions) -> &mut Self {
        self.options = options;
        self
    }

    fn types(&self, f: &mut String) {
        let m = self.model;
        let mut types: Vec<StructuredTypeId> = m
            .entity_types()
            .map(|(id, _)| id.into())
            .chain(m.complex_types().map(|(id, _)| id.into()))
            .collect();
        types.sort_by(|a, b| m.structured_type_name(*a).cmp(m.structured_type_name(*b)));
        for ty in types {
            let name = m.structured_type_name(ty);
            let ns = name.namespace();
            let (kind, is_abstract, open, stream) = match ty {
                StructuredTypeId::Entity(id) => {
                    let e = m.entity_type(id);
                    ("entity", e.is_abstract, e.is_open, e.has_stream)
                }
                StructuredTypeId::Complex(id) => {
                    let c = m.complex_type(id);
                    ("complex", c.is_abstract, c.is_open, false)
                }
            };
            let _ = write!(f, "{kind} {name}");
            if let Some(base) = m.base_type(ty) {
                let _ = write!(f, " : {}", local(m.structured_type_name(base).as_str(), ns));
            }
            for (flag, label) in [
                (is_abstract, "abstract"),
                (open, "open"),
                (stream, "stream"),
            ] {
                if flag {
                    let _ = write!(f, " {label}");
                }
            }
            f.push('\n');
            let key: BTreeSet<_> = match ty {
                StructuredTypeId::Entity(id) => {
                    m.entity_type(id).key.iter().map(|k| k.property).collect()
                }
                StructuredTypeId::Complex(_) => BTreeSet::new(),
            };
            for (id, p) in m.declared_properties(ty) {
                let core = Core::of(m, Target::Property(id));
                let mut flags = Vec::new();
                if key.contains(&id) {
                    flags.push("key".to_owned());
                }
                if let Some(permissions) = core.permissions {
                    flags.push(format!("permissions={permissions}"));
                }
                for (on, label) in [
                    (core.computed, "computed"),
                    (core.immutable, "immutable"),
                    (core.computed_default_value, "computed-default"),
                ] {
                    if on {
                        flags.push(label.to_owned());
                    }
                }
                if let Some(d) = &p.default_value {
                    flags.push(format!("default={d:?}"));
                }
                let _ = writeln!(
                    f,
                    "  {}: {}{}",
                    p.name,
                    self.type_ref(&p.ty, ns),
                    suffix(&flags)
                );
            }
            for (_, n) in m.declared_navigation_properties(ty) {
                let target = n.target.map_or_else(
                    || "Edm.EntityType".to_owned(),
                    |t| local(m.entity_type(t).name.as_str(), ns).to_owned(),
                );
                let shape = if n.collection {
                    format!("[{target}]")
                } else if n.nullable {
                    format!("{target}?")
                } else {
                    target
                };
                let mut flags = Vec::new();
                if n.contains_target {
                    flags.push("contained".to_owned());
                }
                if let Some(p) = &n.partner_path {
                    flags.push(format!("partner={p}"));
                }
                let _ = writeln!(f, "  -> {}: {shape}{}", n.name, suffix(&flags));
            }
        }
    }

    fn type_ref(&self, ty: &TypeRef, ns: &str) -> String {
        let name = self.model.type_kind_name(&ty.kind);
        let name = local(&name, ns);
        if ty.collection {
            format!("[{name}]")
        } else if ty.nullable {
            format!("{name}?")
        } else {
            name.to_owned()
        }
    }

    fn enums(&self, f: &mut String) {
        let m = self.model;
        let mut enums: Vec<_> = m.enum_types().map(|(_, e)| e).collect();
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        for e in enums {
            let members: Vec<String> = e
                .members
                .iter()
                .map(|m| format!("{}={}", m.name, m.value))
                .collect();
            let flags = if e.is_flags { " flags" } else { "" };
            let _ = writeln!(f, "enum {}{flags}: {}", e.name, members.join(" "));
        }
    }

    fn operations(&self, f: &mut String) {
        let m = self.model;
        let mut ops: Vec<String> = m
            .operations()
            .map(|(id, op)| {
                let ns = op.name.namespace();
                let kind = match op.kind {
                    OperationKind::Action => "action",
                    OperationKind::Function => "function",
                };
                let params: Vec<String> = op
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let core = Core::of(m, Target::Parameter(id, i as u32));
                        let optional = if core.optional_parameter.is_some() {
                            " optional"
                        } else {
                            ""
                        };
                        let name = if op.is_bound && i == 0 {
                            "this"
                        } else {
                            &p.name
                        };
                        format!("{name}: {}{optional}", self.type_ref(&p.ty, ns))
                    })
                    .collect();
                let ret = op
                    .return_type
                    .as_ref()
                    .map(|r| format!(" -> {}", self.type_ref(&r.ty, ns)))
                    .unwrap_or_default();
                let composable = if op.is_composable { " composable" } else { "" };
                format!("{kind} {}({}){ret}{composable}", op.name, params.join(", "))
            })
            .collect();
        ops.sort();
        for op in ops {
            let _ = writeln!(f, "{op}");
        }
    }

    fn container(&self, f: &mut String) {
        let m = self.model;
        for (id, c) in m.entity_containers() {
            let ns = c.name.namespace();
            let _ = writeln!(f, "container {}", c.name);
            for (_, s) in m.entity_sets().filter(|(_, s)| s.container == id) {
                let ty = local(m.entity_type(s.entity_type).name.as_str(), ns);
                let _ = writeln!(f, "  set {}: [{ty}]", s.name);
            }
            for (_, s) in m.singletons().filter(|(_, s)| s.container == id) {
                let ty = local(m.entity_type(s.entity_type).name.as_str(), ns);
                let _ = writeln!(f, "  singleton {}: {ty}", s.name);
            }
            for (_, i) in m.operation_imports().filter(|(_, i)| i.container == id) {
                let _ = writeln!(
                    f,
                    "  import {}: {}",
                    i.name,
                    m.operation_group(i.operation).name
                );
            }
            for a in m.annotations_for(Target::EntityContainer(id)) {
                let Some(term) = a
                    .term
                    .strip_prefix(super::CAPABILITIES)
                    .and_then(|t| t.strip_prefix('.'))
                else {
                    continue;
                };
                let value = a
                    .value
                    .as_ref()
                    .map_or_else(|| "true".to_owned(), render_expr);
                let _ = writeln!(f, "  @{term} {value}");
            }
        }
    }

    fn capabilities(&self, f: &mut String) {
        let m = self.model;
        let mut warnings = BTreeSet::new();
        for path in &self.paths {
            let caps = Capabilities::for_path_with(m, path, &self.options);
            let shape = match caps.entity_type() {
                Some(t) => {
                    let name = m.entity_type(t).name.name().to_owned();
                    if caps.is_collection() {
                        format!("[{name}]")
                    } else {
                        name
                    }
                }
                None => "complex".to_owned(),
            };
            let _ = write!(f, "{}: {shape}", path.text(m));
            if !caps.navigable {
                f.push_str(" not-navigable");
            }
            if caps.navigability != super::Navigability::Recursive {
                let _ = write!(f, " navigability={}", caps.navigability);
            }
            f.push('\n');
            for (term, sources) in caps.all_sources() {
                let container_only = sources.iter().all(|o| {
                    matches!(
                        o,
                        super::Origin::Annotation(Target::EntityContainer(_))
                            | super::Origin::DefaultCapabilities(_)
                    )
                });
                // Container-wide values are printed once, with the container.
                let value = if container_only {
                    String::new()
                } else {
                    term_value(&caps, term)
                };
                let from: Vec<String> = sources.iter().map(|o| short_origin(m, o)).collect();
                let value = if value.is_empty() {
                    String::new()
                } else {
                    format!(" {value}")
                };
                let _ = writeln!(f, "  {term}{value}  <- {}", from.join(", "));
            }
            for w in caps.warnings() {
                let location = m
                    .locate(w.span)
                    .map(|l| format!("{}:{}", l.line, l.column))
                    .unwrap_or_default();
                warnings.insert(format!("{location} {w} ({})", w.origin.describe(m)));
            }
        }
        if !warnings.is_empty() {
            let _ = writeln!(f, "\n# capability warnings");
            for w in warnings {
                let _ = writeln!(f, "{w}");
            }
        }
    }
}

/// The rendered effective value of a term, by local name.
fn term_value(caps: &Capabilities<'_>, term: &str) -> String {
    match term {
        "FilterRestrictions" => caps.filter_restrictions.render(),
        "SortRestrictions" => caps.sort_restrictions.render(),
        "SearchRestrictions" => caps.search_restrictions.render(),
        "CountRestrictions" => caps.count_restrictions.render(),
        "ExpandRestrictions" => caps.expand_restrictions.render(),
        "SelectSupport" => caps.select_support.render(),
        "FilterFunctions" => caps.filter_functions.render(),
        "ChangeTracking" => caps.change_tracking.render(),
        "InsertRestrictions" => caps.insert_restrictions.render(),
        "UpdateRestrictions" => caps.update_restrictions.render(),
        "DeleteRestrictions" => caps.delete_restrictions.render(),
        "ReadRestrictions" => caps.read_restrictions.render(),
        "DeepInsertSupport" => caps.deep_insert_support.render(),
        "DeepUpdateSupport" => caps.deep_update_support.render(),
        "TopSupported" => caps.top_supported.render(),
        "SkipSupported" => caps.skip_supported.render(),
        "ComputeSupported" => caps.compute_supported.render(),
        "IndexableByKey" => caps.indexable_by_key.render(),
        "OptimisticConcurrencyControl" => caps.optimistic_concurrency_control.render(),
        "NavigationRestrictions" => {
            // The entries are folded into the paths they address; list only where they point.
            let n = &caps.navigation_restrictions;
            let entries: Vec<String> = n
                .restricted_properties
                .iter()
                .map(|r| r.navigation_property.render())
                .collect();
            let mut parts = Vec::new();
            if let Some(navigability) = n.navigability {
                parts.push(format!("Navigability={navigability}"));
            }
            if !entries.is_empty() {
                parts.push(format!("RestrictedProperties=[{}]", entries.join(", ")));
            }
            format!("{{{}}}", parts.join(", "))
        }
        _ => String::new(),
    }
}

/// A compact rendering of an annotation expression.
fn render_expr(expr: &crate::edm::Expr) -> String {
    use crate::edm::ExprKind;
    match &expr.kind {
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Float(x) => x.to_string(),
        ExprKind::String(s) => format!("{s:?}"),
        ExprKind::EnumMember(ms) => {
            let names: Vec<&str> = ms.iter().map(|m| &*m.member).collect();
            names.join(" ")
        }
        ExprKind::Collection(items) => {
            let items: Vec<String> = items.iter().map(render_expr).collect();
            format!("[{}]", items.join(", "))
        }
        ExprKind::Record(r) => {
            let props: Vec<String> = r
                .properties
                .iter()
                .map(|p| format!("{}={}", p.property, render_expr(&p.value)))
                .collect();
            format!("{{{}}}", props.join(", "))
        }
        ExprKind::Null => "null".to_owned(),
        _ => match expr.as_path() {
            Some(p) => p.to_owned(),
            None => "…".to_owned(),
        },
    }
}

/// An origin with the container and namespace left out: `Me#RestrictedProperties[3]`, `User/Messages`.
fn short_origin(model: &Model, origin: &super::Origin) -> String {
    let text = origin.describe(model);
    let mut out = text.as_str();
    for (_, c) in model.entity_containers() {
        if let Some(rest) = out
            .strip_prefix(c.name.as_str())
            .and_then(|r| r.strip_prefix('/'))
        {
            out = rest;
        }
        if let Some(rest) = out
            .strip_prefix(c.name.namespace())
            .and_then(|r| r.strip_prefix('.'))
        {
            out = rest;
        }
    }
    out.to_owned()
}

/// `name` without the namespace `ns`.
fn local<'n>(name: &'n str, ns: &str) -> &'n str {
    name.strip_prefix(ns)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(name)
}

fn suffix(flags: &[String]) -> String {
    if flags.is_empty() {
        String::new()
    } else {
        format!("  ({})", flags.join(", "))
    }
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        out.push_str("# types\n");
        self.types(&mut out);
        out.push_str("\n# enumerations\n");
        self.enums(&mut out);
        out.push_str("\n# operations\n");
        self.operations(&mut out);
        out.push_str("\n# container\n");
        self.container(&mut out);
        if !self.paths.is_empty() {
            out.push_str("\n# capabilities\n");
            self.capabilities(&mut out);
        }
        f.write_str(&out)
    }
}
