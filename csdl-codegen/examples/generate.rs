//! Generates the code for a CSDL file and reports the time it took.
//!
//! ```text
//! cargo run --release -p csdl-codegen --example generate -- ../shared/metadata/graph-v1.0-2026-07.csdl [out.rs] [--no-docs] [--no-updates]
//! ```

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| a.starts_with("--"))
        .collect();
    let mut positional = args.iter().filter(|a| !a.starts_with("--"));
    let path = positional
        .next()
        .ok_or("usage: generate <metadata.xml> [out.rs] [--no-docs] [--no-updates]")?;
    let out = positional.next();
    let mut config = csdl_codegen::Config::new();
    config
        .docs(!flags.contains(&"--no-docs"))
        .update_types(!flags.contains(&"--no-updates"))
        .request_builders(!flags.contains(&"--no-builders"));
    let start = Instant::now();
    let model = config.load(path)?;
    let loaded = start.elapsed();
    let start = Instant::now();
    let code = config.generate_string(&model)?;
    let generated = start.elapsed();
    eprintln!(
        "load {loaded:.2?}, generate {generated:.2?}, {} bytes, {} lines",
        code.len(),
        code.lines().count()
    );
    match out {
        Some(out) => std::fs::write(out, code)?,
        None => print!("{code}"),
    }
    Ok(())
}
