//! Pages: discovery under `content/{lang}/`, front matter, and the ja/en pairing.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::config::{toml_error, Config};
use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;

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
    /// File name without `.md`; the key that pairs a page with its twin.
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
}

impl Page {
    /// Markdown after the front matter (a view into `source`, not a copy).
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    pub fn is_home(&self) -> bool {
        self.name == "_index"
    }

    /// URL path below the language folder: `""` for the home page, `about/` for a page.
    pub fn slug(&self) -> &str {
        if self.is_home() {
            ""
        } else {
            self.front.slug.as_deref().unwrap_or(&self.name)
        }
    }

    /// Path from the site root: `ja/` or `ja/about/`.
    pub fn rel_dir(&self) -> String {
        if self.is_home() {
            format!("{}/", self.lang)
        } else {
            format!("{}/{}/", self.lang, self.slug())
        }
    }

    pub fn nav_title(&self) -> &str {
        self.front.nav_title.as_deref().unwrap_or(&self.front.title)
    }
}

/// All pages of a site, per language in deck order.
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
            for entry in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(Error::input(Stage::Content, Location::file(&dir), e.to_string()));
                        continue;
                    }
                };
                let path = entry.path();
                if entry.file_type().is_dir() {
                    errors.push(
                        Error::input(
                            Stage::Content,
                            Location::file(path),
                            "sub-folders are not supported in a language folder",
                        )
                        .with_hint("keep every page directly in content/ja or content/en"),
                    );
                    continue;
                }
                if path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                match load_page(&config.root, lang, path) {
                    Ok(page) => pages.push(page),
                    Err(e) => errors.push(e),
                }
            }
            pages.sort_by(|a, b| (a.front.weight, &a.name).cmp(&(b.front.weight, &b.name)));
            content.pages.insert(lang, pages);
        }
        Error::collect(errors)?;
        content.reindex();
        content.validate(config)?;
        Ok(content)
    }

    fn reindex(&mut self) {
        self.index = self
            .pages
            .iter()
            .map(|(lang, pages)| (*lang, pages.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect()))
            .collect();
    }

    /// Where the page named `name` stands in `lang`'s list (deck order).
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
            let mut slugs: BTreeMap<&str, &Page> = BTreeMap::new();
            for page in pages {
                if let Some(first) = slugs.insert(page.slug(), page) {
                    errors.push(Error::input(
                        Stage::Content,
                        Location::file(&page.path),
                        format!("slug `{}` is also used by {}", page.slug(), first.path.display()),
                    ));
                }
                for other in &config.languages {
                    if *other == lang {
                        continue;
                    }
                    if self.position(*other, &page.name).is_none() {
                        let twin = config.content_dir().join(other.code()).join(format!("{}.md", page.name));
                        errors.push(
                            Error::input(
                                Stage::Content,
                                Location::file(&page.path),
                                format!("page has no {other} twin: {} is missing", twin.display()),
                            )
                            .with_hint("every page exists in both languages under the same file name"),
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

/// Loads the page at `path` of the site at `root`.
pub fn load_page(root: &Path, lang: Lang, path: &Path) -> Result<Page> {
    let source = crate::input::read_text(root, path, Stage::FrontMatter)?;
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    if !valid_name(&name) {
        return Err(Error::input(
            Stage::Content,
            Location::file(path),
            format!("file name `{name}.md` is not a valid page name"),
        )
        .with_hint("use lower-case letters, digits and hyphens, e.g. mid-term-plan.md"));
    }
    let (front, body, body_line) = split_front_matter(path, &source)?;
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
    Ok(Page { lang, name, path: path.to_path_buf(), front, body_start, body_line, source, source_hash })
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
    let front: FrontMatter =
        toml::from_str(toml_text).map_err(|e| toml_error(Stage::FrontMatter, path, toml_text, 2, &e))?;
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
