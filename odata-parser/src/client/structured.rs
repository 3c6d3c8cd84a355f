//! Entity and complex types: reading members one by one, keeping those the
//! metadata does not declare, and choosing a derived type by `@odata.type`.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde::ser::Serializer;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// A generated entity or complex type, read member by member.
///
/// Generated code implements this trait and forwards `Deserialize` to
/// [`deserialize_structured`]: members the type declares are read into their
/// fields, every other member (dynamic properties of open types, instance
/// annotations such as `Attachments@odata.context`, properties a service
/// added after its metadata was written) is kept in the additional-properties
/// map, so that writing the value back loses nothing. Members missing from the
/// payload keep their `Default` (a `$select` leaves most of them out).
///
/// Unlike `#[serde(flatten)]`, this reads straight from the deserializer:
/// nothing is buffered, and numbers keep their exact text (see [`crate::client::Decimal`]).
pub trait Structured: Default {
    /// The qualified name, e.g. `Microsoft.OutlookServices.Message`.
    const QUALIFIED_NAME: &'static str;

    /// Reads the member `name` if the type declares it; returns `false` (without
    /// reading the value) otherwise.
    ///
    /// # Errors
    ///
    /// The member's value does not match its declared type.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The map that keeps undeclared members.
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value>;
}

/// A member name, borrowed from the input when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Deserializes a [`Structured`] type from a JSON object.
///
/// # Errors
///
/// The input is not an object, or a declared member has a value of the wrong type.
pub fn deserialize_structured<'de, T: Structured, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Structured> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a JSON object of type {}", T::QUALIFIED_NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if !out.read_member(key.as_str(), &mut map)? {
                    let value = map.next_value::<Value>()?;
                    out.additional_properties_mut()
                        .insert(key.into_owned(), value);
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(V(std::marker::PhantomData))
}

/// Reads the value of a collection member: `null` or an array whose `null`
/// items are dropped (generated `read_member` uses it for collections of types
/// with their own serde implementation).
///
/// # Errors
///
/// The value is neither `null` nor an array of `T`.
pub fn next_collection<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<Vec<T>>, A::Error> {
    Ok(map
        .next_value::<crate::client::wire::Wire<Option<Vec<T>>, Option<crate::client::wire::SkipNulls>>>()?
        .0)
}

/// Writes `@odata.type`: the value read or set, else `#` and the type's
/// qualified name (generated code uses this for derived types, whose type a
/// receiver cannot infer from the declared type).
///
/// # Errors
///
/// Whatever the serializer reports.
pub fn serialize_odata_type<T: Structured, S: Serializer>(
    value: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.serialize_str(v),
        None => serializer.collect_str(&format_args!("#{}", T::QUALIFIED_NAME)),
    }
}

/// An object read ahead so that its `@odata.type` can choose the Rust type to
/// read it as (the polymorphic enums of generated code).
///
/// The object is kept as its exact JSON text, so reading it again loses
/// nothing. This requires `serde_json` (from text or from a `serde_json::Value`).
pub struct Polymorphic {
    raw: Box<RawValue>,
    type_name: Option<String>,
}

impl Polymorphic {
    /// The `@odata.type` (or 4.01 `@type`) of the object without its leading `#`.
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        self.type_name
            .as_deref()
            .map(|t| t.strip_prefix('#').unwrap_or(t))
    }

    /// The object's JSON text.
    #[must_use]
    pub fn json(&self) -> &str {
        self.raw.get()
    }

    /// Reads the object as a `T`.
    ///
    /// # Errors
    ///
    /// The object does not match `T`.
    pub fn parse<T: DeserializeOwned, E: de::Error>(&self) -> Result<Box<T>, E> {
        serde_json::from_str(self.raw.get())
            .map(Box::new)
            .map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Polymorphic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let tag: TypeTag = serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
        Ok(Polymorphic {
            raw,
            type_name: tag.0,
        })
    }
}

/// Reads only the `@odata.type` of an object.
struct TypeTag(Option<String>);

impl<'de> Deserialize<'de> for TypeTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TypeTag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TypeTag, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if found.is_none() && matches!(key.as_str(), "@odata.type" | "@type") {
                        found = map.next_value::<Option<String>>()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(TypeTag(found))
            }
        }
        deserializer.deserialize_map(V)
    }
}
