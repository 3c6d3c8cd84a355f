//! Where model nodes came from: the loaded documents and line:column lookup.
//!
//! Spans of model nodes are offsets into one global coordinate space: each
//! loaded document occupies its own range (`base..base + len`), so a plain
//! [`Span`] identifies both the document and the bytes in it.

use std::fmt;
use std::sync::Arc;

use super::ids::DocumentId;
use crate::span::Span;

/// A line and column in a loaded document (both 1-based; the column counts UTF-8 bytes).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Location {
    /// The document's URI or name as given to the loader.
    pub document: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in bytes from the start of the line.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.document, self.line, self.column)
    }
}

/// One loaded document.
#[derive(Clone, Debug)]
pub struct SourceDocument {
    /// The URI or name the document was loaded under.
    pub uri: Arc<str>,
    /// Global offset of the document's first byte.
    pub base: u32,
    /// Length in bytes.
    pub len: u32,
    line_starts: Vec<u32>,
}

impl SourceDocument {
    /// Maps a byte offset inside this document to line and column.
    #[must_use]
    pub fn line_column(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        (
            line.saturating_add(1),
            offset.saturating_sub(start).saturating_add(1),
        )
    }
}

/// The documents a model was read from.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    documents: Vec<SourceDocument>,
    next_base: u32,
}

impl SourceMap {
    /// Registers a document, returning its id and global base offset, or `None`
    /// when the documents together pass 4 GiB.
    pub(crate) fn add(&mut self, uri: &str, text: &str) -> Option<(DocumentId, u32)> {
        let len = u32::try_from(text.len()).ok()?;
        let base = self.next_base;
        self.next_base = base.checked_add(len)?.checked_add(1)?;
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        let id = DocumentId::from_index(self.documents.len());
        self.documents.push(SourceDocument {
            uri: Arc::from(uri),
            base,
            len,
            line_starts,
        });
        Some((id, base))
    }

    /// The documents in load order (the first is the main document).
    #[must_use]
    pub fn documents(&self) -> &[SourceDocument] {
        &self.documents
    }

    /// The document with id `id`.
    #[must_use]
    pub fn document(&self, id: DocumentId) -> Option<&SourceDocument> {
        self.documents.get(id.index())
    }

    /// The document a global offset falls into.
    #[must_use]
    pub fn document_at(&self, offset: u32) -> Option<(DocumentId, &SourceDocument)> {
        let i = match self.documents.binary_search_by_key(&offset, |d| d.base) {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let doc = self.documents.get(i)?;
        (offset <= doc.base.saturating_add(doc.len)).then(|| (DocumentId::from_index(i), doc))
    }

    /// Line and column of the start of `span`.
    #[must_use]
    pub fn locate(&self, span: Span) -> Option<Location> {
        let (_, doc) = self.document_at(span.start)?;
        let (line, column) = doc.line_column(span.start - doc.base);
        Some(Location {
            document: doc.uri.clone(),
            line,
            column,
        })
    }
}
