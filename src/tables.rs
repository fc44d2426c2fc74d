//! The `table` shortcode: a multi-period table from one data table, such as the "financial
//! highlights" of an IR page: the table's columns (revenue, operating income, …) as rows
//! labelled from the sidecar, its periods as columns named by the site's fiscal calendar.
//! `transpose=true` turns it round (periods, or categories, as rows).
//!
//! Cells are written by the same functions as `fig` ([`format::figure`]), with the same
//! display unit and precision, so a cell and a `fig` of the same value read the same. The
//! view built here is rendered by the theme's `partials/table.html`.

use serde::Serialize;

use crate::chart::single_line;
use crate::data::{Data, RowKind, Status, Table};
use crate::figures::{display_unit, FigureUse};
use crate::format::{self, FigureOptions, Number};
use crate::lang::Lang;
use crate::model::period::latest_offset;
use crate::model::{Period, Unit};
use crate::shortcode::Shortcode;

pub const TABLE_ARGS: &[&str] = &[
    "data",
    "caption",
    "columns",
    "periods",
    "categories",
    "from",
    "to",
    "last",
    "transpose",
    "units",
    "unit",
    "unit_ja",
    "unit_en",
    "precision",
];

/// Most cells one table may hold: a table is read by people, and more is a mistake (a
/// category table of thousands of rows shown whole), not a report.
pub const MAX_TABLE_CELLS: usize = 2_000;

/// Why a `table` shortcode cannot be shown. Each names what is wrong; [`TableError::hint`]
/// says how to put it right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("`table` needs {0}")]
    Missing(&'static str),
    #[error("{0}")]
    Argument(String),
    #[error("unknown data table `{name}`")]
    UnknownTable { name: String, known: Vec<String> },
    #[error("table `{table}` has no column `{column}`")]
    UnknownColumn { table: String, column: String, known: Vec<String> },
    #[error("column `{0}` is listed twice")]
    ColumnTwice(String),
    #[error("{message}")]
    UnknownRow { message: String, table: String, known: Vec<String> },
    #[error("`{0}` is listed twice")]
    RowTwice(String),
    #[error("`{given}` is not a period id")]
    BadPeriod { given: String },
    #[error("table `{table}` has {kind}: use {wanted}=[…]")]
    WrongRowKind { table: String, kind: &'static str, wanted: &'static str },
    #[error("the table would have {0} cells, more than {MAX_TABLE_CELLS}")]
    TooLarge(usize),
    #[error("{0}")]
    Unit(String),
    #[error("translation: {0}")]
    Text(String),
}

impl TableError {
    pub fn hint(&self) -> String {
        let list = |items: &[String]| items.join(", ");
        match self {
            TableError::Missing(_) => {
                "e.g. {{ table(data=\"results\", caption=\"Results\", columns=[\"revenue\"], last=3) }}".into()
            }
            TableError::Argument(_) => format!("arguments of `table`: {}", TABLE_ARGS.join(", ")),
            TableError::UnknownTable { known, .. } => format!("data tables in content/data/: {}", list(known)),
            TableError::UnknownColumn { known, .. } => format!("columns: {}", list(known)),
            TableError::ColumnTwice(_) | TableError::RowTwice(_) => "list each one once".into(),
            TableError::UnknownRow { table, known, .. } => format!("rows of `{table}`: {}", list(known)),
            TableError::BadPeriod { .. } => {
                "periods look like FY2023, FY2023Q1, FY2023H1, FY2023Q3YTD, or latest / latest-1".into()
            }
            TableError::WrongRowKind { .. } => {
                "periods=, from=, to= and last= pick periods; categories= picks categories".into()
            }
            TableError::TooLarge(_) => "pick fewer columns or periods, e.g. last=5".into(),
            TableError::Unit(_) => {
                "unit= applies to the money columns: yen, thousand_yen, million_yen, oku_yen, billion_yen".into()
            }
            TableError::Text(_) => "define the key in locales/ja/ and locales/en/".into(),
        }
    }
}

/// A header cell: a period, a category or a column of the data.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    pub label: String,
    /// The label in the pieces a line may break between (`2023年` `12月期`); the theme keeps a
    /// period's label from breaking elsewhere.
    pub parts: Vec<String>,
    pub period: bool,
    /// `forecast`, `plan` or `target` for a period that is not an actual.
    pub status: Option<&'static str>,
    /// Its word (ja `予想`, en `Forecast`).
    pub status_label: Option<String>,
    /// The unit caption when units are shown in the header (ja `億円`, en `¥100 million`).
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The figure as `fig` writes it (or without its unit, under a header naming it); empty
    /// where the data states no value.
    pub text: String,
    /// The value as stored, for readers that take the number (`data-value`).
    pub value: Option<String>,
    pub negative: bool,
    pub status: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub header: HeaderView,
    pub cells: Vec<CellView>,
}

/// What `partials/table.html` renders.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub caption: String,
    /// What the row headers are: `item` (the data's columns), `period` or `category`.
    pub corner: &'static str,
    pub transposed: bool,
    pub head: Vec<HeaderView>,
    pub rows: Vec<RowView>,
}

/// A table with the figures it shows, for the figures audit.
pub struct Rendered {
    pub view: TableView,
    /// (figure id, row, text) of every cell with a value.
    pub figures: Vec<(String, String, String)>,
}

impl Rendered {
    /// The cells as uses of their figures, at the shortcode's place.
    pub fn uses(&self, lang: Lang, page: &str, line: usize) -> Vec<FigureUse> {
        self.figures
            .iter()
            .map(|(id, row, text)| FigureUse {
                id: id.clone(),
                row: Some(row.clone()),
                lang,
                page: page.to_string(),
                line,
                text: text.clone(),
            })
            .collect()
    }
}

/// Where the units are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitPlace {
    /// In every cell, as `fig` writes the figure (ja `2,263億円`).
    Cells,
    /// Once in the header of each column of the data (ja `売上高（億円）`), the cells bare.
    Header,
}

/// A row of the data that the table shows.
struct Slot<'a> {
    index: usize,
    id: &'a str,
    header: HeaderView,
}

/// A column of the data that the table shows, with how its cells are written.
struct Series<'a> {
    id: &'a str,
    label: String,
    unit: &'a Unit,
    options: FigureOptions,
    values: &'a [Option<Number>],
}

fn arg<T>(value: Result<T, String>) -> Result<T, TableError> {
    value.map_err(TableError::Argument)
}

/// Resolves a `table` shortcode into the view the theme renders. `text` reads the site's and
/// theme's strings in the page's language.
pub fn build(
    data: &Data,
    code: &Shortcode,
    lang: Lang,
    text: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Rendered, TableError> {
    arg(code.check_args(TABLE_ARGS))?;
    let name = arg(code.str_arg("data"))?.ok_or(TableError::Missing("data=\"…\", the name of a data table"))?;
    let caption = arg(code.str_arg("caption"))?
        .filter(|c| !c.trim().is_empty())
        .ok_or(TableError::Missing("caption=\"…\", the table's title, shown above it and read out first"))?;
    let table = data.tables.get(name).ok_or_else(|| TableError::UnknownTable {
        name: name.to_string(),
        known: data.tables.keys().cloned().collect(),
    })?;
    let transposed = arg(code.bool_arg("transpose"))?.unwrap_or(false);
    let place = match arg(code.str_arg("units"))? {
        None | Some("cells") => UnitPlace::Cells,
        Some("header") => UnitPlace::Header,
        Some(other) => {
            return Err(TableError::Argument(format!(
                "units=\"{other}\" is not a choice: give \"cells\" or \"header\""
            )))
        }
    };
    let text = |key: &str| text(key).map_err(TableError::Text);
    let slots = rows(table, code, data, lang, &text)?;
    let series = columns(table, code, data, lang, &text)?;
    let cells = slots.len() * series.len();
    if cells > MAX_TABLE_CELLS {
        return Err(TableError::TooLarge(cells));
    }
    let mut figures = Vec::new();
    let mut grid: Vec<Vec<CellView>> = Vec::with_capacity(series.len());
    for s in &series {
        let mut line = Vec::with_capacity(slots.len());
        for slot in &slots {
            let status = slot.header.status;
            let Some(n) = s.values[slot.index] else {
                line.push(CellView { text: String::new(), value: None, negative: false, status });
                continue;
            };
            let written = match place {
                UnitPlace::Cells => format::figure(n, s.unit, lang, &s.options),
                UnitPlace::Header => format::figure_number(n, s.unit, lang, &s.options),
            };
            let written = written.map_err(|e| TableError::Unit(format!("column `{}`: {e}", s.id)))?;
            figures.push((format!("{}.{}", table.name, s.id), slot.id.to_string(), written.clone()));
            line.push(CellView { text: written, value: Some(n.to_string()), negative: n.is_negative(), status });
        }
        grid.push(line);
    }
    let series_headers: Vec<HeaderView> = series
        .iter()
        .map(|s| {
            let unit = match place {
                UnitPlace::Header => {
                    let (shown, _) = format::shown_unit(s.unit, s.options.display.as_ref(), lang)
                        .map_err(|e| TableError::Unit(e.to_string()))?;
                    Some(shown.axis_caption(lang).to_string()).filter(|c| !c.is_empty())
                }
                UnitPlace::Cells => None,
            };
            Ok(HeaderView {
                label: s.label.clone(),
                parts: vec![s.label.clone()],
                period: false,
                status: None,
                status_label: None,
                unit,
            })
        })
        .collect::<Result<_, TableError>>()?;
    let corner = match (transposed, table.kind) {
        (false, _) => "item",
        (true, RowKind::Period) => "period",
        (true, RowKind::Category) => "category",
    };
    let (head, rows) = if transposed {
        let rows = slots
            .into_iter()
            .enumerate()
            .map(|(i, slot)| RowView { header: slot.header, cells: grid.iter().map(|line| line[i].clone()).collect() })
            .collect();
        (series_headers, rows)
    } else {
        let rows = series_headers.into_iter().zip(grid).map(|(header, cells)| RowView { header, cells }).collect();
        (slots.into_iter().map(|s| s.header).collect(), rows)
    };
    Ok(Rendered { view: TableView { caption: caption.to_string(), corner, transposed, head, rows }, figures })
}

/// The rows of the data the table shows, in order, with their headers.
fn rows<'a>(
    table: &'a Table,
    code: &Shortcode,
    data: &Data,
    lang: Lang,
    text: &dyn Fn(&str) -> Result<String, TableError>,
) -> Result<Vec<Slot<'a>>, TableError> {
    let periods = arg(code.list_arg("periods"))?;
    let categories = arg(code.list_arg("categories"))?;
    let from = arg(code.str_arg("from"))?;
    let to = arg(code.str_arg("to"))?;
    let last = arg(code.int_arg("last"))?;
    let chosen = [periods.is_some(), categories.is_some(), from.is_some() || to.is_some(), last.is_some()];
    if chosen.iter().filter(|c| **c).count() > 1 {
        return Err(TableError::Argument(
            "give one of periods=[…], categories=[…], from=/to= and last=, not several".into(),
        ));
    }
    let wants_periods = periods.is_some() || from.is_some() || to.is_some() || last.is_some();
    match table.kind {
        RowKind::Category if wants_periods => {
            return Err(TableError::WrongRowKind {
                table: table.name.clone(),
                kind: "categories",
                wanted: "categories",
            })
        }
        RowKind::Period if categories.is_some() => {
            return Err(TableError::WrongRowKind { table: table.name.clone(), kind: "periods", wanted: "periods" })
        }
        _ => {}
    }
    let known = || table.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    // A row id or `latest-N`, as a row of the table.
    let resolve = |given: &str| -> Result<usize, TableError> {
        if table.kind == RowKind::Period && latest_offset(given).is_none() && Period::parse(given).is_err() {
            return Err(TableError::BadPeriod { given: given.to_string() });
        }
        let id = table.resolve_row(given).map_err(|message| TableError::UnknownRow {
            message,
            table: table.name.clone(),
            known: known(),
        })?;
        Ok(table.row_index(id).expect("a resolved row is a row"))
    };
    let in_time_order = || {
        let mut order: Vec<(Period, usize)> =
            table.rows.iter().enumerate().filter_map(|(i, r)| Period::parse(&r.id).ok().map(|p| (p, i))).collect();
        order.sort();
        order
    };
    let indices: Vec<usize> = if let Some(list) = periods.or(categories) {
        if list.is_empty() {
            return Err(TableError::Argument("the list of rows is empty".into()));
        }
        let mut picked = Vec::with_capacity(list.len());
        for given in list {
            let index = resolve(given)?;
            if picked.contains(&index) {
                return Err(TableError::RowTwice(table.rows[index].id.clone()));
            }
            picked.push(index);
        }
        picked
    } else if let Some(n) = last {
        if !(1..=100).contains(&n) {
            return Err(TableError::Argument(format!("last={n} is out of range 1–100")));
        }
        // Errors as for `latest`: a category table, or no actual period.
        resolve("latest")?;
        let actual = table.actual_periods_like_latest();
        let n = n as usize;
        if n > actual.len() {
            return Err(TableError::UnknownRow {
                message: format!(
                    "last={n}, but table `{}` has {} actual periods like the latest",
                    table.name,
                    actual.len()
                ),
                table: table.name.clone(),
                known: known(),
            });
        }
        actual[actual.len() - n..].iter().map(|&(_, i)| i).collect()
    } else if from.is_some() || to.is_some() {
        let bound = |given: Option<&str>| -> Result<Option<Period>, TableError> {
            given.map(|g| resolve(g).map(|i| Period::parse(&table.rows[i].id).expect("a period row"))).transpose()
        };
        let (start, end) = (bound(from)?, bound(to)?);
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(TableError::Argument(format!("from=\"{s}\" comes after to=\"{e}\"")));
            }
        }
        in_time_order()
            .into_iter()
            .filter(|(p, _)| start.is_none_or(|s| *p >= s) && end.is_none_or(|e| *p <= e))
            .map(|(_, i)| i)
            .collect()
    } else {
        (0..table.rows.len()).collect()
    };
    indices
        .into_iter()
        .map(|index| {
            let row = &table.rows[index];
            let header = match table.kind {
                RowKind::Period => {
                    let period = Period::parse(&row.id).expect("a period table's rows are periods");
                    let status = table.status(&row.id);
                    let status_label = match status {
                        Status::Actual => None,
                        other => Some(text(&format!("chart-status-{}", other.id()))?),
                    };
                    let label = data.calendar.label(&period, lang);
                    HeaderView {
                        parts: year_month_parts(&label),
                        label,
                        period: true,
                        status: (status != Status::Actual).then(|| status.id()),
                        status_label,
                        unit: None,
                    }
                }
                RowKind::Category => {
                    let key = table.categories.get(&row.id).expect("every category has a label (checked on load)");
                    let label = single_line(text(key)?);
                    HeaderView {
                        parts: vec![label.clone()],
                        label,
                        period: false,
                        status: None,
                        status_label: None,
                        unit: None,
                    }
                }
            };
            Ok(Slot { index, id: &row.id, header })
        })
        .collect()
}

/// The columns of the data the table shows, in order, with their labels and display units.
fn columns<'a>(
    table: &'a Table,
    code: &Shortcode,
    data: &Data,
    lang: Lang,
    text: &dyn Fn(&str) -> Result<String, TableError>,
) -> Result<Vec<Series<'a>>, TableError> {
    let wanted: Vec<&str> = match arg(code.list_arg("columns"))? {
        Some([]) => return Err(TableError::Argument("columns=[] is empty".into())),
        Some(list) => list.iter().map(String::as_str).collect(),
        None => table.columns.iter().map(|c| c.id.as_str()).collect(),
    };
    let precision = match arg(code.int_arg("precision"))? {
        None => None,
        Some(p) if (0..=6).contains(&p) => Some(p as u8),
        Some(p) => return Err(TableError::Argument(format!("precision {p} is out of range 0–6"))),
    };
    let mut series: Vec<Series> = Vec::with_capacity(wanted.len());
    for id in wanted {
        let column = table.column(id).ok_or_else(|| TableError::UnknownColumn {
            table: table.name.clone(),
            column: id.to_string(),
            known: table.columns.iter().map(|c| c.id.clone()).collect(),
        })?;
        if series.iter().any(|s| s.id == id) {
            return Err(TableError::ColumnTwice(id.to_string()));
        }
        // unit= and precision= are for amounts of money: a rate or a count beside them keeps
        // its own unit and digits.
        let money = column.unit.money().is_some();
        let display =
            if money { display_unit(data, code, &column.unit, lang).map_err(TableError::Unit)? } else { None };
        series.push(Series {
            id: &column.id,
            label: single_line(text(&column.label)?),
            unit: &column.unit,
            options: FigureOptions { display, precision: if money { precision } else { None } },
            values: &column.values,
        });
    }
    let asks_unit = ["unit", "unit_ja", "unit_en", "precision"].iter().any(|k| code.args.contains_key(*k));
    if asks_unit && !series.iter().any(|s| s.unit.money().is_some()) {
        return Err(TableError::Unit("unit= and precision= apply to money columns, and this table shows none".into()));
    }
    Ok(series)
}

/// A period label cut after each `年` that a month follows (`2023年12月期` → `2023年`, `12月期`):
/// the one place inside a Japanese period label where a narrow column may break it, besides
/// its spaces.
fn year_month_parts(label: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in label.char_indices() {
        let next = at + c.len_utf8();
        if c == '年' && label[next..].starts_with(|d: char| d.is_ascii_digit()) {
            parts.push(label[start..next].to_string());
            start = next;
        }
    }
    parts.push(label[start..].to_string());
    parts
}

#[cfg(test)]
mod tests {
    use super::year_month_parts;

    #[test]
    fn period_labels_break_between_year_and_month_only() {
        assert_eq!(year_month_parts("2023年12月期"), ["2023年", "12月期"]);
        assert_eq!(year_month_parts("2023年12月期 第2四半期累計"), ["2023年", "12月期 第2四半期累計"]);
        assert_eq!(year_month_parts("2021年度"), ["2021年度"]);
        assert_eq!(year_month_parts("FY2021"), ["FY2021"]);
    }
}
