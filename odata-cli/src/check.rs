//! `odata check`: validates request URLs against a model and a service profile.
//!
//! With no `--metadata`, the embedded Outlook REST API v2.0 model and profile are used, so
//! the command works with no files. Human output is rustc-like (the URL, a caret line under
//! the span, code, message, help; colour only on a terminal); `--format json` prints one
//! JSON object per URL. Exit status: 0 when no URL has an error (warnings allowed), 1 when
//! any has; 64 and up when the command cannot run (see `crate::exit`).

use std::io::{self, BufRead};

use clap::{Args, ValueEnum};
use odata_parser::bind::{Diagnostic, Method, Profile, Report, Request, Severity, Validator};
use odata_parser::edm::Model;
use serde::Serialize;

use crate::exit::{CliError, EXIT_STATUS_HELP, Status};
use crate::input;
use crate::output::{ColorChoice, paint, print_warnings, write_stdout};

/// The Outlook v2.0 model, embedded.
const OUTLOOK_CSDL: &str = include_str!("../../generated-models/metadata/outlook-v2.0.xml");

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// rustc-style text.
    Human,
    /// One JSON object per URL: `{"url", "errors", "diagnostics": [{code, severity, message, start, end, help, service_error}]}`.
    Json,
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         odata check 'https://outlook.office.com/api/v2.0/me/messages?$filter=IsRead eq false&$top=5'\n  \
         odata check --format json 'me/messages?$filter=ChangeKey eq 1'\n  \
         odata check --metadata service.xml --profile standard 'https://host/svc/People?$top=2'\n  \
         grep -h '^GET ' requests.http | odata check -\n\n\
         A URL of '-' reads URLs from stdin, one per line; a line may start with a method \
         (GET https://…) and end with HTTP/1.1. An invalid URL is a finding (status 1), like \
         any other error in a URL; warnings alone leave the status at 0.\n\n{EXIT_STATUS_HELP}"
    )
}

/// Arguments of `odata check`.
#[derive(Args)]
#[command(after_help = after_help())]
pub(crate) struct CheckArgs {
    /// The URLs to check (absolute, or relative to the service root); `-` reads stdin.
    #[arg(required = true, value_name = "URL")]
    urls: Vec<String>,
    /// A CSDL document, XML or JSON (default: the embedded Outlook v2.0 model); references
    /// are read from its folder.
    #[arg(long, value_name = "FILE")]
    metadata: Option<std::path::PathBuf>,
    /// The service profile (default: outlook-v2 with the embedded model, standard with --metadata).
    #[arg(long, value_name = "PROFILE", value_parser = ["outlook-v2", "standard"])]
    profile: Option<String>,
    /// A request header, e.g. 'Prefer: odata.track-changes' (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The request method.
    #[arg(long, short = 'X', default_value = "GET", value_name = "METHOD")]
    method: String,
    /// The service root, when it cannot be found from the URL.
    #[arg(long, value_name = "URL")]
    service_root: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// Runs `odata check`.
///
/// # Errors
///
/// A usage problem (header, method), unreadable or invalid metadata, stdin or stdout failing.
pub(crate) fn run(args: &CheckArgs, color: ColorChoice) -> Result<Status, CliError> {
    if args.metadata.as_deref() == Some(std::path::Path::new("-"))
        && args.urls.iter().any(|u| u == "-")
    {
        return Err(usage(
            "the metadata and the URLs cannot both be read from stdin".to_owned(),
        ));
    }
    let model = match &args.metadata {
        Some(path) => {
            let model = input::load_model(path)?;
            print_warnings(&path.display().to_string(), &model, color);
            model
        }
        None => Model::from_csdl_xml(OUTLOOK_CSDL).expect("invariant: the embedded model loads"),
    };
    let profile_name = args.profile.clone().unwrap_or_else(|| {
        if args.metadata.is_some() {
            "standard"
        } else {
            "outlook-v2"
        }
        .to_owned()
    });
    let Some(profile) = Profile::by_name(&profile_name) else {
        return Err(usage(format!("unknown profile '{profile_name}'")));
    };
    let mut validator = Validator::new(&model).profile(profile);
    if let Some(root) = &args.service_root {
        validator = validator.service_root(root);
    }
    let method: Method = args.method.parse().map_err(|e| CliError::Usage {
        message: format!("{e}"),
        help: Some("e.g. -X GET, -X POST, -X PATCH".to_owned()),
    })?;
    let mut headers = Vec::new();
    for h in &args.headers {
        match h.split_once(':') {
            Some((k, v)) => headers.push((k.trim(), v.trim())),
            None => {
                return Err(CliError::Usage {
                    message: format!("a header is written 'Name: value', found '{h}'"),
                    help: Some("e.g. -H 'Prefer: odata.track-changes'".to_owned()),
                });
            }
        }
    }
    let mut requests: Vec<(Method, String)> = Vec::new();
    for u in &args.urls {
        if u == "-" {
            for line in io::stdin().lock().lines() {
                let line = line.map_err(CliError::Stdin)?;
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                requests.push(split_request_line(line, method));
            }
        } else {
            requests.push((method, u.clone()));
        }
    }
    let color = args.format == Format::Human && color.stdout();
    let mut any_error = false;
    for (m, url) in &requests {
        let mut request = Request::new(*m, url);
        request.headers.clone_from(&headers);
        let report = validator.validate(&request);
        any_error |= report.has_errors();
        let text = match args.format {
            Format::Human => human(&report, color),
            Format::Json => {
                serde_json::to_string(&ReportJson::new(&report))
                    .expect("invariant: reports serialize")
                    + "\n"
            }
        };
        write_stdout(&text)?;
    }
    Ok(if any_error {
        Status::Findings
    } else {
        Status::Ok
    })
}

fn usage(message: String) -> CliError {
    CliError::Usage {
        message,
        help: None,
    }
}

/// `GET https://… HTTP/1.1` → the method and the URL.
fn split_request_line(line: &str, default: Method) -> (Method, String) {
    let line = line.strip_suffix("HTTP/1.1").unwrap_or(line).trim_end();
    if let Some((first, rest)) = line.split_once(' ')
        && let Ok(m) = first.parse::<Method>()
    {
        return (m, rest.trim().to_owned());
    }
    (default, line.to_owned())
}

/// rustc-style text for one report.
pub(crate) fn human(report: &Report, color: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if report.diagnostics.is_empty() {
        let _ = writeln!(out, "{}: {}", paint("ok", "1;32", color), report.url);
        return out;
    }
    for d in &report.diagnostics {
        render(&mut out, &report.url, d, color);
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let _ = writeln!(
        out,
        "{}: {errors} error(s), {warnings} warning(s)\n",
        report.url
    );
    out
}

fn render(out: &mut String, url: &str, d: &Diagnostic, color: bool) {
    use std::fmt::Write as _;
    let (label, style) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let _ = writeln!(
        out,
        "{}: {}",
        paint(&format!("{label}[{}]", d.code), style, color),
        paint(&d.message, "1", color)
    );
    let start = (d.span.start as usize).min(url.len());
    let end = (d.span.end as usize).clamp(start, url.len());
    let _ = writeln!(out, "  {} offset {start}", paint("-->", "1;34", color));
    let line: String = url
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let pad = url.get(..start).map_or(start, |s| s.chars().count());
    let width = url.get(start..end).map_or(1, |s| s.chars().count()).max(1);
    let bar = paint("|", "1;34", color);
    let _ = writeln!(out, "   {bar}");
    let _ = writeln!(out, "   {bar} {line}");
    let _ = writeln!(
        out,
        "   {bar} {}{}",
        " ".repeat(pad),
        paint(&"^".repeat(width), style, color)
    );
    if let Some(e) = &d.service_error {
        let _ = writeln!(
            out,
            "   {} service: {}: {}",
            paint("=", "1;34", color),
            e.code,
            e.message
        );
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "   {} help: {h}", paint("=", "1;34", color));
    }
}

/// The JSON object for one report (fields in declaration order, whatever features
/// `serde_json` is built with).
#[derive(Serialize)]
struct ReportJson<'a> {
    url: &'a str,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    start: u32,
    end: u32,
    help: Option<&'a str>,
    service_error: Option<ServiceErrorJson<'a>>,
}

#[derive(Serialize)]
struct ServiceErrorJson<'a> {
    code: &'a str,
    message: &'a str,
}

impl<'a> ReportJson<'a> {
    fn new(report: &'a Report) -> Self {
        ReportJson {
            url: &report.url,
            errors: report.errors().count(),
            warnings: report.warnings().count(),
            diagnostics: report.diagnostics.iter().map(DiagnosticJson::new).collect(),
        }
    }
}

impl<'a> DiagnosticJson<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        DiagnosticJson {
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            start: d.span.start,
            end: d.span.end,
            help: d.help.as_deref(),
            service_error: d.service_error.as_ref().map(|e| ServiceErrorJson {
                code: e.code,
                message: &e.message,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        assert_eq!(
            split_request_line("POST https://x/api/v2.0/me/sendmail HTTP/1.1", Method::Get),
            (Method::Post, "https://x/api/v2.0/me/sendmail".to_owned())
        );
        assert_eq!(
            split_request_line("me/messages", Method::Get),
            (Method::Get, "me/messages".to_owned())
        );
    }
}
