//! Charts: the SVG of every chart of the site in both languages, parsed as XML; the data table
//! and the CSV download against the data files; the chart errors of the data loader.

mod common;

use std::path::Path;

use common::{copy_dir, repo};
use irsite::chart::{self, metrics, style, ChartOutput};
use irsite::config::Config;
use irsite::data::{ChartKind, Data, RowKind};
use irsite::format;
use irsite::i18n::Locales;
use irsite::lang::Lang;

struct Site {
    data: Data,
    locales: Locales,
}

fn site() -> Site {
    site_at(&repo())
}

/// The fictional example site: years by 決算期 (`23/12期`), cumulative quarters.
fn example_site() -> Site {
    site_at(&repo().join("examples/harukaze-foods"))
}

fn site_at(root: &Path) -> Site {
    let config = Config::load(root).unwrap_or_else(|e| panic!("{e}"));
    let locales = Locales::load(&config).unwrap_or_else(|e| panic!("{e}"));
    let data = Data::load_with(&config.root, &config.data_dir(), config.fiscal_year).unwrap_or_else(|e| panic!("{e}"));
    Site { data, locales }
}

impl Site {
    fn text(&self, lang: Lang, key: &str) -> String {
        self.locales.text(lang, key, &[]).unwrap_or_else(|e| panic!("{e}"))
    }

    fn render(&self, id: &str, lang: Lang) -> ChartOutput {
        let spec = &self.data.charts[id];
        let text = |key: &str| self.locales.text(lang, key, &[]);
        chart::render(spec, &self.data, lang, &text, "../../").unwrap_or_else(|e| panic!("chart {id} ({lang}): {e}"))
    }
}

/// A text element's content, position and size.
struct Label {
    text: String,
    x: f64,
    y: f64,
    size: f64,
    anchor: String,
}

fn labels(doc: &roxmltree::Document) -> Vec<Label> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| Label {
            text: n.text().unwrap_or("").trim().to_string(),
            x: n.attribute("x").unwrap().parse().unwrap(),
            y: n.attribute("y").unwrap().parse().unwrap(),
            size: n.attribute("font-size").unwrap().parse().unwrap(),
            anchor: n.attribute("text-anchor").unwrap_or("start").to_string(),
        })
        .collect()
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    labels(doc).into_iter().map(|l| l.text).collect()
}

fn count(doc: &roxmltree::Document, attr: &str, value: &str) -> usize {
    doc.descendants().filter(|n| n.attribute(attr) == Some(value)).count()
}

#[test]
fn every_chart_is_an_accessible_svg_in_both_languages() {
    let site = site();
    assert!(site.data.charts.len() >= 19);
    for (id, spec) in &site.data.charts {
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc =
                roxmltree::Document::parse(&out.svg).unwrap_or_else(|e| panic!("{id} ({lang}): {e}\n{}", out.svg));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert_eq!(root.attribute("role"), Some("img"), "{id}");
            assert_eq!(root.attribute("width"), Some("100%"), "{id}");
            assert!(root.attribute("viewBox").unwrap().starts_with(&format!("0 0 {} ", chart::WIDTH)), "{id}");
            assert!(root.attribute("height").is_none(), "{id}: the height follows the width");
            let title_id = root.attribute("aria-labelledby").unwrap();
            let desc_id = root.attribute("aria-describedby").unwrap();
            let by_id = |i: &str| {
                doc.descendants()
                    .find(|n| n.attribute("id") == Some(i))
                    .unwrap_or_else(|| panic!("{id}: no element #{i}"))
            };
            let title = by_id(title_id);
            assert_eq!(title.tag_name().name(), "title");
            assert_eq!(title.text(), Some(site.text(lang, &spec.title).as_str()));
            let desc = by_id(desc_id);
            assert_eq!(desc.tag_name().name(), "desc");
            let desc = desc.text().unwrap();
            assert!(desc.starts_with(&site.text(lang, &spec.title)), "{id}: {desc}");
            // the description is one sentence with figures in the page's language
            assert!(desc.chars().any(|c| c.is_ascii_digit()), "{id}: {desc}");
            match lang {
                Lang::Ja => assert!(desc.ends_with('。') && desc.matches('。').count() == 1, "{id}: {desc}"),
                Lang::En => assert!(desc.ends_with('.') && !desc.contains("年度"), "{id}: {desc}"),
            }
            // pattern ids are unique to the chart
            for n in doc.descendants().filter(|n| n.has_tag_name("pattern")) {
                assert!(n.attribute("id").unwrap().starts_with(&format!("chart-{id}-")), "{id}");
            }
            assert!(out.html.contains(&out.svg), "{id}: the SVG is inlined in the figure");
            assert!(out.svg.len() < 40_000, "{id} ({lang}): SVG of {} bytes", out.svg.len());
        }
    }
}

#[test]
fn bars_slices_and_points_match_the_data() {
    let site = site();
    for (id, spec) in &site.data.charts {
        let table = &site.data.tables[&spec.data];
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let present = |col: &str| table.column(col).unwrap().values.iter().filter(|v| v.is_some()).count();
            match spec.kind {
                ChartKind::StackedBar | ChartKind::GroupedBar | ChartKind::BarLine => {
                    for s in &spec.series {
                        let bars = doc
                            .descendants()
                            .filter(|n| n.has_tag_name("rect") && n.attribute("data-series") == Some(s))
                            .count();
                        assert_eq!(bars, present(s), "{id} ({lang}): bars of `{s}`");
                    }
                    for s in &spec.line {
                        assert_eq!(count(&doc, "data-point", s), present(s), "{id} ({lang}): points of `{s}`");
                    }
                }
                ChartKind::Line => {
                    for s in &spec.series {
                        assert_eq!(count(&doc, "data-point", s), present(s), "{id} ({lang}): points of `{s}`");
                        assert!(
                            doc.descendants()
                                .any(|n| n.has_tag_name("polyline") && n.attribute("data-series") == Some(s)),
                            "{id}: line of `{s}`"
                        );
                    }
                }
                ChartKind::Donut => {
                    let col = table.column(&spec.series[0]).unwrap();
                    let texts = texts(&doc);
                    // (wrapped onto lines)
                    let all: String = texts.concat().replace(' ', "");
                    for (row, v) in table.rows.iter().zip(&col.values) {
                        let slices = doc
                            .descendants()
                            .filter(|n| {
                                n.has_tag_name("polygon") && n.attribute("data-series") == Some(row.id.as_str())
                            })
                            .count();
                        assert_eq!(slices, usize::from(v.is_some()), "{id}: slice of `{}`", row.id);
                        // every category is listed with its percentage
                        let name = site.text(lang, &table.categories[&row.id]);
                        assert!(all.contains(&name.replace(' ', "")), "{id} ({lang}): `{name}` not labelled");
                        if let Some(v) = v {
                            assert!(texts.contains(&format!("{v}%")), "{id} ({lang}): no `{v}%`");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn labels_are_in_the_page_language() {
    let site = site();
    for (id, spec) in &site.data.charts {
        let table = &site.data.tables[&spec.data];
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let texts = texts(&doc);
            if table.kind == RowKind::Period {
                for row in &table.rows {
                    let period = irsite::model::Period::parse(&row.id).unwrap();
                    let (label, group) = site.data.calendar.axis_labels(&period, lang);
                    assert_axis_label(&texts, &site.data.calendar.axis_lines(&period, lang), &label, id, lang);
                    if let Some(group) = group {
                        assert!(texts.contains(&group), "{id} ({lang}): no year `{group}`");
                    }
                }
            }
            let all = texts.join("\n");
            match lang {
                Lang::Ja => {
                    assert!(!all.contains("FY") && !all.contains("million"), "{id}: English in the ja chart:\n{all}")
                }
                Lang::En => {
                    assert!(!all.contains("年度") && !all.contains("億円"), "{id}: Japanese in the en chart:\n{all}")
                }
            }
            // the unit caption of the value axis
            if spec.kind != ChartKind::Donut {
                let unit = table.column(&spec.series[0]).unwrap().unit.axis_caption(lang);
                if !unit.is_empty() {
                    assert!(all.contains(unit), "{id} ({lang}): no unit caption `{unit}`");
                }
            }
            // legend: every series is named (wrapped names: their first line)
            if spec.series.len() + spec.line.len() > 1 {
                for s in spec.series.iter().chain(&spec.line) {
                    let name = site.text(lang, &table.column(s).unwrap().label);
                    let head: String = name.chars().take(6).collect();
                    assert!(all.contains(&head), "{id} ({lang}): series `{name}` not in the legend");
                }
            }
        }
    }
}

/// An axis label on one line, or on the two lines its calendar breaks it into (ja `16` /
/// `年度`, `23/12` / `期`), never cut elsewhere.
fn assert_axis_label(texts: &[String], narrow: &[String], label: &str, id: &str, lang: Lang) {
    let broken = narrow.len() > 1 && texts.windows(narrow.len()).any(|w| w == narrow);
    assert!(
        texts.iter().any(|t| t == label) || broken,
        "{id} ({lang}): no axis label `{label}` (or {narrow:?}) in {texts:?}"
    );
}

#[test]
fn axis_labels_by_kessanki_break_between_number_and_word() {
    let site = example_site();
    let mut broken = 0;
    for (id, spec) in &site.data.charts {
        let table = &site.data.tables[&spec.data];
        if table.kind != RowKind::Period {
            continue;
        }
        for lang in Lang::ALL {
            let texts = texts(&roxmltree::Document::parse(&site.render(id, lang).svg).unwrap());
            for row in &table.rows {
                let period = irsite::model::Period::parse(&row.id).unwrap();
                let (label, _) = site.data.calendar.axis_labels(&period, lang);
                let narrow = site.data.calendar.axis_lines(&period, lang);
                assert_axis_label(&texts, &narrow, &label, id, lang);
                broken += usize::from(!texts.contains(&label));
            }
            assert!(!texts.iter().any(|t| t.starts_with('/') || t.ends_with('/')), "{id} ({lang}): {texts:?}");
        }
    }
    assert!(broken > 0, "no chart of the example has its period labels on two lines");
    // twelve cumulative quarters in one chart: too narrow for `3Q累計` on one line
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (2013..2025).map(|y| format!("FY{y}Q3YTD,{}\n", y * 10)).collect();
    std::fs::write(dir.path().join("t.csv"), format!("period,revenue\n{rows}")).unwrap();
    std::fs::write(
        dir.path().join("t.toml"),
        "[columns.revenue]\nunit = \"million_yen\"\nlabel = \"series-revenue\"\n",
    )
    .unwrap();
    let charts = "[[chart]]\nid = \"a\"\nkind = \"grouped-bar\"\ndata = \"t\"\nseries = [\"revenue\"]\ntitle = \"chart-cumulative\"\n";
    std::fs::write(dir.path().join("charts.toml"), charts).unwrap();
    let data = Data::load_with(dir.path(), dir.path(), site.data.calendar).unwrap_or_else(|e| panic!("{e}"));
    let text = |key: &str| site.locales.text(Lang::Ja, key, &[]);
    let out = chart::render(&data.charts["a"], &data, Lang::Ja, &text, "").unwrap();
    let texts = texts(&roxmltree::Document::parse(&out.svg).unwrap());
    assert_eq!(texts.windows(2).filter(|w| w[0] == "3Q" && w[1] == "累計").count(), 12, "{texts:?}");
}

#[test]
fn japanese_axis_and_values_are_localized() {
    let site = site();
    let ja = site.render("revenue-by-segment", Lang::Ja);
    let doc = roxmltree::Document::parse(&ja.svg).unwrap();
    let t = texts(&doc);
    for want in ["21年度", "（億円）", "2,263", "2,500", "1,763"] {
        assert!(t.iter().any(|x| x == want), "ja: no `{want}` in {t:?}");
    }
    let en = site.render("revenue-by-segment", Lang::En);
    let doc = roxmltree::Document::parse(&en.svg).unwrap();
    let t = texts(&doc);
    for want in ["FY21", "(¥100 million)", "2,263"] {
        assert!(t.iter().any(|x| x == want), "en: no `{want}` in {t:?}");
    }
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap().to_string();
    assert!(desc.contains("¥226.3 billion") && desc.contains("FY2021"), "{desc}");
    let quarters = site.render("mobile-revenue-quarterly", Lang::Ja);
    let t = texts(&roxmltree::Document::parse(&quarters.svg).unwrap());
    assert_eq!(t.iter().filter(|x| *x == "1Q").count(), 2, "{t:?}");
    assert!(t.contains(&"20年度".to_string()) && t.contains(&"21年度".to_string()));
}

#[test]
fn forecast_plan_and_target_periods_are_marked() {
    let site = site();
    for (id, status, ja, en, n) in [
        // two stacked bars
        ("dividends", "forecast", "予想", "Forecast", 2),
        // two bars and the margin's point; FY2023 has no operating income
        ("mid-term-plan", "plan", "計画", "Plan", 3),
        ("mid-term-plan", "target", "目標", "Target", 2),
        ("payout-ratio", "forecast", "予想", "Forecast", 1),
    ] {
        for (lang, word) in [(Lang::Ja, ja), (Lang::En, en)] {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let marked = doc.descendants().filter(|n| n.attribute("data-status") == Some(status)).count();
            assert_eq!(marked, n, "{id} ({lang}): elements marked {status}");
            assert!(texts(&doc).iter().any(|t| t == word), "{id} ({lang}): no `{word}` marker");
            // hatched fill: a pattern, not a plain colour
            for node in
                doc.descendants().filter(|n| n.has_tag_name("rect") && n.attribute("data-status") == Some(status))
            {
                assert!(node.attribute("fill").unwrap().starts_with("url(#chart-"), "{id}");
            }
        }
    }
}

/// Reads CSV text as rows of cells.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(|c| c.trim().to_string()).collect()).collect()
}

#[test]
fn data_table_and_download_equal_the_csv() {
    let site = site();
    for (id, spec) in &site.data.charts {
        let table = &site.data.tables[&spec.data];
        let source = csv_rows(&std::fs::read_to_string(&table.csv_path).unwrap());
        let header = &source[0];
        let columns: Vec<&String> = spec.series.iter().chain(&spec.line).chain(spec.total.iter()).collect();
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            // the table cells carry the value as written
            let html = &out.html;
            let tbody = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
            let rows: Vec<&str> = tbody.split("<tr>").skip(1).collect();
            assert_eq!(rows.len(), source.len() - 1, "{id}");
            for (row, src) in rows.iter().zip(&source[1..]) {
                let cells: Vec<&str> = row.split("<td").skip(1).collect();
                assert_eq!(cells.len(), columns.len(), "{id}");
                for (cell, col) in cells.iter().zip(&columns) {
                    let k = header.iter().position(|h| h == *col).unwrap();
                    let want = &src[k];
                    if want.is_empty() {
                        assert!(!cell.contains("data-value"), "{id}: empty cell shown as a value");
                    } else {
                        assert!(
                            cell.starts_with(&format!(" data-value=\"{want}\"")),
                            "{id} ({lang}): {col} expected {want}: {cell}"
                        );
                    }
                }
            }
            // the download: same values, one file per language
            let (path, bytes) = &out.files[0];
            assert_eq!(path, &format!("{}/data/{id}.csv", lang.code()));
            let download = csv_rows(std::str::from_utf8(bytes).unwrap());
            assert_eq!(download.len(), source.len());
            for (got, src) in download[1..].iter().zip(&source[1..]) {
                for (j, col) in columns.iter().enumerate() {
                    let k = header.iter().position(|h| h == *col).unwrap();
                    assert_eq!(got[j + 1], src[k], "{id} ({lang}): {col}");
                }
            }
        }
    }
}

#[test]
fn labels_neither_overlap_nor_leave_the_chart() {
    let site = site();
    for id in site.data.charts.keys() {
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let root = doc.root_element();
            let view: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
            let boxes: Vec<(f64, f64, f64, f64, String)> = labels(&doc)
                .into_iter()
                .map(|l| {
                    let w = metrics::width(&l.text, l.size);
                    let x0 = match l.anchor.as_str() {
                        "middle" => l.x - w / 2.0,
                        "end" => l.x - w,
                        _ => l.x,
                    };
                    (x0, l.y, x0 + w, l.y + l.size, l.text)
                })
                .collect();
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a.0 >= -0.5 && a.2 <= view[2] + 0.5 && a.1 >= 0.0 && a.3 <= view[3],
                    "{id} ({lang}): `{}` leaves the chart",
                    a.4
                );
                for b in &boxes[i + 1..] {
                    let overlap = a.0 < b.2 - 0.5 && b.0 < a.2 - 0.5 && a.1 < b.3 - 0.5 && b.1 < a.3 - 0.5;
                    assert!(!overlap, "{id} ({lang}): `{}` overlaps `{}`", a.4, b.4);
                }
            }
        }
    }
}

#[test]
fn output_is_deterministic() {
    let a = site();
    let b = site();
    for id in a.data.charts.keys() {
        for lang in Lang::ALL {
            let (x, y) = (a.render(id, lang), b.render(id, lang));
            assert_eq!(x.html, y.html, "{id}");
            assert_eq!(x.files, y.files, "{id}");
        }
    }
}

/// The English `dividends` chart, with the words `change` gives for a key (its title is
/// `title`; other keys give `None`) in place of the site's.
fn dividends_with(site: &Site, change: impl Fn(&str, bool) -> Option<String>) -> ChartOutput {
    let spec = &site.data.charts["dividends"];
    let text = |key: &str| -> Result<String, String> {
        match change(key, key == spec.title) {
            Some(words) => Ok(words),
            None => site.locales.text(Lang::En, key, &[]),
        }
    };
    chart::render(spec, &site.data, Lang::En, &text, "").unwrap()
}

#[test]
fn text_from_locales_is_escaped() {
    let site = site();
    let nasty = "A <b>&\"'</b>";
    let out = dividends_with(&site, |key, title| (title || key.starts_with("series-")).then(|| nasty.to_string()));
    let doc = roxmltree::Document::parse(&out.svg).unwrap();
    assert_eq!(doc.descendants().find(|n| n.has_tag_name("title")).unwrap().text(), Some(nasty));
    assert!(texts(&doc).iter().any(|t| t == nasty), "legend keeps the text");
    assert!(!out.html.contains("<b>"));
}

#[test]
fn multi_line_fluent_labels_are_single_line_text() {
    let site = site();
    let plain = dividends_with(&site, |_, _| None);
    // What Fluent returns for a message written over several lines of an .ftl file.
    let out = dividends_with(&site, |key, title| {
        let value = site.locales.text(Lang::En, key, &[]).unwrap();
        (title || key.starts_with("series-")).then(|| value.replace(' ', "\n    ") + "\n  (A)")
    });
    let doc = roxmltree::Document::parse(&out.svg).unwrap_or_else(|e| panic!("{e}\n{}", out.svg));
    let (before, after) = (texts(&roxmltree::Document::parse(&plain.svg).unwrap()), texts(&doc));
    assert_eq!(before.len(), after.len(), "one text element per label");
    assert!(after.iter().all(|t| !t.contains(['\n', '\r'])), "{after:?}");
    let title = site.text(Lang::En, &site.data.charts["dividends"].title);
    assert_eq!(
        doc.descendants().find(|n| n.has_tag_name("title")).unwrap().text(),
        Some(format!("{title} (A)").as_str())
    );
}

#[test]
fn slots_in_a_title_are_not_filled() {
    let site = site();
    let title = "Dividends %items% and %title%";
    let out = dividends_with(&site, |_, is_title| is_title.then(|| title.to_string()));
    let doc = roxmltree::Document::parse(&out.svg).unwrap();
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap().to_string();
    assert!(desc.contains(title), "{desc}");
    let table = &site.data.tables[&site.data.charts["dividends"].data];
    assert_eq!(desc.matches(&site.text(Lang::En, &table.columns[0].label)).count(), 1, "{desc}");
}

#[test]
fn text_is_legible_on_a_phone() {
    // A 390 px phone shows the chart about 348 px wide (site.css): the smallest text is 11 px
    // or more there; no text is larger than 14 units (about 17 px on a desktop).
    assert!(chart::MIN_FONT * 348.0 / f64::from(chart::WIDTH) >= 11.0);
    let site = site();
    for id in site.data.charts.keys() {
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            for l in labels(&doc) {
                assert!(
                    l.size >= chart::MIN_FONT - 0.05 && l.size <= 14.0,
                    "{id} ({lang}): `{}` at {}",
                    l.text,
                    l.size
                );
            }
            assert!(!out.svg.contains("style="), "{id}: sizing belongs to the stylesheet");
        }
    }
}

#[test]
fn every_bar_and_point_value_is_on_the_chart() {
    let site = site();
    for (id, spec) in &site.data.charts {
        if spec.kind == ChartKind::Donut {
            continue;
        }
        let table = &site.data.tables[&spec.data];
        // stacked bars: the totals (segments are labelled where they have room)
        let columns: Vec<&String> = match spec.kind {
            ChartKind::StackedBar => spec.total.iter().collect(),
            _ => spec.series.iter().chain(&spec.line).collect(),
        };
        for lang in Lang::ALL {
            let out = site.render(id, lang);
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let mut texts = texts(&doc);
            for col in &columns {
                let c = table.column(col).unwrap();
                for v in c.values.iter().flatten() {
                    let mut label = format::axis_tick(v.value(), 10f64.powi(-i32::from(v.decimals())), &c.unit, lang);
                    if c.unit.is_percentage() {
                        label.push('%');
                    }
                    let k = texts
                        .iter()
                        .position(|t| *t == label)
                        .unwrap_or_else(|| panic!("{id} ({lang}): `{col}` value `{label}` not on the chart"));
                    texts.remove(k);
                }
            }
        }
    }
}

#[test]
fn percentage_axes_start_at_zero() {
    let site = site();
    for (id, spec) in &site.data.charts {
        let table = &site.data.tables[&spec.data];
        if spec.kind != ChartKind::Line || table.column(&spec.series[0]).unwrap().unit.id() != "percent" {
            continue;
        }
        for lang in Lang::ALL {
            let svg = site.render(id, lang).svg;
            let doc = roxmltree::Document::parse(&svg).unwrap();
            assert!(texts(&doc).iter().any(|t| t == "0"), "{id} ({lang}): the axis does not start at 0");
        }
    }
}

#[test]
fn palette_contrast() {
    let p = style::PALETTE;
    for (i, c) in p.iter().enumerate() {
        assert!(style::contrast(c, "#ffffff") >= 3.0, "{c} against white");
        if i + 1 < p.len() {
            assert!(style::contrast(c, p[i + 1]) >= 3.0, "{c} against {}", p[i + 1]);
        }
    }
}

#[test]
fn japanese_width_needs_no_font() {
    assert_eq!(metrics::width("売上高", 12.0), 36.0);
    assert!(metrics::width("Revenue", 12.0) < metrics::width("売上高売上高", 12.0));
}

// --- errors of chart definitions and tables, with file and line --------------------------------

const SIDECAR: &str = "[columns.revenue]\nunit = \"oku_yen\"\nlabel = \"series-revenue\"\n\n[columns.margin]\nunit = \"percent\"\nlabel = \"series-operating-margin\"\n";

fn data_error(csv: &str, charts: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    std::fs::write(dir.path().join("t.toml"), SIDECAR).unwrap();
    std::fs::write(dir.path().join("charts.toml"), charts).unwrap();
    let err = match Data::load(dir.path(), dir.path()) {
        Ok(_) => panic!("should fail:\n{csv}\n{charts}"),
        Err(e) => e.to_string(),
    };
    (dir, err)
}

fn at(dir: &Path, file: &str, line: usize) -> String {
    format!("{}:{line}", dir.join(file).display())
}

const GOOD_CSV: &str = "period,revenue,margin\nFY2020,2130,6.7\nFY2021,2263,10.4\n";
const CHART: &str = "# charts\n\n[[chart]]\nid = \"a\"\nkind = \"grouped-bar\"\ndata = \"t\"\nseries = [\"revenue\"]\ntitle = \"chart-a\"\n";

#[test]
fn unknown_table_names_the_chart_line() {
    let charts = format!("{CHART}\n[[chart]]\nid = \"b\"\nkind = \"line\"\ndata = \"nope\"\nseries = [\"revenue\"]\ntitle = \"chart-b\"\n");
    let (dir, err) = data_error(GOOD_CSV, &charts);
    assert!(err.contains(&at(dir.path(), "charts.toml", 10)) && err.contains("unknown table `nope`"), "{err}");
}

#[test]
fn missing_series_names_the_chart_line() {
    let (dir, err) = data_error(GOOD_CSV, &CHART.replace("[\"revenue\"]", "[\"revenue\", \"profit\"]"));
    assert!(err.contains(&at(dir.path(), "charts.toml", 3)) && err.contains("no series `profit`"), "{err}");
}

#[test]
fn unit_mismatch_names_the_chart_line() {
    let (dir, err) = data_error(GOOD_CSV, &CHART.replace("[\"revenue\"]", "[\"revenue\", \"margin\"]"));
    assert!(
        err.contains(&at(dir.path(), "charts.toml", 3)) && err.contains("mixes units oku_yen and percent"),
        "{err}"
    );
}

#[test]
fn non_numeric_cell_names_file_line_and_column() {
    let (dir, err) = data_error("period,revenue,margin\nFY2020,2130,6.7\nFY2021,2,263,10.4\n", CHART);
    assert!(err.contains(&at(dir.path(), "t.csv", 3)) && err.contains("4 cells"), "ragged: {err}");
    // the column is the character where the cell starts, counted in characters, past quotes
    let (dir, err) = data_error("period,revenue,margin\nFY2020,2130,6.7\nFY2021,n/a,10.4\n", CHART);
    assert!(err.contains(&format!("{}:8:", at(dir.path(), "t.csv", 3))) && err.contains("`n/a`"), "{err}");
    let (dir, err) = data_error("period,revenue,margin\nFY2020,△2130,6.7\nFY2021,\"2263\", 10.4%\n", CHART);
    assert!(err.contains(&format!("{}:16:", at(dir.path(), "t.csv", 3))) && err.contains("`10.4%`"), "{err}");
}

#[test]
fn losses_may_be_written_as_in_filings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.csv"), "period,revenue,margin\nFY2020,△2130,▲6.7\nFY2021,-2263,10.4\n").unwrap();
    std::fs::write(dir.path().join("t.toml"), SIDECAR).unwrap();
    let data = Data::load(dir.path(), dir.path()).unwrap();
    let values = &data.tables["t"].columns[0].values;
    assert_eq!(values[0].unwrap().to_string(), "-2130");
    assert_eq!(values[1].unwrap().to_string(), "-2263");
    assert_eq!(data.tables["t"].columns[1].values[0].unwrap().to_string(), "-6.7");
}

#[test]
fn ragged_row_names_file_and_line() {
    let (dir, err) = data_error("period,revenue,margin\nFY2020,2130\nFY2021,2263,10.4\n", CHART);
    assert!(err.contains(&at(dir.path(), "t.csv", 2)) && err.contains("row has 2 cells, the header has 3"), "{err}");
}

#[test]
fn unknown_chart_id_in_a_page_names_the_page_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    for sub in ["themes", "locales", "content/data"] {
        copy_dir(&repo().join(sub), &root.join(sub));
    }
    for lang in ["ja", "en"] {
        let content = root.join("content").join(lang);
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("_index.md"), "+++\ntitle = \"Home\"\ndescription = \"Home\"\nweight = 0\n+++\n\nText.\n\n{{ chart(id=\"no-such-chart\") }}\n").unwrap();
    }
    let site = irsite::site::Site::load(Config::load(root).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let err = site.render_all().map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("_index.md:9") && err.contains("unknown chart id `no-such-chart`"), "{err}");
}

// --- axes in another money unit, and losses ---------------------------------------------------

/// A data folder with one table in 百万円 (a loss year included) and `charts`.
fn million_yen_data(charts: &str) -> (tempfile::TempDir, Result<Data, irsite::Error>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.csv"), "period,revenue,income\nFY2022,518632,△16071\nFY2023,498100,2310\n")
        .unwrap();
    let sidecar = "[columns.revenue]\nunit = \"million_yen\"\nlabel = \"series-revenue\"\n\n[columns.income]\nunit = \"million_yen\"\nlabel = \"series-operating-income\"\n";
    std::fs::write(dir.path().join("t.toml"), sidecar).unwrap();
    std::fs::write(dir.path().join("charts.toml"), charts).unwrap();
    let data = Data::load(dir.path(), dir.path());
    (dir, data)
}

const MILLION_CHART: &str = "[[chart]]\nid = \"a\"\nkind = \"grouped-bar\"\ndata = \"t\"\nseries = [\"revenue\", \"income\"]\ntitle = \"chart-turnover\"\n";

#[test]
fn an_axis_in_another_money_unit_keeps_every_digit() {
    let site = site();
    let charts = format!("{MILLION_CHART}unit = {{ ja = \"oku_yen\", en = \"billion_yen\" }}\n");
    let (_dir, data) = million_yen_data(&charts);
    let data = data.unwrap_or_else(|e| panic!("{e}"));
    let render = |lang: Lang| {
        let text = |key: &str| site.locales.text(lang, key, &[]);
        chart::render(&data.charts["a"], &data, lang, &text, "").unwrap()
    };
    let ja = render(Lang::Ja);
    let doc = roxmltree::Document::parse(&ja.svg).unwrap();
    let t = texts(&doc);
    assert!(t.iter().any(|s| s == "（億円）"), "ja axis caption: {t:?}");
    assert!(t.iter().any(|s| s == "5,186.32") && t.iter().any(|s| s == "△160.71"), "ja labels: {t:?}");
    assert!(ja.html.contains(">5,186.32億円</td>"), "ja data table in the axis unit");
    let en = render(Lang::En);
    let doc = roxmltree::Document::parse(&en.svg).unwrap();
    let t = texts(&doc);
    assert!(t.iter().any(|s| s == "(¥ billion)"), "en axis caption: {t:?}");
    assert!(t.iter().any(|s| s == "518.632") && t.iter().any(|s| s == "-16.071"), "en labels: {t:?}");
    // without unit= the chart reads in the table's own unit
    let (_dir, data) = million_yen_data(MILLION_CHART);
    let data = data.unwrap();
    let text = |key: &str| site.locales.text(Lang::Ja, key, &[]);
    let out = chart::render(&data.charts["a"], &data, Lang::Ja, &text, "").unwrap();
    let t = texts(&roxmltree::Document::parse(&out.svg).unwrap());
    assert!(t.iter().any(|s| s == "（百万円）") && t.iter().any(|s| s == "518,632"), "{t:?}");
}

#[test]
fn an_axis_unit_must_be_money_for_money() {
    let (dir, data) = million_yen_data(&format!("{MILLION_CHART}unit = \"percent\"\n"));
    let err = data.unwrap_err().to_string();
    assert!(err.contains(&at(dir.path(), "charts.toml", 1)) && err.contains("cannot be shown as percent"), "{err}");
}
