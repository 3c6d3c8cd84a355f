//! Entity and complex types: reading members one by one, keeping those the
//! metadata does not declare, and choosing a derived type by `@odata.type`.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
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
/// The member table and the index-based `read_member` keep the generated code
/// small for the compiler: one integer `match` with one call per member.
pub trait Structured: Default {
    /// The qualified name, e.g. `Microsoft.OutlookServices.Message`.
    const QUALIFIED_NAME: &'static str;

    /// The member names the type declares (with the control information
    /// `@odata.type`, …), sorted by byte value for binary search.
    const MEMBERS: &'static [&'static str];

    /// Reads the value of the member `MEMBERS[index]` into its field.
    ///
    /// # Errors
    ///
    /// The member's value does not match its declared type.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// The map that keeps undeclared members.
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value>;
}

/// Writes a generated struct, naming its type in `@odata.type` or not (a value of
/// the declared type need not name it; one of a derived type must). The struct's
/// `Serialize` names the type when it is a derived type.
pub trait WriteStructured {
    /// Writes the value; `name_type`: write `@odata.type` even when it was not read.
    ///
    /// # Errors
    ///
    /// The serializer's.
    fn write_structured<S: Serializer>(
        &self,
        serializer: S,
        name_type: bool,
    ) -> Result<S::Ok, S::Error>;
}

/// Reads the next map value into `slot` (generated `read_member` arms).
///
/// # Errors
///
/// The value is not a `T`.
pub fn read<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Reads the next map value into `slot` in the wire encoding `M`.
///
/// # Errors
///
/// The value is not a `T` in that encoding.
pub fn read_as<'de, M, T, A>(map: &mut A, slot: &mut T) -> Result<(), A::Error>
where
    M: crate::client::wire::DeserializeAs<'de, T>,
    A: MapAccess<'de>,
{
    *slot = map.next_value::<crate::client::wire::Wire<T, M>>()?.0;
    Ok(())
}

/// Reads a collection member: `null` or an array whose `null` items are dropped.
///
/// # Errors
///
/// The value is neither `null` nor an array of `T`.
pub fn read_collection<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Vec<T>>,
) -> Result<(), A::Error> {
    read_as::<Option<crate::client::wire::SkipNulls>, _, _>(map, slot)
}

/// Writes the members of a generated type as a JSON object, one call per
/// field: values that are `None` are left out, undeclared members are written
/// back as read. The first error is kept and returned by [`MemberWriter::end`].
pub struct MemberWriter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> MemberWriter<M> {
    /// Starts an object on `serializer`.
    ///
    /// # Errors
    ///
    /// Whatever the serializer reports.
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        Ok(MemberWriter {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    fn entry<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if self.error.is_none()
            && let Err(e) = self.map.serialize_entry(name, value)
        {
            self.error = Some(e);
        }
    }

    /// Writes a member that is always present (a key).
    pub fn member<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.entry(name, value);
    }

    /// Writes a text key unless it is empty: an entity being created has no key
    /// yet when the service assigns it (`POST` bodies leave it out).
    pub fn key_text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.entry(name, value);
        }
    }

    /// Writes a member that is always present, in the wire encoding `E`.
    pub fn member_as<E: crate::client::wire::SerializeAs<T>, T>(&mut self, name: &str, value: &T) {
        self.entry(name, &crate::client::wire::WireRef::<T, E>::new(value));
    }

    /// Writes an optional member when it is set.
    pub fn optional<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.entry(name, v);
        }
    }

    /// Writes an optional member, when it is set, in the wire encoding `E`.
    pub fn optional_as<E: crate::client::wire::SerializeAs<T>, T>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) {
        if let Some(v) = value {
            self.entry(name, &crate::client::wire::WireRef::<T, E>::new(v));
        }
    }

    /// Writes `@odata.type`: the value read or set, else (`always`) `#` and the
    /// type's qualified name — derived types always name their type, which a
    /// receiver cannot infer from the declared type.
    pub fn odata_type<T: Structured>(&mut self, value: &Option<String>, always: bool) {
        match value {
            Some(v) => self.entry("@odata.type", v),
            None if always => {
                let name = format!("#{}", T::QUALIFIED_NAME);
                self.entry("@odata.type", &name);
            }
            None => {}
        }
    }

    /// Writes the undeclared members back.
    pub fn additional(&mut self, members: &Map<String, Value>) {
        for (k, v) in members {
            self.entry(k, v);
        }
    }

    /// Ends the object.
    ///
    /// # Errors
    ///
    /// The first error any member reported, or the serializer's.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.map.end(),
        }
    }
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
                match T::MEMBERS.binary_search(&key.as_str()) {
                    Ok(index) => out.read_member(index, &mut map)?,
                    Err(_) => {
                        let value = map.next_value::<Value>()?;
                        out.additional_properties_mut()
                            .insert(key.into_owned(), value);
                    }
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(V(std::marker::PhantomData))
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

    /// Reads the object as a `T`, with `serde_json`'s error (generated code maps it once).
    ///
    /// # Errors
    ///
    /// The object does not match `T`.
    pub fn read<T: DeserializeOwned>(&self) -> Result<Box<T>, serde_json::Error> {
        serde_json::from_str(self.raw.get()).map(Box::new)
    }

    /// The position of the object's type in `types` (sorted by byte value), if listed.
    #[must_use]
    pub fn type_index(&self, types: &[&str]) -> Option<usize> {
        types.binary_search(&self.type_name()?).ok()
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
