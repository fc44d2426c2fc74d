//! Merging imported cells into the tables of `content/data/`: the CSV gets the values (new
//! columns at the end, new periods in time order), the sidecar the columns' units and labels,
//! the status of forecast rows and the provenance of every imported value:
//!
//! ```toml
//! [filings.tse-acedjpsm-36450-20210714336450]
//! document = "決算短信〔日本基準〕（連結）"
//! file = "tse-acedjpsm-36450-20210714336450.xbrl"
//! filing_date = "2021-07-14"
//! securities_code = "3645"
//!
//! [provenance.FY2020]
//! net_sales = { filing = "tse-acedjpsm-36450-20210714336450", element = "tse-ed-t:NetSales", context = "CurrentYearDuration_ConsolidatedMember_ResultMember", kind = "actual" }
//! ```
//!
//! Everything is planned in memory first; files are written only when every filing of the run
//! merged without a conflict and every table loads with the data loader, each atomically
//! (`publish::write_atomic`), so an author's file is never left half written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use toml_edit::{value, DocumentMut, InlineTable, Item, Table};

use super::tdnet::mapping::{Cell, Label};
use crate::error::{Error, Location, Result, Stage};

/// The filing a value came from, as recorded in `[filings.<id>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingRecord {
    pub id: String,
    pub document: String,
    pub file: String,
    pub filing_date: String,
    pub securities_code: String,
}

/// What one merge did to the tables.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub unchanged: usize,
    pub replaced: usize,
    /// Forecasts of the filing left out because the table holds a result or a newer forecast.
    pub kept: usize,
    pub tables: BTreeSet<String>,
}

/// The tables of one data folder as they will be written.
pub struct Workspace {
    /// The site root: what the import reads follows the input rule of the build, inside it.
    root: PathBuf,
    dir: PathBuf,
    tables: BTreeMap<String, TableDoc>,
    /// Labels of the columns the import created, for the locale files.
    labels: BTreeMap<String, Label>,
}

struct Row {
    id: String,
    cells: Vec<String>,
    /// Line in the file as read; `None` for a row the import adds.
    line: Option<usize>,
}

struct TableDoc {
    csv_path: PathBuf,
    header: Vec<String>,
    rows: Vec<Row>,
    sidecar: DocumentMut,
    changed: bool,
}

fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    let location = match line {
        Some(l) => Location::line(path, l),
        None => Location::file(path),
    };
    Error::input(Stage::Data, location, message)
}

impl TableDoc {
    fn load(root: &Path, dir: &Path, name: &str) -> Result<TableDoc> {
        let csv_path = dir.join(format!("{name}.csv"));
        let sidecar_path = csv_path.with_extension("toml");
        if !csv_path.exists() {
            if sidecar_path.exists() {
                return Err(error(&sidecar_path, None, format!("sidecar without its table {name}.csv"))
                    .with_hint("add the CSV or remove the sidecar before importing"));
            }
            let mut sidecar = DocumentMut::new();
            sidecar["source"] = value("TDnet");
            return Ok(TableDoc { csv_path, header: vec!["period".into()], rows: Vec::new(), sidecar, changed: true });
        }
        let text = read_table_file(root, &csv_path)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record
                .map_err(|e| error(&csv_path, e.position().map(|p| p.line() as usize), format!("CSV error: {e}")))?;
            let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            match &header {
                None => {
                    if cells.first().map(String::as_str) != Some("period") {
                        return Err(error(
                            &csv_path,
                            Some(line),
                            "imported figures go to period tables; this table's first column is not `period`",
                        )
                        .with_hint("rename the table, or import into a fresh site"));
                    }
                    header = Some(cells);
                }
                Some(h) => {
                    if cells.iter().all(String::is_empty) {
                        continue;
                    }
                    if cells.len() != h.len() {
                        return Err(error(
                            &csv_path,
                            Some(line),
                            format!("row has {} cells, the header has {}", cells.len(), h.len()),
                        )
                        .with_hint("fix the table before importing into it"));
                    }
                    rows.push(Row { id: cells[0].clone(), cells: cells[1..].to_vec(), line: Some(line) });
                }
            }
        }
        let Some(mut header) = header else {
            return Err(error(&csv_path, None, "table is empty").with_hint("remove it, or give it a header"));
        };
        header[0] = "period".into();
        if !sidecar_path.exists() {
            return Err(
                error(&csv_path, None, "table has no sidecar").with_hint(format!("add {}", sidecar_path.display()))
            );
        }
        let sidecar_text = read_table_file(root, &sidecar_path)?;
        let sidecar: DocumentMut = sidecar_text.parse().map_err(|e: toml_edit::TomlError| {
            let line = e.span().map(|s| sidecar_text[..s.start].matches('\n').count() + 1);
            error(&sidecar_path, line, format!("TOML error: {}", e.message()))
        })?;
        Ok(TableDoc { csv_path, header: header.clone(), rows, sidecar, changed: false })
    }

    fn sidecar_path(&self) -> PathBuf {
        self.csv_path.with_extension("toml")
    }

    fn column_index(&self, id: &str) -> Option<usize> {
        self.header.iter().skip(1).position(|h| h == id)
    }

    fn provenance(&self, row: &str, column: &str) -> Option<(String, String)> {
        let entry = self.sidecar.get("provenance")?.get(row)?.get(column)?;
        let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).map(str::to_string);
        Some((field("filing")?, field("kind").unwrap_or_else(|| "actual".into())))
    }

    fn filing_date(&self, filing: &str) -> Option<String> {
        self.sidecar.get("filings")?.get(filing)?.get("filing_date")?.as_str().map(str::to_string)
    }

    fn implicit_table<'a>(doc: &'a mut Table, key: &str) -> &'a mut Table {
        let item = doc.entry(key).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        if !item.is_table() {
            *item = Item::Table(Table::new());
        }
        item.as_table_mut().expect("just made a table")
    }

    fn set_provenance(&mut self, row: &str, cell: &Cell, filing: &FilingRecord) {
        let mut entry = InlineTable::new();
        entry.insert("filing", filing.id.as_str().into());
        entry.insert("element", cell.element.as_str().into());
        entry.insert("context", cell.context.as_str().into());
        entry.insert("kind", if cell.forecast { "forecast" } else { "actual" }.into());
        let provenance = TableDoc::implicit_table(self.sidecar.as_table_mut(), "provenance");
        let row_table = TableDoc::implicit_table(provenance, row);
        row_table.set_implicit(false);
        row_table.insert(&cell.column, value(entry));
    }

    fn remove_provenance(&mut self, row: &str, column: &str) {
        if let Some(t) = self.sidecar.get_mut("provenance").and_then(|p| p.get_mut(row)).and_then(Item::as_table_mut) {
            t.remove(column);
        }
    }

    fn record_filing(&mut self, filing: &FilingRecord) {
        let filings = TableDoc::implicit_table(self.sidecar.as_table_mut(), "filings");
        if filings.contains_key(&filing.id) {
            return;
        }
        let mut t = Table::new();
        t.insert("document", value(filing.document.as_str()));
        t.insert("file", value(filing.file.as_str()));
        t.insert("filing_date", value(filing.filing_date.as_str()));
        t.insert("securities_code", value(filing.securities_code.as_str()));
        filings.insert(&filing.id, Item::Table(t));
    }

    /// The row of `period`, added in time order when the table has none.
    fn row_index(&mut self, period: &str) -> usize {
        if let Some(i) = self.rows.iter().position(|r| r.id == period) {
            return i;
        }
        let key = period_order(period);
        let at = self
            .rows
            .iter()
            .position(|r| period_order(&r.id).is_some_and(|k| Some(k) > key))
            .unwrap_or(self.rows.len());
        let width = self.header.len() - 1;
        self.rows.insert(at, Row { id: period.to_string(), cells: vec![String::new(); width], line: None });
        at
    }

    /// Marks each row `forecast` when one of its values is an imported forecast, and takes the
    /// mark off a row whose forecasts all gave way to results.
    fn update_status(&mut self, rows: &BTreeSet<String>) {
        for row in rows {
            let Some(r) = self.rows.iter().find(|r| &r.id == row) else { continue };
            let forecasts =
                r.cells.iter().enumerate().filter(|(_, v)| !v.is_empty()).any(|(i, _)| {
                    self.provenance(row, &self.header[i + 1]).is_some_and(|(_, kind)| kind == "forecast")
                });
            let status = TableDoc::implicit_table(self.sidecar.as_table_mut(), "status");
            let current = status.get(row).and_then(|v| v.as_str()).map(str::to_string);
            if forecasts {
                if current.as_deref() != Some("forecast") {
                    status.set_implicit(false);
                    status.insert(row, value("forecast"));
                }
            } else if current.as_deref() == Some("forecast") {
                status.remove(row);
            }
        }
        if self.sidecar.get("status").and_then(Item::as_table).is_some_and(Table::is_empty) {
            self.sidecar.remove("status");
        }
    }

    fn csv_text(&self) -> Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| error(&self.csv_path, None, format!("cannot write CSV: {e}"));
        writer.write_record(&self.header).map_err(io)?;
        for row in &self.rows {
            writer.write_record(std::iter::once(&row.id).chain(&row.cells)).map_err(io)?;
        }
        let bytes = writer.into_inner().map_err(|e| error(&self.csv_path, None, e.to_string()))?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings"))
    }
}

/// A table file of the data folder, under the input rules and the size limit of data files.
fn read_table_file(root: &Path, path: &Path) -> Result<String> {
    crate::input::read_text_limited(root, path, Stage::Data, crate::data::MAX_DATA_FILE_BYTES, "data files")
}

/// Time order of period ids, as the site's periods sort; `None` for other row ids.
fn period_order(id: &str) -> Option<crate::model::Period> {
    crate::model::Period::parse(id).ok()
}

fn same_number(a: &str, b: &str) -> bool {
    match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

impl Workspace {
    /// The tables of `dir` (content/data) of the site at `root`.
    pub fn new(root: &Path, dir: &Path) -> Workspace {
        Workspace { root: root.to_path_buf(), dir: dir.to_path_buf(), tables: BTreeMap::new(), labels: BTreeMap::new() }
    }

    fn table(&mut self, name: &str) -> Result<&mut TableDoc> {
        if !self.tables.contains_key(name) {
            let doc = TableDoc::load(&self.root, &self.dir, name)?;
            self.tables.insert(name.to_string(), doc);
        }
        Ok(self.tables.get_mut(name).expect("just loaded"))
    }

    /// Merges the cells of one filing. A cell that holds another value is a conflict, unless
    /// `overwrite`, or unless it holds a forecast this filing supersedes: a result, or a
    /// forecast from a filing of the same day or later. All conflicts are returned together.
    pub fn merge(&mut self, filing: &FilingRecord, cells: &[Cell], overwrite: bool) -> Result<MergeReport> {
        let mut report = MergeReport::default();
        let mut errors = Vec::new();
        let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        // Rows the filing gives results for: older filings' forecasts there are stale.
        let mut result_rows: BTreeSet<(String, String)> = BTreeSet::new();
        let mut new_labels = Vec::new();
        for cell in cells {
            let table = self.table(&cell.table)?;
            let column = match table.column_index(&cell.column) {
                Some(i) => {
                    let unit = table
                        .sidecar
                        .get("columns")
                        .and_then(|c| c.get(&cell.column))
                        .and_then(|c| c.get("unit"))
                        .and_then(|u| u.as_str());
                    if let Some(unit) = unit.filter(|u| *u != cell.unit) {
                        errors.push(
                            error(
                                &table.sidecar_path(),
                                None,
                                format!(
                                    "column `{}` is in {unit}; the filing's {} is in {}",
                                    cell.column, cell.element, cell.unit
                                ),
                            )
                            .with_hint("import into a table of its own, or change the column's unit"),
                        );
                        continue;
                    }
                    i
                }
                None => {
                    table.header.push(cell.column.clone());
                    for row in &mut table.rows {
                        row.cells.push(String::new());
                    }
                    let columns = TableDoc::implicit_table(table.sidecar.as_table_mut(), "columns");
                    if !columns.contains_key(&cell.column) {
                        let mut spec = Table::new();
                        spec.insert("unit", value(cell.unit));
                        spec.insert("label", value(cell.label.key.as_str()));
                        columns.insert(&cell.column, Item::Table(spec));
                        new_labels.push(cell.label.clone());
                    }
                    table.changed = true;
                    table.header.len() - 2
                }
            };
            let table = self.tables.get_mut(&cell.table).expect("loaded above");
            let r = table.row_index(&cell.period);
            let existing = table.rows[r].cells[column].clone();
            let before = table.provenance(&cell.period, &cell.column);
            let write = if existing.is_empty() {
                report.added += 1;
                true
            } else if same_number(&existing, &cell.value) {
                report.unchanged += 1;
                false
            } else if overwrite {
                report.replaced += 1;
                true
            } else {
                // Which of the two values stands: a result beats a forecast, a later forecast
                // an earlier one; an author's value (no provenance) and a differing result are
                // for the author to settle.
                let earlier_date = before.as_ref().and_then(|(f, _)| table.filing_date(f));
                let not_older = earlier_date.as_deref().is_some_and(|d| filing.filing_date.as_str() >= d);
                match before.as_ref().map(|(_, kind)| kind.as_str()) {
                    Some("forecast") if !cell.forecast || not_older => {
                        report.replaced += 1;
                        true
                    }
                    Some(_) if cell.forecast && (before.as_ref().is_some_and(|(_, k)| k == "actual") || !not_older) => {
                        report.kept += 1;
                        false
                    }
                    _ => {
                        let line = table.rows[r].line;
                        let origin = match &before {
                            Some((f, _)) => format!("imported from {f}"),
                            None => "not imported".to_string(),
                        };
                        errors.push(
                            error(
                                &table.csv_path,
                                line,
                                format!(
                                    "`{}` of {} is {existing} in the table ({origin}), but {} files {} ({}, context {}, filed {})",
                                    cell.column, cell.period, filing.file, cell.value, cell.element, cell.context, filing.filing_date
                                ),
                            )
                            .with_hint("correct the table, or pass --overwrite to take the filed value"),
                        );
                        false
                    }
                }
            };
            if write {
                table.rows[r].cells[column] = cell.value.clone();
                table.set_provenance(&cell.period, cell, filing);
                table.record_filing(filing);
                table.changed = true;
            }
            if !cell.forecast {
                result_rows.insert((cell.table.clone(), cell.period.clone()));
            }
            report.tables.insert(cell.table.clone());
            touched.entry(cell.table.clone()).or_default().insert(cell.period.clone());
        }
        Error::collect(errors)?;
        for label in new_labels {
            self.labels.insert(label.key.clone(), label);
        }
        for (table_name, period) in &result_rows {
            let table = self.tables.get_mut(table_name).expect("merged above");
            let Some(r) = table.rows.iter().position(|row| &row.id == period) else { continue };
            for i in 0..table.rows[r].cells.len() {
                let column = table.header[i + 1].clone();
                let stale =
                    table.provenance(period, &column).is_some_and(|(f, kind)| kind == "forecast" && f != filing.id);
                let still_given =
                    cells.iter().any(|c| &c.table == table_name && &c.period == period && c.column == column);
                if stale && !still_given {
                    table.rows[r].cells[i].clear();
                    table.remove_provenance(period, &column);
                    table.changed = true;
                }
            }
        }
        for (table_name, rows) in &touched {
            let table = self.tables.get_mut(table_name).expect("merged above");
            let before = table.sidecar.to_string();
            table.update_status(rows);
            table.changed |= table.sidecar.to_string() != before;
        }
        Ok(report)
    }

    /// Writes every changed table and the labels of new columns (into `locales/<lang>/tdnet.ftl`
    /// of `locales`, for keys no locale file defines yet). Returns the files written.
    pub fn write(self, locales: &Path, languages: &[crate::lang::Lang]) -> Result<Vec<PathBuf>> {
        let mut planned: Vec<(PathBuf, String)> = Vec::new();
        let mut used_keys = BTreeSet::new();
        for doc in self.tables.values() {
            if let Some(columns) = doc.sidecar.get("columns").and_then(Item::as_table) {
                used_keys.extend(
                    columns.iter().filter_map(|(_, c)| c.get("label").and_then(|l| l.as_str()).map(str::to_string)),
                );
            }
            if doc.changed {
                planned.push((doc.csv_path.clone(), doc.csv_text()?));
                planned.push((doc.sidecar_path(), doc.sidecar.to_string()));
            }
        }
        for &lang in languages {
            let dir = locales.join(lang.code());
            let defined = defined_keys(&self.root, &dir)?;
            let missing: Vec<&Label> =
                self.labels.values().filter(|l| used_keys.contains(&l.key) && !defined.contains(&l.key)).collect();
            if missing.is_empty() {
                continue;
            }
            let path = dir.join("tdnet.ftl");
            let mut text = if path.exists() {
                crate::input::read_text(&self.root, &path, Stage::Locale)?
            } else {
                "# Labels of the columns imported from TDnet filings.\n".to_string()
            };
            if !text.ends_with('\n') {
                text.push('\n');
            }
            for label in missing {
                let shown = if lang == crate::lang::Lang::Ja { &label.ja } else { &label.en };
                text.push_str(&format!("{} = {}\n", label.key, shown));
            }
            planned.push((path, text));
        }
        write_all(&self.dir, planned)
    }
}

/// Keys defined by the `.ftl` files of one language folder.
fn defined_keys(root: &Path, dir: &Path) -> Result<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    if !dir.is_dir() {
        return Ok(keys);
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(|e| e.ok()) {
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|x| x != "ftl") {
            continue;
        }
        let text = crate::input::read_text(root, entry.path(), Stage::Locale)?;
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in &resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                keys.insert(m.id.name.to_string());
            }
        }
    }
    Ok(keys)
}

/// Writes the planned files. Every table is first loaded back by the data loader from a
/// scratch copy in the system's temporary folder (removed when done, so even a killed import
/// leaves nothing of it in the site); only when all load is anything in the site written.
/// Each file is then replaced with `publish::write_atomic` (a temporary file beside it, flushed
/// to disk, renamed over it, the folder flushed), so it holds its old or its new content,
/// never a part. A file that is a link inside the site (as it was read) is written at the
/// link's target, and the link stays.
fn write_all(data_dir: &Path, files: Vec<(PathBuf, String)>) -> Result<Vec<PathBuf>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    check_tables_load(&files)?;
    let mut written = Vec::new();
    for (target, text) in files {
        let folder = target.parent().unwrap_or(data_dir);
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        let real = target.canonicalize().unwrap_or_else(|_| target.clone());
        crate::publish::write_atomic(&real, text.as_bytes()).map_err(|e| Error::io(&target, e))?;
        written.push(target);
    }
    Ok(written)
}

/// Loads every planned table (with the sidecar planned beside it) with the data loader.
fn check_tables_load(files: &[(PathBuf, String)]) -> Result<()> {
    let scratch =
        tempfile::Builder::new().prefix("irsite-import-").tempdir().map_err(|e| Error::io(&std::env::temp_dir(), e))?;
    for (target, text) in files {
        let name = target.file_name().expect("files have names");
        if target.extension().is_some_and(|e| e == "csv" || e == "toml") {
            let path = scratch.path().join(name);
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
    }
    for (target, _) in files.iter().filter(|(t, _)| t.extension().is_some_and(|e| e == "csv")) {
        let path = scratch.path().join(target.file_name().expect("files have names"));
        crate::data::load_table(scratch.path(), &path, &crate::model::Units::built_in()).map_err(|e| {
            Error::input(
                Stage::Data,
                Location::file(target),
                format!("the imported table would not load, nothing was written: {e}"),
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(column: &str, period: &str, value: &str, forecast: bool) -> Cell {
        Cell {
            table: "results".into(),
            column: column.into(),
            unit: "million_yen",
            label: Label { key: format!("tdnet-{column}"), ja: "売上高".into(), en: "Net sales".into() },
            period: period.into(),
            forecast,
            value: value.into(),
            element: "tse-ed-t:NetSales".into(),
            context: if forecast {
                "NextYearDuration_ConsolidatedMember_ForecastMember"
            } else {
                "CurrentYearDuration_ConsolidatedMember_ResultMember"
            }
            .into(),
            line: 7,
            order: 0,
        }
    }

    fn filing(id: &str, date: &str) -> FilingRecord {
        FilingRecord {
            id: id.into(),
            document: "決算短信〔日本基準〕（連結）".into(),
            file: format!("{id}.xbrl"),
            filing_date: date.into(),
            securities_code: "3645".into(),
        }
    }

    fn csv(ws: &Workspace) -> String {
        ws.tables["results"].csv_text().unwrap()
    }

    fn status(ws: &Workspace, row: &str) -> Option<String> {
        ws.tables["results"].sidecar.get("status")?.get(row)?.as_str().map(str::to_string)
    }

    #[test]
    fn merging_the_same_filing_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::new(dir.path(), dir.path());
        let a = filing("a", "2021-07-14");
        let cells = [cell("net_sales", "FY2021", "3330", false), cell("net_sales", "FY2022", "4000", true)];
        let first = ws.merge(&a, &cells, false).unwrap();
        assert_eq!((first.added, first.unchanged), (2, 0));
        let before = (csv(&ws), ws.tables["results"].sidecar.to_string());
        let again = ws.merge(&a, &cells, false).unwrap();
        assert_eq!((again.added, again.unchanged, again.replaced), (0, 2, 0));
        assert_eq!((csv(&ws), ws.tables["results"].sidecar.to_string()), before);
        assert_eq!(csv(&ws), "period,net_sales\nFY2021,3330\nFY2022,4000\n");
        assert_eq!(status(&ws, "FY2022").as_deref(), Some("forecast"));
        assert_eq!(status(&ws, "FY2021"), None);
        let sidecar = ws.tables["results"].sidecar.to_string();
        assert!(sidecar.contains("[filings.a]") && sidecar.contains("filing_date = \"2021-07-14\""), "{sidecar}");
        assert!(sidecar.contains("element = \"tse-ed-t:NetSales\""), "{sidecar}");
    }

    #[test]
    fn a_value_typed_by_hand_that_differs_is_a_conflict_unless_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("results.csv"), "period,net_sales\nFY2020,2917\nFY2021,3300\n").unwrap();
        std::fs::write(
            dir.path().join("results.toml"),
            "# figures from the deck\n[columns.net_sales]\nunit = \"million_yen\"\nlabel = \"my-sales\"\n",
        )
        .unwrap();
        let mut ws = Workspace::new(dir.path(), dir.path());
        let a = filing("a", "2021-07-14");
        let err = ws.merge(&a, &[cell("net_sales", "FY2021", "3330", false)], false).unwrap_err().to_string();
        assert!(err.contains("results.csv:3"), "{err}");
        assert!(
            err.contains("3300") && err.contains("3330") && err.contains("a.xbrl") && err.contains("tse-ed-t:NetSales"),
            "{err}"
        );
        let mut ws = Workspace::new(dir.path(), dir.path());
        let report = ws
            .merge(
                &a,
                &[cell("net_sales", "FY2021", "3330", false), cell("net_sales", "FY2020", "2917.0", false)],
                true,
            )
            .unwrap();
        assert_eq!((report.replaced, report.unchanged), (1, 1));
        assert_eq!(csv(&ws), "period,net_sales\nFY2020,2917\nFY2021,3330\n");
        // The author's comment and label stay.
        let sidecar = ws.tables["results"].sidecar.to_string();
        assert!(
            sidecar.starts_with("# figures from the deck") && sidecar.contains("label = \"my-sales\""),
            "{sidecar}"
        );
        // A column of another unit is refused.
        let mut odd = cell("net_sales", "FY2021", "33.3", false);
        odd.unit = "oku_yen";
        let err = Workspace::new(dir.path(), dir.path()).merge(&a, &[odd], false).unwrap_err().to_string();
        assert!(err.contains("is in million_yen"), "{err}");
    }

    #[test]
    fn results_and_later_forecasts_replace_forecasts() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::new(dir.path(), dir.path());
        let q1 = filing("q1", "2021-09-10");
        ws.merge(
            &q1,
            &[cell("net_sales", "FY2021", "9600", true), cell("net_sales_lower", "FY2021", "9400", true)],
            false,
        )
        .unwrap();
        assert_eq!(status(&ws, "FY2021").as_deref(), Some("forecast"));
        // A revised forecast of a later quarter replaces it.
        let q2 = filing("q2", "2021-12-10");
        let revised = ws.merge(&q2, &[cell("net_sales", "FY2021", "9800", true)], false).unwrap();
        assert_eq!(revised.replaced, 1);
        // The year's result replaces the forecast and clears the old range; the row is actual.
        let fy = filing("fy", "2022-06-10");
        let result = ws.merge(&fy, &[cell("net_sales", "FY2021", "9750", false)], false).unwrap();
        assert_eq!(result.replaced, 1);
        assert_eq!(csv(&ws), "period,net_sales,net_sales_lower\nFY2021,9750,\n");
        assert_eq!(status(&ws, "FY2021"), None);
        assert!(ws.tables["results"].provenance("FY2021", "net_sales_lower").is_none());
        // An earlier filing's forecast, imported afterwards, leaves the result alone.
        let kept = ws.merge(&q1, &[cell("net_sales", "FY2021", "9600", true)], false).unwrap();
        assert_eq!((kept.kept, kept.replaced), (1, 0));
        assert_eq!(csv(&ws), "period,net_sales,net_sales_lower\nFY2021,9750,\n");
    }

    #[test]
    fn a_category_table_of_the_same_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("results.csv"), "category,share\nfinance,10\n").unwrap();
        let err = Workspace::new(dir.path(), dir.path())
            .merge(&filing("a", "2021-07-14"), &[cell("net_sales", "FY2021", "1", false)], false)
            .unwrap_err();
        assert!(err.to_string().contains("not `period`"), "{err}");
    }

    #[test]
    fn periods_sort_in_time_order() {
        let mut ids = vec!["FY2021", "FY2021Q3YTD", "FY2020", "FY2021Q1", "FY2021Q2YTD", "FY2021Q2", "FY2021H2"];
        ids.sort_by_key(|id| period_order(id));
        assert_eq!(ids, ["FY2020", "FY2021Q1", "FY2021Q2", "FY2021Q2YTD", "FY2021Q3YTD", "FY2021H2", "FY2021"]);
        assert_eq!(period_order("latest"), None);
    }
}
