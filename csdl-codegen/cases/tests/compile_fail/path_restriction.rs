//! `NavigationRestrictions/RestrictedProperties` makes `BestFriend/Notes` (from
//! People) not filterable, although `Notes` is filterable from `People(…)/Notes`.
use csdl_codegen_cases::features::fixture::people::Container;

fn main() {
    let _ = Container::with_root("https://example.com/odata")
        .people()
        .by_key(Default::default())
        .best_friend()
        .notes()
        .list()
        .filter(|n| n.number().gt(1));
}
