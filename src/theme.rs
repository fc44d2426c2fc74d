//! The theme: templates, static files and interface strings. The default theme is compiled
//! into the binary from the repository's `themes/default/`, so a site needs no theme folder;
//! a site's `themes/default/` files, then its `templates/` and `static/` files, replace the
//! built-in ones of the same name, file by file. A site naming another theme gets that
//! folder's templates and static files alone (with its `templates/` and `static/` on top), as a
//! complete theme; the built-in interface strings stay underneath every theme.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Location, Result, Stage};

/// `themes/default/` as it was when the binary was built (build.rs makes cargo rebuild when
/// a file there is added, changed or removed).
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The theme name under which the built-in theme is found (and which `themes/default/`
/// overrides file by file).
pub const BUILT_IN_NAME: &str = "default";

/// How error messages name a built-in file: there is no such file on disk.
const BUILT_IN_PREFIX: &str = "(built-in theme)";

/// Where one theme file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// The path errors name: the file on disk, or `(built-in theme)/templates/base.html`.
    pub path: PathBuf,
    pub source: Source,
}

impl ThemeFile {
    /// The file's text; a file of the site is read by the input rule of `root`.
    pub fn text(&self, root: &Path, stage: Stage) -> Result<String> {
        match &self.source {
            Source::File(path) => crate::input::read_text(root, path, stage),
            Source::BuiltIn(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|_| Error::input(stage, Location::file(&self.path), "built-in file is not UTF-8")),
        }
    }

    pub fn is_built_in(&self) -> bool {
        matches!(self.source, Source::BuiltIn(_))
    }
}

/// The files of one part of the theme (`templates`, `static`, `locales/ja`), by their path
/// inside it: the built-in theme's (for the `default` theme), replaced by those of
/// `themes/<theme>/<part>`, replaced in turn by those of the site's own folder `site_dir`
/// (`templates`, `static`) when given.
pub fn files(config: &Config, part: &str, site_dir: Option<&str>) -> BTreeMap<String, ThemeFile> {
    let mut files = BTreeMap::new();
    // Another theme is a complete theme of its own: built-in templates and CSS would mix two
    // designs (a built-in page extending the other theme's base). The built-in strings stay
    // underneath every theme: they are looked up by key, and the chart module needs its own.
    if config.theme == BUILT_IN_NAME || part.starts_with("locales") {
        if let Some(dir) = BUILT_IN.get_dir(part) {
            add_built_in(dir, part, &mut files);
        }
    }
    let mut dirs = vec![config.theme_dir().join(part)];
    dirs.extend(site_dir.map(|d| config.root.join(d)));
    for dir in dirs {
        for (name, path) in files_on_disk(&dir) {
            files.insert(name, ThemeFile { path: path.clone(), source: Source::File(path) });
        }
    }
    files
}

fn add_built_in(dir: &'static Dir<'static>, part: &str, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let full = file.path().to_string_lossy().replace('\\', "/");
        let name = full.strip_prefix(part).unwrap_or(&full).trim_start_matches('/').to_string();
        let path = Path::new(BUILT_IN_PREFIX).join(&full);
        files.insert(name, ThemeFile { path, source: Source::BuiltIn(file.contents()) });
    }
    for sub in dir.dirs() {
        add_built_in(sub, part, files);
    }
}

/// Regular files under `dir` by their `/`-separated path inside it; none when it is missing.
pub fn files_on_disk(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        // Links and special files too: the input rule decides whether they are read.
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let name = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((name, e.into_path()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: &Path) -> Config {
        let toml = "base_url = \"https://example.com/\"\ndefault_language = \"ja\"\nlanguages = [\"ja\", \"en\"]\n[title]\nja = \"t\"\nen = \"t\"\n";
        Config::parse(root, &root.join("site.toml"), toml).unwrap()
    }

    #[test]
    fn built_in_theme_holds_the_repository_theme() {
        let dir = tempfile::tempdir().unwrap();
        let templates = files(&config(dir.path()), "templates", Some("templates"));
        let base = &templates["base.html"];
        assert!(base.is_built_in());
        let on_disk =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/base.html"));
        assert_eq!(base.text(dir.path(), Stage::Template).unwrap(), on_disk.unwrap());
        assert!(templates.contains_key("partials/footer.html"));
        assert!(files(&config(dir.path()), "static", None).contains_key("css/site.css"));
    }

    #[test]
    fn site_files_replace_built_in_ones_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes/default/templates")).unwrap();
        std::fs::write(dir.path().join("themes/default/templates/page.html"), "theme").unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/home.html"), "site").unwrap();
        let templates = files(&config(dir.path()), "templates", Some("templates"));
        assert_eq!(templates["page.html"].text(dir.path(), Stage::Template).unwrap(), "theme");
        assert_eq!(templates["home.html"].text(dir.path(), Stage::Template).unwrap(), "site");
        assert!(templates["base.html"].is_built_in());
    }
}
