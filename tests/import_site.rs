//! `irsite import tdnet` on a site: the files it writes (read back with the csv and toml
//! parsers), importing twice, conflicts, the company and calendar checks, `--verbose`, and a
//! built site that shows the imported figures in prose and in a chart in both languages.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{irsite, read, snapshot, stderr};

fn sample(name: &str) -> PathBuf {
    common::tdnet_samples().join(name)
}

const FULL_YEAR: &str = "E24982";

/// The import fixture site (company 3645, years ending in May named by their end).
fn site() -> tempfile::TempDir {
    common::fixture_site("import")
}

/// The import fixture site with the full-year sample imported once, and that sample's path.
fn imported_site() -> (tempfile::TempDir, PathBuf) {
    let dir = site();
    let path = sample(FULL_YEAR);
    let out = import(dir.path(), &[path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, path)
}

fn import(root: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import", "tdnet"];
    all.extend_from_slice(args);
    irsite(root, &all)
}

/// The table's cell of `column` in the row `period`, read with the csv crate.
fn cell(root: &Path, table: &str, period: &str, column: &str) -> Option<String> {
    let mut reader = csv::Reader::from_path(root.join("content/data").join(format!("{table}.csv"))).unwrap();
    let header = reader.headers().unwrap().clone();
    let index = header.iter().position(|h| h == column)?;
    reader.records().map(|r| r.unwrap()).find(|r| &r[0] == period).map(|r| r[index].to_string())
}

fn sidecar(root: &Path, table: &str) -> toml::Table {
    toml::from_str(&read(&root.join("content/data").join(format!("{table}.toml")))).unwrap()
}

#[test]
fn a_full_year_filing_fills_tables_sidecars_and_labels() {
    let dir = site();
    let root = dir.path();
    let out = import(root, &[sample(FULL_YEAR).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("決算短信〔日本基準〕（連結） (3645, filed 2021-07-14)"), "{}", stderr(&out));
    // The figures of the filing, as it prints them (the year ended May 2021 is FY2021).
    assert_eq!(cell(root, "results", "FY2021", "net_sales").as_deref(), Some("3330"));
    assert_eq!(cell(root, "results", "FY2020", "net_sales").as_deref(), Some("2917"));
    assert_eq!(cell(root, "results", "FY2021", "operating_income_yoy").as_deref(), Some("211.4"));
    assert_eq!(cell(root, "results", "FY2020", "operating_income_yoy").as_deref(), Some("-39.6"));
    assert_eq!(cell(root, "results", "FY2022", "net_sales").as_deref(), Some("4000"));
    assert_eq!(cell(root, "results", "FY2022Q2YTD", "profit").as_deref(), Some("152"));
    assert_eq!(cell(root, "results", "FY2021", "eps").as_deref(), Some("15.36"));
    // DilutedNetIncomePerShare is nil in the filing: no column at all.
    assert_eq!(cell(root, "results", "FY2021", "diluted_eps"), None);
    assert_eq!(cell(root, "cash-flows", "FY2021", "investing").as_deref(), Some("-87"));
    assert_eq!(cell(root, "financial-position", "FY2021", "owners_equity").as_deref(), Some("1242"));
    assert_eq!(cell(root, "dividends", "FY2021", "year_end").as_deref(), Some("8.00"));
    assert_eq!(cell(root, "dividends", "FY2021", "q2_end").as_deref(), Some("0.00"));
    assert_eq!(cell(root, "results-nonconsolidated", "FY2021", "net_income").as_deref(), Some("137"));
    let results = sidecar(root, "results");
    assert_eq!(results["columns"]["net_sales"]["unit"].as_str(), Some("million_yen"));
    assert_eq!(results["columns"]["eps"]["unit"].as_str(), Some("yen"));
    assert_eq!(results["columns"]["net_sales_yoy"]["unit"].as_str(), Some("pct_change"));
    assert_eq!(results["status"]["FY2022"].as_str(), Some("forecast"));
    assert_eq!(results["status"]["FY2022Q2YTD"].as_str(), Some("forecast"));
    assert!(results["status"].get("FY2021").is_none());
    let filing = &results["filings"]["tse-acedjpsm-36450-20210714336450"];
    assert_eq!(filing["document"].as_str(), Some("決算短信〔日本基準〕（連結）"));
    assert_eq!(filing["filing_date"].as_str(), Some("2021-07-14"));
    assert_eq!(filing["securities_code"].as_str(), Some("3645"));
    let origin = &results["provenance"]["FY2021"]["net_sales"];
    assert_eq!(origin["element"].as_str(), Some("tse-ed-t:NetSales"));
    assert_eq!(origin["context"].as_str(), Some("CurrentYearDuration_ConsolidatedMember_ResultMember"));
    assert_eq!(origin["filing"].as_str(), Some("tse-acedjpsm-36450-20210714336450"));
    // The labels of the new columns, in both languages.
    assert!(read(&root.join("locales/ja/tdnet.ftl")).contains("tdnet-net-sales = 売上高\n"));
    assert!(read(&root.join("locales/en/tdnet.ftl")).contains("tdnet-net-sales = Net sales\n"));
    // No staging folder is left behind.
    assert!(fs::read_dir(root.join("content/data")).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with('.')));
}

#[test]
fn importing_the_same_filing_again_changes_nothing() {
    let (dir, path) = imported_site();
    let root = dir.path();
    let before = snapshot(root);
    let again = import(root, &[path.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("0 new, 0 replaced"), "{}", stderr(&again));
    assert!(stderr(&again).contains("nothing to write"), "{}", stderr(&again));
    assert_eq!(snapshot(root), before);
}

#[test]
fn a_differing_value_is_an_error_naming_file_line_values_and_filing() {
    let (dir, path) = imported_site();
    let root = dir.path();
    let csv_path = root.join("content/data/results.csv");
    let text = read(&csv_path);
    let line = text.lines().position(|l| l.starts_with("FY2021,")).unwrap() + 1;
    fs::write(&csv_path, text.replacen("FY2021,3330,", "FY2021,3300,", 1)).unwrap();
    let before = snapshot(root);
    let out = import(root, &[path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("results.csv:{line}")), "{err}");
    assert!(err.contains("3300") && err.contains("3330"), "{err}");
    assert!(err.contains("tse-acedjpsm-36450-20210714336450.xbrl") && err.contains("tse-ed-t:NetSales"), "{err}");
    assert!(err.contains("--overwrite"), "{err}");
    assert_eq!(snapshot(root), before, "a failed import writes nothing");
    let out = import(root, &["--overwrite", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 replaced"), "{}", stderr(&out));
    assert_eq!(cell(root, "results", "FY2021", "net_sales").as_deref(), Some("3330"));
}

/// Tables are rewritten in place, atomically: a table that is a link inside the site is
/// written at its target and stays a link, a file keeps its permissions, and no temporary
/// file is left beside either.
#[cfg(unix)]
#[test]
fn tables_are_replaced_in_place_keeping_links_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = imported_site();
    let root = dir.path();
    let data = root.join("content/data");
    let shared = root.join("content/tables");
    fs::create_dir(&shared).unwrap();
    fs::rename(data.join("results.csv"), shared.join("results.csv")).unwrap();
    std::os::unix::fs::symlink("../tables/results.csv", data.join("results.csv")).unwrap();
    let text = read(&shared.join("results.csv"));
    fs::write(shared.join("results.csv"), text.replacen("FY2021,3330,", "FY2021,3300,", 1)).unwrap();
    fs::set_permissions(data.join("results.toml"), fs::Permissions::from_mode(0o640)).unwrap();

    let out = import(root, &["--overwrite", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 replaced"), "{}", stderr(&out));
    assert!(fs::symlink_metadata(data.join("results.csv")).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(read(&shared.join("results.csv")), text, "written at the link's target");
    assert_eq!(cell(root, "results", "FY2021", "net_sales").as_deref(), Some("3330"));
    let mode = fs::metadata(data.join("results.toml")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the sidecar keeps its permissions");
    for folder in [&data, &shared] {
        let hidden: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(hidden.is_empty(), "{}: {hidden:?}", folder.display());
    }
}

#[test]
fn a_filing_of_another_company_or_calendar_is_refused() {
    let dir = site();
    let root = dir.path();
    let before = snapshot(root);
    let out = import(root, &[sample("081220210818487667").to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("5971") && err.contains("3645") && err.contains("securities_code"), "{err}");
    assert_eq!(snapshot(root), before);
    common::edit(root, "site.toml", "end_month = 5", "end_month = 3");
    let out = import(root, &[sample(FULL_YEAR).to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("FiscalYearEnd") && err.contains("end_month = 5"), "{err}");
    common::edit(root, "site.toml", "securities_code = \"3645\"\n", "");
    let out = import(root, &[sample(FULL_YEAR).to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("securities_code = \"3645\""), "{err}");
    assert!(!root.join("content/data").exists());
}

#[test]
fn verbose_lists_what_is_not_imported_and_other_files_are_refused() {
    let dir = site();
    let root = dir.path();
    let out = irsite(root, &["--verbose", "import", "tdnet", sample(FULL_YEAR).to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("tse-ed-t:AverageNumberOfShares ×2: no column takes this element"), "{err}");
    assert!(err.contains("tse-ed-t:NoteToDividends"), "{err}");
    let page = common::tdnet_fixtures().join("page.htm");
    let out = import(root, &[page.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("not a TDnet 決算短信 summary"), "{}", stderr(&out));
}

/// The figures on pages and in a chart, in both languages, and their provenance in
/// `irsite figures`.
#[test]
fn a_built_site_shows_the_imported_figures_in_prose_and_in_a_chart() {
    let (dir, _) = imported_site();
    let root = dir.path();
    fs::write(
        root.join("content/data/charts.toml"),
        "[[chart]]\nid = \"net-sales\"\nkind = \"grouped-bar\"\ndata = \"results\"\nseries = [\"net_sales\"]\ntitle = \"chart-net-sales\"\n",
    )
    .unwrap();
    fs::write(root.join("locales/ja/charts.ftl"), "chart-net-sales = 売上高の推移\n").unwrap();
    fs::write(root.join("locales/en/charts.ftl"), "chart-net-sales = Net sales\n").unwrap();
    let page = |title: &str, text: &str| {
        format!("+++\ntitle = \"{title}\"\ndescription = \"{title}\"\nweight = 10\n+++\n{text}\n\n{{{{ chart(id=\"net-sales\") }}}}\n")
    };
    fs::write(
        root.join("content/ja/results.md"),
        page("業績", "売上高は{{ fig(id=\"results.net_sales\", period=\"FY2021\") }}でした。"),
    )
    .unwrap();
    fs::write(
        root.join("content/en/results.md"),
        page("Results", "Net sales were {{ fig(id=\"results.net_sales\", period=\"FY2021\") }}."),
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let built = common::build(root, &public, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    for lang in ["ja", "en"] {
        let html = read(&public.join(lang).join("results/index.html"));
        let prose = &html[html.find(if lang == "ja" { "売上高は" } else { "Net sales were" }).unwrap()..];
        assert!(prose[..400.min(prose.len())].contains("3,330"), "{lang}: {}", &prose[..400.min(prose.len())]);
        let chart = &html[html.find("<svg").expect("a chart")..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        for value in ["2,917", "3,330", "4,000"] {
            assert!(chart.contains(value), "{lang} chart lacks {value}");
        }
    }
    let figures = irsite(root, &["figures", "--format", "csv"]);
    assert!(figures.status.success(), "{}", stderr(&figures));
    let mut reader = csv::Reader::from_reader(figures.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[col("figure")] == "results.net_sales" && &r[col("row")] == "FY2021")
        .expect("results.net_sales FY2021 is listed");
    assert_eq!(&row[col("filing_document")], "決算短信〔日本基準〕（連結）");
    assert_eq!(&row[col("filing_date")], "2021-07-14");
    assert_eq!(&row[col("securities_code")], "3645");
    assert_eq!(&row[col("element")], "tse-ed-t:NetSales");
    assert_eq!(&row[col("context")], "CurrentYearDuration_ConsolidatedMember_ResultMember");
    let table = irsite(root, &["figures"]);
    assert!(String::from_utf8_lossy(&table.stdout)
        .contains("tse-ed-t:NetSales CurrentYearDuration_ConsolidatedMember_ResultMember"));
}
