//! Schema diff on fixture pairs (`tests/diff/<case>/{old,new}.xml`, one folder per element
//! kind): snapshots of the text, Markdown and JSON renderings; every change of every case
//! listed with its verdict, so that each classification rule has a case that fails when the
//! rule changes; identical documents; and `diff(a, b)` against `diff(b, a)`.

use std::collections::BTreeSet;
use std::path::Path;

use odata_parser::edm::Model;
use odata_parser::edm::diff::{self, Change, ChangeKind, ElementKind, SchemaDiff};

fn load(case: &str, which: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diff")
        .join(case)
        .join(format!("{which}.xml"));
    let xml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let model = Model::from_csdl_xml(&xml).unwrap_or_else(|e| panic!("{case}/{which}: {e}"));
    assert!(
        model.warnings().is_empty(),
        "{case}/{which}: {:?}",
        model.warnings()
    );
    model
}

fn pair(case: &str) -> (Model, Model) {
    (load(case, "old"), load(case, "new"))
}

const CASES: &[&str] = &[
    "types",
    "properties",
    "navigation",
    "enums",
    "type_definitions",
    "operations",
    "container",
    "container_rename",
    "capabilities",
];

/// Snapshots of the three renderings of one case.
macro_rules! snapshots {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            use super::*;

            #[test]
            fn renderings() {
                let (old, new) = pair(stringify!($case));
                let d = diff::diff(&old, &new);
                insta::assert_snapshot!("text", diff::render_text(&d, false));
                insta::assert_snapshot!("markdown", diff::render_markdown(&d));
                insta::assert_snapshot!("json", diff::render_json(&d));
            }
        }
    )*};
}

snapshots!(
    types,
    properties,
    navigation,
    enums,
    type_definitions,
    operations,
    container,
    container_rename,
    capabilities,
);

/// `breaking|ok added|removed|changed <kind> <element> [aspect]`, one line per change.
fn verdicts(d: &SchemaDiff) -> Vec<String> {
    d.changes()
        .iter()
        .map(|c| {
            let mut line = format!(
                "{} {} {} {}",
                if c.breaking { "breaking" } else { "ok" },
                c.change,
                c.kind.as_str(),
                c.element
            );
            if let Some(a) = c.aspect {
                line.push(' ');
                line.push_str(a);
            }
            line
        })
        .collect()
}

/// Asserts that the diff of `case` is exactly `expected` (lines as [`verdicts`] writes
/// them; a `#` starts the comment naming the rule).
fn check(case: &str, expected: &[&str]) {
    let (old, new) = pair(case);
    let d = diff::diff(&old, &new);
    let mut actual = verdicts(&d);
    actual.sort();
    let mut expected: Vec<String> = expected
        .iter()
        .map(|l| l.split('#').next().unwrap_or_default().trim().to_owned())
        .collect();
    expected.sort();
    let missing: Vec<&String> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let unexpected: Vec<&String> = actual.iter().filter(|a| !expected.contains(a)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "{case}\nmissing:\n  {}\nunexpected:\n  {}",
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

#[test]
fn rules_types() {
    check(
        "types",
        &[
            "breaking changed entity_type Shop.Bag open              # no longer open",
            "ok changed entity_type Shop.Box open                    # became open",
            "breaking changed entity_type Shop.Draft abstract        # became abstract",
            "ok changed entity_type Shop.Template abstract           # no longer abstract",
            "ok added entity_type Shop.Fresh                         # added type",
            "ok added entity_type Shop.Tracked",
            "breaking removed entity_type Shop.Legacy                # removed type",
            "breaking changed entity_type Shop.Order key             # key changed",
            "breaking changed entity_type Shop.Photo has_stream      # lost its stream",
            "ok changed entity_type Shop.Video has_stream            # gained a stream",
            "breaking changed entity_type Shop.Product base_type     # base type changed",
            "ok added property Shop.Product/Editor                   # inherited, nullable",
            "breaking added property Shop.Product/Revision           # inherited, non-nullable, no default",
            "breaking removed property Shop.Product/Tags             # no longer inherited",
            "ok added navigation_property Shop.Product/History       # inherited navigation",
            "breaking removed navigation_property Shop.Product/Owner # no longer inherited",
            "ok changed complex_type Shop.Address open",
            "breaking changed complex_type Shop.Note open",
            "ok added complex_type Shop.NewComplex",
            "breaking removed complex_type Shop.OldComplex",
            "breaking removed complex_type Shop.Shape                # kind changed: complex removed ...",
            "ok added entity_type Shop.Shape                         # ... entity added",
        ],
    );
}

#[test]
fn rules_properties() {
    check(
        "properties",
        &[
            "breaking removed property Shop.Customer/Removed            # removed property",
            "breaking changed property Shop.Customer/Age type           # narrowed, both ways",
            "breaking changed property Shop.Customer/Score type         # widened, both ways",
            "breaking changed property Shop.Customer/Rank type          # widened, read-only",
            "ok changed property Shop.Customer/Level type               # narrowed, read-only",
            "ok changed property Shop.Customer/Code type                # type definition of the same primitive",
            "breaking changed property Shop.Customer/Note type          # incompatible",
            "breaking changed property Shop.Customer/Emails collection  # collection -> single",
            "breaking changed property Shop.Customer/Nick nullable      # became non-nullable, writable",
            "breaking changed property Shop.Customer/City nullable      # became nullable",
            "ok changed property Shop.Customer/Serial nullable          # became non-nullable, read-only",
            "breaking changed property Shop.Customer/Title max_length   # MaxLength reduced",
            "ok changed property Shop.Customer/Bio max_length           # MaxLength raised",
            "breaking changed property Shop.Customer/Balance precision  # Precision reduced",
            "ok changed property Shop.Customer/Balance scale            # Scale raised",
            "breaking changed property Shop.Customer/Home srid          # SRID changed",
            "breaking changed property Shop.Customer/Motto unicode      # Unicode turned off",
            "breaking changed property Shop.Customer/Tier default_value # default removed, non-nullable",
            "ok changed property Shop.Customer/Locale default_value     # default changed",
            "ok changed property Shop.Customer/Status default_value     # default added",
            "breaking changed property Shop.Customer/Created read_only  # became Core.Computed",
            "ok changed property Shop.Customer/Secret read_only         # Permissions=Read dropped",
            "breaking changed property Shop.Customer/Region immutable   # became Core.Immutable",
            "ok changed property Shop.Customer/Moved declared_in        # moved to the base type",
            "ok added property Shop.Base/Moved",
            "ok added property Shop.Customer/Optional                   # nullable",
            "breaking added property Shop.Customer/Required             # non-nullable, no default, insertable",
            "ok added property Shop.Customer/Defaulted                  # non-nullable with default",
            "ok added property Shop.Customer/Counter                    # non-nullable, Core.Computed",
            "ok added property Shop.Customer/Labels                     # collection",
            "ok added property Shop.Log/Level                           # non-nullable, Logs not insertable",
            "breaking added property Shop.Address/Zip                   # non-nullable in a complex type",
            "ok added type_definition Shop.CodeType",
        ],
    );
}

#[test]
fn rules_navigation() {
    check(
        "navigation",
        &[
            "breaking removed navigation_property Shop.Person/Friends",
            "ok added navigation_property Shop.Person/Assistant",
            "breaking changed navigation_property Shop.Person/Boss target      # narrowed to a derived type",
            "breaking changed navigation_property Shop.Person/Mentor target    # widened to a base type",
            "breaking changed navigation_property Shop.Person/Car target       # unrelated type",
            "breaking changed navigation_property Shop.Person/Teams collection",
            "breaking changed navigation_property Shop.Person/Docs contains_target",
            "breaking changed navigation_property Shop.Person/Spouse nullable  # became nullable",
            "ok changed navigation_property Shop.Person/Pet nullable           # became non-nullable",
            "ok changed navigation_property Shop.Person/Home partner",
            "ok changed navigation_property Shop.House/Owner partner",
            "ok changed navigation_property Shop.Person/Orders on_delete",
            "ok changed navigation_property Shop.Person/Account referential_constraints",
            "ok changed navigation_property Shop.Employee/Desk declared_in     # moved to the base type",
            "ok added navigation_property Shop.Person/Desk",
        ],
    );
}

#[test]
fn rules_enums() {
    check(
        "enums",
        &[
            "ok added enum_member Shop.Color/Yellow             # fallback variant",
            "breaking removed enum_member Shop.Color/Green",
            "breaking changed enum_member Shop.Color/Blue value",
            "breaking changed enum_type Shop.Access is_flags     # no longer flags",
            "breaking changed enum_type Shop.Mode is_flags       # became flags",
            "breaking changed enum_member Shop.Mode/On value     # implicit 0 -> 1",
            "breaking changed enum_member Shop.Mode/Off value",
            "ok changed enum_type Shop.Size underlying_type      # widened",
            "breaking changed enum_type Shop.Tiny underlying_type # narrowed",
            "ok added enum_type Shop.Fresh",
            "breaking removed enum_type Shop.Gone",
        ],
    );
}

#[test]
fn rules_type_definitions() {
    check(
        "type_definitions",
        &[
            "breaking changed type_definition Shop.Count underlying_type # widened, used both ways",
            "breaking changed type_definition Shop.Money precision       # reduced",
            "ok changed type_definition Shop.Name max_length             # raised",
            "ok added type_definition Shop.Fresh",
            "breaking removed type_definition Shop.Old",
            "ok changed property Shop.Price/Label type                   # same primitive and facets",
        ],
    );
}

#[test]
fn rules_operations() {
    check(
        "operations",
        &[
            "ok added parameter Shop.Archive(Shop.Doc)/Comment        # nullable action parameter",
            "breaking added parameter Shop.Archive(Shop.Doc)/Notify   # required parameter",
            "breaking removed action Shop.Copy(Shop.Doc)              # binding changed: removed ...",
            "ok added action Shop.Copy(Shop.Folder)                   # ... and added",
            "breaking changed function Shop.Count() return_nullable   # return type became nullable",
            "ok changed function Shop.Count() return_type             # return type narrowed",
            "breaking added parameter Shop.Find(; Id)/Exact           # overloads paired by parameter names",
            "ok added function Shop.Lookup(; Code)                    # overload added",
            "breaking changed action Shop.Ping() return_type          # return type removed",
            "ok changed action Shop.Touch() return_type               # return type added",
            "ok added function Shop.Publish()",
            "breaking removed action Shop.Purge(Shop.Doc)",
            "ok changed function Shop.Related(Shop.Doc) entity_set_path",
            "breaking changed function Shop.Search(Collection(Shop.Doc)) is_composable",
            "ok added parameter Shop.Search(Collection(Shop.Doc))/Limit  # Core.OptionalParameter",
            "breaking changed parameter Shop.Search(Collection(Shop.Doc))/Query optional # became required",
            "breaking changed action Shop.Send() return_type          # return type widened",
            "breaking changed parameter Shop.Send()/Cc nullable       # became non-nullable",
            "breaking removed parameter Shop.Send()/Priority",
            "ok changed parameter Shop.Send()/Retries type            # widened parameter",
            "breaking changed parameter Shop.Send()/Subject max_length # reduced on a parameter",
            "ok changed parameter Shop.Send()/To nullable             # became nullable",
        ],
    );
}

#[test]
fn rules_container() {
    check(
        "container",
        &[
            "breaking changed entity_container Shop.Service KeyAsSegmentSupported",
            "ok added singleton Shop.Service/Admin",
            "breaking removed singleton Shop.Service/Boss",
            "ok changed entity_set Shop.Service/Cars include_in_service_document",
            "breaking changed entity_set Shop.Service/Fleet entity_type",
            "ok added entity_set Shop.Service/Managers",
            "breaking changed singleton Shop.Service/Me nullable",
            "breaking removed entity_set Shop.Service/Old",
            "ok removed navigation_binding Shop.Service/People/Car        # only withdraws information",
            "breaking changed navigation_binding Shop.Service/People/Manager target",
            "ok added navigation_binding Shop.Service/People/Pets",
            "breaking changed function_import Shop.Service/Recent entity_set",
            "breaking removed action_import Shop.Service/Reset",
            "ok added action_import Shop.Service/Restart",
            "breaking changed function_import Shop.Service/Top operation",
        ],
    );
    check(
        "container_rename",
        &[
            "ok changed entity_container Shop.Service name",
            "breaking changed entity_set Shop.Service/Cars entity_type # children matched by name",
        ],
    );
}

#[test]
fn rules_capabilities() {
    check(
        "capabilities",
        &[
            "breaking changed capability Shop.Service/Me/Messages DeleteRestrictions/Deletable # on the type",
            "breaking changed capability Shop.Service/Me/Messages FilterRestrictions/NonFilterableProperties # on the path",
            "breaking changed capability Shop.Service/Me/Messages/Attachments Navigability # 2 deep, RestrictedProperties",
            "breaking changed capability Shop.Service/Me/Messages/Attachments Navigable",
            "breaking changed capability Shop.Service/Users ChangeTracking/Supported",
            "ok changed capability Shop.Service/Users CountRestrictions/Countable",
            "ok changed capability Shop.Service/Users DeleteRestrictions/Deletable",
            "breaking changed capability Shop.Service/Users ExpandRestrictions/MaxLevels",
            "breaking changed capability Shop.Service/Users ExpandRestrictions/NonExpandableProperties",
            "breaking changed capability Shop.Service/Users FilterFunctions",
            "breaking changed capability Shop.Service/Users FilterRestrictions/NonFilterableProperties",
            "breaking changed capability Shop.Service/Users FilterRestrictions/RequiredProperties",
            "breaking changed capability Shop.Service/Users FilterRestrictions/RequiresFilter",
            "breaking changed capability Shop.Service/Users InsertRestrictions/Insertable",
            "breaking changed capability Shop.Service/Users ReadRestrictions/CustomHeaders",
            "breaking changed capability Shop.Service/Users SearchRestrictions/Searchable",
            "ok changed capability Shop.Service/Users SkipSupported",
            "breaking changed capability Shop.Service/Users SortRestrictions/AscendingOnlyProperties",
            "breaking changed capability Shop.Service/Users SortRestrictions/NonSortableProperties",
            "breaking changed capability Shop.Service/Users TopSupported",
            "breaking changed capability Shop.Service/Users UpdateRestrictions/NonUpdatableProperties",
            "breaking changed capability Shop.Service/Users UpdateRestrictions/UpdateMethod",
        ],
    );
    // The Users restrictions also hold where a binding leads into Users; one change each.
    let (old, new) = pair("capabilities");
    let d = diff::diff(&old, &new);
    let top = d
        .changes()
        .iter()
        .find(|c| c.aspect == Some("TopSupported"))
        .expect("TopSupported change");
    assert_eq!(
        top.also,
        ["Shop.Service/Me/Manager", "Shop.Service/Users/Manager"]
    );
    // Depth 0 only: the paths below the sets are not compared.
    let mut options = diff::DiffOptions::new();
    options.capability_depth(0);
    let shallow = diff::diff_with(&old, &new, &options);
    assert_eq!(shallow.capability_paths(), 2);
    assert!(shallow.changes().iter().all(|c| c.also.is_empty()));
    assert!(
        !shallow
            .changes()
            .iter()
            .any(|c| c.element.contains("Messages"))
    );
    // Users, Me; their Messages and Manager; Messages/Attachments and Manager/Messages
    // below each (Manager/Manager follows one navigation property twice).
    assert_eq!(d.capability_paths(), 2 + 4 + 4);
}

#[test]
fn identical_documents_give_an_empty_diff() {
    for case in CASES {
        let (old, new) = pair(case);
        for m in [&old, &new] {
            let d = diff::diff(m, m);
            assert!(d.is_empty(), "{case}: {:#?}", d.changes());
            assert!(!d.has_breaking());
            assert_eq!(diff::render_text(&d, false), "no differences\n");
            assert_eq!(
                diff::render_markdown(&d),
                "## Schema diff\n\nNo differences.\n"
            );
        }
        // Two separately loaded copies of one document.
        assert!(diff::diff(&old, &load(case, "old")).is_empty(), "{case}");
    }
}

/// `element` with the main container's name replaced, so that changes of a renamed
/// container's children compare across both directions.
fn normalized(c: &Change, names: &[&str]) -> String {
    let mut e = c.element.clone();
    for n in names {
        if e == *n {
            e = "$container".into();
        } else if let Some(rest) = e.strip_prefix(&format!("{n}/")) {
            e = format!("$container/{rest}");
        }
    }
    e
}

#[test]
fn reverse_diff_mirrors_the_forward_diff() {
    for case in CASES {
        let (old, new) = pair(case);
        let names: Vec<&str> = [&old, &new]
            .iter()
            .filter_map(|m| {
                m.main_container()
                    .map(|c| m.entity_container(c).name.as_str())
            })
            .collect();
        let forward = diff::diff(&old, &new);
        let reverse = diff::diff(&new, &old);
        let mirror = |c: &Change| {
            let change = match c.change {
                ChangeKind::Added => ChangeKind::Removed,
                ChangeKind::Removed => ChangeKind::Added,
                ChangeKind::Changed => ChangeKind::Changed,
            };
            (
                c.kind,
                normalized(c, &names),
                change,
                c.aspect,
                c.new.clone(),
                c.old.clone(),
                c.also.clone(),
            )
        };
        let key = |c: &Change| {
            (
                c.kind,
                normalized(c, &names),
                c.change,
                c.aspect,
                c.old.clone(),
                c.new.clone(),
                c.also.clone(),
            )
        };
        let a: BTreeSet<_> = forward.changes().iter().map(mirror).collect();
        let b: BTreeSet<_> = reverse.changes().iter().map(key).collect();
        assert_eq!(a, b, "{case}");
        let (f, r) = (forward.summary().total, reverse.summary().total);
        assert_eq!(
            (f.added, f.removed, f.changed),
            (r.removed, r.added, r.changed),
            "{case}"
        );
        // Whatever is removed going forward breaks; whatever is added coming back does not
        // (a removal never breaks only for navigation bindings).
        for c in reverse.changes() {
            if c.change == ChangeKind::Added {
                let removal = forward.changes().iter().find(|f| {
                    f.change == ChangeKind::Removed
                        && f.kind == c.kind
                        && normalized(f, &names) == normalized(c, &names)
                });
                let removal = removal.unwrap_or_else(|| panic!("{case}: {}", c.element));
                assert!(
                    removal.breaking || c.kind == ElementKind::NavigationBinding,
                    "{case}: removing {} does not break",
                    c.element
                );
            }
        }
    }
}

#[test]
fn json_is_valid_and_matches_the_changes() {
    for case in CASES {
        let (old, new) = pair(case);
        let d = diff::diff(&old, &new);
        let json: serde_json::Value =
            serde_json::from_str(&diff::render_json(&d)).unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(json["version"], 1);
        let summary = d.summary();
        assert_eq!(json["summary"]["total"], summary.total.total());
        assert_eq!(json["summary"]["breaking"], summary.total.breaking);
        let by_kind = json["summary"]["by_kind"].as_object().expect("by_kind");
        assert_eq!(by_kind.len(), ElementKind::ALL.len());
        for kind in ElementKind::ALL {
            let counts = summary.by_kind.get(&kind).copied().unwrap_or_default();
            assert_eq!(
                by_kind[kind.as_str()]["added"],
                counts.added,
                "{case} {kind}"
            );
            assert_eq!(
                by_kind[kind.as_str()]["breaking"],
                counts.breaking,
                "{case} {kind}"
            );
        }
        let changes = json["changes"].as_array().expect("changes");
        assert_eq!(changes.len(), d.changes().len());
        for (j, c) in changes.iter().zip(d.changes()) {
            assert_eq!(j.as_object().map(|o| o.len()), Some(10));
            assert_eq!(j["kind"], c.kind.as_str());
            assert_eq!(j["element"], c.element.as_str());
            assert_eq!(j["namespace"], c.namespace.as_str());
            assert_eq!(j["change"], c.change.as_str());
            assert_eq!(j["aspect"].as_str(), c.aspect);
            assert_eq!(j["breaking"], c.breaking);
            assert_eq!(j["reason"], c.reason.as_str());
            assert_eq!(j["old"].as_str(), c.old.as_deref());
            assert_eq!(j["new"].as_str(), c.new.as_deref());
            assert_eq!(j["also"].as_array().map(Vec::len), Some(c.also.len()));
        }
    }
}

#[test]
fn outputs_are_deterministic_and_sorted() {
    for case in CASES {
        let (old, new) = pair(case);
        let a = diff::diff(&old, &new);
        let b = diff::diff(&load(case, "old"), &load(case, "new"));
        assert_eq!(a, b, "{case}");
        assert_eq!(diff::render_json(&a), diff::render_json(&b));
        let paths: Vec<&str> = a.changes().iter().map(|c| c.element.as_str()).collect();
        assert!(paths.windows(2).all(|w| w[0] <= w[1]), "{case}: {paths:?}");
    }
}

#[test]
fn text_colour_only_when_asked() {
    let (old, new) = pair("properties");
    let d = diff::diff(&old, &new);
    let plain = diff::render_text(&d, false);
    let colour = diff::render_text(&d, true);
    assert!(!plain.contains('\x1b'));
    assert!(colour.contains("\x1b[1;31mbreaking:\x1b[0m"));
    let stripped = colour
        .split('\x1b')
        .enumerate()
        .map(|(i, s)| {
            if i == 0 {
                s
            } else {
                s.split_once('m').map_or(s, |(_, r)| r)
            }
        })
        .collect::<String>();
    assert_eq!(stripped, plain);
}

#[test]
fn markdown_folds_and_caps_long_sections() {
    let (old, new) = pair("properties");
    let d = diff::diff(&old, &new);
    let md = diff::render_markdown(&d);
    assert!(md.contains("<details><summary>"), "{md}");
    let mut options = diff::MarkdownOptions::new();
    options.max_per_section(3);
    let capped = diff::render_markdown_with(&d, &options);
    let breaking_entity = d
        .breaking()
        .filter(|c| c.section == diff::Section::EntityTypes)
        .count();
    assert!(
        capped.contains(&format!("- … and {} more", breaking_entity - 3)),
        "{capped}"
    );
    assert!(capped.len() < md.len());
    // A size budget stops listing; every section still gives its count.
    let mut options = diff::MarkdownOptions::new();
    options.max_bytes(1_500);
    let small = diff::render_markdown_with(&d, &options);
    assert!(small.len() < 2_500, "{}", small.len());
    assert!(small.contains("#### Complex types (1)"), "{small}");
    assert!(small.contains("#### Type definitions (1)"), "{small}");
    assert!(
        small.matches("more (`odata diff --format json`").count() >= 2,
        "{small}"
    );
}
