//! `CreatedAt` is in `SortRestrictions/DescendingOnlyProperties`; the builders do
//! not offer it in `$orderby` at all.
use csdl_codegen_cases::features::fixture::people::Container;

fn main() {
    let _ = Container::with_root("https://example.com/odata").people().list().orderby(|p| p.created_at());
}
