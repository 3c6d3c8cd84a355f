//! Capability violations are compile errors whose message names the property (or
//! function, or option) and the rule: one case per kind, each with its `.stderr`.
//! (Each case costs a compilation, so there are few.)

#[test]
fn capability_violations_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile_fail/*.rs");
}
