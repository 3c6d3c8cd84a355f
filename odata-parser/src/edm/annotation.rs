//! Annotations: applied terms, their expressions, and the model elements they target.
//!
//! An [`Annotation`] is stored once in the [`Model`](super::Model) with the
//! [`Target`] it applies to; inline annotations (children of the annotated
//! element) and those of `<Annotations Target="…">` blocks end up the same.
//! Term names are always full names (`Org.OData.Capabilities.V1.FilterRestrictions`),
//! whatever alias the document used; so are qualified names inside
//! expressions (enumeration members, record and cast types, function names,
//! type-cast and term segments of paths).

use std::sync::Arc;

use super::ids::{
    ComplexTypeId, EntityContainerId, EntitySetId, EntityTypeId, EnumTypeId, NavigationPropertyId,
    OperationGroupId, OperationId, OperationImportId, PropertyId, SchemaId, SingletonId,
    StructuredTypeId, TargetPathId, TermId, TypeDefinitionId,
};
use super::model::TypeRef;
use crate::span::{NodeSpan, Span, Spanned};

/// A model element an annotation applies to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Target {
    /// A schema (inline annotation of `Schema`).
    Schema(SchemaId),
    /// An entity type.
    EntityType(EntityTypeId),
    /// A complex type.
    ComplexType(ComplexTypeId),
    /// An enumeration type.
    EnumType(EnumTypeId),
    /// A member of an enumeration type, by index.
    EnumMember(EnumTypeId, u32),
    /// A type definition.
    TypeDefinition(TypeDefinitionId),
    /// A structural property of a type (`Ns.Type/Property`).
    Property(PropertyId),
    /// A navigation property of a type (`Ns.Type/NavProp`).
    NavigationProperty(NavigationPropertyId),
    /// All overloads of an action or function (`Ns.Fn`).
    Operations(OperationGroupId),
    /// One overload (`Ns.Fn(Ns.Type)` or an inline annotation).
    Operation(OperationId),
    /// A parameter of one overload, by index.
    Parameter(OperationId, u32),
    /// The return type of one overload.
    ReturnType(OperationId),
    /// An entity container.
    EntityContainer(EntityContainerId),
    /// An entity set (`Ns.Container/Set`).
    EntitySet(EntitySetId),
    /// A singleton.
    Singleton(SingletonId),
    /// An action or function import.
    OperationImport(OperationImportId),
    /// A term.
    Term(TermId),
    /// A path of two or more segments below an entity set, singleton or
    /// type, such as `Ns.Container/users/messages`: see [`TargetPath`].
    Path(TargetPathId),
}

/// A multi-segment annotation target such as `Ns.Container/Set/NavProp` or
/// `Ns.Type/ComplexProp/Prop`. Kept as a path so that, for example,
/// `NavigationRestrictions` or `FilterRestrictions` can apply to a navigation
/// path rather than to the navigation property everywhere.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetPath {
    /// Where the path starts: an entity set, singleton, entity or complex type.
    pub root: Target,
    /// The segments after the root; the last one is the annotated element.
    pub segments: Vec<PathSegment>,
    /// The path with full names, e.g. `microsoft.graph.GraphService/users/messages`.
    pub text: Box<str>,
}

/// A segment of a [`TargetPath`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PathSegment {
    /// A structural property.
    Property(PropertyId),
    /// A navigation property.
    NavigationProperty(NavigationPropertyId),
    /// A type cast to a derived type.
    TypeCast(StructuredTypeId),
}

/// An applied term: `<Annotation Term="…" Qualifier="…">` and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The full term name, e.g. `Org.OData.Core.V1.Description`.
    pub term: Arc<str>,
    /// The term definition, when its schema is part of the model.
    pub term_id: Option<TermId>,
    /// `Qualifier` (of the annotation or of its `Annotations` block).
    pub qualifier: Option<Box<str>>,
    /// The value; `None` when the annotation has no expression (the term's default applies,
    /// `true` for tag terms such as `Core.Computed`).
    pub value: Option<Expr>,
    /// Annotations of this annotation.
    pub annotations: Vec<Annotation>,
    /// The `Annotation` start tag.
    pub span: NodeSpan,
}

impl Annotation {
    /// The value as a boolean, treating an absent value as `true` (the tag-term convention).
    #[must_use]
    pub fn as_tag(&self) -> Option<bool> {
        match &self.value {
            None => Some(true),
            Some(e) => e.as_bool(),
        }
    }
}

/// An annotation expression with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// The attribute or element it was read from.
    pub span: NodeSpan,
}

/// The operators of the dynamic expressions `And`, `Or`, `Not`, `Eq`, …, `Neg`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[allow(missing_docs)]
pub enum Operator {
    And,
    Or,
    Not,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Has,
    In,
    Add,
    Sub,
    Mul,
    Div,
    DivBy,
    Mod,
    Neg,
}

impl Operator {
    /// The operator for an element name such as `Eq`.
    #[must_use]
    pub fn from_element(name: &str) -> Option<Self> {
        use Operator::*;
        Some(match name {
            "And" => And,
            "Or" => Or,
            "Not" => Not,
            "Eq" => Eq,
            "Ne" => Ne,
            "Gt" => Gt,
            "Ge" => Ge,
            "Lt" => Lt,
            "Le" => Le,
            "Has" => Has,
            "In" => In,
            "Add" => Add,
            "Sub" => Sub,
            "Mul" => Mul,
            "Div" => Div,
            "DivBy" => DivBy,
            "Mod" => Mod,
            "Neg" => Neg,
            _ => return None,
        })
    }

    /// Number of operands (1 for `Not` and `Neg`, else 2).
    #[must_use]
    pub fn arity(self) -> usize {
        match self {
            Operator::Not | Operator::Neg => 1,
            _ => 2,
        }
    }
}

/// Every expression form of CSDL.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `Binary`: base64url text as written.
    Binary(Box<str>),
    /// `Bool`.
    Bool(bool),
    /// `Date`, as written (`2000-01-01`).
    Date(Box<str>),
    /// `DateTimeOffset`, as written.
    DateTimeOffset(Box<str>),
    /// `Decimal`, as written (kept as text to keep its precision).
    Decimal(Box<str>),
    /// `Duration`, as written (`P1DT2H`).
    Duration(Box<str>),
    /// `EnumMember`: one member, or several for flags (`A/x B/y`).
    EnumMember(Vec<EnumMemberValue>),
    /// `Float` (also `INF`, `-INF`, `NaN`).
    Float(f64),
    /// `Guid`, as written.
    Guid(Box<str>),
    /// `Int`.
    Int(i64),
    /// `String`.
    String(Box<str>),
    /// `TimeOfDay`, as written.
    TimeOfDay(Box<str>),
    /// `AnnotationPath`.
    AnnotationPath(Box<str>),
    /// `ModelElementPath`.
    ModelElementPath(Box<str>),
    /// `NavigationPropertyPath`.
    NavigationPropertyPath(Box<str>),
    /// `PropertyPath`.
    PropertyPath(Box<str>),
    /// `Path` (value path).
    Path(Box<str>),
    /// `Null`.
    Null,
    /// `Collection`.
    Collection(Vec<Expr>),
    /// `Record`.
    Record(Box<Record>),
    /// `And`, `Or`, `Not`, comparisons, `Has`, `In` and arithmetic.
    Operation {
        /// The operator.
        op: Operator,
        /// One or two operands.
        operands: Vec<Expr>,
    },
    /// `If` (the else branch may be missing inside a collection).
    If(Box<IfExpr>),
    /// `Apply`.
    Apply {
        /// `Function`: a full name such as `odata.concat`.
        function: Box<str>,
        /// The arguments.
        arguments: Vec<Expr>,
    },
    /// `Cast`.
    Cast(Box<CastExpr>),
    /// `IsOf`.
    IsOf(Box<CastExpr>),
    /// `LabeledElement`.
    LabeledElement {
        /// `Name` (unqualified).
        name: Box<str>,
        /// The labeled expression.
        value: Box<Expr>,
    },
    /// `LabeledElementReference`: the qualified name of a labeled element.
    LabeledElementReference(Box<str>),
    /// `UrlRef`.
    UrlRef(Box<Expr>),
}

/// The operands of `If`.
#[derive(Clone, Debug, PartialEq)]
pub struct IfExpr {
    /// The condition.
    pub condition: Expr,
    /// The value when true.
    pub then: Expr,
    /// The value when false.
    pub otherwise: Option<Expr>,
}

/// The operands of `Cast` and `IsOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct CastExpr {
    /// The type cast to or tested for.
    pub ty: ExprType,
    /// The operand.
    pub value: Expr,
}

/// A type named inside an expression (`Record Type`, `Cast Type`, `IsOf Type`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExprType {
    /// The type name with aliases replaced, e.g. `Org.OData.Capabilities.V1.NavigationPropertyRestriction`.
    pub name: Box<str>,
    /// The resolved type, when the name denotes a model or standard vocabulary type.
    pub ty: Option<TypeRef>,
}

/// One member named by an `EnumMember` expression.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumMemberValue {
    /// The full name of the enumeration type (aliases replaced).
    pub enum_type: Box<str>,
    /// The member name.
    pub member: Box<str>,
    /// The member, when the enumeration type is part of the model: type and member index.
    pub resolved: Option<(EnumTypeId, u32)>,
}

/// A `Record` expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// `Type`, if given.
    pub ty: Option<ExprType>,
    /// The `PropertyValue` children in order.
    pub properties: Vec<PropertyValue>,
    /// Annotations of the record.
    pub annotations: Vec<Annotation>,
}

impl Record {
    /// The value of the property named `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Expr> {
        self.properties
            .iter()
            .find(|p| &*p.property == name)
            .map(|p| &p.value)
    }
}

/// A `PropertyValue` of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyValue {
    /// `Property`.
    pub property: Box<str>,
    /// The value.
    pub value: Expr,
    /// Annotations of the property value.
    pub annotations: Vec<Annotation>,
    /// The start tag.
    pub span: NodeSpan,
}

impl Expr {
    /// The value of a `Bool` expression.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            ExprKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The value of an `Int` expression.
    #[must_use]
    pub fn as_int(&self) -> Option<i64> {
        match self.kind {
            ExprKind::Int(i) => Some(i),
            _ => None,
        }
    }

    /// The text of a `String` expression.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The path of any path expression (`Path`, `PropertyPath`, `NavigationPropertyPath`,
    /// `AnnotationPath`, `ModelElementPath`).
    #[must_use]
    pub fn as_path(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Path(p)
            | ExprKind::PropertyPath(p)
            | ExprKind::NavigationPropertyPath(p)
            | ExprKind::AnnotationPath(p)
            | ExprKind::ModelElementPath(p) => Some(p),
            _ => None,
        }
    }

    /// The record of a `Record` expression.
    #[must_use]
    pub fn as_record(&self) -> Option<&Record> {
        match &self.kind {
            ExprKind::Record(r) => Some(&**r),
            _ => None,
        }
    }

    /// The items of a `Collection` expression.
    #[must_use]
    pub fn as_collection(&self) -> Option<&[Expr]> {
        match &self.kind {
            ExprKind::Collection(items) => Some(items),
            _ => None,
        }
    }

    /// The members of an `EnumMember` expression.
    #[must_use]
    pub fn as_enum_members(&self) -> Option<&[EnumMemberValue]> {
        match &self.kind {
            ExprKind::EnumMember(m) => Some(m),
            _ => None,
        }
    }
}

impl Spanned for Annotation {
    fn span(&self) -> Span {
        self.span.0
    }
}

impl Spanned for Expr {
    fn span(&self) -> Span {
        self.span.0
    }
}

impl Spanned for PropertyValue {
    fn span(&self) -> Span {
        self.span.0
    }
}
