//! The request-builder runtime (`odata_parser::client::{query, request}`) on its
//! own: the pieces generated code calls, and what they print.

use odata_parser::client::request::{
    Action, Function, FunctionArgs, NoContent, PropertyValue, Root,
};
use odata_parser::client::serde_json::json;
use odata_parser::{ODataUri, ParseOptions};

#[test]
fn service_roots_get_a_trailing_slash() {
    assert_eq!(Root::new("https://h/s").as_str(), "https://h/s/");
    assert_eq!(Root::new("https://h/s/").as_str(), "https://h/s/");
}

#[test]
fn function_arguments_are_literals_or_json_aliases() {
    let root = Root::new("https://h/s");
    let args = FunctionArgs::new()
        .literal("Count", 3)
        .literal("Name", "O'Neil")
        .json("Filter", &json!({"a": [1, "x"], "b": null}));
    let request = Function::<PropertyValue<i32>>::new(root.child("People").call("Ns.Top", args))
        .build()
        .unwrap();
    let url = request.uri().to_string();
    assert_eq!(
        url,
        "https://h/s/People/Ns.Top(Count=3,Name='O''Neil',Filter=@p_Filter)?@p_Filter=%7B%22a%22:%5B1,%22x%22%5D,%22b%22:null%7D"
    );
    // The URL reads back as the call with its alias.
    let uri = ODataUri::parse_with_root(&url, "https://h/s/", &ParseOptions::strict()).unwrap();
    let alias = uri.query().unwrap().alias("p_Filter").unwrap();
    assert_eq!(alias.to_string(), r#"{"a":[1,"x"],"b":null}"#);
    assert_eq!(uri.resource().segments.len(), 2);
}

#[test]
fn an_action_without_parameters_has_no_body() {
    let root = Root::new("https://h/s/");
    let request = Action::<NoContent>::without_parameters(root.child("Reset"))
        .build()
        .unwrap();
    assert_eq!(request.method(), "POST");
    assert!(request.body().is_empty());
    let with = Action::<NoContent>::new(root.child("Reset"), &json!({"Force": true}))
        .header("If-Match", "*")
        .build()
        .unwrap();
    assert_eq!(with.body(), br#"{"Force":true}"#);
    assert_eq!(with.headers()["Content-Type"], "application/json");
}
