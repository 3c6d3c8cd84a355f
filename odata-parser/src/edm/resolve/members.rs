//! Phase 2 of the resolve pass: base types (cycles are reported and cut),
//! then the properties and navigation properties of every structured type,
//! and the checks on duplicate or redeclared member names.

use super::Resolver;
use crate::edm::Model;
use crate::edm::csdl::error::CsdlErrorKind;
use crate::edm::csdl::raw::*;
use crate::edm::ids::*;
use crate::edm::model::*;

impl<'r, 'a> Resolver<'r, 'a> {
    pub(super) fn base_types(&mut self) {
        for i in 0..self.entity_src.len() {
            let (d, t) = self.entity_src[i];
            self.m.entity_types[i].base_type =
                self.base_type(d, t, "EntityType", "an entity type", |item| match item {
                    SchemaItem::EntityType(b) => Some(b),
                    _ => None,
                });
        }
        for i in 0..self.complex_src.len() {
            let (d, t) = self.complex_src[i];
            self.m.complex_types[i].base_type =
                self.base_type(d, t, "ComplexType", "a complex type", |item| match item {
                    SchemaItem::ComplexType(b) => Some(b),
                    _ => None,
                });
        }
        let mut entity_bases: Vec<Option<usize>> = self
            .m
            .entity_types
            .iter()
            .map(|t| t.base_type.map(EntityTypeId::index))
            .collect();
        let cut = self.base_type_cycles(
            &entity_bases,
            "EntityType",
            |r, i| r.entity_src[i].1,
            |m, j| m.entity_types[j].name.to_string(),
        );
        let too_deep =
            self.base_type_chains_too_long(&mut entity_bases, &cut, "EntityType", |r, i| {
                r.entity_src[i].1
            });
        for i in cut.into_iter().chain(too_deep) {
            self.m.entity_types[i].base_type = None;
        }
        let mut complex_bases: Vec<Option<usize>> = self
            .m
            .complex_types
            .iter()
            .map(|t| t.base_type.map(ComplexTypeId::index))
            .collect();
        let cut = self.base_type_cycles(
            &complex_bases,
            "ComplexType",
            |r, i| r.complex_src[i].1,
            |m, j| m.complex_types[j].name.to_string(),
        );
        let too_deep =
            self.base_type_chains_too_long(&mut complex_bases, &cut, "ComplexType", |r, i| {
                r.complex_src[i].1
            });
        for i in cut.into_iter().chain(too_deep) {
            self.m.complex_types[i].base_type = None;
        }
    }

    /// The base type of `t` (an `element` in document `d`), if `pick` accepts what it
    /// names; `None` (after a warning or an error where due) if it has none, is in an
    /// unloaded standard vocabulary, does not resolve, or is not of the `expected` kind.
    fn base_type<T>(
        &mut self,
        d: usize,
        t: &'r RawStructuredType<'a>,
        element: &'static str,
        expected: &'static str,
        pick: fn(SchemaItem) -> Option<T>,
    ) -> Option<T> {
        let base = t.base_type.as_ref()?;
        self.enter(element, t.name.as_str());
        let mut found = None;
        if !self.unloaded_vocabulary_type(d, base)
            && let Some(item) = self.lookup(d, base, "base type")
        {
            found = pick(item);
            if found.is_none() {
                self.wrong_kind(base, expected);
            }
        }
        self.leave();
        found
    }

    /// Reports one error per base-type cycle among `bases` (`raw` gives the declaration
    /// of a type, `name` its qualified name) and returns the types whose base link closes
    /// a cycle, to be cut.
    fn base_type_cycles(
        &mut self,
        bases: &[Option<usize>],
        element: &'static str,
        raw: fn(&Self, usize) -> &'r RawStructuredType<'a>,
        name: fn(&Model, usize) -> String,
    ) -> Vec<usize> {
        let cycles = find_cycles(bases);
        for &i in &cycles {
            let chain = cycle_chain(bases, i, |j| name(&self.m, j));
            let t = raw(self, i);
            self.enter(element, t.name.as_str());
            let span = t.base_type.as_ref().map_or(t.span, |b| b.span);
            self.error(
                CsdlErrorKind::BaseTypeCycle {
                    chain: chain.into(),
                },
                span,
            );
            self.leave();
        }
        cycles
    }

    /// Reports an error for each type that would be more than [`MAX_BASE_TYPE_DEPTH`]
    /// base types away from its root, and returns those types, whose base link is to be
    /// cut (so that inherited-member lookups stay bounded on hostile documents). `bases`
    /// has the links of `cycles` (already reported) cut on return.
    fn base_type_chains_too_long(
        &mut self,
        bases: &mut [Option<usize>],
        cycles: &[usize],
        element: &'static str,
        raw: fn(&Self, usize) -> &'r RawStructuredType<'a>,
    ) -> Vec<usize> {
        for &i in cycles {
            bases[i] = None;
        }
        let too_deep = chains_too_long(bases, MAX_BASE_TYPE_DEPTH);
        for &i in &too_deep {
            let t = raw(self, i);
            self.enter(element, t.name.as_str());
            let span = t.base_type.as_ref().map_or(t.span, |b| b.span);
            self.error(
                CsdlErrorKind::BaseTypeChainTooLong {
                    limit: MAX_BASE_TYPE_DEPTH,
                },
                span,
            );
            self.leave();
        }
        too_deep
    }

    pub(super) fn members(&mut self) {
        for i in 0..self.entity_src.len() {
            let (d, t) = self.entity_src[i];
            self.enter("EntityType", t.name.as_str());
            let (props, navs) =
                self.push_members(d, t, StructuredTypeId::Entity(EntityTypeId::from_index(i)));
            self.leave();
            self.m.entity_types[i].properties = props;
            self.m.entity_types[i].navigation_properties = navs;
        }
        for i in 0..self.complex_src.len() {
            let (d, t) = self.complex_src[i];
            self.enter("ComplexType", t.name.as_str());
            let (props, navs) = self.push_members(
                d,
                t,
                StructuredTypeId::Complex(ComplexTypeId::from_index(i)),
            );
            self.leave();
            self.m.complex_types[i].properties = props;
            self.m.complex_types[i].navigation_properties = navs;
        }
    }

    fn push_members(
        &mut self,
        d: usize,
        t: &'r RawStructuredType<'a>,
        owner: StructuredTypeId,
    ) -> (IdRange, IdRange) {
        let start = self.m.properties.len();
        for p in &t.properties {
            self.enter("Property", p.name.as_str());
            let ty = self.type_ref(d, &p.ty, true);
            self.leave();
            self.m.properties.push(Property {
                name: p.name.as_str().into(),
                declaring_type: owner,
                ty,
                default_value: p.default_value.as_ref().map(|v| v.as_str().into()),
                span: p.span.into(),
            });
        }
        let props = IdRange::new(start, self.m.properties.len());
        let start = self.m.navigation_properties.len();
        for n in &t.navigation_properties {
            self.enter("NavigationProperty", n.name.as_str());
            let raw = RawTypeRef {
                ty: Some(n.ty.clone()),
                nullable: n.nullable,
                facets: Facets::default(),
            };
            let ty = self.type_ref(d, &raw, false);
            let target = match ty.kind {
                TypeKind::Entity(id) => Some(id),
                TypeKind::Abstract(AbstractType::EntityType | AbstractType::Untyped) => None,
                _ => {
                    self.wrong_kind(&n.ty, "an entity type");
                    None
                }
            };
            if ty.collection && n.nullable.is_some() {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "Nullable",
                    value: "given".into(),
                    expected: "no Nullable on a collection-valued navigation property",
                };
                self.error(kind, n.span);
            }
            self.leave();
            self.m.navigation_properties.push(NavigationProperty {
                name: n.name.as_str().into(),
                declaring_type: owner,
                target,
                collection: ty.collection,
                nullable: n.nullable.unwrap_or(true),
                partner_path: n.partner.as_ref().map(|p| p.as_str().into()),
                partner: None,
                contains_target: n.contains_target,
                referential_constraints: Vec::new(),
                on_delete: n.on_delete,
                span: n.span.into(),
            });
        }
        (
            props,
            IdRange::new(start, self.m.navigation_properties.len()),
        )
    }

    /// Duplicate member names within a type, and members that redeclare an inherited one.
    pub(super) fn check_members(&mut self) {
        let types: Vec<(StructuredTypeId, &'static str, &'r RawStructuredType<'a>)> =
            (0..self.entity_src.len())
                .map(|i| {
                    (
                        StructuredTypeId::Entity(EntityTypeId::from_index(i)),
                        "EntityType",
                        self.entity_src[i].1,
                    )
                })
                .chain((0..self.complex_src.len()).map(|i| {
                    (
                        StructuredTypeId::Complex(ComplexTypeId::from_index(i)),
                        "ComplexType",
                        self.complex_src[i].1,
                    )
                }))
                .collect();
        for (ty, element, raw) in types {
            let names = raw.properties.iter().map(|p| ("Property", &p.name)).chain(
                raw.navigation_properties
                    .iter()
                    .map(|n| ("NavigationProperty", &n.name)),
            );
            // A set, not a list: a type with 100 000 members must not take quadratic time.
            let mut seen: hashbrown::HashSet<&str> = hashbrown::HashSet::new();
            for (member_element, name) in names {
                let duplicate = !seen.insert(name.as_str());
                let inherited = self
                    .m
                    .base_type(ty)
                    .and_then(|b| self.m.member(b, name.as_str()));
                if duplicate || inherited.is_some() {
                    self.enter(element, raw.name.as_str());
                    self.enter(member_element, name.as_str());
                    let first = match inherited {
                        Some(MemberId::Property(p)) => self.m.locate(self.m.property(p).span.0),
                        Some(MemberId::NavigationProperty(n)) => {
                            self.m.locate(self.m.navigation_property(n).span.0)
                        }
                        None => None,
                    };
                    let full = format!("{}/{}", self.m.structured_type_name(ty), name.as_str());
                    self.error(
                        CsdlErrorKind::DuplicateName {
                            name: full.into(),
                            first,
                        },
                        name.span,
                    );
                    self.leave();
                    self.leave();
                }
            }
        }
    }
}

/// How many base types a structured type may have above it (real models have a
/// handful; Microsoft Graph at most 4). Deeper chains are an error.
pub const MAX_BASE_TYPE_DEPTH: usize = 100;

/// In an acyclic forest of base links, the nodes more than `limit` links below their
/// root, each cut (set to `None` in `base`) as found, so that the nodes below one
/// count again from it. Linear in the number of nodes.
fn chains_too_long(base: &mut [Option<usize>], limit: usize) -> Vec<usize> {
    // usize::MAX = not computed yet
    let mut depth = vec![usize::MAX; base.len()];
    let mut cut = Vec::new();
    let mut walk = Vec::new();
    for start in 0..base.len() {
        let mut cur = Some(start);
        while let Some(i) = cur {
            if depth.get(i).is_none_or(|&d| d != usize::MAX) {
                break;
            }
            walk.push(i);
            cur = base[i];
        }
        // Depth of the first node already known (or of a root's missing base).
        let mut above = cur.and_then(|i| depth.get(i).copied());
        while let Some(i) = walk.pop() {
            let d = match above {
                Some(a) if a + 1 > limit => {
                    base[i] = None;
                    cut.push(i);
                    0
                }
                Some(a) => a + 1,
                None => 0,
            };
            depth[i] = d;
            above = Some(d);
        }
    }
    cut.sort_unstable();
    cut
}

/// The indices of one node per base-type cycle (the node whose base link closes the cycle).
fn find_cycles(base: &[Option<usize>]) -> Vec<usize> {
    // 0 = unvisited, 1 = on the current walk, 2 = done
    let mut state = vec![0u8; base.len()];
    let mut cycles = Vec::new();
    for start in 0..base.len() {
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state.get(i) {
                Some(0) => {
                    state[i] = 1;
                    walk.push(i);
                    cur = base[i];
                }
                Some(1) => {
                    cycles.push(*walk.last().unwrap_or(&i));
                    break;
                }
                _ => break,
            }
        }
        for i in walk {
            state[i] = 2;
        }
    }
    cycles
}

fn cycle_chain(base: &[Option<usize>], start: usize, name: impl Fn(usize) -> String) -> String {
    let mut out = name(start);
    let mut cur = base[start];
    let mut steps = 0;
    while let Some(i) = cur {
        out.push_str(" -> ");
        out.push_str(&name(i));
        if i == start || steps > base.len() {
            break;
        }
        steps += 1;
        cur = base[i];
    }
    out
}
