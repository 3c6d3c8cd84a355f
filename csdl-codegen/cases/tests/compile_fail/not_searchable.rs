//! The Documents set's `SearchRestrictions/Searchable` is false.
use csdl_codegen_cases::features::fixture::people::Container;
use odata_parser::client::query::Search;

fn main() {
    let _ = Container::with_root("https://example.com/odata").documents().list().search(Search::word("x"));
}
