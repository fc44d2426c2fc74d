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

/// The fictional example site: years by 決算期 (`23/12期`), cumulative quarters, a loss year.
fn example_site() -> Site {
    site_at(&repo().join("examples/harukaze-foods"))
}

/// The site at `root`: its data and its strings (the theme's included).
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

/// The first site and the fictional example site (a December year-end, 百万円, a loss year).
fn sites() -> Vec<(&'static str, Site)> {
    vec![("first site", site()), ("example site", example_site())]
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
            for (i, row) in table.rows.iter().enumerate() {
                // a row without data in the chart's series is no column (see periods_without_data_are_left_out)
                if !charted(table, spec, i) {
                    continue;
                }
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
    for (name, site) in sites() {
        for id in site.data.charts.keys() {
            for lang in Lang::ALL {
                let out = site.render(id, lang);
                labels_apart_in_the_chart(&format!("{name}, {id} ({lang})"), &out.svg);
            }
        }
    }
}

/// Every text of the chart inside the view box, and no two overlapping.
fn labels_apart_in_the_chart(what: &str, svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let view: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
    let boxes: Vec<(Box2, String)> =
        doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| (text_box(&n), text_of(&n))).collect();
    for (i, (a, text)) in boxes.iter().enumerate() {
        assert!(
            a.x0 >= -0.5 && a.x1 <= view[2] + 0.5 && a.y0 >= -0.5 && a.y1 <= view[3] + 0.5,
            "{what}: `{text}` leaves the chart"
        );
        for (b, other) in &boxes[i + 1..] {
            assert!(!a.shrunk(0.5).overlaps(&b.shrunk(0.5)), "{what}: `{text}` overlaps `{other}`");
        }
    }
}

/// A box in SVG units.
#[derive(Debug, Clone, Copy)]
struct Box2 {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box2 {
    fn overlaps(&self, o: &Box2) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn shrunk(&self, d: f64) -> Box2 {
        Box2 { x0: self.x0 + d, y0: self.y0 + d, x1: self.x1 - d, y1: self.y1 - d }
    }

    fn grown(&self, d: f64) -> Box2 {
        self.shrunk(-d)
    }

    /// The middle 86 % of the width: the ink of digits, whose width the table estimates on the
    /// wide side (as the chart code takes it).
    fn ink(&self) -> Box2 {
        let inset = (self.x1 - self.x0) * 0.07;
        Box2 { x0: self.x0 + inset, x1: self.x1 - inset, ..*self }
    }
}

fn num(n: &roxmltree::Node, attr: &str) -> f64 {
    n.attribute(attr).unwrap_or_else(|| panic!("no {attr} on {n:?}")).parse().unwrap()
}

fn text_of(n: &roxmltree::Node) -> String {
    n.text().unwrap_or("").trim().to_string()
}

/// The box a text element takes, its width estimated from the font's measures and its size:
/// `y` is the top of the line (`dy` 0.76 em). A turned label (`rotate(270, x, y)`) runs up from
/// `y` (start anchor) or down from it (end anchor), its digits' ink beside `x` from 0.04 em to
/// 0.88 em.
fn text_box(n: &roxmltree::Node) -> Box2 {
    let (x, y, size) = (num(n, "x"), num(n, "y"), num(n, "font-size"));
    let w = metrics::width(&text_of(n), size);
    let anchor = n.attribute("text-anchor").unwrap_or("start");
    if let Some(t) = n.attribute("transform") {
        assert_eq!(t, format!("rotate(270, {x}, {y})"), "only quarter turns about the anchor");
        let (y0, y1) = match anchor {
            "start" => (y - w, y),
            "end" => (y, y + w),
            _ => (y - w / 2.0, y + w / 2.0),
        };
        return Box2 { x0: x + 0.04 * size, y0, x1: x + 0.88 * size, y1 };
    }
    let x0 = match anchor {
        "middle" => x - w / 2.0,
        "end" => x - w,
        _ => x,
    };
    Box2 { x0, y0: y - 0.12 * size, x1: x0 + w, y1: y + 1.08 * size }
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
    for (name, site) in sites() {
        every_value_is_on_the_charts_of(name, &site);
    }
}

fn every_value_is_on_the_charts_of(name: &str, site: &Site) {
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
                        .unwrap_or_else(|| panic!("{name}, {id} ({lang}): `{col}` value `{label}` not on the chart"));
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
fn amounts_are_never_stored_in_billions() {
    // Japanese has no billions: a column or a fact in billion_yen would have no Japanese unit
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.csv"), "period,revenue\nFY2022,518.6\n").unwrap();
    std::fs::write(
        dir.path().join("t.toml"),
        "# amounts\n[columns.revenue]\nunit = \"billion_yen\"\nlabel = \"series-revenue\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("facts.toml"), "[cash]\nvalue = \"12.5\"\nunit = \"bn_yen\"\n").unwrap();
    let err = Data::load(dir.path(), dir.path()).unwrap_err();
    let all = err.to_string();
    // the line and column of the unit's value
    for (file, line) in [("t.toml", 3), ("facts.toml", 3)] {
        assert!(all.contains(&format!("{}:8:", at(dir.path(), file, line))), "{file}:{line}:8 in {all}");
    }
    assert!(all.contains("unit \"billion_yen\" is for showing amounts only"), "{all}");
    assert!(all.contains("unit \"bn_yen\" is for showing amounts only"), "{all}");
    for e in err.flatten() {
        assert!(
            e.hint().is_some_and(|h| h.contains("unit=\"billion_yen\"")),
            "the hint says how to show billions: {e}"
        );
    }
}

#[test]
fn an_axis_unit_must_be_money_for_money() {
    let (dir, data) = million_yen_data(&format!("{MILLION_CHART}unit = \"percent\"\n"));
    let err = data.unwrap_err().to_string();
    assert!(err.contains(&at(dir.path(), "charts.toml", 1)) && err.contains("cannot be shown as percent"), "{err}");
}

// --- value labels with losses: inside the plot, off the zero line, bars, marks and each other ---

/// The plot of a cartesian chart as its SVG draws it: the horizontal grid lines give its left
/// and right ends, its top and bottom; the line of the tick `0` is the zero line.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    zero: Option<f64>,
    /// Bars: (series, box).
    bars: Vec<(String, Box2)>,
    /// Point marks of lines.
    marks: Vec<Box2>,
}

/// The `points` of a polyline or polygon.
fn points(n: &roxmltree::Node) -> Vec<(f64, f64)> {
    n.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn plot_of(doc: &roxmltree::Document) -> Plot {
    let mut grid: Vec<(f64, f64, f64)> = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("polyline")) {
        let stroke = n.attribute("stroke").unwrap_or("");
        let pts = points(&n);
        if (stroke == "#d9d9d9" || stroke == "#595959")
            && pts.len() == 2
            && pts[0].1 == pts[1].1
            && pts[1].0 - pts[0].0 > 100.0
        {
            grid.push((pts[0].0, pts[1].0, pts[0].1));
        }
    }
    assert!(grid.len() >= 2, "no grid");
    let left = grid.iter().map(|g| g.0).fold(f64::INFINITY, f64::min);
    let right = grid.iter().map(|g| g.1).fold(f64::NEG_INFINITY, f64::max);
    let top = grid.iter().map(|g| g.2).fold(f64::INFINITY, f64::min);
    let bottom = grid.iter().map(|g| g.2).fold(f64::NEG_INFINITY, f64::max);
    // the left tick `0` stands 0.42 font sizes above its grid line
    let zero = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && text_of(n) == "0" && n.attribute("text-anchor") == Some("end"))
        .map(|n| num(&n, "y") + 0.42 * num(&n, "font-size"))
        .find_map(|y| grid.iter().map(|g| g.2).find(|gy| (gy - y).abs() <= 1.0));
    let zero = zero.filter(|z| *z > top + 0.5 && *z < bottom - 0.5);
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("data-series").is_some())
        .map(|n| {
            let (x, y) = (num(&n, "x"), num(&n, "y"));
            (
                n.attribute("data-series").unwrap().to_string(),
                Box2 { x0: x, y0: y, x1: x + num(&n, "width"), y1: y + num(&n, "height") },
            )
        })
        .collect();
    let marks = doc
        .descendants()
        .filter(|n| n.attribute("data-point").is_some())
        .map(|n| {
            if n.has_tag_name("circle") {
                let (x, y, r) = (num(&n, "cx"), num(&n, "cy"), num(&n, "r"));
                Box2 { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
            } else {
                let pts = points(&n);
                Box2 {
                    x0: pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
                    y0: pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
                    x1: pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
                    y1: pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
                }
            }
        })
        .collect();
    Plot { left, right, top, bottom, zero, bars, marks }
}

/// The geometric rules of value labels, on one chart's SVG. Coordinates are whole units in
/// the SVG, so a comparison with a fixed line allows half a unit, one between two rounded
/// shapes a unit. Returns the number of value labels (near
/// the marks, and in rows under the axis).
fn value_labels_keep_their_place(what: &str, svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let plot = plot_of(&doc);
    let values: Vec<(String, String, Box2)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| Some((n.attribute("data-value-of")?.to_string(), text_of(&n), text_box(&n))))
        .collect();
    for (k, (series, text, b)) in values.iter().enumerate() {
        let at = format!("{what}: `{text}` ({series}) at {b:?}");
        // inside the plot, the band above it for the highest bars' labels included
        assert!(
            b.x0 >= plot.left - 2.5
                && b.x1 <= plot.right + 2.5
                && b.y0 >= plot.top - chart::LABEL_BAND - 0.5
                && b.y1 <= plot.bottom + 0.5,
            "{at} leaves the plot {}..{} x {}..{}",
            plot.left,
            plot.right,
            plot.top,
            plot.bottom
        );
        if let Some(z) = plot.zero {
            assert!(!(b.y0 < z - 0.5 && z + 0.5 < b.y1), "{at} crosses the zero line at {z}");
        }
        // off every bar but its own (the one of its series under or around it)
        let ink = b.ink().shrunk(1.0);
        let mid = (b.x0 + b.x1) / 2.0;
        let own = plot
            .bars
            .iter()
            .enumerate()
            .filter(|(_, (s, bar))| s == series && bar.x0 < b.x1 && b.x0 < bar.x1)
            .min_by(|(_, (_, p)), (_, (_, q))| {
                let d = |r: &Box2| ((r.x0 + r.x1) / 2.0 - mid).abs();
                d(p).total_cmp(&d(q))
            })
            .map(|(i, _)| i);
        for (i, (s, bar)) in plot.bars.iter().enumerate() {
            assert!(Some(i) == own || !ink.overlaps(bar), "{at} over the bar of `{s}` at {bar:?}");
        }
        for mark in &plot.marks {
            assert!(!b.shrunk(0.5).overlaps(mark), "{at} over a mark at {mark:?}");
        }
        // and apart from the other value labels
        for (_, other, o) in &values[k + 1..] {
            assert!(!b.grown(0.25).overlaps(&o.grown(0.25)), "{at} touches `{other}` at {o:?}");
        }
    }
    // rows of values under the plot, each under its slot
    let rows: Vec<Box2> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("data-row-of").is_some())
        .map(|n| text_box(&n))
        .collect();
    for b in &rows {
        assert!(b.y0 >= plot.bottom && b.x0 >= 0.0 && b.x1 <= f64::from(chart::WIDTH), "{what}: row value at {b:?}");
    }
    values.len() + rows.len()
}

#[test]
fn value_labels_keep_to_the_plot_on_both_sites() {
    for (name, site) in sites() {
        for (id, spec) in &site.data.charts {
            if spec.kind == ChartKind::Donut {
                continue;
            }
            for lang in Lang::ALL {
                let out = site.render(id, lang);
                value_labels_keep_their_place(&format!("{name}, {id} ({lang})"), &out.svg);
            }
        }
    }
}

/// A small generator of reproducible numbers (the same data sets on every run).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// Synthetic tables in 百万円 with losses, under every kind of cartesian chart, with a margin
/// line: every value has its label, and every label keeps its place.
#[test]
fn value_labels_keep_their_place_with_synthetic_losses() {
    let site = site();
    let mut numbers = Numbers(20261201);
    let kinds = ["grouped-bar", "bar-line", "line", "grouped-bar", "bar-line", "stacked-bar"];
    let mut checked = 0;
    for case in 0..36 {
        let kind = kinds[case % kinds.len()];
        let years = numbers.between(3, 6) as usize;
        let n_series = if kind == "bar-line" { numbers.between(1, 2) } else { numbers.between(1, 3) } as usize;
        let scale = [100, 2_000, 50_000, 300_000][numbers.between(0, 3) as usize];
        let mut csv = String::from("period,a,b,c,margin\n");
        for y in 0..years {
            let mut cells = vec![format!("FY{}", 2018 + y)];
            for _ in 0..3 {
                // a loss about one year in three, sometimes as deep as the profits are high
                let v = if numbers.between(0, 2) == 0 { -numbers.between(1, scale) } else { numbers.between(0, scale) };
                cells.push(if v < 0 { format!("△{}", -v) } else { v.to_string() });
            }
            let m = numbers.between(-120, 150) as f64 / 10.0;
            cells.push(format!("{m:.1}"));
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.csv"), &csv).unwrap();
        let mut sidecar = String::new();
        for (col, label) in [("a", "series-revenue"), ("b", "series-operating-income"), ("c", "series-net-income")] {
            sidecar.push_str(&format!("[columns.{col}]\nunit = \"million_yen\"\nlabel = \"{label}\"\n\n"));
        }
        sidecar.push_str("[columns.margin]\nunit = \"percent\"\nlabel = \"series-operating-margin\"\n");
        std::fs::write(dir.path().join("t.toml"), sidecar).unwrap();
        let series: Vec<String> = ["a", "b", "c"][..n_series].iter().map(|s| format!("\"{s}\"")).collect();
        let mut chart = format!(
            "[[chart]]\nid = \"x\"\nkind = \"{kind}\"\ndata = \"t\"\nseries = [{}]\ntitle = \"chart-turnover\"\n",
            series.join(", ")
        );
        if kind == "bar-line" {
            chart.push_str("line = [\"margin\"]\n");
        }
        std::fs::write(dir.path().join("charts.toml"), chart).unwrap();
        let data = Data::load(dir.path(), dir.path()).unwrap_or_else(|e| panic!("{e}\n{csv}"));
        for lang in Lang::ALL {
            let text = |key: &str| site.locales.text(lang, key, &[]);
            let out = chart::render(&data.charts["x"], &data, lang, &text, "").unwrap();
            let what = format!("case {case}, {kind} of {n_series} ({lang}):\n{csv}");
            let labels = value_labels_keep_their_place(&what, &out.svg);
            labels_apart_in_the_chart(&what, &out.svg);
            if kind == "bar-line" {
                let margins = data.tables["t"].column("margin").unwrap().values.iter().flatten().map(|v| v.value());
                axes_meet_at_zero(&what, &out.svg, &margins.collect::<Vec<_>>());
            }
            let doc = roxmltree::Document::parse(&out.svg).unwrap();
            let unlabelled = doc.descendants().any(|n| n.attribute("data-note") == Some("unlabelled"));
            assert!(!unlabelled, "{what}: values left without a label");
            // each bar and point has its label (stacked bars: the segments that have room)
            if kind != "stacked-bar" {
                let mut want = n_series * years;
                if kind == "bar-line" {
                    want += years;
                }
                assert_eq!(labels, want, "{what}: labels");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 72);
}

// --- axes of bars with a line: one zero line, nice ticks, room beyond the values -------------

/// A tick label as a number (`△2,000` is −2000; `5%`, `5` are 5).
fn tick_value(text: &str) -> Option<f64> {
    let t = text.replace(['△', '▲'], "-").replace(',', "");
    t.trim_end_matches('%').parse().ok()
}

/// The ticks of the left and the right value axis: (value, y of the grid line).
fn axis_ticks(doc: &roxmltree::Document, plot: &Plot) -> (Vec<(f64, f64)>, Vec<(f64, f64)>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("text") && n.attribute("data-value-of").is_none()) {
        let (x, size) = (num(&n, "x"), num(&n, "font-size"));
        let y = num(&n, "y") + 0.42 * size;
        if y < plot.top - 1.0 || y > plot.bottom + 1.0 || n.attribute("data-row-of").is_some() {
            continue;
        }
        let Some(v) = tick_value(&text_of(&n)) else { continue };
        if n.attribute("text-anchor") == Some("end") && x < plot.left {
            left.push((v, y));
        } else if n.attribute("text-anchor").is_none() && x > plot.right {
            right.push((v, y));
        }
    }
    (left, right)
}

/// Ticks step evenly by 1, 2 or 5 times a power of ten.
fn nice_ticks(what: &str, ticks: &[(f64, f64)]) {
    let mut t = ticks.to_vec();
    t.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(t.len() >= 3, "{what}: ticks {t:?}");
    let step = t[1].0 - t[0].0;
    for w in t.windows(2) {
        assert!((w[1].0 - w[0].0 - step).abs() <= step * 1e-6, "{what}: uneven ticks {t:?}");
    }
    let norm = step / 10f64.powf(step.log10().floor());
    assert!([1.0, 2.0, 5.0].iter().any(|n| (norm - n).abs() < 1e-6), "{what}: step {step} is not nice");
}

/// On a chart of bars with a line on a right axis, both axes put zero on the same grid line,
/// step by nice numbers, and reach beyond the line's values.
fn axes_meet_at_zero(what: &str, svg: &str, line: &[f64]) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let plot = plot_of(&doc);
    let (left, right) = axis_ticks(&doc, &plot);
    nice_ticks(&format!("{what}, left axis"), &left);
    nice_ticks(&format!("{what}, right axis"), &right);
    let zero = |t: &[(f64, f64)]| t.iter().find(|(v, _)| *v == 0.0).map(|(_, y)| *y);
    let (Some(l), Some(r)) = (zero(&left), zero(&right)) else { panic!("{what}: no zero tick: {left:?} {right:?}") };
    assert!((l - r).abs() <= 1.0, "{what}: left zero at {l}, right zero at {r}");
    let top = right.iter().map(|t| t.0).fold(f64::NEG_INFINITY, f64::max);
    let bottom = right.iter().map(|t| t.0).fold(f64::INFINITY, f64::min);
    for v in line {
        assert!(*v < top || *v <= 0.0, "{what}: {v} at or over the top tick {top}");
        assert!(*v > bottom || *v >= 0.0, "{what}: {v} at or under the bottom tick {bottom}");
    }
}

#[test]
fn bar_and_line_axes_share_their_zero_on_both_sites() {
    for (name, site) in sites() {
        for (id, spec) in &site.data.charts {
            if spec.kind != ChartKind::BarLine {
                continue;
            }
            let table = &site.data.tables[&spec.data];
            let line: Vec<f64> = spec
                .line
                .iter()
                .flat_map(|s| table.column(s).unwrap().values.iter().flatten().map(|v| v.value()))
                .collect();
            for lang in Lang::ALL {
                axes_meet_at_zero(&format!("{name}, {id} ({lang})"), &site.render(id, lang).svg, &line);
            }
        }
    }
}

// --- rows and columns without data -------------------------------------------------------------

/// Whether row `i` of `table` has a value in a series of the chart `spec`.
fn charted(table: &irsite::data::Table, spec: &irsite::data::ChartSpec, i: usize) -> bool {
    spec.series.iter().chain(&spec.line).chain(&spec.total).any(|c| table.column(c).unwrap().values[i].is_some())
}

/// A row of the table with no value in any series of a chart is no column on the chart and no
/// row of its data table (the example's PER and PBR have no forecast).
#[test]
fn periods_without_data_are_left_out() {
    let (_, example) = sites().pop().unwrap();
    let mut left_out = 0;
    for (name, site) in sites() {
        for (id, spec) in &site.data.charts {
            let table = &site.data.tables[&spec.data];
            let filled = (0..table.rows.len()).filter(|&i| charted(table, spec, i)).count();
            left_out += table.rows.len() - filled;
            for lang in Lang::ALL {
                let out = site.render(id, lang);
                let body = &out.html[out.html.find("<tbody>").unwrap()..];
                assert_eq!(body.matches("<tr>").count(), filled, "{name}, {id} ({lang}): rows of the data table");
            }
        }
    }
    assert!(left_out >= 1, "some chart has a row without data");
    let ja = example.render("per-pbr", Lang::Ja);
    let t = texts(&roxmltree::Document::parse(&ja.svg).unwrap());
    assert!(t.iter().any(|x| x.contains("23")) && !t.iter().any(|x| x.contains("24")), "{t:?}");
    assert!(!ja.svg.contains("予想"), "no forecast column, nor its legend");
}
