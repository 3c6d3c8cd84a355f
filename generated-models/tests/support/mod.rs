//! The one way the builder tests obtain a request: [`validated`] builds it and
//! validates it against the Outlook model with the Outlook v2.0 profile, failing
//! the test on any error. `tests/requests_are_validated.rs` checks that no test
//! builds a request another way.
//!
//! With `ODATA_VALIDATED_LOG=<file>` set, every validated request is appended to
//! the file (`METHOD URL`, then its warnings), which is how the report counts them.

#![allow(dead_code)]

use std::io::Write as _;
use std::str::FromStr;
use std::sync::OnceLock;

use odata_parser::bind::{Method, Profile, Report, Request, Validator};
use odata_parser::client::http;
use odata_parser::client::request::{ODataRequest, ResponseReader};
use odata_parser::edm::Model;

/// The validator of the Outlook model and profile, built once per test binary.
pub fn validator() -> &'static Validator<'static> {
    static MODEL: OnceLock<Model> = OnceLock::new();
    static VALIDATOR: OnceLock<Validator<'static>> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let model = MODEL.get_or_init(|| Model::from_csdl_xml(generated_models::METADATA).unwrap());
        Validator::new(model).profile(Profile::outlook_v2())
    })
}

/// The report of validating a built request (method, URL, headers).
pub fn report(request: &http::Request<Vec<u8>>) -> Report {
    let url = request.uri().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    let mut r = Request::new(Method::from_str(request.method().as_str()).unwrap(), &url);
    for (k, v) in &headers {
        r = r.header(k, v);
    }
    validator().validate(&r)
}

/// Builds `builder` and validates the request: any error diagnostic fails the test.
#[track_caller]
pub fn validated<R: ODataRequest>(builder: R) -> http::Request<Vec<u8>> {
    validated_with_reader(builder).0
}

/// [`validated`], with the reader of the request's response.
#[track_caller]
pub fn validated_with_reader<R: ODataRequest>(
    builder: R,
) -> (http::Request<Vec<u8>>, ResponseReader<R::Output>) {
    let (request, reader) = builder.build_with_reader().expect("the request builds");
    let report = report(&request);
    let errors: Vec<String> = report
        .errors()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "{} {} does not validate: {errors:#?}",
        request.method(),
        request.uri()
    );
    if let Some(path) = std::env::var_os("ODATA_VALIDATED_LOG") {
        let warnings: Vec<String> = report.warnings().map(|d| d.code.to_string()).collect();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        writeln!(
            file,
            "{} {}\t{}",
            request.method(),
            request.uri(),
            warnings.join(",")
        )
        .unwrap();
    }
    (request, reader)
}
