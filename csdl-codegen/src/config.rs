//! The generator's settings and its stages: [`Config::load`],
//! [`Config::generate`], [`Config::compile`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use odata_parser::bind::Profile;
use odata_parser::edm::{CsdlLoader, Model};

use crate::error::CodegenError;
use crate::{capabilities, r#gen, output, type_space, write};

/// How schema namespaces map to Rust modules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModuleLayout {
    /// One module per namespace, nested by its dotted segments
    /// (`microsoft.graph.security` → `microsoft::graph::security`).
    #[default]
    Nested,
    /// Every type in one module. A name taken by an earlier namespace gets the
    /// last segment of its own namespace as prefix (`SecurityAlert`).
    Flat,
}

/// How the generated modules are split into files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileLayout {
    /// One file per input document, `<document stem>.rs`, with every module inline.
    #[default]
    Single,
    /// One file per module (`microsoft.graph.rs`) and a root file that declares
    /// the module tree and `include!`s them (by path relative to itself).
    PerModule,
}

/// How `Edm.Binary` values are written (reading accepts both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BinaryEncoding {
    /// Standard base64 with padding, as Microsoft services send and accept.
    #[default]
    Base64,
    /// base64url with padding, the OData JSON format's spelling.
    Base64Url,
}

/// Settings of the generator, in the style of `prost_build::Config`.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), csdl_codegen::CodegenError> {
///     csdl_codegen::Config::new()
///         .derive("Eq")
///         .docs(true)
///         .compile(&["metadata/service.xml"])
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) type_mappings: BTreeMap<String, String>,
    pub(crate) derives: Vec<String>,
    pub(crate) include_namespaces: Vec<String>,
    pub(crate) docs: bool,
    pub(crate) module_layout: ModuleLayout,
    pub(crate) file_layout: FileLayout,
    pub(crate) update_types: bool,
    pub(crate) nullable_collection_items: bool,
    pub(crate) binary_encoding: BinaryEncoding,
    pub(crate) runtime_path: String,
    pub(crate) renames: BTreeMap<String, String>,
    pub(crate) request_builders: bool,
    pub(crate) capability_depth: usize,
    pub(crate) service_root: Option<String>,
    pub(crate) profile: Profile,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            out_dir: None,
            type_mappings: BTreeMap::new(),
            derives: Vec::new(),
            include_namespaces: Vec::new(),
            docs: true,
            module_layout: ModuleLayout::Nested,
            file_layout: FileLayout::Single,
            update_types: true,
            nullable_collection_items: false,
            binary_encoding: BinaryEncoding::Base64,
            runtime_path: "::odata_parser::client".to_owned(),
            renames: BTreeMap::new(),
            request_builders: true,
            capability_depth: 3,
            service_root: None,
            profile: Profile::standard(),
        }
    }
}

impl Config {
    /// The default settings.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the directory generated files are written to (default: `OUT_DIR`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.out_dir("src/generated");
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Maps an EDM primitive (`Edm.DateTimeOffset`) or a model type
    /// (`Ns.Money`, a type definition, enumeration, complex or entity type) to
    /// a Rust type, which must implement serde's traits for the OData JSON form.
    /// A mapped model type is not generated.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config
    ///     .type_mapping("Edm.DateTimeOffset", "::chrono::DateTime<::chrono::Utc>")
    ///     .type_mapping("Edm.Guid", "::std::string::String");
    /// ```
    pub fn type_mapping(&mut self, edm_type: &str, rust_type: &str) -> &mut Self {
        self.type_mappings
            .insert(edm_type.to_owned(), rust_type.to_owned());
        self
    }

    /// Adds a derive to every generated struct and enum (beyond `Debug`,
    /// `Clone`, `PartialEq` and `Default`; serde's traits are already implemented).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.derive("Eq").derive("::my_crate::MyDerive");
    /// ```
    pub fn derive(&mut self, path: &str) -> &mut Self {
        self.derives.push(path.to_owned());
        self
    }

    /// Generates only the schemas of these namespaces (default: every schema
    /// except the standard vocabularies). References to types of other
    /// namespaces become `serde_json::Value`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.include_namespaces(["microsoft.graph"]);
    /// ```
    pub fn include_namespaces<I, S>(&mut self, namespaces: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.include_namespaces = namespaces.into_iter().map(Into::into).collect();
        self
    }

    /// Whether doc comments carry `Core.Description` and `Core.LongDescription`
    /// (default `true`). Every item keeps a one-line doc naming its CSDL element either way.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.docs(false);
    /// ```
    pub fn docs(&mut self, enabled: bool) -> &mut Self {
        self.docs = enabled;
        self
    }

    /// Sets how namespaces map to modules (default [`ModuleLayout::Nested`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use csdl_codegen::{Config, ModuleLayout};
    /// let mut config = Config::new();
    /// config.module_layout(ModuleLayout::Flat);
    /// ```
    pub fn module_layout(&mut self, layout: ModuleLayout) -> &mut Self {
        self.module_layout = layout;
        self
    }

    /// Sets how modules are split into files (default [`FileLayout::Single`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use csdl_codegen::{Config, FileLayout};
    /// let mut config = Config::new();
    /// config.file_layout(FileLayout::PerModule);
    /// ```
    pub fn file_layout(&mut self, layout: FileLayout) -> &mut Self {
        self.file_layout = layout;
        self
    }

    /// Whether each entity type gets an `<Entity>Update` struct of its writable
    /// properties for PATCH bodies (default `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.update_types(false);
    /// ```
    pub fn update_types(&mut self, enabled: bool) -> &mut Self {
        self.update_types = enabled;
        self
    }

    /// Whether collections whose items the metadata declares nullable become
    /// `Vec<Option<T>>` (default `false`: every collection is a `Vec<T>` and
    /// `null` items are dropped when reading, keeping every non-null value).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.nullable_collection_items(true);
    /// ```
    pub fn nullable_collection_items(&mut self, enabled: bool) -> &mut Self {
        self.nullable_collection_items = enabled;
        self
    }

    /// Sets how `Edm.Binary` values are written (default [`BinaryEncoding::Base64`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use csdl_codegen::{BinaryEncoding, Config};
    /// let mut config = Config::new();
    /// config.binary_encoding(BinaryEncoding::Base64Url);
    /// ```
    pub fn binary_encoding(&mut self, encoding: BinaryEncoding) -> &mut Self {
        self.binary_encoding = encoding;
        self
    }

    /// Sets the path generated code uses for the runtime (default
    /// `::odata_parser::client`), for crates that re-export it.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.runtime_path("::my_sdk::odata::client");
    /// ```
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        path.clone_into(&mut self.runtime_path);
        self
    }

    /// Gives a type (`Ns.Type`) or a property (`Ns.Type/Property`) a Rust name of
    /// your choice instead of the converted CSDL name.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config
    ///     .rename("Microsoft.OutlookServices.Task", "OutlookTask")
    ///     .rename("Microsoft.OutlookServices.Contact/Children", "children_names");
    /// ```
    pub fn rename(&mut self, csdl_name: &str, rust_name: &str) -> &mut Self {
        self.renames
            .insert(csdl_name.to_owned(), rust_name.to_owned());
        self
    }

    /// Whether typed queries and request builders are generated (default `true`):
    /// member accessors per type, navigation structs, the entity container's
    /// struct and the capability states (see the crate docs).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.request_builders(false);
    /// ```
    pub fn request_builders(&mut self, enabled: bool) -> &mut Self {
        self.request_builders = enabled;
        self
    }

    /// How many navigation segments from an entity set or singleton the
    /// capability states follow exactly (default 3); deeper resources get the
    /// capabilities of their last navigation property's home path.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.capability_depth(2);
    /// ```
    pub fn capability_depth(&mut self, depth: usize) -> &mut Self {
        self.capability_depth = depth;
        self
    }

    /// The default service root of the generated entity container's struct
    /// (`EntityContainer::new()`), e.g. `https://outlook.office.com/api/v2.0/`;
    /// without it only `with_root(url)` is generated.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut config = csdl_codegen::Config::new();
    /// config.service_root("https://outlook.office.com/api/v2.0/");
    /// ```
    pub fn service_root(&mut self, url: &str) -> &mut Self {
        self.service_root = Some(url.to_owned());
        self
    }

    /// The service profile the builders follow where the service departs from the
    /// specification (default: the standard profile). With
    /// [`Profile::outlook_v2`], complex values are offered in `$orderby`.
    ///
    /// # Examples
    ///
    /// ```
    /// use odata_parser::bind::Profile;
    /// let mut config = csdl_codegen::Config::new();
    /// config.profile(Profile::outlook_v2());
    /// ```
    pub fn profile(&mut self, profile: Profile) -> &mut Self {
        self.profile = profile;
        self
    }

    /// Stage 1: reads a CSDL XML file into a model; `edmx:Reference`s are
    /// looked up as files of the same name in the document's directory
    /// (standard vocabularies need no file).
    ///
    /// # Errors
    ///
    /// The file cannot be read, or the CSDL is invalid.
    pub fn load(&self, path: impl AsRef<Path>) -> Result<Model, CodegenError> {
        self.load_tracking(path.as_ref()).map(|(model, _)| model)
    }

    /// [`Self::load`], also returning every file read (for `rerun-if-changed`).
    fn load_tracking(&self, path: &Path) -> Result<(Model, Vec<PathBuf>), CodegenError> {
        let xml = std::fs::read_to_string(path).map_err(|source| CodegenError::Read {
            path: path.to_owned(),
            source,
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut read = vec![path.to_owned()];
        let model = {
            let mut resolve = odata_parser::edm::csdl::dir_resolver(dir.clone());
            let mut loader = CsdlLoader::new();
            loader.resolver(|uri| {
                let text = resolve(uri)?;
                if let Some(name) = uri.rsplit(['/', '\\']).next() {
                    read.push(dir.join(name));
                }
                Some(text)
            });
            loader.load_xml(&path.to_string_lossy(), &xml)?
        };
        Ok((model, read))
    }

    /// Stage 2: generates the Rust source for `model`, as file name → contents
    /// (one file with [`FileLayout::Single`]). The root file is named after the
    /// model's main document (`outlook-v2.0.xml` → `outlook-v2.0.rs`).
    ///
    /// # Errors
    ///
    /// A type mapping, derive, rename or runtime path setting is not valid Rust.
    pub fn generate(&self, model: &Model) -> Result<BTreeMap<String, String>, CodegenError> {
        let source = main_document(model);
        let space = type_space::TypeSpace::new(model, self)?;
        let caps = if self.request_builders {
            capabilities::CapabilitySpace::new(model, self.capability_depth)
        } else {
            capabilities::CapabilitySpace::default()
        };
        let plan = r#gen::plan(&space, &caps);
        let formatted = output::format_plan(model, self, &caps, &plan, self.file_layout)?;
        let mut out = output::OutputSpace::new(&space);
        for (((module, key), _), text) in plan.into_iter().zip(formatted) {
            if let Some(text) = text {
                out.add(&module, key, text);
            }
        }
        let root = format!("{}.rs", file_stem(&source));
        out.render(&root, &source, self.file_layout)
    }

    /// Stage 2 into a single string: every module inline, as the CLI and
    /// snapshot tests use it.
    ///
    /// # Errors
    ///
    /// As [`Self::generate`].
    pub fn generate_string(&self, model: &Model) -> Result<String, CodegenError> {
        let mut single = self.clone();
        single.file_layout = FileLayout::Single;
        let files = single.generate(model)?;
        Ok(files.into_values().next().unwrap_or_default())
    }

    /// All stages: loads each CSDL file, generates its code and writes it to the
    /// output directory (`OUT_DIR` by default), rewriting only files whose
    /// contents changed. Prints `cargo:rerun-if-changed` for every file read.
    ///
    /// # Errors
    ///
    /// A file cannot be read or written, the CSDL is invalid, or a setting is not valid Rust.
    pub fn compile(&self, paths: &[impl AsRef<Path>]) -> Result<(), CodegenError> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(CodegenError::NoOutDir)?,
        };
        for path in paths {
            let (model, read) = self.load_tracking(path.as_ref())?;
            for file in read {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            for (name, contents) in self.generate(&model)? {
                write::write_if_changed(&out_dir.join(name), &contents)?;
            }
        }
        Ok(())
    }
}

/// The name of the model's main document, as it was loaded.
fn main_document(model: &Model) -> String {
    model
        .source_map()
        .documents()
        .first()
        .map_or_else(|| "input.xml".to_owned(), |d| d.uri.to_string())
}

/// `metadata/outlook-v2.0.xml` → `outlook-v2.0`.
fn file_stem(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name
        .strip_suffix(".xml")
        .or_else(|| name.strip_suffix(".csdl"))
        .or_else(|| name.strip_suffix(".edmx"))
        .unwrap_or(name);
    if stem.is_empty() {
        "generated".to_owned()
    } else {
        stem.to_owned()
    }
}
