//! Errors of loading CSDL and generating code.

use std::path::PathBuf;

use odata_parser::edm::CsdlErrors;

/// Why code could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodegenError {
    /// A CSDL document could not be read from disk.
    #[error("cannot read `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A generated file could not be written.
    #[error("cannot write `{}`", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The CSDL is invalid (every error found, with line:column).
    #[error("invalid CSDL")]
    Model(#[from] CsdlErrors),
    /// A `type_mapping` names a Rust type that does not parse.
    #[error("type mapping for `{name}` is not a Rust type")]
    TypeMapping {
        /// The EDM or model type name.
        name: String,
        /// The parse error.
        #[source]
        source: syn::Error,
    },
    /// A `derive`, `runtime_path` or other path setting does not parse as a Rust path.
    #[error("`{text}` is not a Rust path")]
    Path {
        /// The setting as given.
        text: String,
        /// The parse error.
        #[source]
        source: syn::Error,
    },
    /// A `rename` gives a name that is not a Rust identifier.
    #[error("rename of `{name}` to `{to}` is not a Rust identifier")]
    Rename {
        /// The CSDL name.
        name: String,
        /// The requested Rust name.
        to: String,
    },
    /// The generated tokens did not parse as a Rust file (a bug in csdl-codegen).
    #[error("generated code does not parse as Rust")]
    Syntax(#[from] syn::Error),
    /// `compile` was called without an output directory outside a build script.
    #[error("no output directory: `OUT_DIR` is not set and `out_dir` was not called")]
    NoOutDir,
}
