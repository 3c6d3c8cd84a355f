//! A JSON document as a tree whose every value and member name has its exact byte span.
//!
//! serde_json does the validating (syntax, escapes, numbers; its error carries
//! line and column) but cannot report byte offsets of the values it reads. So
//! the document is read twice, both times in linear time:
//! 1. `serde_json::from_str::<&RawValue>` validates the whole text (iteratively:
//!    no recursion, so deep nesting cannot overflow the stack);
//! 2. [`Tree::parse`] then walks the already valid text once, building [`Value`]s that
//!    borrow strings and numbers from the input with their spans. It checks the
//!    nesting depth *before* descending, the length of member names, and duplicate
//!    member names. Only strings with escapes are decoded (by serde_json) into owned text.
//!
//! On malformed input, step 2 runs up to the error offset to name the member the
//! error is in (a JSON Pointer such as `/Org.OData.Core.V1/Link/href`).

use std::borrow::Cow;

use crate::span::Span;

/// A JSON value and its span (for a string: the text between the quotes).
#[derive(Debug)]
pub(crate) struct Value<'a> {
    pub kind: Kind<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) enum Kind<'a> {
    Null,
    Bool(bool),
    /// A number as written.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Members in document order.
    Object(Vec<Member<'a>>),
}

/// An object member.
#[derive(Debug)]
pub(crate) struct Member<'a> {
    pub name: Cow<'a, str>,
    /// The member name between its quotes.
    pub name_span: Span,
    pub value: Value<'a>,
}

impl Member<'_> {
    /// From the member name's opening quote to the end of its value.
    pub fn span(&self) -> Span {
        Span::new(self.name_span.start.saturating_sub(1), self.value.end())
    }
}

impl Value<'_> {
    /// The JSON type, for messages.
    pub fn describe(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// Where the value's token ends (after a string's closing quote).
    pub fn end(&self) -> u32 {
        match self.kind {
            Kind::String(_) => self.span.end.saturating_add(1),
            _ => self.span.end,
        }
    }
}

/// Why the tree could not be built.
#[derive(Debug)]
pub(crate) enum TreeError {
    /// Containers nested deeper than the limit; at the opening bracket.
    TooDeep(u32),
    /// A member name longer than the limit.
    NameTooLong { len: usize, span: Span },
    /// A member name given twice in one object.
    DuplicateMember { name: Box<str>, span: Span },
    /// A byte that valid JSON cannot have here (only for input serde_json did not validate).
    Syntax(u32),
    /// A string whose escapes do not decode (a lone surrogate: serde_json's validation
    /// does not check them, its decoding does); at the string.
    BadString(serde_json::Error, Span),
    /// Reached the offset the walk was told to stop at.
    Stopped,
}

/// A segment of the JSON Pointer to the current value.
#[derive(Clone, Copy)]
enum Segment {
    Key(usize, usize),
    Index(usize),
}

/// The walker over validated text.
pub(crate) struct Tree<'a> {
    text: &'a str,
    pos: usize,
    /// Global offset of `text[0]`.
    base: u32,
    max_depth: usize,
    max_name_length: usize,
    /// Stop (with [`TreeError::Stopped`]) when a value starts at or after this offset.
    stop_at: usize,
    path: Vec<Segment>,
}

impl<'a> Tree<'a> {
    pub(crate) fn new(text: &'a str, base: u32, max_depth: usize, max_name_length: usize) -> Self {
        Tree {
            text,
            pos: 0,
            base,
            max_depth,
            max_name_length,
            stop_at: usize::MAX,
            path: Vec::new(),
        }
    }

    fn global(&self, offset: usize) -> u32 {
        self.base
            .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.global(start), self.global(end))
    }

    /// Builds the tree of the whole text.
    pub(crate) fn parse(&mut self) -> Result<Value<'a>, TreeError> {
        let v = self.value(0)?;
        self.skip_ws();
        if self.pos < self.text.len() {
            return Err(TreeError::Syntax(self.global(self.pos)));
        }
        Ok(v)
    }

    /// The JSON Pointer of the member or item that contains `offset` (for malformed input:
    /// serde_json validated everything before it). Stops early at the depth limit.
    pub(crate) fn pointer_at(mut self, offset: usize) -> String {
        self.stop_at = offset;
        let _ = self.value(0);
        self.pointer()
    }

    /// The JSON Pointer (RFC 6901) of the value being read.
    pub(crate) fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            match *seg {
                Segment::Key(s, e) => {
                    let key = self.text.get(s..e).unwrap_or_default();
                    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                }
                Segment::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), TreeError> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(TreeError::Syntax(self.global(self.pos)))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, TreeError> {
        self.skip_ws();
        let start = self.pos;
        if start >= self.stop_at {
            return Err(TreeError::Stopped);
        }
        let kind = match self.peek() {
            Some(b'{') => {
                self.check_depth(depth)?;
                self.pos += 1;
                Kind::Object(self.members(depth)?)
            }
            Some(b'[') => {
                self.check_depth(depth)?;
                self.pos += 1;
                Kind::Array(self.items(depth)?)
            }
            Some(b'"') => {
                let (s, content) = self.string()?;
                return Ok(Value {
                    kind: Kind::String(s),
                    span: content,
                });
            }
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => {
                let len = self.text.as_bytes()[start..]
                    .iter()
                    .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .count();
                self.pos += len;
                Kind::Number(self.text.get(start..self.pos).unwrap_or_default())
            }
            _ => return Err(TreeError::Syntax(self.global(start))),
        };
        Ok(Value {
            kind,
            span: self.span(start, self.pos),
        })
    }

    fn check_depth(&self, depth: usize) -> Result<(), TreeError> {
        if depth >= self.max_depth {
            Err(TreeError::TooDeep(self.global(self.pos)))
        } else {
            Ok(())
        }
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, TreeError> {
        if self.text.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(TreeError::Syntax(self.global(self.pos)))
        }
    }

    /// A string token at `pos`: its text (decoded if it has escapes) and the span between the quotes.
    fn string(&mut self) -> Result<(Cow<'a, str>, Span), TreeError> {
        let open = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = open + 1;
        let mut escaped = false;
        let close = loop {
            let Some(found) = bytes
                .get(i..)
                .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
            else {
                return Err(TreeError::Syntax(self.global(open)));
            };
            i += found;
            if bytes[i] == b'\\' {
                escaped = true;
                i += 2;
            } else {
                break i;
            }
        };
        self.pos = close + 1;
        let span = self.span(open + 1, close);
        let raw = self.text.get(open + 1..close).unwrap_or_default();
        if !escaped {
            return Ok((Cow::Borrowed(raw), span));
        }
        let token = self.text.get(open..=close).unwrap_or_default();
        match serde_json::from_str::<String>(token) {
            Ok(s) => Ok((Cow::Owned(s), span)),
            Err(e) => Err(TreeError::BadString(e, span)),
        }
    }

    fn members(&mut self, depth: usize) -> Result<Vec<Member<'a>>, TreeError> {
        let mut members: Vec<Member<'a>> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(members);
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(TreeError::Syntax(self.global(self.pos)));
            }
            let key_start = self.pos + 1;
            let (name, name_span) = self.string()?;
            if name.len() > self.max_name_length {
                return Err(TreeError::NameTooLong {
                    len: name.len(),
                    span: name_span,
                });
            }
            self.path.push(Segment::Key(key_start, self.pos - 1));
            self.expect(b':')?;
            let value = self.value(depth + 1)?;
            self.path.pop();
            members.push(Member {
                name,
                name_span,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(TreeError::Syntax(self.global(self.pos))),
            }
        }
        check_duplicates(&members)?;
        Ok(members)
    }

    fn items(&mut self, depth: usize) -> Result<Vec<Value<'a>>, TreeError> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            self.path.push(Segment::Index(items.len()));
            let item = self.value(depth + 1)?;
            self.path.pop();
            items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(TreeError::Syntax(self.global(self.pos))),
            }
        }
        Ok(items)
    }
}

/// Member names must be unique within an object (CSDL JSON; JSON itself only recommends it).
fn check_duplicates(members: &[Member<'_>]) -> Result<(), TreeError> {
    let duplicate = |m: &Member<'_>| TreeError::DuplicateMember {
        name: crate::edm::csdl::reader::truncate(&m.name).into(),
        span: m.name_span,
    };
    if members.len() <= 16 {
        for (i, m) in members.iter().enumerate() {
            if members[..i].iter().any(|o| o.name == m.name) {
                return Err(duplicate(m));
            }
        }
    } else {
        let mut seen = hashbrown::HashSet::with_capacity(members.len());
        for m in members {
            if !seen.insert(&*m.name) {
                return Err(duplicate(m));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Value<'_> {
        Tree::new(text, 0, 64, 1024).parse().expect("valid")
    }

    #[test]
    fn spans_are_exact() {
        let text = r#"{ "a" : [1, -2.5e3, "x\"y", true, null], "b": {} }"#;
        let v = tree(text);
        let Kind::Object(members) = v.kind else {
            panic!("object")
        };
        assert_eq!(&text[members[0].name_span.range()], "a");
        let Kind::Array(items) = &members[0].value.kind else {
            panic!("array")
        };
        let slices: Vec<&str> = items.iter().map(|i| &text[i.span.range()]).collect();
        assert_eq!(slices, ["1", "-2.5e3", "x\\\"y", "true", "null"]);
        assert!(matches!(&items[2].kind, Kind::String(s) if s == "x\"y"));
        assert_eq!(&text[members[1].span().range()], "\"b\": {}");
        assert_eq!(&text[v.span.range()], text);
    }

    #[test]
    fn depth_is_checked_before_descending() {
        let deep = "[".repeat(10) + &"]".repeat(10);
        assert!(matches!(
            Tree::new(&deep, 100, 5, 1024).parse(),
            Err(TreeError::TooDeep(105))
        ));
        assert!(Tree::new(&deep, 0, 10, 1024).parse().is_ok());
    }

    #[test]
    fn duplicate_and_long_names() {
        assert!(matches!(
            Tree::new(r#"{"a":1,"b":2,"a":3}"#, 0, 64, 1024).parse(),
            Err(TreeError::DuplicateMember { .. })
        ));
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":0")).collect();
        let text = format!("{{{},\"k7\":1}}", many.join(","));
        assert!(matches!(
            Tree::new(&text, 0, 64, 1024).parse(),
            Err(TreeError::DuplicateMember { .. })
        ));
        assert!(matches!(
            Tree::new(r#"{"abcdef":1}"#, 0, 64, 3).parse(),
            Err(TreeError::NameTooLong { len: 6, .. })
        ));
    }

    #[test]
    fn pointer_names_the_member_at_an_offset() {
        let text = r#"{"a": {"b/c": [1, 2, {"d": x}]}}"#;
        let at = text.find('x').expect("x");
        assert_eq!(Tree::new(text, 0, 64, 1024).pointer_at(at), "/a/b~1c/2/d");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for text in [
            "",
            "{",
            "[1,",
            "\"abc",
            "{\"a\" 1}",
            "tru",
            "{}x",
            "{\"a\":1,}",
        ] {
            assert!(Tree::new(text, 0, 64, 1024).parse().is_err(), "{text}");
        }
    }
}
