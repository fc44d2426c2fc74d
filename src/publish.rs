//! Writing without losing anything: atomic file writes, and the output folder built aside and
//! swapped in whole.
//!
//! A build writes into a staging folder beside the output (same file system) and exchanges it
//! with the output in one step, so that a reader or a killed build never finds the output
//! missing or half-written. Before anything is created, renamed or removed, the output is
//! checked: it must not be the site, one of its source folders or a folder holding them, and
//! an existing output must be empty or carry [`MARKER`], the file every build leaves in it.
//! Below the pipeline: used by `site` (the build) and `translations` (`--mark`).

use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Location, Result, Stage};

/// The file in every output folder that says irsite wrote it (and may replace it).
pub const MARKER: &str = ".irsite-output";
const MARKER_TEXT: &str = "This folder was written by `irsite build`; each build replaces it as a whole.\n";
/// Folders of a site that hold its sources.
pub const SOURCE_DIRS: [&str; 5] = ["content", "locales", "themes", "templates", "static"];
/// Between the output's name and the random part of a staging folder's name.
const STAGING_TAG: &str = ".irsite-staging-";

/// Writes `bytes` to `path` so that it holds either its old or its new content, never a part:
/// a temporary file in the same folder, flushed to disk, renamed over `path`. The file keeps
/// its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(parent)?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(parent);
    Ok(())
}

/// Makes a rename in `dir` durable (where the platform allows it).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A folder being built, to be swapped in for the output. Removed when dropped unpublished.
pub struct Staging {
    dir: PathBuf,
    /// The real output folder: a link given as the output is followed to its target.
    output: PathBuf,
    /// [`MARKER`] in the staging folder, locked for as long as this build runs: a staging
    /// folder whose marker is not locked belongs to a build that is gone.
    marker: Option<File>,
}

impl Staging {
    /// Checks `output` for the site at `site_root`, removes what dead builds left beside it,
    /// and creates a fresh staging folder there.
    pub fn create(output: &Path, site_root: &Path) -> Result<Staging> {
        let output = check_output(output, site_root)?;
        let parent = parent_of(&output);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_dead_staging(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{STAGING_TAG}"))
            .tempdir_in(&parent)
            .map_err(|e| {
                Error::input(Stage::Output, Location::file(&parent), format!("cannot create the build folder: {e}"))
                    .with_hint("check that the output's parent folder is writable")
            })?
            .keep();
        let mut staging = Staging { dir, output, marker: None };
        // The marker is locked before it gets its name, so that no other build ever sees this
        // folder's marker unlocked and takes the folder for a dead build's.
        let unnamed = staging.dir.join(format!("{MARKER}.new"));
        let mut marker = File::create_new(&unnamed).map_err(|e| Error::io(&unnamed, e))?;
        marker.try_lock().map_err(|e| Error::io(&unnamed, std::io::Error::other(e.to_string())))?;
        marker.write_all(MARKER_TEXT.as_bytes()).map_err(|e| Error::io(&unnamed, e))?;
        let marker_path = staging.dir.join(MARKER);
        std::fs::rename(&unnamed, &marker_path).map_err(|e| Error::io(&marker_path, e))?;
        staging.marker = Some(marker);
        Ok(staging)
    }

    /// Where the build writes.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The real output folder this build replaces.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Swaps the staging folder in for the output and removes the previous output.
    pub fn publish(mut self) -> Result<()> {
        let had_output = self.output.exists();
        if had_output {
            swap(&self.dir, &self.output).map_err(|e| Error::io(&self.output, e))?;
            // The staging name now holds the previous output.
            let _ = std::fs::remove_dir_all(&self.dir);
        } else {
            std::fs::rename(&self.dir, &self.output).map_err(|e| Error::io(&self.output, e))?;
        }
        sync_folder(&parent_of(&self.output));
        self.marker = None;
        self.dir = PathBuf::new();
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.dir.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Exchanges two folders in one step on Linux; elsewhere (or where the file system cannot)
/// two renames, putting the previous output back when the second fails.
fn swap(staging: &Path, output: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    let parent = parent_of(output);
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A fresh name for the previous output, of the staging kind so that it is cleaned up after
    // a kill. It holds its own marker, unlocked.
    let aside = tempfile::Builder::new().prefix(&format!(".{name}{STAGING_TAG}")).tempdir_in(&parent)?.keep();
    std::fs::remove_dir(&aside)?;
    std::fs::rename(output, &aside)?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&aside, output);
        return Err(e);
    }
    std::fs::rename(&aside, staging)
}

/// Removes staging folders of `name` left by builds that are gone: only folders with the
/// staging name and a marker no running build holds locked.
fn remove_dead_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_TAG}");
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || !entry.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let dir = entry.path();
        let Ok(marker) = File::open(dir.join(MARKER)) else { continue };
        if marker.try_lock().is_ok() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn refuse(path: &Path, message: impl Into<String>, hint: &str) -> Error {
    Error::input(Stage::Output, Location::file(path), message).with_hint(hint.to_string())
}

/// The real output folder for `output`, after checking that a build may replace it.
pub fn check_output(output: &Path, site_root: &Path) -> Result<PathBuf> {
    let link = std::fs::symlink_metadata(output).ok();
    if link.as_ref().is_some_and(|m| m.file_type().is_symlink()) && !output.exists() {
        return Err(refuse(
            output,
            "the output is a symbolic link to nothing",
            "point the link at a folder, or remove it",
        ));
    }
    if output.exists() && !output.is_dir() {
        return Err(refuse(
            output,
            "output path exists and is not a folder",
            "remove the file or choose another --output",
        ));
    }
    let parent = parent_of(output);
    if let Some(file) = parent.ancestors().find(|a| a.exists() && !a.is_dir()) {
        return Err(refuse(
            file,
            "a file stands where the output's parent folder should be",
            "remove the file or choose another --output",
        ));
    }
    let real = real_path(output).map_err(|e| Error::io(output, e))?;
    let root = site_root.canonicalize().map_err(|e| Error::io(site_root, e))?;
    let choose = "choose a folder of its own for the output, such as public";
    if real.parent().is_none() || root.starts_with(&real) {
        return Err(refuse(
            output,
            "the output folder is the site's folder or holds it; a build would delete the site",
            choose,
        ));
    }
    for source in SOURCE_DIRS {
        let dir = real_path(&root.join(source)).unwrap_or_else(|_| root.join(source));
        if dir.starts_with(&real) {
            return Err(refuse(
                output,
                format!("the output folder is the site's `{source}` folder or holds it; a build would delete it"),
                choose,
            ));
        }
        if real.starts_with(&dir) {
            return Err(refuse(
                output,
                format!("the output folder is inside the site's `{source}` folder, which builds read"),
                choose,
            ));
        }
    }
    if real.is_dir() {
        let mut entries = std::fs::read_dir(&real).map_err(|e| Error::io(output, e))?;
        let empty = entries.next().is_none();
        let marked = std::fs::symlink_metadata(real.join(MARKER)).is_ok_and(|m| m.is_file());
        if !empty && !marked {
            return Err(refuse(
                output,
                format!("the output folder holds files irsite did not write (it has no {MARKER})"),
                "irsite replaces only empty folders and its own builds: choose another --output, or move the folder away",
            ));
        }
    }
    Ok(real)
}

/// `path` absolute, with links and `..` resolved as far as it exists; the rest taken as
/// written (a folder that does not exist yet holds no links).
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut real) => {
                for part in rest.iter().rev() {
                    match part {
                        Component::ParentDir => {
                            real.pop();
                        }
                        Component::Normal(name) => real.push(name),
                        _ => {}
                    }
                }
                return Ok(real);
            }
            Err(e) => {
                let Some(parent) = existing.parent() else { return Err(e) };
                rest.push(existing.components().next_back().unwrap_or(Component::CurDir));
                existing = parent;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_path_resolves_what_exists_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(real_path(&dir.path().join("a/b/../c")).unwrap(), real.join("a/c"));
        std::fs::create_dir(dir.path().join("x")).unwrap();
        assert_eq!(real_path(&dir.path().join("x/../y")).unwrap(), real.join("y"));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }
}
