//! Counts of what a model holds, for `odata stats`.

use std::collections::BTreeMap;
use std::fmt;

use super::Model;
use super::model::OperationKind;

/// Counts of the elements of a [`Model`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Loaded documents.
    pub documents: usize,
    /// `Schema` elements.
    pub schemas: usize,
    /// Entity types.
    pub entity_types: usize,
    /// Complex types.
    pub complex_types: usize,
    /// Enumeration types.
    pub enum_types: usize,
    /// Type definitions.
    pub type_definitions: usize,
    /// Structural properties (declared).
    pub properties: usize,
    /// Navigation properties (declared).
    pub navigation_properties: usize,
    /// Action overloads.
    pub actions: usize,
    /// Function overloads.
    pub functions: usize,
    /// Entity containers.
    pub entity_containers: usize,
    /// Entity sets.
    pub entity_sets: usize,
    /// Singletons.
    pub singletons: usize,
    /// Action imports.
    pub action_imports: usize,
    /// Function imports.
    pub function_imports: usize,
    /// Terms defined.
    pub terms: usize,
    /// Annotations applied to targets (inline and external; nested ones not counted).
    pub annotations: usize,
    /// Applied annotations per full term name, sorted by name.
    pub annotations_by_term: BTreeMap<String, usize>,
    /// Warnings.
    pub warnings: usize,
}

impl Model {
    /// Counts what the model holds.
    #[must_use]
    pub fn stats(&self) -> Stats {
        let mut annotations_by_term = BTreeMap::new();
        for (_, a) in &self.annotations {
            *annotations_by_term.entry(a.term.to_string()).or_insert(0) += 1;
        }
        let count_ops = |k| self.operations.iter().filter(|o| o.kind == k).count();
        let count_imports = |k| {
            self.operation_imports
                .iter()
                .filter(|o| o.kind == k)
                .count()
        };
        Stats {
            documents: self.source_map.documents().len(),
            schemas: self.schemas.len(),
            entity_types: self.entity_types.len(),
            complex_types: self.complex_types.len(),
            enum_types: self.enum_types.len(),
            type_definitions: self.type_definitions.len(),
            properties: self.properties.len(),
            navigation_properties: self.navigation_properties.len(),
            actions: count_ops(OperationKind::Action),
            functions: count_ops(OperationKind::Function),
            entity_containers: self.containers.len(),
            entity_sets: self.entity_sets.len(),
            singletons: self.singletons.len(),
            action_imports: count_imports(OperationKind::Action),
            function_imports: count_imports(OperationKind::Function),
            terms: self.terms.len(),
            annotations: self.annotations.len(),
            annotations_by_term,
            warnings: self.warnings.len(),
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: [(&str, usize); 19] = [
            ("documents", self.documents),
            ("schemas", self.schemas),
            ("entity types", self.entity_types),
            ("complex types", self.complex_types),
            ("enum types", self.enum_types),
            ("type definitions", self.type_definitions),
            ("properties", self.properties),
            ("navigation properties", self.navigation_properties),
            ("actions", self.actions),
            ("functions", self.functions),
            ("entity containers", self.entity_containers),
            ("entity sets", self.entity_sets),
            ("singletons", self.singletons),
            ("action imports", self.action_imports),
            ("function imports", self.function_imports),
            ("terms", self.terms),
            ("annotations", self.annotations),
            ("warnings", self.warnings),
            ("annotation terms", self.annotations_by_term.len()),
        ];
        for (label, n) in rows {
            writeln!(f, "{label:<22} {n:>7}")?;
        }
        if !self.annotations_by_term.is_empty() {
            writeln!(f, "annotations by term:")?;
            for (term, n) in &self.annotations_by_term {
                writeln!(f, "  {term:<52} {n:>7}")?;
            }
        }
        Ok(())
    }
}
