// The settings of each snapshot case: used by `tests/cases.rs` (snapshots)
// and by the build script of the `csdl-codegen-cases` crate (which compiles
// the same output), so that both generate the same code.

/// The snapshot cases, one folder each under `tests/cases/`.
pub const CASES: &[&str] = &["features", "options"];

/// The generator settings of `case`.
pub fn case_config(case: &str) -> csdl_codegen::Config {
    let mut config = csdl_codegen::Config::new();
    if case == "options" {
        config
            .module_layout(csdl_codegen::ModuleLayout::Flat)
            .docs(false)
            .nullable_collection_items(true)
            .binary_encoding(csdl_codegen::BinaryEncoding::Base64Url)
            .derive("Eq")
            .type_mapping("Edm.DateTimeOffset", "::std::string::String")
            .type_mapping("store.Money", "::std::string::String")
            .rename("Opts.Store.Item/Tags", "labels")
            .rename("catalog.Line", "OrderLine");
    }
    config
}
