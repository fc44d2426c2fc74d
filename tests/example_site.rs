//! The second example site, examples/harukaze-foods: a fictional company with a December
//! year-end, amounts in 百万円, a loss year, cumulative quarters and PER in 倍. The real binary
//! builds it and checks it; the pages are read back and compared with the data files, which
//! are also checked for being consistent with themselves (totals, margins, per-share figures).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn site_root() -> PathBuf {
    repo().join("examples/harukaze-foods")
}

/// The build date tests/run-all.sh gives the example site, so that its IR calendar splits
/// the same way on every run.
const TODAY: &str = "2024-04-01";

/// The site built once for all the tests of this file.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-site");
        let result = build(&site_root(), &out, &["--today", TODAY]);
        assert!(result.status.success(), "the example site does not build:\n{}", stderr(&result));
        out
    })
}

fn page(lang: &str, page: &str) -> String {
    read(&built().join(lang).join(page).join("index.html"))
}

/// The pages of the example site, as their folder under a language ("" is the home page).
fn pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(site_root().join("content/ja"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            if stem == "_index" {
                String::new()
            } else {
                stem
            }
        })
        .collect();
    pages.sort();
    pages
}

/// A data table as written: row id → column → the cell as printed (empty cells left out).
type Cells = BTreeMap<String, BTreeMap<String, String>>;

fn table(name: &str) -> Cells {
    let path = site_root().join("content/data").join(format!("{name}.csv"));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    let mut rows = Cells::new();
    for record in reader.records() {
        let record = record.unwrap();
        let mut cells = BTreeMap::new();
        for (header, cell) in headers.iter().zip(record.iter()).skip(1) {
            if !cell.is_empty() {
                cells.insert(header.to_string(), cell.to_string());
            }
        }
        rows.insert(record[0].to_string(), cells);
    }
    rows
}

fn value(cells: &Cells, row: &str, column: &str) -> Option<f64> {
    cells.get(row).and_then(|r| r.get(column)).map(|c| csv_number(c))
}

fn get(cells: &Cells, row: &str, column: &str) -> f64 {
    value(cells, row, column).unwrap_or_else(|| panic!("no {column} for {row}"))
}

/// `x` rounded to `decimals` as a printed figure would be.
fn rounded(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

fn assert_close(what: &str, printed: f64, computed: f64, decimals: i32) {
    let tolerance = 0.5 * 10f64.powi(-decimals) + 1e-9;
    assert!((printed - computed).abs() <= tolerance, "{what}: printed {printed}, computed {computed}");
}

/// Digits grouped by thousands, as both languages print amounts.
fn grouped(x: f64) -> String {
    let digits = format!("{}", x.abs().round() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_invented_figures_are_consistent_with_each_other() {
    let results = table("results");
    let segment_revenue = table("segment-revenue");
    let segment_profit = table("segment-profit");
    let balance = table("balance-sheet");
    let cash = table("cash-flows");
    let per_share = table("per-share");
    let cumulative = table("cumulative");

    for (period, row) in &results {
        let revenue = get(&results, period, "revenue");
        let segments: f64 = segment_revenue[period].values().map(|c| csv_number(c)).sum();
        assert_eq!(segments, revenue, "{period}: segment sales add up to net sales");
        let profit: f64 = segment_profit[period].values().map(|c| csv_number(c)).sum();
        assert_eq!(profit, get(&results, period, "operating_income"), "{period}: segment profit + adjustment");
        let margin = 100.0 * get(&results, period, "operating_income") / revenue;
        assert_close(&format!("{period} operating margin"), get(&results, period, "operating_margin"), margin, 1);
        assert!(row.contains_key("net_income"));
    }
    // year on year from the previous row (FY2019's base year is not in the table)
    let periods: Vec<&String> = results.keys().collect();
    for pair in periods.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        let rate = 100.0 * (get(&results, after, "revenue") / get(&results, before, "revenue") - 1.0);
        assert_close(&format!("{after} sales yoy"), get(&results, after, "revenue_yoy"), rate, 1);
    }
    let mut cash_end: Option<f64> = None;
    for period in balance.keys() {
        let ratio = 100.0 * get(&balance, period, "equity") / get(&balance, period, "total_assets");
        assert_close(&format!("{period} equity ratio"), get(&balance, period, "equity_ratio"), ratio, 1);
        assert!(get(&balance, period, "net_assets") > get(&balance, period, "equity"));
        let flows = get(&cash, period, "operating") + get(&cash, period, "investing");
        assert_eq!(get(&cash, period, "free"), flows, "{period}: free cash flow");
        if let Some(previous) = cash_end {
            let expected = previous + flows + get(&cash, period, "financing");
            assert_eq!(get(&cash, period, "cash_end"), expected, "{period}: cash at year-end");
        }
        cash_end = Some(get(&cash, period, "cash_end"));
    }
    let mut equity_before = 66_200.0; // equity at the start of FY2019, stated in the sidecar
    for period in per_share.keys() {
        let net_income = get(&results, period, "net_income") * 1e6;
        let eps = net_income / get(&per_share, period, "average_shares");
        assert_close(&format!("{period} EPS"), get(&per_share, period, "eps"), eps, 2);
        let payout = value(&per_share, period, "payout_ratio");
        if eps > 0.0 {
            let expected = 100.0 * get(&per_share, period, "dividend") / rounded(eps, 2);
            assert_close(&format!("{period} payout"), payout.unwrap(), expected, 1);
        } else {
            assert_eq!(payout, None, "{period}: no payout ratio in a loss year");
            assert_eq!(value(&per_share, period, "per"), None, "{period}: no PER in a loss year");
        }
        let Some(equity) = value(&balance, period, "equity") else { continue };
        let bps = equity * 1e6 / get(&per_share, period, "year_end_shares");
        assert_close(&format!("{period} BPS"), get(&per_share, period, "bps"), bps, 2);
        let price = get(&per_share, period, "share_price");
        if eps > 0.0 {
            assert_close(&format!("{period} PER"), get(&per_share, period, "per"), price / rounded(eps, 2), 1);
        }
        assert_close(&format!("{period} PBR"), get(&per_share, period, "pbr"), price / rounded(bps, 2), 2);
        let roe = 100.0 * net_income / 1e6 / ((equity_before + equity) / 2.0);
        assert_close(&format!("{period} ROE"), get(&per_share, period, "roe"), roe, 1);
        equity_before = equity;
    }
    for year in ["FY2022", "FY2023"] {
        let mut before = 0.0;
        for part in ["Q1", "Q2YTD", "Q3YTD"] {
            let period = format!("{year}{part}");
            let revenue = get(&cumulative, &period, "revenue");
            assert!(revenue > before, "{period}: cumulative sales grow");
            before = revenue;
            let margin = 100.0 * get(&cumulative, &period, "operating_income") / revenue;
            assert_close(&format!("{period} margin"), get(&cumulative, &period, "operating_margin"), margin, 1);
        }
        assert!(before < get(&results, year, "revenue"), "{year}: nine months are less than the year");
    }
}

#[test]
fn check_passes() {
    let result = irsite(&site_root(), &["check"]);
    assert!(result.status.success(), "check fails on the example site:\n{}", stderr(&result));
}

#[test]
fn every_page_says_the_company_is_fictional() {
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(built()) {
        let path = entry.unwrap().into_path();
        if path.file_name().is_none_or(|n| n != "index.html") || path.parent() == Some(built()) {
            continue;
        }
        let rel = path.strip_prefix(built()).unwrap();
        let html = read(&path);
        if rel.starts_with("ja") {
            assert!(html.contains("架空の会社"), "{} does not say the company is fictional", rel.display());
        } else {
            assert!(html.contains("fictional company"), "{} does not say the company is fictional", rel.display());
        }
        seen += 1;
    }
    assert!(seen >= 2 * pages().len(), "{seen} pages");
}

/// The text of every `<th>` of the first `<table>` after `anchor` (an id or a caption).
fn table_headers(html: &str, anchor: &str) -> Vec<String> {
    let start = html.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}"));
    let rest = &html[start..];
    let table = &rest[rest.find("<table").expect("a table")..];
    let table = &table[..table.find("</table>").unwrap() + "</table>".len()];
    // An HTML parser: table headers may hold void elements such as <wbr>.
    let doc = scraper::Html::parse_fragment(table);
    doc.select(&scraper::Selector::parse("th").unwrap())
        .map(|th| th.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn fiscal_years_are_labelled_kessanki_in_japanese_and_fy_in_english() {
    let ja = page("ja", "results");
    let en = page("en", "results");
    let headers = table_headers(&ja, "id=\"five-years\"");
    for year in 2019..=2023 {
        assert!(
            headers.iter().any(|h| h.contains(&format!("{year}年12月期"))),
            "ja table header lacks {year}年12月期: {headers:?}"
        );
        let headers = table_headers(&en, "id=\"five-years\"");
        assert!(
            headers.iter().any(|h| h.contains(&format!("FY{year}"))),
            "en table header lacks FY{year}: {headers:?}"
        );
    }
    for page_dir in pages() {
        let ja = page("ja", &page_dir);
        let en = page("en", &page_dir);
        let nendo = ja.match_indices("年度").any(|(i, _)| ja[..i].ends_with(|c: char| c.is_ascii_digit()));
        assert!(!nendo, "ja/{page_dir}: a 年度 period label on a kessanki site");
        assert!(!en.contains("年12月期"), "en/{page_dir}: a Japanese period label on an English page");
    }
    // cumulative quarters have their own labels
    let headers = table_headers(&ja, "id=\"cumulative\"");
    assert!(headers.iter().any(|h| h.contains("第2四半期累計") || h.contains("2Q累計")), "{headers:?}");
    assert!(headers.iter().any(|h| h.contains("第3四半期累計") || h.contains("3Q累計")), "{headers:?}");
}

#[test]
fn amounts_read_in_million_yen_and_losses_carry_their_sign() {
    let results = table("results");
    let loss = get(&results, "FY2021", "operating_income");
    let net_loss = get(&results, "FY2021", "net_income");
    assert!(loss < 0.0 && net_loss < 0.0, "FY2021 is the loss year");
    let ja = page("ja", "results");
    let en = page("en", "results");
    // a signed figure in prose and tables: △ in Japanese, a minus in English
    assert!(ja.contains(&format!("△{}", grouped(loss))), "ja: no △{}", grouped(loss));
    assert!(
        en.contains(&format!("-¥{} million", grouped(loss))) || en.contains(&format!("−¥{} million", grouped(loss)))
    );
    // abs=true: the magnitude, for a sentence that already says "loss"
    assert!(ja.contains(&format!("{}百万円</span>の営業損失", grouped(loss))), "ja: abs=true");
    assert!(en.contains(&format!("an operating loss of <span class=\"fig\">¥{} million</span>", grouped(loss))));
    assert!(ja.contains("百万円"));
    assert!(!ja.contains("億円"), "no amount of this site is in 億円");
    // every chart of amounts captions its axis in 百万円 / ¥ million
    let charts_ja = charts(&page("ja", "segments"));
    assert!(charts_ja.iter().all(|svg| svg.contains("百万円")), "ja segment charts without 百万円");
    let charts_en = charts(&page("en", "segments"));
    assert!(charts_en.iter().all(|svg| svg.contains("¥ million")), "en segment charts without ¥ million");
}

#[test]
fn per_reads_in_times() {
    let per = table("per-share")["FY2023"]["per"].clone();
    let ja = page("ja", "shareholder-returns");
    let en = page("en", "shareholder-returns");
    assert!(ja.contains(&format!("{per}倍")), "ja: PER {per}倍");
    assert!(en.contains(&format!("{per}x")) || en.contains(&format!("{per} times")), "en: PER {per}x");
}

/// The inline SVG of every chart of a page.
fn charts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        let svg = &rest[start..end];
        if svg.contains("role=\"img\"") {
            out.push(svg.to_string());
        }
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_chart_is_shown_once_per_language_and_parses() {
    let spec = read(&site_root().join("content/data/charts.toml"));
    let defined = spec.lines().filter(|l| l.trim() == "[[chart]]").count();
    assert!(defined >= 4, "at least four charts");
    for lang in ["ja", "en"] {
        let mut shown = 0;
        for page_dir in pages() {
            for svg in charts(&page(lang, &page_dir)) {
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang}/{page_dir}: {e}"));
                shown += 1;
            }
        }
        assert_eq!(shown, defined, "{lang}: every chart on exactly one page");
    }
    assert_eq!(broken_links(built()), Vec::<String>::new());
}

/// The front matter of every Japanese news entry: (path under news/, `english` status, front matter).
fn news_entries() -> Vec<(String, String, toml::Table)> {
    let dir = site_root().join("content/ja/news");
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = read(&path);
        let front = text.split("+++").nth(1).expect("front matter");
        let table: toml::Table = front.parse().unwrap();
        let rel = path.strip_prefix(&dir).unwrap().with_extension("").to_str().unwrap().to_string();
        entries.push((rel, table["english"].as_str().unwrap().to_string(), table));
    }
    entries
}

/// The list pages of a language's news section, first page first.
fn news_list(lang: &str) -> String {
    let mut html = page(lang, "news");
    let mut number = 2;
    while built().join(lang).join(format!("news/page/{number}/index.html")).is_file() {
        html.push_str(&page(lang, &format!("news/page/{number}")));
        number += 1;
    }
    html
}

#[test]
fn every_disclosure_is_on_the_english_list_with_its_status() {
    let entries = news_entries();
    let statuses: Vec<&str> = entries.iter().map(|(_, s, _)| s.as_str()).collect();
    for status in ["full", "summary", "delayed", "japanese-only"] {
        assert!(statuses.contains(&status), "the example has a {status} entry");
    }
    let en = news_list("en");
    for (rel, status, front) in &entries {
        let link = format!("news/{rel}/\"");
        let item = en
            .split("<li class=\"news-item\">")
            .find(|item| item.contains(&link))
            .unwrap_or_else(|| panic!("{rel} is not on the English list"));
        assert!(item.contains(&format!("news-status-{status}")), "{rel}: status {status}");
        match status.as_str() {
            "japanese-only" => {
                assert!(item.contains(&format!("../../ja/news/{rel}/\" hreflang=\"ja\"")), "{rel}: links to Japanese");
                assert!(!site_root().join("content/en/news").join(format!("{rel}.md")).exists());
            }
            "delayed" => {
                let date = front["english_date"].as_datetime().unwrap().date.unwrap();
                assert!(date.year == 2024 && item.contains("Delayed"), "{rel}: {item}");
            }
            _ => assert!(item.contains(&format!("../../en/news/{rel}/\"")), "{rel}: links to its English page"),
        }
    }
    assert_eq!(en.matches("<li class=\"news-item\">").count(), entries.len(), "no entry dropped or doubled");
    // The Japanese list tells its readers where an English version exists, and links it.
    let ja = news_list("ja");
    for (rel, status, _) in &entries {
        let item = ja
            .split("<li class=\"news-item\">")
            .map(|item| item.split("</li>").next().unwrap())
            .find(|item| item.contains(&format!("../../ja/news/{rel}/\"")))
            .unwrap_or_else(|| panic!("{rel} is not on the Japanese list"));
        if status == "japanese-only" {
            assert!(!item.contains("news-status") && !item.contains("/en/news/"), "{rel}: {item}");
        } else {
            let status_link = between(item, &format!("news-status-{status}\"><a href=\""), "</a>");
            let target = status_link.trim_start_matches("../");
            assert!(target.starts_with(&format!("en/news/{rel}/\" hreflang=\"en\">")), "{rel}: {item}");
        }
    }
}

#[test]
fn the_feeds_are_atom_with_absolute_links() {
    let entries = news_entries();
    for lang in ["ja", "en"] {
        let xml = read(&built().join(lang).join("news/feed.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        let ids: Vec<&str> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| e.children().find(|n| n.has_tag_name("id")).unwrap().text().unwrap())
            .collect();
        assert_eq!(ids.len(), entries.len(), "{lang}: one feed entry per disclosure");
        assert!(ids.iter().all(|id| id.starts_with("https://harukaze.example.com/")), "{lang}: {ids:?}");
    }
}

/// The segment-profit chart's note points to the table on its page: the table is there, with
/// the adjustment row the chart leaves out, in both languages.
#[test]
fn the_segment_profit_note_points_to_a_table_with_the_adjustment() {
    for (lang, note, adjustment) in [
        ("ja", "調整額（全社費用）はページ内の表に記載しています。", "調整額"),
        ("en", "The adjustment (corporate expenses) is in the table on this page.", "Adjustment"),
    ] {
        let html = page(lang, "segments");
        assert!(html.contains(note), "{lang}: the chart's note");
        let doc = scraper::Html::parse_document(&html);
        let rows = scraper::Selector::parse("table.figure-table tbody th[scope=row]").unwrap();
        let labels: Vec<String> = doc.select(&rows).map(|th| th.text().collect()).collect();
        assert!(labels.iter().any(|l| l.starts_with(adjustment)), "{lang}: {labels:?}");
    }
}

/// A data file of content/data/ as TOML.
fn data_toml(name: &str) -> toml::Table {
    read(&site_root().join("content/data").join(name)).parse().unwrap()
}

fn string<'a>(table: &'a toml::Value, key: &str) -> &'a str {
    table[key].as_str().unwrap_or_else(|| panic!("no {key} in {table}"))
}

/// A file size as the library prints it, for the example's files of 1 to 10 KB (1 KB = 1,024
/// bytes, one decimal).
fn kilobytes(path: &Path) -> String {
    let bytes = std::fs::metadata(path).unwrap().len();
    assert!((1024..10 * 1024).contains(&bytes), "{}: {bytes} bytes", path.display());
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[test]
fn library_lists_periods_newest_first_with_measured_sizes_and_japanese_only_marks() {
    let library = data_toml("library.toml");
    let types: Vec<&str> = library["type"].as_array().unwrap().iter().map(|t| string(t, "id")).collect();
    let documents = library["document"].as_array().unwrap();
    // The expected order: periods by their newest document, then by the type list, newest first.
    let mut periods: Vec<(&str, Vec<&toml::Value>)> = Vec::new();
    for doc in documents {
        match periods.iter_mut().find(|(p, _)| *p == string(doc, "period")) {
            Some((_, docs)) => docs.push(doc),
            None => periods.push((string(doc, "period"), vec![doc])),
        }
    }
    let newest = |docs: &[&toml::Value]| docs.iter().map(|d| string(d, "date")).max().unwrap().to_string();
    periods.sort_by_key(|(_, docs)| std::cmp::Reverse(newest(docs)));
    let rank = |doc: &toml::Value| types.iter().position(|t| *t == string(doc, "type")).unwrap();
    for (_, docs) in &mut periods {
        docs.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| string(b, "date").cmp(string(a, "date"))));
    }
    assert_eq!(periods.iter().map(|(p, _)| *p).collect::<Vec<_>>(), ["FY2023", "FY2023Q3YTD"]);

    let files = site_root().join("content/library");
    let mut japanese_only = 0;
    for lang in ["ja", "en"] {
        let html = page(lang, "library");
        let library_part = between(&html, "<div class=\"library\">", "</div>");
        let mut position = 0;
        for (period, docs) in &periods {
            let section = between(library_part, &format!("id=\"library-{}\"", period.to_lowercase()), "</section>");
            let at = library_part.find(section).unwrap();
            assert!(at > position, "{lang}: {period} comes after the period before it");
            position = at;
            let titles: Vec<&str> = docs.iter().map(|d| string(&d["title"], lang)).collect();
            assert_eq!(texts(section, "document-title"), titles, "{lang}: {period}");
            let items: Vec<&str> = section.split("<li class=\"document\">").skip(1).collect();
            for (doc, item) in docs.iter().zip(&items) {
                // The English page links the Japanese file where there is no English one.
                let english = doc["file"].get("en").and_then(|f| f.as_str());
                let file = match (lang, english) {
                    ("en", Some(en)) => en,
                    _ => string(&doc["file"], "ja"),
                };
                let size = kilobytes(&files.join(file));
                let meta = if lang == "ja" { format!("PDF（{size}）") } else { format!("PDF, {size}") };
                assert_eq!(texts(item, "document-file"), [meta], "{lang}: {file}");
                assert!(item.contains(&format!("href=\"../../library/{file}\"")), "{lang}: {item}");
                let marked = item.contains("class=\"japanese-only\"");
                assert_eq!(marked, lang == "en" && english.is_none(), "{lang}: {file} Japanese-only mark");
                if marked {
                    assert!(item.contains("hreflang=\"ja\">") && item.contains(">Japanese only<"), "{item}");
                    japanese_only += 1;
                }
            }
            assert_eq!(items.len(), docs.len(), "{lang}: {period}");
        }
    }
    assert_eq!(japanese_only, 2, "the securities report and the newsletter are in Japanese only");
}

/// The events of calendar.toml on or after the build date, soonest first, and those before
/// it, latest first, as (date, title in `lang`).
fn calendar_split(lang: &str) -> (Vec<String>, Vec<String>) {
    let calendar = data_toml("calendar.toml");
    let mut events: Vec<(&str, &str, &str)> = calendar["event"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (string(e, "date"), e.get("time").and_then(|t| t.as_str()).unwrap_or(""), string(&e["title"], lang)))
        .collect();
    events.sort();
    let (upcoming, mut past): (Vec<_>, Vec<_>) = events.into_iter().partition(|(date, _, _)| *date >= TODAY);
    past.reverse();
    let titles = |list: Vec<(&str, &str, &str)>| list.into_iter().map(|(_, _, t)| t.to_string()).collect();
    (titles(upcoming), titles(past))
}

#[test]
fn calendar_splits_at_the_build_date_of_run_all() {
    for (lang, as_of) in [("ja", "2024年4月1日現在"), ("en", "As of April 1, 2024")] {
        let html = page(lang, "calendar");
        let (upcoming, past) = calendar_split(lang);
        assert_eq!((upcoming.len(), past.len()), (3, 5), "{lang}: 2024-04-01 splits the example's events");
        let upcoming_part = between(&html, "id=\"calendar-upcoming\"", "</section>");
        let past_part = between(&html, "id=\"calendar-past\"", "</section>");
        assert_eq!(texts(upcoming_part, "event-title"), upcoming, "{lang}: upcoming");
        assert_eq!(texts(past_part, "event-title"), past, "{lang}: past");
        assert!(html.contains(as_of), "{lang}: the page says which date split it");
        assert!(html.contains(&format!("href=\"../../{lang}/calendar.ics\" download>")), "{lang}: links its .ics");
    }
    let en = page("en", "calendar");
    assert!(
        en.contains(
            "<time datetime=\"2024-05-10T15:00+09:00\">May 10, 2024</time> <span class=\"event-time\">15:00 JST</span>"
        ),
        "{en}"
    );
    assert!(
        en.contains("<time datetime=\"2024-06-30\">June 30, 2024</time> <span class=\"event-time\">All day</span>"),
        "{en}"
    );
}

fn ics_value<'a>(props: &'a [ical::property::Property], name: &str) -> (Option<&'a str>, Vec<String>) {
    let prop = props.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"));
    let params = prop.params.iter().flatten().map(|(n, v)| format!("{n}={}", v.join(","))).collect();
    (prop.value.as_deref(), params)
}

#[test]
fn calendar_files_parse_and_hold_every_event_of_calendar_toml() {
    let calendar = data_toml("calendar.toml");
    let events = calendar["event"].as_array().unwrap();
    for lang in ["ja", "en"] {
        let text = read(&built().join(lang).join("calendar.ics"));
        let parsed: Vec<_> = ical::IcalParser::new(text.as_bytes()).collect::<Result<_, _>>().expect("valid iCalendar");
        assert_eq!(parsed.len(), 1, "{lang}: one calendar");
        let ics = &parsed[0];
        assert_eq!(ics_value(&ics.timezones[0].properties, "TZID").0, Some("Asia/Tokyo"));
        assert_eq!(ics.events.len(), events.len(), "{lang}: one VEVENT per event");
        for event in events {
            let date = string(event, "date").replace('-', "");
            let uid = format!("{}-{}.{lang}@harukaze.example.com", string(event, "date"), string(event, "type"));
            let found = ics
                .events
                .iter()
                .find(|e| ics_value(&e.properties, "UID").0 == Some(uid.as_str()))
                .unwrap_or_else(|| panic!("{lang}: no event {uid}"));
            let props = &found.properties;
            assert_eq!(ics_value(props, "SUMMARY").0, Some(string(&event["title"], lang)), "{uid}");
            // Midnight of 2024-04-01 in Tokyo, in UTC: the build date, not the time of the build.
            assert_eq!(ics_value(props, "DTSTAMP").0, Some("20240331T150000Z"), "{uid}");
            let start = ics_value(props, "DTSTART");
            match event.get("time").and_then(|t| t.as_str()) {
                Some(time) => {
                    let expected = format!("{date}T{}00", time.replace(':', ""));
                    assert_eq!(start, (Some(expected.as_str()), vec!["TZID=Asia/Tokyo".to_string()]), "{uid}");
                }
                None => assert_eq!(start, (Some(date.as_str()), vec!["VALUE=DATE".to_string()]), "{uid}"),
            }
        }
    }
}

#[test]
fn workbooks_hold_every_number_of_the_csvs() {
    let data = site_root().join("content/data");
    let ja = assert_workbook_matches_csvs(&built().join("ja/data/financial-data.xlsx"), &data);
    let en = assert_workbook_matches_csvs(&built().join("en/data/financial-data.xlsx"), &data);
    let cells: usize = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| table(p.file_stem().unwrap().to_str().unwrap()).values().map(|row| row.len()).sum::<usize>())
        .sum();
    assert_eq!((ja, en), (cells, cells), "every filled cell of every CSV is compared");
    let html = page("en", "library");
    assert_eq!(html.matches("data/financial-data.xlsx\"").count(), 1, "the library links the workbook once");
}

#[test]
fn news_attachments_show_their_size_as_the_library_does() {
    for (lang, file) in [("ja", "forecast-difference.pdf"), ("en", "forecast-difference-en.pdf")] {
        let entry = page(lang, "news/2024/forecast-difference");
        let size = kilobytes(&site_root().join("static/docs/2024").join(file));
        assert!(entry.contains(&format!("<span class=\"news-file\">(PDF, {size})</span>")), "{lang}: {size} not shown");
    }
}
