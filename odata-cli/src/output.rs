//! Output for terminals and for CI: colour only where it helps, stdout writes that
//! survive a closed pipe.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use odata_parser::edm::{CsdlWarningKind, Model};

use crate::exit::CliError;

/// When to colour the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (e.g. for CI logs that render ANSI colours).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (`is_terminal`) or is not a terminal.
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }

    /// Whether to colour stdout.
    pub(crate) fn stdout(self) -> bool {
        self.enabled(io::stdout().is_terminal())
    }

    /// Whether to colour stderr.
    pub(crate) fn stderr(self) -> bool {
        self.enabled(io::stderr().is_terminal())
    }
}

/// `s` in the ANSI style `code` when `color` is on.
pub(crate) fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

/// Writes `text` to stdout. A reader that went away (`odata diff … | head`) is not an
/// error: the rest of the output is dropped and the command keeps its status.
///
/// # Errors
///
/// Any other write error.
pub(crate) fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
        _ => Ok(()),
    }
}

/// How many CSDL warnings are printed per document set.
const WARNINGS_SHOWN: usize = 5;

/// Prints the model's CSDL warnings on stderr (the first few, then a count). A standard
/// vocabulary that is referenced but not loaded is not worth a line: the toolkit knows them
/// by namespace, and nearly every document references them by URL.
pub(crate) fn print_warnings(path: &str, model: &Model, color: ColorChoice) {
    let warnings: Vec<_> = model
        .warnings()
        .iter()
        .filter(|w| !matches!(w.kind(), CsdlWarningKind::VocabularyNotLoaded { .. }))
        .collect();
    if warnings.is_empty() {
        return;
    }
    let color = color.stderr();
    let label = paint("warning", "1;33", color);
    let mut text = String::new();
    for w in warnings.iter().take(WARNINGS_SHOWN) {
        match w.location() {
            Some(loc) => text.push_str(&format!("{label}: {loc}: {w}\n")),
            None => text.push_str(&format!("{label}: {path}: {w}\n")),
        }
    }
    if warnings.len() > WARNINGS_SHOWN {
        text.push_str(&format!(
            "{label}: {path}: {} more CSDL warnings\n",
            warnings.len() - WARNINGS_SHOWN
        ));
    }
    eprint!("{text}");
}
