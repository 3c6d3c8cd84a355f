//! Schema diff on the real pair: Microsoft Graph v1.0 2026-02 → 2026-07
//! (../shared/metadata). Snapshots of the summary counts and of the Markdown report (the
//! reviewed artifact), the report's size against what a pull-request comment holds, the
//! reverse diff, and changes known to be in the documents. Speed is measured by
//! `cargo bench --bench diff`, not here.

use std::path::Path;
use std::sync::OnceLock;

use odata_parser::edm::Model;
use odata_parser::edm::diff::{self, ChangeKind, SchemaDiff};

fn load(name: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/metadata")
        .join(name);
    let xml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn models() -> &'static (Model, Model) {
    static MODELS: OnceLock<(Model, Model)> = OnceLock::new();
    MODELS.get_or_init(|| {
        (
            load("graph-v1.0-2026-02.csdl"),
            load("graph-v1.0-2026-07.csdl"),
        )
    })
}

fn forward() -> &'static SchemaDiff {
    static DIFF: OnceLock<SchemaDiff> = OnceLock::new();
    DIFF.get_or_init(|| {
        let (old, new) = models();
        diff::diff(old, new)
    })
}

/// GitHub refuses comments longer than 65,536 characters.
const COMMENT_LIMIT: usize = 65_536;

#[test]
fn summary() {
    let d = forward();
    let text = format!(
        "{}\ncapability paths compared: {}\n",
        d.summary(),
        d.capability_paths()
    );
    insta::assert_snapshot!("graph_summary", text);
    assert!(d.has_breaking());
}

#[test]
fn markdown_report() {
    let md = diff::render_markdown(forward());
    assert!(
        md.chars().count() < COMMENT_LIMIT,
        "{} characters",
        md.chars().count()
    );
    insta::assert_snapshot!("graph_markdown", md);
}

#[test]
fn every_breaking_change_is_in_the_report() {
    let d = forward();
    let md = diff::render_markdown(d);
    for c in d.breaking() {
        assert!(md.contains(&format!("`{}`", c.element)), "{}", c.element);
    }
}

#[test]
fn known_changes() {
    let d = forward();
    let find = |element: &str, aspect: Option<&str>| {
        d.changes()
            .iter()
            .find(|c| c.element == element && c.aspect == aspect)
            .unwrap_or_else(|| panic!("{element} {aspect:?}"))
    };
    // conditionalAccessPolicy moved from graph.entity to the new abstract policyDeletableItem.
    let c = find("microsoft.graph.conditionalAccessPolicy", Some("base_type"));
    assert!(c.breaking);
    assert_eq!(
        c.new.as_deref(),
        Some("microsoft.graph.policyDeletableItem")
    );
    let c = find(
        "microsoft.graph.conditionalAccessPolicy/deletedDateTime",
        None,
    );
    assert_eq!((c.change, c.breaking), (ChangeKind::Added, false));
    // federatedIdentityCredential/subject lost Nullable="false": responses may hold null.
    let c = find(
        "microsoft.graph.federatedIdentityCredential/subject",
        Some("nullable"),
    );
    assert!(c.breaking);
    // chats: targetedMessages became non-expandable.
    let c = find(
        "microsoft.graph.GraphService/chats",
        Some("ExpandRestrictions/NonExpandableProperties"),
    );
    assert!(
        c.breaking && c.reason.contains("targetedMessages"),
        "{}",
        c.reason
    );
}

#[test]
fn reverse_diff_mirrors_counts() {
    let (old, new) = models();
    let f = forward().summary();
    let r = diff::diff(new, old).summary();
    assert_eq!(
        (f.total.added, f.total.removed, f.total.changed),
        (r.total.removed, r.total.added, r.total.changed)
    );
    for (kind, counts) in &f.by_kind {
        let back = r.by_kind.get(kind).copied().unwrap_or_default();
        assert_eq!(
            (counts.added, counts.removed),
            (back.removed, back.added),
            "{kind}"
        );
    }
}

#[test]
fn same_document_gives_an_empty_diff() {
    let (_, new) = models();
    assert!(diff::diff(new, new).is_empty());
}

#[test]
fn json_parses() {
    let d = forward();
    let json: serde_json::Value = serde_json::from_str(&diff::render_json(d)).expect("valid JSON");
    assert_eq!(
        json["changes"].as_array().map(Vec::len),
        Some(d.changes().len())
    );
    assert_eq!(json["summary"]["breaking"], d.summary().total.breaking);
}
