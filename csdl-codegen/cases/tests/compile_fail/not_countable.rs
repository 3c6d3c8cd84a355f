//! The Documents set's `CountRestrictions/Countable` is false.
use csdl_codegen_cases::features::fixture::people::Container;

fn main() {
    let _ = Container::with_root("https://example.com/odata").documents().list().count(true);
}
