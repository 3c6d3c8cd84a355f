//! Loads a CSDL XML file and prints its statistics, warnings and errors.
//!
//! `cargo run --release -p odata-parser --example csdl_load -- FILE [VOCAB_DIR]`

use odata_parser::edm::{CsdlLoader, csdl::dir_resolver};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: csdl_load FILE [VOCAB_DIR]");
        std::process::exit(2);
    };
    let xml = std::fs::read_to_string(&path).expect("readable file");
    let mut loader = CsdlLoader::new();
    if let Some(dir) = args.next() {
        loader.resolver(dir_resolver(dir));
    }
    let start = std::time::Instant::now();
    match loader.load_xml(&path, &xml) {
        Ok(model) => {
            let elapsed = start.elapsed();
            print!("{}", model.stats());
            for w in model.warnings() {
                let loc = w.location().map(ToString::to_string).unwrap_or_default();
                println!("warning: {loc}: {w} (in {})", w.element_path());
            }
            println!("loaded in {elapsed:?}");
        }
        Err(e) => {
            println!("{e}");
            std::process::exit(1);
        }
    }
}
