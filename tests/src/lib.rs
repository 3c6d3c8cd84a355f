//! Shared helpers of the cross-crate tests.
//!
//! [`load_abnf_suite`] reads the OASIS ABNF test cases (`odata-abnf-testcases.yaml`)
//! with a YAML 1.2 event parser and keeps every scalar as the string written: the
//! file has date-like inputs (`0000-01-01`), numbers with leading zeros and literal
//! tabs inside plain scalars, none of which may be reinterpreted.
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use yaml_rust2::parser::{Event, EventReceiver, Parser};

/// The shared reference material beside the repository (`../shared`).
#[must_use]
pub fn shared_dir() -> PathBuf {
    // CARGO_MANIFEST_DIR is <repo>/tests; shared/ sits beside <repo>.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// One test case of the ABNF suite.
#[derive(Clone, Debug)]
pub struct AbnfCase {
    /// Position in the file, from 0.
    pub index: usize,
    /// The description.
    pub name: String,
    /// The ABNF rule the input is tested against.
    pub rule: String,
    /// The input, exactly as written.
    pub input: String,
    /// For negative cases: the furthest position the reference tool reached.
    pub fail_at: Option<usize>,
}

/// The ABNF suite: the constraints (names the cases treat as defined) and the cases.
#[derive(Clone, Debug, Default)]
pub struct AbnfSuite {
    /// Rule name → the identifiers that rule matches in the cases (`Constraints:`).
    pub constraints: BTreeMap<String, Vec<String>>,
    /// The cases in file order.
    pub cases: Vec<AbnfCase>,
}

/// A YAML node with every scalar kept as text.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A scalar, as written.
    Scalar(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of `key` in a mapping.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

enum Frame {
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>, Option<String>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
}

impl Builder {
    fn value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(items)) => items.push(node),
            Some(Frame::Map(entries, key)) => match key.take() {
                None => *key = Some(node.text().unwrap_or_default().to_owned()),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

impl EventReceiver for Builder {
    fn on_event(&mut self, ev: Event) {
        match ev {
            Event::Scalar(text, ..) => self.value(Node::Scalar(text)),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Vec::new())),
            Event::MappingStart(..) => self.stack.push(Frame::Map(Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Seq(items)) => self.value(Node::Seq(items)),
                Some(Frame::Map(entries, _)) => self.value(Node::Map(entries)),
                None => {}
            },
            _ => {}
        }
    }
}

/// Parses YAML text into a [`Node`] tree of strings.
///
/// # Errors
///
/// The YAML scanner's message if the text is not YAML.
pub fn parse_yaml(text: &str) -> Result<Node, String> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| e.to_string())?;
    builder.root.ok_or_else(|| "empty YAML document".to_owned())
}

/// Loads `spec/odata-abnf-testcases.yaml`.
///
/// # Panics
///
/// If the file is missing or malformed (a test setup error).
#[must_use]
pub fn load_abnf_suite() -> AbnfSuite {
    let path = shared_dir().join("spec/odata-abnf-testcases.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let root = parse_yaml(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut suite = AbnfSuite::default();
    if let Some(Node::Map(rules)) = root.get("Constraints") {
        for (rule, names) in rules {
            let names = match names {
                Node::Seq(items) => items
                    .iter()
                    .filter_map(Node::text)
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            };
            suite.constraints.insert(rule.clone(), names);
        }
    }
    let Some(Node::Seq(cases)) = root.get("TestCases") else {
        panic!("no TestCases in {}", path.display())
    };
    for (index, case) in cases.iter().enumerate() {
        let field = |k: &str| case.get(k).and_then(Node::text).map(str::to_owned);
        suite.cases.push(AbnfCase {
            index,
            name: field("Name").unwrap_or_default(),
            rule: field("Rule").unwrap_or_default(),
            input: field("Input").unwrap_or_default(),
            fail_at: field("FailAt").and_then(|f| f.parse().ok()),
        });
    }
    suite
}

/// Percent-decodes URL text (no `+` rule) and returns the decoded text with, for each
/// decoded byte, the raw offset it came from (plus one entry for the end).
#[must_use]
pub fn percent_decode_mapped(raw: &str) -> (String, Vec<usize>) {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut map = Vec::with_capacity(b.len() + 1);
    let mut n = 0;
    while n < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[n] == b'%'
            && n + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[n + 1]), hex(b[n + 2]))
        {
            map.push(n);
            #[allow(clippy::cast_possible_truncation)]
            out.push((h * 16 + l) as u8);
            n += 3;
            continue;
        }
        map.push(n);
        out.push(b[n]);
        n += 1;
    }
    map.push(b.len());
    (String::from_utf8_lossy(&out).into_owned(), map)
}

/// The examples of the repository's README, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
