//! `Badge` is in the People set's `SortRestrictions/NonSortableProperties`.
use csdl_codegen_cases::features::fixture::people::Container;

fn main() {
    let _ = Container::with_root("https://example.com/odata").people().list().orderby(|p| p.badge());
}
