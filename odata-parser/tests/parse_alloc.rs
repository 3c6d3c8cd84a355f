//! Parsing allocates the syntax tree and nothing else: for each filter, the number of
//! allocations equals the number of heap blocks in the tree it returns, nothing is
//! freed on the way (no temporary buffers, no discarded alternatives), and memory
//! left after dropping the tree is what it was before.
//!
//! A dedicated test binary without the test harness (`harness = false`): it installs
//! a counting global allocator and the counts are process-wide, so no other thread
//! (such as libtest's) may allocate while it measures. A failed check panics, which
//! fails the test.

use std::alloc::System;
use std::borrow::Cow;

use odata_parser::ast::{
    CaseArm, EnumLiteral, Expr, ExprKind, InList, KeyPredicate, KeyValues, Lambda, Literal,
    MemberPath, NamedArg, PathRoot, PathSegmentKind, QualifiedName,
};
use odata_parser::parse_filter;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[path = "common/filters.rs"]
mod filters;

/// Filters beyond the seeds and the composite's parts: escaped quotes, keys in a path,
/// `isof`, function calls with aliases, JSON arrays, `$filter` path segments.
const MORE_FILTERS: &[&str] = &[
    "Name eq 'O''Neil' and Items(OrderID=1,ItemID='a')/Price gt -2.5 and isof(Ns.Type)",
    "Model.PhoneticallySimilar(Word1=Name,Word2=@p)/Value eq [\"a\",1] and Tags/$filter(@this eq 'x')/any()",
];

/// Every filter the test parses.
fn filters() -> impl Iterator<Item = &'static str> {
    filters::SEED_FILTERS
        .iter()
        .chain(filters::COMPOSITE_PARTS)
        .chain(MORE_FILTERS)
        .copied()
}

fn main() {
    parsing_allocates_only_the_tree();
    println!(
        "parse_alloc: {} filters allocate exactly their trees' heap blocks",
        filters().count()
    );
}

fn parsing_allocates_only_the_tree() {
    for filter in filters() {
        let region = Region::new(GLOBAL);
        let tree = parse_filter(filter).expect("the filter parses");
        let during = region.change();
        let blocks = expr(&tree);
        drop(tree);
        let after = region.change();
        assert_eq!(
            during.allocations, blocks,
            "{filter}: {} allocations for a tree of {blocks} heap blocks",
            during.allocations
        );
        assert_eq!(during.deallocations, 0, "{filter}: freed while parsing");
        assert_eq!(
            after.bytes_allocated + after.bytes_reallocated.max(0) as usize,
            after.bytes_deallocated,
            "{filter}: memory left after dropping the tree"
        );
    }
}

// Heap blocks of a tree: one per Box, per non-empty vector or boxed slice, per owned string.

#[allow(clippy::ptr_arg)] // the point is to look at the Cow, not the str
fn text(s: &Cow<'_, str>) -> usize {
    usize::from(matches!(s, Cow::Owned(o) if o.capacity() > 0))
}

#[allow(clippy::ptr_arg)] // the capacity tells whether there is a block
fn vec_block<T>(v: &Vec<T>) -> usize {
    usize::from(v.capacity() > 0)
}

fn qualified(q: &QualifiedName<'_>) -> usize {
    text(&q.text)
}

fn expr(e: &Expr<'_>) -> usize {
    match &e.kind {
        ExprKind::Literal(l) => literal(l),
        ExprKind::Array(items) => vec_block(items) + items.iter().map(expr).sum::<usize>(),
        ExprKind::Object(members) => {
            vec_block(members)
                + members
                    .iter()
                    .map(|(k, v)| text(k) + expr(v))
                    .sum::<usize>()
        }
        ExprKind::Path(p) => path(p),
        ExprKind::Call(c) => vec_block(&c.args) + c.args.iter().map(expr).sum::<usize>(),
        ExprKind::Case(arms) => {
            vec_block(arms)
                + arms
                    .iter()
                    .map(|CaseArm { condition, value }| expr(condition) + expr(value))
                    .sum::<usize>()
        }
        ExprKind::IsOf { expr: x, ty } | ExprKind::Cast { expr: x, ty } => {
            x.as_ref().map_or(0, |x| 1 + expr(x)) + 1 + qualified(&ty.name)
        }
        ExprKind::Unary { operand, .. } => 1 + expr(operand),
        ExprKind::Binary { operands, .. } => 1 + expr(&operands.0) + expr(&operands.1),
        ExprKind::In { operand, list } => {
            1 + expr(operand)
                + match list {
                    InList::List(items) => vec_block(items) + items.iter().map(expr).sum::<usize>(),
                    InList::Expr(x) => 1 + expr(x),
                }
        }
    }
}

fn literal(l: &Literal<'_>) -> usize {
    match l {
        Literal::Null | Literal::Boolean(_) | Literal::Integer(_) => 0,
        Literal::Decimal(s)
        | Literal::Double(s)
        | Literal::String(s)
        | Literal::Guid(s)
        | Literal::Date(s)
        | Literal::DateTimeOffset(s)
        | Literal::TimeOfDay(s)
        | Literal::Duration(s)
        | Literal::Binary(s) => text(s),
        Literal::Enum(e) => {
            let EnumLiteral { ty, members } = &**e;
            1 + ty.as_ref().map_or(0, qualified)
                + vec_block(members)
                + members.iter().map(text).sum::<usize>()
        }
        Literal::Geo(g) => 1 + text(&g.text),
    }
}

fn path(p: &MemberPath<'_>) -> usize {
    let root = match &p.root {
        PathRoot::Alias(a) => text(a),
        _ => 0,
    };
    let mut n = root + usize::from(!p.segments.is_empty());
    for s in &p.segments {
        n += match &s.kind {
            PathSegmentKind::Member { name, key } => {
                text(name) + key.as_ref().map_or(0, |k| 1 + key_predicate(k))
            }
            PathSegmentKind::TypeCast(q) => qualified(q),
            PathSegmentKind::Function { name, args } => 1 + qualified(name) + named_args(args),
            PathSegmentKind::Annotation(a) => {
                1 + qualified(&a.term) + a.qualifier.as_ref().map_or(0, text)
            }
            PathSegmentKind::Count(options) => {
                assert!(options.is_empty(), "options of $count are not counted here");
                0
            }
            PathSegmentKind::Filter(x) => 1 + expr(x),
            PathSegmentKind::Any(l) => l.as_ref().map_or(0, |l| 1 + lambda(l)),
            PathSegmentKind::All(l) => 1 + lambda(l),
            PathSegmentKind::Key(k) => key_predicate(k),
        };
    }
    n
}

fn lambda(l: &Lambda<'_>) -> usize {
    text(&l.variable) + 1 + expr(&l.predicate)
}

fn key_predicate(k: &KeyPredicate<'_>) -> usize {
    match &k.values {
        KeyValues::Single(x) => 1 + expr(x),
        KeyValues::Named(args) => named_args(args),
    }
}

#[allow(clippy::ptr_arg)]
fn named_args(args: &Vec<NamedArg<'_>>) -> usize {
    vec_block(args)
        + args
            .iter()
            .map(|a| text(&a.name) + expr(&a.value))
            .sum::<usize>()
}
