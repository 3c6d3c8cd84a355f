//! # seed-tables
//!
//! Test support for the Outlook REST API v2.0 metadata. The service no longer publishes its
//! `$metadata`, so the toolkit ships a hand-written CSDL document; this crate reads the property
//! tables of the v2.0 resource reference (a plain-text rendering of the web page) so that tests
//! can compare that document with the reference, type by type and property by property.
//!
//! The reference lays out each resource as a heading, a short description, a
//! `Type: Microsoft.OutlookServices.X` and/or `Base type: X` line and a table whose header is
//! `Property Type Description` followed by up to three flag columns (`Writable?`, `Filterable?`,
//! `Searchable?`). In tables with flag columns a row ends with its flags, so a description may run
//! over several lines and paragraphs; in tables without them a row is one line, optionally followed
//! by continuation lines that do not look like a row. Enumerations list their members as bullets
//! under `Supported values:`.
//!
//! ```
//! use seed_tables::{parse_property_tables, SeedKind};
//!
//! let text = "Calendar\n\nA calendar.\n\nType: Microsoft.OutlookServices.Calendar\n\n\
//!             Property Type Description Writable? Filterable?\n\
//!             Name String The calendar name. Yes Yes\n\
//!             Id String The calendar's unique identifier. No No\n";
//! let types = parse_property_tables(text);
//! assert_eq!(types.len(), 1);
//! assert_eq!(types[0].name, "Calendar");
//! assert_eq!(types[0].kind, SeedKind::Resource);
//! assert_eq!(types[0].properties[1].name, "Id");
//! assert_eq!(types[0].properties[1].writable, Some(false));
//! ```
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::panic)]

/// The namespace the reference uses in `Type:` lines; stripped from type names.
const NAMESPACE_PREFIX: &str = "Microsoft.OutlookServices.";

/// Callout words that stand alone on a line but are not section headings.
const CALLOUTS: &[&str] = &["Note", "Tip", "Important", "Warning", "Caution"];

/// Lower-case spellings of primitive types that the reference uses in its `Type` column.
const LOWERCASE_PRIMITIVES: &[&str] = &[
    "binary",
    "boolean",
    "datetimeoffset",
    "double",
    "guid",
    "int",
    "string",
];

/// Which part of the reference a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedKind {
    /// A resource (entity type), listed before "Complex types".
    Resource,
    /// A complex type, listed under "Complex types".
    Complex,
    /// An enumeration, listed under "Enumerations".
    Enum,
}

/// A flag column of a property table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `Writable?`
    Writable,
    /// `Filterable?`
    Filterable,
    /// `Searchable?`
    Searchable,
}

/// A value of the `Searchable?` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searchable {
    /// The property can be named in a `$search` expression.
    Yes,
    /// The property cannot be searched.
    No,
    /// The property is searched by a `$search` that names no property.
    Default,
}

/// One section of the reference: a type with its property table, or an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedType {
    /// The type name without namespace (`MailFolder` for the "Folder / MailFolder" section).
    pub name: String,
    /// Resource, complex type or enumeration.
    pub kind: SeedKind,
    /// The base type the section states, without namespace: from a `Base type:` line, or from a
    /// `Type:` line that names another type (the reference writes `Type: Microsoft.OutlookServices.Entity`
    /// under `Attachment`).
    pub base_type: Option<String>,
    /// The flag columns of the property table, in order.
    pub columns: Vec<Column>,
    /// The rows of the property table, in document order.
    pub properties: Vec<SeedProperty>,
    /// The members of an enumeration, in document order.
    pub members: Vec<String>,
    /// 1-based line of the section heading.
    pub line: usize,
}

impl SeedType {
    /// The row for `name`, if the table has one.
    pub fn property(&self, name: &str) -> Option<&SeedProperty> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Whether the table has the given flag column.
    pub fn has_column(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }
}

/// One row of a property table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedProperty {
    /// The property name as written (`iCalUID`, `MobilePhone1`).
    pub name: String,
    /// The `Type` column with spacing normalised: `Collection (Recipient)` becomes
    /// `Collection(Recipient)`; case is kept (`datetimeoffset`, `String`), and so is the
    /// reference's `A collection`.
    pub doc_type: String,
    /// The description; continuation lines are joined with `\n`, an empty line between
    /// paragraphs is kept as an empty line.
    pub description: String,
    /// The `Writable?` column, when the table has one.
    pub writable: Option<bool>,
    /// The `Filterable?` column, when the table has one.
    pub filterable: Option<bool>,
    /// The `Searchable?` column, when the table has one.
    pub searchable: Option<Searchable>,
    /// 1-based line where the row starts.
    pub line: usize,
}

impl SeedProperty {
    /// Whether the type column names a collection (`Collection(...)` or `A collection`).
    pub fn is_collection(&self) -> bool {
        self.doc_type.starts_with("Collection(") || self.doc_type == "A collection"
    }

    /// The named type, or the element type of a collection; `None` for `A collection`, whose
    /// element type is only given in the description.
    pub fn element_type(&self) -> Option<&str> {
        if self.doc_type == "A collection" {
            return None;
        }
        Some(
            self.doc_type
                .strip_prefix("Collection(")
                .and_then(|rest| rest.strip_suffix(')'))
                .unwrap_or(&self.doc_type),
        )
    }
}

/// Reads every type section of the resource reference text, in document order.
///
/// Sections without a property table or member list (previews, prose) are skipped. Reading stops
/// at the "OData query parameters" part, which has no type sections. The reader never fails: text
/// it does not recognise is treated as prose.
pub fn parse_property_tables(text: &str) -> Vec<SeedType> {
    let mut parser = Parser::default();
    for (index, raw) in text.lines().enumerate() {
        if !parser.line(index + 1, raw.trim_end()) {
            break;
        }
    }
    parser.finish()
}

/// A section heading seen but not yet emitted.
#[derive(Debug)]
struct Section {
    name: String,
    line: usize,
    type_line: Option<String>,
    base_line: Option<String>,
    columns: Vec<Column>,
    properties: Vec<SeedProperty>,
    members: Vec<String>,
    kind: SeedKind,
}

/// Where the parser is inside a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Prose, headings, `Type:` lines.
    Text,
    /// Inside a property table; `open` is true while a row of a flagged table awaits its flags.
    Table { open: bool },
    /// After `Supported values:`.
    Members,
}

#[derive(Debug)]
struct Parser {
    kind: SeedKind,
    mode: Mode,
    section: Option<Section>,
    previous_blank: bool,
    done: Vec<SeedType>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            kind: SeedKind::Resource,
            mode: Mode::Text,
            section: None,
            previous_blank: true,
            done: Vec::new(),
        }
    }
}

impl Parser {
    /// Handles one line; returns false once the type sections are over.
    fn line(&mut self, number: usize, line: &str) -> bool {
        let blank = line.trim().is_empty();
        let keep_going = match self.mode {
            Mode::Table { open } => {
                self.table_line(number, line, open);
                true
            }
            Mode::Members => {
                self.member_line(number, line);
                true
            }
            Mode::Text => self.text_line(number, line),
        };
        self.previous_blank = blank;
        keep_going
    }

    fn text_line(&mut self, number: usize, line: &str) -> bool {
        let trimmed = line.trim();
        match trimmed {
            "Complex types" => {
                self.close_section();
                self.kind = SeedKind::Complex;
                return true;
            }
            "Enumerations" => {
                self.close_section();
                self.kind = SeedKind::Enum;
                return true;
            }
            "OData query parameters" => {
                self.close_section();
                return false;
            }
            _ => {}
        }
        if let Some(columns) = table_header(trimmed) {
            if let Some(section) = self.section.as_mut()
                && section.properties.is_empty()
            {
                section.columns = columns;
                self.mode = Mode::Table { open: false };
            }
        } else if let Some(rest) = trimmed.strip_prefix("Type:") {
            if let Some(section) = self.section.as_mut() {
                section.type_line = Some(strip_namespace(rest.trim()).to_owned());
            }
        } else if let Some(rest) = trimmed.strip_prefix("Base type:") {
            if let Some(section) = self.section.as_mut() {
                section.base_line = Some(strip_namespace(rest.trim()).to_owned());
            }
        } else if trimmed == "Supported values:" {
            if self.section.is_some() {
                self.mode = Mode::Members;
            }
        } else if self.previous_blank
            && let Some(name) = heading(trimmed)
        {
            self.close_section();
            self.section = Some(Section {
                name: name.to_owned(),
                line: number,
                type_line: None,
                base_line: None,
                columns: Vec::new(),
                properties: Vec::new(),
                members: Vec::new(),
                kind: self.kind,
            });
        }
        true
    }

    fn table_line(&mut self, number: usize, line: &str, open: bool) {
        let Some(section) = self.section.as_mut() else {
            self.mode = Mode::Text;
            return;
        };
        let flagged = !section.columns.is_empty();
        let trimmed = line.trim();
        if open {
            // A row of a flagged table runs until a line that ends with its flags.
            let Some(row) = section.properties.last_mut() else {
                self.mode = Mode::Text;
                return;
            };
            match split_flags(trimmed, &section.columns) {
                Some((text, flags)) => {
                    push_description(&mut row.description, text);
                    apply_flags(row, &section.columns, &flags);
                    self.mode = Mode::Table { open: false };
                }
                None => push_description(&mut row.description, trimmed),
            }
            return;
        }
        if trimmed.is_empty() {
            // Rows follow each other without blank lines; a blank line ends the table.
            self.mode = Mode::Text;
            return;
        }
        if let Some((name, doc_type, rest)) = row_start(trimmed) {
            let mut row = SeedProperty {
                name: name.to_owned(),
                doc_type,
                description: String::new(),
                writable: None,
                filterable: None,
                searchable: None,
                line: number,
            };
            let mut still_open = false;
            if flagged {
                match split_flags(rest, &section.columns) {
                    Some((text, flags)) => {
                        push_description(&mut row.description, text);
                        apply_flags(&mut row, &section.columns, &flags);
                    }
                    None => {
                        push_description(&mut row.description, rest);
                        still_open = true;
                    }
                }
            } else {
                push_description(&mut row.description, rest);
            }
            section.properties.push(row);
            self.mode = Mode::Table { open: still_open };
        } else if flagged {
            // Not a row and no row open: the table is over, the line is prose.
            self.mode = Mode::Text;
            self.text_line(number, line);
        } else if let Some(row) = section.properties.last_mut() {
            // Tables without flags continue a description on the following lines.
            push_description(&mut row.description, trimmed);
        }
    }

    fn member_line(&mut self, number: usize, line: &str) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return;
        }
        match (trimmed.strip_prefix('•'), self.section.as_mut()) {
            (Some(member), Some(section)) => section.members.push(member.trim().to_owned()),
            _ => {
                self.mode = Mode::Text;
                self.text_line(number, line);
            }
        }
    }

    fn close_section(&mut self) {
        self.mode = Mode::Text;
        let Some(section) = self.section.take() else {
            return;
        };
        if section.properties.is_empty() && section.members.is_empty() {
            return;
        }
        let mut properties = section.properties;
        for row in &mut properties {
            let kept = row.description.trim_end().len();
            row.description.truncate(kept);
        }
        let base_type = match (section.base_line, section.type_line) {
            (Some(base), _) => Some(base),
            (None, Some(named)) if named != section.name => Some(named),
            _ => None,
        };
        self.done.push(SeedType {
            name: section.name,
            kind: section.kind,
            base_type,
            columns: section.columns,
            properties,
            members: section.members,
            line: section.line,
        });
    }

    fn finish(mut self) -> Vec<SeedType> {
        self.close_section();
        self.done
    }
}

/// `Property Type Description [Writable?] [Filterable?] [Searchable?]` → the flag columns.
fn table_header(line: &str) -> Option<Vec<Column>> {
    let rest = line.strip_prefix("Property Type Description")?;
    rest.split_whitespace()
        .map(|word| match word {
            "Writable?" => Some(Column::Writable),
            "Filterable?" => Some(Column::Filterable),
            "Searchable?" => Some(Column::Searchable),
            _ => None,
        })
        .collect()
}

/// A heading is a capitalised word alone on its line, optionally `Old / New` or `Name (preview)`;
/// returns the (new) type name.
fn heading(line: &str) -> Option<&str> {
    let line = line.strip_suffix(" (preview)").unwrap_or(line);
    let name = match line.split_once(" / ") {
        Some((old, new)) if is_type_word(old) => new,
        Some(_) => return None,
        None => line,
    };
    (is_type_word(name) && !CALLOUTS.contains(&name)).then_some(name)
}

/// A capitalised identifier such as `MailFolder`.
fn is_type_word(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Splits a row start into (name, normalised type, rest of the line), or `None` when the line does
/// not start with a property name followed by something that reads as a type.
fn row_start(line: &str) -> Option<(&str, String, &str)> {
    let (name, rest) = split_word(line)?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let (first, after_first) = split_word(rest)?;
    let (doc_type, description) = if first == "A" {
        let (second, after) = split_word(after_first)?;
        if second != "collection" {
            return None;
        }
        ("A collection".to_owned(), after)
    } else if first == "Collection" {
        let (element, after) = split_word(after_first)?;
        let inner = element.strip_prefix('(')?.strip_suffix(')')?;
        (format!("Collection({inner})"), after)
    } else if let Some(inner) = first
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        (format!("Collection({inner})"), after_first)
    } else if is_doc_type(first) {
        (first.to_owned(), after_first)
    } else {
        return None;
    };
    if description.trim().is_empty() {
        return None;
    }
    Some((name, doc_type, description.trim()))
}

/// `String`, `Edm.Guid`, `PhysicalAddress`, or a lower-case primitive such as `boolean`.
fn is_doc_type(word: &str) -> bool {
    let bare = word.strip_prefix("Edm.").unwrap_or(word);
    is_type_word(bare) || LOWERCASE_PRIMITIVES.contains(&word)
}

/// The first whitespace-separated word and the rest of the line after it.
fn split_word(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    Some(match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest),
        None => (text, ""),
    })
}

/// If `line` ends with one flag per column, returns the text before them and the flags.
fn split_flags<'a>(line: &'a str, columns: &[Column]) -> Option<(&'a str, Vec<&'a str>)> {
    let mut end = line.len();
    let mut flags = Vec::with_capacity(columns.len());
    for _ in columns {
        let head = line[..end].trim_end();
        let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &head[start..];
        if !matches!(word, "Yes" | "No" | "Default") {
            return None;
        }
        flags.push(word);
        end = start;
    }
    flags.reverse();
    Some((line[..end].trim_end(), flags))
}

fn apply_flags(row: &mut SeedProperty, columns: &[Column], flags: &[&str]) {
    for (column, flag) in columns.iter().zip(flags) {
        match column {
            Column::Writable => row.writable = yes_no(flag),
            Column::Filterable => row.filterable = yes_no(flag),
            Column::Searchable => {
                row.searchable = match *flag {
                    "Yes" => Some(Searchable::Yes),
                    "No" => Some(Searchable::No),
                    "Default" => Some(Searchable::Default),
                    _ => None,
                }
            }
        }
    }
}

fn yes_no(flag: &str) -> Option<bool> {
    match flag {
        "Yes" => Some(true),
        "No" => Some(false),
        _ => None,
    }
}

/// Appends a description line; an empty line between paragraphs is kept as one empty line.
fn push_description(description: &mut String, line: &str) {
    if line.is_empty() {
        if !description.is_empty() && !description.ends_with('\n') {
            description.push('\n');
        }
        return;
    }
    if !description.is_empty() {
        description.push('\n');
    }
    description.push_str(line);
}

fn strip_namespace(name: &str) -> &str {
    name.strip_prefix(NAMESPACE_PREFIX).unwrap_or(name)
}

#[cfg(test)]
mod tests;
