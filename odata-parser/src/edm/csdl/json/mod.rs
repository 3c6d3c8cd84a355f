//! Reading CSDL JSON (OData CSDL JSON 4.01) into the same raw model as the XML
//! reader, so that resolution, errors for dangling references and annotation
//! targets are shared.
//!
//! - [`value`]: the document as a tree with exact byte spans (serde_json validates;
//!   a linear walk over the valid text records where every value and member name is).
//! - [`document`], [`elements`], [`container`]: one reader per CSDL element (document,
//!   reference, schema; types, operations, terms; the entity container), each filling
//!   one raw struct.
//! - [`expr`]: annotations (`@Term#Qualifier`, `@A@B`, `Member@Term`) and expressions.
//!
//! Positions: every raw node's span is exact (the member from its name's opening
//! quote to the end of its value; a name or string value between its quotes), so
//! errors and warnings have the same line:column quality as XML ones. A malformed
//! document's error has serde_json's line:column, turned into a byte offset.
//!
//! Element paths: reader errors name the CSDL element like the XML reader and the
//! resolve pass do, without the XML-only `edmx:Edmx/edmx:DataServices` prefix:
//! `Schema[NS]/EntityType[Order]/Property[Id]`; references are `$Reference[uri]`.
//! Errors found before the document's structure is known (malformed JSON, nesting,
//! duplicate member names) name the member by its JSON Pointer: `/NS/Order/Id`.
//!
//! Constants: a JSON string or number in an annotation is kept untyped
//! ([`RawExprKind::JsonString`], [`RawExprKind::JsonNumber`]); the resolve pass types
//! it from the declared type of the term or record property (see
//! `resolve/json_values.rs`), because in CSDL JSON that type is not written.

pub(crate) mod container;
pub(crate) mod document;
pub(crate) mod elements;
pub(crate) mod expr;
pub(crate) mod standard_types;
pub(crate) mod value;

use std::borrow::Cow;

use super::error::{CsdlError, CsdlErrorKind, CsdlWarning, CsdlWarningKind};
use super::raw::*;
use super::reader::location;
use super::reader::{Limits, truncate};
use crate::edm::model::{Facets, MaxLength, Scale, Srid};
use crate::edm::source::{Location, SourceDocument};
use crate::span::Span;
use value::{Kind, Member, Tree, TreeError, Value};

type Result<T> = std::result::Result<T, CsdlError>;

/// Reads one CSDL JSON document.
pub(crate) struct JsonReader<'a, 'w> {
    /// The document without its byte-order mark.
    text: &'a str,
    /// Global offset of `text[0]`.
    base: u32,
    source: &'w SourceDocument,
    limits: Limits,
    /// The CSDL element path: (element, name).
    path: Vec<(&'static str, Cow<'a, str>)>,
    warnings: &'w mut Vec<CsdlWarning>,
}

/// An object's members sorted by role: the `$` members asked for, annotations, and the rest.
pub(crate) struct Split<'a, const N: usize> {
    pub known: [Option<Member<'a>>; N],
    /// Members whose name has an `@` (`@Term`, `Member@Term`, `$OnDelete@Term`).
    pub annotations: Vec<Member<'a>>,
    /// Members whose name does not start with `$` and has no `@`.
    pub children: Vec<Member<'a>>,
}

impl<'a, 'w> JsonReader<'a, 'w> {
    /// A reader over `text` (already stripped of a byte-order mark) that starts at global offset `base`.
    pub(crate) fn new(
        text: &'a str,
        base: u32,
        source: &'w SourceDocument,
        limits: Limits,
        warnings: &'w mut Vec<CsdlWarning>,
    ) -> Self {
        JsonReader {
            text,
            base,
            source,
            limits,
            path: Vec::with_capacity(8),
            warnings,
        }
    }

    /// Validates the text and builds its tree.
    fn tree(&self) -> Result<Value<'a>> {
        if let Err(e) = serde_json::from_str::<&serde_json::value::RawValue>(self.text) {
            let offset = self.offset_of_line_column(e.line(), e.column());
            // The walk stops at the depth limit too, so a deep malformed document
            // cannot recurse without bound here either.
            let walk = Tree::new(self.text, self.base, self.limits.max_depth, usize::MAX);
            let pointer = walk.pointer_at(offset);
            let span = Span::new(self.global(offset), self.global(offset));
            let kind = CsdlErrorKind::Json(std::sync::Arc::new(e));
            return Err(self.error_at_pointer(kind, span, pointer));
        }
        let mut tree = Tree::new(
            self.text,
            self.base,
            self.limits.max_depth,
            self.limits.max_name_length,
        );
        tree.parse().map_err(|e| {
            let (kind, span) = match e {
                TreeError::TooDeep(at) => (
                    CsdlErrorKind::TooDeep {
                        limit: self.limits.max_depth,
                    },
                    Span::new(at, at.saturating_add(1)),
                ),
                TreeError::NameTooLong { len, span } => (
                    CsdlErrorKind::NameTooLong {
                        len,
                        limit: self.limits.max_name_length,
                    },
                    span,
                ),
                TreeError::DuplicateMember { name, span } => {
                    (CsdlErrorKind::DuplicateMember { name }, span)
                }
                TreeError::BadString(e, span) => {
                    (CsdlErrorKind::Json(std::sync::Arc::new(e)), span)
                }
                // Not reached: serde_json validated the text first.
                TreeError::Syntax(at) => (
                    CsdlErrorKind::NotCsdlJson {
                        found: "text that is not JSON",
                    },
                    Span::new(at, at),
                ),
                TreeError::Stopped => (
                    CsdlErrorKind::NotCsdlJson {
                        found: "text that is not JSON",
                    },
                    Span::new(self.base, self.base),
                ),
            };
            self.error_at_pointer(kind, span, tree.pointer())
        })
    }

    /// The byte offset of serde_json's 1-based line and column (columns count bytes).
    fn offset_of_line_column(&self, line: usize, column: usize) -> usize {
        let mut start = 0usize;
        for _ in 1..line {
            match memchr::memchr(b'\n', self.text.as_bytes().get(start..).unwrap_or_default()) {
                Some(i) => start += i + 1,
                None => break,
            }
        }
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    fn global(&self, offset: usize) -> u32 {
        self.base
            .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
    }

    pub(crate) fn location(&self, span: Span) -> Location {
        location(self.source, span)
    }

    /// The current element path, e.g. `Schema[NS]/EntityType[Order]/Property[Id]`.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        for (i, (element, name)) in self.path.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(element);
            if !name.is_empty() {
                out.push('[');
                out.push_str(truncate(name));
                out.push(']');
            }
        }
        out
    }

    pub(crate) fn enter(&mut self, element: &'static str, name: Cow<'a, str>) {
        self.path.push((element, name));
    }

    pub(crate) fn leave(&mut self) {
        self.path.pop();
    }

    pub(crate) fn error(&self, kind: CsdlErrorKind, span: Span) -> CsdlError {
        CsdlError::new(kind, span, Some(self.location(span)), self.path())
    }

    fn error_at_pointer(&self, kind: CsdlErrorKind, span: Span, pointer: String) -> CsdlError {
        let path = if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer
        };
        CsdlError::new(kind, span, Some(self.location(span)), path)
    }

    pub(crate) fn warn(&mut self, kind: CsdlWarningKind, span: Span) {
        let w = CsdlWarning::new(kind, span, Some(self.location(span)), self.path());
        self.warnings.push(w);
    }

    pub(crate) fn unknown_member(&mut self, m: &Member<'a>) {
        let name = truncate(&m.name).into();
        self.warn(CsdlWarningKind::UnknownMember { name }, m.name_span);
    }

    /// An error for a member whose value has the wrong JSON type.
    pub(crate) fn wrong_type(&self, m: &Member<'a>, expected: &'static str) -> CsdlError {
        let kind = CsdlErrorKind::WrongJsonType {
            member: truncate(&m.name).into(),
            expected,
            found: m.value.describe(),
        };
        self.error(kind, m.value.span)
    }

    /// Sorts the members of an object: the `$` members named in `names` (others warned
    /// about), annotation members, and children.
    pub(crate) fn split<const N: usize>(
        &mut self,
        members: Vec<Member<'a>>,
        names: [&'static str; N],
    ) -> Split<'a, N> {
        let mut split = Split {
            known: std::array::from_fn(|_| None),
            annotations: Vec::new(),
            children: Vec::new(),
        };
        for m in members {
            if m.name.contains('@') {
                split.annotations.push(m);
            } else if m.name.starts_with('$') {
                match names.iter().position(|n| *n == m.name) {
                    Some(slot) => split.known[slot] = Some(m),
                    None => self.unknown_member(&m),
                }
            } else {
                split.children.push(m);
            }
        }
        split
    }

    /// Warns about every member in `members` (children an element does not have).
    pub(crate) fn unknown_members(&mut self, members: &[Member<'a>]) {
        for m in members {
            self.unknown_member(m);
        }
    }

    // ---- member values ----

    /// The members of an object value.
    pub(crate) fn object(&self, m: Member<'a>) -> Result<(Cow<'a, str>, Span, Vec<Member<'a>>)> {
        match m.value.kind {
            Kind::Object(members) => Ok((m.name, m.name_span, members)),
            _ => Err(self.wrong_type(&m, "an object")),
        }
    }

    /// A string value as raw text.
    pub(crate) fn string(&self, m: Member<'a>) -> Result<Text<'a>> {
        match m.value.kind {
            Kind::String(value) => Ok(Text {
                value,
                span: m.value.span,
            }),
            _ => Err(self.wrong_type(&m, "a string")),
        }
    }

    pub(crate) fn opt_string(&self, m: Option<Member<'a>>) -> Result<Option<Text<'a>>> {
        m.map(|m| self.string(m)).transpose()
    }

    pub(crate) fn bool(&self, m: &Member<'a>) -> Result<bool> {
        match m.value.kind {
            Kind::Bool(b) => Ok(b),
            _ => Err(self.wrong_type(m, "true or false")),
        }
    }

    pub(crate) fn opt_bool(&self, m: Option<&Member<'a>>) -> Result<Option<bool>> {
        m.map(|m| self.bool(m)).transpose()
    }

    /// A `$Name`-like string that must be a simple identifier.
    pub(crate) fn identifier(&self, t: Text<'a>, member: &'static str) -> Result<Text<'a>> {
        if super::attributes::is_simple_identifier(&t.value) {
            Ok(t)
        } else {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: member,
                value: truncate(&t.value).into(),
                expected: "a simple identifier",
            };
            Err(self.error(kind, t.span))
        }
    }

    fn u32_value(&self, m: &Member<'a>, expected: &'static str) -> Result<u32> {
        let invalid = |value: &str| {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: member_name(&m.name),
                value: truncate(value).into(),
                expected,
            };
            self.error(kind, m.value.span)
        };
        match &m.value.kind {
            Kind::Number(n) => n.parse::<u32>().map_err(|_| invalid(n)),
            Kind::String(s) => Err(invalid(s)),
            _ => Err(self.wrong_type(m, expected)),
        }
    }

    /// `$Nullable` of a type reference: absent means `false` in CSDL JSON (XML: `true`).
    /// Collection-valued navigation properties are the exception: `Nullable` is not
    /// allowed there, so an absent value stays absent (the resolve pass reports a given one).
    pub(crate) fn nullable(
        &self,
        nullable: Option<&Member<'a>>,
        collection: Option<&Member<'a>>,
        navigation: bool,
    ) -> Result<Option<bool>> {
        let collection = self.opt_bool(collection)?.unwrap_or(false);
        Ok(match self.opt_bool(nullable)? {
            Some(n) => Some(n),
            None if collection && navigation => None,
            None => Some(false),
        })
    }

    /// `$MaxLength`, `$Precision`, `$Scale`, `$SRID`, `$Unicode`. An absent `$Scale` of an
    /// `Edm.Decimal` means `variable` in CSDL JSON (in XML: 0, written as no facet); the
    /// caller applies that with [`Self::decimal_scale`] once the type is known.
    pub(crate) fn facets(
        &self,
        max_length: Option<Member<'a>>,
        precision: Option<Member<'a>>,
        scale: Option<Member<'a>>,
        srid: Option<Member<'a>>,
        unicode: Option<Member<'a>>,
    ) -> Result<Facets> {
        let mut f = Facets::default();
        if let Some(m) = max_length {
            // `max` is CSDL XML only; accepted here for documents converted naively.
            f.max_length = Some(match &m.value.kind {
                Kind::String(s) if s == "max" || s == "Max" => MaxLength::Max,
                _ => MaxLength::Value(self.u32_value(&m, "a non-negative integer")?),
            });
        }
        if let Some(m) = precision {
            f.precision = Some(self.u32_value(&m, "a non-negative integer")?);
        }
        if let Some(m) = scale {
            f.scale = Some(match &m.value.kind {
                Kind::String(s) if s == "variable" => Scale::Variable,
                Kind::String(s) if s == "floating" => Scale::Floating,
                _ => Scale::Value(
                    self.u32_value(&m, "a non-negative integer, variable or floating")?,
                ),
            });
        }
        if let Some(m) = srid {
            f.srid = Some(match &m.value.kind {
                Kind::String(s) if s == "variable" => Srid::Variable,
                _ => Srid::Value(self.u32_value(&m, "a non-negative integer or variable")?),
            });
        }
        f.unicode = self.opt_bool(unicode.as_ref())?;
        Ok(f)
    }

    /// A type reference (with JSON's default `$Scale` applied).
    pub(crate) fn type_ref(ty: Text<'a>, nullable: Option<bool>, facets: Facets) -> RawTypeRef<'a> {
        let facets = Self::decimal_scale(&ty, facets);
        RawTypeRef {
            ty: Some(ty),
            nullable,
            facets,
        }
    }

    /// Applies JSON's default `$Scale` (`variable`) to an `Edm.Decimal` type reference.
    pub(crate) fn decimal_scale(ty: &Text<'a>, mut facets: Facets) -> Facets {
        let name = ty.as_str();
        let inner = name
            .strip_prefix("Collection(")
            .and_then(|n| n.strip_suffix(')'))
            .unwrap_or(name);
        if inner == "Edm.Decimal" && facets.scale.is_none() {
            facets.scale = Some(Scale::Variable);
        }
        facets
    }

    /// `$Type` with `$Collection`: the type name as XML writes it (`Collection(T)`); `$Type`
    /// defaults to `Edm.String` (spanning `at`) when `default_string`.
    pub(crate) fn type_name(
        &self,
        ty: Option<Member<'a>>,
        collection: Option<&Member<'a>>,
        at: Span,
        element: &'static str,
        default_string: bool,
    ) -> Result<Text<'a>> {
        let collection = self.opt_bool(collection)?.unwrap_or(false);
        let name = match ty {
            Some(m) => self.string(m)?,
            None if default_string => Text {
                value: Cow::Borrowed("Edm.String"),
                span: at,
            },
            None => {
                let kind = CsdlErrorKind::MissingMember {
                    element,
                    member: "$Type",
                };
                return Err(self.error(kind, at));
            }
        };
        if collection {
            Ok(Text {
                value: Cow::Owned(format!("Collection({})", name.value)),
                span: name.span,
            })
        } else {
            Ok(name)
        }
    }

    /// A `$DefaultValue` as CSDL XML writes it: strings as they are, other literals as written.
    pub(crate) fn default_value(&self, m: Option<Member<'a>>) -> Result<Option<Text<'a>>> {
        let Some(m) = m else { return Ok(None) };
        let span = m.value.span;
        let value = match m.value.kind {
            Kind::String(s) => s,
            Kind::Number(n) => Cow::Borrowed(n),
            Kind::Bool(true) => Cow::Borrowed("true"),
            Kind::Bool(false) => Cow::Borrowed("false"),
            _ => return Err(self.wrong_type(&m, "a string, number or boolean")),
        };
        Ok(Some(Text { value, span }))
    }

    /// A required `$` member, or an error at `at`.
    pub(crate) fn required(
        &self,
        m: Option<Member<'a>>,
        at: Span,
        element: &'static str,
        member: &'static str,
    ) -> Result<Member<'a>> {
        m.ok_or_else(|| self.error(CsdlErrorKind::MissingMember { element, member }, at))
    }
}

/// A `$` member name as a static string for messages (the known ones; others generically).
fn member_name(name: &str) -> &'static str {
    match name {
        "$MaxLength" => "$MaxLength",
        "$Precision" => "$Precision",
        "$Scale" => "$Scale",
        "$SRID" => "$SRID",
        _ => "member",
    }
}

#[cfg(test)]
mod tests;
