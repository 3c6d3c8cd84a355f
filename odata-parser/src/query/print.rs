//! The canonical printer: `Display` on every syntax-tree node.
//!
//! `Display` writes the decoded canonical form: lowercase keywords, no optional
//! whitespace, the fewest parentheses the operator precedence needs, and canonical
//! literals (`'O''Neil'`, `duration'P1D'`, `true`). Parsing the output gives an
//! equal tree. [`ToUrlString::to_url_string`] writes the same text percent-encoded
//! for a URL.
//!
//! This file holds the printer state and the `Display`/[`ToUrlString`] impls;
//! `print/expr.rs` prints expressions, literals and paths, `print/options.rs`
//! the query options.

use std::fmt::{self, Display};

use super::ast::*;
use super::query_options::QueryOptions;
use super::resource::{ODataUri, ResourcePath};

mod expr;
mod options;

/// Where printed text goes, and whether to percent-encode it for a URL.
pub(crate) struct Printer<'o> {
    pub(crate) out: &'o mut dyn fmt::Write,
    pub(crate) url: bool,
    pub(crate) path: bool,
}

impl Printer<'_> {
    /// Grammar text: keywords, punctuation, names.
    pub(crate) fn syntax(&mut self, s: &str) -> fmt::Result {
        if self.url {
            encode(self.out, s, false, false)
        } else {
            self.out.write_str(s)
        }
    }

    /// Literal content: strings, search words, option values.
    pub(crate) fn text(&mut self, s: &str) -> fmt::Result {
        if self.url {
            encode(self.out, s, true, self.path)
        } else {
            self.out.write_str(s)
        }
    }

    /// A custom option name: like [`Printer::text`], and `=` (which would end the name) too.
    pub(crate) fn name_text(&mut self, s: &str) -> fmt::Result {
        if !self.url {
            return self.out.write_str(s);
        }
        for (n, part) in s.split('=').enumerate() {
            if n > 0 {
                self.out.write_str("%3D")?;
            }
            encode(self.out, part, true, self.path)?;
        }
        Ok(())
    }

    pub(crate) fn ch(&mut self, c: char) -> fmt::Result {
        let mut buf = [0u8; 4];
        self.syntax(c.encode_utf8(&mut buf))
    }
}

/// Percent-encodes the bytes that cannot stand in a URL query (and, for `text`, `;`,
/// which separates nested options; in a path also `/` and `?`).
fn encode(out: &mut dyn fmt::Write, s: &str, text: bool, path: bool) -> fmt::Result {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let needs = !(0x21..0x7f).contains(&b)
            || matches!(
                b,
                b'"' | b'#'
                    | b'%'
                    | b'&'
                    | b'+'
                    | b'<'
                    | b'>'
                    | b'['
                    | b'\\'
                    | b']'
                    | b'^'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
            )
            || (text && b == b';')
            || (path && (b == b'/' || b == b'?'));
        if needs {
            if last < i {
                out.write_str(&s[last..i])?;
            }
            write!(out, "%{b:02X}")?;
            last = i + 1;
        }
    }
    if last < s.len() {
        out.write_str(&s[last..])?;
    }
    Ok(())
}

/// A node that the canonical printer can write.
pub(crate) trait Print {
    fn print(&self, p: &mut Printer<'_>) -> fmt::Result;
}

/// Prints nodes in their percent-encoded URL form.
pub trait ToUrlString {
    /// The canonical form, percent-encoded for a URL query (or path).
    fn to_url_string(&self) -> String;
}

/// `Display` and [`ToUrlString`] through [`Print`]; `path` for nodes that print a
/// resource path (where `/` and `?` in text are encoded too).
macro_rules! display_via_print {
    (path: $path:literal; $($ty:ident),* $(,)?) => {
        $(
            impl Display for $ty<'_> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.print(&mut Printer { out: f, url: false, path: $path })
                }
            }
            impl ToUrlString for $ty<'_> {
                fn to_url_string(&self) -> String {
                    let mut s = String::new();
                    let _ = self.print(&mut Printer { out: &mut s, url: true, path: $path });
                    s
                }
            }
        )*
    };
}

display_via_print!(
    path: false;
    Expr,
    Literal,
    MemberPath,
    PathSegment,
    KeyPredicate,
    TypeName,
    QualifiedName,
    OrderbyItem,
    ComputeItem,
    SelectItem,
    SelectSegment,
    ExpandItem,
    SearchExpr,
    QueryOption,
    SystemQueryOption,
    QueryOptions,
    NamedArg,
    AnnotationName,
);

display_via_print!(path: true; ResourcePath, ODataUri);

/// Items separated by `sep`.
pub(crate) fn list<T: Print>(p: &mut Printer<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            p.syntax(sep)?;
        }
        item.print(p)?;
    }
    Ok(())
}

/// The options of a `$select`/`$expand` item or a `$count` segment: `(a;b)`, or
/// nothing if there are none.
fn nested_options(p: &mut Printer<'_>, options: &[QueryOption<'_>]) -> fmt::Result {
    if options.is_empty() {
        return Ok(());
    }
    p.ch('(')?;
    list(p, options, ";")?;
    p.ch(')')
}

/// `e`, in parentheses if `parens`.
fn wrapped<T: Print>(p: &mut Printer<'_>, e: &T, parens: bool) -> fmt::Result {
    if parens {
        p.ch('(')?;
        e.print(p)?;
        p.ch(')')
    } else {
        e.print(p)
    }
}

/// A node of a left-associative operator chain: binary operators and `in` in
/// expressions, `AND` and `OR` in `$search`.
trait Chain: Print + Sized {
    /// Binding strength; higher binds tighter.
    fn precedence(&self) -> u8;
    /// The left operand of an operator node, and the operator's precedence.
    fn left(&self) -> Option<(&Self, u8)>;
    /// Writes what follows the left operand of an operator node: the operator and
    /// the right operand.
    fn print_right(&self, p: &mut Printer<'_>) -> fmt::Result;
}

/// Prints an operator node with its left spine in a loop, so a chain of 20,000
/// `or`s needs no deeper stack than one.
fn print_chain<T: Chain>(e: &T, p: &mut Printer<'_>) -> fmt::Result {
    let mut spine = vec![e];
    while let Some((left, prec)) = spine.last().and_then(|n| n.left()) {
        if left.left().is_some() && left.precedence() >= prec {
            spine.push(left);
        } else {
            break;
        }
    }
    if let Some((left, prec)) = spine.last().and_then(|n| n.left()) {
        wrapped(p, left, left.precedence() < prec)?;
    }
    for node in spine.iter().rev() {
        node.print_right(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::query::grammar::testing::{verified, verified_as};

    #[test]
    fn canonical_round_trips() {
        verified("From/EmailAddress/Address eq 'hr@contoso.com'");
        verified("a or b and c");
        verified("(a or b) and c");
        verified("a sub (b sub c)");
        verified_as("-(1) add -x mul --1", "-(1) add -x mul -(-1)");
        verified("not (a eq b) and not c");
        verified("x in (1,2.5,'a') and y in [1,\"b\"] and z in (p or q)");
        verified("style has Sales.Pattern'Yellow,Red' and style has 'Blue'");
        verified("contains(tolower(Subject),'o''neil') and length(Body) gt 100");
        verified(
            "Products/any(p:p/Tags/all(t:t ne 'x')) and Items/$count($filter=Price gt 5) ge 1",
        );
        verified("$root/People('x')/Friends(1)/Name eq $it/Name and @alias/City eq $this");
        verified("Ns.Fn(a=1,b=@p)/Ns.Derived(2)/Prop eq null");
        verified("cast(Edm.Int32) eq isof(Address,Collection(Ns.Addr))");
        verified("case(a:1,true:2) eq geo.distance(P,geography'SRID=4326;Point(1 2)')");
        verified("{\"a\":[1,\"x\",null,{}],\"@odata.type\":\"Ns.T\"} eq []");
        verified(
            "d eq 2014-09-01 and t lt 08:00:00.5 and dt ge 2014-09-01T08:00:00+01:00 and g eq 01234567-89ab-cdef-0123-456789abcdef",
        );
        verified(
            "v eq duration'P1DT2H' and b eq binary'Zm9v' and n eq INF and m eq -INF and o eq NaN and f eq 1.5e-3",
        );
        verified_as(
            "Name EQ 'Milk' AND Price LT 2.55",
            "Name eq 'Milk' and Price lt 2.55",
        );
        verified_as("( ( a ) )", "a");
        verified_as("CONTAINS( a , 'b' )", "contains(a,'b')");
        verified_as("x in ( 1 , 2 )", "x in (1,2)");
        verified_as("+5 eq +1.0", "5 eq 1.0");
        verified_as(
            "Duration'P1D' eq Binary'Zg=='",
            "duration'P1D' eq binary'Zg=='",
        );
        verified_as("a/ANY( x : x eq 1 )", "a/any(x:x eq 1)");
    }
}
