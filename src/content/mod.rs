//! Pages: discovery under `content/{lang}/` (sub-folders included), front matter, and the ja/en
//! pairing by path; dated entries under `content/{lang}/news/` (see [`entry`]).

pub mod entry;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::config::{toml_error, Config};
use crate::error::{Error, Location, Result, Stage};
use crate::input::Inputs;
use crate::lang::Lang;
use entry::{parse_entry, EnglishStatus, Entry, EntryFront, NEWS_DIR};

/// Front matter keys an author may write.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    pub weight: i64,
    pub slug: Option<String>,
    pub nav_title: Option<String>,
    /// English pages: short hash of the Japanese source this translation follows.
    pub translation_of: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    /// Path below the language folder without `.md` (`about`, `ir/policy`, `news/2024/q4`):
    /// the key that pairs a page with its twin.
    pub name: String,
    pub path: PathBuf,
    pub front: FrontMatter,
    /// Byte offset in `source` where the Markdown after the front matter starts.
    body_start: usize,
    /// File line on which the body starts (1-based).
    pub body_line: usize,
    /// The whole file (UTF-8, LF line endings, no byte-order mark), for error snippets.
    pub source: String,
    /// Short hash of `source`, computed once: what translations record in `translation_of`.
    pub source_hash: String,
    /// Set on dated entries (pages under `news/`).
    pub entry: Option<Entry>,
    /// What [`Page::rel_dir`] returns, made once: it is asked for many times a page.
    rel_dir: String,
}

impl Page {
    /// Markdown after the front matter (a view into `source`, not a copy).
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    pub fn is_home(&self) -> bool {
        self.name == "_index"
    }

    /// URL path below the language folder: `""` for the home page, `about` for a page,
    /// `ir/policy` for `ir/policy.md` and `ir` for `ir/_index.md`. A `slug` replaces the
    /// last part.
    pub fn slug(&self) -> String {
        let (folder, file) = match self.name.rsplit_once('/') {
            Some((folder, file)) => (Some(folder), file),
            None => (None, self.name.as_str()),
        };
        let last = if file == "_index" { None } else { Some(self.front.slug.as_deref().unwrap_or(file)) };
        match (folder, last) {
            (None, None) => String::new(),
            (None, Some(last)) => last.to_string(),
            (Some(folder), None) => folder.to_string(),
            (Some(folder), Some(last)) => format!("{folder}/{last}"),
        }
    }

    /// Path from the site root: `ja/` or `ja/about/`.
    pub fn rel_dir(&self) -> String {
        self.rel_dir.clone()
    }

    fn make_rel_dir(&self) -> String {
        if self.is_home() {
            format!("{}/", self.lang)
        } else {
            format!("{}/{}/", self.lang, self.slug())
        }
    }

    /// The English status of a Japanese entry.
    pub fn english_status(&self) -> Option<EnglishStatus> {
        self.entry.as_ref().and_then(|e| e.english)
    }

    pub fn nav_title(&self) -> &str {
        self.front.nav_title.as_deref().unwrap_or(&self.front.title)
    }
}

/// All pages of a site, per language in the order of their weights.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: BTreeMap<Lang, Vec<Page>>,
    /// Position of each page in its language's list, by file name: twin look-ups stay O(1)
    /// so a build grows linearly with the number of pages.
    index: HashMap<Lang, HashMap<String, usize>>,
}

impl Content {
    pub fn load(config: &Config) -> Result<Content> {
        let mut errors = Vec::new();
        let mut content = Content::default();
        let inputs = Inputs::new(&config.root);
        for &lang in &config.languages {
            let dir = config.content_dir().join(lang.code());
            let mut pages = Vec::new();
            if !dir.is_dir() {
                errors.push(Error::input(
                    Stage::Content,
                    Location::file(&dir),
                    format!("missing content folder for `{lang}`"),
                ));
                continue;
            }
            // The folder is walked in order, and its pages are read and parsed in parallel;
            // pages and errors keep the order of the walk.
            let mut found = Vec::new();
            for item in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
                let item = match item {
                    Ok(e) => e,
                    Err(e) => {
                        found.push(Err(Error::input(Stage::Content, Location::file(&dir), e.to_string())));
                        continue;
                    }
                };
                let path = item.path();
                if item.file_type().is_dir() || path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                found.push(Ok(item.into_path()));
            }
            let loaded: Vec<Result<Page>> = found
                .into_par_iter()
                .map(|item| item.and_then(|path| load_page_from(&inputs, config, lang, &path)))
                .collect();
            for result in loaded {
                match result {
                    Ok(page) => pages.push(page),
                    Err(e) => errors.push(e),
                }
            }
            content.pages.insert(lang, pages);
        }
        Error::collect(errors)?;
        content.inherit_entry_fields();
        for pages in content.pages.values_mut() {
            pages.sort_by(order);
        }
        content.reindex();
        content.validate(config)?;
        Ok(content)
    }

    /// English entries take date and category from their Japanese twins.
    fn inherit_entry_fields(&mut self) {
        let originals: HashMap<String, (entry::EntryDate, String)> = self
            .pages
            .get(&Lang::Ja)
            .into_iter()
            .flatten()
            .filter_map(|p| p.entry.as_ref().map(|e| (p.name.clone(), (e.date, e.category.clone()))))
            .collect();
        for page in self.pages.iter_mut().filter(|(l, _)| **l != Lang::Ja).flat_map(|(_, p)| p.iter_mut()) {
            if let (Some(entry), Some((date, category))) = (page.entry.as_mut(), originals.get(&page.name)) {
                entry.date = *date;
                entry.category = category.clone();
            }
        }
    }

    /// The pages of `lang` that are not entries, by weight: what navigation lists.
    pub fn regular(&self, lang: Lang) -> &[Page] {
        let pages = self.pages.get(&lang).map(Vec::as_slice).unwrap_or_default();
        &pages[..pages.partition_point(|p| p.entry.is_none())]
    }

    /// The dated entries of `lang`, newest first.
    pub fn entries(&self, lang: Lang) -> &[Page] {
        let pages = self.pages.get(&lang).map(Vec::as_slice).unwrap_or_default();
        &pages[pages.partition_point(|p| p.entry.is_none())..]
    }

    fn reindex(&mut self) {
        self.index = self
            .pages
            .iter()
            .map(|(lang, pages)| (*lang, pages.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect()))
            .collect();
    }

    /// Where the page named `name` stands in `lang`'s list (by weight).
    pub fn position(&self, lang: Lang, name: &str) -> Option<usize> {
        let pages = self.pages.get(&lang)?;
        match self.index.get(&lang).and_then(|m| m.get(name)) {
            Some(&i) if pages.get(i).is_some_and(|p| p.name == name) => Some(i),
            // `pages` is public: fall back to a search if it changed since loading.
            _ => pages.iter().position(|p| p.name == name),
        }
    }

    /// Pairs and slugs: every page has its twin, no two pages share a URL.
    fn validate(&self, config: &Config) -> Result<()> {
        let mut errors = Vec::new();
        for &lang in &config.languages {
            let pages = &self.pages[&lang];
            if !pages.iter().any(|p| p.is_home()) {
                let path = config.content_dir().join(lang.code()).join("_index.md");
                errors.push(
                    Error::input(Stage::Content, Location::file(path), "missing home page").with_hint("add _index.md"),
                );
            }
            let mut slugs: BTreeMap<String, &Page> = BTreeMap::new();
            for page in pages {
                if let Some(first) = slugs.insert(page.slug(), page) {
                    errors.push(Error::input(
                        Stage::Content,
                        Location::file(&page.path),
                        format!("slug `{}` is also used by {}", page.slug(), first.path.display()),
                    ));
                }
                let status = page.english_status();
                for other in &config.languages {
                    if *other == lang {
                        continue;
                    }
                    let twin = self.position(*other, &page.name);
                    if status == Some(EnglishStatus::JapaneseOnly) {
                        if let Some(i) = twin {
                            errors.push(
                                Error::input(
                                    Stage::Content,
                                    crate::config::key_location(&page.path, &page.source, "english"),
                                    format!(
                                        "entry is declared Japanese-only, but {} exists",
                                        self.pages[other][i].path.display()
                                    ),
                                )
                                .with_hint("remove the English file, or give the English status it has (full, summary or delayed)"),
                            );
                        }
                        continue;
                    }
                    if twin.is_none() {
                        let twin = config.content_dir().join(other.code()).join(format!("{}.md", page.name));
                        errors.push(
                            Error::input(
                                Stage::Content,
                                Location::file(&page.path),
                                format!("page has no {other} twin: {} is missing", twin.display()),
                            )
                            .with_hint(if page.entry.is_some() {
                                "every entry exists in both languages under the same path, unless the Japanese one says english = \"japanese-only\""
                            } else {
                                "every page exists in both languages under the same path"
                            }),
                        );
                    }
                }
            }
        }
        // Twins share a slug so the language switcher maps one URL to the other.
        if let (Some(ja), Some(en)) = (self.pages.get(&Lang::Ja), self.pages.get(&Lang::En)) {
            for page in ja {
                if let Some(twin) = self.position(Lang::En, &page.name).and_then(|i| en.get(i)) {
                    if twin.slug() != page.slug() {
                        errors.push(Error::input(
                            Stage::Content,
                            Location::file(&twin.path),
                            format!("slug `{}` differs from its Japanese twin's `{}`", twin.slug(), page.slug()),
                        ));
                    }
                }
            }
        }
        Error::collect(errors)
    }

    /// The page of that name in `lang`.
    pub fn page(&self, lang: Lang, name: &str) -> Option<&Page> {
        self.pages.get(&lang)?.get(self.position(lang, name)?)
    }

    /// `page` in `lang`: its twin, or the page itself when `lang` is its own language.
    pub fn twin(&self, page: &Page, lang: Lang) -> Option<&Page> {
        self.page(lang, &page.name)
    }

    pub fn all(&self) -> impl Iterator<Item = &Page> {
        self.pages.values().flatten()
    }
}

/// Deck order for pages, then the entries newest first; ties broken by path, so the order
/// never depends on the file system.
fn order(a: &Page, b: &Page) -> std::cmp::Ordering {
    match (&a.entry, &b.entry) {
        (None, None) => (a.front.weight, &a.name).cmp(&(b.front.weight, &b.name)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.date.moment().cmp(&x.date.moment()).then_with(|| a.name.cmp(&b.name)),
    }
}

/// The page name of a file under `content/{lang}/`: its path without `.md`, `/`-separated.
fn page_name(config: &Config, lang: Lang, path: &Path) -> Result<String> {
    let dir = config.content_dir().join(lang.code());
    let rel = path.strip_prefix(&dir).unwrap_or(path).with_extension("");
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let last = parts.len().saturating_sub(1);
    let valid = !parts.is_empty()
        && parts.iter().enumerate().all(|(i, part)| valid_name(part) && (i == last || part != "_index"));
    if !valid {
        let shown = format!("{}.md", parts.join("/"));
        return Err(Error::input(Stage::Content, Location::file(path), format!("`{shown}` is not a valid page path"))
            .with_hint("use lower-case letters, digits and hyphens for files and folders, e.g. ir/mid-term-plan.md"));
    }
    Ok(parts.join("/"))
}

pub fn load_page(config: &Config, lang: Lang, path: &Path) -> Result<Page> {
    load_page_from(&Inputs::new(&config.root), config, lang, path)
}

/// [`load_page`] reading through `inputs`, shared by the pages of one load.
fn load_page_from(inputs: &Inputs, config: &Config, lang: Lang, path: &Path) -> Result<Page> {
    let source = inputs.read_text(path, Stage::FrontMatter)?;
    let name = page_name(config, lang, path)?;
    let is_entry = name.starts_with(&format!("{NEWS_DIR}/"));
    if is_entry && name.ends_with("/_index") {
        return Err(Error::input(
            Stage::Content,
            Location::file(path),
            "the news list pages are made by irsite, not written",
        )
        .with_hint("remove this file; the lists' titles come from the theme's strings (news-title)"));
    }
    let (front, entry, body, body_line) = if is_entry {
        let (front, body, body_line) = split_front_matter_as::<EntryFront>(path, &source)?;
        let entry = parse_entry(config, lang, path, &source, &front)?;
        let description = front.description.clone().unwrap_or_else(|| front.title.clone());
        let page_front = FrontMatter {
            title: front.title,
            description,
            weight: 0,
            slug: front.slug,
            nav_title: None,
            translation_of: front.translation_of,
        };
        (page_front, Some(entry), body, body_line)
    } else {
        let (front, body, body_line) = split_front_matter(path, &source)?;
        (front, None, body, body_line)
    };
    if let Some(slug) = &front.slug {
        if !valid_name(slug) || slug == "_index" {
            let loc = crate::config::key_location(path, &source, "slug");
            return Err(Error::input(Stage::FrontMatter, loc, format!("slug `{slug}` is not a safe URL segment"))
                .with_hint("use lower-case letters, digits and hyphens"));
        }
    }
    for (key, value) in [("title", &front.title), ("description", &front.description)] {
        if value.trim().is_empty() {
            let loc = crate::config::key_location(path, &source, key);
            return Err(Error::input(Stage::FrontMatter, loc, format!("`{key}` is empty")));
        }
    }
    let body_start = body.as_ptr() as usize - source.as_ptr() as usize;
    let source_hash = source_hash(&source);
    let mut page = Page {
        lang,
        name,
        path: path.to_path_buf(),
        front,
        body_start,
        body_line,
        source,
        source_hash,
        entry,
        rel_dir: String::new(),
    };
    page.rel_dir = page.make_rel_dir();
    Ok(page)
}

fn valid_name(name: &str) -> bool {
    name == "_index"
        || (!name.is_empty()
            && name.len() <= 100
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.starts_with('-'))
}

/// Splits `+++` TOML front matter from the body.
pub fn split_front_matter<'a>(path: &Path, source: &'a str) -> Result<(FrontMatter, &'a str, usize)> {
    split_front_matter_as(path, source)
}

/// Splits `+++` TOML front matter of any shape (a page's or an entry's) from the body.
pub fn split_front_matter_as<'a, T: DeserializeOwned>(path: &Path, source: &'a str) -> Result<(T, &'a str, usize)> {
    let first = source.lines().next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(Error::input(
            Stage::FrontMatter,
            Location::line(path, 1),
            "page must start with `+++` front matter",
        )
        .with_hint("begin the file with +++, then title, description and weight, then +++"));
    }
    let after_open = first.len() + 1;
    let rest = source.get(after_open..).unwrap_or("");
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_start, close_end)) = close else {
        return Err(Error::input(Stage::FrontMatter, Location::line(path, 1), "front matter is not closed")
            .with_hint("add a line with +++ after the front matter"));
    };
    let toml_text = &rest[..close_start];
    let front: T = toml::from_str(toml_text).map_err(|e| toml_error(Stage::FrontMatter, path, toml_text, 2, &e))?;
    let body = &rest[close_end..];
    let body_line = source[..after_open + close_end].matches('\n').count() + 1;
    Ok((front, body, body_line))
}

/// Hex digits kept from the SHA-256 digest.
pub const HASH_LEN: usize = 12;

/// Short hash of a page's source, independent of line endings and a byte-order mark.
pub fn source_hash(source: &str) -> String {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let normalized =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    let digest = Sha256::digest(normalized.as_bytes());
    let mut hex = String::with_capacity(HASH_LEN);
    for byte in digest.iter().take(HASH_LEN / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}
