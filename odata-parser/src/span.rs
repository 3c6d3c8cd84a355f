//! Byte spans into the text a node was parsed from.

use std::fmt;

/// A half-open byte range `start..end` into the text a node or error came from.
///
/// Spans compare structurally. AST nodes store theirs in a [`NodeSpan`], which
/// never takes part in equality, so two ASTs parsed from differently spelled
/// inputs compare equal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span that points nowhere, for nodes built in code rather than parsed.
    pub const NONE: Span = Span { start: 0, end: 0 };

    /// Creates a span from `start` to `end`.
    #[must_use]
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// Creates a span from `usize` offsets, saturating at `u32::MAX`.
    #[must_use]
    pub fn from_range(range: std::ops::Range<usize>) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span::new(clamp(range.start), clamp(range.end))
    }

    /// The span as a `usize` range, for slicing the source text.
    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    #[must_use]
    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both `self` and `other`.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Moves the span `by` bytes to the right, e.g. from an option value into the whole query.
    #[must_use]
    pub const fn shift(self, by: u32) -> Span {
        Span::new(self.start.saturating_add(by), self.end.saturating_add(by))
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// The span stored in an AST node.
///
/// It is a [`Span`] that is equal to every other `NodeSpan` and hashes to nothing,
/// so spans never break AST equality: `parse(print(ast)) == ast` holds even though
/// the printed text places nodes at other offsets.
#[derive(Clone, Copy, Default)]
pub struct NodeSpan(pub Span);

impl NodeSpan {
    /// The span of a node built in code rather than parsed.
    pub const NONE: NodeSpan = NodeSpan(Span::NONE);
}

impl PartialEq for NodeSpan {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for NodeSpan {}

impl std::hash::Hash for NodeSpan {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

impl fmt::Debug for NodeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<Span> for NodeSpan {
    fn from(span: Span) -> Self {
        NodeSpan(span)
    }
}

impl From<NodeSpan> for Span {
    fn from(span: NodeSpan) -> Self {
        span.0
    }
}

/// A node that knows where it came from.
pub trait Spanned {
    /// The byte span of this node in the text it was parsed from.
    fn span(&self) -> Span;
}

impl Spanned for Span {
    fn span(&self) -> Span {
        *self
    }
}

impl Spanned for NodeSpan {
    fn span(&self) -> Span {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_spans_never_differ() {
        assert_eq!(NodeSpan(Span::new(1, 2)), NodeSpan(Span::new(5, 9)));
        assert_ne!(Span::new(1, 2), Span::new(5, 9));
    }

    #[test]
    fn to_covers_both() {
        assert_eq!(Span::new(4, 6).to(Span::new(1, 2)), Span::new(1, 6));
        assert_eq!(Span::new(4, 6).shift(10), Span::new(14, 16));
        assert_eq!(Span::from_range(3..3).len(), 0);
        assert!(Span::from_range(3..3).is_empty());
    }
}
