//! The [`OutputSpace`]: generated items keyed by module and by a stable item
//! key in `BTreeMap`s, so that output order never depends on hashing, on the
//! order generators run in or on how many threads formatted them; and its
//! rendering into files.
//!
//! Each item is formatted on its own (tokens → `syn` → prettyplease) at the
//! indentation of its module, and the module tree around the items is
//! formatted the same way with one placeholder line per module, replaced by
//! the module's items. No file-sized token stream is ever built, which keeps
//! memory low and lets items be formatted in parallel.

use std::collections::BTreeMap;

use odata_parser::edm::Model;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::capabilities::CapabilitySpace;
use crate::config::{Config, FileLayout};
use crate::error::CodegenError;
use crate::r#gen::{self, ItemSpec, Plan};
use crate::naming;
use crate::type_space::{ModulePath, RUNTIME_ALIAS, TypeSpace};
use crate::write;

/// What an item is, for ordering the items of one CSDL type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// The type itself (struct, enum, alias).
    Type,
    /// The polymorphic enum of a base type.
    Polymorphic,
    /// The update struct of an entity type.
    Update,
    /// The member accessors of a structured type.
    Fields,
    /// The navigation struct of an entity type.
    Navigation,
    /// The member markers of an entity type.
    Members,
    /// The parameters struct of an action.
    Parameters,
    /// The entity container's struct.
    Container,
    /// A capability state, member set or function set.
    State,
}

/// Orders items: by the CSDL name they come from, then by kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemKey {
    /// The qualified CSDL name.
    pub csdl_name: String,
    /// The kind.
    pub kind: ItemKind,
}

impl ItemKey {
    /// The key of `kind` for the CSDL element `csdl_name`.
    #[must_use]
    pub fn new(csdl_name: &str, kind: ItemKind) -> Self {
        ItemKey {
            csdl_name: csdl_name.to_owned(),
            kind,
        }
    }
}

/// Every generated item, formatted, by module and key.
pub struct OutputSpace {
    items: BTreeMap<ModulePath, BTreeMap<ItemKey, String>>,
    module_docs: BTreeMap<ModulePath, String>,
    runtime: TokenStream,
    /// Modules whose items may not name the runtime (member markers).
    quiet_runtime: std::collections::BTreeSet<ModulePath>,
}

/// The macro call that stands for a module's items in the formatted module tree.
const PLACEHOLDER: &str = "__csdl_codegen_items";

impl OutputSpace {
    /// An empty output with the module tree of `space`.
    #[must_use]
    pub fn new(space: &TypeSpace<'_>) -> Self {
        let mut module_docs = BTreeMap::new();
        for (path, namespaces) in &space.modules {
            let doc = if let Some(doc) = space.module_docs.get(path) {
                doc.clone()
            } else if namespaces.is_empty() {
                // An intermediate module: name its namespace prefix.
                let prefix = space
                    .modules
                    .iter()
                    .find(|(p, ns)| p.starts_with(path) && !ns.is_empty())
                    .and_then(|(_, ns)| ns.first())
                    .map(|ns| ns.split('.').take(path.len()).collect::<Vec<_>>().join("."))
                    .unwrap_or_default();
                format!(" Schemas of the namespaces under `{prefix}`.")
            } else {
                let list: Vec<String> = namespaces.iter().map(|n| format!("`{n}`")).collect();
                format!(" Types of the schema {}.", list.join(", "))
            };
            module_docs.insert(path.clone(), doc);
        }
        OutputSpace {
            items: BTreeMap::new(),
            module_docs,
            runtime: space.runtime.clone(),
            quiet_runtime: space
                .builders
                .iter()
                .flat_map(|b| b.members_modules().values().cloned())
                .collect(),
        }
    }

    /// Adds a formatted item; an item with the same key replaces the earlier one.
    pub fn add(&mut self, module: &ModulePath, key: ItemKey, text: String) {
        self.items
            .entry(module.clone())
            .or_default()
            .insert(key, text);
    }

    fn children(&self, path: &ModulePath) -> Vec<ModulePath> {
        self.module_docs
            .keys()
            .filter(|p| p.len() == path.len() + 1 && p.starts_with(path))
            .cloned()
            .collect()
    }

    /// The module tree's tokens, with a placeholder per module that has items
    /// (or, per module, an `include!` of its file); `bodies[i]` is what replaces placeholder `i`.
    fn skeleton(
        &self,
        path: &ModulePath,
        layout: FileLayout,
        bodies: &mut Vec<String>,
        files: &mut BTreeMap<String, String>,
        source: &str,
    ) -> TokenStream {
        let mut out = TokenStream::new();
        if let Some(items) = self.items.get(path) {
            let text: String = items.values().map(String::as_str).collect();
            // Generated items name the runtime through this alias; a module whose items
            // never do (only type definitions, say) does not import it.
            let runtime = &self.runtime;
            let alias = Ident::new(RUNTIME_ALIAS, Span::call_site());
            if self.quiet_runtime.contains(path) {
                out.extend(quote!(#[allow(unused_imports)] use #runtime as #alias;));
            } else if text.contains(RUNTIME_ALIAS) {
                out.extend(quote!(use #runtime as #alias;));
            }
            if layout == FileLayout::PerModule && !path.is_empty() {
                let file = module_file_name(path);
                let mut contents = write::header(source);
                contents.push('\n');
                contents.push_str(&text);
                files.insert(file.clone(), contents);
                out.extend(quote!(include!(#file);));
            } else {
                let placeholder = Ident::new(PLACEHOLDER, Span::call_site());
                let index = Literal::usize_unsuffixed(bodies.len());
                bodies.push(text);
                out.extend(quote!(#placeholder!(#index);));
            }
        }
        for child in self.children(path) {
            let name = naming::ident(child.last().map_or("", String::as_str));
            let doc = self.module_docs.get(&child).cloned().unwrap_or_default();
            let body = self.skeleton(&child, layout, bodies, files, source);
            out.extend(quote! {
                #[doc = #doc]
                pub mod #name {
                    #body
                }
            });
        }
        out
    }

    /// Renders the files: the root file `root` and, with [`FileLayout::PerModule`],
    /// one file per module that has items.
    ///
    /// # Errors
    ///
    /// The tokens are not valid Rust (a generator bug).
    pub fn render(
        &self,
        root: &str,
        source: &str,
        layout: FileLayout,
    ) -> Result<BTreeMap<String, String>, CodegenError> {
        let mut files = BTreeMap::new();
        let mut bodies = Vec::new();
        let skeleton = self.skeleton(&Vec::new(), layout, &mut bodies, &mut files, source);
        let formatted = write::format_file(skeleton, source)?;
        let mut text =
            String::with_capacity(formatted.len() + bodies.iter().map(String::len).sum::<usize>());
        for line in formatted.split_inclusive('\n') {
            match placeholder_index(line).and_then(|i| bodies.get(i)) {
                Some(body) => text.push_str(body),
                None => text.push_str(line),
            }
        }
        files.insert(root.to_owned(), text);
        Ok(files)
    }
}

/// The index of a placeholder line `    __csdl_codegen_items!(3);`.
fn placeholder_index(line: &str) -> Option<usize> {
    line.trim()
        .strip_prefix(PLACEHOLDER)?
        .strip_prefix("!(")?
        .strip_suffix(");")?
        .parse()
        .ok()
}

/// `["microsoft", "graph"]` → `microsoft.graph.rs`.
fn module_file_name(path: &ModulePath) -> String {
    format!("{}.rs", path.join("."))
}

/// Formats one item as it reads `depth` modules deep (4 spaces per level),
/// by formatting it inside `depth` wrapper modules and dropping their lines.
///
/// # Errors
///
/// The tokens are not valid Rust items (a generator bug).
pub fn format_item(tokens: TokenStream, depth: usize) -> Result<String, CodegenError> {
    let mut wrapped = tokens;
    for _ in 0..depth {
        wrapped = quote!(mod __m { #wrapped });
    }
    let file = syn::parse2::<syn::File>(wrapped)?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    Ok(inner.concat())
}

/// Emits and formats every planned item, on several threads for large models.
/// Each thread builds its own type space (cheap, and deterministic), since
/// token streams cannot cross threads.
///
/// # Errors
///
/// A setting is invalid, or generated tokens do not parse (a generator bug).
pub fn format_plan(
    model: &Model,
    config: &Config,
    caps: &CapabilitySpace,
    plan: &Plan,
    layout: FileLayout,
) -> Result<Vec<Option<String>>, CodegenError> {
    let work: Vec<(usize, ItemSpec)> = plan
        .iter()
        .map(|((module, _), spec)| {
            let depth = match layout {
                FileLayout::PerModule => 0,
                FileLayout::Single => module.len(),
            };
            (depth, *spec)
        })
        .collect();
    let format_all = |items: &[(usize, ItemSpec)]| -> Result<Vec<Option<String>>, CodegenError> {
        let space = TypeSpace::new(model, config)?;
        items
            .iter()
            .map(|(depth, spec)| {
                r#gen::emit(&space, caps, *spec)
                    .map(|tokens| format_item(tokens, *depth))
                    .transpose()
            })
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    if threads == 1 || work.len() < PARALLEL_THRESHOLD {
        return format_all(&work);
    }
    // Items are dealt round-robin, so that every thread gets its share of each
    // kind of item (sizes vary by kind), and put back in plan order.
    let shares: Vec<Vec<(usize, ItemSpec)>> = (0..threads)
        .map(|t| work.iter().skip(t).step_by(threads).copied().collect())
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .iter()
            .map(|items| scope.spawn(move || format_all(items)))
            .collect();
        let mut results = Vec::with_capacity(threads);
        for handle in handles {
            match handle.join() {
                Ok(result) => results.push(result?.into_iter()),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        let mut out = Vec::with_capacity(work.len());
        for i in 0..work.len() {
            out.push(results[i % threads].next().flatten());
        }
        Ok(out)
    })
}

/// Below this many items, formatting stays on the calling thread.
const PARALLEL_THRESHOLD: usize = 400;
