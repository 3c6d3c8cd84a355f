//! Generates every snapshot case of `../tests/cases` into `OUT_DIR/<case>.rs`,
//! with the settings the snapshot test uses (`configs.rs`).

use odata_parser::edm::CsdlLoader;

include!("../tests/cases/configs.rs");

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    for case in CASES {
        let path = format!("../tests/cases/{case}/metadata.xml");
        println!("cargo:rerun-if-changed={path}");
        let xml = std::fs::read_to_string(&path).unwrap();
        let model = CsdlLoader::new()
            .load_xml(&format!("{case}/metadata.xml"), &xml)
            .unwrap();
        let code = case_config(case).generate_string(&model).unwrap();
        csdl_codegen::write_if_changed(&out.join(format!("{case}.rs")), &code).unwrap();
    }
    println!("cargo:rerun-if-changed=../tests/cases/configs.rs");
}
