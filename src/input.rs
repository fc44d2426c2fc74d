//! The one rule for reading any input of a site (site.toml, pages, data, locales, templates,
//! static files): only regular files inside the site root are read, and no more bytes than
//! a limit.
//!
//! A symbolic link is followed only when its target is a regular file inside the site root;
//! otherwise the error names the link and never quotes what it points at (a page linked to
//! `/proc/self/environ` must not print the environment). Sizes are enforced while reading,
//! never taken from metadata, which reads 0 for `/dev/zero` and many `/proc` files. Devices,
//! FIFOs and sockets are refused before they are opened, and files are opened non-blocking,
//! so that a FIFO put in place meanwhile cannot hang the build.
//!
//! One kind of input is not the site's: a file named on the command line, such as a filing
//! given to `irsite import tdnet`. Where it lies was the choice of the person running the
//! command, not of an author's file, so "inside the site" does not apply to it
//! ([`open_argument`]); the special-file refusal and the size limits do. Files found inside a
//! folder given on the command line follow the rule with that folder as their root.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result, Stage};

/// Largest text input (page, template, locale, site.toml) read.
pub const MAX_TEXT_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Opens `path` for reading after checking it against the rule above.
pub fn open(root: &Path, path: &Path, stage: Stage) -> Result<File> {
    let resolved = resolve(root, path, stage)?;
    let file = open_nonblocking(&resolved).map_err(|e| Error::io(path, e))?;
    // Checked again on the open file: the path may have been replaced since it was resolved.
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, stage));
    }
    Ok(file)
}

/// The bytes of `path`, at most `limit` of them; a longer file is an error saying `what` is
/// limited to that size.
pub fn read_bytes(root: &Path, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
    read_limited(open(root, path, stage)?, path, stage, limit, what)
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
    read_limited(open_argument(path, stage)?, path, stage, limit, what)
}

/// At most `limit` bytes of the open input `path`, counted while reading.
fn read_limited(file: File, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
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
    read_text_limited(root, path, stage, MAX_TEXT_FILE_BYTES, "text files")
}

/// [`read_text`] with a limit of its own.
pub fn read_text_limited(root: &Path, path: &Path, stage: Stage, limit: u64, what: &str) -> Result<String> {
    let bytes = read_bytes(root, path, stage, limit, what)?;
    crate::error::decode_utf8(path, stage, bytes)
}

/// Copies an input file to `target` (created, or truncated), streaming it.
pub fn copy(root: &Path, path: &Path, stage: Stage, target: &mut File) -> Result<u64> {
    let mut file = open(root, path, stage)?;
    std::io::copy(&mut file, target).map_err(|e| Error::io(path, e))
}

/// The real path of `path`, which must be a regular file inside `root`.
fn resolve(root: &Path, path: &Path, stage: Stage) -> Result<PathBuf> {
    let link = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if !link.is_file() && !link.file_type().is_symlink() {
        return Err(not_regular(path, stage));
    }
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    // A link anywhere on the way (the file or one of its folders) may lead out of the site.
    let resolved = match path.canonicalize() {
        Ok(p) => p,
        Err(_) => return Err(outside(path, stage, "a symbolic link that leads nowhere")),
    };
    if !resolved.starts_with(&root) {
        return Err(outside(path, stage, "a symbolic link to a file outside the site"));
    }
    let meta = std::fs::metadata(&resolved).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, stage));
    }
    Ok(resolved)
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
