//! The figures audit (`irsite figures`): every figure of the data, its value, source and the
//! places each page and chart shows it, so an IR team can check a release.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::Config;
use crate::data::Status;
use crate::error::Error;
use crate::figures::FigureUse;
use crate::format::{self, FigureOptions, Number, Unit};
use crate::lang::Lang;
use crate::site::Site;

/// Output format of `irsite figures`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// An aligned table for reading in a terminal.
    Table,
    /// CSV for spreadsheets: one line per use of a figure (one line for a figure used nowhere).
    Csv,
}

/// One place a figure is shown: a `fig` reference, or a chart that draws it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AuditUse {
    pub page: String,
    pub lang: Lang,
    pub line: usize,
    /// `None` for a `fig` reference; the chart id when the figure is drawn by a chart.
    pub chart: Option<String>,
    /// The rendered text of a `fig` reference.
    pub text: String,
}

/// How a figure is used across the two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFlag {
    /// Shown in every language of the site.
    Ok,
    /// Shown in some languages only: the pages disagree.
    OneLanguage(Lang),
    /// Shown nowhere.
    Unused,
}

impl AuditFlag {
    pub fn label(self) -> String {
        match self {
            AuditFlag::Ok => String::new(),
            AuditFlag::OneLanguage(lang) => format!("{} only", lang.code()),
            AuditFlag::Unused => "unused".into(),
        }
    }
}

/// One figure of `content/data` with everything an IR team checks before a release.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// `table.column` or a fact id.
    pub id: String,
    /// Period or category of a table figure.
    pub row: Option<String>,
    /// The value as written in the data.
    pub value: String,
    pub unit: Unit,
    pub status: Status,
    /// The default rendering in each language.
    pub ja: String,
    pub en: String,
    pub source: String,
    pub as_of: String,
    /// The filing an imported value came from (`irsite import`).
    pub provenance: Option<crate::data::Provenance>,
    pub uses: Vec<AuditUse>,
    pub flag: AuditFlag,
}

/// Every figure of the site's data with its uses. `uses` are the `fig` references of a
/// build ([`BuildReport::figure_uses`]); chart uses are found from the pages' `chart`
/// shortcodes. Table cells left empty are not figures and are not listed.
pub fn audit(site: &Site, uses: &[FigureUse]) -> Vec<AuditEntry> {
    let data = &site.data;
    let mut entries: Vec<AuditEntry> = Vec::new();
    let mut index: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    let render = |value: Number, unit: &Unit, lang: Lang| {
        format::figure(value, unit, lang, &FigureOptions::default()).unwrap_or_else(|e| format!("({e})"))
    };
    for table in data.tables.values() {
        for column in &table.columns {
            for (row, value) in table.rows.iter().zip(&column.values) {
                let Some(value) = value else { continue };
                let id = format!("{}.{}", table.name, column.id);
                index.insert((id.clone(), Some(row.id.clone())), entries.len());
                let provenance = table.provenance.get(&(row.id.clone(), column.id.clone())).cloned();
                let source = match &provenance {
                    Some(p) => provenance_text(p),
                    None => table.source.clone().unwrap_or_default(),
                };
                entries.push(AuditEntry {
                    id,
                    row: Some(row.id.clone()),
                    value: value.to_string(),
                    unit: column.unit.clone(),
                    status: table.status(&row.id),
                    ja: render(*value, &column.unit, Lang::Ja),
                    en: render(*value, &column.unit, Lang::En),
                    source,
                    as_of: table.as_of.clone().unwrap_or_default(),
                    provenance,
                    uses: Vec::new(),
                    flag: AuditFlag::Unused,
                });
            }
        }
    }
    for fact in data.facts.values() {
        index.insert((fact.id.clone(), None), entries.len());
        entries.push(AuditEntry {
            id: fact.id.clone(),
            row: None,
            value: fact.value.to_string(),
            unit: fact.unit.clone(),
            status: Status::Actual,
            ja: render(fact.value, &fact.unit, Lang::Ja),
            en: render(fact.value, &fact.unit, Lang::En),
            source: fact.source.clone().unwrap_or_default(),
            as_of: fact.as_of.clone().unwrap_or_default(),
            provenance: None,
            uses: Vec::new(),
            flag: AuditFlag::Unused,
        });
    }
    for u in uses {
        if let Some(&i) = index.get(&(u.id.clone(), u.row.clone())) {
            entries[i].uses.push(AuditUse {
                page: u.page.clone(),
                lang: u.lang,
                line: u.line,
                chart: None,
                text: u.text.clone(),
            });
        }
    }
    for page in site.content.all() {
        // Pages of a site that built have shortcodes that parse.
        let Ok(codes) = crate::markdown::shortcodes(page.body()) else { continue };
        for code in codes.iter().filter(|c| c.name == "chart") {
            let Some(spec) = code.str_arg("id").ok().flatten().and_then(|id| data.charts.get(id)) else { continue };
            let Some(table) = data.tables.get(&spec.data) else { continue };
            let columns: BTreeSet<&String> = spec.series.iter().chain(&spec.line).chain(&spec.total).collect();
            for column in columns {
                for row in &table.rows {
                    if let Some(&i) = index.get(&(format!("{}.{}", table.name, column), Some(row.id.clone()))) {
                        entries[i].uses.push(AuditUse {
                            page: page.name.clone(),
                            lang: page.lang,
                            line: page.body_line + code.line - 1,
                            chart: Some(spec.id.clone()),
                            text: String::new(),
                        });
                    }
                }
            }
        }
    }
    let languages = &site.config.languages;
    for entry in &mut entries {
        entry.uses.sort();
        let used_in: BTreeSet<Lang> = entry.uses.iter().map(|u| u.lang).collect();
        entry.flag = if used_in.is_empty() {
            AuditFlag::Unused
        } else if let Some(missing) = languages.iter().find(|l| !used_in.contains(l)) {
            // With two languages the one present is the other; name it.
            let present = languages.iter().find(|l| used_in.contains(l) && *l != missing).copied().unwrap_or(*missing);
            AuditFlag::OneLanguage(present)
        } else {
            AuditFlag::Ok
        };
    }
    entries
}

/// An imported value's source for the table: the filing (document, date, company code) and
/// the element and context that hold the value in it.
fn provenance_text(p: &crate::data::Provenance) -> String {
    format!("{} {} {} {} {}", p.filing.document, p.filing.filing_date, p.filing.securities_code, p.element, p.context)
}

/// `results ja 12,30 en 12,31; chart consolidated-revenue: results ja 40 en 41`.
fn uses_summary(uses: &[AuditUse]) -> String {
    // (chart, page) → lang → lines, in first-seen order of pages.
    let mut groups: Vec<((Option<&str>, &str), BTreeMap<Lang, Vec<usize>>)> = Vec::new();
    for u in uses {
        let key = (u.chart.as_deref(), u.page.as_str());
        let pos = match groups.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                groups.push((key, BTreeMap::new()));
                groups.len() - 1
            }
        };
        let lines = groups[pos].1.entry(u.lang).or_default();
        if !lines.contains(&u.line) {
            lines.push(u.line);
        }
    }
    groups.sort_by_key(|((chart, _), _)| chart.is_some());
    let parts: Vec<String> = groups
        .iter()
        .map(|((chart, page), langs)| {
            let langs: Vec<String> = langs
                .iter()
                .map(|(lang, lines)| {
                    format!("{} {}", lang.code(), lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(","))
                })
                .collect();
            match chart {
                None => format!("{page} {}", langs.join(" ")),
                Some(c) => format!("chart {c} on {page} {}", langs.join(" ")),
            }
        })
        .collect();
    parts.join("; ")
}

fn display_width(s: &str) -> usize {
    // East Asian wide characters take two columns in a terminal.
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            0x25B3 => 2, // △, wide in Japanese fonts and terminals
            _ => 1,
        })
        .sum()
}

const AUDIT_HEADER: [&str; 10] = ["figure", "row", "value", "unit", "ja", "en", "source", "as of", "flag", "used in"];

/// The audit as an aligned text table, with a summary line.
pub fn audit_table(entries: &[AuditEntry]) -> String {
    let rows: Vec<[String; 10]> = entries
        .iter()
        .map(|e| {
            let mut value = e.value.clone();
            if e.status != Status::Actual {
                value = format!("{value} ({})", e.status.id());
            }
            [
                e.id.clone(),
                e.row.clone().unwrap_or_else(|| "-".into()),
                value,
                e.unit.id().to_string(),
                e.ja.clone(),
                e.en.clone(),
                if e.source.is_empty() { "-".into() } else { e.source.clone() },
                if e.as_of.is_empty() { "-".into() } else { e.as_of.clone() },
                e.flag.label(),
                uses_summary(&e.uses),
            ]
        })
        .collect();
    let mut widths = AUDIT_HEADER.map(display_width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(widths[i] - display_width(cell) + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&AUDIT_HEADER.map(|h| h.to_uppercase()));
    for row in &rows {
        line(row);
    }
    let count = |f: &dyn Fn(&AuditEntry) -> bool| entries.iter().filter(|e| f(e)).count();
    let one_lang = count(&|e| matches!(e.flag, AuditFlag::OneLanguage(_)));
    let unused = count(&|e| e.flag == AuditFlag::Unused);
    let in_prose = count(&|e| e.uses.iter().any(|u| u.chart.is_none()));
    out.push_str(&format!(
        "\n{} figures: {} referenced in prose, {} shown only in charts, {} in one language only, {} unused\n",
        entries.len(),
        in_prose,
        count(&|e| !e.uses.is_empty() && e.uses.iter().all(|u| u.chart.is_some())),
        one_lang,
        unused
    ));
    out
}

/// The audit as CSV: one line per use, so a spreadsheet can filter by page or language.
pub fn audit_csv(entries: &[AuditEntry]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "figure",
        "row",
        "value",
        "unit",
        "status",
        "ja",
        "en",
        "source",
        "as_of",
        "flag",
        "page",
        "lang",
        "line",
        "chart",
        "text",
        "filing",
        "filing_document",
        "filing_date",
        "securities_code",
        "element",
        "context",
    ];
    // Writing to a Vec cannot fail.
    let _ = crate::spreadsheet::write_record(&mut writer, header);
    for e in entries {
        let base = [
            e.id.clone(),
            e.row.clone().unwrap_or_default(),
            e.value.clone(),
            e.unit.id().to_string(),
            e.status.id().to_string(),
            e.ja.clone(),
            e.en.clone(),
            e.source.clone(),
            e.as_of.clone(),
            e.flag.label(),
        ];
        let origin: [String; 6] = match &e.provenance {
            Some(p) => [
                p.filing_id.clone(),
                p.filing.document.clone(),
                p.filing.filing_date.clone(),
                p.filing.securities_code.clone(),
                p.element.clone(),
                p.context.clone(),
            ],
            None => Default::default(),
        };
        if e.uses.is_empty() {
            let mut record = base.to_vec();
            record.extend(std::iter::repeat_n(String::new(), 5));
            record.extend(origin.iter().cloned());
            let _ = crate::spreadsheet::write_record(&mut writer, &record);
        }
        for u in &e.uses {
            let mut record = base.to_vec();
            record.extend([
                u.page.clone(),
                u.lang.code().to_string(),
                u.line.to_string(),
                u.chart.clone().unwrap_or_default(),
                u.text.clone(),
            ]);
            record.extend(origin.iter().cloned());
            let _ = crate::spreadsheet::write_record(&mut writer, &record);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `irsite figures`: loads and renders the site at `root` (nothing is written) and prints
/// the audit to standard output.
pub fn audit_command(root: &Path, format: AuditFormat) -> Result<(), Error> {
    let site = Site::load(Config::load(root)?)?;
    let report = site.render_all()?;
    let entries = audit(&site, &report.figure_uses);
    let text = match format {
        AuditFormat::Table => audit_table(&entries),
        AuditFormat::Csv => audit_csv(&entries),
    };
    // A closed pipe (`irsite figures | head`) ends the listing quietly.
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}
