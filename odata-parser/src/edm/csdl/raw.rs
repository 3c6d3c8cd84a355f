//! The raw model: CSDL documents as written, before names are resolved.
//!
//! Format-neutral: the XML reader fills it, and so can a CSDL JSON reader;
//! the resolve pass ([`crate::edm::resolve`]) turns it into a [`Model`](crate::edm::Model).
//! Strings borrow from the input unless they had to be unescaped; spans are
//! global offsets (see [`crate::edm::source`]). Facets, booleans and numbers
//! are already parsed, since their syntax is local to one attribute.
//!
//! Some spans are not read by the resolve pass yet; they are kept so every
//! raw node can be pointed at.
#![allow(dead_code)]

use std::borrow::Cow;

use crate::edm::annotation::Operator;
use crate::edm::ids::DocumentId;
use crate::edm::model::{Facets, OnDeleteAction, OperationKind};
use crate::span::Span;

/// A string as written and where.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Text<'a> {
    pub value: Cow<'a, str>,
    pub span: Span,
}

impl<'a> Text<'a> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The representation a document was written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Format {
    #[default]
    Xml,
    Json,
}

#[derive(Debug, Default)]
pub(crate) struct RawDocument<'a> {
    pub id: Option<DocumentId>,
    pub format: Format,
    pub references: Vec<RawReference<'a>>,
    pub schemas: Vec<RawSchema<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawReference<'a> {
    pub uri: Text<'a>,
    pub includes: Vec<RawInclude<'a>>,
    pub include_annotations: Vec<RawIncludeAnnotations<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawInclude<'a> {
    pub namespace: Text<'a>,
    pub alias: Option<Text<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawIncludeAnnotations<'a> {
    pub term_namespace: Text<'a>,
    pub qualifier: Option<Text<'a>>,
    pub target_namespace: Option<Text<'a>>,
    pub span: Span,
}

#[derive(Debug, Default)]
pub(crate) struct RawSchema<'a> {
    pub namespace: Option<Text<'a>>,
    pub alias: Option<Text<'a>>,
    pub entity_types: Vec<RawStructuredType<'a>>,
    pub complex_types: Vec<RawStructuredType<'a>>,
    pub enum_types: Vec<RawEnumType<'a>>,
    pub type_definitions: Vec<RawTypeDefinition<'a>>,
    pub operations: Vec<RawOperation<'a>>,
    pub containers: Vec<RawContainer<'a>>,
    pub terms: Vec<RawTerm<'a>>,
    pub annotation_blocks: Vec<RawAnnotations<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

/// A type reference as written: `Type`, `Nullable` and facets.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawTypeRef<'a> {
    pub ty: Option<Text<'a>>,
    pub nullable: Option<bool>,
    pub facets: Facets,
}

#[derive(Debug)]
pub(crate) struct RawStructuredType<'a> {
    pub name: Text<'a>,
    pub base_type: Option<Text<'a>>,
    pub is_abstract: bool,
    pub is_open: bool,
    pub has_stream: bool,
    pub key: Vec<RawPropertyRef<'a>>,
    pub properties: Vec<RawProperty<'a>>,
    pub navigation_properties: Vec<RawNavigationProperty<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawPropertyRef<'a> {
    pub name: Text<'a>,
    pub alias: Option<Text<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawProperty<'a> {
    pub name: Text<'a>,
    pub ty: RawTypeRef<'a>,
    pub default_value: Option<Text<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawNavigationProperty<'a> {
    pub name: Text<'a>,
    pub ty: Text<'a>,
    pub nullable: Option<bool>,
    pub partner: Option<Text<'a>>,
    pub contains_target: bool,
    pub referential_constraints: Vec<RawReferentialConstraint<'a>>,
    pub on_delete: Option<OnDeleteAction>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawReferentialConstraint<'a> {
    pub property: Text<'a>,
    pub referenced_property: Text<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawEnumType<'a> {
    pub name: Text<'a>,
    pub underlying_type: Option<Text<'a>>,
    pub is_flags: bool,
    pub members: Vec<RawEnumMember<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawEnumMember<'a> {
    pub name: Text<'a>,
    pub value: Option<i64>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawTypeDefinition<'a> {
    pub name: Text<'a>,
    pub underlying_type: Text<'a>,
    pub facets: Facets,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawOperation<'a> {
    pub kind: OperationKind,
    pub name: Text<'a>,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<Text<'a>>,
    pub parameters: Vec<RawParameter<'a>>,
    pub return_type: Option<RawReturnType<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawParameter<'a> {
    pub name: Text<'a>,
    pub ty: RawTypeRef<'a>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawReturnType<'a> {
    pub ty: RawTypeRef<'a>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawTerm<'a> {
    pub name: Text<'a>,
    pub ty: RawTypeRef<'a>,
    pub base_term: Option<Text<'a>>,
    pub default_value: Option<Text<'a>>,
    pub applies_to: Option<Text<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawContainer<'a> {
    pub name: Text<'a>,
    pub extends: Option<Text<'a>>,
    pub entity_sets: Vec<RawEntitySet<'a>>,
    pub singletons: Vec<RawSingleton<'a>>,
    pub imports: Vec<RawImport<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawEntitySet<'a> {
    pub name: Text<'a>,
    pub entity_type: Text<'a>,
    pub include_in_service_document: Option<bool>,
    pub bindings: Vec<RawBinding<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawSingleton<'a> {
    pub name: Text<'a>,
    pub ty: Text<'a>,
    pub nullable: Option<bool>,
    pub bindings: Vec<RawBinding<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawBinding<'a> {
    pub path: Text<'a>,
    pub target: Text<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawImport<'a> {
    pub kind: OperationKind,
    pub name: Text<'a>,
    pub operation: Text<'a>,
    pub entity_set: Option<Text<'a>>,
    pub include_in_service_document: Option<bool>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

/// An `<Annotations Target=…>` block.
#[derive(Debug)]
pub(crate) struct RawAnnotations<'a> {
    pub target: Text<'a>,
    pub qualifier: Option<Text<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawAnnotation<'a> {
    pub term: Text<'a>,
    pub qualifier: Option<Text<'a>>,
    pub value: Option<RawExpr<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct RawExpr<'a> {
    pub kind: RawExprKind<'a>,
    pub span: Span,
}

/// Constant kinds whose value is kept as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextConst {
    Binary,
    Date,
    DateTimeOffset,
    Decimal,
    Duration,
    Guid,
    String,
    TimeOfDay,
}

/// Path expression kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathKind {
    AnnotationPath,
    ModelElementPath,
    NavigationPropertyPath,
    PropertyPath,
    Path,
}

#[derive(Debug)]
pub(crate) enum RawExprKind<'a> {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(TextConst, Cow<'a, str>),
    EnumMember(Cow<'a, str>),
    Path(PathKind, Cow<'a, str>),
    Null,
    Collection(Vec<RawExpr<'a>>),
    Record(Box<RawRecord<'a>>),
    Operation {
        op: Operator,
        operands: Vec<RawExpr<'a>>,
    },
    If(Vec<RawExpr<'a>>),
    Apply {
        function: Text<'a>,
        arguments: Vec<RawExpr<'a>>,
    },
    Cast(Box<(RawTypeRef<'a>, RawExpr<'a>)>),
    IsOf(Box<(RawTypeRef<'a>, RawExpr<'a>)>),
    LabeledElement {
        name: Text<'a>,
        value: Box<RawExpr<'a>>,
    },
    LabeledElementReference(Text<'a>),
    UrlRef(Box<RawExpr<'a>>),
    /// A CSDL JSON string: its expression kind (`String`, `Date`, `EnumMember`, …) comes from
    /// the type the term or record property declares, known only in the resolve pass.
    JsonString(Cow<'a, str>),
    /// A CSDL JSON number as written: `Int`, `Decimal` or `Float` by the declared type.
    JsonNumber(&'a str),
}

#[derive(Debug)]
pub(crate) struct RawRecord<'a> {
    pub ty: Option<Text<'a>>,
    pub properties: Vec<RawPropertyValue<'a>>,
    pub annotations: Vec<RawAnnotation<'a>>,
}

#[derive(Debug)]
pub(crate) struct RawPropertyValue<'a> {
    pub property: Text<'a>,
    pub value: RawExpr<'a>,
    pub annotations: Vec<RawAnnotation<'a>>,
    pub span: Span,
}
