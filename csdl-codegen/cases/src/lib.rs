//! The code csdl-codegen generates for its snapshot cases, compiled (and
//! linted with the workspace's clippy settings). `tests/usage.rs` calls it.
#![deny(missing_docs)]

/// `tests/cases/features`: every model feature, default settings.
pub mod features {
    include!(concat!(env!("OUT_DIR"), "/features.rs"));
}

/// `tests/cases/options`: flat modules, renames, type mappings and other settings.
pub mod options {
    include!(concat!(env!("OUT_DIR"), "/options.rs"));
}
