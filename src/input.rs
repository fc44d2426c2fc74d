//! The one rule for reading any input of a site (site.toml, pages, data, locales, templates,
//! static files): only regular files inside the site root are read, and no more bytes than
//! a limit.
//!
//! A symbolic link is followed only when its target is a regular file inside the site root;
//! otherwise the error names the link and never quotes what it points at (a page linked to
//! `/proc/self/environ` must not print the environment). Sizes are enforced while reading,
//! never taken from metadata, which reads 0 for `/dev/zero` and many `/proc` files. Devices,
//! FIFOs and sockets are refused before they are opened, and files are opened non-blocking,
//! so that a FIFO put in place meanwhile cannot hang the build.//!
//! One kind of input is not the site's: a file named on the command line, such as a filing
//! given to `irsite import tdnet`. Where it lies was the choice of the person running the
//! command, not of an author's file, so "inside the site" does not apply to it
//! ([`open_argument`]); the special-file refusal and the size limits do. Files found inside a
//! folder given on the command line follow the rule with that folder as their root.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::error::{Error, Location, Result, Stage};

/// Largest text input (page, template, locale, site.toml) read.
pub const MAX_TEXT_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Opens `path` for reading after checking it against the rule above.
pub fn open(root: &Path, path: &Path, stage: Stage) -> Result<File> {
    Inputs::new(root).open(path, stage)
}

/// The bytes of `path`, at most `limit` of them; a longer file is an error saying `what` is
/// limited to that size.
pub fn read_bytes(root: &Path, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
    Inputs::new(root).read_bytes(path, stage, limit, what)
}

/// Opens a file named on the command line (a filing given to `import`). The person running
/// the command chose it, so it may lie outside the site, and a link to it is followed; the
/// rest of the rule holds: it must be, or link to, a regular file, opened non-blocking.
pub fn open_argument(path: &Path, stage: Stage) -> Result<File> {
    let regular = |meta: std::fs::Metadata| {
        if meta.is_file() {
            Ok(())
        } else {
            Err(Error::input(stage, Location::file(path), "not a regular file (a device, FIFO or socket)")
                .with_hint("give a plain file, or a folder holding plain files"))
        }
    };
    regular(std::fs::metadata(path).map_err(|e| Error::io(path, e))?)?;
    let file = open_nonblocking(path).map_err(|e| Error::io(path, e))?;
    // Checked again on the open file: the path may have been replaced since.
    regular(file.metadata().map_err(|e| Error::io(path, e))?)?;
    Ok(file)
}

/// The bytes of a file named on the command line (see [`open_argument`]), at most `limit`.
pub fn read_argument(path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = open_argument(path, stage)?;
    let length = file.metadata().map_err(|e| Error::io(path, e))?.len();
    read_limited(file, length, path, stage, limit, what)
}

/// At most `limit` bytes of the open input `path`, counted while reading. `length`, the file's
/// length when opened, sizes the buffer, so the file is read in one go and no spare capacity
/// stays with the text.
fn read_limited(file: File, length: u64, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(length.min(limit) + 1).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::input(
            stage,
            Location::file(path),
            format!("file is larger than {limit} bytes; {what} are limited to {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// A text input as UTF-8 (byte-order mark dropped, CRLF as LF), naming the line of the first
/// invalid byte.
pub fn read_text(root: &Path, path: &Path, stage: Stage) -> Result<String> {
    Inputs::new(root).read_text(path, stage)
}

/// [`read_text`] with a limit of its own.
pub fn read_text_limited(root: &Path, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<String> {
    Inputs::new(root).read_text_limited(path, stage, limit, what)
}

/// Copies an input file to `target` (created, or truncated), streaming it.
pub fn copy(root: &Path, path: &Path, stage: Stage, target: &mut File) -> Result<u64> {
    Inputs::new(root).copy(path, stage, target)
}

/// The inputs of one site root, read by the rule above, for reading many files at once (the
/// pages of a build, its static files). The real paths of the root and of the folders files
/// are read from are resolved once each, on first use, rather than once for every file (a
/// system call per folder of the path); an `Inputs` is made for one pass over the site, so a
/// later build sees folders as they are then.
pub struct Inputs<'a> {
    root: &'a Path,
    real_root: OnceLock<PathBuf>,
    /// Real path of each folder a plain file was read from.
    real_folders: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl<'a> Inputs<'a> {
    pub fn new(root: &'a Path) -> Inputs<'a> {
        Inputs { root, real_root: OnceLock::new(), real_folders: Mutex::new(HashMap::new()) }
    }

    /// [`open`]
    pub fn open(&self, path: &Path, stage: Stage) -> Result<File> {
        self.open_with_length(path, stage).map(|(file, _)| file)
    }

    /// [`read_bytes`]
    pub fn read_bytes(&self, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
        let (file, length) = self.open_with_length(path, stage)?;
        read_limited(file, length, path, stage, limit, what)
    }

    /// [`read_text`]
    pub fn read_text(&self, path: &Path, stage: Stage) -> Result<String> {
        self.read_text_limited(path, stage, MAX_TEXT_FILE_BYTES, "text files")
    }

    /// [`read_text_limited`]
    pub fn read_text_limited(&self, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<String> {
        let bytes = self.read_bytes(path, stage, limit, what)?;
        crate::error::decode_utf8(path, stage, bytes)
    }

    /// [`copy`]
    pub fn copy(&self, path: &Path, stage: Stage, target: &mut File) -> Result<u64> {
        let mut file = self.open(path, stage)?;
        std::io::copy(&mut file, target).map_err(|e| Error::io(path, e))
    }

    /// The open file and its length when opened (a hint: it may grow while it is read).
    fn open_with_length(&self, path: &Path, stage: Stage) -> Result<(File, u64)> {
        let resolved = self.resolve(path, stage)?;
        let file = open_nonblocking(&resolved).map_err(|e| Error::io(path, e))?;
        // Checked again on the open file: the path may have been replaced since it was resolved.
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(not_regular(path, stage));
        }
        Ok((file, meta.len()))
    }

    /// The real path of `path`, which must be a regular file inside the root.
    fn resolve(&self, path: &Path, stage: Stage) -> Result<PathBuf> {
        let link = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
        if !link.is_file() && !link.file_type().is_symlink() {
            return Err(not_regular(path, stage));
        }
        // A link anywhere on the way (the file or one of its folders) may lead out of the site.
        // A plain file's real path is its folder's and its name: only the folder is resolved.
        let plain = if link.is_file() { self.real_path_of_plain_file(path) } else { None };
        let resolved = match plain.map_or_else(|| path.canonicalize(), |p| p) {
            Ok(p) => p,
            Err(_) => return Err(outside(path, stage, "a symbolic link that leads nowhere")),
        };
        if !resolved.starts_with(self.real_root()?) {
            return Err(outside(path, stage, "a symbolic link to a file outside the site"));
        }
        if !link.is_file() {
            let meta = std::fs::metadata(&resolved).map_err(|e| Error::io(path, e))?;
            if !meta.is_file() {
                return Err(not_regular(path, stage));
            }
        }
        Ok(resolved)
    }

    /// The real path of `path`, not a link itself, from its folder's; `None` when the path does
    /// not end in a name below a folder (`..`, a bare name).
    fn real_path_of_plain_file(&self, path: &Path) -> Option<std::io::Result<PathBuf>> {
        let Some(std::path::Component::Normal(name)) = path.components().next_back() else { return None };
        let folder = path.parent().filter(|f| !f.as_os_str().is_empty())?;
        if let Some(real) = self.real_folders.lock().ok().and_then(|known| known.get(folder).cloned()) {
            return Some(Ok(real.join(name)));
        }
        Some(folder.canonicalize().map(|real| {
            let file = real.join(name);
            if let Ok(mut known) = self.real_folders.lock() {
                known.insert(folder.to_path_buf(), real);
            }
            file
        }))
    }

    fn real_root(&self) -> Result<&Path> {
        if let Some(real) = self.real_root.get() {
            return Ok(real);
        }
        let real = self.root.canonicalize().map_err(|e| Error::io(self.root, e))?;
        Ok(self.real_root.get_or_init(|| real))
    }
}

fn outside(path: &Path, stage: Stage, what: &str) -> Error {
    Error::input(stage, Location::file(path), format!("this is {what}; only files inside the site are read"))
        .with_hint("copy the file into the site instead of linking to it")
}

fn not_regular(path: &Path, stage: Stage) -> Error {
    Error::input(stage, Location::file(path), "not a regular file (a folder link, device, FIFO or socket)")
        .with_hint("inputs are plain files inside the site; replace it with a copy of the file")
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
