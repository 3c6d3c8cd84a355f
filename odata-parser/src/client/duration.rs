//! `Edm.Duration`: a signed day-time duration in ISO 8601 form.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// An `Edm.Duration` value: `[-]P[nD][T[nH][nM][n[.f]S]]` (ISO 8601 day-time
/// duration, as OData defines it), with nanosecond precision.
///
/// Year and month components are rejected: their length in seconds is not
/// fixed, and OData's `Edm.Duration` has none. Fractional seconds past the
/// ninth digit are truncated.
///
/// ```
/// use odata_parser::client::Duration;
///
/// let d: Duration = "P1DT2H30M0.5S".parse()?;
/// assert_eq!(d.to_std(), Some(std::time::Duration::from_millis(95_400_500)));
/// assert_eq!(d.to_string(), "P1DT2H30M0.5S");
/// assert_eq!("-PT90S".parse::<Duration>()?.to_string(), "-PT1M30S");
/// # Ok::<(), odata_parser::client::InvalidDuration>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Duration {
    negative: bool,
    magnitude: std::time::Duration,
}

/// Text that is not an `Edm.Duration`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDuration;

impl fmt::Display for InvalidDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid ISO 8601 day-time duration")
    }
}

impl std::error::Error for InvalidDuration {}

impl Duration {
    /// A duration of `magnitude`, negative if `negative` (a zero duration is never negative).
    #[must_use]
    pub fn new(negative: bool, magnitude: std::time::Duration) -> Self {
        Duration {
            negative: negative && !magnitude.is_zero(),
            magnitude,
        }
    }

    /// Whether the duration is negative.
    #[must_use]
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The length without sign.
    #[must_use]
    pub fn magnitude(&self) -> std::time::Duration {
        self.magnitude
    }

    /// The duration as a `std::time::Duration`, if it is not negative.
    #[must_use]
    pub fn to_std(&self) -> Option<std::time::Duration> {
        (!self.negative).then_some(self.magnitude)
    }

    /// The duration as a `chrono::TimeDelta`, if it fits.
    #[must_use]
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        let delta = chrono::TimeDelta::from_std(self.magnitude).ok()?;
        Some(if self.negative { -delta } else { delta })
    }
}

impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Self {
        Duration::new(false, d)
    }
}

impl TryFrom<chrono::TimeDelta> for Duration {
    type Error = InvalidDuration;

    fn try_from(d: chrono::TimeDelta) -> Result<Self, InvalidDuration> {
        let magnitude = d.abs().to_std().map_err(|_| InvalidDuration)?;
        Ok(Duration::new(d < chrono::TimeDelta::zero(), magnitude))
    }
}

impl FromStr for Duration {
    type Err = InvalidDuration;

    fn from_str(s: &str) -> Result<Self, InvalidDuration> {
        let (negative, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let rest = rest.strip_prefix(['P', 'p']).ok_or(InvalidDuration)?;
        let (date, time) = match rest.find(['T', 't']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let mut secs: u64 = 0;
        let mut nanos: u32 = 0;
        let mut any = false;
        if !date.is_empty() {
            let days = date.strip_suffix(['D', 'd']).ok_or(InvalidDuration)?;
            secs = parse_units(days)?
                .checked_mul(86_400)
                .ok_or(InvalidDuration)?;
            any = true;
        }
        if let Some(mut time) = time {
            if time.is_empty() {
                return Err(InvalidDuration);
            }
            for (unit, factor) in [(['H', 'h'], 3_600u64), (['M', 'm'], 60)] {
                if let Some(i) = time.find(unit) {
                    let n = parse_units(&time[..i])?;
                    secs = n
                        .checked_mul(factor)
                        .and_then(|v| secs.checked_add(v))
                        .ok_or(InvalidDuration)?;
                    time = &time[i + 1..];
                    any = true;
                }
            }
            if !time.is_empty() {
                let seconds = time.strip_suffix(['S', 's']).ok_or(InvalidDuration)?;
                let (whole, fraction) = match seconds.split_once('.') {
                    Some((w, f)) => (w, Some(f)),
                    None => (seconds, None),
                };
                secs = secs
                    .checked_add(parse_units(whole)?)
                    .ok_or(InvalidDuration)?;
                if let Some(fraction) = fraction {
                    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(InvalidDuration);
                    }
                    let mut digits = fraction.bytes().take(9).map(|b| u32::from(b - b'0'));
                    for _ in 0..9 {
                        nanos = nanos * 10 + digits.next().unwrap_or(0);
                    }
                }
                any = true;
            }
        }
        if !any {
            return Err(InvalidDuration);
        }
        Ok(Duration::new(
            negative,
            std::time::Duration::new(secs, nanos),
        ))
    }
}

fn parse_units(text: &str) -> Result<u64, InvalidDuration> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InvalidDuration);
    }
    text.parse().map_err(|_| InvalidDuration)
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        let total = self.magnitude.as_secs();
        let nanos = self.magnitude.subsec_nanos();
        let (days, rest) = (total / 86_400, total % 86_400);
        let (hours, minutes, seconds) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
        if days > 0 {
            write!(f, "{days}D")?;
        }
        if rest == 0 && nanos == 0 {
            return if days == 0 {
                f.write_str("T0S")
            } else {
                Ok(())
            };
        }
        f.write_str("T")?;
        if hours > 0 {
            write!(f, "{hours}H")?;
        }
        if minutes > 0 {
            write!(f, "{minutes}M")?;
        }
        if seconds > 0 || nanos > 0 {
            write!(f, "{seconds}")?;
            if nanos > 0 {
                let fraction = format!("{nanos:09}");
                write!(f, ".{}", fraction.trim_end_matches('0'))?;
            }
            f.write_str("S")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({self})")
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 day-time duration such as \"PT1H30M\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(V)
    }
}
