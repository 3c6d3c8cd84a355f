//! Readers for `Annotations`, `Annotation` and the annotation expressions
//! (CSDL XML 4.01, section 14): constants and paths in attribute and element
//! form, `Collection`, `Record`/`PropertyValue`, `Null`, and the dynamic
//! expressions kept as a tree.

use std::borrow::Cow;

use super::attributes::{parse_bool, text};
use super::error::{CsdlError, CsdlErrorKind, CsdlWarningKind};
use super::raw::*;
use super::reader::{Attr, Element, Ns, XmlReader};
use crate::edm::annotation::Operator;
use crate::span::Span;

type Result<T> = std::result::Result<T, CsdlError>;

/// The constant and path expression names usable both as attributes and as elements.
const VALUE_FORMS: [&str; 18] = [
    "Binary",
    "Bool",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Duration",
    "EnumMember",
    "Float",
    "Guid",
    "Int",
    "String",
    "TimeOfDay",
    "AnnotationPath",
    "ModelElementPath",
    "NavigationPropertyPath",
    "PropertyPath",
    "Path",
    "UrlRef",
];

/// The attributes of `Annotation`: `Term`, `Qualifier` and the value forms.
const ANNOTATION_ATTRS: [&str; 20] = with_value_forms(["Term", "Qualifier"]);
/// The attributes of `LabeledElement`: `Name` and the value forms.
const LABELED_ELEMENT_ATTRS: [&str; 19] = with_value_forms(["Name"]);
/// The attributes of `PropertyValue`: `Property` and the value forms.
const PROPERTY_VALUE_ATTRS: [&str; 19] = with_value_forms(["Property"]);

/// `first`, then the [`VALUE_FORMS`]. `T` must be `N + 18`: the constants above are
/// evaluated at compile time, so a wrong length does not compile.
const fn with_value_forms<const N: usize, const T: usize>(
    first: [&'static str; N],
) -> [&'static str; T] {
    assert!(T == N + VALUE_FORMS.len());
    let mut out = [""; T];
    let mut i = 0;
    while i < T {
        out[i] = if i < N { first[i] } else { VALUE_FORMS[i - N] };
        i += 1;
    }
    out
}

impl<'a> XmlReader<'a, '_> {
    /// `Annotations Target=…`.
    pub(crate) fn read_annotations(&mut self, el: &Element<'a>) -> Result<RawAnnotations<'a>> {
        let [target, qualifier] = self.attrs(el, ["Target", "Qualifier"])?;
        let target = self.required(target, el, "Annotations", "Target")?;
        self.set_path_name(&target.value);
        let mut block = RawAnnotations {
            target,
            qualifier: qualifier.map(text),
            annotations: Vec::new(),
            span: el.span,
        };
        self.annotations_only(el, &mut block.annotations)?;
        Ok(block)
    }

    /// `Annotation Term=…` with its value in attribute or element form and its own annotations.
    pub(crate) fn read_annotation(&mut self, el: &Element<'a>) -> Result<RawAnnotation<'a>> {
        let [term, qualifier, values @ ..] = self.attrs(el, ANNOTATION_ATTRS)?;
        let term = self.required(term, el, "Annotation", "Term")?;
        self.set_path_name(&term.value);
        let value = self.attribute_value(el, values)?;
        let mut annotation = RawAnnotation {
            term,
            qualifier: qualifier.map(text),
            value,
            annotations: Vec::new(),
            span: el.span,
        };
        let mut nested = Vec::new();
        self.expression_children(el, "Annotation", &mut annotation.annotations, &mut nested)?;
        annotation.value = self.merge_value(el, "Annotation", annotation.value, nested)?;
        Ok(annotation)
    }

    /// The value given in attribute form, if any (at most one).
    fn attribute_value(
        &self,
        el: &Element<'a>,
        values: [Option<Attr<'a>>; 18],
    ) -> Result<Option<RawExpr<'a>>> {
        let mut found = None;
        for (form, attr) in VALUE_FORMS.into_iter().zip(values) {
            let Some(attr) = attr else { continue };
            if found.is_some() {
                let kind = CsdlErrorKind::WrongChildCount {
                    element: "Annotation",
                    expected: "one value",
                    found: 2,
                };
                return Err(self.error(kind, attr.span));
            }
            let span = attr.span;
            let kind = if form == "UrlRef" {
                let inner = RawExpr {
                    kind: RawExprKind::Text(TextConst::String, attr.value),
                    span,
                };
                RawExprKind::UrlRef(Box::new(inner))
            } else {
                self.value_kind(form, attr.value, span)?
            };
            found = Some(RawExpr { kind, span });
        }
        let _ = el;
        Ok(found)
    }

    /// Combines an attribute-form value with element-form values: exactly one is allowed.
    fn merge_value(
        &self,
        el: &Element<'a>,
        element: &'static str,
        attr: Option<RawExpr<'a>>,
        mut nested: Vec<RawExpr<'a>>,
    ) -> Result<Option<RawExpr<'a>>> {
        let found = nested.len() + usize::from(attr.is_some());
        if found > 1 {
            let kind = CsdlErrorKind::WrongChildCount {
                element,
                expected: "at most one value",
                found,
            };
            return Err(self.error(kind, el.span));
        }
        Ok(attr.or_else(|| nested.pop()))
    }

    /// Reads the children of an element that holds annotations and expressions.
    fn expression_children(
        &mut self,
        el: &Element<'a>,
        element: &'static str,
        annotations: &mut Vec<RawAnnotation<'a>>,
        exprs: &mut Vec<RawExpr<'a>>,
    ) -> Result<()> {
        let _ = element;
        self.children(el, |r, child| {
            if child.ns == Ns::Edm && child.local == "Annotation" {
                annotations.push(r.read_annotation(&child)?);
                return Ok(());
            }
            match r.read_expr(&child)? {
                Some(e) => exprs.push(e),
                None => r.skip_unknown(&child)?,
            }
            Ok(())
        })
    }

    /// Reads the children of a dynamic expression: its operands; annotations on it are ignored with a warning.
    fn operands(&mut self, el: &Element<'a>, element: &'static str) -> Result<Vec<RawExpr<'a>>> {
        let mut annotations = Vec::new();
        let mut exprs = Vec::new();
        self.expression_children(el, element, &mut annotations, &mut exprs)?;
        if let Some(a) = annotations.first() {
            self.warn(CsdlWarningKind::IgnoredAnnotation { element }, a.span);
        }
        Ok(exprs)
    }

    fn exactly<const N: usize>(
        &self,
        el: &Element<'a>,
        element: &'static str,
        expected: &'static str,
        exprs: Vec<RawExpr<'a>>,
    ) -> Result<[RawExpr<'a>; N]> {
        let found = exprs.len();
        <[RawExpr<'a>; N]>::try_from(exprs).map_err(|_| {
            self.error(
                CsdlErrorKind::WrongChildCount {
                    element,
                    expected,
                    found,
                },
                el.span,
            )
        })
    }

    /// Reads an expression element, or returns `None` (without consuming it) if `el` is not one.
    pub(crate) fn read_expr(&mut self, el: &Element<'a>) -> Result<Option<RawExpr<'a>>> {
        if el.ns != Ns::Edm {
            return Ok(None);
        }
        let span = el.span;
        let kind = match el.local {
            "Binary"
            | "Bool"
            | "Date"
            | "DateTimeOffset"
            | "Decimal"
            | "Duration"
            | "EnumMember"
            | "Float"
            | "Guid"
            | "Int"
            | "String"
            | "TimeOfDay"
            | "AnnotationPath"
            | "ModelElementPath"
            | "NavigationPropertyPath"
            | "PropertyPath"
            | "Path"
            | "LabeledElementReference" => {
                let [] = self.attrs(el, [])?;
                let form = VALUE_FORMS
                    .iter()
                    .copied()
                    .find(|f| *f == el.local)
                    .unwrap_or("LabeledElementReference");
                let (value, text_span) = self.text_content(el)?;
                if form == "LabeledElementReference" {
                    RawExprKind::LabeledElementReference(Text {
                        value: trim_cow(value),
                        span: text_span,
                    })
                } else {
                    self.value_kind(form, value, text_span)?
                }
            }
            "Null" => {
                let [] = self.attrs(el, [])?;
                let ops = self.operands(el, "Null")?;
                if !ops.is_empty() {
                    let kind = CsdlErrorKind::WrongChildCount {
                        element: "Null",
                        expected: "no expression",
                        found: ops.len(),
                    };
                    return Err(self.error(kind, span));
                }
                RawExprKind::Null
            }
            "Collection" => {
                let [] = self.attrs(el, [])?;
                RawExprKind::Collection(self.operands(el, "Collection")?)
            }
            "Record" => {
                let [ty] = self.attrs(el, ["Type"])?;
                let mut properties = Vec::new();
                let mut annotations = Vec::new();
                self.children(el, |r, child| {
                    match (child.ns, child.local) {
                        (Ns::Edm, "PropertyValue") => {
                            properties.push(r.read_property_value(&child)?)
                        }
                        (Ns::Edm, "Annotation") => annotations.push(r.read_annotation(&child)?),
                        _ => r.skip_unknown(&child)?,
                    }
                    Ok(())
                })?;
                RawExprKind::Record(Box::new(RawRecord {
                    ty: ty.map(text),
                    properties,
                    annotations,
                }))
            }
            "If" => {
                let [] = self.attrs(el, [])?;
                let ops = self.operands(el, "If")?;
                if !(2..=3).contains(&ops.len()) {
                    let kind = CsdlErrorKind::WrongChildCount {
                        element: "If",
                        expected: "a condition, a then and an optional else expression",
                        found: ops.len(),
                    };
                    return Err(self.error(kind, span));
                }
                RawExprKind::If(ops)
            }
            "Apply" => {
                let [function] = self.attrs(el, ["Function"])?;
                let function = self.required(function, el, "Apply", "Function")?;
                RawExprKind::Apply {
                    function,
                    arguments: self.operands(el, "Apply")?,
                }
            }
            "Cast" | "IsOf" => {
                let element = if el.local == "Cast" { "Cast" } else { "IsOf" };
                let [ty, nullable, max_length, precision, scale, srid, unicode] = self.attrs(
                    el,
                    [
                        "Type",
                        "Nullable",
                        "MaxLength",
                        "Precision",
                        "Scale",
                        "SRID",
                        "Unicode",
                    ],
                )?;
                let ty = self.type_ref(
                    el,
                    element,
                    ty,
                    nullable,
                    [max_length, precision, scale, srid, unicode],
                )?;
                let ops = self.operands(el, element)?;
                let [value] = self.exactly(el, element, "one expression", ops)?;
                let pair = Box::new((ty, value));
                if element == "Cast" {
                    RawExprKind::Cast(pair)
                } else {
                    RawExprKind::IsOf(pair)
                }
            }
            "LabeledElement" => {
                let [name, values @ ..] = self.attrs(el, LABELED_ELEMENT_ATTRS)?;
                let name = self.required(name, el, "LabeledElement", "Name")?;
                let attr = self.attribute_value(el, values)?;
                let ops = self.operands(el, "LabeledElement")?;
                let Some(value) = self.merge_value(el, "LabeledElement", attr, ops)? else {
                    let kind = CsdlErrorKind::WrongChildCount {
                        element: "LabeledElement",
                        expected: "one expression",
                        found: 0,
                    };
                    return Err(self.error(kind, span));
                };
                RawExprKind::LabeledElement {
                    name,
                    value: Box::new(value),
                }
            }
            "UrlRef" => {
                let [] = self.attrs(el, [])?;
                let ops = self.operands(el, "UrlRef")?;
                let [value] = self.exactly(el, "UrlRef", "one expression", ops)?;
                RawExprKind::UrlRef(Box::new(value))
            }
            other => match Operator::from_element(other) {
                Some(op) => {
                    let [] = self.attrs(el, [])?;
                    let operands = self.operands(el, op_name(op))?;
                    if operands.len() != op.arity() {
                        let expected = if op.arity() == 1 {
                            "one operand"
                        } else {
                            "two operands"
                        };
                        let kind = CsdlErrorKind::WrongChildCount {
                            element: op_name(op),
                            expected,
                            found: operands.len(),
                        };
                        return Err(self.error(kind, span));
                    }
                    RawExprKind::Operation { op, operands }
                }
                None => return Ok(None),
            },
        };
        Ok(Some(RawExpr { kind, span }))
    }

    /// `PropertyValue`.
    fn read_property_value(&mut self, el: &Element<'a>) -> Result<RawPropertyValue<'a>> {
        let [property, values @ ..] = self.attrs(el, PROPERTY_VALUE_ATTRS)?;
        let property = self.required(property, el, "PropertyValue", "Property")?;
        self.set_path_name(&property.value);
        let attr = self.attribute_value(el, values)?;
        let mut annotations = Vec::new();
        let mut nested = Vec::new();
        self.expression_children(el, "PropertyValue", &mut annotations, &mut nested)?;
        let Some(value) = self.merge_value(el, "PropertyValue", attr, nested)? else {
            let kind = CsdlErrorKind::WrongChildCount {
                element: "PropertyValue",
                expected: "one value",
                found: 0,
            };
            return Err(self.error(kind, el.span));
        };
        Ok(RawPropertyValue {
            property,
            value,
            annotations,
            span: el.span,
        })
    }

    /// Parses a constant or path given as text (attribute value or element content).
    fn value_kind(
        &self,
        form: &'static str,
        value: Cow<'a, str>,
        span: Span,
    ) -> Result<RawExprKind<'a>> {
        let invalid = |value: &str| {
            self.error(
                CsdlErrorKind::InvalidValue {
                    element: form,
                    value: super::reader::truncate(value).into(),
                },
                span,
            )
        };
        Ok(match form {
            "Bool" => RawExprKind::Bool(parse_bool(&value).ok_or_else(|| invalid(&value))?),
            "Int" => RawExprKind::Int(value.trim().parse::<i64>().map_err(|_| invalid(&value))?),
            "Float" => RawExprKind::Float(parse_float(&value).ok_or_else(|| invalid(&value))?),
            "Decimal" => {
                if !is_decimal(value.trim()) {
                    return Err(invalid(&value));
                }
                RawExprKind::Text(TextConst::Decimal, trim_cow(value))
            }
            "String" => RawExprKind::Text(TextConst::String, value),
            "Binary" => RawExprKind::Text(TextConst::Binary, trim_cow(value)),
            "Date" => RawExprKind::Text(TextConst::Date, trim_cow(value)),
            "DateTimeOffset" => RawExprKind::Text(TextConst::DateTimeOffset, trim_cow(value)),
            "Duration" => RawExprKind::Text(TextConst::Duration, trim_cow(value)),
            "Guid" => RawExprKind::Text(TextConst::Guid, trim_cow(value)),
            "TimeOfDay" => RawExprKind::Text(TextConst::TimeOfDay, trim_cow(value)),
            "EnumMember" => RawExprKind::EnumMember(trim_cow(value)),
            "AnnotationPath" => RawExprKind::Path(PathKind::AnnotationPath, trim_cow(value)),
            "ModelElementPath" => RawExprKind::Path(PathKind::ModelElementPath, trim_cow(value)),
            "NavigationPropertyPath" => {
                RawExprKind::Path(PathKind::NavigationPropertyPath, trim_cow(value))
            }
            "PropertyPath" => RawExprKind::Path(PathKind::PropertyPath, trim_cow(value)),
            _ => RawExprKind::Path(PathKind::Path, trim_cow(value)),
        })
    }
}

fn op_name(op: Operator) -> &'static str {
    use Operator::*;
    match op {
        And => "And",
        Or => "Or",
        Not => "Not",
        Eq => "Eq",
        Ne => "Ne",
        Gt => "Gt",
        Ge => "Ge",
        Lt => "Lt",
        Le => "Le",
        Has => "Has",
        In => "In",
        Add => "Add",
        Sub => "Sub",
        Mul => "Mul",
        Div => "Div",
        DivBy => "DivBy",
        Mod => "Mod",
        Neg => "Neg",
    }
}

fn trim_cow(c: Cow<'_, str>) -> Cow<'_, str> {
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

pub(crate) fn parse_float(s: &str) -> Option<f64> {
    match s.trim() {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        t if t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E')) =>
        {
            t.parse().ok()
        }
        _ => None,
    }
}

/// `decimalValue`: an optional sign, digits with an optional fraction, an optional exponent
/// (4.01), or `INF`, `-INF`, `NaN`.
pub(crate) fn is_decimal(s: &str) -> bool {
    if matches!(s, "INF" | "-INF" | "NaN") {
        return true;
    }
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(int)
        && frac.is_none_or(digits)
        && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}
