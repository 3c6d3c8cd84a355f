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
//! ## Requests
//!
//! [`EntityContainer`] addresses the service (`EntityContainer::new()` uses
//! `https://outlook.office.com/api/v2.0/`; `with_root` takes another root). Its
//! methods, and the navigation methods of every resource, lead to typed request
//! builders that produce an [`http::Request`](odata_parser::client::http::Request)
//! any HTTP client can send. The five most recent unread messages from one sender,
//! with only the subject and sender:
//!
//! ```
//! use generated_models::EntityContainer;
//!
//! let outlook = EntityContainer::new();
//! let request = outlook
//!     .me()
//!     .messages()
//!     .list()
//!     .filter(|m| {
//!         m.is_read()
//!             .eq(false)
//!             .and(m.from().email_address().address().eq("alexd@contoso.com"))
//!     })
//!     // Outlook wants the filtered properties first in $orderby, in order.
//!     .orderby(|m| (m.is_read(), m.from().email_address().address(), m.received_date_time().desc()))
//!     .select(|m| (m.subject(), m.sender()))
//!     .top(5)
//!     .build()?;
//! assert_eq!(
//!     request.uri(),
//!     "https://outlook.office.com/api/v2.0/Me/Messages?$filter=IsRead%20eq%20false%20and%20From/EmailAddress/Address%20eq%20'alexd@contoso.com'&$orderby=IsRead,From/EmailAddress/Address,ReceivedDateTime%20desc&$select=Subject,Sender&$top=5"
//! );
//! # // The request passes the validator with the Outlook profile.
//! # let model = odata_parser::edm::Model::from_csdl_xml(generated_models::METADATA)?;
//! # let validator = odata_parser::bind::Validator::new(&model).profile(odata_parser::bind::Profile::outlook_v2());
//! # let url = request.uri().to_string();
//! # assert!(validator.validate_url(&url).is_clean());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Only what the service allows compiles: `filter` offers the properties the
//! resource's `FilterRestrictions` allow, the operators and functions its
//! `FilterFunctions` list (no `contains` or `startswith` on Outlook), `search` only
//! where `SearchRestrictions` allow it; a violation is a compile error naming the
//! property and the rule:
//!
//! ```compile_fail
//! # use generated_models::EntityContainer;
//! // error[E0277]: property `generated_models::members::message::BodyPreview` cannot be used in $filter here
//! EntityContainer::new().me().messages().list().filter(|m| m.body_preview().eq("lunch"));
//! ```
//!
//! The capability states are in [`capabilities`] (one per distinct set of
//! capabilities of the container's paths), the member markers they name in
//! [`members`].
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/outlook-v2.0.rs"));

/// The CSDL the models were generated from (`metadata/outlook-v2.0.xml`), for
/// tools that need the service's model at run time (the `odata` CLI embeds it).
pub const METADATA: &str = include_str!("../metadata/outlook-v2.0.xml");
