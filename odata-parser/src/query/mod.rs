//! OData URL query options: syntax tree, grammar and printer.

pub mod ast;
