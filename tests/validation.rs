//! The validation corpus (`validation/cases.yaml`): requests with the diagnostics the
//! validator must report, exactly (codes and spans), under a profile and a model.
//!
//! A case is a mapping:
//! - `name`, and `seed: "004:290"` when it is an example request of a seed document;
//! - `model`: `outlook` (default, `generated-models/metadata/outlook-v2.0.xml`) or `graph`
//!   (`../shared/metadata/graph-v1.0-2026-07.csdl`, loaded once per test binary);
//! - `profile`: `outlook-v2` (default) or `standard`;
//! - `method` (default `GET`), `url`, `headers` (a list of `Name: value`);
//! - `expect`: the diagnostics in URL order, each `code@text` (the span is the first
//!   occurrence of `text` in the URL), `code@start..end`, or a mapping
//!   `{code, at, nth}` for a later occurrence; an empty list means the request is clean;
//! - `note`: why, where the expectation is not obvious.
//!
//! A second test scans seeds 000, 003 and 004 for example requests (a line that starts
//! with a method and an `https://` URL, or a bare `https://outlook…` URL, continuation lines
//! joined) and fails if one is not in the corpus.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use odata_parser::bind::{Method, Profile, Request, Validator};
use odata_parser::edm::Model;
use odata_tests::{Node, parse_yaml, shared_dir};

const CASES: &str = include_str!("validation/cases.yaml");
const OUTLOOK: &str = include_str!("../generated-models/metadata/outlook-v2.0.xml");
const SEEDS: [&str; 3] = [
    "000_99585460ec44fca4.txt",
    "003_06d8bdf94ff0148c.txt",
    "004_87b261e3011f6168.txt",
];

fn outlook() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::from_csdl_xml(OUTLOOK).expect("Outlook CSDL"))
}

fn graph() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let path = shared_dir().join("metadata/graph-v1.0-2026-07.csdl");
        let xml =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Model::from_csdl_xml(&xml).expect("Graph CSDL")
    })
}

#[derive(Debug)]
struct Case {
    name: String,
    seed: Option<String>,
    model: String,
    profile: String,
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    expect: Vec<(String, usize, usize)>,
}

fn text<'n>(n: &'n Node, key: &str) -> Option<&'n str> {
    n.get(key).and_then(Node::text)
}

fn nth_occurrence(url: &str, at: &str, nth: usize, name: &str) -> (usize, usize) {
    let mut from = 0;
    for i in 1..=nth {
        match url[from..].find(at) {
            Some(p) => {
                let start = from + p;
                if i == nth {
                    return (start, start + at.len());
                }
                from = start + 1;
            }
            None => break,
        }
    }
    panic!("case {name}: '{at}' (occurrence {nth}) is not in the URL {url}");
}

fn load() -> Vec<Case> {
    let root = parse_yaml(CASES).expect("cases.yaml parses");
    let Node::Seq(items) = root else {
        panic!("cases.yaml is a list")
    };
    items
        .iter()
        .map(|n| {
            let name = text(n, "name").expect("name").to_owned();
            let url = text(n, "url")
                .unwrap_or_else(|| panic!("{name}: url"))
                .to_owned();
            let headers = match n.get("headers") {
                Some(Node::Seq(hs)) => hs
                    .iter()
                    .map(|h| {
                        let h = h.text().expect("header text");
                        let (k, v) = h
                            .split_once(':')
                            .unwrap_or_else(|| panic!("{name}: header {h}"));
                        (k.trim().to_owned(), v.trim().to_owned())
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let expect = match n.get("expect") {
                Some(Node::Seq(es)) => es
                    .iter()
                    .map(|e| match e {
                        Node::Scalar(s) => {
                            let (code, at) =
                                s.split_once('@').unwrap_or_else(|| panic!("{name}: {s}"));
                            if let Some((a, b)) = at.split_once("..")
                                && let (Ok(a), Ok(b)) = (a.parse(), b.parse())
                            {
                                return (code.to_owned(), a, b);
                            }
                            let (a, b) = nth_occurrence(&url, at, 1, &name);
                            (code.to_owned(), a, b)
                        }
                        m => {
                            let code = text(m, "code").expect("code").to_owned();
                            let at = text(m, "at").expect("at");
                            let nth = text(m, "nth").map_or(1, |t| t.parse().expect("nth"));
                            let (a, b) = nth_occurrence(&url, at, nth, &name);
                            (code, a, b)
                        }
                    })
                    .collect(),
                Some(Node::Scalar(s)) if s == "[]" || s.is_empty() => Vec::new(),
                None => Vec::new(),
                Some(other) => panic!("{name}: expect must be a list, found {other:?}"),
            };
            Case {
                seed: text(n, "seed").map(str::to_owned),
                model: text(n, "model").unwrap_or("outlook").to_owned(),
                profile: text(n, "profile").unwrap_or("outlook-v2").to_owned(),
                method: text(n, "method").unwrap_or("GET").parse().expect("method"),
                url,
                headers,
                expect,
                name,
            }
        })
        .collect()
}

#[test]
fn corpus() {
    let cases = load();
    let mut validators: BTreeMap<(String, String), Validator<'static>> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut names = std::collections::BTreeSet::new();
    for case in &cases {
        assert!(
            names.insert(case.name.clone()),
            "duplicate case name {}",
            case.name
        );
        *counts
            .entry((case.model.clone(), case.profile.clone()))
            .or_default() += 1;
        let v = validators
            .entry((case.model.clone(), case.profile.clone()))
            .or_insert_with(|| {
                let model = match case.model.as_str() {
                    "outlook" => outlook(),
                    "graph" => graph(),
                    m => panic!("unknown model {m}"),
                };
                let profile = Profile::by_name(&case.profile).expect("profile");
                Validator::new(model).profile(profile)
            });
        let mut request = Request::new(case.method, &case.url);
        for (k, v) in &case.headers {
            request = request.header(k, v);
        }
        let report = v.validate(&request);
        let got: Vec<(String, usize, usize)> = report
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    d.span.start as usize,
                    d.span.end as usize,
                )
            })
            .collect();
        let mut want = case.expect.clone();
        want.sort_by_key(|(_, a, b)| (*a, *b));
        let mut got_sorted = got.clone();
        got_sorted.sort_by_key(|(_, a, b)| (*a, *b));
        if got_sorted != want {
            let show = |v: &[(String, usize, usize)]| {
                v.iter()
                    .map(|(c, a, b)| format!("{c}@{}", case.url.get(*a..*b).unwrap_or("?")))
                    .collect::<Vec<_>>()
            };
            failures.push(format!(
                "{}: {} {}\n  want {:?}\n  got  {:?}\n  {}",
                case.name,
                case.method,
                case.url,
                show(&want),
                show(&got_sorted),
                report
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}: {}", d.severity, d.code, d.message))
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
    println!("validation corpus: {} cases", cases.len());
    for ((model, profile), n) in &counts {
        println!("  {model:8} {profile:11} {n}");
    }
    let seeds = cases.iter().filter(|c| c.seed.is_some()).count();
    println!("  seed requests: {seeds}");
    assert!(
        cases.len() >= 200,
        "the corpus has {} cases, fewer than 200",
        cases.len()
    );
    let graph_cases = cases.iter().filter(|c| c.model == "graph").count();
    assert!(
        graph_cases >= 40,
        "{graph_cases} Graph cases, fewer than 40"
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The example requests of a seed document: `(line, method, url)`.
fn seed_requests(text: &str) -> Vec<(usize, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let (method, rest) = match line.split_once(' ') {
            Some((m, r))
                if ["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&m)
                    && r.starts_with("http") =>
            {
                (m.to_owned(), r.to_owned())
            }
            _ if line.starts_with("https://outlook") => ("GET".to_owned(), line.to_owned()),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut url = rest
            .strip_suffix(" HTTP/1.1")
            .unwrap_or(&rest)
            .trim_end()
            .to_owned();
        let start = i;
        // A URL broken over lines: continuation lines start with `$` or `&` after spaces.
        while let Some(next) = lines.get(i + 1) {
            let t = next.trim();
            if next.starts_with(char::is_whitespace)
                && (t.starts_with('$') || t.starts_with('&'))
                && (url.ends_with('?') || url.ends_with('&') || t.starts_with('&'))
            {
                url.push_str(t);
                i += 1;
            } else {
                break;
            }
        }
        out.push((start + 1, method, url));
        i += 1;
    }
    out
}

#[test]
fn every_seed_request_is_in_the_corpus() {
    let cases = load();
    let mut found = 0;
    let mut missing = Vec::new();
    for file in SEEDS {
        let path = shared_dir().join("seeds").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (line, method, url) in seed_requests(&text) {
            found += 1;
            let covered = cases
                .iter()
                .any(|c| c.url == url && c.method.as_str() == method);
            if !covered {
                missing.push(format!("{}:{line}: {method} {url}", &file[..3]));
            }
        }
    }
    println!(
        "seed requests found: {found}, missing from the corpus: {}",
        missing.len()
    );
    assert!(
        found >= 150,
        "only {found} seed requests found: the scanner broke"
    );
    assert!(
        missing.is_empty(),
        "seed requests not in the corpus:\n{}",
        missing.join("\n")
    );
}
