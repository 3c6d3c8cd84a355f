//! `odata diff`: compares two CSDL documents at the model level and classifies each
//! change as breaking or not for a client generated from the old one.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use odata_parser::edm::diff;

use crate::exit::{CliError, EXIT_STATUS_HELP, Status};
use crate::input;
use crate::output::{ColorChoice, print_warnings, write_stdout};

/// Output formats of `odata diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Grouped by kind of element, breaking changes marked `!` (colour on a terminal).
    Text,
    /// One JSON object for tools (`"version": 1`, summary, every change with its reason).
    Json,
    /// A report for a pull-request comment (breaking changes first, at most ~60 KB).
    Markdown,
}

/// Arguments of `odata diff`.
#[derive(Args)]
#[command(after_help = after_help())]
pub(crate) struct DiffArgs {
    /// The CSDL document the client was generated from (XML or JSON; `-` reads stdin).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new CSDL document (XML or JSON; `-` reads stdin).
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         odata diff old/metadata.xml new/metadata.xml\n  \
         odata diff --format markdown old.xml new.xml > schema-changes.md\n  \
         odata diff --format json old.xml new.xml | jq '.changes[] | select(.breaking)'\n\n\
         A change is breaking when a client generated from OLD, unchanged, can fail against \
         a service that implements NEW: a removed or narrowed property, a changed key, a \
         property that stops being filterable, a new required parameter... Each change says \
         why in one line. Gate CI on the exit status: 2 when anything breaks.\n\n{EXIT_STATUS_HELP}"
    )
}

/// Runs `odata diff`.
///
/// # Errors
///
/// A document cannot be read or is not valid CSDL; stdout cannot be written.
pub(crate) fn run(args: &DiffArgs, color: ColorChoice) -> Result<Status, CliError> {
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        return Err(CliError::Usage {
            message: "OLD and NEW cannot both be read from stdin".to_owned(),
            help: Some("give at least one of them as a file".to_owned()),
        });
    }
    let old = input::load_model(&args.old)?;
    let new = input::load_model(&args.new)?;
    print_warnings(&args.old.display().to_string(), &old, color);
    print_warnings(&args.new.display().to_string(), &new, color);
    let d = diff::diff(&old, &new);
    let text = match args.format {
        Format::Text => diff::render_text(&d, color.stdout()),
        Format::Json => diff::render_json(&d),
        Format::Markdown => diff::render_markdown(&d),
    };
    write_stdout(&text)?;
    Ok(if d.has_breaking() {
        Status::Breaking
    } else {
        Status::Ok
    })
}
