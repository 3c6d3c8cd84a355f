//! Outlook's FilterFunctions leave out `contains` (and `startswith`).
use generated_models::EntityContainer;

fn main() {
    let _ = EntityContainer::new()
        .me()
        .messages()
        .list()
        .filter(|m| m.subject().contains("lunch"));
}
