//! Generates the Outlook v2.0 models into `OUT_DIR/outlook-v2.0.rs`.
//! The settings here are repeated in `tests/snapshot.rs` (`outlook_config`).

use csdl_codegen::{Config, ModuleLayout};

fn main() {
    Config::new()
        // One namespace: its types at the crate root.
        .module_layout(ModuleLayout::Flat)
        .compile(&["metadata/outlook-v2.0.xml"])
        .expect("generate the Outlook models");
}
