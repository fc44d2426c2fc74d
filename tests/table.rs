//! The `table` shortcode, built on copies of the two sites: the fictional example (December
//! year-end, 決算期 labels, 百万円, a loss year, a forecast) and the first site (年度, 億円,
//! a category table). The pages are read with an HTML parser; each cell is compared with the
//! data file as written and with what `fig` prints for the same figure on the same page.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{build, copy_dir, read, repo, stderr};
use scraper::{ElementRef, Html, Selector};

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn within<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: ElementRef) -> String {
    element.text().collect::<String>()
}

/// A parsed table: the corner, column headers (without the corner), and each row's header with
/// its cells (text, `data-value`, classes).
struct Parsed {
    corner: String,
    head: Vec<String>,
    head_classes: Vec<String>,
    rows: Vec<(String, Vec<Cell>)>,
}

struct Cell {
    text: String,
    value: Option<String>,
    class: String,
}

/// The table whose caption is `caption` on the page, checked for the markup every table has.
fn table(html: &Html, caption: &str) -> Parsed {
    let tables = select(html, "table.figure-table");
    let table = tables
        .iter()
        .find(|t| within(**t, "caption").first().map(|c| text(*c)) == Some(caption.to_string()))
        .unwrap_or_else(|| panic!("no table captioned {caption:?}"));
    assert!(
        table
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().has_class("table-scroll", scraper::CaseSensitivity::CaseSensitive)),
        "{caption}: the table scrolls in its box"
    );
    let head: Vec<ElementRef> = within(*table, "thead th");
    assert!(head.iter().all(|th| th.value().attr("scope") == Some("col")), "{caption}: column headers");
    let mut rows = Vec::new();
    for tr in within(*table, "tbody tr") {
        let th = within(tr, "th");
        assert_eq!(th.len(), 1, "{caption}: one row header a row");
        assert_eq!(th[0].value().attr("scope"), Some("row"));
        let cells = within(tr, "td")
            .into_iter()
            .map(|td| Cell {
                text: text(td),
                value: td.value().attr("data-value").map(str::to_string),
                class: td.value().attr("class").unwrap_or("").to_string(),
            })
            .collect::<Vec<_>>();
        assert_eq!(cells.len(), head.len() - 1, "{caption}: one cell a column");
        rows.push((text(th[0]), cells));
    }
    Parsed {
        corner: text(head[0]),
        head: head[1..].iter().map(|h| text(*h)).collect(),
        head_classes: head[1..].iter().map(|h| h.value().attr("class").unwrap_or("").to_string()).collect(),
        rows,
    }
}

/// The texts of the `fig` spans of the paragraph that starts with `marker`.
fn figs_after(html: &Html, marker: &str) -> Vec<String> {
    let p = select(html, "p")
        .into_iter()
        .find(|p| text(*p).starts_with(marker))
        .unwrap_or_else(|| panic!("no paragraph {marker}"));
    within(p, "span.fig").into_iter().map(text).collect()
}

/// The cells of a CSV file of the data, as written: (row id, column) → cell.
fn csv_cells(path: &Path) -> BTreeMap<(String, String), String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let mut cells = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        for (i, column) in header.iter().enumerate().skip(1) {
            cells.insert((record[0].to_string(), column.clone()), record[i].to_string());
        }
    }
    cells
}

/// A cell as written in the CSV, as the number the page's `data-value` gives (`△1254` is
/// `-1254`).
fn as_number(cell: &str) -> Option<String> {
    if cell.is_empty() {
        return None;
    }
    Some(cell.replace(['△', '▲'], "-"))
}

/// A temp copy of the example site with `extra` added to the end of its results pages.
fn example_with(ja: &str, en: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/harukaze-foods"), dir.path());
    for (lang, extra) in [("ja", ja), ("en", en)] {
        let page = dir.path().join(format!("content/{lang}/results.md"));
        let body = read(&page);
        fs::write(&page, format!("{body}\n\n{extra}\n")).unwrap();
    }
    dir
}

fn built(site: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = build(site, &out.path().join("public"), &["--today", "2024-04-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

fn page(out: &Path, lang: &str, name: &str) -> Html {
    Html::parse_document(&read(&out.join("public").join(lang).join(name).join("index.html")))
}

const COLUMNS: [&str; 5] = ["revenue", "revenue_yoy", "operating_income", "operating_margin", "net_income"];
const PERIODS: [&str; 4] = ["FY2020", "FY2021", "FY2023", "FY2024"];

/// `fig` references of the same cells, column by column, with `args` added to each.
fn figs(table: &str, columns: &[&str], periods: &[&str], args: &str) -> String {
    let mut out = String::from("FIGS");
    for column in columns {
        for period in periods {
            out.push_str(&format!(" {{{{ fig(id=\"{table}.{column}\", period=\"{period}\"{args}) }}}}"));
        }
    }
    out
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

#[test]
fn cells_equal_the_data_and_the_fig_output_with_negatives_and_forecast_marks() {
    let shortcode = format!(
        "{{{{ table(data=\"results\", caption=\"CAPTION\", columns=[{}], periods=[{}]) }}}}\n\n{}",
        list(&COLUMNS),
        list(&PERIODS),
        figs("results", &COLUMNS, &PERIODS, "")
    );
    let site = example_with(&shortcode, &shortcode);
    let out = built(site.path());
    let data = csv_cells(&site.path().join("content/data/results.csv"));
    for lang in ["ja", "en"] {
        let html = page(out.path(), lang, "results");
        let t = table(&html, "CAPTION");
        // Periods as columns, named by the site's calendar (December year-end, 決算期), the
        // forecast marked in its header and its cells.
        let (headers, forecast, corner) = match lang {
            "ja" => (["2020年12月期", "2021年12月期", "2023年12月期", "2024年12月期（予想）"], "（予想）", "項目"),
            _ => (["FY2020", "FY2021", "FY2023", "FY2024 (Forecast)"], " (Forecast)", "Item"),
        };
        assert_eq!(t.head, headers, "{lang}");
        assert_eq!(t.corner, corner);
        assert!(t.head[3].ends_with(forecast));
        assert_eq!(t.head_classes, ["period", "period", "period", "period status-forecast"], "{lang}");
        // Rows are the columns of the data, labelled from the sidecar's keys.
        let labels: Vec<&str> = t.rows.iter().map(|(label, _)| label.as_str()).collect();
        let expected = match lang {
            "ja" => ["売上高", "売上高 前期比", "営業利益", "営業利益率", "親会社株主に帰属する当期純利益"],
            _ => [
                "Net sales",
                "Net sales, year on year",
                "Operating income",
                "Operating margin",
                "Net income attributable to owners of the parent",
            ],
        };
        assert_eq!(labels, expected, "{lang}");
        let fig_texts = figs_after(&html, "FIGS");
        assert_eq!(fig_texts.len(), COLUMNS.len() * PERIODS.len());
        for (r, column) in COLUMNS.iter().enumerate() {
            for (c, period) in PERIODS.iter().enumerate() {
                let cell = &t.rows[r].1[c];
                let stored = &data[&(period.to_string(), column.to_string())];
                assert_eq!(cell.value, as_number(stored), "{lang} {column} {period}: data-value is the data");
                assert_eq!(cell.text, fig_texts[r * PERIODS.len() + c], "{lang} {column} {period}: as fig prints it");
                assert_eq!(cell.class.contains("status-forecast"), *period == "FY2024", "{lang} {column} {period}");
                let negative = stored.starts_with('△');
                assert_eq!(cell.class.contains("negative"), negative, "{lang} {column} {period}");
                if negative {
                    let sign = if lang == "ja" { '△' } else { '-' };
                    assert!(cell.text.starts_with(sign), "{lang} {column} {period}: {}", cell.text);
                }
            }
        }
    }
    // The loss year, spelled out: ja as Japanese filings print it.
    let ja = table(&page(out.path(), "ja", "results"), "CAPTION");
    assert_eq!(ja.rows[2].1[1].text, "△1,254百万円");
    assert_eq!(ja.rows[3].1[1].text, "△0.9%");
    let en = table(&page(out.path(), "en", "results"), "CAPTION");
    assert_eq!(en.rows[2].1[1].text, "-¥1,254 million");
}

#[test]
fn another_money_unit_and_units_in_the_header() {
    let columns = ["revenue", "operating_income", "operating_margin"];
    let periods = ["FY2021", "FY2022"];
    let body = |units: &str| {
        format!(
            "{{{{ table(data=\"results\", caption=\"OKU\", columns=[{c}], periods=[{p}], unit_ja=\"oku_yen\", unit_en=\"billion_yen\") }}}}\n\n\
             {{{{ table(data=\"results\", caption=\"HEADER\", columns=[{c}], periods=[{p}], units=\"header\"{units}) }}}}\n\n{}",
            figs("results", &columns[..2], &periods, ", unit_ja=\"oku_yen\", unit_en=\"billion_yen\""),
            c = list(&columns),
            p = list(&periods),
        )
    };
    let site = example_with(&body(""), &body(""));
    let out = built(site.path());
    for lang in ["ja", "en"] {
        let html = page(out.path(), lang, "results");
        let oku = table(&html, "OKU");
        let fig_texts = figs_after(&html, "FIGS");
        for r in 0..2 {
            for c in 0..2 {
                assert_eq!(oku.rows[r].1[c].text, fig_texts[r * 2 + c], "{lang}: a converted cell is fig's");
            }
        }
        // The margin is not money: unit= leaves it as it is.
        assert!(oku.rows[2].1.iter().all(|c| c.text.ends_with('%')));
        let header = table(&html, "HEADER");
        let labels: Vec<&str> = header.rows.iter().map(|(l, _)| l.as_str()).collect();
        match lang {
            "ja" => {
                assert_eq!(oku.rows[0].1[0].text, "1,395.77億円");
                assert_eq!(labels, ["売上高（百万円）", "営業利益（百万円）", "営業利益率（%）"]);
                assert_eq!(header.rows[1].1[0].text, "△1,254");
                assert_eq!(header.rows[2].1[0].text, "△0.9");
            }
            _ => {
                assert_eq!(oku.rows[0].1[0].text, "¥139.577 billion");
                assert_eq!(labels, ["Net sales (¥ million)", "Operating income (¥ million)", "Operating margin (%)"]);
                assert_eq!(header.rows[1].1[0].text, "-1,254");
            }
        }
        assert_eq!(header.rows[0].1[1].text, "151,260");
        assert_eq!(header.rows[0].1[1].value.as_deref(), Some("151260"));
    }
}

#[test]
fn transposed_tables_ranges_and_latest() {
    let body = "{{ table(data=\"results\", caption=\"LAST\", columns=[\"revenue\"], last=3) }}\n\n\
                {{ table(data=\"cumulative\", caption=\"RANGE\", columns=[\"revenue\", \"net_income\"], from=\"FY2022Q2YTD\", to=\"FY2023Q1\", transpose=true) }}\n\n\
                {{ table(data=\"segment-profit\", caption=\"ALL\", transpose=true, units=\"header\") }}\n\n\
                {{ table(data=\"results\", caption=\"LATEST\", columns=[\"net_income\"], periods=[\"latest-1\", \"latest\"]) }}";
    let site = example_with(body, body);
    let out = built(site.path());
    let html = page(out.path(), "ja", "results");
    // last=3: the three latest actual years; the forecast year is not one of them.
    assert_eq!(table(&html, "LAST").head, ["2021年12月期", "2022年12月期", "2023年12月期"]);
    let range = table(&html, "RANGE");
    assert_eq!(range.corner, "期間");
    assert_eq!(range.head, ["売上高", "親会社株主に帰属する当期純利益"]);
    let rows: Vec<&str> = range.rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(rows, ["2022年12月期 第2四半期累計", "2022年12月期 第3四半期累計", "2023年12月期 第1四半期"]);
    // Every column and row of the data, periods as rows.
    let all = table(&html, "ALL");
    assert_eq!(all.rows.len(), 6);
    assert!(all.rows[5].0.ends_with("（予想）"), "{}", all.rows[5].0);
    assert!(all.head.iter().all(|h| h.ends_with("（百万円）")), "{:?}", all.head);
    assert_eq!(all.rows[0].1[3].text, "△2,100");
    assert_eq!(table(&html, "LATEST").head, ["2022年12月期", "2023年12月期"]);
    let en = page(out.path(), "en", "results");
    let range = table(&en, "RANGE");
    assert_eq!(range.corner, "Period");
    assert_eq!(range.rows[0].0, "Q1–Q2 FY2022");
}

#[test]
fn category_tables_and_empty_cells_on_the_first_site() {
    let dir = tempfile::tempdir().unwrap();
    for part in ["site.toml", "content", "locales"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(part));
        } else {
            fs::copy(&from, dir.path().join(part)).unwrap();
        }
    }
    let body = "{{ table(data=\"operating-income-assumptions\", caption=\"CATEGORIES\", transpose=true) }}\n\n\
                {{ table(data=\"consolidated-results\", caption=\"EMPTY\", columns=[\"operating_income_yoy\"], periods=[\"FY2019\", \"FY2020\"]) }}";
    for lang in ["ja", "en"] {
        let path = dir.path().join(format!("content/{lang}/results.md"));
        fs::write(&path, format!("{}\n\n{body}\n", read(&path))).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let output = build(dir.path(), &out.path().join("public"), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = page(out.path(), "ja", "results");
    let t = table(&html, "CATEGORIES");
    assert_eq!(t.corner, "区分");
    assert_eq!(t.head, ["営業利益", "営業利益率"]);
    assert_eq!(t.rows[1].0, "2021年度期初想定（2021年5月）");
    assert_eq!(t.rows[1].1[0].text, "175億円");
    assert_eq!(t.rows[1].1[1].text, "7.7%");
    // The deck gives no FY2019 rate: the cell says so, with no value.
    let empty = table(&html, "EMPTY");
    assert_eq!(empty.rows[0].1[0].text, "—");
    assert_eq!(empty.rows[0].1[0].value, None);
    assert_eq!(empty.rows[0].1[1].text, "+73.2%");
    let en = table(&page(out.path(), "en", "results"), "CATEGORIES");
    assert_eq!(en.rows[1].1[0].text, "¥17.5 billion");
}

/// Builds the example with `shortcode` on line 8 of a page of its own, expecting failure; the
/// error output.
fn failure(shortcode: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/harukaze-foods"), dir.path());
    let page = "+++\ntitle = \"T\"\ndescription = \"D\"\nweight = 90\n+++\nprose\n\n";
    for lang in ["ja", "en"] {
        fs::write(dir.path().join(format!("content/{lang}/table-errors.md")), format!("{page}{shortcode}\n")).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let output = build(dir.path(), &out.path().join("public"), &["--today", "2024-04-01"]);
    assert!(!output.status.success(), "{shortcode} builds");
    assert!(!out.path().join("public").exists(), "a failed build writes no site");
    stderr(&output)
}

#[test]
fn errors_name_file_line_column_and_a_hint() {
    let cases = [
        (
            "{{ table(data=\"resuls\", caption=\"C\") }}",
            "unknown data table `resuls`",
            "data tables in content/data/: balance-sheet",
        ),
        (
            "{{ table(data=\"results\", caption=\"C\", columns=[\"revenue\", \"profit\"]) }}",
            "table `results` has no column `profit`",
            "columns: revenue, revenue_yoy",
        ),
        (
            "{{ table(data=\"results\", caption=\"C\", periods=[\"FY2018\"]) }}",
            "no row `FY2018`",
            "rows of `results`: FY2019",
        ),
        ("{{ table(data=\"results\", caption=\"C\", periods=[\"2023\"]) }}", "`2023` is not a period id", "FY2023Q1"),
        ("{{ table(data=\"results\", caption=\"C\", last=9) }}", "last=9", "rows of `results`"),
        (
            "{{ table(data=\"results\", caption=\"C\", colums=[\"revenue\"]) }}",
            "has no argument `colums`",
            "arguments of `table`",
        ),
        (
            "{{ table(data=\"results\", caption=\"C\", last=2, periods=[\"FY2023\"]) }}",
            "give one of",
            "arguments of `table`",
        ),
        ("{{ table(data=\"results\", columns=[\"revenue\"]) }}", "`table` needs caption=", "e.g. {{ table("),
        ("{{ table(data=\"results\", caption=\"C\", units=\"below\") }}", "units=\"below\"", "arguments of `table`"),
        (
            "{{ table(data=\"results\", caption=\"C\", columns=[\"operating_margin\"], unit=\"oku_yen\") }}",
            "money columns",
            "unit= applies",
        ),
        ("{{ table(data=\"results\", caption=\"C\", unit=\"percent\") }}", "percent", "unit= applies"),
        ("{{ table(data=\"results\", caption=\"C\", categories=[\"food\"]) }}", "has periods", "categories= picks"),
    ];
    for (shortcode, message, hint) in cases {
        let err = failure(shortcode);
        assert!(err.contains(message), "{shortcode}: {err}");
        assert!(err.contains(hint), "{shortcode}: {err}");
        // The page, the line and the column of the shortcode (line 8 of the file: after the
        // five front-matter lines, the prose and a blank line).
        assert!(err.contains("content/ja/table-errors.md:8:1"), "{shortcode}: {err}");
    }
    // A table must stand alone, like a chart.
    let err = failure("see {{ table(data=\"results\", caption=\"C\") }}");
    assert!(err.contains("must stand on a line of its own") && err.contains("table-errors.md:8:5"), "{err}");
}

/// Every cell of a table is a use of its figure in `irsite figures`, at the shortcode's line,
/// with the text the page shows.
#[test]
fn table_cells_are_listed_as_uses_of_their_figures() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/harukaze-foods"), dir.path());
    let page = read(&dir.path().join("content/ja/financial-position.md"));
    let line = page.lines().position(|l| l.starts_with("{{ table(data=\"balance-sheet\"")).expect("the table") + 1;
    let output = common::irsite(dir.path(), &["figures", "--format", "csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let field =
        |record: &csv::StringRecord, name: &str| record[header.iter().position(|h| h == name).unwrap()].to_string();
    let uses: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| field(r, "page") == "financial-position" && field(r, "lang") == "ja")
        .filter(|r| field(r, "line") == line.to_string())
        .collect();
    // Five columns of five years, each a use with the text of its cell (units in the header).
    assert_eq!(uses.len(), 25, "{line}");
    let assets = uses
        .iter()
        .find(|r| field(r, "figure") == "balance-sheet.total_assets" && field(r, "row") == "FY2019")
        .expect("total assets of FY2019");
    assert_eq!(field(assets, "text"), "132,400");
}
