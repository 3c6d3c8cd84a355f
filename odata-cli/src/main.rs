//! `odata`: the command-line front end of the OData toolkit.
//!
//! Each subcommand lives in its own module and is a thin wrapper over the libraries;
//! `exit` holds the exit-status table every command shares, `input` the reading of CSDL
//! documents, `output` colour and stdout handling.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod diff;
mod exit;
mod generate;
mod input;
mod output;
mod parse;
mod render;
mod stats;

use exit::{EXIT_STATUS_HELP, Status};
use output::ColorChoice;

/// The command builds many small syntax-tree nodes; mimalloc serves them faster than
/// the system allocator (see `--bench`). A choice of this binary, not of the library.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// OData toolkit command line.
#[derive(Parser)]
#[command(
    name = "odata",
    version,
    about = "Parse and check OData 4.01 URLs, and inspect, compare and generate code from CSDL",
    after_help = after_help(),
)]
struct Cli {
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         odata check 'https://outlook.office.com/api/v2.0/me/messages?$filter=IsRead eq false'\n  \
         odata parse --filter \"Name eq 'Milk' and Price lt 2.55\"\n  \
         odata stats generated-models/metadata/outlook-v2.0.xml\n  \
         odata diff old.xml new.xml\n  \
         odata generate --metadata service.xml --out service-models\n\n{EXIT_STATUS_HELP}"
    )
}

#[derive(Subcommand)]
enum Command {
    /// Validate request URLs against a model and a service profile (default: Outlook v2.0).
    Check(check::CheckArgs),
    /// Parse a query option, a query string or a URL; print its canonical form and syntax tree.
    Parse(parse::ParseArgs),
    /// Count the schemas, types, properties, operations, entity sets and annotations of a CSDL document.
    Stats(stats::StatsArgs),
    /// Compare two CSDL documents and classify each change as breaking or not (exit 2 if any breaks).
    Diff(diff::DiffArgs),
    /// Write a standalone crate with Rust models generated from a CSDL document.
    Generate(generate::GenerateArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors get EX_USAGE, not clap's 2
            // (which `diff` uses for breaking changes).
            let _ = e.print();
            return if e.use_stderr() {
                Status::Usage.into()
            } else {
                Status::Ok.into()
            };
        }
    };
    let color = cli.color;
    let result = match &cli.command {
        Command::Check(args) => check::run(args, color),
        Command::Parse(args) => return parse::run(args),
        Command::Stats(args) => stats::run(args, color),
        Command::Diff(args) => diff::run(args, color),
        Command::Generate(args) => generate::run(args, color),
    };
    match result {
        Ok(status) => status.into(),
        Err(e) => exit::fail(&e, color),
    }
}
