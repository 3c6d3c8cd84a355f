//! One table of exit statuses for every command, and the errors that end a command.
//!
//! 0, 1 and 2 say what a command found; 64 and up (the BSD `sysexits.h` codes) say why
//! it could not do its job, so that CI can tell "the schema breaks clients" (2) from
//! "the schema file is missing" (66).

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use csdl_codegen::CodegenError;
use odata_parser::edm::{CsdlErrorKind, CsdlErrors};

use crate::output::{ColorChoice, paint};

/// The exit status of `odata`, the same table for every command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Done, nothing to report (`check`: no URL has an error; `diff`: nothing breaks).
    Ok,
    /// Findings: `check` found an error in a URL, `parse` rejected its input.
    Findings,
    /// `diff`: a change breaks clients generated from the old document.
    Breaking,
    /// The command line is wrong (`EX_USAGE`).
    Usage,
    /// An input is not what it should be: not UTF-8, malformed XML or JSON, invalid CSDL (`EX_DATAERR`).
    DataErr,
    /// An input file does not exist or cannot be read (`EX_NOINPUT`).
    NoInput,
    /// A bug in the toolkit (`EX_SOFTWARE`).
    Software,
    /// An output file cannot be written (`EX_CANTCREAT`).
    CantCreate,
    /// Reading stdin or writing stdout failed (`EX_IOERR`).
    IoErr,
}

impl Status {
    /// The numeric status.
    pub(crate) fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Findings => 1,
            Status::Breaking => 2,
            Status::Usage => 64,
            Status::DataErr => 65,
            Status::NoInput => 66,
            Status::Software => 70,
            Status::CantCreate => 73,
            Status::IoErr => 74,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s.code())
    }
}

/// The exit-status table, as `--help` shows it (the README has the same table).
pub(crate) const EXIT_STATUS_HELP: &str = "\
Exit status (the same for every command):
  0   success; check: no URL has an error; diff: nothing breaks
  1   findings: check found an error in a URL, parse rejected its input
  2   diff: a change breaks clients generated from OLD
  64  usage: the command line is wrong
  65  invalid input: not UTF-8, malformed XML or JSON, invalid CSDL
  66  an input file, a document it references, or (generate) the runtime crate does not
      exist or cannot be read
  70  internal error (a bug in the toolkit)
  73  an output file cannot be written (generate)
  74  reading stdin or writing stdout failed";

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// A command-line value that clap cannot check by itself.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to do it right.
        help: Option<String>,
    },
    /// An input file cannot be read.
    #[error("cannot read `{path}`")]
    Read {
        /// The file as given.
        path: String,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// An input is not UTF-8.
    #[error("`{path}` is not UTF-8 text")]
    NotUtf8 {
        /// The file as given.
        path: String,
        /// Where the first invalid byte is.
        #[source]
        source: std::str::Utf8Error,
    },
    /// An input is not a valid CSDL document.
    #[error("{}", csdl_message(path, source))]
    Csdl {
        /// The file as given.
        path: String,
        /// Every error found, with line:column.
        #[source]
        source: CsdlErrors,
    },
    /// A file needed besides the inputs is missing (the runtime crate of `generate`).
    #[error("{message}")]
    Missing {
        /// What is missing.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// An output file cannot be written.
    #[error("cannot write `{}`", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// An output file exists and is not ours to overwrite.
    #[error("`{}` exists and was not written by `odata generate`; not overwriting it", path.display())]
    NotOurs {
        /// The file.
        path: PathBuf,
    },
    /// Reading stdin failed.
    #[error("cannot read stdin")]
    Stdin(#[source] io::Error),
    /// Writing stdout failed.
    #[error("cannot write the output")]
    Stdout(#[source] io::Error),
    /// The code generator failed.
    #[error("cannot generate the code")]
    Codegen(#[from] CodegenError),
}

impl CliError {
    /// The exit status this error ends the command with.
    pub(crate) fn status(&self) -> Status {
        match self {
            CliError::Usage { .. } => Status::Usage,
            CliError::Read { .. } | CliError::Missing { .. } => Status::NoInput,
            CliError::Csdl { source, .. } if only_missing_references(source) => Status::NoInput,
            CliError::NotUtf8 { .. } | CliError::Csdl { .. } => Status::DataErr,
            CliError::Write { .. } | CliError::NotOurs { .. } => Status::CantCreate,
            CliError::Stdin(_) | CliError::Stdout(_) => Status::IoErr,
            CliError::Codegen(CodegenError::Read { .. }) => Status::NoInput,
            CliError::Codegen(CodegenError::Write { .. }) => Status::CantCreate,
            CliError::Codegen(CodegenError::Model(source)) if only_missing_references(source) => {
                Status::NoInput
            }
            CliError::Codegen(CodegenError::Model(_)) => Status::DataErr,
            CliError::Codegen(_) => Status::Software,
        }
    }

    fn help(&self) -> Option<&str> {
        match self {
            CliError::Usage { help, .. } => help.as_deref(),
            CliError::Csdl { source, .. } if only_missing_references(source) => Some(
                "a referenced document is read from the folder of the document that references \
                 it, named after the last segment of its Uri (as is, or with .xml or .json)",
            ),
            CliError::Missing { help, .. } => Some(help),
            CliError::NotOurs { .. } => {
                Some("generate into an empty directory, or delete the file to let odata write it")
            }
            CliError::Codegen(_) => Some("this is a bug in csdl-codegen; please report it"),
            _ => None,
        }
    }

    /// The error as printed on stderr: `error: <message>: <cause>`, then one line per
    /// CSDL error (line:column, message, element) and the help.
    pub(crate) fn report(&self, color: bool) -> String {
        let mut out = format!("{}: {self}", paint("error", "1;31", color));
        let csdl = match self {
            CliError::Csdl { source, .. } | CliError::Codegen(CodegenError::Model(source)) => {
                Some(source)
            }
            _ => None,
        };
        if csdl.is_none() {
            causes(&mut out, self);
        }
        out.push('\n');
        if let Some(errors) = csdl {
            const SHOWN: usize = 20;
            let arrow = paint("-->", "1;34", color);
            for e in errors.errors.iter().take(SHOWN) {
                let mut message = e.to_string();
                causes(&mut message, e);
                match e.location() {
                    Some(loc) => {
                        let _ = writeln!(out, "  {arrow} {loc}: {message}");
                    }
                    None => {
                        let _ = writeln!(out, "  {arrow} {message}");
                    }
                }
                if !e.element_path().is_empty() {
                    let _ = writeln!(out, "      in {}", e.element_path());
                }
            }
            if errors.errors.len() > SHOWN {
                let _ = writeln!(out, "  ... and {} more errors", errors.errors.len() - SHOWN);
            }
        }
        if let Some(help) = self.help() {
            let _ = writeln!(out, "  {} help: {help}", paint("=", "1;34", color));
        }
        out
    }
}

fn csdl_message(path: &str, errors: &CsdlErrors) -> String {
    let n = errors.errors.len();
    let plural = if n == 1 { "" } else { "s" };
    if only_missing_references(errors) {
        format!("`{path}` references documents that cannot be found ({n} error{plural})")
    } else {
        format!("`{path}` is not a valid CSDL document ({n} error{plural})")
    }
}

/// Whether the document is fine but a document it references cannot be found.
fn only_missing_references(errors: &CsdlErrors) -> bool {
    errors
        .errors
        .iter()
        .all(|e| matches!(e.kind(), CsdlErrorKind::MissingReference { .. }))
}

/// Appends `: <cause>` for each cause of `err`, skipping causes whose text is already
/// there (some errors repeat their source in their own message).
fn causes(out: &mut String, err: &dyn std::error::Error) {
    let mut cause = err.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            let _ = write!(out, ": {text}");
        }
        cause = c.source();
    }
}

/// Prints `err` on stderr and turns it into its exit status.
pub(crate) fn fail(err: &CliError, color: ColorChoice) -> ExitCode {
    let text = err.report(color.enabled(io::stderr().is_terminal()));
    eprint!("{text}");
    err.status().into()
}
