//! `odata parse`: one input from the command line, or one per line from stdin.
//!
//! `--lines` prints exactly one line per input line, `OK <canonical form>` or
//! `ERR <byte offset> <message>`, and exits 0. `--lines --bench` reads all of stdin,
//! parses every line once to a full syntax tree kept alive, times only that loop and
//! prints `accepted=<n> rejected=<n> seconds=<float>`. This interface is used to
//! compare parsers side by side; keep it stable.

use std::fmt::Display;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::{ArgGroup, Args};
use odata_parser::{ODataUri, ParseError, ParseOptions, QueryOptions, ToUrlString, Tree};

use crate::exit::{EXIT_STATUS_HELP, Status};
use crate::render::{error_report, one_line};

/// Arguments of `odata parse`.
#[derive(Args)]
#[command(
    group(ArgGroup::new("kind").required(true).multiple(false)),
    after_help = after_help(),
)]
pub(crate) struct ParseArgs {
    /// A `$filter` expression (decoded text); with --lines, read from stdin. Write
    /// `--filter=-x` for an expression that starts with `-`.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    filter: Option<Option<String>>,
    /// An `$orderby` value.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    orderby: Option<Option<String>>,
    /// A `$select` value.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    select: Option<Option<String>>,
    /// An `$expand` value.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    expand: Option<Option<String>>,
    /// A `$search` value.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    search: Option<Option<String>>,
    /// A `$compute` value.
    #[arg(long, group = "kind", value_name = "EXPR", num_args = 0..=1)]
    compute: Option<Option<String>>,
    /// A raw query string (the part after `?`, percent-encoded).
    #[arg(long, group = "kind", value_name = "RAW", num_args = 0..=1)]
    query: Option<Option<String>>,
    /// A whole URL (service root, resource path, query).
    #[arg(long, group = "kind", value_name = "URL", num_args = 0..=1)]
    url: Option<Option<String>>,
    /// Read inputs from stdin, one per line, and print `OK <canonical>` or `ERR <offset> <message>` per line.
    #[arg(long)]
    lines: bool,
    /// With --lines: time parsing all lines and print `accepted=<n> rejected=<n> seconds=<float>`.
    #[arg(long, requires = "lines")]
    bench: bool,
    /// Use the lenient preset (`+` as space, case-insensitive keywords, …).
    #[arg(long)]
    lenient: bool,
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         odata parse --filter \"Name EQ 'Milk' AND Price LT 2.55\"\n  \
         odata parse --query '$filter=IsRead%20eq%20false&$top=5'\n  \
         odata parse --url 'https://host/service/Messages?$select=Subject' --lenient\n  \
         printf 'a eq 1\\nb eq\\n' | odata parse --filter --lines\n\n\
         With --lines, the status is 0 even when lines are rejected (each line says OK or ERR); \
         otherwise a rejected input exits 1.\n\n{EXIT_STATUS_HELP}"
    )
}

#[derive(Clone, Copy)]
enum Kind {
    Filter,
    OrderBy,
    Select,
    Expand,
    Search,
    Compute,
    Query,
    Url,
}

impl ParseArgs {
    fn kind_and_input(&self) -> (Kind, Option<&str>) {
        let pairs = [
            (Kind::Filter, &self.filter),
            (Kind::OrderBy, &self.orderby),
            (Kind::Select, &self.select),
            (Kind::Expand, &self.expand),
            (Kind::Search, &self.search),
            (Kind::Compute, &self.compute),
            (Kind::Query, &self.query),
            (Kind::Url, &self.url),
        ];
        for (kind, value) in pairs {
            if let Some(v) = value {
                return (kind, v.as_deref());
            }
        }
        (Kind::Filter, None)
    }
}

/// A parse result reduced to what the command prints.
struct Parsed {
    canonical: String,
    tree: String,
}

fn done<T: Display>(canonical: T, tree: String) -> Parsed {
    Parsed {
        canonical: canonical.to_string(),
        tree,
    }
}

fn join<T>(items: &[T], sep: &str, f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(sep)
}

/// Parses `input` as `kind`, keeping only the printable outcome.
fn parse_one(kind: Kind, input: &str, opts: &ParseOptions) -> Result<Parsed, ParseError> {
    Ok(match kind {
        Kind::Filter => {
            let e = odata_parser::parse_filter_with(input, opts)?;
            done(&e, Tree(&e).to_string())
        }
        Kind::OrderBy => {
            let v = odata_parser::parse_orderby_with(input, opts)?;
            done(
                join(&v, ",", ToString::to_string),
                Tree(v.as_slice()).to_string(),
            )
        }
        Kind::Select => {
            let v = odata_parser::parse_select_with(input, opts)?;
            done(
                join(&v, ",", ToString::to_string),
                Tree(v.as_slice()).to_string(),
            )
        }
        Kind::Expand => {
            let v = odata_parser::parse_expand_with(input, opts)?;
            done(
                join(&v, ",", ToString::to_string),
                Tree(v.as_slice()).to_string(),
            )
        }
        Kind::Search => {
            let e = odata_parser::parse_search_with(input, opts)?;
            done(&e, Tree(&e).to_string())
        }
        Kind::Compute => {
            let v = odata_parser::parse_compute_with(input, opts)?;
            done(
                join(&v, ",", ToString::to_string),
                Tree(v.as_slice()).to_string(),
            )
        }
        Kind::Query => {
            let q = QueryOptions::parse(input, opts)?;
            done(q.to_url_string(), Tree(q.options()).to_string())
        }
        Kind::Url => {
            let u = ODataUri::parse_with(input, opts)?;
            let mut tree = Tree(u.resource()).to_string();
            if let Some(q) = u.query() {
                tree.push(' ');
                tree.push_str(&Tree(q.options()).to_string());
            }
            done(u.to_url_string(), tree)
        }
    })
}

/// Runs `odata parse`.
pub(crate) fn run(args: &ParseArgs) -> ExitCode {
    let opts = if args.lenient {
        ParseOptions::lenient()
    } else {
        ParseOptions::strict()
    };
    let (kind, input) = args.kind_and_input();
    if args.lines {
        let mut raw = Vec::new();
        if let Err(e) = io::stdin().lock().read_to_end(&mut raw) {
            eprintln!("error: cannot read stdin: {e}");
            return Status::IoErr.into();
        }
        let lines = split_lines(&raw);
        return if args.bench {
            bench(kind, &lines, &opts)
        } else {
            print_lines(kind, &lines, &opts)
        };
    }
    let Some(input) = input else {
        eprintln!("error: give the input after the option, or use --lines to read stdin");
        return Status::Usage.into();
    };
    match parse_one(kind, input, &opts) {
        Ok(p) => {
            println!("{}", p.canonical);
            println!("{}", p.tree);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", error_report(input, &e));
            Status::Findings.into()
        }
    }
}

/// Input lines: LF-terminated; a final line without LF counts if it is not empty.
fn split_lines(raw: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = raw.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn print_lines(kind: Kind, lines: &[&[u8]], opts: &ParseOptions) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in lines {
        let result = match std::str::from_utf8(line) {
            Ok(text) => match parse_one(kind, text, opts) {
                Ok(p) => writeln!(out, "OK {}", p.canonical.replace(['\n', '\r'], " ")),
                Err(e) => writeln!(out, "ERR {} {}", e.offset(), one_line(&e)),
            },
            Err(e) => writeln!(out, "ERR {} input is not valid UTF-8", e.valid_up_to()),
        };
        if result.is_err() {
            return Status::IoErr.into();
        }
    }
    if out.flush().is_err() {
        return Status::IoErr.into();
    }
    ExitCode::SUCCESS
}

/// Parses every line once, keeping all trees alive, and times only that loop.
///
/// Everything else happens before the clock starts: reading, splitting, UTF-8
/// validation of each line, and allocating and touching the result slots, so that the
/// timed loop pays for parsing and the trees' own memory only.
fn bench(kind: Kind, lines: &[&[u8]], opts: &ParseOptions) -> ExitCode {
    let mut texts = Vec::with_capacity(lines.len());
    let mut rejected = 0usize;
    for line in lines {
        match std::str::from_utf8(line) {
            Ok(t) => texts.push(t),
            Err(_) => rejected += 1,
        }
    }
    let (accepted, failed, seconds) = match kind {
        Kind::Filter => timed(&texts, |t| odata_parser::parse_filter_with(t, opts)),
        Kind::OrderBy => timed(&texts, |t| odata_parser::parse_orderby_with(t, opts)),
        Kind::Select => timed(&texts, |t| odata_parser::parse_select_with(t, opts)),
        Kind::Expand => timed(&texts, |t| odata_parser::parse_expand_with(t, opts)),
        Kind::Search => timed(&texts, |t| odata_parser::parse_search_with(t, opts)),
        Kind::Compute => timed(&texts, |t| odata_parser::parse_compute_with(t, opts)),
        Kind::Query => timed(&texts, |t| QueryOptions::parse(t, opts)),
        Kind::Url => timed(&texts, |t| ODataUri::parse_with(t, opts)),
    };
    println!(
        "accepted={accepted} rejected={} seconds={seconds:.9}",
        rejected + failed
    );
    ExitCode::SUCCESS
}

/// Prepares the result slots, times [`parse_all`] and counts the outcomes.
fn timed<'t, T>(
    texts: &[&'t str],
    parse: impl Fn(&'t str) -> Result<T, ParseError>,
) -> (usize, usize, f64) {
    // One slot per line, written once here so that its pages are mapped before timing.
    let mut results: Vec<Option<Result<T, ParseError>>> = Vec::new();
    results.resize_with(texts.len(), || None);
    let start = Instant::now();
    parse_all(&mut results, texts, parse);
    let seconds = start.elapsed().as_secs_f64();
    let accepted = results.iter().filter(|r| matches!(r, Some(Ok(_)))).count();
    let failed = results.len() - accepted;
    drop(results);
    (accepted, failed, seconds)
}

/// The timed loop. Not inlined, so that a profiler can measure exactly this function
/// (`valgrind --tool=callgrind --toggle-collect='*parse_all*'`).
#[inline(never)]
fn parse_all<'t, T>(
    results: &mut [Option<Result<T, ParseError>>],
    texts: &[&'t str],
    parse: impl Fn(&'t str) -> Result<T, ParseError>,
) {
    for (slot, t) in results.iter_mut().zip(texts) {
        *slot = Some(parse(t));
    }
}
