//! Charts: a data table and a CSV download per chart and language.

use crate::data::{ChartSpec, RowKind, Table};
use crate::format::{self, FigureOptions};
use crate::lang::Lang;

pub struct ChartOutput {
    /// The `<figure>` block placed where the shortcode stood.
    pub html: String,
    /// Extra files, as (path from the output root, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

pub type Text<'a> = dyn Fn(&str) -> Result<String, String> + 'a;

pub fn render(spec: &ChartSpec, table: &Table, lang: Lang, text: &Text, root: &str) -> Result<ChartOutput, String> {
    let title = text(&spec.title)?;
    let columns: Vec<&str> = spec.series.iter().chain(spec.line.iter()).chain(spec.total.iter()).map(String::as_str).collect();
    let row_labels = row_labels(table, lang, text)?;
    let mut html = String::new();
    html.push_str(&format!("<figure class=\"chart\" id=\"chart-{}\">\n<figcaption>{}</figcaption>\n", spec.id, escape(&title)));
    html.push_str("<table class=\"data-table\">\n<thead><tr><th scope=\"col\"></th>");
    let mut csv = String::new();
    csv.push_str(&csv_field(&text(if table.kind == RowKind::Period { "table-period" } else { "table-category" })?));
    for id in &columns {
        let column = table.column(id).ok_or_else(|| format!("missing series `{id}`"))?;
        let label = text(&column.label)?;
        html.push_str(&format!("<th scope=\"col\">{}</th>", escape(&label)));
        csv.push(',');
        csv.push_str(&csv_field(&format!("{label} ({})", column.unit.axis_caption(lang))));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    csv.push('\n');
    for (i, label) in row_labels.iter().enumerate() {
        html.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(label)));
        csv.push_str(&csv_field(label));
        for id in &columns {
            let column = table.column(id).expect("checked above");
            csv.push(',');
            match column.values[i] {
                Some(n) => {
                    let shown = format::figure(n, column.unit, lang, &FigureOptions::default()).map_err(|e| e.to_string())?;
                    html.push_str(&format!("<td>{}</td>", escape(&shown)));
                    csv.push_str(&n.to_string());
                }
                None => html.push_str("<td>–</td>"),
            }
        }
        html.push_str("</tr>\n");
        csv.push('\n');
    }
    html.push_str("</tbody>\n</table>\n");
    let csv_path = format!("{}/data/{}.csv", lang.code(), spec.id);
    html.push_str(&format!("<p class=\"chart-download\"><a href=\"{root}{csv_path}\" download>{}</a></p>\n", escape(&text("chart-download-csv")?)));
    if let Some(note) = &spec.note {
        html.push_str(&format!("<p class=\"chart-note\">{}</p>\n", escape(&text(note)?)));
    }
    html.push_str("</figure>\n");
    // A byte-order mark lets spreadsheet software open the Japanese CSV as UTF-8.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(csv.as_bytes());
    Ok(ChartOutput { html, files: vec![(csv_path, bytes)] })
}

fn row_labels(table: &Table, lang: Lang, text: &Text) -> Result<Vec<String>, String> {
    table
        .rows
        .iter()
        .map(|row| match table.kind {
            RowKind::Period => format::period_label(&row.id, lang).map_err(|e| e.to_string()),
            RowKind::Category => text(&table.categories[&row.id]),
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
