//! The standard vocabularies known by namespace without their documents.
//!
//! A document may use `Org.OData.Core.V1.Description` (Graph does) or
//! reference the Core vocabulary without the reader having its file: terms
//! and types of these namespaces resolve by full name (to
//! [`TypeKind::Vocabulary`](super::TypeKind::Vocabulary) for types) instead of
//! failing. When a resolver does provide a vocabulary document, its
//! definitions are loaded like any other schema.

/// A standard vocabulary: namespace, conventional alias, and where OASIS or Microsoft publishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StandardVocabulary {
    /// The namespace, e.g. `Org.OData.Core.V1`.
    pub namespace: &'static str,
    /// The alias documents conventionally declare, e.g. `Core`.
    pub alias: &'static str,
}

/// The OASIS vocabularies (shared/spec/vocabularies) and the Microsoft ones Graph-style services use.
pub const STANDARD_VOCABULARIES: &[StandardVocabulary] = &[
    StandardVocabulary {
        namespace: "Org.OData.Core.V1",
        alias: "Core",
    },
    StandardVocabulary {
        namespace: "Org.OData.Capabilities.V1",
        alias: "Capabilities",
    },
    StandardVocabulary {
        namespace: "Org.OData.Measures.V1",
        alias: "Measures",
    },
    StandardVocabulary {
        namespace: "Org.OData.Validation.V1",
        alias: "Validation",
    },
    StandardVocabulary {
        namespace: "Org.OData.Authorization.V1",
        alias: "Authorization",
    },
    StandardVocabulary {
        namespace: "Org.OData.Aggregation.V1",
        alias: "Aggregation",
    },
    StandardVocabulary {
        namespace: "Org.OData.JSON.V1",
        alias: "JSON",
    },
    StandardVocabulary {
        namespace: "Org.OData.Repeatability.V1",
        alias: "Repeatability",
    },
    StandardVocabulary {
        namespace: "Org.OData.Temporal.V1",
        alias: "Temporal",
    },
    StandardVocabulary {
        namespace: "Org.OData.Community.V1",
        alias: "Community",
    },
    StandardVocabulary {
        namespace: "Org.OData.Communication.V1",
        alias: "Communication",
    },
    StandardVocabulary {
        namespace: "Org.OData.Graph.V1",
        alias: "Graph",
    },
    StandardVocabulary {
        namespace: "Org.OData.Session.V1",
        alias: "Session",
    },
    StandardVocabulary {
        namespace: "Org.OData.Recursive.V1",
        alias: "Recursive",
    },
    StandardVocabulary {
        namespace: "Org.OData.Offline.V1",
        alias: "Offline",
    },
    StandardVocabulary {
        namespace: "Org.OData.ODM.V1",
        alias: "ODM",
    },
    StandardVocabulary {
        namespace: "Org.OData.PersonalData.V1",
        alias: "PersonalData",
    },
];

/// The standard vocabulary with this namespace.
#[must_use]
pub fn standard_vocabulary(namespace: &str) -> Option<&'static StandardVocabulary> {
    STANDARD_VOCABULARIES
        .iter()
        .find(|v| v.namespace == namespace)
}

/// Whether `namespace` is a standard vocabulary namespace.
#[must_use]
pub fn is_standard_namespace(namespace: &str) -> bool {
    standard_vocabulary(namespace).is_some()
}
