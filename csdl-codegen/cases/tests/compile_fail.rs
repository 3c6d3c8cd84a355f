//! The fixture's capability annotations are compile errors when violated: one case
//! per kind of restriction, each with its `.stderr` naming the member and the rule.
//! (`generated-models/tests/compile_fail` covers the Outlook filter, filter-function,
//! search and change-tracking cases.)

#[test]
fn capability_violations_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile_fail/*.rs");
}
