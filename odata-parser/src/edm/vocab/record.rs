//! Reading annotation values into typed vocabulary structs with PATCH semantics.
//!
//! Every typed struct starts at the vocabulary's defaults and is *patched* by annotation
//! values, lowest precedence first: a primitive or collection value replaces the field, a
//! record patches the fields it names (recursively), and `Null` resets a nullable field. This
//! is the rule the Capabilities vocabulary prescribes for `DefaultCapabilities`, applied to
//! every level (see the module documentation of [`super`]).

use std::fmt;

use crate::edm::{EntityContainerId, Expr, ExprKind, Model, Record, StructuredTypeId, Target};
use crate::span::{Span, Spanned};

use super::path::PropertyPath;

/// Where a contribution to an effective value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// An annotation applied to a target: a path such as `Container/Users/Messages`, a
    /// navigation property, an entity set, a singleton, an entity type or a container.
    Annotation(Target),
    /// The entry (by index) of `NavigationRestrictions/RestrictedProperties` in the
    /// annotation on the target.
    RestrictedProperty(Target, u32),
    /// The property of `DefaultCapabilities` annotated on a container.
    DefaultCapabilities(EntityContainerId),
}

impl Origin {
    /// A readable description with full names, e.g.
    /// `Microsoft.OutlookServices.EntityContainer/Me#RestrictedProperties[3]`.
    #[must_use]
    pub fn describe(&self, model: &Model) -> String {
        match self {
            Origin::Annotation(t) => model.target_name(*t),
            Origin::RestrictedProperty(t, i) => {
                format!("{}#RestrictedProperties[{i}]", model.target_name(*t))
            }
            Origin::DefaultCapabilities(c) => {
                format!(
                    "{}#DefaultCapabilities",
                    model.entity_container(*c).name.as_str()
                )
            }
        }
    }
}

/// A capability annotation value that could not be read as the vocabulary defines it. The
/// value is skipped (the field keeps its lower-precedence value); reading never fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapabilityWarning {
    /// The term, e.g. `FilterRestrictions`.
    pub term: &'static str,
    /// Where the value was found.
    pub origin: Origin,
    /// The offending expression.
    pub span: Span,
    /// What is wrong.
    pub kind: CapabilityWarningKind,
}

impl fmt::Display for CapabilityWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.term, self.kind)
    }
}

impl Spanned for CapabilityWarning {
    fn span(&self) -> Span {
        self.span
    }
}

/// The kinds of [`CapabilityWarning`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CapabilityWarningKind {
    /// A property or navigation property path that does not resolve from the type of the
    /// resource the restriction applies to.
    #[error("path `{0}` does not resolve")]
    UnresolvedPath(Box<str>),
    /// A value of another type than the vocabulary declares.
    #[error("expected {0}")]
    WrongType(&'static str),
    /// A record property the vocabulary does not define (Graph writes `Referenceable`).
    #[error("property `{0}` is not defined by the vocabulary")]
    UnknownProperty(Box<str>),
    /// The same term applied twice to one target with the same qualifier; the first counts.
    #[error("applied more than once to the same target; the first one counts")]
    Duplicate,
}

/// The context values are read in: the model, the type paths are resolved from, and the
/// warnings collected so far.
pub(crate) struct Cx<'m> {
    pub(crate) model: &'m Model,
    pub(crate) ty: Option<StructuredTypeId>,
    pub(crate) term: &'static str,
    pub(crate) origin: Origin,
    pub(crate) warnings: Vec<CapabilityWarning>,
}

impl<'m> Cx<'m> {
    pub(crate) fn new(model: &'m Model, ty: Option<StructuredTypeId>, origin: Origin) -> Self {
        Cx {
            model,
            ty,
            term: "",
            origin,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn warn(&mut self, span: Span, kind: CapabilityWarningKind) {
        let warning = CapabilityWarning {
            term: self.term,
            origin: self.origin,
            span,
            kind,
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    pub(crate) fn wrong_type(&mut self, expr: &Expr, expected: &'static str) {
        self.warn(expr.span(), CapabilityWarningKind::WrongType(expected));
    }
}

/// A value that annotation expressions can be applied over.
pub(crate) trait Patch {
    /// Applies `expr` over `self`: replace a primitive or collection, patch a record.
    /// Returns `false` (after a warning) when the expression has the wrong shape.
    fn patch(&mut self, expr: &Expr, cx: &mut Cx<'_>) -> bool;

    /// Applies an annotation without a value: tag terms become `true`, others are unchanged.
    fn patch_tag(&mut self) {}
}

/// A value read whole from an expression (collection items, enumeration values).
pub(crate) trait FromExpr: Sized {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self>;
}

/// A compact rendering of a vocabulary value for summaries: records list only the
/// properties that differ from the vocabulary defaults, by their vocabulary names.
pub(crate) trait Render {
    fn render(&self) -> String;
}

impl Render for bool {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl Render for Box<str> {
    fn render(&self) -> String {
        format!("{self:?}")
    }
}

impl Render for PropertyPath {
    fn render(&self) -> String {
        if self.is_resolved() {
            self.text.to_string()
        } else {
            format!("{}(unresolved)", self.text)
        }
    }
}

impl<T: Render> Render for Vec<T> {
    fn render(&self) -> String {
        let items: Vec<String> = self.iter().map(Render::render).collect();
        format!("[{}]", items.join(", "))
    }
}

impl<T: Render> Render for Option<T> {
    fn render(&self) -> String {
        self.as_ref()
            .map_or_else(|| "null".to_owned(), Render::render)
    }
}

impl Patch for bool {
    fn patch(&mut self, expr: &Expr, cx: &mut Cx<'_>) -> bool {
        match expr.as_bool() {
            Some(b) => *self = b,
            None => cx.wrong_type(expr, "Edm.Boolean"),
        }
        expr.as_bool().is_some()
    }

    fn patch_tag(&mut self) {
        *self = true;
    }
}

impl FromExpr for Box<str> {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        match expr.as_str() {
            Some(s) => Some(s.into()),
            None => {
                cx.wrong_type(expr, "Edm.String");
                None
            }
        }
    }
}

impl FromExpr for PropertyPath {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(text) = expr.as_path() else {
            cx.wrong_type(expr, "a property path");
            return None;
        };
        let path = PropertyPath::resolve(cx.model, cx.ty, text, expr.span());
        if !path.is_resolved() && cx.ty.is_some() {
            cx.warn(
                expr.span(),
                CapabilityWarningKind::UnresolvedPath(text.into()),
            );
        }
        Some(path)
    }
}

/// Implements [`Patch`] as whole replacement for a [`FromExpr`] type.
macro_rules! replace_patch {
    ($($ty:ty),*) => {$(
        impl Patch for $ty {
            fn patch(&mut self, expr: &Expr, cx: &mut Cx<'_>) -> bool {
                match <$ty as FromExpr>::from_expr(expr, cx) {
                    Some(v) => {
                        *self = v;
                        true
                    }
                    None => false,
                }
            }
        }
    )*};
}
pub(crate) use replace_patch;

replace_patch!(Box<str>, PropertyPath);

impl<T: FromExpr> Patch for Vec<T> {
    fn patch(&mut self, expr: &Expr, cx: &mut Cx<'_>) -> bool {
        match &expr.kind {
            ExprKind::Collection(items) => {
                *self = items
                    .iter()
                    .filter_map(|item| T::from_expr(item, cx))
                    .collect();
            }
            ExprKind::Null => self.clear(),
            _ => {
                cx.wrong_type(expr, "a collection");
                return false;
            }
        }
        true
    }
}

impl<T: Patch + Default> Patch for Option<T> {
    fn patch(&mut self, expr: &Expr, cx: &mut Cx<'_>) -> bool {
        if matches!(expr.kind, ExprKind::Null) {
            *self = None;
            return true;
        }
        match self {
            Some(value) => value.patch(expr, cx),
            None => {
                let mut value = T::default();
                let applied = value.patch(expr, cx);
                if applied {
                    *self = Some(value);
                }
                applied
            }
        }
    }

    fn patch_tag(&mut self) {
        self.get_or_insert_with(T::default).patch_tag();
    }
}

/// `MaxLevels`: how deep an operation may reach; `-1` in the vocabulary means unlimited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MaxLevels {
    /// No limit (`-1`, the vocabulary default).
    #[default]
    Unlimited,
    /// At most this many levels.
    Limit(u32),
}

impl FromExpr for MaxLevels {
    fn from_expr(expr: &Expr, cx: &mut Cx<'_>) -> Option<Self> {
        match expr.as_int() {
            Some(-1) => Some(MaxLevels::Unlimited),
            Some(n) => match u32::try_from(n) {
                Ok(n) => Some(MaxLevels::Limit(n)),
                Err(_) => {
                    cx.wrong_type(expr, "-1 or a non-negative Edm.Int32");
                    None
                }
            },
            None => {
                cx.wrong_type(expr, "Edm.Int32");
                None
            }
        }
    }
}

replace_patch!(MaxLevels);

impl Render for MaxLevels {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for MaxLevels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxLevels::Unlimited => f.write_str("unlimited"),
            MaxLevels::Limit(n) => write!(f, "{n}"),
        }
    }
}

/// The members named by an `EnumMember` expression of enumeration `enum_type` (local name,
/// e.g. `NavigationType`); a warning and `None` for another expression or enumeration.
pub(crate) fn enum_members<'e>(
    expr: &'e Expr,
    namespace: &str,
    enum_type: &'static str,
    cx: &mut Cx<'_>,
) -> Option<Vec<&'e str>> {
    let members = expr.as_enum_members().filter(|ms| {
        ms.iter().all(|m| {
            m.enum_type
                .strip_prefix(namespace)
                .and_then(|rest| rest.strip_prefix('.'))
                == Some(enum_type)
        })
    });
    match members {
        Some(ms) => Some(ms.iter().map(|m| &*m.member).collect()),
        None => {
            cx.wrong_type(expr, enum_type);
            None
        }
    }
}

/// Applies the properties of a record to a typed struct: `apply(name, value)` returns `false`
/// for a name the struct does not have, which becomes a warning.
pub(crate) fn patch_record(
    expr: &Expr,
    type_name: &'static str,
    cx: &mut Cx<'_>,
    mut apply: impl FnMut(&str, &Expr, &mut Cx<'_>) -> bool,
) -> Option<()> {
    let Some(record) = expr.as_record() else {
        cx.wrong_type(expr, type_name);
        return None;
    };
    patch_properties(record, cx, &mut apply);
    Some(())
}

fn patch_properties(
    record: &Record,
    cx: &mut Cx<'_>,
    apply: &mut impl FnMut(&str, &Expr, &mut Cx<'_>) -> bool,
) {
    for pv in &record.properties {
        if !apply(&pv.property, &pv.value, cx) {
            cx.warn(
                pv.span(),
                CapabilityWarningKind::UnknownProperty(pv.property.clone()),
            );
        }
    }
}

/// Declares a typed vocabulary record: the struct with public fields, `Default` with the
/// vocabulary's default values, and [`Patch`]/[`FromExpr`] reading its `PropertyValue`s by
/// name. The `@fields` form leaves out `Patch` and `FromExpr` for a hand-written reader.
macro_rules! record {
    (
        @fields
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $default:expr, $prop:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $($field: $default,)* }
            }
        }

        impl $name {
            /// Applies one `PropertyValue`; `false` for a name the type does not define.
            pub(crate) fn patch_field(
                &mut self,
                name: &str,
                value: &$crate::edm::Expr,
                cx: &mut $crate::edm::vocab::record::Cx<'_>,
            ) -> bool {
                #[allow(unused_imports)]
                use $crate::edm::vocab::record::Patch as _;
                match name {
                    $($prop => {
                        self.$field.patch(value, cx);
                    })*
                    _ => return false,
                }
                true
            }
        }

        impl $crate::edm::vocab::record::Render for $name {
            fn render(&self) -> String {
                #[allow(unused_imports)]
                use $crate::edm::vocab::record::Render as _;
                let default = Self::default();
                let mut parts: Vec<String> = Vec::new();
                $(
                    if self.$field != default.$field {
                        parts.push(format!("{}={}", $prop, self.$field.render()));
                    }
                )*
                format!("{{{}}}", parts.join(", "))
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $type_name:literal {
            $($body:tt)*
        }
    ) => {
        $crate::edm::vocab::record::record! {
            @fields
            $(#[$meta])*
            pub struct $name { $($body)* }
        }

        impl $crate::edm::vocab::record::Patch for $name {
            fn patch(
                &mut self,
                expr: &$crate::edm::Expr,
                cx: &mut $crate::edm::vocab::record::Cx<'_>,
            ) -> bool {
                $crate::edm::vocab::record::patch_record(expr, $type_name, cx, |name, value, cx| {
                    self.patch_field(name, value, cx)
                })
                .is_some()
            }
        }

        impl $crate::edm::vocab::record::FromExpr for $name {
            fn from_expr(
                expr: &$crate::edm::Expr,
                cx: &mut $crate::edm::vocab::record::Cx<'_>,
            ) -> Option<Self> {
                let mut value = Self::default();
                $crate::edm::vocab::record::patch_record(expr, $type_name, cx, |name, v, cx| {
                    value.patch_field(name, v, cx)
                })?;
                Some(value)
            }
        }
    };
}
pub(crate) use record;

/// Declares a flags enumeration of a vocabulary (`IsFlags="true"`) as a bit-set newtype read
/// from space-separated `EnumMember` values.
macro_rules! flags {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $namespace:literal . $enum_type:literal {
            $(
                $(#[$cmeta:meta])*
                $konst:ident = $value:literal, $member:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub u8);

        impl $name {
            $(
                $(#[$cmeta])*
                pub const $konst: $name = $name($value);
            )*

            /// Whether every flag of `other` is set.
            #[must_use]
            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether no flag is set.
            #[must_use]
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The flag a member name denotes.
            #[must_use]
            pub fn from_member(name: &str) -> Option<$name> {
                match name {
                    $($member => Some(Self::$konst),)*
                    _ => None,
                }
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }
        }

        impl $crate::edm::vocab::record::FromExpr for $name {
            fn from_expr(
                expr: &$crate::edm::Expr,
                cx: &mut $crate::edm::vocab::record::Cx<'_>,
            ) -> Option<Self> {
                let members =
                    $crate::edm::vocab::record::enum_members(expr, $namespace, $enum_type, cx)?;
                let mut value = $name(0);
                for m in members {
                    match $name::from_member(m) {
                        Some(flag) => value = value | flag,
                        None => {
                            cx.wrong_type(expr, concat!("a member of ", $enum_type));
                            return None;
                        }
                    }
                }
                Some(value)
            }
        }

        $crate::edm::vocab::record::replace_patch!($name);

        impl std::fmt::Display for $name {
            /// The single-bit members that are set, space-separated (CSDL's flags syntax), or
            /// the zero member.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut names = Vec::new();
                $(
                    if $value != 0 && ($value as u8).is_power_of_two() && self.contains(Self::$konst) {
                        names.push($member);
                    }
                )*
                if names.is_empty() {
                    let zero = [$(($value, $member)),*].into_iter().find(|(v, _)| *v == 0);
                    return f.write_str(zero.map_or("0", |(_, m)| m));
                }
                f.write_str(&names.join(" "))
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl $crate::edm::vocab::record::Render for $name {
            fn render(&self) -> String {
                self.to_string()
            }
        }
    };
}
pub(crate) use flags;
