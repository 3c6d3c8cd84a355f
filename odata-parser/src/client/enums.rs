//! Enumeration types: member lookup shared by every generated enum, and the
//! set type of flags enumerations.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// A generated enumeration type: its CSDL members and a fallback variant for
/// values the metadata does not list (services add members over time).
///
/// Values are read by member name (exactly, then ignoring ASCII case, since
/// real services send `oneDriveBusiness` for `OneDriveBusiness`), then by
/// numeric value (`"1"`, which the OData ABNF allows); anything else becomes
/// the fallback variant holding the text. They are written as the CSDL member
/// name, or the fallback's text.
pub trait EnumType: Sized + Clone + 'static {
    /// The qualified name, e.g. `Microsoft.OutlookServices.Importance`.
    const QUALIFIED_NAME: &'static str;
    /// The members as (name, value), in declaration order.
    const MEMBERS: &'static [(&'static str, i64)];

    /// The member at `index` in [`Self::MEMBERS`].
    fn from_index(index: usize) -> Option<Self>;

    /// The fallback variant holding `text`.
    fn unknown(text: String) -> Self;

    /// The index in [`Self::MEMBERS`], or `None` for the fallback variant.
    fn index(&self) -> Option<usize>;

    /// The text of the fallback variant.
    fn unknown_text(&self) -> Option<&str>;

    /// The member name as written on the wire.
    fn as_str(&self) -> &str {
        match self.index() {
            Some(i) => Self::MEMBERS.get(i).map_or("", |m| m.0),
            None => self.unknown_text().unwrap_or(""),
        }
    }

    /// The member's value, or `None` for the fallback variant.
    fn value(&self) -> Option<i64> {
        self.index().and_then(|i| Self::MEMBERS.get(i)).map(|m| m.1)
    }

    /// Reads a member name or value; never fails (unknown text becomes the fallback).
    fn parse_member(text: &str) -> Self {
        let text = text.trim();
        let found = Self::MEMBERS
            .iter()
            .position(|m| m.0 == text)
            .or_else(|| {
                Self::MEMBERS
                    .iter()
                    .position(|m| m.0.eq_ignore_ascii_case(text))
            })
            .or_else(|| {
                let n: i64 = text.parse().ok()?;
                Self::MEMBERS.iter().position(|m| m.1 == n)
            });
        found
            .and_then(Self::from_index)
            .unwrap_or_else(|| Self::unknown(text.to_owned()))
    }
}

/// Serializes an enumeration value as its member name.
///
/// # Errors
///
/// Whatever the serializer reports.
pub fn serialize_enum<T: EnumType, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserializes an enumeration value from a member name, a numeric string or a number.
///
/// # Errors
///
/// The input is neither a string nor an integer.
pub fn deserialize_enum<'de, T: EnumType, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<T: EnumType> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a member of {}", T::QUALIFIED_NAME)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::parse_member(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok(T::parse_member(&v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok(T::parse_member(&v.to_string()))
        }
    }
    deserializer.deserialize_any(V(std::marker::PhantomData))
}

/// The value of a flags enumeration (`IsFlags="true"`): a set of members,
/// written comma-separated (`"Read,Write"`).
///
/// Reading splits at commas (spaces around members are ignored); a number,
/// bare or as a string, becomes the members whose bits it contains. Members
/// keep the order they were read or inserted in; duplicates are dropped.
///
/// ```
/// use odata_parser::client::{EnumType, FlagSet};
///
/// #[derive(Clone, Debug, PartialEq)]
/// enum Permission { Read, Write, UnknownValue(String) }
/// impl EnumType for Permission {
///     const QUALIFIED_NAME: &'static str = "Ns.Permission";
///     const MEMBERS: &'static [(&'static str, i64)] = &[("Read", 1), ("Write", 2)];
///     fn from_index(i: usize) -> Option<Self> { [Self::Read, Self::Write].get(i).cloned() }
///     fn unknown(text: String) -> Self { Self::UnknownValue(text) }
///     fn index(&self) -> Option<usize> {
///         match self { Self::Read => Some(0), Self::Write => Some(1), Self::UnknownValue(_) => None }
///     }
///     fn unknown_text(&self) -> Option<&str> {
///         match self { Self::UnknownValue(t) => Some(t), _ => None }
///     }
/// }
///
/// let set: FlagSet<Permission> = serde_json::from_str(r#""Read, Write""#)?;
/// assert!(set.contains(&Permission::Write));
/// assert_eq!(serde_json::to_string(&set)?, r#""Read,Write""#);
/// assert_eq!(serde_json::from_str::<FlagSet<Permission>>("3")?, set);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FlagSet<T>(Vec<T>);

impl<T> Default for FlagSet<T> {
    fn default() -> Self {
        FlagSet(Vec::new())
    }
}

impl<T: fmt::Debug> fmt::Debug for FlagSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

impl<T: EnumType + PartialEq> FlagSet<T> {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        FlagSet(Vec::new())
    }

    /// Adds `member`; returns whether it was not there yet.
    pub fn insert(&mut self, member: T) -> bool {
        if self.0.contains(&member) {
            false
        } else {
            self.0.push(member);
            true
        }
    }

    /// Removes `member`; returns whether it was there.
    pub fn remove(&mut self, member: &T) -> bool {
        let before = self.0.len();
        self.0.retain(|m| m != member);
        before != self.0.len()
    }

    /// Whether `member` is in the set.
    #[must_use]
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }

    /// The members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Number of members.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The combined numeric value, if every member is known.
    #[must_use]
    pub fn bits(&self) -> Option<i64> {
        self.0.iter().try_fold(0, |acc, m| Some(acc | m.value()?))
    }

    /// Reads the comma-separated or numeric form; never fails.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        if let Ok(n) = text.parse::<i64>() {
            return Self::from_bits(n);
        }
        text.split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(T::parse_member)
            .collect()
    }

    /// The members whose bits `bits` contains (a member with value 0 only for 0).
    #[must_use]
    pub fn from_bits(bits: i64) -> Self {
        let members = T::MEMBERS.iter().enumerate().filter(|(_, m)| {
            if bits == 0 {
                m.1 == 0
            } else {
                m.1 != 0 && bits & m.1 == m.1
            }
        });
        members.filter_map(|(i, _)| T::from_index(i)).collect()
    }
}

impl<T: EnumType + PartialEq> FromIterator<T> for FlagSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        set.extend(iter);
        set
    }
}

impl<T: EnumType + PartialEq> Extend<T> for FlagSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for m in iter {
            self.insert(m);
        }
    }
}

impl<T> IntoIterator for FlagSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a FlagSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: EnumType> fmt::Display for FlagSet<T> {
    /// The comma-separated member names; `0` for the empty set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("0");
        }
        for (i, m) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(m.as_str())?;
        }
        Ok(())
    }
}

impl<T: EnumType + PartialEq> std::str::FromStr for FlagSet<T> {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::parse(s))
    }
}

impl<T: EnumType> Serialize for FlagSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, T: EnumType + PartialEq> serde::Deserialize<'de> for FlagSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<T: EnumType + PartialEq> Visitor<'_> for V<T> {
            type Value = FlagSet<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "comma-separated members of {}", T::QUALIFIED_NAME)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagSet<T>, E> {
                Ok(FlagSet::parse(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FlagSet<T>, E> {
                Ok(FlagSet::from_bits(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FlagSet<T>, E> {
                i64::try_from(v)
                    .map(FlagSet::from_bits)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}
