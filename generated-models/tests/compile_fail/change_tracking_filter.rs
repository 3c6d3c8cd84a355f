//! A message sync may filter on ReceivedDateTime only (ChangeTracking/FilterableProperties),
//! and `me/messages` cannot be synchronized at all (ChangeTracking/Supported is false).
use generated_models::EntityContainer;

fn main() {
    let outlook = EntityContainer::new();
    let _ = outlook
        .me()
        .mail_folders()
        .by_key("inbox")
        .messages()
        .list()
        .track_changes()
        .filter(|m| m.subject().eq("lunch"));
    let _ = outlook.me().messages().list().track_changes();
}
