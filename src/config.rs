//! `site.toml`: the settings of one site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::contrast::Rgb;
use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;
use crate::model::FiscalYear;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    languages: Vec<String>,
    #[serde(default = "default_theme")]
    theme: String,
    title: BTreeMap<String, String>,
    news: Option<RawNews>,
    company: Option<RawCompany>,
    #[serde(default)]
    fiscal_year: FiscalYear,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNews {
    #[serde(default = "default_page_size")]
    page_size: usize,
    #[serde(default = "default_home_entries")]
    home_entries: usize,
    #[serde(default = "default_news_weight")]
    weight: i64,
    #[serde(default)]
    categories: Vec<RawCategory>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    ja: String,
    en: String,
}

fn default_page_size() -> usize {
    20
}
fn default_home_entries() -> usize {
    5
}
fn default_news_weight() -> i64 {
    1000
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompany {
    name: BTreeMap<String, String>,
    securities_code: Option<String>,
    exchange: Option<String>,
    logo: Option<String>,
    brand_color: Option<String>,
    #[serde(default)]
    market: BTreeMap<String, String>,
    #[serde(default)]
    copyright: BTreeMap<String, String>,
}

fn default_theme() -> String {
    "default".to_string()
}

/// Validated site settings plus the paths derived from the site root.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// Absolute URL of the published site, always ending in `/`.
    pub base_url: String,
    pub default_language: Lang,
    pub languages: Vec<Lang>,
    pub theme: String,
    pub titles: BTreeMap<Lang, String>,
    /// `[news]`: dated entries under `content/{lang}/news/`; `None` when the site has none.
    pub news: Option<NewsConfig>,
    pub company: Company,
    /// `[fiscal_year]`: how periods are named (default: April–March, 2021年度, FY2021).
    pub fiscal_year: FiscalYear,
}

/// Settings of the news section: list pages, the home page's share and the categories.
#[derive(Debug, Clone)]
pub struct NewsConfig {
    /// Entries per list page (at least 1).
    pub page_size: usize,
    /// Newest entries shown on the home page (0: none).
    pub home_entries: usize,
    /// Position of the news list in the navigation, among the pages' weights.
    pub weight: i64,
    /// In the order the site lists them.
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub labels: BTreeMap<Lang, String>,
}

impl NewsConfig {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// `[company]`: who the site is about, shown in the header, footer, disclaimer, page titles,
/// structured data and social cards.
#[derive(Debug, Clone)]
pub struct Company {
    /// The company's name in each language (without [company], the site's titles).
    pub names: BTreeMap<Lang, String>,
    /// TSE 4-character code, e.g. `3774` or `130A`.
    pub securities_code: Option<String>,
    /// Where the shares are listed; `TSE` when not given.
    pub exchange: String,
    /// The market segment in each language (may be empty).
    pub market: BTreeMap<Lang, String>,
    /// Path of the logo inside the site's `static/` folder, as published (`logo.svg`).
    pub logo: Option<String>,
    pub brand: Option<Brand>,
    /// The copyright holder in each language (the name when not given).
    pub copyright: BTreeMap<Lang, String>,
}

/// The brand colour as configured and as the theme uses it.
#[derive(Debug, Clone)]
pub struct Brand {
    pub requested: Rgb,
    /// `requested`, or a darker shade of it when `requested` misses WCAG AA contrast.
    pub colour: Rgb,
    pub location: Location,
}

impl Company {
    /// The schema.org `tickerSymbol`: exchange and code separated by a space (`TSE 3774`).
    pub fn ticker_symbol(&self) -> Option<String> {
        self.securities_code.as_ref().map(|code| format!("{} {code}", self.exchange))
    }
}

impl Config {
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("site.toml");
        if !path.is_file() {
            return Err(Error::input(Stage::Config, Location::file(&path), "site.toml not found")
                .with_hint("run irsite in the folder that holds site.toml, or pass --root"));
        }
        let text = crate::input::read_text(root, &path, Stage::Config)?;
        Config::parse(root, &path, &text)
    }

    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(Stage::Config, path, text, 1, &e))?;
        let at = |key: &str| key_location(path, text, key);
        let mut languages = Vec::new();
        for code in &raw.languages {
            let lang: Lang = code.parse().map_err(|m: String| Error::input(Stage::Config, at("languages"), m))?;
            if languages.contains(&lang) {
                return Err(Error::input(Stage::Config, at("languages"), format!("language `{code}` listed twice")));
            }
            languages.push(lang);
        }
        if languages.len() != 2 {
            return Err(Error::input(Stage::Config, at("languages"), "a site is published in both `ja` and `en`"));
        }
        let default_language: Lang =
            raw.default_language.parse().map_err(|m: String| Error::input(Stage::Config, at("default_language"), m))?;
        let mut titles = BTreeMap::new();
        for (code, title) in raw.title {
            let lang: Lang = code.parse().map_err(|m: String| Error::input(Stage::Config, at("title"), m))?;
            titles.insert(lang, title);
        }
        for lang in &languages {
            if !titles.contains_key(lang) {
                return Err(Error::input(Stage::Config, at("title"), format!("missing site title for `{lang}`"))
                    .with_hint(format!("add `{lang} = \"…\"` under [title]")));
            }
        }
        let base_url = normalize_base_url(&raw.base_url).map_err(|m| Error::input(Stage::Config, at("base_url"), m))?;
        if raw.theme.is_empty() || raw.theme.contains(['/', '\\', '.']) {
            return Err(Error::input(Stage::Config, at("theme"), "theme must be a plain folder name under themes/"));
        }
        raw.fiscal_year.validate().map_err(|m| {
            Error::input(Stage::Config, at("end_month"), m).with_hint("end_month is the last month of the fiscal year")
        })?;
        let news = match raw.news {
            Some(news) => Some(parse_news(news, path, text)?),
            None => None,
        };
        let company = match raw.company {
            Some(company) => parse_company(root, path, text, company, &languages)?,
            None => Company {
                names: titles.clone(),
                securities_code: None,
                exchange: DEFAULT_EXCHANGE.to_string(),
                market: BTreeMap::new(),
                logo: None,
                brand: None,
                copyright: titles.clone(),
            },
        };
        Ok(Config {
            root: root.to_path_buf(),
            base_url,
            default_language,
            languages,
            theme: raw.theme,
            titles,
            news,
            company,
            fiscal_year: raw.fiscal_year,
        })
    }

    /// Problems worth saying that do not stop a build: a brand colour darkened for contrast.
    pub fn warnings(&self) -> Vec<Error> {
        let mut warnings = Vec::new();
        if let Some(brand) = self.company.brand.as_ref().filter(|b| b.colour != b.requested) {
            let (ratio, background) = crate::contrast::worst_contrast(brand.requested);
            warnings.push(
                Error::input(
                    Stage::Config,
                    brand.location.clone(),
                    format!(
                        "brand_color {} has a contrast of {ratio:.2}:1 against {background}, below the {}:1 of WCAG AA; the theme uses the darker {} ({:.2}:1) instead",
                        brand.requested,
                        crate::contrast::AA_TEXT,
                        brand.colour,
                        crate::contrast::worst_contrast(brand.colour).0
                    ),
                )
                .with_hint(format!("set brand_color = \"{}\" (or another dark enough colour) to silence this", brand.colour)),
            );
        }
        warnings
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
    pub fn data_dir(&self) -> PathBuf {
        self.root.join("content").join("data")
    }
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join("locales")
    }
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        self.base_url = normalize_base_url(url)?;
        Ok(())
    }

    /// The path part of the base URL: `/` or `/ir/` (percent-encoded).
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map(|i| i + 3).unwrap_or(0);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[after_scheme + i..],
            None => "/",
        }
    }
}

fn parse_news(raw: RawNews, path: &Path, text: &str) -> Result<NewsConfig> {
    let at = |key: &str| key_location(path, text, key);
    if raw.page_size == 0 {
        return Err(Error::input(Stage::Config, at("page_size"), "`page_size` must be at least 1"));
    }
    if raw.categories.is_empty() {
        return Err(Error::input(Stage::Config, at("news"), "[news] lists no categories").with_hint(
            "add [[news.categories]] tables with id, ja and en, e.g. id = \"earnings\", ja = \"決算短信\", en = \"Earnings\"",
        ));
    }
    let mut categories: Vec<Category> = Vec::new();
    for raw_category in raw.categories {
        let location = value_location(path, text, &raw_category.id);
        let id_ok = !raw_category.id.is_empty()
            && raw_category.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(Error::input(
                Stage::Config,
                location,
                format!("category id `{}` is not lower-case letters, digits and hyphens", raw_category.id),
            ));
        }
        if categories.iter().any(|c| c.id == raw_category.id) {
            return Err(Error::input(
                Stage::Config,
                location,
                format!("category `{}` is listed twice", raw_category.id),
            ));
        }
        let labels = BTreeMap::from([(Lang::Ja, raw_category.ja), (Lang::En, raw_category.en)]);
        if labels.values().any(|l| l.trim().is_empty()) {
            return Err(Error::input(
                Stage::Config,
                location,
                format!("category `{}` has an empty label", raw_category.id),
            ));
        }
        categories.push(Category { id: raw_category.id, labels });
    }
    Ok(NewsConfig { page_size: raw.page_size, home_entries: raw.home_entries, weight: raw.weight, categories })
}

/// Line of the first quoted `"value"` in a TOML text, for errors about one item of a list.
pub fn value_location(path: &Path, text: &str, value: &str) -> Location {
    let quoted = format!("\"{value}\"");
    text.lines()
        .position(|line| line.contains(&quoted))
        .map(|i| Location::line(path, i + 1))
        .unwrap_or_else(|| Location::file(path))
}

const DEFAULT_EXCHANGE: &str = "TSE";

fn parse_company(root: &Path, path: &Path, text: &str, raw: RawCompany, languages: &[Lang]) -> Result<Company> {
    let at = |key: &str| key_location(path, text, key);
    let by_lang = |table: BTreeMap<String, String>, key: &str| -> Result<BTreeMap<Lang, String>> {
        let mut out = BTreeMap::new();
        for (code, value) in table {
            let lang: Lang = code.parse().map_err(|m: String| Error::input(Stage::Config, at(key), m))?;
            let value = value.trim().to_string();
            if value.is_empty() {
                return Err(Error::input(Stage::Config, at(key), format!("[{key}] {code} is empty")));
            }
            out.insert(lang, value);
        }
        Ok(out)
    };
    let names = by_lang(raw.name, "company.name")?;
    for lang in languages {
        if !names.contains_key(lang) {
            return Err(Error::input(
                Stage::Config,
                at("company.name"),
                format!("missing the company's name in `{lang}`"),
            )
            .with_hint(format!("add `{lang} = \"…\"` under [company.name]")));
        }
    }
    let market = by_lang(raw.market, "company.market")?;
    let mut copyright = by_lang(raw.copyright, "company.copyright")?;
    for (lang, name) in &names {
        copyright.entry(*lang).or_insert_with(|| name.clone());
    }
    let securities_code = match raw.securities_code {
        Some(code) => Some(
            check_securities_code(code.trim())
                .map_err(|(m, hint)| Error::input(Stage::Config, at("securities_code"), m).with_hint(hint))?,
        ),
        None => None,
    };
    let exchange = raw.exchange.map(|e| e.trim().to_string()).unwrap_or_else(|| DEFAULT_EXCHANGE.to_string());
    if exchange.is_empty() || !exchange.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::input(
            Stage::Config,
            at("exchange"),
            format!("exchange `{exchange}` must be a short code such as TSE"),
        ));
    }
    let logo = match raw.logo {
        Some(logo) => {
            let published = logo.strip_prefix("static/").filter(|rest| {
                !rest.is_empty() && !rest.split(['/', '\\']).any(|part| part.is_empty() || part == "." || part == "..")
            });
            let Some(published) = published else {
                return Err(Error::input(
                    Stage::Config,
                    at("logo"),
                    format!("logo `{logo}` must be a file under static/"),
                )
                .with_hint("e.g. logo = \"static/logo.svg\""));
            };
            if !root.join(&logo).is_file() {
                return Err(Error::input(
                    Stage::Config,
                    at("logo"),
                    format!("logo file `{logo}` not found in the site"),
                ));
            }
            Some(published.to_string())
        }
        None => None,
    };
    let brand = match raw.brand_color {
        Some(colour) => {
            let location = at("brand_color");
            let requested = Rgb::parse(colour.trim()).map_err(|m| Error::input(Stage::Config, location.clone(), m))?;
            Some(Brand { requested, colour: crate::contrast::usable_brand_colour(requested), location })
        }
        None => None,
    };
    Ok(Company { names, securities_code, exchange, market, logo, brand, copyright })
}

/// A TSE securities code: four characters, digits or capital letters (`3774`, `130A`).
pub fn check_securities_code(code: &str) -> std::result::Result<String, (String, String)> {
    let ok = code.len() == 4 && code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if ok {
        return Ok(code.to_string());
    }
    let hint = if code.len() == 5 && code.ends_with('0') {
        format!("TDnet's five-digit form adds a 0; write the four-character code \"{}\"", &code[..4])
    } else {
        "the four-character code of the Tokyo Stock Exchange, e.g. \"3774\"".to_string()
    };
    Err((format!("securities_code `{code}` is not a four-character securities code"), hint))
}

/// The base URL as the url crate serializes it (host lower-cased, non-ASCII percent-encoded),
/// ending in `/`: only an absolute http(s) URL with a host, no user, query or fragment.
fn normalize_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let example = "an absolute http(s) URL such as https://example.com/ir/";
    // The URL standard drops tabs and line breaks silently; here they are refused, so that
    // what was typed is what is published.
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!("base_url {url:?} must not contain spaces, tabs or line breaks"));
    }
    let parsed = url::Url::parse(url).map_err(|e| format!("base_url `{url}` is not {example}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || !url.contains("://") {
        return Err(format!("base_url `{url}` must be {example}"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("base_url `{url}` has no host; it must be {example}"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!("base_url `{url}` must not contain a query or fragment"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!("base_url `{url}` must not contain a user name or password"));
    }
    if parsed.path().contains("//") {
        return Err(format!("base_url `{url}` must not contain an empty path segment (`//`)"));
    }
    let mut url = parsed.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// Line of `key = ` in a TOML text, for errors found after parsing.
pub fn key_location(path: &Path, text: &str, key: &str) -> Location {
    let table = format!("[{key}]");
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with(['=', ']']) {
            return Location::line(path, i + 1);
        }
        if trimmed == table {
            return Location::line(path, i + 1);
        }
    }
    Location::file(path)
}

/// Where the value of `key` is written in the TOML table `[table]`: its line, and the column
/// where the value starts; the table's header when the key is not written there.
pub fn table_value_location(path: &Path, text: &str, table: &str, key: &str) -> Location {
    let header = format!("[{table}]");
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            if inside {
                break;
            }
            inside = trimmed.starts_with(&header);
            continue;
        }
        let value = trimmed.strip_prefix(key).and_then(|rest| rest.trim_start().strip_prefix('='));
        if let (true, Some(value)) = (inside, value) {
            let start = line.len() - value.trim_start().len();
            return Location::at(path, i + 1, line[..start].chars().count() + 1);
        }
    }
    key_location(path, text, &format!("[{table}"))
}

/// A TOML parse error as an input error; `first_line` is the file line where `text` begins.
pub fn toml_error(stage: Stage, path: &Path, text: &str, first_line: usize, err: &toml::de::Error) -> Error {
    let location = match err.span() {
        Some(span) => Location::from_offset(path, text, span.start, first_line),
        None => Location::file(path),
    };
    let message = err.message().trim().to_string();
    Error::input(stage, location, message)
}
