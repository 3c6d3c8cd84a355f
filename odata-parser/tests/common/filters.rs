//! Filters shared by the parser benchmarks (`benches/parse.rs`) and the allocation
//! test (`tests/parse_alloc.rs`), included by path.

/// `$filter` values from `shared/seeds/003…` (Outlook REST API v2.0 reference), decoded.
pub const SEED_FILTERS: &[&str] = &[
    "From/EmailAddress/Address eq 'hr@contoso.com'",
    "Start/DateTime ge '2016-04-01T08:00'",
    "Subject eq 'Mega Charity Bash'",
    "IsRead eq false",
    "HasAttachments eq true",
    "ReceivedDateTime ge 2014-09-01",
    "Importance eq 'High'",
    "Subject eq 'Good Times' AND Importance eq 'High'",
    "isread eq false",
];

/// The parts of the benchmarks' ~2 KB composite filter, which between them use most of
/// the expression grammar.
pub const COMPOSITE_PARTS: &[&str] = &[
    "(From/EmailAddress/Address eq 'hr@contoso.com' or startswith(Subject,'Re: ') and not IsRead)",
    "ReceivedDateTime ge 2014-09-01T08:00:00Z and ReceivedDateTime lt 2014-10-01T00:00:00.000Z",
    "Importance in ('High','Normal') and Categories/any(c:c eq 'Red category' or c eq 'Blue category')",
    "contains(tolower(Subject),'charity') and length(Body/Content) gt 100 mul 2 add 5",
    "ToRecipients/all(r:endswith(r/EmailAddress/Address,'@contoso.com'))",
    "Sensitivity has Microsoft.OutlookServices.Sensitivity'Private' and Flag/FlagStatus ne 'Complete'",
    "Start/DateTime ge '2016-04-01T08:00' and End/DateTime le '2016-04-30T18:00' and IsAllDay eq false",
    "round(Size div 1024) ge 10 and Attachments/$count gt 0 and HasAttachments eq true",
    "geo.distance(Location/Coordinates,geography'SRID=4326;Point(-122.13 47.64)') lt 1000.5",
    "case(Importance eq 'High':1,Importance eq 'Low':-1,true:0) eq 1 and ConversationId ne null",
];
