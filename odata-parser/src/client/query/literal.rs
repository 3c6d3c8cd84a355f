//! Rust values as OData literals: [`IntoLiteral`] builds the syntax-tree literal
//! the canonical printer writes, so a value is always one literal (a `'` in a
//! string is doubled, a date is written in its ABNF form).

use std::borrow::Cow;

use chrono::{Datelike, Offset, Timelike};

use crate::ast::Literal;
use crate::client::ast_build;
use crate::client::{BuildError, Date, DateTimeOffset, Decimal, Duration, EnumType, FlagSet, Guid};

/// A Rust value that is written as one OData literal (in `$filter`, a key or a
/// function parameter).
pub trait IntoLiteral {
    /// The literal.
    ///
    /// # Errors
    ///
    /// The value has no literal form (an unknown enumeration value that is not a
    /// name, a non-finite decimal).
    fn into_literal(self) -> Result<Literal<'static>, BuildError>;
}

impl IntoLiteral for &str {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::String(Cow::Owned(self.to_owned())))
    }
}

impl IntoLiteral for String {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::String(Cow::Owned(self)))
    }
}

impl IntoLiteral for &String {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::String(Cow::Owned(self.clone())))
    }
}

impl IntoLiteral for bool {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::Boolean(self))
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl IntoLiteral for $t {
            fn into_literal(self) -> Result<Literal<'static>, BuildError> {
                Ok(Literal::Integer(i64::from(self)))
            }
        }
    )*};
}
integers!(u8, i8, i16, i32, i64);

fn double(value: f64, text: String) -> Literal<'static> {
    if value.is_nan() {
        Literal::Double(Cow::Borrowed("NaN"))
    } else if value.is_infinite() {
        Literal::Double(Cow::Borrowed(if value > 0.0 { "INF" } else { "-INF" }))
    } else {
        // Exponent form, so the literal reads back as a double (`1.5e0`).
        Literal::Double(Cow::Owned(text))
    }
}

impl IntoLiteral for f64 {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(double(self, format!("{self:e}")))
    }
}

impl IntoLiteral for f32 {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(double(f64::from(self), format!("{self:e}")))
    }
}

impl IntoLiteral for Decimal {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        decimal_literal(self.as_str())
    }
}

impl IntoLiteral for &Decimal {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        decimal_literal(self.as_str())
    }
}

/// `Edm.Decimal` text as a literal: the parser reads a number with an exponent as a
/// double, so such text becomes a double literal (its value is the same).
fn decimal_literal(text: &str) -> Result<Literal<'static>, BuildError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return Err(BuildError::Literal(text.to_owned()));
    }
    if text.contains(['e', 'E']) {
        Ok(Literal::Double(Cow::Owned(text.to_owned())))
    } else if !text.contains('.')
        && let Ok(n) = text.parse::<i64>()
    {
        Ok(Literal::Integer(n))
    } else {
        Ok(Literal::Decimal(Cow::Owned(text.to_owned())))
    }
}

/// A year as the ABNF writes it: at least four digits, a `-` for years before 1 BCE.
fn year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", y.unsigned_abs())
    } else {
        format!("{y:04}")
    }
}

fn date_text(d: Date) -> String {
    format!("{}-{:02}-{:02}", year(d.year()), d.month(), d.day())
}

fn time_text(hour: u32, minute: u32, second: u32, nanos: u32) -> String {
    // A leap second (nanos >= 1e9) is written as second 59 with its fraction.
    let (second, nanos) = if nanos >= 1_000_000_000 {
        (second.min(59), nanos - 1_000_000_000)
    } else {
        (second, nanos)
    };
    let mut s = format!("{hour:02}:{minute:02}:{second:02}");
    if nanos > 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s
}

impl IntoLiteral for Date {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::Date(Cow::Owned(date_text(self))))
    }
}

impl IntoLiteral for crate::client::TimeOfDay {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::TimeOfDay(Cow::Owned(time_text(
            self.hour(),
            self.minute(),
            self.second(),
            self.nanosecond(),
        ))))
    }
}

impl IntoLiteral for DateTimeOffset {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        let offset = self.offset().fix().local_minus_utc();
        let zone = if offset == 0 {
            "Z".to_owned()
        } else {
            let sign = if offset < 0 { '-' } else { '+' };
            let m = offset.unsigned_abs() / 60;
            format!("{sign}{:02}:{:02}", m / 60, m % 60)
        };
        let local = self.naive_local();
        let text = format!(
            "{}T{}{zone}",
            date_text(local.date()),
            time_text(
                local.hour(),
                local.minute(),
                local.second(),
                local.nanosecond()
            )
        );
        Ok(Literal::DateTimeOffset(Cow::Owned(text)))
    }
}

impl IntoLiteral for Duration {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::Duration(Cow::Owned(self.to_string())))
    }
}

impl IntoLiteral for Guid {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(Literal::Guid(Cow::Owned(self.hyphenated().to_string())))
    }
}

impl IntoLiteral for Vec<u8> {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        use base64::Engine as _;
        let text = base64::engine::general_purpose::URL_SAFE.encode(self);
        Ok(Literal::Binary(Cow::Owned(text)))
    }
}

/// Whether `text` can stand between the quotes of an enum literal: a member name
/// (`odataIdentifier`) or an integer value.
fn is_member_text(text: &str) -> bool {
    let mut chars = text.chars();
    let name = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_');
    let number = !text.is_empty()
        && text
            .strip_prefix('-')
            .unwrap_or(text)
            .bytes()
            .all(|b| b.is_ascii_digit())
        && text != "-";
    name || number
}

fn member_text<E: EnumType>(value: &E) -> Result<String, BuildError> {
    let text = value.as_str();
    if is_member_text(text) {
        Ok(text.to_owned())
    } else {
        Err(BuildError::EnumMember {
            ty: E::QUALIFIED_NAME,
            text: text.to_owned(),
        })
    }
}

/// Enumeration members are written qualified, `Ns.Type'Member'`, which OData 4.0
/// and 4.01 services read alike.
impl<E: EnumType> IntoLiteral for E {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        Ok(ast_build::enum_literal(
            E::QUALIFIED_NAME,
            vec![member_text(&self)?],
        ))
    }
}

impl<E: EnumType + PartialEq> IntoLiteral for FlagSet<E> {
    fn into_literal(self) -> Result<Literal<'static>, BuildError> {
        let members = self
            .iter()
            .map(member_text)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ast_build::enum_literal(E::QUALIFIED_NAME, members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(l: Result<Literal<'static>, BuildError>) -> String {
        l.unwrap().to_string()
    }

    #[test]
    fn literals_are_canonical() {
        assert_eq!(lit("O'Neil".into_literal()), "'O''Neil'");
        assert_eq!(lit(1.5f64.into_literal()), "1.5e0");
        assert_eq!(lit(f64::NEG_INFINITY.into_literal()), "-INF");
        assert_eq!(lit((-3i32).into_literal()), "-3");
        let d = Date::from_ymd_opt(2014, 9, 1).unwrap();
        assert_eq!(lit(d.into_literal()), "2014-09-01");
        let t: DateTimeOffset = "2016-04-01T08:00:00.250+02:00".parse().unwrap();
        assert_eq!(lit(t.into_literal()), "2016-04-01T08:00:00.25+02:00");
        let z: DateTimeOffset = "2016-04-01T08:00:00Z".parse().unwrap();
        assert_eq!(lit(z.into_literal()), "2016-04-01T08:00:00Z");
        let dec: Decimal = "10.50".parse().unwrap();
        assert_eq!(lit(dec.into_literal()), "10.50");
        assert_eq!(lit(vec![0xfb_u8, 0xff].into_literal()), "binary'-_8='");
    }

    #[test]
    fn literals_read_back_as_the_same_literal() {
        let values: Vec<Literal<'static>> = vec![
            "it's".into_literal().unwrap(),
            2.5e-300f64.into_literal().unwrap(),
            f64::NAN.into_literal().unwrap(),
            i64::MIN.into_literal().unwrap(),
            Date::from_ymd_opt(-44, 3, 15)
                .unwrap()
                .into_literal()
                .unwrap(),
            "P1DT2H"
                .parse::<Duration>()
                .unwrap()
                .into_literal()
                .unwrap(),
            Guid::nil().into_literal().unwrap(),
        ];
        for v in values {
            let text = v.to_string();
            assert_eq!(crate::parse_literal(&text).unwrap(), v, "{text}");
        }
    }

    #[test]
    fn member_text_is_checked() {
        assert!(is_member_text("High"));
        assert!(is_member_text("-1"));
        assert!(!is_member_text("a'b"));
        assert!(!is_member_text("a,b"));
        assert!(!is_member_text(""));
    }
}
