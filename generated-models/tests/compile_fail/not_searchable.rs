//! Events are not searchable (SearchRestrictions/Searchable is false).
use generated_models::EntityContainer;
use odata_parser::client::query::Search;

fn main() {
    let _ = EntityContainer::new()
        .me()
        .events()
        .list()
        .search(Search::phrase("lunch"));
}
