//! `odata`: the command-line front end of the OData toolkit.
//!
//! Each subcommand lives in its own module and is a thin wrapper over the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod parse;
mod render;

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
    about = "Parse and check OData 4.01 URLs and query options"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a query option, a query string or a URL; print its canonical form and syntax tree.
    Parse(parse::ParseArgs),
    /// Validate request URLs against a model and a service profile (default: Outlook v2.0).
    Check(check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Check(args) => check::run(&args),
    }
}
