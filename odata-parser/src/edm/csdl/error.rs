//! Errors and warnings of reading and resolving CSDL.

use std::fmt;

use crate::edm::source::Location;
use crate::span::{Span, Spanned};

/// An error in a CSDL document: what went wrong, where (span, line:column) and
/// in which element (`edmx:Edmx/edmx:DataServices/Schema[ns]/EntityType[user]`).
#[derive(Debug, Clone)]
pub struct CsdlError {
    kind: Box<CsdlErrorKind>,
    span: Span,
    location: Option<Location>,
    path: Box<str>,
}

impl CsdlError {
    pub(crate) fn new(
        kind: CsdlErrorKind,
        span: Span,
        location: Option<Location>,
        path: String,
    ) -> Self {
        CsdlError {
            kind: Box::new(kind),
            span,
            location,
            path: path.into_boxed_str(),
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &CsdlErrorKind {
        &self.kind
    }

    /// Line and column in the document the error was found in.
    #[must_use]
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The path of the element the error was found in, e.g.
    /// `edmx:Edmx/edmx:DataServices/Schema[microsoft.graph]/EntityType[user]/Property[foo]`.
    #[must_use]
    pub fn element_path(&self) -> &str {
        &self.path
    }
}

impl Spanned for CsdlError {
    fn span(&self) -> Span {
        self.span
    }
}

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl std::error::Error for CsdlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.kind)
    }
}

/// The kinds of [`CsdlError`].
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum CsdlErrorKind {
    /// The XML is not well-formed.
    #[error("malformed XML")]
    Xml(#[source] quick_xml::Error),
    /// The JSON is not well-formed (CSDL JSON).
    #[error("malformed JSON")]
    Json(#[source] std::sync::Arc<serde_json::Error>),
    /// A CSDL JSON document that is not a JSON object.
    #[error("expected a CSDL JSON document (an object), found {found}")]
    NotCsdlJson {
        /// What was found instead.
        found: &'static str,
    },
    /// A CSDL JSON member whose value has the wrong JSON type.
    #[error("`{member}` must be {expected}, found {found}")]
    WrongJsonType {
        /// The member.
        member: Box<str>,
        /// The JSON type expected.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A member name that appears twice in one CSDL JSON object.
    #[error("duplicate member `{name}`")]
    DuplicateMember {
        /// The member name.
        name: Box<str>,
    },
    /// A required CSDL JSON member is missing.
    #[error("missing member `{member}` in `{element}`")]
    MissingMember {
        /// The element (object) it is missing from.
        element: &'static str,
        /// The member.
        member: &'static str,
    },
    /// An attribute is not well-formed.
    #[error("malformed attribute")]
    Attribute(#[source] quick_xml::events::attributes::AttrError),
    /// An attribute appears twice on one element.
    #[error("duplicate attribute `{name}`")]
    DuplicateAttribute {
        /// The attribute name.
        name: Box<str>,
    },
    /// A `<!DOCTYPE …>` declaration: refused, since DTDs enable entity-expansion attacks.
    #[error("DOCTYPE declarations are not allowed in CSDL")]
    DoctypeNotAllowed,
    /// An entity reference other than the five predefined ones and character references.
    #[error("unknown entity reference `&{name};`")]
    UnknownEntity {
        /// The entity name.
        name: Box<str>,
    },
    /// The document's root is not `edmx:Edmx`.
    #[error("expected the root element `edmx:Edmx`, found `{found}`")]
    NotEdmx {
        /// The element found.
        found: Box<str>,
    },
    /// The document has no `edmx:DataServices`.
    #[error("missing `edmx:DataServices` element")]
    MissingDataServices,
    /// A required attribute is missing.
    #[error("missing attribute `{attribute}` on `{element}`")]
    MissingAttribute {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
    },
    /// An attribute value does not have the required form.
    #[error("invalid value `{value}` for `{attribute}`: expected {expected}")]
    InvalidAttribute {
        /// The attribute.
        attribute: &'static str,
        /// The value found.
        value: Box<str>,
        /// What was expected.
        expected: &'static str,
    },
    /// The text of a constant expression does not have the required form.
    #[error("invalid `{element}` value `{value}`")]
    InvalidValue {
        /// The expression element or attribute.
        element: &'static str,
        /// The value found.
        value: Box<str>,
    },
    /// A required child element is missing or there are too many.
    #[error("`{element}` expects {expected}, found {found}")]
    WrongChildCount {
        /// The element.
        element: &'static str,
        /// What was expected.
        expected: &'static str,
        /// How many were found.
        found: usize,
    },
    /// A name or other attribute value is longer than the configured limit.
    #[error("name of {len} bytes exceeds the limit of {limit}")]
    NameTooLong {
        /// Length found.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Elements are nested deeper than the configured limit.
    #[error("elements nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// An element has more attributes than the configured limit.
    #[error("element has more than {limit} attributes")]
    TooManyAttributes {
        /// The limit.
        limit: usize,
    },
    /// More documents were referenced than the configured limit.
    #[error("more than {limit} referenced documents")]
    TooManyDocuments {
        /// The limit.
        limit: usize,
    },
    /// The documents together are larger than 4 GiB.
    #[error("documents larger than 4 GiB")]
    TooLarge,
    /// An `edmx:Reference` names a document the resolver could not provide.
    #[error("referenced document `{uri}` could not be loaded")]
    MissingReference {
        /// The reference's `Uri`.
        uri: Box<str>,
    },
    /// An `edmx:Include` names a namespace the referenced document does not define.
    #[error("namespace `{namespace}` is not defined by the referenced document `{uri}`")]
    IncludedNamespaceMissing {
        /// The included namespace.
        namespace: Box<str>,
        /// The reference's `Uri`.
        uri: Box<str>,
    },
    /// Two schema elements (or members of one type, or children of one container) share a name.
    #[error("duplicate name `{name}`")]
    DuplicateName {
        /// The name.
        name: Box<str>,
        /// Where the first definition is.
        first: Option<Location>,
    },
    /// A type name does not denote any type.
    #[error("unresolved type `{name}`")]
    UnresolvedType {
        /// The name as written.
        name: Box<str>,
    },
    /// A qualified name uses a namespace prefix that is neither a namespace nor a declared alias.
    #[error("unknown namespace or alias `{alias}` in `{name}`")]
    UnknownAlias {
        /// The prefix.
        alias: Box<str>,
        /// The whole name.
        name: Box<str>,
    },
    /// A name or path does not denote the element it must (a base type, partner,
    /// key property, entity set, binding path, …).
    #[error("unresolved {what} `{name}`")]
    Unresolved {
        /// What kind of element was looked for.
        what: &'static str,
        /// The name or path as written.
        name: Box<str>,
    },
    /// A name denotes an element of the wrong kind, e.g. an entity base type that is a complex type.
    #[error("`{name}` is not {expected}")]
    WrongKind {
        /// The name as written.
        name: Box<str>,
        /// What it should have been.
        expected: &'static str,
    },
    /// A type is its own (indirect) base type.
    #[error("base type cycle: {chain}")]
    BaseTypeCycle {
        /// The cycle, e.g. `ns.A -> ns.B -> ns.A`.
        chain: Box<str>,
    },
    /// A type has more base types above it than the reader allows.
    #[error("base type chain longer than {limit} types")]
    BaseTypeChainTooLong {
        /// The limit.
        limit: usize,
    },
    /// An entity type used by an entity set or a collection-valued containment
    /// navigation property has no key, declared or inherited.
    #[error("entity type `{name}` has no key but is used for a collection of entities")]
    MissingKey {
        /// The type.
        name: Box<str>,
    },
    /// An annotation target does not resolve to a model element.
    #[error("unresolved annotation target `{target}`")]
    UnresolvedTarget {
        /// The target as written.
        target: Box<str>,
    },
}

/// Something suspicious in a CSDL document that does not stop it from loading.
#[derive(Debug, Clone)]
pub struct CsdlWarning {
    kind: CsdlWarningKind,
    span: Span,
    location: Option<Location>,
    path: Box<str>,
}

impl CsdlWarning {
    pub(crate) fn new(
        kind: CsdlWarningKind,
        span: Span,
        location: Option<Location>,
        path: String,
    ) -> Self {
        CsdlWarning {
            kind,
            span,
            location,
            path: path.into_boxed_str(),
        }
    }

    /// What was noticed.
    #[must_use]
    pub fn kind(&self) -> &CsdlWarningKind {
        &self.kind
    }

    /// Line and column.
    #[must_use]
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The path of the element.
    #[must_use]
    pub fn element_path(&self) -> &str {
        &self.path
    }
}

impl Spanned for CsdlWarning {
    fn span(&self) -> Span {
        self.span
    }
}

impl fmt::Display for CsdlWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

/// The kinds of [`CsdlWarning`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsdlWarningKind {
    /// An element CSDL does not define here; it and its children were skipped.
    #[error("unknown element `{name}` skipped")]
    UnknownElement {
        /// The element as written.
        name: Box<str>,
    },
    /// An unqualified attribute CSDL does not define on this element; ignored.
    #[error("unknown attribute `{name}` ignored")]
    UnknownAttribute {
        /// The attribute as written.
        name: Box<str>,
    },
    /// A CSDL JSON member CSDL does not define here; ignored.
    #[error("unknown member `{name}` ignored")]
    UnknownMember {
        /// The member name as written.
        name: Box<str>,
    },
    /// A CSDL JSON annotation value whose JSON type does not fit the type the term
    /// (or record property) declares, e.g. a string for an `Edm.Int32` term; kept as written.
    #[error("value `{value}` does not match the declared type `{expected}`; kept as written")]
    ValueTypeMismatch {
        /// The value as written.
        value: Box<str>,
        /// The declared type.
        expected: Box<str>,
    },
    /// Text where CSDL expects only elements; ignored.
    #[error("unexpected text ignored")]
    UnexpectedText,
    /// A term whose namespace is neither loaded, nor a declared alias, nor a standard vocabulary.
    #[error("term `{term}` is not defined by any known vocabulary")]
    UnknownTerm {
        /// The term name as written.
        term: Box<str>,
    },
    /// A name inside an annotation expression (record type, enumeration member, cast type)
    /// that does not resolve; kept as written.
    #[error("unresolved name `{name}` in annotation expression")]
    UnresolvedExpressionName {
        /// The name as written.
        name: Box<str>,
    },
    /// A qualifier that is not a simple identifier (Graph writes dotted ones); kept as written.
    #[error("qualifier `{qualifier}` is not a simple identifier")]
    NonStandardQualifier {
        /// The qualifier.
        qualifier: Box<str>,
    },
    /// Annotations on an element the model does not keep annotations for
    /// (`edmx:Reference`, `edmx:Include`, expressions other than records); ignored.
    #[error("annotation on `{element}` ignored")]
    IgnoredAnnotation {
        /// The annotated element.
        element: &'static str,
    },
    /// A referenced document that is a standard vocabulary was not provided by the resolver;
    /// its namespace is known, its definitions are not loaded.
    #[error("standard vocabulary `{namespace}` not loaded; its terms are known by name only")]
    VocabularyNotLoaded {
        /// The vocabulary namespace.
        namespace: Box<str>,
    },
    /// An action or function has the name of a type, term or container of the same
    /// namespace (Graph's `image`). Both are kept: type references find the type,
    /// operation references (imports, `Ns.Fn(…)` targets) the operation.
    #[error("`{name}` names both an operation and another schema element")]
    NameSharedWithOperation {
        /// The qualified name.
        name: Box<str>,
    },
    /// A type-cast segment of a binding target path names a type that is not derived from
    /// the type at that point (Graph writes the type of the next navigation property); skipped.
    #[error("type-cast segment that is not a derived type skipped in `{path}`")]
    IgnoredTypeCast {
        /// The target path as written.
        path: Box<str>,
    },
    /// A base type in a standard vocabulary whose document was not loaded: the base type is
    /// dropped, so members inherited from it are unknown.
    #[error("base type `{name}` is in a standard vocabulary that was not loaded")]
    UnloadedVocabularyBaseType {
        /// The base type as written.
        name: Box<str>,
    },
    /// A schema namespace that appears in more than one referenced document; the first one wins.
    #[error(
        "namespace `{namespace}` is defined by more than one document; later definition ignored"
    )]
    DuplicateNamespace {
        /// The namespace.
        namespace: Box<str>,
    },
}

/// All errors found while loading CSDL, with the warnings collected up to that point.
#[derive(Debug, Clone)]
pub struct CsdlErrors {
    /// The errors, in document order (never empty).
    pub errors: Vec<CsdlError>,
    /// The warnings.
    pub warnings: Vec<CsdlWarning>,
}

impl CsdlErrors {
    /// The first error.
    #[must_use]
    pub fn first(&self) -> Option<&CsdlError> {
        self.errors.first()
    }
}

impl fmt::Display for CsdlErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match e.location() {
                Some(loc) => write!(f, "{loc}: {e} (in {})", e.element_path())?,
                None => write!(f, "{e} (in {})", e.element_path())?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for CsdlErrors {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.errors
            .first()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
