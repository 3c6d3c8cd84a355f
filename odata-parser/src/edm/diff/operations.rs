//! Comparison of actions and functions, overload by overload.
//!
//! An overload's identity is its qualified name, its kind (action or function) and its
//! binding parameter type (`Collection(...)` included). Within one identity, overloads are
//! paired by their set of non-binding parameter names (what tells function overloads apart);
//! if one overload is left on each side they are paired too, so that a parameter added to
//! the only overload is a changed parameter list, not a removed and an added overload.

use std::collections::{BTreeMap, BTreeSet};

use crate::edm::vocab::Core;
use crate::edm::{Model, Operation, OperationId, OperationKind, Target};

use super::Cx;
use super::change::{Element, ElementKind, Section};
use super::classify::Position;
use super::types::describe_type;

/// (qualified name, is function, binding type or "").
type Identity = (String, bool, String);

fn identity(model: &Model, op: &Operation) -> Identity {
    (
        op.name.to_string(),
        op.kind == OperationKind::Function,
        op.binding_type()
            .map(|t| model.type_ref_name(t))
            .unwrap_or_default(),
    )
}

/// The non-binding parameters of an overload.
fn parameters(op: &Operation) -> &[crate::edm::Parameter] {
    let skip = usize::from(op.is_bound).min(op.parameters.len());
    &op.parameters[skip..]
}

fn parameter_names(op: &Operation) -> BTreeSet<&str> {
    parameters(op).iter().map(|p| &*p.name).collect()
}

/// Overloads of each identity, in declaration order.
fn overloads(model: &Model) -> BTreeMap<Identity, Vec<OperationId>> {
    let mut map: BTreeMap<Identity, Vec<OperationId>> = BTreeMap::new();
    for (id, op) in model.operations() {
        map.entry(identity(model, op)).or_default().push(id);
    }
    map
}

/// `ns.f(ns.BindingType)`, or `ns.f()` when unbound; when the identity has several
/// overloads, with `; p1, p2`: the sorted non-binding parameter names (what tells function
/// overloads apart), for a pair of overloads those both have, so that the path does not
/// depend on the direction of the comparison.
fn element(model: &Model, id: OperationId, names: Option<BTreeSet<&str>>) -> Element {
    let op = model.operation(id);
    let (_, _, binding) = identity(model, op);
    let mut path = format!("{}({binding}", op.name);
    if let Some(names) = names {
        path.push_str("; ");
        path.push_str(&names.into_iter().collect::<Vec<_>>().join(", "));
    }
    path.push(')');
    let kind = match op.kind {
        OperationKind::Action => ElementKind::Action,
        OperationKind::Function => ElementKind::Function,
    };
    Element::new(kind, Section::Operations, path, op.name.namespace())
}

/// `(a: Edm.String, b: Edm.Int32 not null) -> Edm.String`.
fn signature(model: &Model, op: &Operation) -> String {
    let params: Vec<String> = parameters(op)
        .iter()
        .map(|p| format!("{}: {}", p.name, describe_type(model, &p.ty)))
        .collect();
    let mut s = format!("({})", params.join(", "));
    if let Some(r) = &op.return_type {
        s.push_str(" -> ");
        s.push_str(&describe_type(model, &r.ty));
    }
    s
}

/// Whether the parameter at `index` is annotated `Core.OptionalParameter`.
fn annotated_optional(model: &Model, id: OperationId, index: usize) -> bool {
    u32::try_from(index).is_ok_and(|i| {
        Core::of(model, Target::Parameter(id, i))
            .optional_parameter
            .is_some()
    })
}

/// Whether a caller may leave the parameter at `index` out: `Core.OptionalParameter`, or a
/// nullable parameter of an action (an action's missing parameters are null).
fn optional(model: &Model, id: OperationId, index: usize) -> bool {
    let op = model.operation(id);
    annotated_optional(model, id, index)
        || (op.kind == OperationKind::Action
            && op.parameters.get(index).is_some_and(|p| p.ty.nullable))
}

/// The aspect of a return-type difference.
fn return_aspect(aspect: &'static str) -> &'static str {
    match aspect {
        "type" => "return_type",
        "collection" => "return_collection",
        "nullable" => "return_nullable",
        "max_length" => "return_max_length",
        "precision" => "return_precision",
        "scale" => "return_scale",
        "srid" => "return_srid",
        "unicode" => "return_unicode",
        other => other,
    }
}

impl Cx<'_> {
    /// Every overload of every action and function.
    pub(crate) fn operations(&mut self) {
        let (old, new) = (self.old, self.new);
        let olds = overloads(old);
        let news = overloads(new);
        let none = Vec::new();
        for (key, os) in &olds {
            let ns = news.get(key).unwrap_or(&none);
            let (pairs, removed, added) = pair(old, os, new, ns);
            for o in removed {
                let names = (os.len() > 1).then(|| parameter_names(old.operation(o)));
                let el = element(old, o, names);
                self.out.push(el.removed(
                    true,
                    "overload removed: the old client's calls to it fail",
                    Some(signature(old, old.operation(o))),
                ));
            }
            for n in added {
                self.added_overload(n, ns.len() > 1);
            }
            for (o, n) in pairs {
                let names = (os.len() > 1 || ns.len() > 1).then(|| {
                    let theirs = parameter_names(new.operation(n));
                    parameter_names(old.operation(o))
                        .into_iter()
                        .filter(|p| theirs.contains(p))
                        .collect()
                });
                let el = element(old, o, names);
                self.operation(o, n, &el);
            }
        }
        for (key, ns) in &news {
            if !olds.contains_key(key) {
                for n in ns {
                    self.added_overload(*n, ns.len() > 1);
                }
            }
        }
    }

    fn added_overload(&mut self, n: OperationId, several: bool) {
        let new = self.new;
        let el = element(new, n, several.then(|| parameter_names(new.operation(n))));
        self.out.push(el.added(
            false,
            "overload added: the old client does not call it",
            Some(signature(new, new.operation(n))),
        ));
    }

    fn operation(&mut self, o: OperationId, n: OperationId, el: &Element) {
        let (old, new) = (self.old, self.new);
        let (p, q) = (old.operation(o), new.operation(n));
        if p.is_composable != q.is_composable {
            self.out.push(if q.is_composable {
                el.changed(
                    "is_composable",
                    false,
                    "became composable: further segments may now follow",
                    "false",
                    "true",
                )
            } else {
                el.changed(
                    "is_composable",
                    true,
                    "no longer composable: URLs of the old client that compose it fail",
                    "true",
                    "false",
                )
            });
        }
        if p.entity_set_path != q.entity_set_path {
            let show = |x: &Option<Box<str>>| x.as_deref().unwrap_or("none").to_owned();
            self.out.push(el.changed(
                "entity_set_path",
                false,
                "entity set path changed: informational for clients",
                show(&p.entity_set_path),
                show(&q.entity_set_path),
            ));
        }
        match (&p.return_type, &q.return_type) {
            (None, Some(r)) => self.out.push(el.changed(
                "return_type",
                false,
                "return type added: the old client ignores the response body",
                "none",
                describe_type(new, &r.ty),
            )),
            (Some(r), None) => self.out.push(el.changed(
                "return_type",
                true,
                "return type removed: the old client expects a response body",
                describe_type(old, &r.ty),
                "none",
            )),
            (Some(a), Some(b)) => {
                let before = self.out.len();
                self.type_changes(el, &a.ty, &b.ty, Position::Read);
                for c in &mut self.out[before..] {
                    c.aspect = c.aspect.map(return_aspect);
                }
            }
            (None, None) => {}
        }
        self.parameters(o, n, el);
    }

    fn parameters(&mut self, o: OperationId, n: OperationId, el: &Element) {
        let (old, new) = (self.old, self.new);
        let (p, q) = (old.operation(o), new.operation(n));
        let skip_old = usize::from(p.is_bound);
        let skip_new = usize::from(q.is_bound);
        for (i, a) in p.parameters.iter().enumerate().skip(skip_old) {
            let child = el.child(ElementKind::Parameter, &a.name);
            let found = q
                .parameters
                .iter()
                .enumerate()
                .skip(skip_new)
                .find(|(_, b)| b.name == a.name);
            let Some((j, b)) = found else {
                self.out.push(child.removed(
                    true,
                    "parameter removed: calls by the old client pass it and are rejected",
                    Some(describe_type(old, &a.ty)),
                ));
                continue;
            };
            self.type_changes(&child, &a.ty, &b.ty, Position::Write);
            let (was, is) = (optional(old, o, i), optional(new, n, j));
            // An action parameter that is optional because it became nullable (or required
            // because it no longer is) is reported once, as the nullability change.
            let by_nullability = annotated_optional(old, o, i) == annotated_optional(new, n, j)
                && a.ty.nullable != b.ty.nullable;
            if was != is && !by_nullability {
                self.out.push(if is {
                    child.changed(
                        "optional",
                        false,
                        "became optional: calls may leave it out",
                        "false",
                        "true",
                    )
                } else {
                    child.changed(
                        "optional",
                        true,
                        "became required: calls by the old client may leave it out",
                        "true",
                        "false",
                    )
                });
            }
        }
        for (j, b) in q.parameters.iter().enumerate().skip(skip_new) {
            if p.parameters.iter().skip(skip_old).any(|a| a.name == b.name) {
                continue;
            }
            let child = el.child(ElementKind::Parameter, &b.name);
            let (breaking, reason) = if optional(new, n, j) {
                (false, "optional parameter added")
            } else {
                (
                    true,
                    "required parameter added: calls by the old client leave it out",
                )
            };
            self.out
                .push(child.added(breaking, reason, Some(describe_type(new, &b.ty))));
        }
    }
}

/// Pairs the overloads of one identity: by equal non-binding parameter names, then the last
/// one on each side. Returns (pairs, only old, only new).
#[allow(clippy::type_complexity)]
fn pair(
    old: &Model,
    os: &[OperationId],
    new: &Model,
    ns: &[OperationId],
) -> (
    Vec<(OperationId, OperationId)>,
    Vec<OperationId>,
    Vec<OperationId>,
) {
    let mut pairs = Vec::new();
    let mut left_old = Vec::new();
    let mut left_new: Vec<OperationId> = ns.to_vec();
    for o in os {
        let names = parameter_names(old.operation(*o));
        match left_new
            .iter()
            .position(|n| parameter_names(new.operation(*n)) == names)
        {
            Some(i) => pairs.push((*o, left_new.remove(i))),
            None => left_old.push(*o),
        }
    }
    if let ([o], [n]) = (left_old.as_slice(), left_new.as_slice()) {
        pairs.push((*o, *n));
        left_old.clear();
        left_new.clear();
    }
    (pairs, left_old, left_new)
}
