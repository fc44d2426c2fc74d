//! Translation freshness: each translated page records, in `translation_of`, a short hash of the
//! source-language page it translates. When the source changes, the translation is stale until
//! it is marked again with `irsite translations --mark`.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::entry::EnglishStatus;
use crate::content::{source_hash, Content, Page};
use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// `translation_of` matches the source page.
    InStep,
    /// The source changed since the translation was marked.
    Stale { recorded: String },
    /// The translation was never marked.
    Unmarked,
    /// The source page has no translation.
    Missing,
}

impl State {
    pub fn label(&self) -> &'static str {
        match self {
            State::InStep => "in step",
            State::Stale { .. } => "stale",
            State::Unmarked => "not marked",
            State::Missing => "missing",
        }
    }
}

/// One source page and its translation in one language.
#[derive(Debug, Clone)]
pub struct Pair {
    pub name: String,
    pub lang: Lang,
    pub source_path: PathBuf,
    /// The translation's file (where it is or would be).
    pub path: PathBuf,
    pub current: String,
    pub state: State,
}

/// The freshness of a translated page against its source-language twin.
pub fn page_state(page: &Page, source: &Page) -> State {
    let current = source.source_hash.clone();
    match &page.front.translation_of {
        None => State::Unmarked,
        Some(recorded) if recorded.trim() == current => State::InStep,
        Some(recorded) => State::Stale { recorded: recorded.clone() },
    }
}

/// Every pair of a source page (default language) and its translations.
pub fn pairs(config: &Config, content: &Content) -> Vec<Pair> {
    let mut out = Vec::new();
    let source_lang = config.default_language;
    let Some(sources) = content.pages.get(&source_lang) else { return out };
    // A summary is not a translation, and a Japanese-only entry has none: neither goes stale.
    let translated =
        |page: &&Page| !matches!(page.english_status(), Some(EnglishStatus::Summary | EnglishStatus::JapaneseOnly));
    for source in sources.iter().filter(translated) {
        for &lang in config.languages.iter().filter(|l| **l != source_lang) {
            let current = source.source_hash.clone();
            let (path, state) = match content.twin(source, lang) {
                Some(page) => (page.path.clone(), page_state(page, source)),
                None => (config.content_dir().join(lang.code()).join(format!("{}.md", source.name)), State::Missing),
            };
            out.push(Pair { name: source.name.clone(), lang, source_path: source.path.clone(), path, current, state });
        }
    }
    out
}

/// Warnings (errors with `strict`) for translations that are stale or were never marked.
pub fn freshness_problems(config: &Config, content: &Content) -> Vec<Error> {
    let mut out = Vec::new();
    for pair in pairs(config, content) {
        if !matches!(pair.state, State::Stale { .. } | State::Unmarked) {
            continue;
        }
        // The translation as loaded: its `translation_of` line, or its first line when unmarked.
        let text = content.page(pair.lang, &pair.name).map(|page| page.source.as_str()).unwrap_or_default();
        let location = crate::config::key_location(&pair.path, text, "translation_of");
        let location = if location.line.is_some() { location } else { Location::line(&pair.path, 1) };
        match &pair.state {
            State::Stale { recorded } => out.push(
                Error::input(
                    Stage::Content,
                    location,
                    format!(
                        "translation is stale: it follows {recorded}, but {} is now {}",
                        display_path(config, &pair.source_path),
                        pair.current
                    ),
                )
                .with_hint(format!(
                    "update the translation, then run `irsite translations --mark {}`",
                    display_path(config, &pair.path)
                )),
            ),
            State::Unmarked => out.push(
                Error::input(
                    Stage::Content,
                    location,
                    format!(
                        "translation is not marked with the version of {} it follows",
                        display_path(config, &pair.source_path)
                    ),
                )
                .with_hint(format!(
                    "once it is in step, run `irsite translations --mark {}`",
                    display_path(config, &pair.path)
                )),
            ),
            _ => {}
        }
    }
    out
}

/// The table printed by `irsite translations`.
pub fn table(config: &Config, content: &Content) -> String {
    let pairs = pairs(config, content);
    let rows: Vec<[String; 4]> = pairs
        .iter()
        .map(|p| {
            let recorded = match &p.state {
                State::InStep => p.current.clone(),
                State::Stale { recorded } => recorded.clone(),
                State::Unmarked | State::Missing => "-".into(),
            };
            [display_path(config, &p.path), p.state.label().to_string(), recorded, p.current.clone()]
        })
        .collect();
    let header = ["page".to_string(), "state".into(), "translated from".into(), "source now".into()];
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let cells: Vec<String> = row.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let count = |f: fn(&State) -> bool| pairs.iter().filter(|p| f(&p.state)).count();
    out.push_str(&format!(
        "{} in step, {} stale, {} not marked, {} missing\n",
        count(|s| *s == State::InStep),
        count(|s| matches!(s, State::Stale { .. })),
        count(|s| *s == State::Unmarked),
        count(|s| *s == State::Missing)
    ));
    out
}

fn display_path(config: &Config, path: &Path) -> String {
    path.strip_prefix(&config.root).unwrap_or(path).display().to_string()
}

/// Writes `translation_of` into a translated page's front matter, keeping the rest of the file
/// as written. Returns the hash written.
pub fn mark(config: &Config, path: &Path) -> Result<String> {
    // A relative path names a file of the site (under --root), or else one from the current folder.
    let full = if path.is_absolute() || !config.root.join(path).exists() {
        path.to_path_buf()
    } else {
        config.root.join(path)
    };
    // The language folder is the ancestor right below `content/`; the page's path under it
    // (sub-folders included) names the original.
    let lang_dir = full.ancestors().skip(1).find(|a| {
        a.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "content")
            && a.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.parse::<Lang>().is_ok())
    });
    let not_a_page = || {
        Error::input(Stage::Content, Location::file(&full), "not a page of a language folder")
            .with_hint("mark a translated page, e.g. content/en/about.md")
    };
    let lang_dir = lang_dir.ok_or_else(not_a_page)?;
    let lang: Lang =
        lang_dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().parse().map_err(|_| not_a_page())?;
    if lang == config.default_language {
        return Err(Error::input(
            Stage::Content,
            Location::file(&full),
            format!("`{lang}` pages are the originals; only translations are marked"),
        )
        .with_hint("mark the translated page, e.g. content/en/about.md"));
    }
    let rel = full.strip_prefix(lang_dir).map_err(|_| not_a_page())?;
    let source_path = config.content_dir().join(config.default_language.code()).join(rel);
    if !source_path.is_file() {
        return Err(Error::input(
            Stage::Content,
            Location::file(&full),
            format!("no original: {} does not exist", source_path.display()),
        ));
    }
    let source = crate::input::read_text(&config.root, &source_path, Stage::Content)?;
    let hash = source_hash(&source);
    // Read as written (line endings and byte-order mark kept), under the input rule: a page
    // linked to a file outside the site is neither read nor written.
    let raw =
        crate::input::read_bytes(&config.root, &full, Stage::Content, crate::input::MAX_TEXT_FILE_BYTES, "pages")?;
    let text = String::from_utf8(raw).map_err(|_| {
        Error::input(Stage::Content, Location::file(&full), "file is not valid UTF-8")
            .with_hint("save the file with UTF-8 encoding")
    })?;
    let updated = set_field(&text, &hash).ok_or_else(|| {
        Error::input(Stage::FrontMatter, Location::line(&full, 1), "page has no `+++` front matter to mark")
            .with_hint("begin the file with +++, then title, description and weight, then +++")
    })?;
    if updated != text {
        // Written to the link's target when the page is a link (inside the site, as read).
        let target = full.canonicalize().map_err(|e| Error::io(&full, e))?;
        crate::publish::write_atomic(&target, updated.as_bytes()).map_err(|e| Error::io(&full, e))?;
    }
    Ok(hash)
}

/// The file text with `translation_of = "<hash>"` set in its front matter (replacing a previous
/// value, or added as the last key). Line endings of the file are kept.
pub fn set_field(text: &str, hash: &str) -> Option<String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.first()?;
    let body_start = usize::from(first.starts_with('\u{feff}'));
    if first[body_start * 3..].trim_end() != "+++" {
        return None;
    }
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "+++")? + 1;
    let field = format!("translation_of = \"{hash}\"{newline}");
    let existing = (1..close).find(|&i| {
        let t = lines[i].trim_start();
        t.strip_prefix("translation_of").is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    match existing {
        Some(i) => lines[i] = &field,
        None => lines.insert(close, &field),
    }
    Some(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_line_endings() {
        let a = source_hash("+++\ntitle = \"x\"\n+++\n本文\n");
        assert_eq!(a.len(), crate::content::HASH_LEN);
        assert_eq!(a, source_hash("+++\r\ntitle = \"x\"\r\n+++\r\n本文\r\n"));
        assert_eq!(a, source_hash("\u{feff}+++\ntitle = \"x\"\n+++\n本文\n"));
        assert_ne!(a, source_hash("+++\ntitle = \"y\"\n+++\n本文\n"));
    }

    #[test]
    fn field_is_added_or_replaced_and_the_rest_kept() {
        let text = "+++\ntitle = \"A\"\nweight = 1\n+++\n\nBody +++\n";
        let marked = set_field(text, "abc").unwrap();
        assert_eq!(marked, "+++\ntitle = \"A\"\nweight = 1\ntranslation_of = \"abc\"\n+++\n\nBody +++\n");
        let again = set_field(&marked, "def").unwrap();
        assert_eq!(again, "+++\ntitle = \"A\"\nweight = 1\ntranslation_of = \"def\"\n+++\n\nBody +++\n");
        let crlf = set_field("+++\r\ntitle = \"A\"\r\n+++\r\nx\r\n", "abc").unwrap();
        assert_eq!(crlf, "+++\r\ntitle = \"A\"\r\ntranslation_of = \"abc\"\r\n+++\r\nx\r\n");
        assert!(set_field("no front matter", "abc").is_none());
    }
}
