//! Comparison of the schema types: entity and complex types with their keys, base types,
//! properties and navigation properties; enumeration types and their members; type
//! definitions.

use crate::edm::vocab::{Capabilities, Core};
use crate::edm::{
    MemberId, Model, NavigationProperty, NavigationPropertyId, NavigationSourceId, Property,
    PropertyId, QualifiedName, StructuredTypeId, TypeRef,
};

use super::Cx;
use super::change::{Element, ElementKind, Section};
use super::classify::{
    Position, compare_facets, compare_type_refs, primitive_change, underlying_enum_type,
};

/// `Edm.String not null`, `Collection(ns.T)`: a type reference in one line.
pub(crate) fn describe_type(model: &Model, ty: &TypeRef) -> String {
    let mut s = model.type_ref_name(ty);
    if !ty.nullable {
        s.push_str(" not null");
    }
    s
}

fn type_element(kind: ElementKind, name: &QualifiedName) -> Element {
    let section = match kind {
        ElementKind::EntityType => Section::EntityTypes,
        ElementKind::ComplexType => Section::ComplexTypes,
        ElementKind::EnumType => Section::EnumTypes,
        _ => Section::TypeDefinitions,
    };
    Element::new(kind, section, name.as_str(), name.namespace())
}

fn structured_element(model: &Model, ty: StructuredTypeId) -> Element {
    let kind = match ty {
        StructuredTypeId::Entity(_) => ElementKind::EntityType,
        StructuredTypeId::Complex(_) => ElementKind::ComplexType,
    };
    type_element(kind, model.structured_type_name(ty))
}

/// `: ns.Base` for a derived type, nothing otherwise.
fn describe_structured(model: &Model, ty: StructuredTypeId) -> Option<String> {
    model
        .base_type(ty)
        .map(|b| format!("base type {}", model.structured_type_name(b)))
}

fn base_name(model: &Model, ty: StructuredTypeId) -> String {
    model.base_type(ty).map_or_else(
        || "none".to_owned(),
        |b| model.structured_type_name(b).to_string(),
    )
}

impl Cx<'_> {
    /// Entity and complex types, matched by qualified name within their kind.
    pub(crate) fn structured_types(&mut self) {
        let (old, new) = (self.old, self.new);
        let olds: Vec<StructuredTypeId> = old
            .entity_types()
            .map(|(id, _)| id.into())
            .chain(old.complex_types().map(|(id, _)| id.into()))
            .collect();
        for o in olds {
            let el = structured_element(old, o);
            match self.counterpart(o) {
                Some(n) => self.structured_type(o, n, &el),
                None => self.out.push(el.removed(
                    true,
                    format!(
                        "{} removed: requests and payloads of the old client that use it fail",
                        el.kind
                    ),
                    describe_structured(old, o),
                )),
            }
        }
        let news: Vec<StructuredTypeId> = new
            .entity_types()
            .map(|(id, _)| id.into())
            .chain(new.complex_types().map(|(id, _)| id.into()))
            .collect();
        for n in news {
            if self.counterpart_in_old(n).is_none() {
                let el = structured_element(new, n);
                self.out.push(el.added(
                    false,
                    format!("{} added: the old client does not use it", el.kind),
                    describe_structured(new, n),
                ));
            }
        }
    }

    /// The type of the same kind and name in the new model.
    fn counterpart(&self, o: StructuredTypeId) -> Option<StructuredTypeId> {
        let name = self.old.structured_type_name(o).as_str();
        match o {
            StructuredTypeId::Entity(_) => self.new.entity_type_by_name(name).map(Into::into),
            StructuredTypeId::Complex(_) => self.new.complex_type_by_name(name).map(Into::into),
        }
    }

    fn counterpart_in_old(&self, n: StructuredTypeId) -> Option<StructuredTypeId> {
        let name = self.new.structured_type_name(n).as_str();
        match n {
            StructuredTypeId::Entity(_) => self.old.entity_type_by_name(name).map(Into::into),
            StructuredTypeId::Complex(_) => self.old.complex_type_by_name(name).map(Into::into),
        }
    }

    fn structured_type(&mut self, o: StructuredTypeId, n: StructuredTypeId, el: &Element) {
        let (old, new) = (self.old, self.new);
        let (ob, nb) = (base_name(old, o), base_name(new, n));
        if ob != nb {
            self.out.push(el.changed(
                "base_type",
                true,
                "base type changed: inherited members, keys and type casts differ",
                ob,
                nb,
            ));
            self.inherited_members(o, n, el);
        }
        let flags = |m: &Model, t: StructuredTypeId| match t {
            StructuredTypeId::Entity(id) => {
                let e = m.entity_type(id);
                (e.is_abstract, e.is_open, e.has_stream)
            }
            StructuredTypeId::Complex(id) => {
                let c = m.complex_type(id);
                (c.is_abstract, c.is_open, false)
            }
        };
        let (oa, oo, os) = flags(old, o);
        let (na, no, ns) = flags(new, n);
        if oa != na {
            self.out.push(if na {
                el.changed(
                    "abstract",
                    true,
                    "became abstract: the old client may create instances of it",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "abstract",
                    false,
                    "no longer abstract: instances may now be created",
                    "true",
                    "false",
                )
            });
        }
        if oo != no {
            self.out.push(if no {
                el.changed(
                    "open",
                    false,
                    "became open: dynamic properties are now accepted",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "open",
                    true,
                    "no longer open: dynamic properties the old client reads or sends are gone",
                    "true",
                    "false",
                )
            });
        }
        if os != ns {
            self.out.push(if ns {
                el.changed(
                    "has_stream",
                    false,
                    "became a media entity: the old client ignores the stream",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "has_stream",
                    true,
                    "no longer a media entity: the old client's /$value requests fail",
                    "true",
                    "false",
                )
            });
        }
        if let (StructuredTypeId::Entity(oe), StructuredTypeId::Entity(ne)) = (o, n) {
            let declares =
                !old.entity_type(oe).key.is_empty() || !new.entity_type(ne).key.is_empty();
            let key = |m: &Model, id| {
                let names: Vec<&str> = m.key(id).iter().map(|k| &*k.path).collect();
                names.join(", ")
            };
            let (ok, nk) = (key(old, oe), key(new, ne));
            if declares && ok != nk {
                self.out.push(el.changed(
                    "key",
                    true,
                    "key changed: entity URLs the old client builds no longer match",
                    ok,
                    nk,
                ));
            }
        }
        self.properties(o, n, el);
        self.navigation_properties(o, n, el);
    }

    /// After a base type change: the inherited members that appeared or disappeared (members
    /// the type declares, and members moved between it and a base type, are compared by
    /// [`Self::properties`] and [`Self::navigation_properties`]).
    fn inherited_members(&mut self, o: StructuredTypeId, n: StructuredTypeId, el: &Element) {
        let (old, new) = (self.old, self.new);
        let has = |m: &Model, t: StructuredTypeId, name: &str| m.member(t, name).is_some();
        for (id, p) in new.all_properties(n) {
            if p.declaring_type != n && !has(old, o, &p.name) {
                let (breaking, reason) = self.added_property(n, id, p);
                self.out
                    .push(el.child(ElementKind::Property, &p.name).added(
                        breaking,
                        format!("inherited from the new base type: {reason}"),
                        Some(describe_type(new, &p.ty)),
                    ));
            }
        }
        for (_, p) in old.all_properties(o) {
            if p.declaring_type != o && !has(new, n, &p.name) {
                self.out.push(el.child(ElementKind::Property, &p.name).removed(
                    true,
                    "no longer inherited after the base type change: the old client reads, writes and queries it",
                    Some(describe_type(old, &p.ty)),
                ));
            }
        }
        for (_, p) in new.all_navigation_properties(n) {
            if p.declaring_type != n && !has(old, o, &p.name) {
                self.out
                    .push(el.child(ElementKind::NavigationProperty, &p.name).added(
                        false,
                        "inherited from the new base type: payloads need not include it",
                        Some(describe_navigation(new, p)),
                    ));
            }
        }
        for (_, p) in old.all_navigation_properties(o) {
            if p.declaring_type != o && !has(new, n, &p.name) {
                self.out.push(el.child(ElementKind::NavigationProperty, &p.name).removed(
                    true,
                    "no longer inherited after the base type change: the old client follows and expands it",
                    Some(describe_navigation(old, p)),
                ));
            }
        }
    }

    fn properties(&mut self, o: StructuredTypeId, n: StructuredTypeId, el: &Element) {
        let (old, new) = (self.old, self.new);
        for (op, p) in old.declared_properties(o) {
            let child = el.child(ElementKind::Property, &p.name);
            match new.member(n, &p.name) {
                Some(MemberId::Property(np)) => {
                    let declared_by = new.property(np).declaring_type;
                    if declared_by != n {
                        self.moved_to_base(&child, o, declared_by);
                    }
                    self.property(op, np, &child);
                }
                _ => self.out.push(child.removed(
                    true,
                    "property removed: the old client reads, writes and queries it",
                    Some(describe_type(old, &p.ty)),
                )),
            }
        }
        for (np, p) in new.declared_properties(n) {
            let child = el.child(ElementKind::Property, &p.name);
            match old.member(o, &p.name) {
                Some(MemberId::Property(op)) if old.property(op).declaring_type != o => {
                    // Moved down from a base type: the base type's removal is reported there.
                    self.moved_from_base(&child, old.property(op).declaring_type, n);
                    self.property(op, np, &child);
                }
                Some(MemberId::Property(_)) => {}
                _ => {
                    let (breaking, reason) = self.added_property(n, np, p);
                    self.out
                        .push(child.added(breaking, reason, Some(describe_type(new, &p.ty))));
                }
            }
        }
    }

    /// A member of `o` that the new model declares in its base type `declared_by`.
    fn moved_to_base(
        &mut self,
        child: &Element,
        o: StructuredTypeId,
        declared_by: StructuredTypeId,
    ) {
        self.out.push(child.changed(
            "declared_in",
            false,
            "moved to a base type: still inherited",
            self.old.structured_type_name(o).as_str(),
            self.new.structured_type_name(declared_by).as_str(),
        ));
    }

    /// A member of `n` that the old model declared in its base type `declared_by`.
    fn moved_from_base(
        &mut self,
        child: &Element,
        declared_by: StructuredTypeId,
        n: StructuredTypeId,
    ) {
        self.out.push(child.changed(
            "declared_in",
            false,
            "moved from a base type into this type: still present here",
            self.old.structured_type_name(declared_by).as_str(),
            self.new.structured_type_name(n).as_str(),
        ));
    }

    /// Whether a new property breaks creates by the old client, which leaves it out.
    fn added_property(&self, ty: StructuredTypeId, id: PropertyId, p: &Property) -> (bool, String) {
        let new = self.new;
        if p.ty.collection {
            return (
                false,
                "collection property added: left out, it is empty".into(),
            );
        }
        if p.ty.nullable {
            return (false, "nullable property added".into());
        }
        if p.default_value.is_some() {
            return (
                false,
                "non-nullable property with a default value added".into(),
            );
        }
        if Core::of_property(new, id).is_read_only() {
            return (
                false,
                "read-only property added: clients never send it".into(),
            );
        }
        match ty {
            StructuredTypeId::Complex(_) => (
                true,
                "non-nullable property without default added: complex values the old client sends lack it"
                    .into(),
            ),
            StructuredTypeId::Entity(_) => {
                if self.insertable(ty) {
                    (
                        true,
                        "non-nullable property without default added: creates by the old client leave it out"
                            .into(),
                    )
                } else {
                    (
                        false,
                        "non-nullable property added, but no entity set of this type allows inserts"
                            .into(),
                    )
                }
            }
        }
    }

    /// Whether entities of `ty` (or a type derived from it) may be inserted: true unless
    /// every entity set of such a type says `Insertable=false` (and there is at least one;
    /// types reached only by containment are assumed insertable).
    fn insertable(&self, ty: StructuredTypeId) -> bool {
        let new = self.new;
        let mut sources = new
            .entity_sets()
            .filter(|(_, s)| new.is_same_or_derived(s.entity_type.into(), ty))
            .map(|(id, _)| NavigationSourceId::EntitySet(id))
            .peekable();
        if sources.peek().is_none() {
            return true;
        }
        sources.any(|s| {
            Capabilities::for_navigation_source(new, s)
                .insert_restrictions
                .insertable
        })
    }

    fn property(&mut self, op: PropertyId, np: PropertyId, el: &Element) {
        let (old, new) = (self.old, self.new);
        let (p, q) = (old.property(op), new.property(np));
        let (oc, nc) = (Core::of_property(old, op), Core::of_property(new, np));
        let position = if nc.is_read_only() {
            Position::Read
        } else {
            Position::Both
        };
        self.type_changes(el, &p.ty, &q.ty, position);
        if p.default_value != q.default_value {
            let show = |d: &Option<Box<str>>| d.as_deref().unwrap_or("none").to_owned();
            let (breaking, reason) = match (&p.default_value, &q.default_value) {
                (Some(_), None) if !q.ty.nullable && position == Position::Both => (
                    true,
                    "default value removed: creates by the old client that leave it out fail",
                ),
                (Some(_), None) => (false, "default value removed"),
                (None, Some(_)) => (false, "default value added"),
                _ => (
                    false,
                    "default value changed: creates that leave it out get another value",
                ),
            };
            self.out.push(el.changed(
                "default_value",
                breaking,
                reason,
                show(&p.default_value),
                show(&q.default_value),
            ));
        }
        if oc.is_read_only() != nc.is_read_only() {
            self.out.push(if nc.is_read_only() {
                el.changed(
                    "read_only",
                    true,
                    "became read-only (Core.Computed or Core.Permissions without Write): writes by the old client are rejected",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "read_only",
                    false,
                    "no longer read-only: clients may now write it",
                    "true",
                    "false",
                )
            });
        }
        if oc.immutable != nc.immutable {
            self.out.push(if nc.immutable {
                el.changed(
                    "immutable",
                    true,
                    "became Core.Immutable: updates by the old client that change it are rejected",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "immutable",
                    false,
                    "no longer Core.Immutable: updates may now change it",
                    "true",
                    "false",
                )
            });
        }
    }

    /// Pushes the classified differences of two type references of one element.
    pub(crate) fn type_changes(
        &mut self,
        el: &Element,
        old: &TypeRef,
        new: &TypeRef,
        position: Position,
    ) {
        let mut changes = Vec::new();
        compare_type_refs(self.old, old, self.new, new, position, &mut changes);
        for c in changes {
            self.out
                .push(el.changed(c.aspect, c.breaking, c.reason, c.old, c.new));
        }
    }

    fn navigation_properties(&mut self, o: StructuredTypeId, n: StructuredTypeId, el: &Element) {
        let (old, new) = (self.old, self.new);
        for (on, p) in old.declared_navigation_properties(o) {
            let child = el.child(ElementKind::NavigationProperty, &p.name);
            match new.member(n, &p.name) {
                Some(MemberId::NavigationProperty(nn)) => {
                    let declared_by = new.navigation_property(nn).declaring_type;
                    if declared_by != n {
                        self.moved_to_base(&child, o, declared_by);
                    }
                    self.navigation_property(on, nn, &child);
                }
                _ => self.out.push(child.removed(
                    true,
                    "navigation property removed: the old client follows and expands it",
                    Some(describe_navigation(old, p)),
                )),
            }
        }
        for (nn, p) in new.declared_navigation_properties(n) {
            let child = el.child(ElementKind::NavigationProperty, &p.name);
            match old.member(o, &p.name) {
                Some(MemberId::NavigationProperty(on))
                    if old.navigation_property(on).declaring_type != o =>
                {
                    self.moved_from_base(&child, old.navigation_property(on).declaring_type, n);
                    self.navigation_property(on, nn, &child);
                }
                Some(MemberId::NavigationProperty(_)) => {}
                _ => self.out.push(child.added(
                    false,
                    "navigation property added: payloads need not include it",
                    Some(describe_navigation(new, p)),
                )),
            }
        }
    }

    fn navigation_property(
        &mut self,
        on: NavigationPropertyId,
        nn: NavigationPropertyId,
        el: &Element,
    ) {
        let (old, new) = (self.old, self.new);
        let (p, q) = (old.navigation_property(on), new.navigation_property(nn));
        let target = |m: &Model, t: &NavigationProperty| {
            t.target.map_or_else(
                || "Edm.EntityType".to_owned(),
                |id| m.entity_type(id).name.to_string(),
            )
        };
        let (ot, nt) = (target(old, p), target(new, q));
        if ot != nt {
            let reason = match (p.target, q.target) {
                (Some(_), Some(t)) => match new.entity_type_by_name(&ot) {
                    Some(was) if new.is_same_or_derived(t.into(), was.into()) => {
                        "target narrowed to a derived type: related entities the old client creates or binds may be rejected"
                    }
                    Some(was) if new.is_same_or_derived(was.into(), t.into()) => {
                        "target widened to a base type: related entities may lack what the old client's type requires"
                    }
                    _ => "target type changed: related entities have another type",
                },
                _ => "target type changed: related entities have another type",
            };
            self.out.push(el.changed("target", true, reason, ot, nt));
        }
        if p.collection != q.collection {
            self.out.push(el.changed(
                "collection",
                true,
                "collection-valued changed: payload shapes and URLs differ",
                p.collection.to_string(),
                q.collection.to_string(),
            ));
        }
        if p.contains_target != q.contains_target {
            self.out.push(el.changed(
                "contains_target",
                true,
                "containment changed: related entities are addressed by other URLs",
                p.contains_target.to_string(),
                q.contains_target.to_string(),
            ));
        }
        if !q.collection && !p.collection && p.nullable != q.nullable {
            self.out.push(if q.nullable {
                el.changed(
                    "nullable",
                    true,
                    "became nullable: the old client does not expect a missing related entity",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "nullable",
                    false,
                    "became non-nullable: a related entity is always present",
                    "true",
                    "false",
                )
            });
        }
        if p.partner_path != q.partner_path {
            let show = |x: &Option<Box<str>>| x.as_deref().unwrap_or("none").to_owned();
            self.out.push(el.changed(
                "partner",
                false,
                "partner changed: only relates the two navigation properties",
                show(&p.partner_path),
                show(&q.partner_path),
            ));
        }
        if p.on_delete != q.on_delete {
            let show = |x: Option<crate::edm::OnDeleteAction>| {
                x.map_or_else(|| "none".to_owned(), |a| format!("{a:?}"))
            };
            self.out.push(el.changed(
                "on_delete",
                false,
                "OnDelete changed: what the service does on delete, not the protocol",
                show(p.on_delete),
                show(q.on_delete),
            ));
        }
        let constraints = |n: &NavigationProperty| {
            let c: Vec<String> = n
                .referential_constraints
                .iter()
                .map(|r| format!("{}={}", r.property, r.referenced_property))
                .collect();
            if c.is_empty() {
                "none".to_owned()
            } else {
                c.join(", ")
            }
        };
        let (oc, nc) = (constraints(p), constraints(q));
        if oc != nc {
            self.out.push(el.changed(
                "referential_constraints",
                false,
                "referential constraints changed: informational for clients",
                oc,
                nc,
            ));
        }
    }

    /// Enumeration types and their members.
    pub(crate) fn enum_types(&mut self) {
        let (old, new) = (self.old, self.new);
        for (_, e) in old.enum_types() {
            let el = type_element(ElementKind::EnumType, &e.name);
            let Some(nid) = new.enum_type_by_name(e.name.as_str()) else {
                self.out.push(el.removed(
                    true,
                    "enum type removed: requests and payloads of the old client that use it fail",
                    Some(e.underlying_type.to_string()),
                ));
                continue;
            };
            let f = new.enum_type(nid);
            if e.is_flags != f.is_flags {
                self.out.push(if f.is_flags {
                    el.changed(
                        "is_flags",
                        true,
                        "became flags: responses may combine members the old client reads as one",
                        "false",
                        "true",
                    )
                } else {
                    el.changed(
                        "is_flags",
                        true,
                        "no longer flags: combinations the old client sends are rejected",
                        "true",
                        "false",
                    )
                });
            }
            if e.underlying_type != f.underlying_type {
                let (breaking, reason) = underlying_enum_type(e.underlying_type, f.underlying_type);
                self.out.push(el.changed(
                    "underlying_type",
                    breaking,
                    reason,
                    e.underlying_type.to_string(),
                    f.underlying_type.to_string(),
                ));
            }
            for m in &e.members {
                let child = el.child(ElementKind::EnumMember, &m.name);
                match f.member(&m.name) {
                    None => self.out.push(child.removed(
                        true,
                        "member removed: the old client may send it",
                        Some(m.value.to_string()),
                    )),
                    Some(n) if n.value != m.value => self.out.push(child.changed(
                        "value",
                        true,
                        "member value changed: numeric values the old client uses now mean another member",
                        m.value.to_string(),
                        n.value.to_string(),
                    )),
                    Some(_) => {}
                }
            }
            for m in &f.members {
                if e.member(&m.name).is_none() {
                    self.out.push(el.child(ElementKind::EnumMember, &m.name).added(
                        false,
                        "member added: generated enums read unknown members into their fallback variant",
                        Some(m.value.to_string()),
                    ));
                }
            }
        }
        for (_, f) in new.enum_types() {
            if old.enum_type_by_name(f.name.as_str()).is_none() {
                self.out
                    .push(type_element(ElementKind::EnumType, &f.name).added(
                        false,
                        "enum type added: the old client does not use it",
                        Some(f.underlying_type.to_string()),
                    ));
            }
        }
    }

    /// Type definitions: underlying type and facets, used both ways.
    pub(crate) fn type_definitions(&mut self) {
        let (old, new) = (self.old, self.new);
        for (_, d) in old.type_definitions() {
            let el = type_element(ElementKind::TypeDefinition, &d.name);
            let Some(nid) = new.type_definition_by_name(d.name.as_str()) else {
                self.out.push(el.removed(
                    true,
                    "type definition removed: requests and payloads of the old client that use it fail",
                    Some(d.underlying_type.to_string()),
                ));
                continue;
            };
            let f = new.type_definition(nid);
            let mut changes = Vec::new();
            if d.underlying_type != f.underlying_type {
                let (breaking, reason) =
                    primitive_change(d.underlying_type, f.underlying_type, Position::Both);
                self.out.push(el.changed(
                    "underlying_type",
                    breaking,
                    reason,
                    d.underlying_type.to_string(),
                    f.underlying_type.to_string(),
                ));
            }
            compare_facets(&d.facets, &f.facets, Position::Both, &mut changes);
            for c in changes {
                self.out
                    .push(el.changed(c.aspect, c.breaking, c.reason, c.old, c.new));
            }
        }
        for (_, d) in new.type_definitions() {
            if old.type_definition_by_name(d.name.as_str()).is_none() {
                self.out
                    .push(type_element(ElementKind::TypeDefinition, &d.name).added(
                        false,
                        "type definition added: the old client does not use it",
                        Some(d.underlying_type.to_string()),
                    ));
            }
        }
    }
}

/// `Collection(ns.T)`, `ns.T not null`, with `contained` when it contains its targets.
fn describe_navigation(model: &Model, p: &NavigationProperty) -> String {
    let target = p.target.map_or_else(
        || "Edm.EntityType".to_owned(),
        |id| model.entity_type(id).name.to_string(),
    );
    let mut s = if p.collection {
        format!("Collection({target})")
    } else {
        target
    };
    if !p.collection && !p.nullable {
        s.push_str(" not null");
    }
    if p.contains_target {
        s.push_str(" contained");
    }
    s
}
