//! Bounded recursion and linear time.
//!
//! Deep nesting fails with `TooDeep` instead of overflowing the stack, also in a
//! debug build on a 2 MB thread stack; long operator chains parse iteratively.

use std::time::{Duration, Instant};

use odata_parser::{ParseErrorKind, ParseOptions, QueryOptions};

/// Runs `f` on a thread with a 2 MB stack (the size of a test thread), so a debug
/// build would overflow if nesting were not bounded.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

fn assert_too_deep(text: &str, r: Result<(), odata_parser::ParseError>) {
    let err = r.expect_err("nesting beyond the limit must fail");
    let limit = ParseOptions::DEFAULT_MAX_DEPTH;
    assert!(
        matches!(err.kind(), ParseErrorKind::TooDeep { limit: l } if *l == limit),
        "{}: {err}",
        &text[..text.len().min(40)]
    );
    assert!(err.span().end as usize <= text.len());
}

/// Nested constructs of each kind, `n` levels deep: (entry point, text).
fn nested(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("filter", format!("{}a{}", "(".repeat(n), ")".repeat(n))),
        ("filter", format!("{}a", "not ".repeat(n))),
        ("filter", format!("{}a", "-".repeat(n))),
        ("filter", format!("{}1{}", "[".repeat(n), "]".repeat(n))),
        (
            "filter",
            format!("{}1{}", "length(".repeat(n), ")".repeat(n)),
        ),
        (
            "filter",
            format!("a{}true{}", "/any(x:x".repeat(n), ")".repeat(n)),
        ),
        (
            "filter",
            format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n)),
        ),
        ("filter", format!("{}1{}", "F(a=".repeat(n), ")".repeat(n))),
        (
            "filter",
            format!("{}1{}", "a in (".repeat(n), ")".repeat(n)),
        ),
        (
            "filter",
            format!(
                "geo.length(geography'SRID=0;{}Point(1 2){}')",
                "GeometryCollection(".repeat(n),
                ")".repeat(n)
            ),
        ),
        ("search", format!("{}a{}", "(".repeat(n), ")".repeat(n))),
        ("search", format!("{}a", "NOT ".repeat(n))),
        (
            "expand",
            format!("a{}{}", "($expand=a".repeat(n), ")".repeat(n)),
        ),
        (
            "query",
            format!("$filter={}a{}", "%28".repeat(n), "%29".repeat(n)),
        ),
    ]
}

fn parse(entry: &str, text: &str) -> Result<(), odata_parser::ParseError> {
    match entry {
        "filter" => odata_parser::parse_filter(text).map(|_| ()),
        "search" => odata_parser::parse_search(text).map(|_| ()),
        "expand" => odata_parser::parse_expand(text).map(|_| ()),
        _ => QueryOptions::parse(text, &ParseOptions::strict()).map(|_| ()),
    }
}

#[test]
fn five_thousand_nested_constructs_fail_cleanly() {
    on_small_stack(|| {
        for (entry, text) in nested(5000) {
            assert_too_deep(&text, parse(entry, &text));
        }
    });
}

#[test]
fn the_default_limit_fits_a_small_stack_in_every_construct() {
    on_small_stack(|| {
        // At the limit, every construct parses (or fails for another reason) without
        // overflowing a 2 MB stack, even unoptimized.
        let depth = ParseOptions::DEFAULT_MAX_DEPTH as usize - 2;
        for (entry, text) in nested(depth) {
            if let Err(e) = parse(entry, &text) {
                assert!(
                    !matches!(e.kind(), ParseErrorKind::TooDeep { .. }),
                    "{entry} {}: {e}",
                    &text[..40.min(text.len())]
                );
            }
        }
        let ok = format!("{}a eq 1{}", "(".repeat(depth), ")".repeat(depth));
        assert!(odata_parser::parse_filter(&ok).is_ok());
        // the limit is configurable
        let opts = ParseOptions::strict().with_max_depth(3);
        assert!(odata_parser::parse_filter_with("(((a)))", &opts).is_ok());
        assert!(odata_parser::parse_filter_with("((((a))))", &opts).is_err());
    });
}

/// A sanity check against quadratic behaviour only; the real figures are the criterion
/// benches. The bound is generous so a loaded 2-core CI machine does not flake.
#[test]
fn twenty_thousand_clause_or_chain_parses_in_linear_time() {
    let clause = "Name eq 'x' or ";
    let text = format!("{}Name eq 'x'", clause.repeat(19_999));
    let start = Instant::now();
    let e = odata_parser::parse_filter(&text).unwrap();
    let elapsed = start.elapsed();
    assert!(
        elapsed < Duration::from_secs(2),
        "20,000 clauses took {elapsed:?}"
    );
    // left-associative: the chain's depth is on the left spine, built in a loop
    let mut depth = 0;
    let mut node = &e;
    while let odata_parser::ast::ExprKind::Binary {
        op: odata_parser::ast::BinaryOp::Or,
        operands,
    } = &node.kind
    {
        node = &operands.0;
        depth += 1;
    }
    assert_eq!(depth, 19_999);
    // printing, showing and dropping such a tree must not recurse per clause either
    // (this runs on a 2 MB test thread, unoptimized in a debug build)
    assert_eq!(e.to_string(), text);
    assert!(odata_parser::Tree(&e).to_string().starts_with("(or@0.."));
    drop(e);
    let words = "w ".repeat(20_000);
    let s = odata_parser::parse_search(words.trim_end()).unwrap();
    assert_eq!(s.to_string().len(), "w AND ".len() * 19_999 + 1);
    drop(s);
}
