//! `BestFriend` is in the People set's `ExpandRestrictions/NonExpandableProperties`.
use csdl_codegen_cases::features::fixture::people::Container;

fn main() {
    let _ = Container::with_root("https://example.com/odata").people().list().expand(|p| p.best_friend());
}
