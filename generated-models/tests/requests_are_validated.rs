//! Every request the tests build goes through `support::validated` (which validates
//! it against the Outlook model and profile): no test file other than the helper
//! calls `build` or `build_with_reader` itself.

#[test]
fn no_test_builds_a_request_without_validating_it() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "requests_are_validated.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        checked += 1;
        for (n, line) in text.lines().enumerate() {
            if line.contains(".build()") || line.contains(".build_with_reader()") {
                // Building to check that a request is refused is allowed: it fails.
                let refused = line.contains("unwrap_err")
                    || text
                        .lines()
                        .nth(n + 1)
                        .is_some_and(|l| l.contains("is_err") || l.contains("unwrap_err"));
                let expects_error = text.lines().skip(n.saturating_sub(8)).take(10).any(|l| {
                    l.contains("unwrap_err")
                        || l.contains("is_err()")
                        || l.contains("Err(BuildError")
                });
                assert!(
                    refused || expects_error,
                    "{name}:{}: builds a request without `support::validated`: {line}",
                    n + 1
                );
            }
        }
    }
    assert!(checked >= 3, "only {checked} test files checked");
}
