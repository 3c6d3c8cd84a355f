//! `Edm.Decimal` without loss: the decimal text as the service wrote it.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

/// An `Edm.Decimal` value, kept as its decimal text so that no digit is lost
/// whatever its precision (OData allows more digits than any fixed-size
/// decimal type holds; services declare `Precision` up to 38).
///
/// Read from a JSON number (its exact text, never through `f64`) or from a
/// JSON string (`IEEE754Compatible=true`); written as a JSON number. Convert
/// with [`Decimal::as_str`] and the `FromStr` of the decimal type you use
/// (`rust_decimal`, `bigdecimal`), or [`Decimal::to_f64`].
///
/// Equality compares the text: `1.0` and `1.00` differ, as they do on the wire.
///
/// Reading needs `serde_json` (from text or from a `serde_json::Value`).
///
/// ```
/// use odata_parser::client::Decimal;
///
/// let d: Decimal = serde_json::from_str("1234567890.123456789012345678")?;
/// assert_eq!(d.as_str(), "1234567890.123456789012345678");
/// assert_eq!(serde_json::to_string(&d)?, "1234567890.123456789012345678");
/// let s: Decimal = serde_json::from_str(r#""-0.5""#)?;
/// assert_eq!(s.to_f64(), -0.5);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimal(Box<str>);

/// Text that is not an OData decimal literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDecimal;

impl fmt::Display for InvalidDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid decimal literal")
    }
}

impl std::error::Error for InvalidDecimal {}

impl Decimal {
    /// The decimal text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64` (lossy).
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        match &*self.0 {
            "INF" => f64::INFINITY,
            "-INF" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            text => text.parse().unwrap_or(f64::NAN),
        }
    }

    /// Whether the value is `INF`, `-INF` or `NaN` (allowed with `Scale="floating"`).
    #[must_use]
    pub fn is_special(&self) -> bool {
        matches!(&*self.0, "INF" | "-INF" | "NaN")
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal("0".into())
    }
}

/// Whether `text` matches `["-"] 1*DIGIT ["." 1*DIGIT] ["e" ["+"/"-"] 1*DIGIT]` (case-insensitive `e`).
fn is_decimal_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

impl FromStr for Decimal {
    type Err = InvalidDecimal;

    fn from_str(s: &str) -> Result<Self, InvalidDecimal> {
        if is_decimal_literal(s) || matches!(s, "INF" | "-INF" | "NaN") {
            Ok(Decimal(s.into()))
        } else {
            Err(InvalidDecimal)
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.0)
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(v: $t) -> Self {
                Decimal(v.to_string().into())
            }
        }
    )*};
}

from_int!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_special() {
            return serializer.serialize_str(&self.0);
        }
        // Written as the number's exact text; with serializers other than
        // serde_json's, a raw value is written as a one-member map.
        match RawValue::from_string(self.0.to_string()) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        let text = if text.starts_with('"') {
            serde_json::from_str::<String>(text).map_err(de::Error::custom)?
        } else {
            text.to_owned()
        };
        text.parse()
            .map_err(|_| de::Error::invalid_value(de::Unexpected::Str(&text), &"an OData decimal"))
    }
}
