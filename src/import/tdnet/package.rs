//! Finding the summary in what an author gives: a summary file, a folder (a TDnet package as
//! unpacked, or a folder of packages) or a package's .zip. The summary is the inline XBRL page
//! `XBRLData/Summary/*-ixbrl.htm` or the instance `XBRLData/Summary/*.xbrl`; the package's
//! other files (attachments, schemas, linkbases) are not read.
//!
//! Reading follows the input rule of `crate::input`. A filing is a command argument and may
//! come from anywhere (a download folder, a mounted share): the "inside the site" part of the
//! rule is about files an author's site points at, so it does not apply to what the person
//! running the command names. Special files are refused all the same (a FIFO would hang the
//! import, `/dev/zero` would fill memory), and sizes are counted while reading. Inside a
//! folder given as the argument, that folder is the root: a link in the package to a file
//! outside it is refused, naming the link.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result, Stage};

/// A summary is a few hundred kilobytes; anything far larger is refused rather than read.
pub const MAX_SUMMARY_BYTES: u64 = 32 * 1024 * 1024;
/// How deep a folder is searched: `folder/package/XBRLData/Summary/file`.
const MAX_DEPTH: usize = 4;

fn is_summary_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("-ixbrl.htm") || lower.ends_with("-ixbrl.html") || lower.ends_with(".xbrl")
}

/// A file of a package that is the summary: named like one, in a `Summary` folder or at the
/// top of what was given.
fn is_summary_path(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = rel.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
    is_summary_name(name)
        && (rel.components().count() == 1 || parent.is_some_and(|p| p.eq_ignore_ascii_case("Summary")))
}

fn error(path: &Path, message: impl Into<String>) -> Error {
    Error::input(Stage::Import, Location::file(path), message)
}

fn hint() -> &'static str {
    "give a TDnet package (folder or .zip) or its XBRLData/Summary/*-ixbrl.htm or *.xbrl file"
}

/// `(origin, text)` of each summary at `path`, in a stable order.
pub fn summaries(path: &Path) -> Result<Vec<(PathBuf, String)>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return from_folder(path);
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    if name.ends_with(".zip") {
        return from_zip(path);
    }
    if name.ends_with(".htm") || name.ends_with(".html") || name.ends_with(".xhtml") || name.ends_with(".xbrl") {
        let bytes = crate::input::read_argument(path, Stage::Import, MAX_SUMMARY_BYTES, "summaries")?;
        return Ok(vec![(path.to_path_buf(), summary_text(path, bytes)?)]);
    }
    Err(error(path, "not a TDnet file: expected a folder, a .zip, an inline XBRL .htm or an .xbrl").with_hint(hint()))
}

fn summary_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| error(path, "file is not UTF-8 text").with_hint(hint()))
}

fn from_folder(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(dir).max_depth(MAX_DEPTH).follow_links(false).sort_by_file_name();
    for entry in walk.into_iter() {
        let entry = entry.map_err(|e| error(dir, format!("cannot read the folder: {e}")))?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        // Links are not followed while walking (no loops), but a summary that is a link or a
        // special file is read under the rule: one that leads out of the folder, or a FIFO, is
        // an error, never skipped.
        if !entry.file_type().is_dir() && is_summary_path(rel) {
            let path = entry.path();
            let bytes = crate::input::read_bytes(dir, path, Stage::Import, MAX_SUMMARY_BYTES, "summaries")?;
            found.push((path.to_path_buf(), summary_text(path, bytes)?));
        }
    }
    if found.is_empty() {
        return Err(error(dir, "no TDnet summary in this folder (looked for XBRLData/Summary/*-ixbrl.htm and *.xbrl)")
            .with_hint(hint()));
    }
    Ok(found)
}

fn from_zip(path: &Path) -> Result<Vec<(PathBuf, String)>> {
    let file = crate::input::open_argument(path, Stage::Import)?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| error(path, format!("not a readable zip file: {e}")))?;
    let mut names: Vec<String> = Vec::new();
    for name in archive.file_names() {
        let name = name.map_err(|e| error(path, format!("unreadable entry name in the zip: {e}")))?;
        if !name.ends_with('/') && is_summary_path(Path::new(name.as_ref())) {
            names.push(name.into_owned());
        }
    }
    names.sort();
    if names.is_empty() {
        return Err(error(path, "no TDnet summary in this zip (looked for XBRLData/Summary/*-ixbrl.htm and *.xbrl)")
            .with_hint(hint()));
    }
    let mut found = Vec::new();
    for name in names {
        let origin = PathBuf::from(format!("{}:{name}", path.display()));
        let entry = archive.by_name(&name).map_err(|e| error(&origin, format!("cannot read from the zip: {e}")))?;
        if entry.size() > MAX_SUMMARY_BYTES {
            return Err(error(
                &origin,
                format!("entry is {} bytes; a summary is at most {MAX_SUMMARY_BYTES}", entry.size()),
            ));
        }
        // The declared size is the archive's word; the limit also holds for what inflates.
        let mut bytes = Vec::new();
        entry
            .take(MAX_SUMMARY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| error(&origin, format!("cannot read from the zip: {e}")))?;
        if bytes.len() as u64 > MAX_SUMMARY_BYTES {
            return Err(error(&origin, format!("entry inflates past {MAX_SUMMARY_BYTES} bytes")));
        }
        let text = String::from_utf8(bytes).map_err(|_| error(&origin, "entry is not UTF-8 text").with_hint(hint()))?;
        found.push((origin, text));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_files_are_summaries() {
        assert!(is_summary_path(Path::new("XBRLData/Summary/tse-qcedjpsm-59710-20210818487667-ixbrl.htm")));
        assert!(is_summary_path(Path::new("E24982/XBRLData/Summary/tse-acedjpsm-36450-20210714336450.xbrl")));
        assert!(is_summary_path(Path::new("tse-acedjpsm-36450-20210714336450.xbrl")));
        assert!(!is_summary_path(Path::new("XBRLData/Summary/tse-acedjpsm-36450-20210714336450-def.xml")));
        assert!(!is_summary_path(Path::new("XBRLData/Attachment/0101010-acbs01-tse-acedjpfr-36450-ixbrl.htm")));
    }
}
