//! The entity container (CSDL JSON 4.01, section 13): entity sets, singletons,
//! action and function imports, navigation property bindings.

use super::value::{Kind, Member};
use super::{JsonReader, Result};
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::csdl::reader::truncate;
use crate::edm::model::OperationKind;
use crate::span::Span;

/// What a container child is: by `$Kind` if given, else by its members.
enum Child {
    EntitySet,
    Singleton,
    ActionImport,
    FunctionImport,
}

impl<'a> JsonReader<'a, '_> {
    pub(crate) fn read_entity_container(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawContainer<'a>> {
        self.within("EntityContainer", name.value.clone(), |r| {
            let s = r.split(members, ["$Kind", "$Extends"]);
            let [_, extends] = s.known;
            let mut c = RawContainer {
                name,
                extends: r.opt_string(extends)?,
                entity_sets: Vec::new(),
                singletons: Vec::new(),
                imports: Vec::new(),
                annotations: r.own_annotations(s.annotations)?,
                span,
            };
            for child in s.children {
                r.read_container_child(child, &mut c)?;
            }
            Ok(c)
        })
    }

    fn child_kind(&mut self, members: &[Member<'a>], at: Span) -> Result<Option<Child>> {
        let has = |n: &str| members.iter().any(|m| m.name == n);
        if let Some(m) = members.iter().find(|m| m.name == "$Kind") {
            let Kind::String(k) = &m.value.kind else {
                return Err(self.wrong_type(m, "a string"));
            };
            return Ok(Some(match &**k {
                "EntitySet" => Child::EntitySet,
                "Singleton" => Child::Singleton,
                "ActionImport" => Child::ActionImport,
                "FunctionImport" => Child::FunctionImport,
                other => {
                    let name = format!("$Kind: {}", truncate(other)).into();
                    self.warn(CsdlWarningKind::UnknownElement { name }, m.value.span);
                    return Ok(None);
                }
            }));
        }
        Ok(Some(if has("$Action") {
            Child::ActionImport
        } else if has("$Function") {
            Child::FunctionImport
        } else if has("$Collection") {
            Child::EntitySet
        } else if has("$Type") {
            Child::Singleton
        } else {
            let kind = CsdlErrorKind::MissingMember {
                element: "entity container child",
                member: "$Type, $Action or $Function",
            };
            return Err(self.error(kind, at));
        }))
    }

    fn read_container_child(&mut self, m: Member<'a>, c: &mut RawContainer<'a>) -> Result<()> {
        let span = m.span();
        let (name, name_span, members) = self.object(m)?;
        let name = self.identifier(
            Text {
                value: name,
                span: name_span,
            },
            "Name",
        )?;
        match self.child_kind(&members, name_span)? {
            Some(Child::EntitySet) => {
                let set = self.read_entity_set(name, span, members)?;
                c.entity_sets.push(set);
            }
            Some(Child::Singleton) => {
                let singleton = self.read_singleton(name, span, members)?;
                c.singletons.push(singleton);
            }
            Some(Child::ActionImport) => {
                let import = self.read_import(OperationKind::Action, name, span, members)?;
                c.imports.push(import);
            }
            Some(Child::FunctionImport) => {
                let import = self.read_import(OperationKind::Function, name, span, members)?;
                c.imports.push(import);
            }
            None => {}
        }
        Ok(())
    }

    fn read_entity_set(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawEntitySet<'a>> {
        self.within("EntitySet", name.value.clone(), |r| {
            let s = r.split(
                members,
                [
                    "$Kind",
                    "$Collection",
                    "$Type",
                    "$NavigationPropertyBinding",
                    "$IncludeInServiceDocument",
                ],
            );
            let [_, collection, ty, bindings, include] = s.known;
            if let Some(m) = &collection
                && !r.bool(m)?
            {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "$Collection",
                    value: "false".into(),
                    expected: "true for an entity set",
                };
                return Err(r.error(kind, m.value.span));
            }
            let ty = r.required(ty, name.span, "EntitySet", "$Type")?;
            r.unknown_members(&s.children);
            Ok(RawEntitySet {
                entity_type: r.string(ty)?,
                include_in_service_document: r.opt_bool(include.as_ref())?,
                bindings: r.read_bindings(bindings)?,
                annotations: r.own_annotations(s.annotations)?,
                name,
                span,
            })
        })
    }

    fn read_singleton(
        &mut self,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawSingleton<'a>> {
        self.within("Singleton", name.value.clone(), |r| {
            let s = r.split(
                members,
                ["$Kind", "$Type", "$Nullable", "$NavigationPropertyBinding"],
            );
            let [_, ty, nullable, bindings] = s.known;
            let ty = r.required(ty, name.span, "Singleton", "$Type")?;
            r.unknown_members(&s.children);
            Ok(RawSingleton {
                ty: r.string(ty)?,
                nullable: r.opt_bool(nullable.as_ref())?,
                bindings: r.read_bindings(bindings)?,
                annotations: r.own_annotations(s.annotations)?,
                name,
                span,
            })
        })
    }

    fn read_import(
        &mut self,
        kind: OperationKind,
        name: Text<'a>,
        span: Span,
        members: Vec<Member<'a>>,
    ) -> Result<RawImport<'a>> {
        let (element, member) = match kind {
            OperationKind::Action => ("ActionImport", "$Action"),
            OperationKind::Function => ("FunctionImport", "$Function"),
        };
        self.within(element, name.value.clone(), |r| {
            let s = r.split(
                members,
                ["$Kind", member, "$EntitySet", "$IncludeInServiceDocument"],
            );
            let [_, operation, entity_set, include] = s.known;
            let operation = r.required(operation, name.span, element, member)?;
            if let (OperationKind::Action, Some(m)) = (kind, &include) {
                r.unknown_member(m);
            }
            r.unknown_members(&s.children);
            Ok(RawImport {
                kind,
                operation: r.string(operation)?,
                entity_set: r.opt_string(entity_set)?,
                include_in_service_document: match kind {
                    OperationKind::Function => r.opt_bool(include.as_ref())?,
                    OperationKind::Action => None,
                },
                annotations: r.own_annotations(s.annotations)?,
                name,
                span,
            })
        })
    }

    /// `$NavigationPropertyBinding`: `{ "Path": "Target" }`.
    fn read_bindings(&mut self, m: Option<Member<'a>>) -> Result<Vec<RawBinding<'a>>> {
        let Some(m) = m else { return Ok(Vec::new()) };
        let (_, _, members) = self.object(m)?;
        let mut out = Vec::with_capacity(members.len());
        for b in members {
            if b.name.contains('@') || b.name.starts_with('$') {
                self.unknown_member(&b);
                continue;
            }
            let span = b.span();
            let path = Text {
                value: b.name.clone(),
                span: b.name_span,
            };
            out.push(RawBinding {
                path,
                target: self.string(b)?,
                span,
            });
        }
        Ok(out)
    }
}
