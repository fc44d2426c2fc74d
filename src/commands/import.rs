//! `irsite import tdnet PATH…`: figures of TDnet 決算短信 summaries into `content/data/`.
//!
//! Every filing is read, checked against the site (company, fiscal calendar) and merged in
//! memory before anything is written; one error anywhere leaves every file as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::config::Config;
use crate::diagnostics;
use crate::error::{Error, Location, Result, Stage};
use crate::import::table::{FilingRecord, Workspace};
use crate::import::tdnet::{self, mapping, Filing};
use crate::lang::Lang;
use crate::model::calendar::YearNumber;

/// What the import needs of the site's settings.
struct SiteSettings {
    site_toml: PathBuf,
    securities_code: Option<String>,
    calendar: mapping::Calendar,
    languages: Vec<Lang>,
}

impl SiteSettings {
    /// `[company] securities_code`, `[fiscal_year]` and the languages of site.toml.
    fn load(root: &Path) -> Result<SiteSettings> {
        let config = Config::load(root)?;
        let fiscal = &config.fiscal_year;
        Ok(SiteSettings {
            site_toml: root.join("site.toml"),
            securities_code: config.company.securities_code.clone(),
            calendar: mapping::Calendar {
                end_month: fiscal.end_month,
                named_by_start: fiscal.number == YearNumber::Start,
            },
            languages: config.languages.clone(),
        })
    }
}

/// The line of a filing's first fact of `element`, for messages.
fn fact_location(filing: &Filing, element: &str) -> Location {
    match filing.facts.iter().find(|f| f.is_tse_ed_t() && f.element == element) {
        Some(fact) => Location::line(&filing.origin, fact.line),
        None => Location::file(&filing.origin),
    }
}

/// Checks that a filing belongs to this site: its company and its fiscal calendar.
fn check_filing(filing: &Filing, settings: &SiteSettings) -> Result<()> {
    let Some(code) = &settings.securities_code else {
        return Err(Error::input(
            Stage::Config,
            Location::file(&settings.site_toml),
            "site.toml names no company code; the import checks that each filing is the site's company's",
        )
        .with_hint(format!(
            "add [company] securities_code = \"{}\" if the filing is your company's",
            filing.securities_code
        )));
    };
    if !code.eq_ignore_ascii_case(&filing.securities_code) {
        let name = filing.company_name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        return Err(Error::input(
            Stage::Import,
            fact_location(filing, "SecuritiesCode"),
            format!(
                "the filing is company {}{name}'s, but site.toml [company] securities_code is {code}",
                filing.securities_code
            ),
        )
        .with_hint("import your own company's filings, or correct securities_code in site.toml"));
    }
    if !settings.calendar.accepts_year_end(filing.fiscal_year_end) {
        return Err(Error::input(
            Stage::Import,
            fact_location(filing, "FiscalYearEnd"),
            format!(
                "the filing's fiscal year ends {} (FiscalYearEnd), but site.toml [fiscal_year] end_month is {}",
                filing.fiscal_year_end, settings.calendar.end_month
            ),
        )
        .with_hint(format!("set [fiscal_year] end_month = {} in site.toml", filing.fiscal_year_end.month)));
    }
    Ok(())
}

pub fn run(cli: &Cli, paths: &[PathBuf], overwrite: bool) -> Result<i32, Error> {
    let settings = SiteSettings::load(&cli.root)?;
    let mut filings = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match tdnet::read(path) {
            Ok(list) => filings.extend(list),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    let data_dir = cli.root.join("content").join("data");
    let mut workspace = Workspace::new(&cli.root, &data_dir);
    let mut summaries = Vec::new();
    for filing in &filings {
        check_filing(filing, &settings)?;
        let mapped = mapping::map(filing, &settings.calendar);
        let contradictions: Vec<Error> = mapping::contradictions(&mapped.cells)
            .into_iter()
            .map(|(a, b)| {
                Error::input(
                    Stage::Import,
                    Location::line(&filing.origin, b.line),
                    format!(
                        "{} ({}) gives {} for `{}` of {}, but line {} ({}) gives {}",
                        b.element, b.context, b.value, b.column, b.period, a.line, a.element, a.value
                    ),
                )
            })
            .collect();
        Error::collect(contradictions)?;
        let record = FilingRecord {
            id: filing.id.clone(),
            document: filing.document_name.clone(),
            file: filing.file_name.clone(),
            filing_date: filing.filing_date.to_string(),
            securities_code: filing.securities_code.clone(),
        };
        let report = workspace.merge(&record, &mapped.cells, overwrite)?;
        summaries.push((filing, report, mapped.skipped));
    }
    let written = workspace.write(&cli.root.join("locales"), &settings.languages)?;
    if !cli.quiet {
        for (filing, report, skipped) in &summaries {
            let tables: Vec<&str> = report.tables.iter().map(String::as_str).collect();
            eprintln!(
                "{}: {} ({}, filed {}): {} new, {} replaced, {} unchanged{} in {}",
                diagnostics::show_path(Path::new(&filing.origin)),
                filing.document_name,
                filing.securities_code,
                filing.filing_date,
                report.added,
                report.replaced,
                report.unchanged,
                if report.kept > 0 {
                    format!(", {} forecasts kept out by newer figures", report.kept)
                } else {
                    String::new()
                },
                if tables.is_empty() { "no table".to_string() } else { tables.join(", ") }
            );
            if cli.verbose {
                // One line per element: how many facts, why, and the first context.
                let mut by_element: BTreeMap<(&str, &str), (usize, &str)> = BTreeMap::new();
                for s in skipped {
                    by_element.entry((&s.element, &s.reason)).or_insert((0, &s.context)).0 += 1;
                }
                if !by_element.is_empty() {
                    eprintln!("  not imported ({} facts with a value):", skipped.len());
                }
                for ((element, reason), (count, context)) in by_element {
                    eprintln!("    {element} ×{count}: {reason} (e.g. {context})");
                }
            }
        }
        if written.is_empty() {
            eprintln!("nothing to write: the tables already hold these figures");
        } else if cli.verbose {
            for path in &written {
                eprintln!("  wrote {}", diagnostics::show_path(path));
            }
        }
    }
    Ok(0)
}
