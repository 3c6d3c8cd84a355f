//! Generates the Outlook v2.0 models into `OUT_DIR/outlook-v2.0.rs`.
//! The settings here are repeated in `tests/snapshot.rs` (`outlook_config`).

use csdl_codegen::{Config, ModuleLayout, Profile};

fn main() {
    Config::new()
        // One namespace: its types at the crate root.
        .module_layout(ModuleLayout::Flat)
        .service_root("https://outlook.office.com/api/v2.0/")
        // Outlook sorts by complex values (`$orderby=Sender`).
        .profile(Profile::outlook_v2())
        .compile(&["metadata/outlook-v2.0.xml"])
        .expect("generate the Outlook models");
}
