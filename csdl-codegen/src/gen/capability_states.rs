//! The `capabilities` module: one marker type per capability state (see
//! [`crate::capabilities`]), per listed member set and per function set.

use proc_macro2::TokenStream;
use quote::quote;

use crate::capabilities::{CapabilitySpace, SetRef};
use crate::naming;
use crate::type_space::TypeSpace;

/// The runtime's marker of each canonical function and operator, by the name
/// `Capabilities.FilterFunctions` lists.
const FUNCTIONS: &[(&str, &str)] = &[
    ("eq", "Eq"),
    ("ne", "Ne"),
    ("gt", "Gt"),
    ("ge", "Ge"),
    ("lt", "Lt"),
    ("le", "Le"),
    ("and", "And"),
    ("or", "Or"),
    ("not", "Not"),
    ("has", "Has"),
    ("in", "In"),
    ("add", "Add"),
    ("sub", "Sub"),
    ("mul", "Mul"),
    ("div", "Div"),
    ("divby", "DivBy"),
    ("mod", "Mod"),
    ("any", "Any"),
    ("all", "All"),
    ("isof", "IsOf"),
    ("cast", "Cast"),
    ("contains", "Contains"),
    ("startswith", "StartsWith"),
    ("endswith", "EndsWith"),
    ("length", "Length"),
    ("indexof", "IndexOf"),
    ("substring", "Substring"),
    ("tolower", "ToLower"),
    ("toupper", "ToUpper"),
    ("trim", "Trim"),
    ("concat", "Concat"),
    ("matchesPattern", "MatchesPattern"),
    ("year", "Year"),
    ("month", "Month"),
    ("day", "Day"),
    ("hour", "Hour"),
    ("minute", "Minute"),
    ("second", "Second"),
    ("fractionalseconds", "FractionalSeconds"),
    ("totalseconds", "TotalSeconds"),
    ("date", "Date"),
    ("time", "Time"),
    ("totaloffsetminutes", "TotalOffsetMinutes"),
    ("now", "Now"),
    ("mindatetime", "MinDateTime"),
    ("maxdatetime", "MaxDateTime"),
    ("round", "Round"),
    ("floor", "Floor"),
    ("ceiling", "Ceiling"),
];

fn set_tokens(caps: &CapabilitySpace, set: SetRef, functions: bool) -> TokenStream {
    match set {
        SetRef::All if functions => quote!(__odata::query::AllFunctions),
        SetRef::All => quote!(__odata::query::AllMembers),
        SetRef::None => quote!(__odata::query::NoMembers),
        SetRef::Set(i) => {
            let name = if functions {
                &caps.function_set_names[i]
            } else {
                &caps.member_sets[i].name
            };
            let ident = naming::ident(name);
            quote!(#ident)
        }
    }
}

/// One state marker with its impls.
pub fn emit_state(space: &TypeSpace<'_>, caps: &CapabilitySpace, s: usize) -> Option<TokenStream> {
    let b = space.builders.as_ref()?;
    let module = b.capabilities_module()?;
    let state = caps.states.get(s)?;
    let ident = naming::ident(&state.name);
    let model = space.model;
    let entity = model.entity_type(state.entity).name.to_string();
    let delta_of = caps.states.iter().find(|x| x.delta == Some(s));
    let mut lines = vec![match delta_of {
        Some(owner) => format!(
            "The capability state of change-tracking (delta) requests on `{}` (entity type `{entity}`).",
            owner.name
        ),
        None => {
            let more = state.path_count.saturating_sub(state.paths.len());
            let list = state
                .paths
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "The capability state of {list}{} (entity type `{entity}`).",
                if more > 0 {
                    format!(" and {more} more paths")
                } else {
                    String::new()
                }
            )
        }
    }];
    let f = state.flags;
    let allowed: Vec<&str> = [
        (f.filter, "$filter"),
        (f.sort, "$orderby"),
        (f.search, "$search"),
        (f.top, "$top"),
        (f.skip, "$skip"),
        (f.count, "$count"),
        (f.select, "$select"),
        (f.expand, "$expand"),
        (f.insert, "create"),
        (f.update, "update"),
        (f.delete, "delete"),
        (state.delta.is_some(), "change tracking"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| *w)
    .collect();
    lines.push(format!("Allows: {}.", allowed.join(", ")));
    let doc = crate::r#gen::docs::doc_attrs(&[], &lines);

    let filter = set_tokens(caps, state.filter, false);
    let sort = set_tokens(caps, state.sort, false);
    let expand = set_tokens(caps, state.expand, false);
    let functions = set_tokens(caps, state.functions, true);
    let flag_impls = [
        (f.filter, quote!(FilterSupported)),
        (f.sort, quote!(SortSupported)),
        (f.search, quote!(Searchable)),
        (f.top, quote!(TopSupported)),
        (f.skip, quote!(SkipSupported)),
        (f.count, quote!(Countable)),
        (f.select, quote!(SelectSupported)),
        (f.expand, quote!(ExpandSupported)),
        (f.insert, quote!(Insertable)),
        (f.update, quote!(Updatable)),
        (f.delete, quote!(Deletable)),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, t)| quote!(impl __odata::query::#t for #ident {}));
    let delta = state.delta.map(|d| {
        let d = naming::ident(&caps.states[d].name);
        quote! {
            impl __odata::query::TrackChanges for #ident {
                type Delta = #d;
            }
        }
    });
    let navigate = match &state.transitions {
        None => quote! {
            impl<P: __odata::query::NavigationProperty> __odata::query::Navigate<P> for #ident {
                type Target = P::Home;
            }
        },
        Some(list) => {
            let impls = list.iter().filter_map(|(nav, target)| {
                let marker = b.marker_path(
                    space,
                    odata_parser::edm::MemberId::NavigationProperty(*nav),
                    module,
                )?;
                let target = naming::ident(&caps.states[*target].name);
                Some(quote! {
                    impl __odata::query::Navigate<#marker> for #ident {
                        type Target = #target;
                    }
                })
            });
            quote!(#(#impls)*)
        }
    };
    Some(quote! {
        #doc
        pub enum #ident {}

        impl __odata::query::State for #ident {
            type Filter = #filter;
            type Sort = #sort;
            type Expand = #expand;
            type Functions = #functions;
        }

        #(#flag_impls)*
        #delta
        #navigate
    })
}

/// A listed member set: the members it allows.
pub fn emit_member_set(
    space: &TypeSpace<'_>,
    caps: &CapabilitySpace,
    i: usize,
) -> Option<TokenStream> {
    let b = space.builders.as_ref()?;
    let module = b.capabilities_module()?;
    let set = caps.member_sets.get(i)?;
    let ident = naming::ident(&set.name);
    let (trait_name, what) = match set.role {
        "Filter" => (quote!(Filterable), "`$filter`"),
        "DeltaFilter" => (quote!(Filterable), "`$filter` of change-tracking requests"),
        "Sort" => (quote!(Sortable), "`$orderby`"),
        "Expand" => (quote!(Expandable), "`$expand`"),
        _ => (quote!(Expandable), "`$expand` of change-tracking requests"),
    };
    let entity = space.model.entity_type(set.entity).name.to_string();
    let doc = format!(
        " The members of `{entity}` (and its base and derived types) allowed in {what}: {} of them.",
        set.members.len()
    );
    let impls = set.members.iter().filter_map(|m| {
        let marker = b.marker_path(space, *m, module)?;
        Some(quote!(impl __odata::query::#trait_name<#marker> for #ident {}))
    });
    Some(quote! {
        #[doc = #doc]
        pub enum #ident {}

        #(#impls)*
    })
}

/// A function set: the canonical functions and operators it allows.
pub fn emit_function_set(caps: &CapabilitySpace, i: usize) -> Option<TokenStream> {
    let names = caps.function_sets.get(i)?;
    let ident = naming::ident(caps.function_set_names.get(i)?);
    let listed: Vec<&str> = names.iter().map(String::as_str).collect();
    let doc = format!(
        " The functions and operators `Capabilities.FilterFunctions` allows in `$filter`: {}.",
        listed.join(", ")
    );
    let impls = FUNCTIONS
        .iter()
        .filter(|(name, _)| listed.contains(name))
        .map(|(_, marker)| {
            let m = naming::ident(marker);
            quote!(impl __odata::query::FilterFunction<__odata::query::functions::#m> for #ident {})
        });
    Some(quote! {
        #[doc = #doc]
        pub enum #ident {}

        #(#impls)*
    })
}
