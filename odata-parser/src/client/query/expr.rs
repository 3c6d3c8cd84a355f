//! Typed expressions: [`Expr<T, M>`] evaluates to a value of type `T` in mode `M`;
//! operators and canonical functions on [`Path`] and [`Expr`], each requiring the
//! mode to allow it ([`AllowsFunction`]); operands ([`Operand`]) are paths,
//! expressions or Rust values (written as literals by the canonical printer).

use std::marker::PhantomData;

use crate::ast::{self, BinaryOp, CanonicalFunction, UnaryOp};
use crate::client::ast_build;
use crate::client::{
    BuildError, Date, DateTimeOffset, Decimal, Duration, EnumType, FlagSet, Guid, TimeOfDay,
};

use super::capability::{AllowsFunction, functions};
use super::literal::IntoLiteral;
use super::path::Path;

/// An expression whose value is of type `T`, used in mode `M`.
pub struct Expr<T, M> {
    node: ast::Expr<'static>,
    error: Option<Box<BuildError>>,
    _p: PhantomData<fn() -> (T, M)>,
}

impl<T, M> std::fmt::Debug for Expr<T, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Expr({})", self.node)
    }
}

impl<T, M> Expr<T, M> {
    pub(crate) fn from_ast(node: ast::Expr<'static>) -> Self {
        Self::from_parts(node, None)
    }

    pub(crate) fn from_parts(node: ast::Expr<'static>, error: Option<Box<BuildError>>) -> Self {
        Expr {
            node,
            error,
            _p: PhantomData,
        }
    }

    pub(crate) fn into_parts(self) -> (ast::Expr<'static>, Option<Box<BuildError>>) {
        (self.node, self.error)
    }

    /// The expression's syntax tree (what the canonical printer writes).
    #[must_use]
    pub fn ast(&self) -> &ast::Expr<'static> {
        &self.node
    }
}

/// A value of type `T` in mode `M`: a [`Path`], an [`Expr`], or a Rust value
/// written as a literal (`&str`/`String` for `Edm.String`, `bool`, integers,
/// floats, [`Decimal`], dates and times, [`Guid`], enumeration members, [`Null`]).
pub trait Operand<T, M> {
    /// The operand as an expression (generated and runtime code).
    #[doc(hidden)]
    fn into_expr(self) -> Expr<T, M>;
}

impl<T, M> Operand<T, M> for Expr<T, M> {
    fn into_expr(self) -> Expr<T, M> {
        self
    }
}

impl<T, M> Operand<T, M> for Path<T, M> {
    fn into_expr(self) -> Expr<T, M> {
        self.expr()
    }
}

impl<T, M> Operand<T, M> for &Path<T, M> {
    fn into_expr(self) -> Expr<T, M> {
        self.expr()
    }
}

fn value<T, M>(v: impl IntoLiteral) -> Expr<T, M> {
    match v.into_literal() {
        Ok(l) => Expr::from_ast(ast_build::literal(l)),
        Err(e) => Expr::from_parts(ast_build::literal(ast::Literal::Null), Some(Box::new(e))),
    }
}

macro_rules! value_operands {
    ($($value:ty => $tag:ty),* $(,)?) => {$(
        impl<M> Operand<$tag, M> for $value {
            fn into_expr(self) -> Expr<$tag, M> {
                value(self)
            }
        }
    )*};
}

value_operands!(
    &str => String,
    String => String,
    &String => String,
    bool => bool,
    u8 => u8,
    i8 => i8,
    i16 => i16,
    i32 => i32,
    i64 => i64,
    i32 => i64,
    f32 => f32,
    f64 => f64,
    f32 => f64,
    Decimal => Decimal,
    &Decimal => Decimal,
    i64 => Decimal,
    Date => Date,
    DateTimeOffset => DateTimeOffset,
    // Outlook's documentation compares date-time properties with dates.
    Date => DateTimeOffset,
    TimeOfDay => TimeOfDay,
    Duration => Duration,
    Guid => Guid,
    Vec<u8> => Vec<u8>,
);

impl<E: EnumType, M> Operand<E, M> for E {
    fn into_expr(self) -> Expr<E, M> {
        value(self)
    }
}

impl<E: EnumType + PartialEq, M> Operand<FlagSet<E>, M> for FlagSet<E> {
    fn into_expr(self) -> Expr<FlagSet<E>, M> {
        value(self)
    }
}

impl<E: EnumType + PartialEq, M> Operand<FlagSet<E>, M> for E {
    fn into_expr(self) -> Expr<FlagSet<E>, M> {
        value(self)
    }
}

/// The `null` literal, an operand of any type.
#[derive(Clone, Copy, Debug)]
pub struct Null;

impl<T, M> Operand<T, M> for Null {
    fn into_expr(self) -> Expr<T, M> {
        Expr::from_ast(ast_build::literal(ast::Literal::Null))
    }
}

/// Joins two expressions' first errors.
fn first(a: Option<Box<BuildError>>, b: Option<Box<BuildError>>) -> Option<Box<BuildError>> {
    a.or(b)
}

fn binary<T, U, M>(op: BinaryOp, left: Expr<T, M>, right: Expr<T, M>) -> Expr<U, M> {
    let (l, le) = left.into_parts();
    let (r, re) = right.into_parts();
    Expr::from_parts(ast_build::binary(op, l, r), first(le, re))
}

fn call<T, U, M>(f: CanonicalFunction, args: Vec<Expr<T, M>>) -> Expr<U, M> {
    let mut error = None;
    let args = args
        .into_iter()
        .map(|a| {
            let (n, e) = a.into_parts();
            error = first(error.take(), e);
            n
        })
        .collect();
    Expr::from_parts(ast_build::call(f, args), error)
}

fn call1<T, U, M>(f: CanonicalFunction, arg: Expr<T, M>) -> Expr<U, M> {
    call(f, vec![arg])
}

/// Operators and functions on both [`Path`] and [`Expr`] (the receiver is turned
/// into an expression by `$into`).
macro_rules! operations {
    ($ty:ident, $into:ident) => {
        impl<T, M> $ty<T, M> {
            /// `self eq other`.
            pub fn eq(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Eq>,
            {
                binary(BinaryOp::Eq, self.$into(), other.into_expr())
            }
            /// `self ne other`.
            pub fn ne(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Ne>,
            {
                binary(BinaryOp::Ne, self.$into(), other.into_expr())
            }
            /// `self gt other`.
            pub fn gt(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Gt>,
            {
                binary(BinaryOp::Gt, self.$into(), other.into_expr())
            }
            /// `self ge other`.
            pub fn ge(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Ge>,
            {
                binary(BinaryOp::Ge, self.$into(), other.into_expr())
            }
            /// `self lt other`.
            pub fn lt(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Lt>,
            {
                binary(BinaryOp::Lt, self.$into(), other.into_expr())
            }
            /// `self le other`.
            pub fn le(self, other: impl Operand<T, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Le>,
            {
                binary(BinaryOp::Le, self.$into(), other.into_expr())
            }
            /// `self eq null`.
            pub fn is_null(self) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Eq>,
            {
                binary(BinaryOp::Eq, self.$into(), Null.into_expr())
            }
            /// `self ne null`.
            pub fn is_not_null(self) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Ne>,
            {
                binary(BinaryOp::Ne, self.$into(), Null.into_expr())
            }
            /// `self in (a, b, …)`.
            pub fn is_in<O: Operand<T, M>>(
                self,
                values: impl IntoIterator<Item = O>,
            ) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::In>,
            {
                let (operand, mut error) = self.$into().into_parts();
                let items = values
                    .into_iter()
                    .map(|v| {
                        let (n, e) = v.into_expr().into_parts();
                        error = first(error.take(), e);
                        n
                    })
                    .collect();
                Expr::from_parts(ast_build::in_list(operand, items), error)
            }
        }

        // The operators are named as OData names them; `std::ops` is not implemented,
        // as every operator needs the mode to allow it.
        #[allow(clippy::should_implement_trait)]
        impl<M> $ty<bool, M> {
            /// `self and other`.
            pub fn and(self, other: impl Operand<bool, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::And>,
            {
                binary(BinaryOp::And, self.$into(), other.into_expr())
            }
            /// `self or other`.
            pub fn or(self, other: impl Operand<bool, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Or>,
            {
                binary(BinaryOp::Or, self.$into(), other.into_expr())
            }
            /// `not self`.
            pub fn not(self) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Not>,
            {
                let (n, e) = self.$into().into_parts();
                Expr::from_parts(ast_build::unary(UnaryOp::Not, n), e)
            }
        }

        #[allow(clippy::should_implement_trait)]
        impl<T: Numeric, M> $ty<T, M> {
            /// `self add other`.
            pub fn add(self, other: impl Operand<T, M>) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Add>,
            {
                binary(BinaryOp::Add, self.$into(), other.into_expr())
            }
            /// `self sub other`.
            pub fn sub(self, other: impl Operand<T, M>) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Sub>,
            {
                binary(BinaryOp::Sub, self.$into(), other.into_expr())
            }
            /// `self mul other`.
            pub fn mul(self, other: impl Operand<T, M>) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Mul>,
            {
                binary(BinaryOp::Mul, self.$into(), other.into_expr())
            }
            /// `self div other`.
            pub fn div(self, other: impl Operand<T, M>) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Div>,
            {
                binary(BinaryOp::Div, self.$into(), other.into_expr())
            }
            /// `self mod other`.
            pub fn modulo(self, other: impl Operand<T, M>) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Mod>,
            {
                binary(BinaryOp::Mod, self.$into(), other.into_expr())
            }
            /// `round(self)`.
            pub fn round(self) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Round>,
            {
                call1(CanonicalFunction::Round, self.$into())
            }
            /// `floor(self)`.
            pub fn floor(self) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Floor>,
            {
                call1(CanonicalFunction::Floor, self.$into())
            }
            /// `ceiling(self)`.
            pub fn ceiling(self) -> Expr<T, M>
            where
                M: AllowsFunction<functions::Ceiling>,
            {
                call1(CanonicalFunction::Ceiling, self.$into())
            }
        }

        impl<E: EnumType, M> $ty<FlagSet<E>, M> {
            /// `self has Ns.Type'Member'`.
            pub fn has(self, member: impl Operand<FlagSet<E>, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Has>,
            {
                binary(BinaryOp::Has, self.$into(), member.into_expr())
            }
        }

        impl<M> $ty<String, M> {
            /// `contains(self, text)`.
            pub fn contains(self, text: impl Operand<String, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::Contains>,
            {
                call(
                    CanonicalFunction::Contains,
                    vec![self.$into(), text.into_expr()],
                )
            }
            /// `startswith(self, text)`.
            pub fn starts_with(self, text: impl Operand<String, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::StartsWith>,
            {
                call(
                    CanonicalFunction::StartsWith,
                    vec![self.$into(), text.into_expr()],
                )
            }
            /// `endswith(self, text)`.
            pub fn ends_with(self, text: impl Operand<String, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::EndsWith>,
            {
                call(
                    CanonicalFunction::EndsWith,
                    vec![self.$into(), text.into_expr()],
                )
            }
            /// `indexof(self, text)`.
            pub fn index_of(self, text: impl Operand<String, M>) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::IndexOf>,
            {
                call(
                    CanonicalFunction::IndexOf,
                    vec![self.$into(), text.into_expr()],
                )
            }
            /// `concat(self, text)`.
            pub fn concat(self, text: impl Operand<String, M>) -> Expr<String, M>
            where
                M: AllowsFunction<functions::Concat>,
            {
                call(
                    CanonicalFunction::Concat,
                    vec![self.$into(), text.into_expr()],
                )
            }
            /// `matchesPattern(self, pattern)`.
            pub fn matches_pattern(self, pattern: impl Operand<String, M>) -> Expr<bool, M>
            where
                M: AllowsFunction<functions::MatchesPattern>,
            {
                call(
                    CanonicalFunction::MatchesPattern,
                    vec![self.$into(), pattern.into_expr()],
                )
            }
            /// `length(self)`.
            pub fn length(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Length>,
            {
                call1(CanonicalFunction::Length, self.$into())
            }
            /// `substring(self, start)`.
            pub fn substring(self, start: impl Operand<i32, M>) -> Expr<String, M>
            where
                M: AllowsFunction<functions::Substring>,
            {
                let (s, e) = start.into_expr().into_parts();
                let start: Expr<String, M> = Expr::from_parts(s, e);
                call(CanonicalFunction::Substring, vec![self.$into(), start])
            }
            /// `tolower(self)`.
            pub fn tolower(self) -> Expr<String, M>
            where
                M: AllowsFunction<functions::ToLower>,
            {
                call1(CanonicalFunction::ToLower, self.$into())
            }
            /// `toupper(self)`.
            pub fn toupper(self) -> Expr<String, M>
            where
                M: AllowsFunction<functions::ToUpper>,
            {
                call1(CanonicalFunction::ToUpper, self.$into())
            }
            /// `trim(self)`.
            pub fn trim(self) -> Expr<String, M>
            where
                M: AllowsFunction<functions::Trim>,
            {
                call1(CanonicalFunction::Trim, self.$into())
            }
        }

        impl<T: Temporal, M> $ty<T, M> {
            /// `year(self)`.
            pub fn year(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Year>,
                T: HasDate,
            {
                call1(CanonicalFunction::Year, self.$into())
            }
            /// `month(self)`.
            pub fn month(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Month>,
                T: HasDate,
            {
                call1(CanonicalFunction::Month, self.$into())
            }
            /// `day(self)`.
            pub fn day(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Day>,
                T: HasDate,
            {
                call1(CanonicalFunction::Day, self.$into())
            }
            /// `hour(self)`.
            pub fn hour(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Hour>,
                T: HasTime,
            {
                call1(CanonicalFunction::Hour, self.$into())
            }
            /// `minute(self)`.
            pub fn minute(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Minute>,
                T: HasTime,
            {
                call1(CanonicalFunction::Minute, self.$into())
            }
            /// `second(self)`.
            pub fn second(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::Second>,
                T: HasTime,
            {
                call1(CanonicalFunction::Second, self.$into())
            }
        }

        impl<M> $ty<DateTimeOffset, M> {
            /// `date(self)`.
            pub fn date(self) -> Expr<Date, M>
            where
                M: AllowsFunction<functions::Date>,
            {
                call1(CanonicalFunction::Date, self.$into())
            }
            /// `time(self)`.
            pub fn time(self) -> Expr<TimeOfDay, M>
            where
                M: AllowsFunction<functions::Time>,
            {
                call1(CanonicalFunction::Time, self.$into())
            }
            /// `totaloffsetminutes(self)`.
            pub fn total_offset_minutes(self) -> Expr<i32, M>
            where
                M: AllowsFunction<functions::TotalOffsetMinutes>,
            {
                call1(CanonicalFunction::TotalOffsetMinutes, self.$into())
            }
        }
    };
}

impl<T, M> Path<T, M> {
    fn into_operand(self) -> Expr<T, M> {
        self.expr()
    }
}

impl<T, M> Expr<T, M> {
    fn into_operand(self) -> Expr<T, M> {
        self
    }
}

operations!(Path, into_operand);
operations!(Expr, into_operand);

/// Numeric value types: the arithmetic operators and `round`, `floor`, `ceiling`.
pub trait Numeric {}
impl Numeric for u8 {}
impl Numeric for i8 {}
impl Numeric for i16 {}
impl Numeric for i32 {}
impl Numeric for i64 {}
impl Numeric for f32 {}
impl Numeric for f64 {}
impl Numeric for Decimal {}

/// Date and time value types.
pub trait Temporal {}
/// Value types with a date part: `year`, `month`, `day`.
pub trait HasDate: Temporal {}
/// Value types with a time part: `hour`, `minute`, `second`.
pub trait HasTime: Temporal {}
impl Temporal for Date {}
impl Temporal for DateTimeOffset {}
impl Temporal for TimeOfDay {}
impl HasDate for Date {}
impl HasDate for DateTimeOffset {}
impl HasTime for DateTimeOffset {}
impl HasTime for TimeOfDay {}

/// `now()`.
pub fn now<M: AllowsFunction<functions::Now>>() -> Expr<DateTimeOffset, M> {
    call::<(), _, M>(CanonicalFunction::Now, Vec::new())
}

/// `mindatetime()`.
pub fn min_date_time<M: AllowsFunction<functions::MinDateTime>>() -> Expr<DateTimeOffset, M> {
    call::<(), _, M>(CanonicalFunction::MinDateTime, Vec::new())
}

/// `maxdatetime()`.
pub fn max_date_time<M: AllowsFunction<functions::MaxDateTime>>() -> Expr<DateTimeOffset, M> {
    call::<(), _, M>(CanonicalFunction::MaxDateTime, Vec::new())
}
