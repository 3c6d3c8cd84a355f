//! Annotations and annotation expressions in CSDL JSON (CSDL JSON 4.01, section 14).
//!
//! An annotation is a member named `@Term` or `@Term#Qualifier`; one that
//! annotates a sibling member is `Member@Term` (enumeration members, record
//! properties, `$OnDelete`); an annotation of an annotation is `@A#q@B`.
//! Values: strings and numbers are kept untyped for the resolve pass to type,
//! `true`/`false` are `Bool`, `null` is `Null`, arrays are collections, objects
//! are records unless they hold an expression member (`$Path`, `$Eq`, `$If`, …).

use std::borrow::Cow;

use super::elements::TYPE_MEMBERS;
use super::value::{Kind, Member, Value};
use super::{JsonReader, Result};
use crate::edm::annotation::Operator;
use crate::edm::csdl::error::{CsdlErrorKind, CsdlWarningKind};
use crate::edm::csdl::raw::*;
use crate::edm::csdl::reader::truncate;
use crate::span::Span;

/// An annotation member taken apart: the chain of `(term, qualifier)` after the annotated
/// member's name (more than one link for annotations of annotations) and its value.
struct Pending<'a> {
    chain: Vec<(Text<'a>, Option<Text<'a>>)>,
    value: Value<'a>,
    span: Span,
}

/// The path expressions.
const PATHS: [(&str, PathKind); 5] = [
    ("$Path", PathKind::Path),
    ("$PropertyPath", PathKind::PropertyPath),
    ("$NavigationPropertyPath", PathKind::NavigationPropertyPath),
    ("$AnnotationPath", PathKind::AnnotationPath),
    ("$ModelElementPath", PathKind::ModelElementPath),
];

/// The other expression members (operators are recognised by [`Operator::from_element`]).
const EXPRESSIONS: [&str; 8] = [
    "$Null",
    "$If",
    "$Apply",
    "$Cast",
    "$IsOf",
    "$LabeledElement",
    "$LabeledElementReference",
    "$UrlRef",
];

fn operator(name: &str) -> Option<Operator> {
    name.strip_prefix('$').and_then(Operator::from_element)
}

fn is_expression(name: &str) -> bool {
    EXPRESSIONS.contains(&name) || PATHS.iter().any(|(p, _)| *p == name) || operator(name).is_some()
}

/// The `$`-prefixed name of an operator, for messages.
fn operator_name(op: Operator) -> &'static str {
    use Operator::*;
    match op {
        And => "$And",
        Or => "$Or",
        Not => "$Not",
        Eq => "$Eq",
        Ne => "$Ne",
        Gt => "$Gt",
        Ge => "$Ge",
        Lt => "$Lt",
        Le => "$Le",
        Has => "$Has",
        In => "$In",
        Add => "$Add",
        Sub => "$Sub",
        Mul => "$Mul",
        Div => "$Div",
        DivBy => "$DivBy",
        Mod => "$Mod",
        Neg => "$Neg",
    }
}

/// What an annotation member annotates: the part of its name before the first `@`.
fn annotated(name: &str) -> &str {
    name.split_once('@').map_or(name, |(target, _)| target)
}

impl<'a> JsonReader<'a, '_> {
    /// The annotations of the object itself (`@Term` members); the others are warned about.
    pub(crate) fn own_annotations(
        &mut self,
        members: Vec<Member<'a>>,
    ) -> Result<Vec<RawAnnotation<'a>>> {
        let mut members = members;
        let out = self.annotations_for(&mut members, "")?;
        self.unknown_members(&members);
        Ok(out)
    }

    /// Removes from `members` those that annotate `target` ("" for the object itself).
    pub(crate) fn take_annotations(
        &mut self,
        members: &mut Vec<Member<'a>>,
        target: &str,
    ) -> Vec<Member<'a>> {
        members
            .extract_if(.., |m| annotated(&m.name) == target)
            .collect()
    }

    /// Reads the annotations of `target` out of `members`, nesting `@A@B` under `@A`.
    pub(crate) fn annotations_for(
        &mut self,
        members: &mut Vec<Member<'a>>,
        target: &str,
    ) -> Result<Vec<RawAnnotation<'a>>> {
        let taken = self.take_annotations(members, target);
        self.build_annotations(taken, target.len())
    }

    /// Groups annotation members by what they annotate, for objects whose members each
    /// have their own (enumeration members, record properties): one pass, not one per member.
    pub(crate) fn group_annotations(
        members: Vec<Member<'a>>,
    ) -> hashbrown::HashMap<Box<str>, Vec<Member<'a>>> {
        let mut groups: hashbrown::HashMap<Box<str>, Vec<Member<'a>>> = hashbrown::HashMap::new();
        for m in members {
            groups.entry(annotated(&m.name).into()).or_default().push(m);
        }
        groups
    }

    /// Reads the annotations of `target` out of `groups`.
    pub(crate) fn annotations_in(
        &mut self,
        groups: &mut hashbrown::HashMap<Box<str>, Vec<Member<'a>>>,
        target: &str,
    ) -> Result<Vec<RawAnnotation<'a>>> {
        let taken = groups.remove(target).unwrap_or_default();
        self.build_annotations(taken, target.len())
    }

    /// Warns about the annotation members no element claimed.
    pub(crate) fn unclaimed(&mut self, groups: hashbrown::HashMap<Box<str>, Vec<Member<'a>>>) {
        for members in groups.values() {
            self.unknown_members(members);
        }
    }

    /// Builds the annotations of one target from its members (`skip`: the target name's length).
    fn build_annotations(
        &mut self,
        taken: Vec<Member<'a>>,
        skip: usize,
    ) -> Result<Vec<RawAnnotation<'a>>> {
        if taken.is_empty() {
            return Ok(Vec::new());
        }
        let mut pending = Vec::with_capacity(taken.len());
        for m in taken {
            pending.push(self.pending(m, skip)?);
        }
        // Parents before their annotations; document order otherwise.
        pending.sort_by_key(|p| p.chain.len());
        let mut out: Vec<RawAnnotation<'a>> = Vec::with_capacity(pending.len());
        for mut p in pending {
            let Some((term, qualifier)) = p.chain.pop() else {
                continue;
            };
            let value = self.within("Annotation", term.value.clone(), |r| r.read_expr(p.value))?;
            let annotation = RawAnnotation {
                term,
                qualifier,
                value: Some(value),
                annotations: Vec::new(),
                span: p.span,
            };
            match parent(&mut out, &p.chain) {
                Some(list) => list.push(annotation),
                None => {
                    let kind = CsdlWarningKind::IgnoredAnnotation {
                        element: "an annotation that is not there",
                    };
                    self.warn(kind, annotation.term.span);
                }
            }
        }
        Ok(out)
    }

    /// Takes an annotation member's name apart: `Target@A#q@B` → `[(A, q), (B, -)]`.
    fn pending(&self, m: Member<'a>, skip: usize) -> Result<Pending<'a>> {
        let span = m.span();
        let exact = m.name_span.len() as usize == m.name.len();
        let sub = |start: usize, end: usize| -> Text<'a> {
            let value = match &m.name {
                Cow::Borrowed(s) => Cow::Borrowed(s.get(start..end).unwrap_or_default()),
                Cow::Owned(s) => Cow::Owned(s.get(start..end).unwrap_or_default().to_owned()),
            };
            let span = if exact {
                let at = |i: usize| {
                    m.name_span
                        .start
                        .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
                };
                Span::new(at(start), at(end))
            } else {
                m.name_span
            };
            Text { value, span }
        };
        let mut chain = Vec::new();
        let mut pos = skip;
        let name: &str = &m.name;
        while pos < name.len() {
            // `pos` is at an `@`.
            let start = pos + 1;
            let end = name
                .get(start..)
                .and_then(|rest| rest.find('@'))
                .map_or(name.len(), |i| start + i);
            let segment = name.get(start..end).unwrap_or_default();
            let (term_end, qualifier) = match segment.find('#') {
                Some(i) => (start + i, Some(sub(start + i + 1, end))),
                None => (end, None),
            };
            if term_end == start {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute: "annotation",
                    value: truncate(name).into(),
                    expected: "`@Term` or `@Term#Qualifier`",
                };
                return Err(self.error(kind, m.name_span));
            }
            chain.push((sub(start, term_end), qualifier));
            pos = end;
        }
        Ok(Pending {
            chain,
            value: m.value,
            span,
        })
    }

    /// An annotation expression.
    pub(crate) fn read_expr(&mut self, v: Value<'a>) -> Result<RawExpr<'a>> {
        let span = v.span;
        let kind = match v.kind {
            Kind::Null => RawExprKind::Null,
            Kind::Bool(b) => RawExprKind::Bool(b),
            Kind::Number(n) => RawExprKind::JsonNumber(n),
            Kind::String(s) => RawExprKind::JsonString(s),
            Kind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.read_expr(item)?);
                }
                RawExprKind::Collection(out)
            }
            Kind::Object(members) => match members.iter().position(|m| is_expression(&m.name)) {
                None => self.read_record(members)?,
                Some(i) => {
                    let mut members = members;
                    let main = members.remove(i);
                    self.read_dynamic(main, members, span)?
                }
            },
        };
        Ok(RawExpr { kind, span })
    }

    /// Warns about the members of an expression object other than its expression and `known`.
    fn rest(&mut self, members: Vec<Member<'a>>, element: &'static str) {
        for m in members {
            if m.name.contains('@') {
                self.warn(CsdlWarningKind::IgnoredAnnotation { element }, m.name_span);
            } else {
                self.unknown_member(&m);
            }
        }
    }

    /// An object expression named by its member `main` (`$Path`, `$Eq`, `$If`, …).
    fn read_dynamic(
        &mut self,
        main: Member<'a>,
        others: Vec<Member<'a>>,
        span: Span,
    ) -> Result<RawExprKind<'a>> {
        if let Some((element, kind)) = PATHS.iter().find(|(p, _)| *p == main.name) {
            self.rest(others, element);
            let path = self.string(main)?;
            return Ok(RawExprKind::Path(*kind, path.value));
        }
        if let Some(op) = operator(&main.name) {
            let element = operator_name(op);
            self.rest(others, element);
            let operands = if op.arity() == 1 {
                vec![self.read_expr(main.value)?]
            } else {
                self.operands(main, element, "two operands", 2..=2)?
            };
            return Ok(RawExprKind::Operation { op, operands });
        }
        Ok(match &*main.name {
            "$Null" => {
                self.rest(others, "$Null");
                if !matches!(main.value.kind, Kind::Null) {
                    return Err(self.wrong_type(&main, "null"));
                }
                RawExprKind::Null
            }
            "$If" => {
                self.rest(others, "$If");
                let expected = "a condition, a then and an optional else expression";
                RawExprKind::If(self.operands(main, "$If", expected, 2..=3)?)
            }
            "$Apply" => {
                let s = self.split(others, ["$Function"]);
                let [function] = s.known;
                let function = self.required(function, span, "$Apply", "$Function")?;
                let function = self.string(function)?;
                self.rest(s.annotations, "$Apply");
                self.rest(s.children, "$Apply");
                let arguments = self.operands(main, "$Apply", "arguments", 0..=usize::MAX)?;
                RawExprKind::Apply {
                    function,
                    arguments,
                }
            }
            "$Cast" | "$IsOf" => {
                let cast = main.name == "$Cast";
                let element = if cast { "$Cast" } else { "$IsOf" };
                let s = self.split(others, TYPE_MEMBERS);
                let [ty, collection, nullable, ml, p, sc, srid, uni] = s.known;
                let ty = Self::type_ref(
                    self.type_name(ty, collection.as_ref(), span, element, false)?,
                    self.opt_bool(nullable.as_ref())?,
                    self.facets(ml, p, sc, srid, uni)?,
                );
                self.rest(s.annotations, element);
                self.rest(s.children, element);
                let pair = Box::new((ty, self.read_expr(main.value)?));
                if cast {
                    RawExprKind::Cast(pair)
                } else {
                    RawExprKind::IsOf(pair)
                }
            }
            "$LabeledElement" => {
                let s = self.split(others, ["$Name"]);
                let [name] = s.known;
                let name = self.required(name, span, "$LabeledElement", "$Name")?;
                let name = self.string(name)?;
                self.rest(s.annotations, "$LabeledElement");
                self.rest(s.children, "$LabeledElement");
                RawExprKind::LabeledElement {
                    name,
                    value: Box::new(self.read_expr(main.value)?),
                }
            }
            "$LabeledElementReference" => {
                self.rest(others, "$LabeledElementReference");
                RawExprKind::LabeledElementReference(self.string(main)?)
            }
            _ => {
                // `$UrlRef`, the only expression member left.
                self.rest(others, "$UrlRef");
                RawExprKind::UrlRef(Box::new(self.read_expr(main.value)?))
            }
        })
    }

    /// The array of operands of `main`, with a count in `count`.
    fn operands(
        &mut self,
        main: Member<'a>,
        element: &'static str,
        expected: &'static str,
        count: std::ops::RangeInclusive<usize>,
    ) -> Result<Vec<RawExpr<'a>>> {
        let span = main.value.span;
        let Kind::Array(items) = main.value.kind else {
            let kind = CsdlErrorKind::WrongJsonType {
                member: element.into(),
                expected: "an array",
                found: Value {
                    kind: main.value.kind,
                    span,
                }
                .describe(),
            };
            return Err(self.error(kind, span));
        };
        if !count.contains(&items.len()) {
            let kind = CsdlErrorKind::WrongChildCount {
                element,
                expected,
                found: items.len(),
            };
            return Err(self.error(kind, span));
        }
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(self.read_expr(item)?);
        }
        Ok(out)
    }

    /// A record: `@type`, `@Term` annotations, property values and their `Property@Term` annotations.
    fn read_record(&mut self, members: Vec<Member<'a>>) -> Result<RawExprKind<'a>> {
        let mut ty = None;
        let mut annotations = Vec::new();
        let mut properties = Vec::new();
        for m in members {
            if m.name == "@type" || m.name == "@odata.type" {
                ty = Some(self.record_type(m)?);
            } else if m.name.contains('@') {
                annotations.push(m);
            } else if m.name.starts_with('$') {
                self.unknown_member(&m);
            } else {
                properties.push(m);
            }
        }
        let mut groups = Self::group_annotations(annotations);
        let mut record = RawRecord {
            ty,
            properties: Vec::with_capacity(properties.len()),
            annotations: self.annotations_in(&mut groups, "")?,
        };
        for p in properties {
            let span = p.span();
            let name = p.name.clone();
            let value = self.within("PropertyValue", name.clone(), |r| {
                let property_annotations = r.annotations_in(&mut groups, &name)?;
                Ok((property_annotations, r.read_expr(p.value)?))
            })?;
            record.properties.push(RawPropertyValue {
                property: Text {
                    value: p.name,
                    span: p.name_span,
                },
                value: value.1,
                annotations: value.0,
                span,
            });
        }
        self.unclaimed(groups);
        Ok(RawExprKind::Record(Box::new(record)))
    }

    /// `@type`: a context URL whose fragment is the qualified type name (`#Core.Link`).
    fn record_type(&self, m: Member<'a>) -> Result<Text<'a>> {
        let t = self.string(m)?;
        let Some(hash) = t.value.rfind('#') else {
            return Ok(t);
        };
        let start = hash + 1;
        let exact = t.span.len() as usize == t.value.len();
        let span = if exact {
            Span::new(
                t.span
                    .start
                    .saturating_add(u32::try_from(start).unwrap_or(u32::MAX)),
                t.span.end,
            )
        } else {
            t.span
        };
        let value = match t.value {
            Cow::Borrowed(s) => Cow::Borrowed(s.get(start..).unwrap_or_default()),
            Cow::Owned(s) => Cow::Owned(s.get(start..).unwrap_or_default().to_owned()),
        };
        Ok(Text { value, span })
    }
}

/// The annotation list that `chain` (the parents' `(term, qualifier)`s) leads to.
fn parent<'x, 'a>(
    list: &'x mut Vec<RawAnnotation<'a>>,
    chain: &[(Text<'a>, Option<Text<'a>>)],
) -> Option<&'x mut Vec<RawAnnotation<'a>>> {
    let mut list = list;
    for (term, qualifier) in chain {
        let found = list.iter_mut().rev().find(|a| {
            a.term.value == term.value
                && a.qualifier.as_ref().map(|q| &q.value) == qualifier.as_ref().map(|q| &q.value)
        })?;
        list = &mut found.annotations;
    }
    Some(list)
}
