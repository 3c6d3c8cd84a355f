//! The capability states of the request builders: how many there are, what they
//! allow, and where a restriction on a path stops.

use csdl_codegen::capabilities::{CapabilitySpace, SetRef};
use odata_parser::edm::vocab::{Capabilities, NavigationPath};
use odata_parser::edm::{MemberId, Model};

fn outlook() -> Model {
    Model::from_csdl_xml(include_str!(
        "../../generated-models/metadata/outlook-v2.0.xml"
    ))
    .unwrap()
}

fn features() -> Model {
    Model::from_csdl_xml(include_str!("cases/features/metadata.xml")).unwrap()
}

fn state<'s>(space: &'s CapabilitySpace, path: &str) -> &'s csdl_codegen::capabilities::StateSpec {
    space
        .states
        .iter()
        .find(|s| s.paths.iter().any(|p| p == path))
        .unwrap_or_else(|| panic!("no state lists {path}"))
}

#[test]
fn outlook_paths_fold_into_few_states() {
    let model = outlook();
    let space = CapabilitySpace::new(&model, 3);
    let deltas = (0..space.states.len())
        .filter(|s| space.is_delta(*s))
        .count();
    assert_eq!((space.path_count, space.states.len(), deltas), (278, 28, 3));
    // No Outlook annotation names a path longer than the depth: every state's
    // transitions lead to the home states.
    assert!(
        space
            .states
            .iter()
            .all(|s| s.transitions.as_ref().is_none_or(Vec::is_empty))
    );
    // `me/messages` and `users/messages` share a state; its filter set leaves
    // `BodyPreview` out and keeps `Subject`.
    let messages = state(&space, "Me/Messages");
    assert!(messages.paths.iter().any(|p| p == "Users/Messages"));
    let SetRef::Set(filter) = messages.filter else {
        panic!("a listed filter set")
    };
    let set = &space.member_sets[filter];
    let message = model
        .entity_type_by_name("Microsoft.OutlookServices.Message")
        .unwrap();
    let member =
        |name: &str| MemberId::Property(model.property_by_name(message.into(), name).unwrap());
    assert!(set.members.contains(&member("Subject")));
    assert!(!set.members.contains(&member("BodyPreview")));
    assert!(messages.flags.search && messages.delta.is_none());
    // A folder's messages can be synchronized, filtering on ReceivedDateTime only.
    let folder = state(&space, "Me/MailFolders/Messages");
    let delta = &space.states[folder.delta.unwrap()];
    let SetRef::Set(f) = delta.filter else {
        panic!()
    };
    assert_eq!(space.member_sets[f].members, [member("ReceivedDateTime")]);
}

#[test]
fn a_state_agrees_with_the_validators_lookup_for_each_of_its_paths() {
    let model = outlook();
    let space = CapabilitySpace::new(&model, 3);
    for (i, s) in space.states.iter().enumerate() {
        if space.is_delta(i) {
            continue;
        }
        for text in &s.paths {
            let path = NavigationPath::parse(&model, text).unwrap();
            let caps = Capabilities::for_path(&model, &path);
            assert_eq!(s.flags.filter, caps.filterable(), "{text}");
            assert_eq!(s.flags.search, caps.searchable(), "{text}");
            assert_eq!(s.flags.count, caps.countable(), "{text}");
            assert_eq!(
                s.delta.is_some(),
                caps.change_tracking_supported(),
                "{text}"
            );
        }
    }
}

#[test]
fn a_restriction_on_a_path_gives_that_path_its_own_state() {
    let model = features();
    let space = CapabilitySpace::new(&model, 3);
    // People/BestFriend/Notes is not filterable (a NavigationRestrictions entry of
    // People); People/Notes is, so People/BestFriend has its own transitions.
    assert_eq!(
        state(&space, "People/BestFriend/Notes").filter,
        SetRef::None
    );
    assert_eq!(state(&space, "People/Notes").filter, SetRef::All);
    assert!(state(&space, "People/BestFriend").transitions.is_some());
    // With a depth of 1 the path is not followed: BestFriend continues at its home
    // path (People/BestFriend itself), whose Notes are followed no further.
    let shallow = CapabilitySpace::new(&model, 1);
    assert!(shallow.states.len() < space.states.len());
    // Documents: not searchable, not countable, no inserts.
    let documents = state(&space, "Documents");
    assert!(!documents.flags.search && !documents.flags.count && !documents.flags.insert);
}

#[test]
fn states_are_deterministic() {
    let model = outlook();
    let a = CapabilitySpace::new(&model, 3);
    let b = CapabilitySpace::new(&model, 3);
    let names = |s: &CapabilitySpace| s.states.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
}
