//! Reading CSDL documents for every command: a file or stdin (`-`), XML or JSON (told
//! apart by content), references resolved as files in the document's folder (stdin: the
//! current folder) named after the reference URI's last segment, as is or with `.xml` or
//! `.json` appended (`Uri="common"` finds `common.xml`).

use std::io::Read;
use std::path::{Path, PathBuf};

use odata_parser::edm::{CsdlLoader, Model, csdl::dir_resolver};

use crate::exit::CliError;

/// A CSDL document read from disk or stdin, before loading.
pub(crate) struct Document {
    /// The path as the user wrote it (`<stdin>` for stdin), for messages.
    pub(crate) shown: String,
    /// The folder references are resolved in.
    pub(crate) dir: PathBuf,
    /// The file name (`stdin` for stdin).
    pub(crate) file_name: String,
    /// The text.
    pub(crate) text: String,
}

/// Reads `path` (`-`: stdin).
///
/// # Errors
///
/// [`CliError::Read`] when it cannot be read, [`CliError::NotUtf8`] when it is not UTF-8.
pub(crate) fn read(path: &Path) -> Result<Document, CliError> {
    let stdin = path == Path::new("-");
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let (bytes, dir, file_name) = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(CliError::Stdin)?;
        (bytes, PathBuf::from("."), "stdin".to_owned())
    } else {
        let bytes = std::fs::read(path).map_err(|source| CliError::Read {
            path: shown.clone(),
            source,
        })?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        (bytes, dir, file_name)
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(CliError::NotUtf8 {
                path: shown,
                source: e.utf8_error(),
            });
        }
    };
    Ok(Document {
        shown,
        dir,
        file_name,
        text,
    })
}

impl Document {
    /// Loads the document and its references into a model; `uri` names the main
    /// document in locations and generated headers.
    ///
    /// # Errors
    ///
    /// [`CliError::Csdl`] with every error found.
    pub(crate) fn load_as(&self, uri: &str) -> Result<Model, CliError> {
        let mut exact = dir_resolver(self.dir.clone());
        let mut xml = dir_resolver(self.dir.clone());
        let mut json = dir_resolver(self.dir.clone());
        CsdlLoader::new()
            .resolver(move |uri| {
                exact(uri)
                    .or_else(|| xml(&format!("{uri}.xml")))
                    .or_else(|| json(&format!("{uri}.json")))
            })
            .load(uri, &self.text)
            .map_err(|source| CliError::Csdl {
                path: self.shown.clone(),
                source,
            })
    }
}

/// Reads and loads `path`, named as the user wrote it in locations.
///
/// # Errors
///
/// As [`read`] and [`Document::load_as`].
pub(crate) fn load_model(path: &Path) -> Result<Model, CliError> {
    let doc = read(path)?;
    doc.load_as(&doc.shown)
}
