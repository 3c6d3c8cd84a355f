//! Test helpers: the Outlook model, loaded once, and a compact view of a report.

use std::sync::OnceLock;

use crate::bind::{Profile, Request, Validator};
use crate::edm::Model;

pub(crate) fn outlook() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_csdl_xml(include_str!(
            "../../../generated-models/metadata/outlook-v2.0.xml"
        ))
        .expect("the Outlook CSDL loads")
    })
}

pub(crate) const ROOT: &str = "https://outlook.office.com/api/v2.0/";

/// `code@text` for every diagnostic of a request under `profile`.
pub(crate) fn diags(profile: Profile, request: &Request<'_>) -> Vec<String> {
    let v = Validator::new(outlook()).profile(profile);
    let r = v.validate(request);
    r.diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}@{}",
                d.code,
                request.url.get(d.span.range()).unwrap_or("?")
            )
        })
        .collect()
}

/// Diagnostics of `GET ROOT + rel` under the Outlook profile.
pub(crate) fn outlook_get(rel: &str) -> Vec<String> {
    let url = format!("{ROOT}{rel}");
    diags(Profile::outlook_v2(), &Request::get(&url))
}

/// Diagnostics of `GET ROOT + rel` under the standard profile.
pub(crate) fn standard_get(rel: &str) -> Vec<String> {
    let url = format!("{ROOT}{rel}");
    diags(Profile::standard(), &Request::get(&url))
}
