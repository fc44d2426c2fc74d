//! `irsite check`: everything `build` validates, without writing the site, plus internal links
//! and anchors, Fluent key use, and translation freshness. External links are listed, not fetched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::entry::EnglishStatus;
use crate::error::{Error, Location, Stage};
use crate::href::decode_path;
use crate::render::template_files;
use crate::site::{PageRecord, Site};
use crate::translations;

/// A link that leaves the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub location: Location,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
    pub external: Vec<ExternalLink>,
    pub pages: usize,
    pub links_checked: usize,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Checks the site under `root`. With `strict`, stale or unmarked translations are errors.
pub fn run(root: &Path, strict: bool) -> Outcome {
    let mut outcome = Outcome::default();
    let config = match Config::load(root) {
        Ok(c) => c,
        Err(e) => {
            outcome.errors.extend(flat(e));
            return outcome;
        }
    };
    outcome.warnings.extend(config.warnings());
    let site = match Site::load(config) {
        Ok(s) => s,
        Err(e) => {
            outcome.errors.extend(flat(e));
            return outcome;
        }
    };
    outcome.warnings.extend(delayed_english(&site));
    let freshness = translations::freshness_problems(&site.config, &site.content);
    if strict {
        outcome.errors.extend(freshness);
    } else {
        outcome.warnings.extend(freshness);
    }
    let report = match site.render_all() {
        Ok(r) => r,
        Err(e) => {
            outcome.errors.extend(flat(e));
            return outcome;
        }
    };
    if let Err(e) = site.root_pages() {
        outcome.errors.extend(flat(e));
    }
    // The calendar files and workbooks are made as a build makes them, then dropped.
    if let Err(e) = site.generated_downloads() {
        outcome.errors.extend(flat(e));
    }
    outcome.pages = report.records.len();
    let files = output_files(&site, &report.records, &report.generated, &mut outcome);
    let links = Links::new(&site, &report.records, files);
    links.check(&mut outcome);
    check_keys(&site, &links.templates, &mut outcome);
    outcome
        .external
        .sort_by(|a, b| (&a.url, &a.location.path, a.location.line).cmp(&(&b.url, &b.location.path, b.location.line)));
    outcome.external.dedup_by(|a, b| a.url == b.url && a.location.path == b.location.path);
    outcome
}

/// Japanese entries whose English version followed later: the exchange asks for both at once,
/// so each delay is reported, as a warning.
fn delayed_english(site: &Site) -> Vec<Error> {
    site.content
        .entries(crate::lang::Lang::Ja)
        .iter()
        .filter_map(|page| {
            let entry = page.entry.as_ref()?;
            let Some(EnglishStatus::Delayed(followed)) = entry.english else { return None };
            let location = crate::config::key_location(&page.path, &page.source, "english_date");
            Some(
                Error::input(
                    Stage::Content,
                    location,
                    format!(
                        "English version delayed: published {} after the Japanese one of {}",
                        followed.iso(),
                        entry.date.iso()
                    ),
                )
                .with_hint(
                    "the English list marks this entry as delayed; publish both languages together where possible",
                ),
            )
        })
        .collect()
}

fn flat(err: Error) -> Vec<Error> {
    match err {
        Error::Many(list) => list.into_iter().flat_map(flat).collect(),
        other => vec![other],
    }
}

/// Every file a build writes, as paths from the output root.
/// A static file that would replace a generated one is an error, as in a build.
fn output_files(
    site: &Site,
    records: &[PageRecord],
    generated: &BTreeSet<String>,
    outcome: &mut Outcome,
) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = generated.clone();
    files.extend(site.download_paths());
    for record in records {
        files.insert(format!("{}index.html", record.rel_dir));
    }
    for name in ["index.html", "404.html", "sitemap.xml", "robots.txt"] {
        files.insert(name.to_string());
    }
    let built = files.clone();
    for (rel, file) in crate::theme::files(&site.config, "static", Some("static")) {
        if built.contains(&rel) {
            outcome.errors.push(crate::site::static_collision(&file.path, &rel));
        }
        files.insert(rel);
    }
    files
}

/// What a link points at inside the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Target {
    /// Path from the output root, e.g. `en/about/` or `css/site.css`.
    path: String,
    anchor: Option<String>,
}

enum Resolved {
    Internal(Target),
    External,
    /// mailto:, tel: and the like: nothing to check.
    Other,
    Invalid(String),
}

struct Links<'a> {
    site: &'a Site,
    records: &'a [PageRecord],
    files: BTreeSet<String>,
    /// Element ids of every page, by its path from the output root.
    ids: BTreeMap<String, BTreeSet<String>>,
    /// Each template file with its text, read once.
    templates: Vec<(PathBuf, String)>,
}

impl<'a> Links<'a> {
    fn new(site: &'a Site, records: &'a [PageRecord], files: BTreeSet<String>) -> Self {
        let ids = records.iter().map(|r| (r.rel_dir.clone(), html_ids(&r.html))).collect();
        let templates = template_files(&site.config)
            .into_values()
            .filter_map(|file| file.text(&site.config.root, Stage::Template).ok().map(|text| (file.path, text)))
            .collect();
        Links { site, records, files, ids, templates }
    }

    fn check(&self, outcome: &mut Outcome) {
        for record in self.records {
            let page = self.site.content.page(record.lang, &record.name);
            let source = page.map(|p| p.source.as_str()).unwrap_or("");
            let mut from_markdown = BTreeSet::new();
            for link in &record.links {
                let location = link_location(&record.path, source, link.line, &link.dest);
                outcome.links_checked += 1;
                match self.resolve_markdown(record, &link.dest) {
                    Resolved::Internal(target) => {
                        from_markdown.insert(target.clone());
                        if let Some(problem) = self.missing(&target) {
                            outcome.errors.push(
                                Error::input(Stage::Content, location, format!("link `{}` {problem}", link.dest))
                                    .with_hint(self.hint(record, &target)),
                            );
                        }
                    }
                    Resolved::External => outcome.external.push(ExternalLink { url: link.dest.clone(), location }),
                    Resolved::Other => {}
                    Resolved::Invalid(message) => outcome.errors.push(Error::input(
                        Stage::Content,
                        location,
                        format!("link `{}`: {message}", link.dest),
                    )),
                }
            }
            // Links in the page's HTML: raw HTML and chart downloads in the body, and the template's own.
            let template_html = record.html.replacen(&record.content_html, "", 1);
            for (html, in_body) in [(record.content_html.as_str(), true), (template_html.as_str(), false)] {
                for href in html_links(html) {
                    outcome.links_checked += 1;
                    let location = || {
                        if in_body {
                            find_in_file(&record.path, source, &href).unwrap_or_else(|| Location::file(&record.path))
                        } else {
                            self.template_location(&href)
                        }
                    };
                    match self.resolve_html(record, &href) {
                        Resolved::Internal(target) => {
                            if in_body && from_markdown.contains(&target) {
                                continue;
                            }
                            if let Some(problem) = self.missing(&target) {
                                let message = format!("link `{href}` on page {} {problem}", record.rel_dir);
                                outcome.errors.push(Error::input(
                                    if in_body { Stage::Content } else { Stage::Template },
                                    location(),
                                    message,
                                ));
                            }
                        }
                        Resolved::External => {
                            if !in_body || !record.links.iter().any(|l| l.dest == href) {
                                outcome.external.push(ExternalLink { url: href.clone(), location: location() });
                            }
                        }
                        Resolved::Other => {}
                        Resolved::Invalid(message) => outcome.errors.push(Error::input(
                            Stage::Template,
                            location(),
                            format!("link `{href}`: {message}"),
                        )),
                    }
                }
            }
        }
    }

    /// A Markdown link destination as written by the author.
    fn resolve_markdown(&self, record: &PageRecord, dest: &str) -> Resolved {
        if let Some(target) = dest.strip_prefix("@/") {
            let (file, anchor) = split_anchor(target);
            let name = file.strip_suffix(".md").unwrap_or(file);
            let Some(page) = self.site.content.page(record.lang, name) else {
                // Reported by the build already (unknown page).
                return Resolved::Other;
            };
            return Resolved::Internal(Target { path: page.rel_dir(), anchor: anchor.map(str::to_string) });
        }
        self.resolve_html(record, dest)
    }

    /// A URL as it stands in the page (relative to the page's folder).
    fn resolve_html(&self, record: &PageRecord, href: &str) -> Resolved {
        let href = href.trim();
        let base_url = &self.site.config.base_url;
        if let Some(rest) = href.strip_prefix(base_url.as_str()) {
            return resolve_path("", &format!("/{rest}"), "/");
        }
        if href.starts_with("//") || has_scheme(href, &["http", "https"]) {
            return Resolved::External;
        }
        if href.contains(':') && has_any_scheme(href) {
            return Resolved::Other;
        }
        resolve_path(&record.rel_dir, href, self.site.config.base_path())
    }

    /// Why `target` leads nowhere, or `None` when it resolves.
    fn missing(&self, target: &Target) -> Option<String> {
        let page_path = if target.path.is_empty() || target.path.ends_with('/') {
            format!("{}index.html", target.path)
        } else if self.files.contains(&target.path) {
            target.path.clone()
        } else {
            format!("{}/index.html", target.path)
        };
        if !self.files.contains(&page_path) {
            return Some(format!("leads to `{}`, which the site does not have", display_target(target)));
        }
        let anchor = target.anchor.as_deref().filter(|a| !a.is_empty())?;
        let dir = page_path.strip_suffix("index.html").unwrap_or(&page_path);
        match self.ids.get(dir) {
            Some(ids) if ids.contains(anchor) => None,
            Some(_) => Some(format!("points at `#{anchor}`, which `{dir}` does not have")),
            // Not a page (e.g. a CSV): anchors are not checked.
            None => None,
        }
    }

    fn hint(&self, record: &PageRecord, target: &Target) -> String {
        let dir = if target.path.ends_with('/') || target.path.is_empty() {
            target.path.clone()
        } else {
            format!("{}/", target.path)
        };
        match (self.ids.get(&dir), &target.anchor) {
            (Some(ids), Some(_)) => {
                let list: Vec<&str> = ids.iter().map(String::as_str).filter(|i| *i != "main").take(12).collect();
                format!("ids on that page: {}", list.join(", "))
            }
            _ => {
                let pages: Vec<&str> =
                    self.records.iter().filter(|r| r.lang == record.lang).map(|r| r.name.as_str()).collect();
                format!("link to a page as @/name.md or @/name.md#id; pages: {}", pages.join(", "))
            }
        }
    }

    /// Where a template writes a link: the first template line holding its fixed part.
    fn template_location(&self, href: &str) -> Location {
        let fixed = href.trim_start_matches("../").split('#').next().unwrap_or("").to_string();
        let (_, anchor) = split_anchor(href);
        let needles: Vec<String> =
            [Some(fixed), anchor.map(|a| format!("#{a}"))].into_iter().flatten().filter(|n| n.len() > 1).collect();
        for (path, text) in &self.templates {
            for needle in &needles {
                if let Some(loc) = find_in_file(path, text, needle) {
                    return loc;
                }
            }
        }
        Location::file(self.site.config.theme_dir().join("templates"))
    }
}

fn display_target(target: &Target) -> String {
    match &target.anchor {
        Some(a) => format!("{}#{a}", target.path),
        None => target.path.clone(),
    }
}

fn split_anchor(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

fn has_scheme(href: &str, schemes: &[&str]) -> bool {
    schemes.iter().any(|s| {
        href.get(..s.len()).is_some_and(|head| head.eq_ignore_ascii_case(s)) && href[s.len()..].starts_with(':')
    })
}

fn has_any_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else { return false };
    !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !scheme.contains('/')
}

/// Resolves `href` against the page folder `dir` (from the output root). Absolute paths are
/// taken below the site's base path.
fn resolve_path(dir: &str, href: &str, base_path: &str) -> Resolved {
    let (rest, anchor) = split_anchor(href);
    let rest = rest.split('?').next().unwrap_or("");
    let rest = decode_path(rest);
    let anchor = anchor.map(decode_path);
    let joined = if let Some(abs) = rest.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        match abs.strip_prefix(base) {
            Some(r) => r.to_string(),
            None => return Resolved::Invalid(format!("an absolute path outside the site's base path `{base_path}`")),
        }
    } else if rest.is_empty() {
        dir.to_string()
    } else {
        format!("{dir}{rest}")
    };
    let mut parts: Vec<&str> = Vec::new();
    let trailing = joined.ends_with('/') || joined.is_empty();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::Invalid("leaves the site's root folder".into());
                }
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Resolved::Internal(Target { path, anchor })
}

fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Values of an attribute (`href`, `id`, …) in HTML, unescaped.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!("{attr}=");
    let mut from = 0;
    while let Some(pos) = html[from..].find(&needle) {
        let at = from + pos;
        from = at + needle.len();
        let before = html[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = &html[from..];
        let quote = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => continue,
        };
        if let Some(end) = rest[1..].find(quote) {
            out.push(html_unescape(&rest[1..1 + end]));
        }
    }
    out
}

fn html_ids(html: &str) -> BTreeSet<String> {
    attr_values(html, "id").into_iter().collect()
}

/// Link targets in HTML: `href` and `src`, without `<link rel>` hints of other origins.
fn html_links(html: &str) -> Vec<String> {
    let mut out = attr_values(html, "href");
    out.extend(attr_values(html, "src"));
    out
}

/// Location of a Markdown link: its line, and the column where the destination starts.
fn link_location(path: &Path, source: &str, line: usize, dest: &str) -> Location {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let column = text.find(&format!("({dest}")).map(|i| i + 1).or_else(|| text.find(dest));
    match column {
        Some(byte) => Location::at(path, line, text[..byte].chars().count() + 1),
        None => Location::line(path, line),
    }
}

/// The first place `needle` occurs in a file's text.
fn find_in_file(path: &Path, text: &str, needle: &str) -> Option<Location> {
    let offset = text.find(needle)?;
    Some(Location::from_offset(path, text, offset, 1))
}

/// Fluent keys: every key a template names exists in both languages, and every defined key is
/// used by a template, a data file or the build.
fn check_keys(site: &Site, templates: &[(PathBuf, String)], outcome: &mut Outcome) {
    let mut used: BTreeSet<String> = site.locales.used_keys();
    let mut prefixes: Vec<String> = Vec::new();
    for (path, text) in templates {
        // A template that asks `has_text(key=…)` first treats that string as optional.
        let optional: BTreeSet<String> = optional_keys(text);
        for call in template_keys(text) {
            if call.prefix {
                prefixes.push(call.key.clone());
                continue;
            }
            used.insert(call.key.clone());
            if optional.contains(&call.key) {
                continue;
            }
            for &lang in &site.config.languages {
                if !site.locales.has(lang, &call.key) {
                    outcome.errors.push(
                        Error::input(
                            Stage::Locale,
                            Location::from_offset(path, text, call.offset, 1),
                            format!("translation key `{}` is not defined for `{lang}`", call.key),
                        )
                        .with_hint(format!("add `{} = …` to a file in locales/{lang}/", call.key)),
                    );
                }
            }
        }
    }
    used.extend(site.data.label_keys().into_iter().map(|(key, _)| key.to_string()));
    let lang = site.config.default_language;
    // The theme's strings are the theme's business, also where the site replaces their text (a
    // site may word `table-category` its own way before it has a category table): only keys
    // the site alone defines are reported as unused.
    for (key, location) in site.locales.site_keys(lang) {
        if used.contains(key) || prefixes.iter().any(|p| key.starts_with(p.as_str())) {
            continue;
        }
        let others: Vec<String> = site
            .config
            .languages
            .iter()
            .filter(|l| **l != lang)
            .filter_map(|l| {
                site.locales.keys(*l).find(|(k, _)| *k == key).map(|(_, loc)| crate::diagnostics::show_location(loc))
            })
            .collect();
        outcome.errors.push(
            Error::input(
                Stage::Locale,
                location.clone(),
                format!("translation key `{key}` is not used by any template, data file or page"),
            )
            .with_hint(if others.is_empty() {
                "remove it, or use it".to_string()
            } else {
                format!("remove it here and at {}, or use it", others.join(", "))
            }),
        );
    }
}

struct KeyCall {
    key: String,
    offset: usize,
    /// `t(key="lang-name-" ~ code)`: any key starting with `key` may be used.
    prefix: bool,
}

/// The keys of `has_text(key="…")` calls in a template's text.
fn optional_keys(text: &str) -> BTreeSet<String> {
    text.match_indices("has_text(key=\"")
        .filter_map(|(at, call)| {
            let rest = &text[at + call.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// `t(key="…")` calls in a template's text.
fn template_keys(text: &str) -> Vec<KeyCall> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("t(") {
        let at = from + pos;
        from = at + 2;
        if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let args = &text[from..];
        let end = args.find(')').unwrap_or(args.len());
        let args = &args[..end];
        let Some(k) = args.find("key") else { continue };
        let after = args[k + 3..].trim_start();
        let Some(after) = after.strip_prefix('=') else { continue };
        let after = after.trim_start();
        let quote = match after.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => q,
            _ => continue,
        };
        let Some(close) = after[1..].find(quote) else { continue };
        let key = after[1..1 + close].to_string();
        let tail = after[1 + close + 1..].trim_start();
        let offset = from + (args.len() - after.len()) + 1;
        out.push(KeyCall { key, offset, prefix: tail.starts_with('~') });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_against_the_page_folder() {
        let t = |dir: &str, href: &str| match resolve_path(dir, href, "/ir/") {
            Resolved::Internal(t) => display_target(&t),
            Resolved::Invalid(m) => format!("invalid: {m}"),
            _ => "other".into(),
        };
        assert_eq!(t("ja/", "about/"), "ja/about/");
        assert_eq!(t("ja/about/", "../results/#x"), "ja/results/#x");
        assert_eq!(t("ja/about/", "../../css/site.css"), "css/site.css");
        assert_eq!(t("ja/about/", "#top"), "ja/about/#top");
        assert_eq!(t("ja/", "/ir/en/"), "en/");
        assert!(t("ja/", "/other/").starts_with("invalid"));
        assert!(t("ja/", "../../x").starts_with("invalid"));
        assert_eq!(t("ja/", "#%E6%A5%AD"), "ja/#業");
    }

    #[test]
    fn template_key_calls_are_found() {
        let calls = template_keys(
            "{{ t(key=\"nav-home\") }} {{ t(key=\"lang-name-\" ~ alt.lang) }} {{ x | default(value=1) }}",
        );
        let keys: Vec<(&str, bool)> = calls.iter().map(|c| (c.key.as_str(), c.prefix)).collect();
        assert_eq!(keys, [("nav-home", false), ("lang-name-", true)]);
        assert_eq!(calls[0].offset, 10);
    }

    #[test]
    fn attributes_are_read_with_either_quote() {
        let html = "<a href=\"a/&amp;b\" data-id=\"no\" id='x'>";
        assert_eq!(attr_values(html, "href"), ["a/&b"]);
        assert_eq!(attr_values(html, "id"), ["x"]);
    }
}
