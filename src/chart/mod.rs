//! Charts: the SVG chart, a data table and a CSV download per chart and language.
//!
//! A chart is a kind (stacked bar, grouped bar, bar + line, donut, line), series from one
//! table and the table's rows as periods or categories ([`Model`]). Layouts place shapes and
//! labels with fonts measured from a built-in table ([`metrics`]), so the result is the same
//! on every machine; plotters draws them into SVG ([`canvas`]).
//!
//! The SVG is inlined in the page's `<figure>` rather than written as a file: screen readers
//! read its `<title>` and `<desc>` in the page, it inherits the page's text settings and CSS,
//! and it costs no extra request.

mod canvas;
mod cartesian;
mod donut;
pub mod metrics;
mod metrics_table;
pub mod style;

/// Height of the band above a bar chart's plot for the labels of its highest bars.
pub use cartesian::LABEL_BAND;

use crate::data::{ChartKind, ChartSpec, Column, Data, RowKind, Status, UnitChoice};
use crate::format::{self, FigureOptions, Number};
use crate::lang::Lang;
use crate::model::{Period, Unit};
use crate::render::escape_html;

pub struct ChartOutput {
    /// The `<figure>` block placed where the shortcode stood.
    pub html: String,
    /// Extra files, as (path from the output root, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// The chart's `<svg>` element (also part of `html`).
    pub svg: String,
}

pub type Text<'a> = dyn Fn(&str) -> Result<String, String> + 'a;

/// Width of the SVG coordinate system. The chart scales to the width of its container, up to
/// the `max-width` of `.chart svg` in the theme's site.css (28rem, 448 px). On a 390 px phone
/// the chart is about 348 px wide, so labels of [`MIN_FONT`] units and more are 11 px or more;
/// on a desktop they are 1.24 times their size in units (13 units: 16 px).
pub const WIDTH: i32 = 360;
/// The smallest text size of a chart, in SVG units.
pub const MIN_FONT: f64 = 12.0;

/// One series of a chart, resolved for a language.
pub struct Series {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    pub values: Vec<Option<Number>>,
    pub color: String,
    /// Position in the chart's series order: colour and pattern.
    pub index: usize,
}

/// One row of the table: a period or a category.
pub struct Slot {
    pub id: String,
    /// Axis label (ja `21年度`, `1Q`; a category's name).
    pub label: String,
    /// A period's axis label broken in two for a narrow slot (ja `21` / `年度`, `23/12` / `期`),
    /// or the label alone where it does not break.
    pub narrow: Vec<String>,
    /// Quarters: the fiscal year, shown once under its quarters.
    pub group: Option<String>,
    /// Full label, as in the data table (ja `2021年度 第1四半期`).
    pub full: String,
    pub status: Status,
}

/// Interface words of charts (locales/*/chart-ui.ftl). Templates hold `%name%` slots.
pub struct Words {
    pub axis_unit: String,
    pub axis_right: String,
    pub legend_status: String,
    pub list_sep: String,
    pub status_sep: String,
    /// The line under a chart some of whose values have no label.
    pub unlabelled: String,
    status: [String; 3],
    desc: String,
    desc_no_range: String,
    desc_range: String,
    desc_change: String,
    desc_value: String,
    desc_share: String,
    desc_status_value: String,
}

impl Words {
    fn load(text: &Text) -> Result<Words, String> {
        Ok(Words {
            axis_unit: text("chart-axis-unit")?,
            axis_right: text("chart-axis-right")?,
            legend_status: text("chart-legend-status")?,
            list_sep: text("chart-list-separator")?,
            status_sep: text("chart-status-separator")?,
            unlabelled: text("chart-unlabelled")?,
            status: [text("chart-status-forecast")?, text("chart-status-plan")?, text("chart-status-target")?],
            desc: text("chart-desc")?,
            desc_no_range: text("chart-desc-no-range")?,
            desc_range: text("chart-desc-range")?,
            desc_change: text("chart-desc-change")?,
            desc_value: text("chart-desc-value")?,
            desc_share: text("chart-desc-share")?,
            desc_status_value: text("chart-desc-status-value")?,
        })
    }

    /// The marker of a period that is not an actual (ja `予想`, en `Forecast`).
    pub fn status(&self, status: Status) -> Option<&str> {
        match status {
            Status::Actual => None,
            Status::Forecast => Some(&self.status[0]),
            Status::Plan => Some(&self.status[1]),
            Status::Target => Some(&self.status[2]),
        }
    }
}

/// Fills the `%name%` slots of a template in one pass: a value put in is never read for slots
/// again, so a title holding `%items%` stays as written. Unknown slots are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('%') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('%').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A Fluent value as one line of text: a message written over several lines of an `.ftl` file
/// has line breaks in its value, which an SVG `<text>` cannot hold (and a label box cannot be
/// measured for). Each break, with the spaces around it, becomes one space.
pub fn single_line(text: String) -> String {
    if !text.contains(char::is_control) {
        return text;
    }
    text.split(char::is_control).map(str::trim).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Everything a layout needs, resolved for one language.
pub struct Model {
    pub id: String,
    /// The figure's element id, the stem of every other id the chart writes (see [`element_id`]).
    pub element_id: String,
    pub kind: ChartKind,
    pub lang: Lang,
    pub title: String,
    pub row_kind: RowKind,
    pub slots: Vec<Slot>,
    /// Bars (stacked or grouped), the donut's values, or a line chart's lines.
    pub series: Vec<Series>,
    /// Bar-line charts: the lines, on the secondary (right) axis.
    pub lines: Vec<Series>,
    /// Stacked bars: the column labelled on top of each stack.
    pub total: Option<Series>,
    pub words: Words,
}

impl Model {
    pub fn build(spec: &ChartSpec, data: &Data, lang: Lang, text: &Text) -> Result<Model, String> {
        let text = |key: &str| text(key).map(single_line);
        let table = data.tables.get(&spec.data).ok_or_else(|| format!("unknown table `{}`", spec.data))?;
        let calendar = &data.calendar;
        let column = |id: &str, index: usize, display: &Option<UnitChoice>| -> Result<Series, String> {
            let c = table.column(id).ok_or_else(|| format!("table `{}` has no series `{id}`", table.name))?;
            let (unit, values) = match display {
                None => (c.unit.clone(), c.values.clone()),
                Some(choice) => in_unit(data, c, choice.id(lang), lang)?,
            };
            Ok(Series {
                id: c.id.clone(),
                name: text(&c.label)?,
                unit,
                values,
                color: style::color(index, &spec.colors),
                index,
            })
        };
        let series =
            spec.series.iter().enumerate().map(|(i, id)| column(id, i, &spec.unit)).collect::<Result<Vec<_>, _>>()?;
        let n = series.len();
        let lines = spec
            .line
            .iter()
            .enumerate()
            .map(|(i, id)| column(id, n + i, &spec.line_unit))
            .collect::<Result<Vec<_>, _>>()?;
        let total = spec.total.as_deref().map(|id| column(id, 0, &spec.unit)).transpose()?;
        let mut slots = Vec::new();
        for row in &table.rows {
            let slot = match table.kind {
                RowKind::Period => {
                    let period = Period::parse(&row.id).map_err(|e| e.to_string())?;
                    let (label, group) = calendar.axis_labels(&period, lang);
                    Slot {
                        id: row.id.clone(),
                        label,
                        narrow: calendar.axis_lines(&period, lang),
                        group,
                        full: calendar.label(&period, lang),
                        status: table.status(&row.id),
                    }
                }
                RowKind::Category => {
                    let key =
                        table.categories.get(&row.id).ok_or_else(|| format!("category `{}` has no label", row.id))?;
                    let label = text(key)?;
                    Slot {
                        id: row.id.clone(),
                        label: label.clone(),
                        narrow: vec![label.clone()],
                        group: None,
                        full: label,
                        status: Status::Actual,
                    }
                }
            };
            slots.push(slot);
        }
        // A row with no value in any of the chart's series (a forecast of other columns only)
        // would be an empty column on the chart and an empty row in its table: it is left out.
        let filled: Vec<bool> = (0..slots.len())
            .map(|i| series.iter().chain(&lines).chain(&total).any(|s| s.values[i].is_some()))
            .collect();
        let (mut series, mut lines, mut total) = (series, lines, total);
        for s in series.iter_mut().chain(lines.iter_mut()).chain(total.iter_mut()) {
            retain_where(&mut s.values, &filled);
        }
        retain_where(&mut slots, &filled);
        Ok(Model {
            id: spec.id.clone(),
            element_id: element_id(&spec.id, 1),
            kind: spec.kind,
            lang,
            title: text(&spec.title)?,
            row_kind: table.kind,
            slots,
            series,
            lines,
            total,
            words: Words::load(&text)?,
        })
    }

    /// A value as labelled on the chart: the axis unit is given once, so no unit, except `%`.
    pub fn value_label(&self, n: Number, unit: &Unit) -> String {
        let step = 10f64.powi(-i32::from(n.decimals()));
        let mut s = format::axis_tick(n.value(), step, unit, self.lang);
        if unit.is_percentage() {
            s.push('%');
        }
        s
    }

    /// A value for the description sentence, with its unit (ja `2,263億円`).
    fn prose(&self, n: Number, unit: &Unit, status: Status) -> Result<String, String> {
        let v = format::figure(n, unit, self.lang, &FigureOptions::default()).map_err(|e| e.to_string())?;
        Ok(match self.words.status(status) {
            Some(word) => fill(&self.words.desc_status_value, &[("value", &v), ("status", word)]),
            None => v,
        })
    }

    /// The one-sentence summary with the key figures, for `<desc>`.
    pub fn describe(&self) -> Result<String, String> {
        let mut items = Vec::new();
        if self.kind == ChartKind::Donut {
            let s = &self.series[0];
            let shares = donut::shares(self, s);
            for (i, slot) in self.slots.iter().enumerate() {
                if let Some(share) = &shares[i] {
                    items.push(fill(&self.words.desc_share, &[("category", &slot.label), ("value", share)]));
                }
            }
            return Ok(fill(
                &self.words.desc_no_range,
                &[("title", &self.title), ("items", &items.join(&self.words.list_sep))],
            ));
        }
        // Stacked bars with a total: the total tells the story; segments when few.
        let mut described: Vec<&Series> = Vec::new();
        match (&self.total, self.kind) {
            (Some(total), ChartKind::StackedBar) => {
                described.push(total);
                if self.series.len() <= 3 {
                    described.extend(self.series.iter());
                }
            }
            _ => described.extend(self.series.iter()),
        }
        described.extend(self.lines.iter());
        for s in described {
            let present: Vec<usize> = (0..self.slots.len()).filter(|&i| s.values[i].is_some()).collect();
            let (Some(&a), Some(&b)) = (present.first(), present.last()) else { continue };
            let va = self.prose(s.values[a].expect("present"), &s.unit, self.slots[a].status)?;
            if a == b {
                items.push(fill(
                    &self.words.desc_value,
                    &[("series", &s.name), ("period", &self.slots[a].full), ("value", &va)],
                ));
            } else {
                let vb = self.prose(s.values[b].expect("present"), &s.unit, self.slots[b].status)?;
                items.push(fill(
                    &self.words.desc_change,
                    &[
                        ("series", &s.name),
                        ("first", &self.slots[a].full),
                        ("from", &va),
                        ("last", &self.slots[b].full),
                        ("to", &vb),
                    ],
                ));
            }
        }
        let items = items.join(&self.words.list_sep);
        if self.row_kind == RowKind::Period && self.slots.len() > 1 {
            let range = fill(
                &self.words.desc_range,
                &[("first", &self.slots[0].full), ("last", &self.slots[self.slots.len() - 1].full)],
            );
            Ok(fill(&self.words.desc, &[("title", &self.title), ("range", &range), ("items", &items)]))
        } else {
            Ok(fill(&self.words.desc_no_range, &[("title", &self.title), ("items", &items)]))
        }
    }
}

/// Keeps the items whose flag in `keep` is set.
fn retain_where<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
}

/// The figure's element id for the `placement`-th (from 1) time the chart `chart_id` is placed
/// on a page: `chart-<id>` the first time, so links to it keep working, then `chart-<id>_2`, ….
/// Chart ids never contain `_`, so no placement's ids can be another chart's.
pub fn element_id(chart_id: &str, placement: usize) -> String {
    if placement <= 1 {
        format!("chart-{chart_id}")
    } else {
        format!("chart-{chart_id}_{placement}")
    }
}

/// Whether `id` is an element id that the chart `chart_id` writes in any placement: the figure
/// (`chart-<id>`, `chart-<id>_<n>`) and its title, description and patterns (`…-…`).
pub fn writes_id(chart_id: &str, id: &str) -> bool {
    id.strip_prefix("chart-")
        .and_then(|rest| rest.strip_prefix(chart_id))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-') || rest.starts_with('_'))
}

/// A column's values shown in another money unit for `lang` (the decimal point moves, every
/// digit stays), with that unit.
pub fn in_unit(data: &Data, column: &Column, id: &str, lang: Lang) -> Result<(Unit, Vec<Option<Number>>), String> {
    let shown = data.units.display(&column.unit, id).map_err(|e| e.to_string())?.for_lang(lang);
    let shift = column.unit.shift_to(&shown).unwrap_or(0);
    let values = column
        .values
        .iter()
        .map(|v| {
            v.map(|n| n.shifted(shift).ok_or_else(|| format!("`{n}` cannot be shown exactly in {shown}"))).transpose()
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((shown, values))
}

/// The chart's `<svg>` element.
pub fn svg(model: &Model) -> Result<String, String> {
    let mut canvas = canvas::Canvas::new(WIDTH);
    let height = match model.kind {
        ChartKind::Donut => donut::layout(model, &mut canvas)?,
        _ => cartesian::layout(model, &mut canvas)?,
    };
    let base = &model.element_id;
    let head = format!(
        "<title id=\"{base}-title\">{}</title>\n<desc id=\"{base}-desc\">{}</desc>\n",
        escape_html(&model.title),
        escape_html(&model.describe()?)
    );
    canvas.finish(
        height.ceil() as i32,
        &[
            ("class", "chart-svg".to_string()),
            ("role", "img".to_string()),
            ("aria-labelledby", format!("{base}-title")),
            ("aria-describedby", format!("{base}-desc")),
        ],
        &head,
    )
}

pub fn render(spec: &ChartSpec, data: &Data, lang: Lang, text: &Text, root: &str) -> Result<ChartOutput, String> {
    render_placement(spec, data, lang, text, root, 1)
}

/// The chart as placed for the `placement`-th (from 1) time on one page: the same chart with
/// element ids of its own (see [`element_id`]).
pub fn render_placement(
    spec: &ChartSpec,
    data: &Data,
    lang: Lang,
    text: &Text,
    root: &str,
    placement: usize,
) -> Result<ChartOutput, String> {
    let mut model = Model::build(spec, data, lang, text)?;
    model.element_id = element_id(&spec.id, placement);
    let table = &data.tables[&spec.data];
    let svg = svg(&model)?;
    let title = &model.title;
    // The table and the CSV show the chart's own series and rows, as the model built them.
    let columns: Vec<&Series> = model.series.iter().chain(&model.lines).chain(&model.total).collect();
    let mut html = String::new();
    html.push_str(&format!(
        "<figure class=\"chart\" id=\"{}\">\n<figcaption>{}</figcaption>\n",
        model.element_id,
        escape_html(title)
    ));
    html.push_str(&svg);
    html.push('\n');
    html.push_str(&format!(
        "<details class=\"chart-data\">\n<summary>{}</summary>\n",
        escape_html(&text("chart-data-table")?)
    ));
    let corner = text(if table.kind == RowKind::Period { "table-period" } else { "table-category" })?;
    html.push_str(&format!("<div class=\"table-scroll\" tabindex=\"0\"><table class=\"data-table{}\">\n<thead><tr><th scope=\"col\">{}</th>", if table.kind == RowKind::Period { " by-period" } else { "" }, escape_html(&corner)));
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut record = vec![corner.clone()];
    for column in &columns {
        let caption = column.unit.axis_caption(lang);
        // The cells carry their unit (ja `280億円`, en `¥28.0 billion`): no unit in the header.
        html.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(&column.name)));
        record.push(if caption.is_empty() { column.name.clone() } else { format!("{} ({caption})", column.name) });
    }
    crate::spreadsheet::write_record(&mut csv, &record).map_err(|e| e.to_string())?;
    html.push_str("</tr></thead>\n<tbody>\n");
    for (i, slot) in model.slots.iter().enumerate() {
        // Category tables may give statuses too; the slot keeps them only for periods.
        let marker = model.words.status(table.status(&slot.id)).map(|w| format!(" ({w})")).unwrap_or_default();
        html.push_str(&format!("<tr><th scope=\"row\">{}{}</th>", escape_html(&slot.full), escape_html(&marker)));
        record.clear();
        record.push(format!("{}{marker}", slot.full));
        for column in &columns {
            match column.values[i] {
                Some(n) => {
                    let shown =
                        format::figure(n, &column.unit, lang, &FigureOptions::default()).map_err(|e| e.to_string())?;
                    html.push_str(&format!("<td data-value=\"{n}\">{}</td>", escape_html(&shown)));
                    record.push(n.to_string());
                }
                None => {
                    html.push_str("<td>–</td>");
                    record.push(String::new());
                }
            }
        }
        html.push_str("</tr>\n");
        crate::spreadsheet::write_record(&mut csv, &record).map_err(|e| e.to_string())?;
    }
    html.push_str("</tbody>\n</table></div>\n</details>\n");
    let csv_path = format!("{}/data/{}.csv", lang.code(), spec.id);
    html.push_str(&format!(
        "<p class=\"chart-download\"><a href=\"{root}{csv_path}\" download>{}</a></p>\n",
        escape_html(&text("chart-download-csv")?)
    ));
    if let Some(note) = &spec.note {
        html.push_str(&format!("<p class=\"chart-note\">{}</p>\n", escape_html(&text(note)?)));
    }
    html.push_str("</figure>\n");
    // A byte-order mark lets spreadsheet software open the Japanese CSV as UTF-8.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(&csv.into_inner().map_err(|e| e.to_string())?);
    Ok(ChartOutput { html, files: vec![(csv_path, bytes)], svg })
}
