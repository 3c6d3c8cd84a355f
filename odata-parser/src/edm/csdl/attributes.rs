//! Attribute helpers of the CSDL XML reader: required attributes, names and
//! namespaces (`SimpleIdentifier`), booleans, and the type facets (`MaxLength`,
//! `Precision`, `Scale`, `SRID`, `Unicode`).

use super::error::{CsdlError, CsdlErrorKind};
use super::raw::*;
use super::reader::{Attr, Element, XmlReader};
use crate::edm::model::{Facets, MaxLength, Scale, Srid};

type Result<T> = std::result::Result<T, CsdlError>;

impl<'a> XmlReader<'a, '_> {
    pub(crate) fn required(
        &self,
        attr: Option<Attr<'a>>,
        el: &Element<'a>,
        element: &'static str,
        attribute: &'static str,
    ) -> Result<Text<'a>> {
        attr.map(text)
            .ok_or_else(|| self.missing(el, element, attribute))
    }

    /// A required `Name` that must be a simple identifier; also names the element in paths.
    pub(super) fn name_attr(
        &mut self,
        attr: Option<Attr<'a>>,
        el: &Element<'a>,
        element: &'static str,
    ) -> Result<Text<'a>> {
        let name = self.required(attr, el, element, "Name")?;
        self.set_path_name(&name.value);
        self.check_identifier(&name)?;
        Ok(name)
    }

    pub(super) fn identifier(&self, attr: Attr<'a>) -> Result<Text<'a>> {
        let t = text(attr);
        self.check_identifier(&t)?;
        Ok(t)
    }

    pub(super) fn check_identifier(&self, t: &Text<'a>) -> Result<()> {
        if is_simple_identifier(&t.value) {
            Ok(())
        } else {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: "Name",
                value: super::reader::truncate(&t.value).into(),
                expected: "a simple identifier",
            };
            Err(self.error(kind, t.span))
        }
    }

    pub(super) fn namespace(&self, t: Text<'a>) -> Result<Text<'a>> {
        if t.value.split('.').all(is_simple_identifier) {
            Ok(t)
        } else {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute: "Namespace",
                value: super::reader::truncate(&t.value).into(),
                expected: "dot-separated simple identifiers",
            };
            Err(self.error(kind, t.span))
        }
    }

    pub(crate) fn bool_attr(
        &self,
        attr: Option<Attr<'a>>,
        attribute: &'static str,
    ) -> Result<Option<bool>> {
        let Some(a) = attr else { return Ok(None) };
        match parse_bool(&a.value) {
            Some(b) => Ok(Some(b)),
            None => {
                let kind = CsdlErrorKind::InvalidAttribute {
                    attribute,
                    value: a.value.as_ref().into(),
                    expected: "true or false",
                };
                Err(self.error(kind, a.span))
            }
        }
    }

    pub(super) fn u32_attr(
        &self,
        a: &Attr<'a>,
        attribute: &'static str,
        expected: &'static str,
    ) -> Result<u32> {
        a.value.trim().parse::<u32>().map_err(|_| {
            let kind = CsdlErrorKind::InvalidAttribute {
                attribute,
                value: a.value.as_ref().into(),
                expected,
            };
            self.error(kind, a.span)
        })
    }

    /// A type reference: the required `Type` of an `element`, its `Nullable`, and its
    /// facets (`MaxLength`, `Precision`, `Scale`, `SRID`, `Unicode`, in that order).
    pub(crate) fn type_ref(
        &self,
        el: &Element<'a>,
        element: &'static str,
        ty: Option<Attr<'a>>,
        nullable: Option<Attr<'a>>,
        [max_length, precision, scale, srid, unicode]: [Option<Attr<'a>>; 5],
    ) -> Result<RawTypeRef<'a>> {
        Ok(RawTypeRef {
            ty: Some(self.required(ty, el, element, "Type")?),
            nullable: self.bool_attr(nullable, "Nullable")?,
            facets: self.facets(max_length, precision, scale, srid, unicode)?,
        })
    }

    pub(crate) fn facets(
        &self,
        max_length: Option<Attr<'a>>,
        precision: Option<Attr<'a>>,
        scale: Option<Attr<'a>>,
        srid: Option<Attr<'a>>,
        unicode: Option<Attr<'a>>,
    ) -> Result<Facets> {
        let mut f = Facets::default();
        if let Some(a) = max_length {
            f.max_length = Some(match a.value.trim() {
                "max" | "Max" => MaxLength::Max,
                _ => MaxLength::Value(self.u32_attr(
                    &a,
                    "MaxLength",
                    "a non-negative integer or max",
                )?),
            });
        }
        if let Some(a) = precision {
            f.precision = Some(self.u32_attr(&a, "Precision", "a non-negative integer")?);
        }
        if let Some(a) = scale {
            f.scale = Some(match a.value.trim() {
                "variable" => Scale::Variable,
                "floating" => Scale::Floating,
                _ => Scale::Value(self.u32_attr(
                    &a,
                    "Scale",
                    "a non-negative integer, variable or floating",
                )?),
            });
        }
        if let Some(a) = srid {
            f.srid = Some(match a.value.trim() {
                "variable" => Srid::Variable,
                _ => {
                    Srid::Value(self.u32_attr(&a, "SRID", "a non-negative integer or variable")?)
                }
            });
        }
        f.unicode = self.bool_attr(unicode, "Unicode")?;
        Ok(f)
    }
}

/// An attribute as a raw text.
pub(crate) fn text(a: Attr<'_>) -> Text<'_> {
    Text {
        value: a.value,
        span: a.span,
    }
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `SimpleIdentifier`: a letter or underscore, then letters, digits and underscores
/// (Unicode categories approximated by `char::is_alphanumeric`), at most 128 characters.
pub(crate) fn is_simple_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || first.is_alphabetic())
        && s.chars().count() <= 128
        && chars.all(|c| c == '_' || c.is_alphanumeric() || is_combining(c))
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}')
}
