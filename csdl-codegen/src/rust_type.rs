//! The Rust side of a type: [`RustType`] (what a field is declared as),
//! [`Marker`] (its wire encoding in the runtime's `wire` module), [`Element`],
//! and the [`Paths`] generated code writes in a module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::type_space::TypeName;
use odata_parser::edm::StructuredTypeId;

/// The Rust type of a field or element.
#[derive(Clone, Debug)]
pub enum RustType {
    /// A type written with an absolute path (primitives, runtime types, user mappings).
    Tokens(TokenStream),
    /// A generated type, written relative to the module that uses it.
    Named(TypeName),
    /// `String`.
    String,
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
    /// The runtime's `FlagSet<T>`.
    FlagSet(Box<RustType>),
}

/// A wire encoding (`odata_parser::client::wire`) of a field or element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// The type's own serde implementation.
    Same,
    /// `Float`: `INF`/`-INF`/`NaN` as strings.
    Float,
    /// `Int64`: also read from strings.
    Int64,
    /// `Base64`.
    Base64,
    /// `Base64Url`.
    Base64Url,
    /// `Option<M>`.
    Option(Box<Marker>),
    /// `Vec<M>`.
    Vec(Box<Marker>),
    /// `SkipNulls<M>`.
    SkipNulls(Box<Marker>),
}

impl Marker {
    /// Whether writing needs the marker (a leaf encoding other than `Same`).
    pub fn affects_serialize(&self) -> bool {
        match self {
            Marker::Same | Marker::Int64 => false,
            Marker::Float | Marker::Base64 | Marker::Base64Url => true,
            Marker::Option(m) | Marker::Vec(m) | Marker::SkipNulls(m) => m.affects_serialize(),
        }
    }

    /// Whether reading needs the marker.
    pub fn affects_deserialize(&self) -> bool {
        match self {
            Marker::Same => false,
            Marker::Float | Marker::Int64 | Marker::Base64 | Marker::Base64Url => true,
            Marker::SkipNulls(_) => true,
            Marker::Option(m) | Marker::Vec(m) => m.affects_deserialize(),
        }
    }

    /// The marker type's tokens.
    pub fn tokens(&self, p: &Paths) -> TokenStream {
        let rt = &p.rt;
        match self {
            Marker::Same => quote!(#rt::wire::Same),
            Marker::Float => quote!(#rt::wire::Float),
            Marker::Int64 => quote!(#rt::wire::Int64),
            Marker::Base64 => quote!(#rt::wire::Base64),
            Marker::Base64Url => quote!(#rt::wire::Base64Url),
            Marker::Option(m) => {
                let (option, m) = (&p.option, m.tokens(p));
                quote!(#option<#m>)
            }
            Marker::Vec(m) => {
                let (vec, m) = (&p.vec, m.tokens(p));
                quote!(#vec<#m>)
            }
            Marker::SkipNulls(m) => {
                let m = m.tokens(p);
                quote!(#rt::wire::SkipNulls<#m>)
            }
        }
    }
}

/// The paths generated code in one module writes: the runtime through the
/// module's `use … as __odata;` alias, and the prelude's `Option`, `String`,
/// `Vec`, `Box`, `Result` by their short names unless a generated type of the
/// module shadows one of them (then `::std::…` paths).
#[derive(Clone, Debug)]
pub struct Paths {
    /// The runtime alias.
    pub rt: TokenStream,
    /// `Option`.
    pub option: TokenStream,
    /// `String`.
    pub string: TokenStream,
    /// `Vec`.
    pub vec: TokenStream,
    /// `Box`.
    pub boxed: TokenStream,
    /// `Result`.
    pub result: TokenStream,
}

/// The alias of the runtime in every generated module.
pub const RUNTIME_ALIAS: &str = "__odata";

/// Prelude names generated code uses unqualified unless shadowed.
pub(crate) const PRELUDE_TYPES: &[&str] = &["Option", "String", "Vec", "Box", "Result"];

impl Paths {
    pub(crate) fn new(short: bool) -> Self {
        if short {
            Paths {
                rt: quote!(__odata),
                option: quote!(Option),
                string: quote!(String),
                vec: quote!(Vec),
                boxed: quote!(Box),
                result: quote!(Result),
            }
        } else {
            Paths {
                rt: quote!(__odata),
                option: quote!(::std::option::Option),
                string: quote!(::std::string::String),
                vec: quote!(::std::vec::Vec),
                boxed: quote!(::std::boxed::Box),
                result: quote!(::std::result::Result),
            }
        }
    }
}

/// The type of one value (not yet wrapped for optionality or collections).
#[derive(Clone, Debug)]
pub struct Element {
    /// The Rust type.
    pub ty: RustType,
    /// Its wire encoding.
    pub marker: Marker,
    /// The generated struct, when the element is held inline (not through a polymorphic enum).
    pub inline_struct: Option<StructuredTypeId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = Marker::Option(Box::new(Marker::SkipNulls(Box::new(Marker::Same))));
        assert!(!m.affects_serialize());
        assert!(m.affects_deserialize());
        let f = Marker::Option(Box::new(Marker::Float));
        assert!(f.affects_serialize() && f.affects_deserialize());
        assert!(!Marker::Option(Box::new(Marker::Int64)).affects_serialize());
    }
}
