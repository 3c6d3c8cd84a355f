//! Print → reparse → compare, and robustness on arbitrary input.
//!
//! - every positive ABNF case in scope: its canonical form (and its URL form) parses
//!   back to an equal syntax tree (spans do not take part in equality);
//! - generated syntax trees: `Display` and `to_url_string` parse back to the same tree;
//! - arbitrary strings: no panic, and error spans lie within the input.

use std::borrow::Cow;

use odata_parser::ast::*;
use odata_parser::{ODataUri, ParseOptions, QueryOptions, ToUrlString};
use odata_tests::{load_abnf_suite, percent_decode_mapped};
use proptest::prelude::*;

fn strict() -> ParseOptions {
    ParseOptions::strict()
}

/// Parses `$filter=<url form>` and returns the filter.
fn filter_via_url(e: &Expr<'_>) -> Expr<'static> {
    let raw = format!("$filter={}", e.to_url_string());
    let q = QueryOptions::parse(&raw, &strict())
        .unwrap_or_else(|err| panic!("{raw}: {err} at {}", err.offset()));
    q.into_owned().filter().cloned().expect("a filter")
}

fn check_expr(text: &str) {
    let e = odata_parser::parse_filter(text).unwrap_or_else(|err| panic!("{text:?}: {err}"));
    let printed = e.to_string();
    let again = odata_parser::parse_filter(&printed)
        .unwrap_or_else(|err| panic!("{text:?} printed as {printed:?}: {err}"));
    assert_eq!(e, again, "{text:?} printed as {printed:?}");
    assert_eq!(
        again.to_string(),
        printed,
        "printing is not stable for {text:?}"
    );
    assert_eq!(
        filter_via_url(&e),
        e,
        "{text:?} in URL form {:?}",
        e.to_url_string()
    );
}

#[test]
fn positive_abnf_cases_round_trip() {
    let suite = load_abnf_suite();
    let mut checked = 0;
    for case in suite.cases.iter().filter(|c| c.fail_at.is_none()) {
        let input = case.input.as_str();
        match case.rule.as_str() {
            "commonExpr" | "boolCommonExpr" | "boolcommonExpr" | "firstMemberExpr"
            | "propertyPathExpr" | "isofExpr" | "notExpr" => {
                check_expr(&percent_decode_mapped(input).0)
            }
            "anyExpr" => check_expr(&format!("x/{}", percent_decode_mapped(input).0)),
            "primitiveLiteral"
            | "boolean"
            | "binaryLiteral"
            | "guid"
            | "date"
            | "dateTimeOffsetLiteral"
            | "timeOfDayLiteral"
            | "stringLiteral"
            | "decimalLiteral"
            | "durationLiteral"
            | "enumLiteral" => {
                let text = percent_decode_mapped(input).0;
                let l = odata_parser::parse_literal(&text).unwrap();
                assert_eq!(
                    odata_parser::parse_literal(&l.to_string()).unwrap(),
                    l,
                    "{input:?}"
                );
            }
            r if r.starts_with("geography") || r.starts_with("geometry") => {
                let text = percent_decode_mapped(input).0;
                let l = odata_parser::parse_literal(&text).unwrap();
                assert_eq!(
                    odata_parser::parse_literal(&l.to_string()).unwrap(),
                    l,
                    "{input:?}"
                );
            }
            "queryOptions" | "filter" | "orderby" | "orderBy" | "select" | "expand" | "search"
            | "compute" | "skiptoken" | "deltatoken" | "systemQueryOption"
            | "customQueryOption" => {
                let Ok(q) = QueryOptions::parse(input, &strict()) else {
                    continue;
                };
                let url = q.to_url_string();
                let again = QueryOptions::parse(&url, &strict())
                    .unwrap_or_else(|e| panic!("{input:?} printed as {url:?}: {e}"));
                assert_eq!(q.options(), again.options(), "{input:?} printed as {url:?}");
                assert_eq!(
                    again.to_url_string(),
                    url,
                    "printing is not stable for {input:?}"
                );
            }
            "odataUri" | "odataRelativeUri" | "resourcePath" => {
                let parsed = if case.rule == "odataUri" {
                    ODataUri::parse(input)
                } else {
                    ODataUri::parse_relative(input, &strict())
                };
                let Ok(u) = parsed else { continue };
                let url = u.to_url_string();
                let again = if case.rule == "odataUri" {
                    ODataUri::parse(&url)
                } else {
                    ODataUri::parse_relative(&url, &strict())
                }
                .unwrap_or_else(|e| panic!("{input:?} printed as {url:?}: {e}"));
                assert_eq!(
                    u.resource().segments,
                    again.resource().segments,
                    "{input:?} printed as {url:?}"
                );
                assert_eq!(
                    u.query().map(QueryOptions::options),
                    again.query().map(QueryOptions::options),
                    "{input:?} printed as {url:?}"
                );
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked > 550, "only {checked} positive cases were checked");
}

// ---------------------------------------------------------------------------
// Generated syntax trees.

const RESERVED: &[&str] = &[
    "true",
    "false",
    "null",
    "inf",
    "nan",
    "not",
    "and",
    "or",
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "has",
    "in",
    "add",
    "sub",
    "mul",
    "div",
    "divby",
    "mod",
    "any",
    "all",
    "cast",
    "isof",
    "case",
    "duration",
    "binary",
    "geography",
    "geometry",
    "as",
    "asc",
    "desc",
];

fn ident() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_]{0,7}".prop_filter("not a keyword or function name", |s| {
        let lower = s.to_ascii_lowercase();
        !RESERVED.contains(&lower.as_str()) && CanonicalFunction::from_name(s).is_none()
    })
}

fn qualified() -> impl Strategy<Value = String> {
    (ident(), ident()).prop_map(|(a, b)| format!("{a}.{b}"))
}

fn owned(s: String) -> Cow<'static, str> {
    Cow::Owned(s)
}

fn qname(s: String) -> QualifiedName<'static> {
    QualifiedName {
        text: owned(s),
        span: odata_parser::NodeSpan::NONE,
    }
}

fn e(kind: ExprKind<'static>) -> Expr<'static> {
    Expr {
        kind,
        span: odata_parser::NodeSpan::NONE,
    }
}

fn key_literal() -> impl Strategy<Value = Literal<'static>> {
    prop_oneof![
        any::<i64>().prop_map(Literal::Integer),
        any::<bool>().prop_map(Literal::Boolean),
        "\\PC{0,6}".prop_map(|s| Literal::String(owned(s))),
        (1000u32..9999, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Literal::Date(owned(format!("{y}-{m:02}-{d:02}")))),
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            .prop_map(|s| Literal::Guid(owned(s))),
    ]
}

fn literal() -> impl Strategy<Value = Literal<'static>> {
    prop_oneof![
        Just(Literal::Null),
        key_literal(),
        ("-?[0-9]{1,5}", "[0-9]{1,4}")
            .prop_map(|(a, b)| Literal::Decimal(owned(format!("{a}.{b}")))),
        prop_oneof![
            ("-?[0-9]{1,3}", "[eE][+-]?[0-9]{1,3}").prop_map(|(a, b)| format!("{a}{b}")),
            Just("INF".to_owned()),
            Just("-INF".to_owned()),
            Just("NaN".to_owned()),
        ]
        .prop_map(|s| Literal::Double(owned(s))),
        (
            1000u32..9999,
            1u32..13,
            1u32..29,
            0u32..24,
            0u32..60,
            prop_oneof![
                Just("Z".to_owned()),
                Just("+01:00".to_owned()),
                Just("-05:30".to_owned())
            ]
        )
            .prop_map(
                |(y, mo, d, h, mi, z)| Literal::DateTimeOffset(owned(format!(
                    "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:00{z}"
                )))
            ),
        (0u32..24, 0u32..60, 0u32..60)
            .prop_map(|(h, m, s)| Literal::TimeOfDay(owned(format!("{h:02}:{m:02}:{s:02}")))),
        "-?P([0-9]{1,2}D)?(T[0-9]{1,2}H([0-9]{1,2}M)?)?".prop_map(|s| Literal::Duration(owned(s))),
        "([A-Za-z0-9_-]{4}){0,3}".prop_map(|s| Literal::Binary(owned(s))),
        (qualified(), prop::collection::vec(ident(), 1..3)).prop_map(|(t, m)| Literal::Enum(
            Box::new(EnumLiteral {
                ty: Some(qname(t)),
                members: m.into_iter().map(owned).collect()
            })
        )),
        (-90i32..90, -90i32..90).prop_map(|(a, b)| Literal::Geo(Box::new(GeoLiteral {
            kind: GeoKind::Geography,
            text: owned(format!("SRID=4326;Point({a} {b})"))
        }))),
    ]
}

fn key() -> impl Strategy<Value = KeyPredicate<'static>> {
    prop_oneof![
        key_literal().prop_map(|l| KeyValues::Single(Box::new(e(ExprKind::Literal(l))))),
        prop::collection::vec((ident(), key_literal()), 1..3).prop_map(|pairs| KeyValues::Named(
            pairs
                .into_iter()
                .map(|(n, l)| NamedArg {
                    name: owned(n),
                    value: e(ExprKind::Literal(l)),
                    span: odata_parser::NodeSpan::NONE
                })
                .collect()
        )),
    ]
    .prop_map(|values| KeyPredicate {
        values,
        span: odata_parser::NodeSpan::NONE,
    })
}

fn seg(kind: PathSegmentKind<'static>) -> PathSegment<'static> {
    PathSegment {
        kind,
        span: odata_parser::NodeSpan::NONE,
    }
}

/// A middle path segment (not a lambda or `$count`).
fn member_segment() -> impl Strategy<Value = Vec<PathSegment<'static>>> {
    prop_oneof![
        4 => ident().prop_map(|n| vec![seg(PathSegmentKind::Member { name: owned(n), key: None })]),
        1 => (ident(), key()).prop_map(|(n, k)| vec![seg(PathSegmentKind::Member { name: owned(n), key: Some(Box::new(k)) })]),
        1 => qualified().prop_map(|q| vec![seg(PathSegmentKind::TypeCast(qname(q)))]),
        1 => (qualified(), key_literal()).prop_map(|(q, l)| vec![
            seg(PathSegmentKind::TypeCast(qname(q))),
            seg(PathSegmentKind::Key(KeyPredicate { values: KeyValues::Single(Box::new(e(ExprKind::Literal(l)))), span: odata_parser::NodeSpan::NONE })),
        ]),
        1 => (qualified(), ident()).prop_map(|(t, q)| vec![seg(PathSegmentKind::Annotation(Box::new(AnnotationName { term: qname(t), qualifier: Some(owned(q)) })))]),
    ]
}

fn path(inner: BoxedStrategy<Expr<'static>>) -> impl Strategy<Value = Expr<'static>> {
    let root = prop_oneof![
        4 => Just(PathRoot::Implicit),
        1 => Just(PathRoot::It),
        1 => Just(PathRoot::This),
        1 => ident().prop_map(|a| PathRoot::Alias(owned(a))),
    ];
    let function = (
        qualified(),
        prop::collection::vec((ident(), inner.clone()), 0..3),
    )
        .prop_map(|(name, args)| {
            vec![seg(PathSegmentKind::Function {
                name: Box::new(qname(name)),
                args: args
                    .into_iter()
                    .map(|(n, v)| NamedArg {
                        name: owned(n),
                        value: v,
                        span: odata_parser::NodeSpan::NONE,
                    })
                    .collect(),
            })]
        });
    let middle = prop_oneof![4 => member_segment(), 1 => function];
    let last = prop_oneof![
        4 => Just(Vec::new()),
        1 => Just(vec![seg(PathSegmentKind::Count(Vec::new()))]),
        1 => Just(vec![seg(PathSegmentKind::Any(None))]),
        1 => (ident(), inner.clone()).prop_map(|(v, p)| vec![seg(PathSegmentKind::Any(Some(Box::new(Lambda { variable: owned(v), variable_span: odata_parser::NodeSpan::NONE, predicate: Box::new(p) }))))]),
        1 => (ident(), inner).prop_map(|(v, p)| vec![seg(PathSegmentKind::All(Box::new(Lambda { variable: owned(v), variable_span: odata_parser::NodeSpan::NONE, predicate: Box::new(p) })))]),
    ];
    (root, ident(), prop::collection::vec(middle, 0..3), last).prop_map(
        |(root, first, middle, last)| {
            let mut segments = Vec::new();
            if matches!(root, PathRoot::Implicit) {
                segments.push(seg(PathSegmentKind::Member {
                    name: owned(first),
                    key: None,
                }));
            }
            segments.extend(middle.into_iter().flatten());
            if matches!(root, PathRoot::Implicit) || !segments.is_empty() || last.is_empty() {
                segments.extend(last);
            }
            // a qualified name alone after an implicit root reads as an enum prefix or cast error
            e(ExprKind::Path(MemberPath {
                root,
                segments: segments.into(),
            }))
        },
    )
}

fn expr() -> impl Strategy<Value = Expr<'static>> {
    let leaf = prop_oneof![3 => literal().prop_map(|l| e(ExprKind::Literal(l))), 2 => ident().prop_map(|n| e(ExprKind::Path(MemberPath {
        root: PathRoot::Implicit,
        segments: Box::new([seg(PathSegmentKind::Member { name: owned(n), key: None })]),
    })))];
    leaf.prop_recursive(5, 48, 4, |inner| {
        let binop = prop::sample::select(vec![
            BinaryOp::Or, BinaryOp::And, BinaryOp::Eq, BinaryOp::Ne, BinaryOp::Gt, BinaryOp::Ge, BinaryOp::Lt, BinaryOp::Le,
            BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div, BinaryOp::DivBy, BinaryOp::Mod,
        ]);
        let function = prop::sample::select(CanonicalFunction::ALL.to_vec());
        let boxed = inner.clone().boxed();
        prop_oneof![
            4 => (binop, inner.clone(), inner.clone()).prop_map(|(op, a, b)| e(ExprKind::Binary { op, operands: Box::new((a, b)) })),
            1 => (inner.clone(), qualified(), prop::collection::vec(ident(), 1..3)).prop_map(|(a, t, m)| e(ExprKind::Binary {
                op: BinaryOp::Has,
                operands: Box::new((a, e(ExprKind::Literal(Literal::Enum(Box::new(EnumLiteral { ty: Some(qname(t)), members: m.into_iter().map(owned).collect() })))))),
            })),
            1 => (inner.clone(), any::<bool>()).prop_map(|(a, not)| e(ExprKind::Unary { op: if not { UnaryOp::Not } else { UnaryOp::Neg }, operand: Box::new(a) })),
            2 => (function, prop::collection::vec(inner.clone(), 3)).prop_map(|(f, mut args)| {
                args.truncate(f.arity().1);
                e(ExprKind::Call(CanonicalCall { function: f, args }))
            }),
            1 => (inner.clone(), prop::collection::vec(literal(), 0..3))
                .prop_map(|(a, l)| e(ExprKind::In { operand: Box::new(a), list: InList::List(l.into_iter().map(|l| e(ExprKind::Literal(l))).collect()) })),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| e(ExprKind::In { operand: Box::new(a), list: InList::Expr(Box::new(b)) })),
            2 => path(boxed),
            1 => prop::collection::vec(inner.clone(), 0..3).prop_map(|v| e(ExprKind::Array(v))),
            1 => prop::collection::vec(("\\PC{0,5}", inner.clone()), 0..3).prop_map(|v| e(ExprKind::Object(v.into_iter().map(|(k, x)| (owned(k), x)).collect()))),
            1 => prop::collection::vec((inner.clone(), inner.clone()), 1..3)
                .prop_map(|arms| e(ExprKind::Case(arms.into_iter().map(|(condition, value)| CaseArm { condition, value }).collect()))),
            1 => (prop::option::of(inner.clone()), qualified(), any::<bool>(), any::<bool>()).prop_map(|(x, t, collection, cast)| {
                let ty = Box::new(TypeName { name: qname(t), collection, span: odata_parser::NodeSpan::NONE });
                let expr = x.map(Box::new);
                e(if cast { ExprKind::Cast { expr, ty } } else { ExprKind::IsOf { expr, ty } })
            }),
        ]
    })
}

fn search() -> impl Strategy<Value = SearchExpr<'static>> {
    let word = "[A-Za-z0-9_.,:@!*$=+-][A-Za-z0-9_.,:@!*$=+'-]{0,6}"
        .prop_filter("not an operator", |w| {
            !matches!(w.as_str(), "AND" | "OR" | "NOT")
        })
        .prop_map(|w| SearchExprKind::Word(owned(w)));
    let phrase = "[^\"\\p{Cc}]{1,8}".prop_map(|p| SearchExprKind::Phrase(owned(p)));
    let leaf = prop_oneof![3 => word, 1 => phrase].prop_map(|kind| SearchExpr {
        kind,
        span: odata_parser::NodeSpan::NONE,
    });
    leaf.prop_recursive(4, 24, 2, |inner| {
        let s = |kind| SearchExpr {
            kind,
            span: odata_parser::NodeSpan::NONE,
        };
        prop_oneof![
            inner
                .clone()
                .prop_map(move |x| s(SearchExprKind::Not(Box::new(x)))),
            (inner.clone(), inner.clone())
                .prop_map(move |(a, b)| s(SearchExprKind::And(Box::new((a, b))))),
            (inner.clone(), inner).prop_map(move |(a, b)| s(SearchExprKind::Or(Box::new((a, b))))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn generated_expressions_round_trip(x in expr()) {
        let printed = x.to_string();
        let again = odata_parser::parse_filter(&printed).map_err(|err| TestCaseError::fail(format!("{printed:?}: {err} at {}", err.offset())))?;
        prop_assert_eq!(&again, &x, "printed as {:?}", printed);
        prop_assert_eq!(filter_via_url(&x), x);
    }

    #[test]
    fn generated_search_round_trips(x in search()) {
        let printed = x.to_string();
        let again = odata_parser::parse_search(&printed).map_err(|err| TestCaseError::fail(format!("{printed:?}: {err}")))?;
        prop_assert_eq!(&again, &x, "printed as {:?}", printed);
        let raw = format!("$search={}", x.to_url_string());
        let q = QueryOptions::parse(&raw, &strict()).map_err(|err| TestCaseError::fail(format!("{raw:?}: {err}")))?;
        prop_assert_eq!(q.search(), Some(&x));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,64}") {
        check_no_panic(&s);
    }

    #[test]
    fn odata_like_text_never_panics(s in "[a-zA-Z0-9 ()'\"$@/,.:=;&%+*#\\[\\]{}-]{0,48}") {
        check_no_panic(&s);
    }
}

/// Every entry point returns a value or an error whose span lies inside the input.
fn check_no_panic(s: &str) {
    fn within(text: &str, r: Result<(), odata_parser::ParseError>) {
        if let Err(e) = r {
            let span = e.span();
            assert!(
                span.start <= span.end && span.end as usize <= text.len(),
                "{text:?}: span {span:?} outside"
            );
            assert!(!e.to_string().is_empty());
        }
    }
    let url = format!("http://h/{s}");
    for opts in [ParseOptions::strict(), ParseOptions::lenient()] {
        within(s, odata_parser::parse_filter_with(s, &opts).map(|_| ()));
        within(s, odata_parser::parse_orderby_with(s, &opts).map(|_| ()));
        within(s, odata_parser::parse_select_with(s, &opts).map(|_| ()));
        within(s, odata_parser::parse_expand_with(s, &opts).map(|_| ()));
        within(s, odata_parser::parse_search_with(s, &opts).map(|_| ()));
        within(s, odata_parser::parse_compute_with(s, &opts).map(|_| ()));
        within(s, QueryOptions::parse(s, &opts).map(|_| ()));
        within(s, ODataUri::parse_relative(s, &opts).map(|_| ()));
        within(&url, ODataUri::parse_with(&url, &opts).map(|_| ()));
    }
    within(s, odata_parser::parse_literal(s).map(|_| ()));
    within(
        s,
        odata_parser::parse_primitive_value(s, odata_parser::ValueKind::Any).map(|_| ()),
    );
}

/// Inputs the fuzzer found (`fuzz/`), kept as regressions.
const FUZZ_FOUND: &[&str] = &[
    "e+$ame%3d9`sc&esmItems,N",
    "$orderby=InF&N%DC%A3ll@d_",
    "$filter=-inf%20eq%20nan",
];

#[test]
fn fuzz_regressions() {
    for raw in FUZZ_FOUND {
        let q = QueryOptions::parse(raw, &ParseOptions::lenient()).unwrap();
        let url = q.to_url_string();
        let again = QueryOptions::parse(&url, &strict()).unwrap();
        assert_eq!(q.options(), again.options(), "{raw:?} printed as {url:?}");
    }
}
