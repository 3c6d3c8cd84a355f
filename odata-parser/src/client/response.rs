//! Response bodies that are not model types: collections (with paging and
//! change-tracking links), deleted entries of a delta response, and the
//! OData error body.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::structured::{Structured, deserialize_structured};
use super::wire::{Int64, SkipNulls, Wire};

/// A collection response: `{"@odata.context": …, "value": [...], "@odata.nextLink": …}`.
///
/// `null` items of `value` are dropped. Members other than the ones below are
/// kept in [`Self::additional_properties`].
///
/// ```
/// use odata_parser::client::CollectionResponse;
///
/// let page: CollectionResponse<String> = serde_json::from_str(
///     r#"{"value": ["a", "b"], "@odata.nextLink": "https://host/next?$skiptoken=2", "@odata.count": 5}"#,
/// )?;
/// assert_eq!(page.value, ["a", "b"]);
/// assert_eq!(page.count, Some(5));
/// assert!(page.next_link.is_some() && page.delta_link.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionResponse<T> {
    /// `@odata.context`: the context URL.
    pub context: Option<String>,
    /// `@odata.count`: the total number of items, when requested with `$count=true`.
    pub count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, absent on the last page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL that returns the changes since this response
    /// (change tracking; on the last page of a delta round).
    pub delta_link: Option<String>,
    /// The items.
    pub value: Vec<T>,
    /// Other members, e.g. instance annotations.
    pub additional_properties: Map<String, Value>,
}

impl<T> Default for CollectionResponse<T> {
    fn default() -> Self {
        CollectionResponse {
            context: None,
            count: None,
            next_link: None,
            delta_link: None,
            value: Vec::new(),
            additional_properties: Map::new(),
        }
    }
}

/// A change-tracking (delta) response: changed entities and removed entries.
pub type DeltaResponse<T> = CollectionResponse<DeltaItem<T>>;

impl<T: DeserializeOwned> Structured for CollectionResponse<T> {
    const QUALIFIED_NAME: &'static str = "collection response";
    const MEMBERS: &'static [&'static str] = &[
        "@context",
        "@count",
        "@deltaLink",
        "@nextLink",
        "@odata.context",
        "@odata.count",
        "@odata.deltaLink",
        "@odata.nextLink",
        "value",
    ];

    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 | 4 => self.context = map.next_value()?,
            1 | 5 => self.count = map.next_value::<Wire<_, Option<Int64>>>()?.0,
            2 | 6 => self.delta_link = map.next_value()?,
            3 | 7 => self.next_link = map.next_value()?,
            _ => {
                self.value = map
                    .next_value::<Wire<Option<Vec<T>>, Option<SkipNulls>>>()?
                    .0
                    .unwrap_or_default();
            }
        }
        Ok(())
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for CollectionResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_structured(deserializer)
    }
}

impl<T: Serialize> Serialize for CollectionResponse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(c) = &self.context {
            map.serialize_entry("@odata.context", c)?;
        }
        if let Some(c) = &self.count {
            map.serialize_entry("@odata.count", c)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(l) = &self.next_link {
            map.serialize_entry("@odata.nextLink", l)?;
        }
        if let Some(l) = &self.delta_link {
            map.serialize_entry("@odata.deltaLink", l)?;
        }
        for (k, v) in &self.additional_properties {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// An item of a delta response: a new or changed entity, or a removed entry.
#[derive(Clone, Debug, PartialEq)]
pub enum DeltaItem<T> {
    /// A new or changed entity (with the changed properties, or all of them).
    Changed(T),
    /// An entity that was deleted or left the tracked collection.
    Removed(RemovedEntity),
}

impl<T: Serialize> Serialize for DeltaItem<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DeltaItem::Changed(v) => v.serialize(serializer),
            DeltaItem::Removed(r) => r.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for DeltaItem<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let shape: RemovalShape = serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
        if shape.is_removal() {
            serde_json::from_str(raw.get())
                .map(DeltaItem::Removed)
                .map_err(de::Error::custom)
        } else {
            serde_json::from_str(raw.get())
                .map(DeltaItem::Changed)
                .map_err(de::Error::custom)
        }
    }
}

/// A removed entry of a delta response, kept member for member.
///
/// Recognized forms: OData 4.01 `{"@removed": {"reason": "deleted"}, "@id": …}`
/// (also `@odata.removed`), OData 4.0 deleted entities (`@odata.context`
/// ending in `$deletedEntity`, with `id` and `reason`), and the bare
/// `{"id": …, "reason": …}` Outlook v2.0 sends.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RemovedEntity {
    /// The members as received.
    pub members: Map<String, Value>,
}

impl RemovedEntity {
    /// The id or read URL of the removed entity.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        ["id", "@odata.id", "@id"]
            .iter()
            .find_map(|k| self.members.get(*k)?.as_str())
    }

    /// Why it was removed: `deleted` or `changed` (left the collection).
    #[must_use]
    pub fn reason(&self) -> Option<&str> {
        let removed = ["@removed", "@odata.removed"]
            .iter()
            .find_map(|k| self.members.get(*k));
        removed
            .and_then(|r| r.get("reason"))
            .or_else(|| self.members.get("reason"))
            .and_then(Value::as_str)
    }
}

impl Serialize for RemovedEntity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RemovedEntity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(|members| RemovedEntity { members })
    }
}

/// What decides whether a delta item is a removal: its member names.
#[derive(Default)]
struct RemovalShape {
    removed_annotation: bool,
    deleted_context: bool,
    has_reason: bool,
    has_id: bool,
    other_properties: bool,
}

impl RemovalShape {
    fn is_removal(&self) -> bool {
        self.removed_annotation
            || self.deleted_context
            || (self.has_reason && self.has_id && !self.other_properties)
    }
}

impl<'de> Deserialize<'de> for RemovalShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RemovalShape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RemovalShape, A::Error> {
                let mut shape = RemovalShape::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "@removed" | "@odata.removed" => shape.removed_annotation = true,
                        "@odata.context" | "@context" => {
                            if let Some(c) = map.next_value::<Option<String>>()? {
                                shape.deleted_context = c.ends_with("$deletedEntity");
                            }
                            continue;
                        }
                        "reason" => shape.has_reason = true,
                        "id" => shape.has_id = true,
                        k if k.starts_with('@') || k.contains('@') => {}
                        _ => shape.other_properties = true,
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(shape)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// The body of an OData error response: `{"error": {"code": …, "message": …}}`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorResponse {
    /// The error.
    pub error: ODataError,
}

/// An OData error: a service-defined code and a human-readable message, with
/// optional target, details and inner error.
///
/// ```
/// use odata_parser::client::ErrorResponse;
///
/// let body = r#"{"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found in the store."}}"#;
/// let e: ErrorResponse = serde_json::from_str(body)?;
/// assert_eq!(e.error.code, "ErrorItemNotFound");
/// assert_eq!(e.to_string(), "ErrorItemNotFound: The specified object was not found in the store.");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataError {
    /// A service-defined error code.
    #[serde(default)]
    pub code: String,
    /// A human-readable message.
    #[serde(default)]
    pub message: String,
    /// The target of the error (a property name, for example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Further errors that caused this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ODataErrorDetail>,
    /// Service-defined debugging information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innererror: Option<Value>,
    /// Other members (instance annotations).
    #[serde(flatten)]
    pub additional_properties: Map<String, Value>,
}

/// An item of an error's `details`.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataErrorDetail {
    /// A service-defined error code.
    #[serde(default)]
    pub code: String,
    /// A human-readable message.
    #[serde(default)]
    pub message: String,
    /// The target of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Other members.
    #[serde(flatten)]
    pub additional_properties: Map<String, Value>,
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ODataError {}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for ErrorResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
