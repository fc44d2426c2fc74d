//! Figures: tables (`content/data/*.csv` + sidecar `.toml`), single facts (`facts.toml`) and
//! chart definitions (`charts.toml`). Loading validates everything that can be checked without
//! the locales; label keys are checked against the locales by the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::{key_location, table_value_location, toml_error};
use crate::error::{Error, Location, Result, Stage};
use crate::format::Number;
use crate::model::period::latest_offset;
use crate::model::units::{SiteUnit, UnitError};
use crate::model::{FiscalYear, Period, Unit, Units};

/// Larger data files are refused rather than risk memory: an IR table has tens of rows.
pub const MAX_DATA_FILE_BYTES: u64 = 8 * 1024 * 1024;
pub const MAX_TABLE_ROWS: usize = 10_000;

/// TOML files of `content/data/` that are not table sidecars.
const NOT_TABLES: [&str; 5] = ["facts", "charts", "units", "library", "calendar"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Period,
    Category,
}

/// Whether a period's figures are results or expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Actual,
    Forecast,
    Plan,
    Target,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Forecast => "forecast",
            Status::Plan => "plan",
            Status::Target => "target",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub id: String,
    pub unit: Unit,
    /// Fluent key of the series name.
    pub label: String,
    /// Where the column is described (its `[columns.<id>]` line in the sidecar).
    pub location: Location,
    /// One value per row; `None` where the source states no value.
    pub values: Vec<Option<Number>>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub csv_path: PathBuf,
    pub sidecar_path: PathBuf,
    pub kind: RowKind,
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub as_of: Option<String>,
    pub status: BTreeMap<String, Status>,
    /// Category tables: Fluent key of each row's label.
    pub categories: BTreeMap<String, String>,
    /// Imported values: (period, column) → where the value came from.
    pub provenance: BTreeMap<(String, String), Provenance>,
}

impl Table {
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }
    pub fn row_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }
    pub fn status(&self, row: &str) -> Status {
        self.status.get(row).copied().unwrap_or(Status::Actual)
    }

    /// The row a `period=` or `category=` argument names: a row id, or `latest` / `latest-N`, the latest
    /// (or N-th before the latest) period with actual figures, in time order. Forecast, plan
    /// and target rows are never the latest. Only periods of the same span as the latest
    /// count, so `latest-1` of a quarterly table is the quarter before.
    pub fn resolve_row(&self, row: &str) -> std::result::Result<&str, String> {
        let Some(back) = latest_offset(row) else {
            return self.rows.iter().find(|r| r.id == row).map(|r| r.id.as_str()).ok_or_else(|| {
                format!(
                    "table `{}` has no row `{row}` (rows: {})",
                    self.name,
                    self.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
                )
            });
        };
        let period = row;
        if self.kind != RowKind::Period {
            return Err(format!("`{period}` picks a period, but table `{}` has categories", self.name));
        }
        let same_span = self.actual_periods_like_latest();
        let Some(&(last, _)) = same_span.last() else {
            return Err(format!("table `{}` has no actual period for `{period}`", self.name));
        };
        same_span.len().checked_sub(back + 1).map(|i| self.rows[same_span[i].1].id.as_str()).ok_or_else(|| {
            format!(
                "table `{}` has {} actual periods like {last}: `{period}` goes back too far",
                self.name,
                same_span.len()
            )
        })
    }

    /// The periods with actual figures of the same span as the latest of them (the years of a
    /// yearly table, the quarters of a quarterly one), in time order, with their row indexes;
    /// empty where the table has no actual period. `latest-N` and a table's `last=N` count back
    /// along this list.
    pub fn actual_periods_like_latest(&self) -> Vec<(Period, usize)> {
        let mut actual: Vec<(Period, usize)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| self.status(&r.id) == Status::Actual)
            .filter_map(|(i, r)| Period::parse(&r.id).ok().map(|p| (p, i)))
            .collect();
        actual.sort();
        let Some(&(latest, _)) = actual.last() else { return actual };
        actual.retain(|(p, _)| p.span == latest.span);
        actual
    }
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub id: String,
    pub value: Number,
    pub unit: Unit,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub label: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    StackedBar,
    GroupedBar,
    BarLine,
    Donut,
    Line,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub id: String,
    pub kind: ChartKind,
    pub data: String,
    pub series: Vec<String>,
    #[serde(default)]
    pub line: Vec<String>,
    pub total: Option<String>,
    pub title: String,
    pub note: Option<String>,
    #[serde(default)]
    pub colors: Vec<String>,
    /// The unit the value axis (bars, or a line chart's lines) is shown in: another money unit.
    pub unit: Option<UnitChoice>,
    /// The same for the right-hand axis of a bar-line chart.
    pub line_unit: Option<UnitChoice>,
    #[serde(skip, default = "no_location")]
    pub location: Location,
}

/// A display unit for both languages (`unit = "oku_yen"`), or one per language
/// (`unit = { ja = "oku_yen", en = "billion_yen" }`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum UnitChoice {
    Both(String),
    PerLanguage { ja: String, en: String },
}

impl UnitChoice {
    pub fn id(&self, lang: crate::lang::Lang) -> &str {
        match (self, lang) {
            (UnitChoice::Both(id), _) => id,
            (UnitChoice::PerLanguage { ja, .. }, crate::lang::Lang::Ja) => ja,
            (UnitChoice::PerLanguage { en, .. }, crate::lang::Lang::En) => en,
        }
    }
}

fn no_location() -> Location {
    Location::file("")
}

#[derive(Debug, Default)]
pub struct Data {
    pub tables: BTreeMap<String, Table>,
    pub facts: BTreeMap<String, Fact>,
    pub charts: BTreeMap<String, ChartSpec>,
    /// The built-in units and the site's (`units.toml`).
    pub units: Units,
    /// How periods are named (`[fiscal_year]` of site.toml).
    pub calendar: FiscalYear,
}

/// A figure found by id: a table cell or a fact.
pub struct FigureRef<'a> {
    pub value: Number,
    pub unit: Unit,
    pub as_of: Option<&'a str>,
    pub status: Status,
    /// The row the figure is on, `latest` resolved.
    pub row: Option<&'a str>,
}

/// The file of the site's own units in the data folder.
pub const UNITS_FILE: &str = "units.toml";

impl Data {
    /// Loads `dir` (content/data) of the site at `root`, with periods named by the default
    /// fiscal calendar.
    pub fn load(root: &Path, dir: &Path) -> Result<Data> {
        Data::load_with(root, dir, FiscalYear::default())
    }

    /// Loads `dir` (content/data) of the site at `root`, with periods named by `calendar`.
    pub fn load_with(root: &Path, dir: &Path, calendar: FiscalYear) -> Result<Data> {
        let mut data = Data { calendar, ..Data::default() };
        if !dir.is_dir() {
            return Ok(data);
        }
        data.units = load_units(root, &dir.join(UNITS_FILE))?;
        let mut errors = Vec::new();
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in &entries {
            if path.extension().is_some_and(|e| e == "csv") {
                match load_table(root, path, &data.units) {
                    Ok(table) => {
                        data.tables.insert(table.name.clone(), table);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        for path in &entries {
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if is_toml && !path.with_extension("csv").exists() && !NOT_TABLES.contains(&stem) {
                errors.push(Error::input(
                    Stage::Data,
                    Location::file(path),
                    format!("sidecar has no table: {stem}.csv is missing"),
                ));
            }
        }
        let facts = dir.join("facts.toml");
        if facts.exists() {
            match load_facts(root, &facts, &data.units) {
                Ok(f) => data.facts = f,
                Err(e) => errors.push(e),
            }
        }
        let charts = dir.join("charts.toml");
        if charts.exists() {
            match load_charts(root, &charts) {
                Ok(c) => data.charts = c,
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        data.check_charts()?;
        Ok(data)
    }

    /// Every chart names an existing table, existing columns, and one unit per axis.
    fn check_charts(&self) -> Result<()> {
        let mut errors = Vec::new();
        for chart in self.charts.values() {
            let at = chart.location.clone();
            let Some(table) = self.tables.get(&chart.data) else {
                errors.push(
                    Error::input(Stage::Data, at, format!("chart `{}` uses unknown table `{}`", chart.id, chart.data))
                        .with_hint(format!("add content/data/{}.csv or fix `data`", chart.data)),
                );
                continue;
            };
            if chart.series.is_empty() {
                errors.push(Error::input(Stage::Data, at.clone(), format!("chart `{}` has no series", chart.id)));
            }
            let mut units = Vec::new();
            for (axis, list) in [("series", &chart.series), ("line", &chart.line)] {
                let mut axis_unit: Option<Unit> = None;
                for id in list {
                    match table.column(id) {
                        None => errors.push(
                            Error::input(
                                Stage::Data,
                                at.clone(),
                                format!("chart `{}`: table `{}` has no series `{id}`", chart.id, chart.data),
                            )
                            .with_hint(format!(
                                "columns of {}: {}",
                                table.csv_path.display(),
                                table.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                            )),
                        ),
                        Some(col) => match axis_unit {
                            None => axis_unit = Some(col.unit.clone()),
                            Some(ref u) if *u != col.unit => errors.push(Error::input(
                                Stage::Data,
                                at.clone(),
                                format!(
                                    "chart `{}`: `{axis}` mixes units {} and {} (`{id}`)",
                                    chart.id,
                                    u.id(),
                                    col.unit.id()
                                ),
                            )),
                            _ => {}
                        },
                    }
                }
                let choice = if axis == "series" { &chart.unit } else { &chart.line_unit };
                if let (Some(choice), Some(unit)) = (choice, &axis_unit) {
                    for lang in crate::lang::Lang::ALL {
                        if let Err(e) = self.units.display(unit, choice.id(lang)) {
                            errors.push(Error::input(Stage::Data, at.clone(), format!("chart `{}`: {e}", chart.id)));
                        }
                    }
                }
                units.push(axis_unit);
            }
            let drawn: Vec<&Column> =
                chart.series.iter().chain(&chart.line).filter_map(|id| table.column(id)).collect();
            if !drawn.is_empty() && drawn.iter().all(|c| c.values.iter().all(Option::is_none)) {
                errors.push(
                    Error::input(
                        Stage::Data,
                        at.clone(),
                        format!("chart `{}`: its series have no values to draw", chart.id),
                    )
                    .with_hint(format!("fill in the values in {} or remove the chart", table.csv_path.display())),
                );
            }
            if let Some(total) = &chart.total {
                match table.column(total) {
                    None => errors.push(Error::input(
                        Stage::Data,
                        at.clone(),
                        format!("chart `{}`: total column `{total}` does not exist", chart.id),
                    )),
                    Some(col) if Some(&col.unit) != units[0].as_ref() => errors.push(Error::input(
                        Stage::Data,
                        at.clone(),
                        format!(
                            "chart `{}`: total `{total}` is in {}, the bars in {}",
                            chart.id,
                            col.unit.id(),
                            units[0].as_ref().map(|u| u.id()).unwrap_or("?")
                        ),
                    )),
                    _ => {}
                }
            }
            match chart.kind {
                ChartKind::BarLine if chart.line.is_empty() => errors.push(Error::input(
                    Stage::Data,
                    at.clone(),
                    format!("chart `{}`: a bar-line chart needs `line` series", chart.id),
                )),
                ChartKind::Donut if chart.series.len() != 1 || table.kind != RowKind::Category => {
                    errors.push(Error::input(
                        Stage::Data,
                        at.clone(),
                        format!("chart `{}`: a donut takes one series of a category table", chart.id),
                    ))
                }
                k if k != ChartKind::BarLine && !chart.line.is_empty() => errors.push(Error::input(
                    Stage::Data,
                    at.clone(),
                    format!("chart `{}`: only bar-line charts have `line` series", chart.id),
                )),
                _ => {}
            }
            for color in &chart.colors {
                if !is_hex_color(color) {
                    errors.push(Error::input(
                        Stage::Data,
                        at.clone(),
                        format!("chart `{}`: colour `{color}` is not #rrggbb", chart.id),
                    ));
                }
            }
        }
        Error::collect(errors)
    }

    /// The sentence that says what a fiscal year is (footer), with the latest fiscal year that
    /// has actual figures as its example (`Fiscal years run from April to March (FY2021 = …)`).
    pub fn fiscal_year_note(&self, lang: crate::lang::Lang) -> String {
        let latest = self
            .tables
            .values()
            .filter(|t| t.kind == RowKind::Period)
            .flat_map(|t| t.rows.iter().filter(|r| t.status(&r.id) == Status::Actual))
            .filter_map(|r| Period::parse(&r.id).ok())
            .map(|p| p.year)
            .max();
        self.calendar.explanation(latest, lang)
    }

    /// Every Fluent key the data names (series, category, note, fact and chart labels), with
    /// the place that names it.
    pub fn label_keys(&self) -> Vec<(&str, Location)> {
        let mut keys = Vec::new();
        for table in self.tables.values() {
            keys.extend(table.columns.iter().map(|c| (c.label.as_str(), c.location.clone())));
            let sidecar = || Location::file(&table.sidecar_path);
            keys.extend(table.categories.values().map(|k| (k.as_str(), sidecar())));
            keys.extend(table.note.iter().map(|k| (k.as_str(), sidecar())));
        }
        for fact in self.facts.values() {
            keys.extend(fact.label.iter().map(|k| (k.as_str(), fact.location.clone())));
        }
        for chart in self.charts.values() {
            keys.push((chart.title.as_str(), chart.location.clone()));
            keys.extend(chart.note.iter().map(|k| (k.as_str(), chart.location.clone())));
        }
        keys
    }

    /// Looks up a figure: `table.column` with a row, or a fact id without one.
    pub fn figure(&self, id: &str, row: Option<&str>) -> std::result::Result<FigureRef<'_>, String> {
        if let Some((table_name, column_id)) = id.split_once('.') {
            let table = self
                .tables
                .get(table_name)
                .ok_or_else(|| format!("unknown table `{table_name}` in figure id `{id}`"))?;
            let column = table.column(column_id).ok_or_else(|| {
                format!(
                    "table `{table_name}` has no column `{column_id}` (columns: {})",
                    table.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                )
            })?;
            let row = row.ok_or_else(|| match table.kind {
                RowKind::Period => format!("figure `{id}` needs period=\"…\""),
                RowKind::Category => format!("figure `{id}` needs category=\"…\""),
            })?;
            let row = table.resolve_row(row)?;
            let index = table.row_index(row).expect("a resolved row exists");
            let value = column.values[index].ok_or_else(|| {
                format!("`{id}` has no value for `{row}`: its cell is empty (the source does not state it)")
            })?;
            Ok(FigureRef {
                value,
                unit: column.unit.clone(),
                as_of: table.as_of.as_deref(),
                status: table.status(row),
                row: Some(row),
            })
        } else {
            let fact = self.facts.get(id).ok_or_else(|| format!("unknown figure id `{id}`"))?;
            if row.is_some() {
                return Err(format!("`{id}` is a single figure; it takes no period or category"));
            }
            Ok(FigureRef {
                value: fact.value,
                unit: fact.unit.clone(),
                as_of: fact.as_of.as_deref(),
                status: Status::Actual,
                row: None,
            })
        }
    }
}

fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A data file, read under the input rule and the data size limit.
fn read_data(root: &Path, path: &Path) -> Result<String> {
    crate::input::read_text_limited(root, path, Stage::Data, MAX_DATA_FILE_BYTES, "data files")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    source: Option<String>,
    note: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, SidecarColumn>,
    #[serde(default)]
    status: BTreeMap<String, Status>,
    #[serde(default)]
    categories: BTreeMap<String, String>,
    /// Filings values were imported from (`irsite import`), by id.
    #[serde(default)]
    filings: BTreeMap<String, FilingSource>,
    /// Where each imported value came from: period → column → source.
    #[serde(default)]
    provenance: BTreeMap<String, BTreeMap<String, ValueSource>>,
}

/// A filing in a sidecar's `[filings.<id>]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingSource {
    pub document: String,
    pub file: String,
    pub filing_date: String,
    pub securities_code: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueSource {
    filing: String,
    element: String,
    context: String,
    kind: Status,
}

/// Where an imported value came from: the filing, and the element and context in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub filing_id: String,
    pub filing: FilingSource,
    pub element: String,
    pub context: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarColumn {
    unit: String,
    label: String,
}

/// The built-in units plus those of the site's `units.toml`, when it exists.
pub fn load_units(root: &Path, path: &Path) -> Result<Units> {
    let mut units = Units::built_in();
    if !path.is_file() {
        return Ok(units);
    }
    let text = read_data(root, path)?;
    let raw: BTreeMap<String, SiteUnit> =
        toml::from_str(&text).map_err(|e| toml_error(Stage::Data, path, &text, 1, &e))?;
    let mut errors = Vec::new();
    for (id, spec) in raw {
        if let Err((message, hint)) = units.add(&id, spec) {
            errors
                .push(Error::input(Stage::Data, key_location(path, &text, &format!("[{id}")), message).with_hint(hint));
        }
    }
    Error::collect(errors)?;
    Ok(units)
}

pub fn load_table(root: &Path, csv_path: &Path, units: &Units) -> Result<Table> {
    let name = csv_path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let sidecar_path = csv_path.with_extension("toml");
    if !sidecar_path.exists() {
        return Err(Error::input(Stage::Data, Location::file(csv_path), "table has no sidecar")
            .with_hint(format!("add {} with the unit and label of each column", sidecar_path.display())));
    }
    let sidecar_text = read_data(root, &sidecar_path)?;
    let sidecar: Sidecar =
        toml::from_str(&sidecar_text).map_err(|e| toml_error(Stage::Data, &sidecar_path, &sidecar_text, 1, &e))?;
    let text = read_data(root, csv_path)?;
    if text.trim().is_empty() {
        return Err(Error::input(Stage::Data, Location::file(csv_path), "table is empty")
            .with_hint("the first line names the columns: period,revenue,…"));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(csv_path, &e)),
        None => return Err(Error::input(Stage::Data, Location::file(csv_path), "table is empty")),
    };
    let kind = match header.get(0).map(str::trim) {
        Some("period") => RowKind::Period,
        Some("category") => RowKind::Category,
        other => {
            return Err(Error::input(
                Stage::Data,
                Location::at(csv_path, 1, 1),
                format!("first column must be `period` or `category`, found `{}`", other.unwrap_or("")),
            ))
        }
    };
    let mut errors = Vec::new();
    let unit_at = |id: &str| key_location(&sidecar_path, &sidecar_text, &format!("[columns.{id}"));
    let mut columns = Vec::new();
    for (i, id) in header.iter().enumerate().skip(1) {
        let id = id.trim();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            errors.push(Error::input(
                Stage::Data,
                Location::at(csv_path, 1, i + 1),
                format!("column name `{id}` must be lower_snake_case"),
            ));
            continue;
        }
        if columns.iter().any(|c: &Column| c.id == id) {
            errors.push(Error::input(
                Stage::Data,
                Location::at(csv_path, 1, i + 1),
                format!("column `{id}` appears twice"),
            ));
            continue;
        }
        let Some(spec) = sidecar.columns.get(id) else {
            errors.push(
                Error::input(
                    Stage::Data,
                    Location::at(csv_path, 1, i + 1),
                    format!("column `{id}` is not described in {}", sidecar_path.display()),
                )
                .with_hint(format!("add [columns.{id}] with unit and label")),
            );
            continue;
        };
        let unit = match units.stored(&spec.unit) {
            Ok(u) => u,
            Err(e) => {
                let at = table_value_location(&sidecar_path, &sidecar_text, &format!("columns.{id}"), "unit");
                errors.push(Error::input(Stage::Data, at, e.to_string()).with_hint(unit_hint(&e)));
                continue;
            }
        };
        columns.push(Column {
            id: id.to_string(),
            unit,
            label: spec.label.clone(),
            location: unit_at(id),
            values: Vec::new(),
        });
    }
    for id in sidecar.columns.keys() {
        if !header.iter().skip(1).any(|h| h.trim() == id) {
            errors.push(Error::input(
                Stage::Data,
                unit_at(id),
                format!("described column `{id}` is not in {}", csv_path.display()),
            ));
        }
    }
    Error::collect(errors)?;
    let width = header.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(csv_path, &e));
                break;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_TABLE_ROWS {
            errors.push(Error::input(
                Stage::Data,
                Location::line(csv_path, line),
                format!("table has more than {MAX_TABLE_ROWS} rows"),
            ));
            break;
        }
        if record.len() != width {
            errors.push(
                Error::input(
                    Stage::Data,
                    Location::line(csv_path, line),
                    format!("row has {} cells, the header has {width}", record.len()),
                )
                .with_hint("every row needs one cell per column; leave a cell empty when the source gives no value"),
            );
            continue;
        }
        let id = record[0].trim().to_string();
        let id_ok = match kind {
            RowKind::Period => Period::parse(&id).is_ok(),
            RowKind::Category => {
                !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            }
        };
        if !id_ok {
            let what = if kind == RowKind::Period {
                "a period such as FY2021 or FY2021Q1"
            } else {
                "a lower_snake_case category id"
            };
            errors.push(Error::input(Stage::Data, Location::at(csv_path, line, 1), format!("`{id}` is not {what}")));
            continue;
        }
        if let Some(first) = rows.iter().find(|r| r.id == id) {
            errors.push(Error::input(
                Stage::Data,
                Location::at(csv_path, line, 1),
                format!("row `{id}` already appears on line {}", first.line),
            ));
            continue;
        }
        let raw_line = record_text(&text, &record);
        for (i, column) in columns.iter_mut().enumerate() {
            let cell = record[i + 1].trim();
            if cell.is_empty() {
                column.values.push(None);
                continue;
            }
            match Number::parse(cell) {
                Ok(n) => column.values.push(Some(n)),
                Err(e) => {
                    column.values.push(None);
                    errors.push(
                        Error::input(
                            Stage::Data,
                            Location::at(csv_path, line, cell_column(raw_line, i + 1)),
                            format!("`{cell}` in column `{}` is not a number: {e}", column.id),
                        )
                        .with_hint("write digits as printed, e.g. 2263, -1.0 or △16071, without separators or units"),
                    );
                }
            }
        }
        rows.push(Row { id, line });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(Error::input(Stage::Data, Location::file(csv_path), "table has a header but no rows"));
    }
    for (period, _) in &sidecar.status {
        if !rows.iter().any(|r| &r.id == period) {
            errors.push(Error::input(
                Stage::Data,
                key_location(&sidecar_path, &sidecar_text, period),
                format!("status given for `{period}`, which is not a row of the table"),
            ));
        }
    }
    if kind == RowKind::Category {
        for row in &rows {
            if !sidecar.categories.contains_key(&row.id) {
                errors.push(Error::input(
                    Stage::Data,
                    Location::at(csv_path, row.line, 1),
                    format!("category `{}` has no label in [categories] of {}", row.id, sidecar_path.display()),
                ));
            }
        }
    }
    if let Some(date) = &sidecar.as_of {
        if let Err(e) = crate::format::date_label(date, crate::lang::Lang::En) {
            errors.push(Error::input(Stage::Data, key_location(&sidecar_path, &sidecar_text, "as_of"), e.to_string()));
        }
    }
    let mut provenance = BTreeMap::new();
    for (period, columns) in &sidecar.provenance {
        for (column, source) in columns {
            let at = key_location(&sidecar_path, &sidecar_text, period);
            let Some(filing) = sidecar.filings.get(&source.filing) else {
                errors.push(Error::input(
                    Stage::Data,
                    at,
                    format!(
                        "provenance of `{column}` for {period} names filing `{}`, which [filings] does not list",
                        source.filing
                    ),
                ));
                continue;
            };
            let known_row = rows.iter().any(|r| &r.id == period);
            if !known_row || !sidecar.columns.contains_key(column) {
                errors.push(Error::input(
                    Stage::Data,
                    at,
                    format!("provenance given for `{column}` of {period}, which is not a cell of the table"),
                ));
                continue;
            }
            let _ = source.kind;
            provenance.insert(
                (period.clone(), column.clone()),
                Provenance {
                    filing_id: source.filing.clone(),
                    filing: filing.clone(),
                    element: source.element.clone(),
                    context: source.context.clone(),
                },
            );
        }
    }
    Error::collect(errors)?;
    Ok(Table {
        provenance,
        name,
        csv_path: csv_path.to_path_buf(),
        sidecar_path,
        kind,
        rows,
        columns,
        source: sidecar.source,
        note: sidecar.note,
        as_of: sidecar.as_of,
        status: sidecar.status,
        categories: sidecar.categories,
    })
}

/// The source text of a CSV record (its first line), for column numbers.
fn record_text<'a>(text: &'a str, record: &csv::StringRecord) -> &'a str {
    let start = record.position().map(|p| p.byte() as usize).unwrap_or(0).min(text.len());
    let rest = text.get(start..).unwrap_or("");
    rest.split('\n').next().unwrap_or("")
}

/// The 1-based character column where field `index` of a CSV line starts, past the spaces
/// before it and its opening quote, so that an error points at the value itself.
fn cell_column(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    let mut start = 0;
    for (at, c) in line.char_indices() {
        if field == index {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                field += 1;
                start = at + 1;
            }
            _ => {}
        }
    }
    let cell = &line[start..];
    let skipped = cell.len() - cell.trim_start_matches([' ', '\t', '"']).len();
    line[..start + skipped].chars().count() + 1
}

fn csv_error(path: &Path, err: &csv::Error) -> Error {
    let line = err.position().map(|p| p.line() as usize).unwrap_or(1);
    Error::input(Stage::Data, Location::line(path, line), format!("CSV error: {err}"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    value: toml::Value,
    unit: String,
    as_of: Option<String>,
    source: Option<String>,
    label: Option<String>,
    note: Option<String>,
}

/// What to do about a unit a column or fact cannot be stored in.
fn unit_hint(error: &UnitError) -> &'static str {
    match error {
        UnitError::DisplayOnly { .. } => {
            "store the amount in oku_yen or million_yen, and show it in billions with unit=\"billion_yen\" (or unit_en=)"
        }
        _ => "define the site's own units in content/data/units.toml",
    }
}

fn load_facts(root: &Path, path: &Path, units: &Units) -> Result<BTreeMap<String, Fact>> {
    let text = read_data(root, path)?;
    let raw: BTreeMap<String, RawFact> =
        toml::from_str(&text).map_err(|e| toml_error(Stage::Data, path, &text, 1, &e))?;
    let mut facts = BTreeMap::new();
    let mut errors = Vec::new();
    for (id, fact) in raw {
        let location = key_location(path, &text, &id);
        if id.contains('.') {
            errors.push(Error::input(
                Stage::Data,
                location.clone(),
                format!("fact id `{id}` must not contain `.` (reserved for table.column)"),
            ));
            continue;
        }
        let value = match &fact.value {
            toml::Value::String(s) => Number::parse(s),
            toml::Value::Integer(i) => Number::parse(&i.to_string()),
            toml::Value::Float(f) => Number::parse(&f.to_string()),
            other => {
                errors.push(Error::input(
                    Stage::Data,
                    location.clone(),
                    format!("value of `{id}` must be a number, found {}", other.type_str()),
                ));
                continue;
            }
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                errors.push(Error::input(Stage::Data, location.clone(), format!("value of `{id}`: {e}")));
                continue;
            }
        };
        let unit = match units.stored(&fact.unit) {
            Ok(u) => u,
            Err(e) => {
                let at = table_value_location(path, &text, &id, "unit");
                errors.push(Error::input(Stage::Data, at, e.to_string()).with_hint(unit_hint(&e)));
                continue;
            }
        };
        if let Some(date) = &fact.as_of {
            if let Err(e) = crate::format::date_label(date, crate::lang::Lang::En) {
                errors.push(Error::input(Stage::Data, location.clone(), format!("as_of of `{id}`: {e}")));
            }
        }
        let _ = fact.note;
        facts.insert(
            id.clone(),
            Fact { id, value, unit, as_of: fact.as_of, source: fact.source, label: fact.label, location },
        );
    }
    Error::collect(errors)?;
    Ok(facts)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartsFile {
    #[serde(default)]
    chart: Vec<ChartSpec>,
}

fn load_charts(root: &Path, path: &Path) -> Result<BTreeMap<String, ChartSpec>> {
    let text = read_data(root, path)?;
    let file: ChartsFile = toml::from_str(&text).map_err(|e| toml_error(Stage::Data, path, &text, 1, &e))?;
    let mut charts = BTreeMap::new();
    let mut errors = Vec::new();
    // Each [[chart]] table's line, in order, for error locations.
    let starts: Vec<usize> =
        text.lines().enumerate().filter(|(_, l)| l.trim() == "[[chart]]").map(|(i, _)| i + 1).collect();
    for (i, mut chart) in file.chart.into_iter().enumerate() {
        chart.location = Location::line(path, starts.get(i).copied().unwrap_or(1));
        if chart.id.is_empty() || !chart.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            errors.push(Error::input(
                Stage::Data,
                chart.location.clone(),
                format!("chart id `{}` must be lower-case letters, digits and hyphens", chart.id),
            ));
            continue;
        }
        if charts.contains_key(&chart.id) {
            errors.push(Error::input(
                Stage::Data,
                chart.location.clone(),
                format!("chart id `{}` is defined twice", chart.id),
            ));
            continue;
        }
        charts.insert(chart.id.clone(), chart);
    }
    Error::collect(errors)?;
    Ok(charts)
}
