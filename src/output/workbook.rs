//! The financial-data workbook: one XLSX per language holding every data table of the site,
//! one sheet each. Values are numbers with a number format (never text, never formulas), the
//! header names each series with its unit, periods carry their forecast or plan marker, and
//! note rows give the source and as-of date. Every piece of text is written as a string, so a
//! label that begins with `=`, `+`, `-` or `@` can never become a formula.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::build_date::BuildDate;
use crate::data::{Data, RowKind, Status, Table};
use crate::format::{as_of_label, date_label};
use crate::lang::Lang;
use crate::model::units::Kind;
use crate::model::{FiscalYear, Period};

/// Interface text in the workbook's language, by Fluent key.
pub type Text<'a> = dyn Fn(&str) -> Result<String, String> + 'a;

/// Where the workbook of `lang` is written, from the output root (beside the chart CSVs).
pub fn workbook_path(lang: Lang) -> String {
    format!("{}/data/financial-data.xlsx", lang.code())
}

/// Excel's limit on sheet names.
const SHEET_NAME_MAX: usize = 31;

/// The workbook of `lang`, as the bytes of an .xlsx file. `title` is the site's title; the
/// build date dates the document, so the same sources give the same file.
pub fn xlsx(
    data: &Data,
    calendar: &FiscalYear,
    lang: Lang,
    text: &Text,
    title: &str,
    today: BuildDate,
) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(today.start_utc().timestamp()).map_err(|e| e.to_string())?;
    workbook.set_properties(
        &DocProperties::new().set_title(title).set_subject(text("workbook-title")?).set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let mut names: Vec<String> = Vec::new();
    for table in data.tables.values() {
        let name = sheet_name(&table.name, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).map_err(|e| format!("sheet `{name}`: {e}"))?;
        write_table(sheet, data, table, calendar, lang, text, today, &styles).map_err(|e| match e {
            SheetError::Text(m) => m,
            SheetError::Xlsx(e) => format!("table `{}`: {e}", table.name),
        })?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

struct Styles {
    title: Format,
    header: Format,
    note: Format,
    /// Number formats by decimals: `#,##0`, `#,##0.0`, …
    numbers: Vec<Format>,
    signed: Vec<Format>,
}

impl Styles {
    fn new() -> Styles {
        let decimals = |d: usize| if d == 0 { String::new() } else { format!(".{}", "0".repeat(d)) };
        Styles {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new().set_bold().set_text_wrap(),
            note: Format::new().set_italic(),
            numbers: (0..=6).map(|d| Format::new().set_num_format(format!("#,##0{}", decimals(d)))).collect(),
            signed: (0..=6)
                .map(|d| {
                    let body = format!("#,##0{}", decimals(d));
                    Format::new().set_num_format(format!("+{body};-{body};{body}"))
                })
                .collect(),
        }
    }

    fn number(&self, decimals: u8, signed: bool) -> &Format {
        let list = if signed { &self.signed } else { &self.numbers };
        &list[usize::from(decimals).min(list.len() - 1)]
    }
}

enum SheetError {
    Text(String),
    Xlsx(XlsxError),
}

impl From<String> for SheetError {
    fn from(m: String) -> SheetError {
        SheetError::Text(m)
    }
}

impl From<XlsxError> for SheetError {
    fn from(e: XlsxError) -> SheetError {
        SheetError::Xlsx(e)
    }
}

fn write_table(
    sheet: &mut Worksheet,
    data: &Data,
    table: &Table,
    calendar: &FiscalYear,
    lang: Lang,
    text: &Text,
    today: BuildDate,
    styles: &Styles,
) -> Result<(), SheetError> {
    // The sheet's title: the first chart drawn from the table, else the table's file name.
    let heading = match data.charts.values().find(|c| c.data == table.name) {
        Some(chart) => text(&chart.title)?,
        None => table.name.clone(),
    };
    sheet.write_string_with_format(0, 0, &heading, &styles.title)?;
    let header_row = 2;
    let corner = text(if table.kind == RowKind::Period { "table-period" } else { "table-category" })?;
    sheet.write_string_with_format(header_row, 0, &corner, &styles.header)?;
    sheet.set_column_width(0, 24)?;
    for (i, column) in table.columns.iter().enumerate() {
        let name = text(&column.label)?;
        let caption = column.unit.axis_caption(lang);
        let header = if caption.is_empty() { name } else { format!("{name} ({caption})") };
        let col = (i + 1) as u16;
        sheet.write_string_with_format(header_row, col, &header, &styles.header)?;
        sheet.set_column_width(col, 16)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let excel_row = header_row + 1 + r as u32;
        let label = match table.kind {
            RowKind::Period => {
                calendar.label(&Period::parse(&row.id).map_err(|e| format!("`{}` is not a period", e.0))?, lang)
            }
            RowKind::Category => match table.categories.get(&row.id) {
                Some(key) => text(key)?,
                None => row.id.clone(),
            },
        };
        let label = match status_word(table.status(&row.id), text)? {
            Some(word) => format!("{label} ({word})"),
            None => label,
        };
        sheet.write_string(excel_row, 0, &label)?;
        for (c, column) in table.columns.iter().enumerate() {
            if let Some(n) = column.values[r] {
                let signed = matches!(column.unit.kind(), Kind::PctChange);
                sheet.write_number_with_format(
                    excel_row,
                    (c + 1) as u16,
                    n.value(),
                    styles.number(n.decimals(), signed),
                )?;
            }
        }
    }
    let mut note_row = header_row + 2 + table.rows.len() as u32;
    let mut notes: Vec<(String, String)> = Vec::new();
    if let Some(source) = &table.source {
        // `%source%`: the sidecar's source as written; a site words it (`slide %source%`)
        notes.push((text("workbook-source")?, text("workbook-source-text")?.replacen("%source%", source, 1)));
    }
    if let Some(as_of) = &table.as_of {
        notes.push((text("workbook-as-of")?, as_of_label(as_of, lang).map_err(|e| e.to_string())?));
    }
    if let Some(note) = &table.note {
        notes.push((text("workbook-note")?, text(note)?));
    }
    notes.push((text("workbook-built")?, date_label(&today.iso(), lang).map_err(|e| e.to_string())?));
    for (label, value) in notes {
        sheet.write_string_with_format(note_row, 0, &label, &styles.note)?;
        sheet.write_string(note_row, 1, &value)?;
        note_row += 1;
    }
    sheet.set_freeze_panes(header_row + 1, 1)?;
    Ok(())
}

fn status_word(status: Status, text: &Text) -> Result<Option<String>, String> {
    let key = match status {
        Status::Actual => return Ok(None),
        Status::Forecast => "chart-status-forecast",
        Status::Plan => "chart-status-plan",
        Status::Target => "chart-status-target",
    };
    text(key).map(Some)
}

/// A valid, unique sheet name from a table name: Excel forbids `[ ] : * ? / \` and more than
/// 31 characters, and compares names without regard to case.
fn sheet_name(table: &str, taken: &[String]) -> String {
    let clean: String = table.chars().map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c }).collect();
    let base: String = clean.chars().take(SHEET_NAME_MAX).collect();
    let is_taken = |name: &str| taken.iter().any(|t| t.eq_ignore_ascii_case(name));
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("~{n}");
            let keep = SHEET_NAME_MAX - suffix.len();
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|name| !is_taken(name))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_unique_and_legal() {
        let long = "a-very-long-table-name-that-goes-past-the-limit";
        let first = sheet_name(long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, std::slice::from_ref(&first));
        assert_ne!(first, second);
        assert!(second.chars().count() <= 31);
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
    }
}
