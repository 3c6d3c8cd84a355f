//! Wire encodings: how a Rust value is written in OData JSON when plain serde
//! does not fit.
//!
//! A marker type (`Float`, `Base64`, `SkipNulls<…>`) names an encoding; it
//! implements [`SerializeAs`]/[`DeserializeAs`] for the Rust type it encodes,
//! and the markers compose like the types they describe: `Option<Vec<Float>>`
//! encodes an `Option<Vec<f64>>`. Generated code uses them through
//! [`As`] (in `#[serde(serialize_with = "…")]`) and [`Wire`] (when reading a
//! member). The pattern is `serde_with`'s, reduced to the encodings OData needs.
//!
//! ```
//! use odata_parser::client::wire::{Float, SkipNulls, Wire};
//!
//! let Wire(v, ..) = serde_json::from_str::<Wire<Vec<f64>, SkipNulls<Float>>>(r#"[1.5, null, "INF", "NaN"]"#)?;
//! assert_eq!(v[0], 1.5);
//! assert!(v[1].is_infinite() && v[2].is_nan());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// Writes a `T` in the encoding the implementing marker names.
pub trait SerializeAs<T: ?Sized> {
    /// Serializes `value`.
    ///
    /// # Errors
    ///
    /// Whatever the serializer reports.
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Reads a `T` in the encoding the implementing marker names.
pub trait DeserializeAs<'de, T>: Sized {
    /// Deserializes a `T`.
    ///
    /// # Errors
    ///
    /// The input does not hold a `T` in this encoding.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Adapts a marker to serde's `serialize_with`/`deserialize_with` attributes:
/// `#[serde(serialize_with = "As::<Option<Float>>::serialize")]`.
pub struct As<M: ?Sized>(PhantomData<M>);

impl<M: ?Sized> As<M> {
    /// Serializes `value` with the marker `M`.
    ///
    /// # Errors
    ///
    /// Whatever the serializer reports.
    pub fn serialize<T: ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        M: SerializeAs<T>,
    {
        M::serialize_as(value, serializer)
    }

    /// Deserializes a value with the marker `M`.
    ///
    /// # Errors
    ///
    /// The input does not hold a `T` in this encoding.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        M: DeserializeAs<'de, T>,
    {
        M::deserialize_as(deserializer)
    }
}

/// A value together with the encoding it is read and written in.
pub struct Wire<T, M: ?Sized>(pub T, pub PhantomData<M>);

impl<T, M: ?Sized> Wire<T, M> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Wire(value, PhantomData)
    }

    /// The wrapped value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, T, M: DeserializeAs<'de, T>> Deserialize<'de> for Wire<T, M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        M::deserialize_as(deserializer).map(Wire::new)
    }
}

impl<T, M: SerializeAs<T> + ?Sized> Serialize for Wire<T, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        M::serialize_as(&self.0, serializer)
    }
}

/// A borrowed value with its encoding, for serializing.
pub struct WireRef<'a, T: ?Sized, M: ?Sized>(&'a T, PhantomData<M>);

impl<'a, T: ?Sized, M: ?Sized> WireRef<'a, T, M> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        WireRef(value, PhantomData)
    }
}

impl<T: ?Sized, M: SerializeAs<T> + ?Sized> Serialize for WireRef<'_, T, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        M::serialize_as(self.0, serializer)
    }
}

/// The type's own serde implementation.
pub struct Same;

impl<T: Serialize + ?Sized> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

impl<T, M: SerializeAs<T>> SerializeAs<Option<T>> for Option<M> {
    fn serialize_as<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_some(&WireRef::<T, M>(v, PhantomData)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, M: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<M> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Wire<T, M>>::deserialize(deserializer)?.map(Wire::into_inner))
    }
}

impl<T, M: SerializeAs<T>> SerializeAs<Box<T>> for Box<M> {
    fn serialize_as<S: Serializer>(value: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        M::serialize_as(value, serializer)
    }
}

impl<'de, T, M: DeserializeAs<'de, T>> DeserializeAs<'de, Box<T>> for Box<M> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        M::deserialize_as(deserializer).map(Box::new)
    }
}

fn serialize_elements<T, M: SerializeAs<T>, S: Serializer>(
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(items.len()))?;
    for item in items {
        seq.serialize_element(&WireRef::<T, M>(item, PhantomData))?;
    }
    seq.end()
}

impl<T, M: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<M> {
    fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_elements::<T, M, S>(value, serializer)
    }
}

impl<'de, T, M: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<M> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(SeqVisitor::<T, M, false>(PhantomData))
    }
}

/// A collection whose `null` items are dropped when reading.
///
/// Services send `null` placeholders even where the metadata says the items
/// cannot be null (Outlook's `"EmailAddresses": [{…}, null, null]`); dropping
/// them keeps every non-null value. Written like `Vec<M>`.
pub struct SkipNulls<M = Same>(PhantomData<M>);

impl<T, M: SerializeAs<T>> SerializeAs<Vec<T>> for SkipNulls<M> {
    fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_elements::<T, M, S>(value, serializer)
    }
}

impl<'de, T, M: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for SkipNulls<M> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(SeqVisitor::<T, M, true>(PhantomData))
    }
}

struct SeqVisitor<T, M, const SKIP_NULLS: bool>(PhantomData<(T, M)>);

impl<'de, T, M: DeserializeAs<'de, T>, const SKIP_NULLS: bool> Visitor<'de>
    for SeqVisitor<T, M, SKIP_NULLS>
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        if SKIP_NULLS {
            while let Some(item) = seq.next_element::<Option<Wire<T, M>>>()? {
                if let Some(Wire(v, _)) = item {
                    out.push(v);
                }
            }
        } else {
            while let Some(Wire(v, _)) = seq.next_element::<Wire<T, M>>()? {
                out.push(v);
            }
        }
        Ok(out)
    }
}

/// `Edm.Double`/`Edm.Single`: a JSON number, or the strings `INF`, `-INF` and
/// `NaN` for the values JSON numbers cannot hold (also accepted: any string
/// Rust parses as a float, as IEEE754Compatible services may send).
pub struct Float;

macro_rules! float_encoding {
    ($($t:ty),*) => {$(
        impl SerializeAs<$t> for Float {
            fn serialize_as<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if value.is_finite() {
                    value.serialize(serializer)
                } else if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_sign_positive() {
                    serializer.serialize_str("INF")
                } else {
                    serializer.serialize_str("-INF")
                }
            }
        }

        impl<'de> DeserializeAs<'de, $t> for Float {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number or one of \"INF\", \"-INF\", \"NaN\"")
                    }
                    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    #[allow(clippy::cast_precision_loss)]
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    #[allow(clippy::cast_precision_loss)]
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                        match v {
                            "INF" => Ok(<$t>::INFINITY),
                            "-INF" => Ok(<$t>::NEG_INFINITY),
                            "NaN" => Ok(<$t>::NAN),
                            _ => v.trim().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    )*};
}

float_encoding!(f32, f64);

/// `Edm.Int64`: a JSON number, or a string holding one (what services send
/// with `IEEE754Compatible=true`). Written as a number.
pub struct Int64;

impl SerializeAs<i64> for Int64 {
    fn serialize_as<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*value)
    }
}

impl<'de> DeserializeAs<'de, i64> for Int64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = i64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a 64-bit integer as a number or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
                i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `Edm.Binary` as standard base64 with padding (what Microsoft services send
/// and accept). Reading accepts both the standard and the URL-safe alphabet,
/// with or without padding.
pub struct Base64;

/// `Edm.Binary` as base64url with padding (the OData JSON format's spelling).
/// Reading is as lenient as [`Base64`].
pub struct Base64Url;

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(value))
    }
}

impl SerializeAs<Vec<u8>> for Base64Url {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::URL_SAFE.encode(value))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64Url {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 or base64url string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        decode_base64(v).map_err(|e| E::custom(format_args!("invalid base64: {e}")))
    }
}

/// Decodes base64 in either alphabet (`+/` or `-_`), padded or not.
///
/// # Errors
///
/// A character outside both alphabets, or a length no encoding produces.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    use base64::alphabet;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const CONFIG: GeneralPurposeConfig =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, CONFIG);
    const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, CONFIG);
    if text.contains(['-', '_']) {
        URL_SAFE.decode(text)
    } else {
        STANDARD.decode(text)
    }
}
