//! # generated-models
//!
//! Rust models of the Outlook REST API v2.0 (`Microsoft.OutlookServices`),
//! generated at build time by `csdl-codegen` from `metadata/outlook-v2.0.xml`
//! (see `build.rs`): one struct per entity and complex type, an enum per
//! enumeration, `Any…` enums for base types whose values may be of a derived
//! type, and `…Update` structs for PATCH bodies. The runtime they need is
//! [`odata_parser::client`].
//!
//! ```
//! use generated_models::{AnyMessage, Importance, MessageUpdate};
//! use odata_parser::client::{CollectionResponse, serde_json};
//!
//! // A page of `GET /me/MailFolders('inbox')/messages?$select=Subject,Sender,Importance`.
//! let body = r##"{
//!   "@odata.context": "https://outlook.office.com/api/v2.0/$metadata#Me/MailFolders('inbox')/Messages(Subject,Sender,Importance)",
//!   "value": [
//!     {"Id": "AAMkAGI1", "Subject": "Lunch?", "Importance": "High",
//!      "Sender": {"EmailAddress": {"Name": "Alex D", "Address": "alexd@contoso.com"}}},
//!     {"@odata.type": "#Microsoft.OutlookServices.EventMessage", "Id": "AAMkAGI2",
//!      "Subject": "Rob:Alex 1:1", "Importance": "normal"}
//!   ],
//!   "@odata.nextLink": "https://outlook.office.com/api/v2.0/me/MailFolders('inbox')/messages?$skip=2"
//! }"##;
//! let page: CollectionResponse<AnyMessage> = serde_json::from_str(body)?;
//! let AnyMessage::Message(first) = &page.value[0] else { panic!("a plain message") };
//! assert_eq!(first.subject.as_deref(), Some("Lunch?"));
//! assert_eq!(first.importance, Some(Importance::High));
//! let sender = first.sender.as_ref().and_then(|s| s.email_address());
//! assert_eq!(sender.and_then(|a| a.address.as_deref()), Some("alexd@contoso.com"));
//! assert!(matches!(page.value[1], AnyMessage::EventMessage(_)));
//! assert!(page.next_link.is_some());
//!
//! // A PATCH body: only what is set is sent.
//! let patch = MessageUpdate { is_read: Some(true), ..Default::default() };
//! assert_eq!(serde_json::to_string(&patch)?, r#"{"IsRead":true}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Typed request builders come with the next part of issue 5.
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/outlook-v2.0.rs"));

/// The CSDL the models were generated from (`metadata/outlook-v2.0.xml`), for
/// tools that need the service's model at run time (the `odata` CLI embeds it).
pub const METADATA: &str = include_str!("../metadata/outlook-v2.0.xml");
