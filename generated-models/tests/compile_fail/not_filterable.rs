//! `BodyPreview` is in the NonFilterableProperties of `me/messages`.
use generated_models::EntityContainer;

fn main() {
    let _ = EntityContainer::new()
        .me()
        .messages()
        .list()
        .filter(|m| m.body_preview().eq("lunch"));
}
