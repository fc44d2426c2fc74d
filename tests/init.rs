//! `irsite init`: a new company's site from one command, built and checked by the real binary.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

/// The first company's name in any form: none of it may reach a new site.
const FIRST_COMPANY: [&str; 3] = ["IIJ", "インターネットイニシアティブ", "Internet Initiative"];

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn init_then_build_and_check_gives_a_bilingual_site_of_the_named_company() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("acme");
    let init = Command::new(BIN)
        .args([
            "init",
            site.to_str().unwrap(),
            "--name-ja",
            "アクメ商事株式会社",
            "--name-en",
            "Acme Trading Co., Ltd.",
        ])
        .args(["--securities-code", "9876", "--fiscal-year-end", "12"])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    for file in files_under(&site) {
        let text = read(&file);
        for name in FIRST_COMPANY {
            assert!(!text.contains(name), "{} names {name}", file.display());
        }
    }
    assert!(read(&site.join("site.toml")).contains("end_month = 12"));

    // `irsite build` and `irsite check` in the new folder, with no other step.
    let build = Command::new(BIN).arg("build").current_dir(&site).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let check = Command::new(BIN).arg("check").current_dir(&site).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("0 errors, 0 warnings"), "{}", stderr(&check));

    let out = site.join("public");
    let mut pages = 0;
    for file in files_under(&out) {
        let rel = file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        if let Ok(text) = fs::read_to_string(&file) {
            for name in FIRST_COMPANY {
                assert!(!text.contains(name), "{rel} names {name}");
            }
        }
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = read(&file);
        let name = if rel.starts_with("en/") { "Acme Trading Co., Ltd." } else { "アクメ商事株式会社" };
        assert!(html.contains(name), "{rel} does not name the company");
        if rel.starts_with("ja/") || rel.starts_with("en/") {
            let lang = &rel[..2];
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{rel}");
            assert!(html.contains("\"tickerSymbol\":\"TSE 9876\""), "{rel}");
            assert!(html.contains("<meta property=\"og:title\""), "{rel}");
            assert!(html.contains("id=\"disclaimer-heading\""), "{rel}");
        }
    }
    // Home and results in both languages, the language chooser and the 404 page.
    assert_eq!(pages, 6);
    let ja = read(&out.join("ja/results/index.html"));
    let en = read(&out.join("en/results/index.html"));
    assert!(ja.contains("<svg") && en.contains("<svg"), "the chart is drawn");
    assert!(en.contains("currently available to Acme Trading Co., Ltd."), "the disclaimer names the company");
    assert!(ja.contains("アクメ商事株式会社が現時点で入手可能な情報"));
    assert!(en.contains("© Acme Trading Co., Ltd."));
    // the footer's fiscal-year sentence follows [fiscal_year], also when it is changed later
    assert!(en.contains("Fiscal years run from January to December (FY2024 = the year ended December 31, 2024)."));
    assert!(ja.contains("1月から12月まで"), "ja footer");
    assert_eq!(broken_links(&out), Vec::<String>::new());
    // a year ending in March instead: the footer says so, with no string of the site edited
    edit(&site, "site.toml", "end_month = 12", "end_month = 3");
    let build = Command::new(BIN).arg("build").current_dir(&site).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let en = read(&out.join("en/results/index.html"));
    assert!(en.contains("Fiscal years run from April to March (FY2024 = the year ended March 31, 2025)."));
    assert!(read(&out.join("ja/results/index.html")).contains("4月から翌年3月まで"));
}

#[test]
fn init_refuses_a_folder_with_files_and_force_replaces_none() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("content/ja/_index.md");
    fs::create_dir_all(own.parent().unwrap()).unwrap();
    fs::write(&own, "+++\ntitle = \"Own\"\ndescription = \"Own\"\nweight = 0\n+++\nThe team's own page.\n").unwrap();
    let refused = Command::new(BIN).args(["init", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("not empty") && stderr(&refused).contains("--force"));
    assert!(!dir.path().join("site.toml").exists(), "nothing written");
    let forced = Command::new(BIN).args(["init", dir.path().to_str().unwrap(), "--force"]).output().unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(stderr(&forced).contains("kept") && stderr(&forced).contains("_index.md"), "{}", stderr(&forced));
    assert!(read(&own).contains("The team's own page."), "an existing file is never replaced");
    assert!(dir.path().join("site.toml").is_file() && dir.path().join("content/en/_index.md").is_file());
    // The English home written now does not claim to follow a Japanese page it was not made from.
    assert!(!read(&dir.path().join("content/en/_index.md")).contains("translation_of"));
    assert!(read(&dir.path().join("content/en/results.md")).contains("translation_of"));
}

/// The built-in theme carries no text of the first company; the repository's site keeps its
/// identity in its own site.toml and locales/.
#[test]
fn the_built_in_theme_names_no_company() {
    for file in files_under(&repo().join("themes/default")) {
        let text = read(&file);
        for name in FIRST_COMPANY {
            assert!(!text.contains(name), "{} names {name}", file.display());
        }
    }
}

/// A site started with `init` takes a real 決算短信 with `import tdnet` and shows the filed
/// net sales (3,330 million yen in the full-year sample) on a page and in a chart.
#[test]
fn init_then_import_tdnet_shows_the_filed_figures() {
    let sample = tdnet_samples().join("E24982");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("filer");
    let init = Command::new(BIN)
        .args(["init", site.to_str().unwrap(), "--securities-code", "3645", "--fiscal-year-end", "5"])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    let import = Command::new(BIN).args(["import", "tdnet"]).arg(&sample).current_dir(&site).output().unwrap();
    assert!(import.status.success(), "{}", stderr(&import));
    let results = read(&site.join("content/data/results.csv"));
    assert!(results.lines().any(|l| l.starts_with("FY2020,3330,")), "{results}");
    // The filed figure on a page and in a chart, in both languages.
    for lang in ["ja", "en"] {
        let page = site.join("content").join(lang).join("results.md");
        let mut text = read(&page);
        text.push_str("\n{{ fig(id=\"results.net_sales\", period=\"FY2020\") }}\n\n{{ chart(id=\"filed\") }}\n");
        fs::write(&page, text).unwrap();
    }
    let mut charts = read(&site.join("content/data/charts.toml"));
    charts.push_str(
        "\n[[chart]]\nid = \"filed\"\nkind = \"grouped-bar\"\ndata = \"results\"\nseries = [\"net_sales\"]\ntitle = \"chart-results\"\n",
    );
    fs::write(site.join("content/data/charts.toml"), charts).unwrap();
    let build = Command::new(BIN).arg("build").current_dir(&site).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let ja = read(&site.join("public/ja/results/index.html"));
    let en = read(&site.join("public/en/results/index.html"));
    assert!(ja.contains("3,330百万円"), "ja page lacks the filed net sales");
    assert!(en.contains("¥3,330 million"), "en page lacks the filed net sales");
    for html in [&ja, &en] {
        let chart = &html[html.find("id=\"chart-filed\"").expect("the chart of the filed figures")..];
        assert!(chart.contains("3,330"), "the chart does not label the filed net sales");
    }
}
