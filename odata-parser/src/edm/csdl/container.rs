//! The entity container (CSDL XML 4.01, section 13): `EntityContainer` and its
//! `EntitySet`, `Singleton`, `ActionImport` and `FunctionImport` children with
//! their `NavigationPropertyBinding`s.

use super::attributes::text;
use super::error::CsdlError;
use super::raw::*;
use super::reader::{Element, Ns, XmlReader};
use crate::edm::model::OperationKind;

type Result<T> = std::result::Result<T, CsdlError>;

impl<'a> XmlReader<'a, '_> {
    /// `EntityContainer`.
    pub(super) fn read_entity_container(&mut self, el: &Element<'a>) -> Result<RawContainer<'a>> {
        let [name, extends] = self.attrs(el, ["Name", "Extends"])?;
        let name = self.name_attr(name, el, "EntityContainer")?;
        let mut c = RawContainer {
            name,
            extends: extends.map(text),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            imports: Vec::new(),
            annotations: Vec::new(),
            span: el.span,
        };
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "EntitySet") => c.entity_sets.push(r.read_entity_set(&child)?),
                (Ns::Edm, "Singleton") => c.singletons.push(r.read_singleton(&child)?),
                (Ns::Edm, "ActionImport") => c.imports.push(r.read_action_import(&child)?),
                (Ns::Edm, "FunctionImport") => c.imports.push(r.read_function_import(&child)?),
                (Ns::Edm, "Annotation") => c.annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })?;
        Ok(c)
    }

    /// `EntitySet`.
    fn read_entity_set(&mut self, el: &Element<'a>) -> Result<RawEntitySet<'a>> {
        let [name, ty, include] =
            self.attrs(el, ["Name", "EntityType", "IncludeInServiceDocument"])?;
        let name = self.name_attr(name, el, "EntitySet")?;
        let entity_type = self.required(ty, el, "EntitySet", "EntityType")?;
        let include_in_service_document = self.bool_attr(include, "IncludeInServiceDocument")?;
        let mut s = RawEntitySet {
            name,
            entity_type,
            include_in_service_document,
            bindings: Vec::new(),
            annotations: Vec::new(),
            span: el.span,
        };
        self.read_bindings(el, &mut s.bindings, &mut s.annotations)?;
        Ok(s)
    }

    /// `Singleton`.
    fn read_singleton(&mut self, el: &Element<'a>) -> Result<RawSingleton<'a>> {
        let [name, ty, nullable] = self.attrs(el, ["Name", "Type", "Nullable"])?;
        let name = self.name_attr(name, el, "Singleton")?;
        let ty = self.required(ty, el, "Singleton", "Type")?;
        let nullable = self.bool_attr(nullable, "Nullable")?;
        let mut s = RawSingleton {
            name,
            ty,
            nullable,
            bindings: Vec::new(),
            annotations: Vec::new(),
            span: el.span,
        };
        self.read_bindings(el, &mut s.bindings, &mut s.annotations)?;
        Ok(s)
    }

    /// `ActionImport`.
    fn read_action_import(&mut self, el: &Element<'a>) -> Result<RawImport<'a>> {
        let [name, action, set] = self.attrs(el, ["Name", "Action", "EntitySet"])?;
        let name = self.name_attr(name, el, "ActionImport")?;
        let operation = self.required(action, el, "ActionImport", "Action")?;
        let mut i = RawImport {
            kind: OperationKind::Action,
            name,
            operation,
            entity_set: set.map(text),
            include_in_service_document: None,
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut i.annotations)?;
        Ok(i)
    }

    /// `FunctionImport`.
    fn read_function_import(&mut self, el: &Element<'a>) -> Result<RawImport<'a>> {
        let [name, function, set, include] = self.attrs(
            el,
            ["Name", "Function", "EntitySet", "IncludeInServiceDocument"],
        )?;
        let name = self.name_attr(name, el, "FunctionImport")?;
        let operation = self.required(function, el, "FunctionImport", "Function")?;
        let mut i = RawImport {
            kind: OperationKind::Function,
            name,
            operation,
            entity_set: set.map(text),
            include_in_service_document: self.bool_attr(include, "IncludeInServiceDocument")?,
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut i.annotations)?;
        Ok(i)
    }

    /// The `NavigationPropertyBinding` and `Annotation` children of an entity set or singleton.
    fn read_bindings(
        &mut self,
        el: &Element<'a>,
        bindings: &mut Vec<RawBinding<'a>>,
        annotations: &mut Vec<RawAnnotation<'a>>,
    ) -> Result<()> {
        self.children(el, |r, child| {
            match (child.ns, child.local) {
                (Ns::Edm, "NavigationPropertyBinding") => {
                    let [path, target] = r.attrs(&child, ["Path", "Target"])?;
                    let path = r.required(path, &child, "NavigationPropertyBinding", "Path")?;
                    let target =
                        r.required(target, &child, "NavigationPropertyBinding", "Target")?;
                    r.set_path_name(&path.value);
                    bindings.push(RawBinding {
                        path,
                        target,
                        span: child.span,
                    });
                    r.skip(&child)?;
                }
                (Ns::Edm, "Annotation") => annotations.push(r.read_annotation(&child)?),
                _ => r.skip_unknown(&child)?,
            }
            Ok(())
        })
    }
}
