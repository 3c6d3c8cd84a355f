//! `odata stats`: counts of what a CSDL document (and the documents it references) holds.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use odata_parser::edm::Stats;
use serde::Serialize;

use crate::exit::{CliError, EXIT_STATUS_HELP, Status};
use crate::input;
use crate::output::{ColorChoice, print_warnings, write_stdout};

/// Output formats of `odata stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// An aligned table.
    Text,
    /// One JSON object (`"version": 1`; keys in a fixed order).
    Json,
}

/// Arguments of `odata stats`.
#[derive(Args)]
#[command(after_help = after_help())]
pub(crate) struct StatsArgs {
    /// A CSDL document, XML or JSON (`-` reads stdin). Referenced documents are read
    /// from the same folder; standard vocabularies need no file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         odata stats generated-models/metadata/outlook-v2.0.xml\n  \
         odata stats --format json ../shared/metadata/graph-v1.0-2026-07.csdl\n  \
         curl -s https://host/service/\\$metadata | odata stats -\n\n\
         The counts cover the document and every document it references (the standard \
         vocabularies are known without their files). JSON: {{\"version\": 1, \"file\", \
         \"documents\", \"schemas\", \"entity_types\", \"complex_types\", \"enum_types\", \
         \"type_definitions\", \"properties\", \"navigation_properties\", \"actions\", \
         \"functions\", \"entity_containers\", \"entity_sets\", \"singletons\", \
         \"action_imports\", \"function_imports\", \"terms\", \"annotations\", \
         \"annotations_by_term\": {{term: count}}, \"warnings\"}}.\n\n{EXIT_STATUS_HELP}"
    )
}

/// The JSON form: serde writes fields in declaration order, so the key order is fixed
/// whatever features `serde_json` is built with. Add fields at the end; bump `version`
/// when one is removed or changes meaning.
#[derive(Serialize)]
struct StatsJson<'a> {
    version: u32,
    file: &'a str,
    documents: usize,
    schemas: usize,
    entity_types: usize,
    complex_types: usize,
    enum_types: usize,
    type_definitions: usize,
    properties: usize,
    navigation_properties: usize,
    actions: usize,
    functions: usize,
    entity_containers: usize,
    entity_sets: usize,
    singletons: usize,
    action_imports: usize,
    function_imports: usize,
    terms: usize,
    annotations: usize,
    annotations_by_term: &'a BTreeMap<String, usize>,
    warnings: usize,
}

impl<'a> StatsJson<'a> {
    fn new(file: &'a str, s: &'a Stats) -> Self {
        StatsJson {
            version: 1,
            file,
            documents: s.documents,
            schemas: s.schemas,
            entity_types: s.entity_types,
            complex_types: s.complex_types,
            enum_types: s.enum_types,
            type_definitions: s.type_definitions,
            properties: s.properties,
            navigation_properties: s.navigation_properties,
            actions: s.actions,
            functions: s.functions,
            entity_containers: s.entity_containers,
            entity_sets: s.entity_sets,
            singletons: s.singletons,
            action_imports: s.action_imports,
            function_imports: s.function_imports,
            terms: s.terms,
            annotations: s.annotations,
            annotations_by_term: &s.annotations_by_term,
            warnings: s.warnings,
        }
    }
}

/// Runs `odata stats`.
///
/// # Errors
///
/// The file cannot be read or is not valid CSDL; stdout cannot be written.
pub(crate) fn run(args: &StatsArgs, color: ColorChoice) -> Result<Status, CliError> {
    let doc = input::read(&args.file)?;
    let model = doc.load_as(&doc.shown)?;
    print_warnings(&doc.shown, &model, color);
    let stats = model.stats();
    let text = match args.format {
        Format::Text => stats.to_string(),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&StatsJson::new(&doc.shown, &stats))
                .expect("invariant: the stats serialize");
            json.push('\n');
            json
        }
    };
    write_stdout(&text)?;
    Ok(Status::Ok)
}
