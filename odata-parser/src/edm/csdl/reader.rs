//! The streaming XML driver under the element readers: events classified by
//! (namespace, local name), attributes borrowed from the input with their
//! spans, the element path for messages, depth and size limits, and the
//! skipping of unknown subtrees.
//!
//! The input is a `&str`, so `NsReader::from_str` hands out events that
//! borrow from it; there is no buffer to reuse at all. Attribute values and
//! text are `Cow::Borrowed` unless they contained entity references.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attributes;
use quick_xml::name::{QName, ResolveResult};

use super::error::{CsdlError, CsdlErrorKind, CsdlWarning, CsdlWarningKind};
use crate::edm::source::{Location, SourceDocument};
use crate::span::Span;

/// The EDMX namespace of CSDL 4.0 and 4.01.
pub(crate) const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// The EDM namespace of CSDL 4.0 and 4.01.
pub(crate) const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Limits that keep hostile documents cheap to reject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted (default 64; real CSDL stays under 20). In CSDL
    /// JSON: the nesting of objects and arrays.
    pub max_depth: usize,
    /// Longest name-like attribute value (names, types, targets, paths) in bytes (default
    /// 1024). In CSDL JSON: every member name.
    pub max_name_length: usize,
    /// Most attributes on one element (default 64). CSDL XML only: a JSON object's members
    /// are its children too (a type's properties), so their number is not capped.
    pub max_attributes: usize,
    /// Most documents loaded through references, the main one included (default 64).
    pub max_documents: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_name_length: 1024,
            max_attributes: 64,
            max_documents: 64,
        }
    }
}

/// The namespace an element is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ns {
    Edmx,
    Edm,
    Other,
}

/// A start (or empty) tag.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Element<'a> {
    pub ns: Ns,
    /// The local name, e.g. `EntityType`.
    pub local: &'a str,
    /// The name as written, e.g. `edmx:Reference`.
    pub qname: &'a str,
    /// Tag content (name and attributes) borrowed from the input.
    content: &'a str,
    /// Whether the tag was self-closing.
    pub empty: bool,
    /// The whole start tag, `<` to `>`, in global offsets.
    pub span: Span,
}

/// An attribute value and where it was written.
#[derive(Clone, Debug)]
pub(crate) struct Attr<'a> {
    pub value: Cow<'a, str>,
    pub span: Span,
}

/// One segment of the element path.
#[derive(Clone, Copy)]
struct PathSegment<'a> {
    qname: &'a str,
    name: Option<&'a str>,
}

/// What the next piece of content is.
pub(crate) enum Next<'a> {
    Start(Element<'a>),
    End,
    Text(Cow<'a, str>, Span),
    Eof,
}

/// Attributes whose values are names, types, targets or paths: capped by [`Limits::max_name_length`].
const NAME_LIKE: &[&str] = &[
    "Name",
    "Namespace",
    "Alias",
    "Type",
    "BaseType",
    "Term",
    "Qualifier",
    "Target",
    "Partner",
    "EntityType",
    "EntitySet",
    "Action",
    "Function",
    "UnderlyingType",
    "Extends",
    "BaseTerm",
    "TermNamespace",
    "TargetNamespace",
    "Property",
    "ReferencedProperty",
    "EntitySetPath",
];

/// The low-level reader of one document.
pub(crate) struct XmlReader<'a, 'w> {
    xml: NsReader<&'a [u8]>,
    text: &'a str,
    /// Global offset of `text[0]`.
    base: u32,
    source: &'w SourceDocument,
    pub(crate) limits: Limits,
    stack: Vec<PathSegment<'a>>,
    pub(crate) warnings: &'w mut Vec<CsdlWarning>,
}

impl<'a, 'w> XmlReader<'a, 'w> {
    /// A reader over `text` (already stripped of a byte-order mark) that starts at global offset `base`.
    pub(crate) fn new(
        text: &'a str,
        base: u32,
        source: &'w SourceDocument,
        limits: Limits,
        warnings: &'w mut Vec<CsdlWarning>,
    ) -> Self {
        let mut xml = NsReader::from_str(text);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            xml,
            text,
            base,
            source,
            limits,
            stack: Vec::with_capacity(16),
            warnings,
        }
    }

    fn offset_of(&self, s: &str) -> Option<usize> {
        let start = (s.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (start + s.len() <= self.text.len()).then_some(start)
    }

    fn global(&self, offset: usize) -> u32 {
        self.base
            .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
    }

    fn span_of(&self, s: &str) -> Span {
        match self.offset_of(s) {
            Some(o) => Span::new(self.global(o), self.global(o + s.len())),
            None => self.here(),
        }
    }

    /// An empty span at the current position.
    pub(crate) fn here(&self) -> Span {
        let p = self.global(usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX));
        Span::new(p, p)
    }

    /// The `&'a str` a borrowed event's content is, recovered from its position in the input.
    fn borrowed(&self, s: &str) -> Option<&'a str> {
        let start = self.offset_of(s)?;
        self.text.get(start..start + s.len())
    }

    pub(crate) fn location(&self, span: Span) -> Location {
        location(self.source, span)
    }

    /// The current element path, e.g. `edmx:Edmx/edmx:DataServices/Schema[ns]`.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        for (i, seg) in self.stack.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(truncate(seg.qname));
            if let Some(name) = seg.name {
                out.push('[');
                out.push_str(truncate(name));
                out.push(']');
            }
        }
        out
    }

    pub(crate) fn error(&self, kind: CsdlErrorKind, span: Span) -> CsdlError {
        CsdlError::new(kind, span, Some(self.location(span)), self.path())
    }

    pub(crate) fn warn(&mut self, kind: CsdlWarningKind, span: Span) {
        let w = CsdlWarning::new(kind, span, Some(self.location(span)), self.path());
        self.warnings.push(w);
    }

    fn xml_error(&self, e: quick_xml::Error) -> CsdlError {
        let p = self.global(usize::try_from(self.xml.error_position()).unwrap_or(usize::MAX));
        self.error(CsdlErrorKind::Xml(e), Span::new(p, p))
    }

    /// Sets the `[name]` shown for the current element in paths.
    #[allow(clippy::ptr_arg)] // only a borrowed `Cow` lives long enough to be kept
    pub(crate) fn set_path_name(&mut self, name: &Cow<'a, str>) {
        if let (Cow::Borrowed(n), Some(top)) = (name, self.stack.last_mut()) {
            top.name = Some(n);
        }
    }

    /// Reads the next element, end tag, text or end of input.
    pub(crate) fn next(&mut self) -> Result<Next<'a>, CsdlError> {
        loop {
            let before = self.xml.buffer_position();
            let (ns, event) = match self.xml.read_resolved_event() {
                Ok((ns, event)) => (classify(&ns), event),
                Err(e) => return Err(self.xml_error(e)),
            };
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name_len = e.name().as_ref().len();
                    let content = self.borrowed(e).unwrap_or_default();
                    let qname = content.get(..name_len).unwrap_or_default();
                    let local = qname.rsplit_once(':').map_or(qname, |(_, l)| l);
                    let start = self
                        .offset_of(content)
                        .map_or(before as usize, |o| o.saturating_sub(1));
                    let end = usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX);
                    let span = Span::new(self.global(start), self.global(end));
                    let el = Element {
                        ns,
                        local,
                        qname,
                        content,
                        empty,
                        span,
                    };
                    if self.stack.len() >= self.limits.max_depth {
                        return Err(self.error(
                            CsdlErrorKind::TooDeep {
                                limit: self.limits.max_depth,
                            },
                            span,
                        ));
                    }
                    return Ok(Next::Start(el));
                }
                Event::End(_) => return Ok(Next::End),
                Event::Text(t) => {
                    let span = self.span_of(&t);
                    return Ok(Next::Text(t.xml10_content(), span));
                }
                Event::CData(c) => {
                    let span = self.span_of(&c);
                    return Ok(Next::Text(c.xml10_content(), span));
                }
                Event::GeneralRef(r) => {
                    let span = self.span_of(&r);
                    let span = Span::new(span.start.saturating_sub(1), span.end.saturating_add(1));
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                let name = truncate(&r).into();
                                return Err(self.error(CsdlErrorKind::UnknownEntity { name }, span));
                            }
                        },
                        Err(e) => return Err(self.error(CsdlErrorKind::Xml(e), span)),
                    };
                    return Ok(Next::Text(text, span));
                }
                Event::DocType(ref d) => {
                    let span = self.span_of(d);
                    return Err(self.error(CsdlErrorKind::DoctypeNotAllowed, span));
                }
                Event::Eof => return Ok(Next::Eof),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    /// Calls `f` for every child element of `el` (which must consume the child: read
    /// its children or skip it); warns about non-blank text.
    pub(crate) fn children(
        &mut self,
        el: &Element<'a>,
        mut f: impl FnMut(&mut Self, Element<'a>) -> Result<(), CsdlError>,
    ) -> Result<(), CsdlError> {
        if el.empty {
            return Ok(());
        }
        loop {
            match self.next()? {
                Next::Start(child) => {
                    self.stack.push(PathSegment {
                        qname: child.qname,
                        name: None,
                    });
                    let result = f(self, child);
                    self.stack.pop();
                    result?;
                }
                Next::End => return Ok(()),
                Next::Text(t, span) => {
                    if !t.trim().is_empty() {
                        self.warn(CsdlWarningKind::UnexpectedText, span);
                    }
                }
                Next::Eof => return Err(self.eof_error(el)),
            }
        }
    }

    fn eof_error(&self, el: &Element<'a>) -> CsdlError {
        let e = quick_xml::errors::IllFormedError::MissingEndTag(el.qname.to_owned());
        self.error(
            CsdlErrorKind::Xml(quick_xml::Error::IllFormed(e)),
            self.here(),
        )
    }

    /// Enters the root element (the element readers enter children through [`Self::children`]).
    pub(crate) fn enter_root(&mut self, el: &Element<'a>) {
        self.stack.push(PathSegment {
            qname: el.qname,
            name: None,
        });
    }

    /// Reads the text content of `el`; child elements are skipped with a warning.
    pub(crate) fn text_content(
        &mut self,
        el: &Element<'a>,
    ) -> Result<(Cow<'a, str>, Span), CsdlError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        let mut span = Span::new(el.span.end, el.span.end);
        if el.empty {
            return Ok((text, span));
        }
        loop {
            match self.next()? {
                Next::Start(child) => {
                    self.stack.push(PathSegment {
                        qname: child.qname,
                        name: None,
                    });
                    let r = self.skip_unknown(&child);
                    self.stack.pop();
                    r?;
                }
                Next::End => return Ok((text, span)),
                Next::Text(t, s) => {
                    if text.is_empty() {
                        text = t;
                        span = s;
                    } else {
                        text.to_mut().push_str(&t);
                        span = span.to(s);
                    }
                }
                Next::Eof => return Err(self.eof_error(el)),
            }
        }
    }

    /// Skips `el` and its subtree without a warning.
    pub(crate) fn skip(&mut self, el: &Element<'a>) -> Result<(), CsdlError> {
        if el.empty {
            return Ok(());
        }
        match self.xml.read_to_end(QName(el.qname)) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.xml_error(e)),
        }
    }

    /// Skips `el` and its subtree, recording an unknown-element warning.
    pub(crate) fn skip_unknown(&mut self, el: &Element<'a>) -> Result<(), CsdlError> {
        self.warn(
            CsdlWarningKind::UnknownElement {
                name: truncate(el.qname).into(),
            },
            el.span,
        );
        self.skip(el)
    }

    /// Reads the attributes of `el` named in `names`; unknown unqualified
    /// attributes are warned about, prefixed ones (`xmlns`, foreign namespaces) ignored.
    pub(crate) fn attrs<const N: usize>(
        &mut self,
        el: &Element<'a>,
        names: [&'static str; N],
    ) -> Result<[Option<Attr<'a>>; N], CsdlError> {
        let mut out: [Option<Attr<'a>>; N] = std::array::from_fn(|_| None);
        let name_len = el.qname.len();
        let mut attributes = Attributes::new(el.content, name_len);
        attributes.with_checks(false);
        let mut count = 0usize;
        for attr in attributes {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => return Err(self.error(CsdlErrorKind::Attribute(e), el.span)),
            };
            count += 1;
            if count > self.limits.max_attributes {
                let limit = self.limits.max_attributes;
                return Err(self.error(CsdlErrorKind::TooManyAttributes { limit }, el.span));
            }
            let key: &str = attr.key.0;
            if key.contains(':') || key == "xmlns" {
                continue;
            }
            let raw_span = match &attr.value {
                Cow::Borrowed(v) => self.span_of(v),
                Cow::Owned(_) => el.span,
            };
            let Some(slot) = names.iter().position(|n| *n == key) else {
                self.warn(
                    CsdlWarningKind::UnknownAttribute {
                        name: truncate(key).into(),
                    },
                    raw_span,
                );
                continue;
            };
            if out[slot].is_some() {
                return Err(self.error(
                    CsdlErrorKind::DuplicateAttribute { name: key.into() },
                    raw_span,
                ));
            }
            if NAME_LIKE.contains(&key) && attr.value.len() > self.limits.max_name_length {
                let (len, limit) = (attr.value.len(), self.limits.max_name_length);
                return Err(self.error(CsdlErrorKind::NameTooLong { len, limit }, raw_span));
            }
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(e) => return Err(self.error(CsdlErrorKind::Xml(e), raw_span)),
            };
            out[slot] = Some(Attr {
                value,
                span: raw_span,
            });
        }
        Ok(out)
    }

    /// An error for a required attribute that is missing.
    pub(crate) fn missing(
        &self,
        el: &Element<'a>,
        element: &'static str,
        attribute: &'static str,
    ) -> CsdlError {
        self.error(
            CsdlErrorKind::MissingAttribute { element, attribute },
            el.span,
        )
    }
}

fn classify(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(n) if n.0 == EDM_NS => Ns::Edm,
        ResolveResult::Bound(n) if n.0 == EDMX_NS => Ns::Edmx,
        _ => Ns::Other,
    }
}

/// Cuts long names in messages to 100 bytes (on a character boundary).
pub(crate) fn truncate(s: &str) -> &str {
    if s.len() <= 100 {
        return s;
    }
    let mut end = 100;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Where `span` (in global offsets) starts in `source`, as line and column; shared by
/// the CSDL XML and CSDL JSON readers.
pub(crate) fn location(source: &SourceDocument, span: Span) -> Location {
    let (line, column) = source.line_column(span.start.saturating_sub(source.base));
    Location {
        document: source.uri.clone(),
        line,
        column,
    }
}
