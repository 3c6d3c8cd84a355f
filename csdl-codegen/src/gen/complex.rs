//! Complex types: one struct each (see [`super::structured`]).

use odata_parser::edm::{ComplexTypeId, StructuredTypeId};
use proc_macro2::TokenStream;

use super::structured;
use crate::type_space::TypeSpace;

/// The struct of a complex type, if generated.
pub fn emit(space: &TypeSpace<'_>, id: ComplexTypeId) -> Option<TokenStream> {
    structured::emit(space, StructuredTypeId::Complex(id))
}
