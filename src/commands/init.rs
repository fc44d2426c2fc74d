//! `irsite init DIR`: a minimal bilingual site that builds and checks as written: site.toml
//! with the company and fiscal year, a home page and a results page in each language, one
//! data table with its sidecar and one chart, the site's own strings, and a README.
//!
//! It never replaces a file: a folder that already holds files is refused, and with
//! `--force` every file that already exists is kept as it is (and listed) while the missing
//! ones are written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::config::Config;
use crate::error::{Error, Location, Result, Stage};

/// What a team knows on the first day; everything else has a default.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub name_ja: String,
    pub name_en: String,
    pub securities_code: Option<String>,
    pub fiscal_year_end: u8,
    pub force: bool,
}

pub const DEFAULT_NAME_JA: &str = "サンプル株式会社";
pub const DEFAULT_NAME_EN: &str = "Sample Corporation";

/// What `init` did: the files written and those kept because they existed.
#[derive(Debug, Default)]
pub struct InitReport {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

pub fn run(cli: &Cli, options: &InitOptions) -> std::result::Result<i32, Error> {
    let report = init(options)?;
    if !cli.quiet {
        for path in &report.kept {
            eprintln!("  kept {} (it already exists)", crate::diagnostics::show_path(path));
        }
        if cli.verbose {
            for path in &report.written {
                eprintln!("  wrote {}", crate::diagnostics::show_path(path));
            }
        }
        let dir = crate::diagnostics::show_path(&options.dir);
        eprintln!("created a site in {dir}: {} files; next: cd {dir} && irsite build", report.written.len());
    }
    Ok(0)
}

pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    let fail = |message: String| Error::input(Stage::Config, Location::file(dir), message);
    for (option, name) in [("--name-ja", &options.name_ja), ("--name-en", &options.name_en)] {
        if name.trim().is_empty() || name.chars().any(char::is_control) {
            return Err(fail(format!("{option} must be a name on one line")));
        }
    }
    if let Some(code) = &options.securities_code {
        crate::config::check_securities_code(code)
            .map_err(|(message, hint)| fail(format!("--securities-code: {message}")).with_hint(hint))?;
    }
    if !(1..=12).contains(&options.fiscal_year_end) {
        return Err(fail(format!("--fiscal-year-end {} is not a month (1–12)", options.fiscal_year_end)));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(fail("exists and is not a folder".into()).with_hint("choose a new folder for the site"));
    }
    let has_entries = dir.is_dir() && std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_some();
    if has_entries && !options.force {
        return Err(fail("the folder is not empty".into()).with_hint(
            "choose a new or empty folder, or pass --force to add the missing files (no existing file is replaced)",
        ));
    }
    let mut report = InitReport::default();
    for (rel, text) in skeleton(options) {
        let path = dir.join(rel);
        if write_new(&path, &text)? {
            report.written.push(path);
        } else {
            report.kept.push(path);
        }
    }
    // The English pages follow their Japanese originals as written: mark them so, which
    // rewrites only files written just now (and only when their original was written too).
    let config = Config::load(dir)?;
    let (en, ja) = (dir.join("content").join("en"), dir.join("content").join("ja"));
    for path in &report.written {
        let Ok(rel) = path.strip_prefix(&en) else { continue };
        if report.written.contains(&ja.join(rel)) {
            crate::translations::mark(&config, path)?;
        }
    }
    Ok(report)
}

/// Writes a new file; `false` when one is already there (it is left as it is).
fn write_new(path: &Path, text: &str) -> Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    file.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))?;
    Ok(true)
}

/// A TOML basic string holding `text` exactly (quotes, backslashes and all).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Every file of the new site, by its path inside the site folder.
fn skeleton(options: &InitOptions) -> Vec<(&'static str, String)> {
    let (ja, en) = (options.name_ja.trim(), options.name_en.trim());
    let end = options.fiscal_year_end;
    let title_ja = format!("{ja} 投資家情報");
    let title_en = format!("{en} Investor Relations");
    let code = match &options.securities_code {
        Some(code) => format!(
            "securities_code = {}       # TSE 4-character code; TDnet's 5-digit form is this + \"0\"",
            toml_string(code)
        ),
        None => {
            "# securities_code = \"1234\"   # TSE 4-character code; TDnet's 5-digit form is this + \"0\"".to_string()
        }
    };
    let site_toml = format!(
        r##"# Settings of the investor-relations site of {en_comment}.
# base_url: where the site is published (canonical, hreflang and sitemap URLs). Page links are
# relative, so the output also works under another path; override with --base-url.
base_url = "https://ir.example.com/"
default_language = "ja"
languages = ["ja", "en"]

# The site's name in each language: header, page titles, social cards.
[title]
ja = {title_ja}
en = {title_en}

# The company the site is about: header, footer, copyright line, the forward-looking
# statements notice, structured data (schema.org Corporation, tickerSymbol) and social cards.
[company]
{code}
exchange = "TSE"
# logo = "static/logo.svg"      # a file under static/, shown in the header and social cards
# brand_color = "#1a5fb4"       # headings, links and the header; a colour below WCAG AA
#                               # contrast is darkened (build and check say so)
[company.name]
ja = {name_ja}
en = {name_en}
# [company.market]              # optional
# ja = "東証プライム"
# en = "TSE Prime"
# [company.copyright]           # optional; the copyright holder, by default the name
# ja = "…"
# en = "…"

# The fiscal year: the month it ends and how its periods are named.
[fiscal_year]
end_month = {end}                   # 1–12
number = "start"                # "start" | "end": which calendar year FY2024 names
ja_style = "nendo"              # "nendo" → 2024年度, "kessanki" → 2025年3月期
en_style = "fy"                 # "fy" → FY2024
"##,
        en_comment = en.replace('\n', " "),
        title_ja = toml_string(&title_ja),
        title_en = toml_string(&title_en),
        name_ja = toml_string(ja),
        name_en = toml_string(en),
    );
    let page = |title: &str, description: &str, weight: u32, body: &str| {
        format!(
            "+++\ntitle = {}\ndescription = {}\nweight = {weight}\n+++\n{body}",
            toml_string(title),
            toml_string(description)
        )
    };
    let home_ja = page(
        &title_ja,
        &format!("{ja}の投資家向け情報：業績の推移とIR資料。"),
        0,
        r#"このサイトは `irsite init` で作ったひな形です。文章と数値を自社のものに置き換えてください。数値はすべてサンプルです。

直近の年度の売上高は {{ fig(id="sample-results.revenue", period="latest") }} でした（サンプル）。

- [業績ハイライト](@/results.md)
"#,
    );
    let home_en = page(
        &title_en,
        &format!("Investor information of {en}: results and IR materials."),
        0,
        r#"This site is a skeleton made by `irsite init`. Replace its text and figures with your own; every figure is a sample.

Revenue for the latest fiscal year was {{ fig(id="sample-results.revenue", period="latest") }} (sample).

- [Results highlights](@/results.md)
"#,
    );
    let results_ja = page(
        "業績ハイライト",
        "売上高と営業利益の推移（サンプルの数値）。",
        10,
        r#"## 売上高と営業利益 {#revenue-and-operating-income}

{{ chart(id="results") }}

直近の年度の営業利益は {{ fig(id="sample-results.operating_income", period="latest") }} でした（サンプル）。
"#,
    );
    let results_en = page(
        "Results highlights",
        "Revenue and operating income over three years (sample figures).",
        10,
        r#"## Revenue and operating income {#revenue-and-operating-income}

{{ chart(id="results") }}

Operating income for the latest fiscal year was {{ fig(id="sample-results.operating_income", period="latest") }} (sample).
"#,
    );
    let strings_ja = format!(
        "# Strings of this site (Japanese). The theme's interface strings are built into irsite;\n\
         # a key defined here replaces the theme's.\n\
         series-revenue = 売上高\n\
         series-operating-income = 営業利益\n\
         chart-results = 売上高と営業利益の推移\n\
         footer-source = 出典：当社決算資料（このひな形の数値はサンプルです）\n\
         # the fiscal-year sentence, from [fiscal_year] in site.toml\n\
         footer-units = {{ $fiscal_year }}\n"
    );
    let strings_en = format!(
        "# Strings of this site (English). The theme's interface strings are built into irsite;\n\
         # a key defined here replaces the theme's.\n\
         series-revenue = Revenue\n\
         series-operating-income = Operating income\n\
         chart-results = Revenue and operating income\n\
         footer-source = Source: the company's financial results (the figures of this skeleton are samples)\n\
         # the fiscal-year sentence, from [fiscal_year] in site.toml\n\
         footer-units = {{ $fiscal_year }}\n"
    );
    vec![
        ("site.toml", site_toml),
        ("content/ja/_index.md", home_ja),
        ("content/ja/results.md", results_ja),
        ("content/en/_index.md", home_en),
        ("content/en/results.md", results_en),
        (
            "content/data/sample-results.csv",
            "period,revenue,operating_income\nFY2022,1000,80\nFY2023,1100,95\nFY2024,1200,110\n".into(),
        ),
        ("content/data/sample-results.toml", RESULTS_SIDECAR.into()),
        ("content/data/charts.toml", CHARTS.into()),
        ("locales/ja/site.ftl", strings_ja),
        ("locales/en/site.ftl", strings_en),
        ("README.md", readme(ja, en)),
    ]
}

const RESULTS_SIDECAR: &str = r#"# What sample-results.csv holds: where its figures come from and the unit of each column.
# The figures of this skeleton are samples; replace them with the company's own.
source = "sample"
[columns.revenue]
unit = "million_yen"
label = "series-revenue"

[columns.operating_income]
unit = "million_yen"
label = "series-operating-income"
"#;

const CHARTS: &str = r#"# Charts drawn from the tables of content/data; a page shows one with {{ chart(id="…") }}.
[[chart]]
id = "results"
kind = "grouped-bar"
data = "sample-results"
series = ["revenue", "operating_income"]
title = "chart-results"
"#;

fn readme(ja: &str, en: &str) -> String {
    format!(
        r#"# {ja} / {en}: IR site

Built with irsite from Markdown pages, data tables and strings in Japanese and English.

## 作業の流れ / How to work

```
irsite serve        # preview on http://127.0.0.1:1111/, reloads on every change
irsite check        # links, translations, figures: run before publishing
irsite build        # writes the site to public/
```

- `site.toml`: the company (names, securities code, logo, brand colour), the fiscal year,
  the site's title and its published URL (`base_url`).
- `content/ja/`, `content/en/`: one Markdown file per page, the same file names in both
  languages. After updating an English page to follow its Japanese original, run
  `irsite translations --mark content/en/PAGE.md`.
- `content/data/`: figures as CSV tables, each with a `.toml` sidecar (source, units);
  pages show them with `{{{{ fig(id="sample-results.revenue", period="FY2024") }}}}` and
  `{{{{ chart(id="results") }}}}`. The figures written by `irsite init` are samples.
- `locales/ja/`, `locales/en/`: the site's own strings (data labels, footer notes). The
  theme's strings are built into irsite; a key defined here replaces the theme's.
- `templates/`, `static/`: optional; a file here replaces the built-in theme's file of the
  same name (e.g. `static/css/site.css`).
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: &Path) -> InitOptions {
        InitOptions {
            dir: dir.to_path_buf(),
            name_ja: "株式会社テスト\"引用\"".into(),
            name_en: "Test \"Quoted\" Inc.".into(),
            securities_code: Some("130A".into()),
            fiscal_year_end: 12,
            force: false,
        }
    }

    #[test]
    fn the_written_site_loads_with_the_options() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let report = init(&options(&site)).unwrap();
        assert_eq!(report.written.len(), 11);
        let config = Config::load(&site).unwrap();
        assert_eq!(config.company.names[&crate::lang::Lang::Ja], "株式会社テスト\"引用\"");
        assert_eq!(config.company.securities_code.as_deref(), Some("130A"));
        assert_eq!(config.fiscal_year.end_month, 12);
        assert!(std::fs::read_to_string(site.join("locales/en/site.ftl"))
            .unwrap()
            .contains("footer-units = { $fiscal_year }"));
    }

    #[test]
    fn a_folder_with_files_is_refused_and_force_keeps_every_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::create_dir_all(dir.path().join("content/ja")).unwrap();
        std::fs::write(dir.path().join("content/ja/_index.md"), "own page").unwrap();
        let err = init(&options(dir.path())).unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        assert!(!dir.path().join("site.toml").exists(), "nothing is written when refused");
        let report = init(&InitOptions { force: true, ..options(dir.path()) }).unwrap();
        assert_eq!(report.kept, vec![dir.path().join("content/ja/_index.md")]);
        assert_eq!(std::fs::read_to_string(dir.path().join("content/ja/_index.md")).unwrap(), "own page");
        assert_eq!(std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
        assert!(dir.path().join("site.toml").is_file());
    }

    #[test]
    fn bad_options_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let tdnet = InitOptions { securities_code: Some("37740".into()), ..options(&site) };
        assert!(init(&tdnet).unwrap_err().to_string().contains("securities"));
        let month = InitOptions { fiscal_year_end: 13, ..options(&site) };
        assert!(init(&month).is_err());
        assert!(!site.exists());
    }
}
