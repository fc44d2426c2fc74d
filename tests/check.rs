//! `irsite check` on a small site (tests/fixtures/check/base) with one fault put in at a time:
//! each must fail with exit status 1 and name the file and line of the fault.

mod common;

use common::{check_site, edit, read};
use std::path::Path;

fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut old = read(&path);
    old.push_str(text);
    std::fs::write(&path, old).unwrap();
}

/// 1-based line of the first line holding `needle`.
fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    let text = read(&root.join(file));
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {file}")) + 1
}

struct Run {
    code: i32,
    stderr: String,
    stdout: String,
}

fn irsite(root: &Path, args: &[&str]) -> Run {
    let out = common::irsite(root, args);
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Runs check, expects failure, and expects `file:line` (and `text`) in the report.
fn fails_at(root: &Path, file: &str, line: usize, text: &str) -> String {
    let run = irsite(root, &["check"]);
    assert_eq!(run.code, 1, "check should fail:\n{}", run.stderr);
    let spot = format!("{}:{line}", root.join(file).display());
    assert!(run.stderr.contains(&spot), "expected {spot} in:\n{}", run.stderr);
    assert!(run.stderr.contains(text), "expected {text:?} in:\n{}", run.stderr);
    assert!(run.stderr.contains("check: "), "no summary line:\n{}", run.stderr);
    run.stderr
}

#[test]
fn the_fixture_is_clean() {
    let (_dir, root) = check_site();
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("check: 0 errors, 0 warnings"), "{}", run.stderr);
    assert!(run.stderr.contains("https://example.com/library/"), "external links are listed: {}", run.stderr);
    // Nothing is written.
    assert!(!root.join("public").exists());
}

#[test]
fn broken_anchor_in_an_internal_link() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/_index.md", "@/about.md#dividends", "@/about.md#dividend");
    let line = line_of(&root, "content/en/_index.md", "#dividend)");
    let err = fails_at(&root, "content/en/_index.md", line, "points at `#dividend`");
    assert!(err.contains("help: ids on that page:"), "{err}");
}

#[test]
fn link_to_an_unknown_page() {
    let (_dir, root) = check_site();
    edit(&root, "content/ja/about.md", "@/_index.md", "@/index.md");
    let line = line_of(&root, "content/ja/about.md", "@/index.md");
    fails_at(&root, "content/ja/about.md", line, "link to unknown page `@/index.md`");
}

#[test]
fn broken_relative_link() {
    let (_dir, root) = check_site();
    edit(&root, "content/ja/_index.md", "(about/)", "(abuot/)");
    let line = line_of(&root, "content/ja/_index.md", "abuot/");
    // The column is where the destination starts.
    let text = read(&root.join("content/ja/_index.md"));
    let row = text.lines().nth(line - 1).unwrap();
    let column = row[..row.find("abuot/").unwrap()].chars().count() + 1;
    fails_at(&root, "content/ja/_index.md", line, &format!(":{line}:{column}"));
}

#[test]
fn broken_link_in_a_template() {
    let (_dir, root) = check_site();
    edit(
        &root,
        "themes/mini/templates/base.html",
        "<main id=\"main\">",
        "<a href=\"{{ root }}press/\">press</a>\n<main id=\"main\">",
    );
    let line = line_of(&root, "themes/mini/templates/base.html", "press/");
    fails_at(&root, "themes/mini/templates/base.html", line, "leads to `press/`");
}

#[test]
fn page_without_its_twin() {
    let (_dir, root) = check_site();
    std::fs::remove_file(root.join("content/en/about.md")).unwrap();
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&root.join("content/ja/about.md").display().to_string()), "{}", run.stderr);
    assert!(run.stderr.contains("has no en twin"), "{}", run.stderr);
}

#[test]
fn template_key_missing_from_the_locales() {
    let (_dir, root) = check_site();
    edit(&root, "themes/mini/templates/page.html", "<h1>", "<p>{{ t(key=\"no-such-key\") }}</p>\n<h1>");
    let line = line_of(&root, "themes/mini/templates/page.html", "no-such-key");
    fails_at(&root, "themes/mini/templates/page.html", line, "no-such-key");
}

#[test]
fn unused_key() {
    let (_dir, root) = check_site();
    append(&root, "locales/ja/site.ftl", "orphan-key = 使われない\n");
    append(&root, "locales/en/site.ftl", "orphan-key = Unused\n");
    let line = line_of(&root, "locales/ja/site.ftl", "orphan-key");
    fails_at(&root, "locales/ja/site.ftl", line, "`orphan-key` is not used");
}

#[test]
fn a_site_replaces_theme_strings_without_being_asked_to_use_them() {
    let (dir, root) = check_site();
    // theme strings this site never shows (it has no category table and no news), and one its
    // theme shows (the navigation's label)
    append(&root, "locales/ja/site.ftl", "table-category = 事業\nnews-title = お知らせ\n");
    append(&root, "locales/en/site.ftl", "table-category = Business\nnews-title = Announcements\n");
    edit(&root, "locales/ja/site.ftl", "nav-label = 目次", "nav-label = ページ一覧");
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("check: 0 errors, 0 warnings"), "{}", run.stderr);
    // the site's text replaces the theme's
    let out = dir.path().join("public");
    let built = common::build(&root, &out, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(read(&out.join("ja/index.html")).contains("ページ一覧"));
    // a key of the site's own that nothing uses is still reported
    append(&root, "locales/ja/site.ftl", "orphan-key = 使われない\n");
    append(&root, "locales/en/site.ftl", "orphan-key = Unused\n");
    let line = line_of(&root, "locales/ja/site.ftl", "orphan-key");
    let err = fails_at(&root, "locales/ja/site.ftl", line, "`orphan-key` is not used");
    assert!(!err.contains("table-category") && !err.contains("news-title"), "{err}");
}

#[test]
fn key_in_one_locale_only() {
    let (_dir, root) = check_site();
    append(&root, "locales/ja/site.ftl", "only-ja = 日本語だけ\n");
    let line = line_of(&root, "locales/ja/site.ftl", "only-ja");
    fails_at(&root, "locales/ja/site.ftl", line, "has no en translation");
}

#[test]
fn data_file_that_does_not_parse() {
    let (_dir, root) = check_site();
    edit(&root, "content/data/dividends.csv", "23.00,25.00", "23.00,twenty-five");
    let line = line_of(&root, "content/data/dividends.csv", "twenty-five");
    fails_at(&root, "content/data/dividends.csv", line, "twenty-five");
}

#[test]
fn chart_naming_an_unknown_series() {
    let (_dir, root) = check_site();
    edit(&root, "content/data/charts.toml", "\"year_end\"]", "\"year_ending\"]");
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 1);
    let path = root.join("content/data/charts.toml").display().to_string();
    assert!(run.stderr.contains(&path) && run.stderr.contains("year_ending"), "{}", run.stderr);
}

#[test]
fn figure_that_does_not_exist() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/about.md", "dividends.annual", "dividends.total");
    let line = line_of(&root, "content/en/about.md", "dividends.total");
    fails_at(&root, "content/en/about.md", line, "dividends.total");
}

#[test]
fn unknown_front_matter_key() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/about.md", "weight = 10", "weight = 10\nauthor = \"x\"");
    let line = line_of(&root, "content/en/about.md", "author");
    fails_at(&root, "content/en/about.md", line, "author");
}

#[test]
fn every_fault_is_reported_in_one_pass() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/_index.md", "@/about.md#dividends", "@/about.md#dividend");
    edit(&root, "content/ja/_index.md", "(about/)", "(abuot/)");
    append(&root, "locales/ja/site.ftl", "orphan-key = 使われない\n");
    append(&root, "locales/en/site.ftl", "orphan-key = Unused\n");
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("check: 3 errors"), "{}", run.stderr);
    for file in ["content/en/_index.md", "content/ja/_index.md", "locales/ja/site.ftl"] {
        assert!(run.stderr.contains(&root.join(file).display().to_string()), "{file} missing:\n{}", run.stderr);
    }
}

#[test]
fn errors_quote_the_line_with_a_caret_and_a_hint() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/about.md", "{{ fig(id=\"dividends.annual\"", "{{ fig(id=\"dividends.total\"");
    let run = irsite(&root, &["check"]);
    let line = line_of(&root, "content/en/about.md", "dividends.total");
    assert!(run.stderr.contains(&format!("{line} | The annual dividend was {{{{ fig(")), "{}", run.stderr);
    assert!(run.stderr.contains('^'), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn stale_translation_warns_and_fails_with_strict() {
    let (_dir, root) = check_site();
    append(&root, "content/ja/about.md", "\n追記。\n");
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&root, "content/en/about.md", "translation_of");
    let spot = format!("{}:{line}", root.join("content/en/about.md").display());
    assert!(
        run.stderr.contains("warning[content]: translation is stale") && run.stderr.contains(&spot),
        "{}",
        run.stderr
    );

    let strict = irsite(&root, &["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains(&spot), "{}", strict.stderr);
    let build = irsite(&root, &["build", "--strict"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!root.join("public").exists());

    // The table shows it; the built English page carries the notice, linking to the original.
    let table = irsite(&root, &["translations"]);
    assert!(
        table.stdout.lines().any(|l| l.starts_with("content/en/about.md") && l.contains("stale")),
        "{}",
        table.stdout
    );
    let build = irsite(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("translation is stale"), "{}", build.stderr);
    let html = read(&root.join("public/en/about/index.html"));
    assert!(html.contains("class=\"stale-notice\"") && html.contains("href=\"../../ja/about/\""), "{html}");
    let home = read(&root.join("public/en/index.html"));
    assert!(!home.contains("stale-notice"));

    // Marking again puts it back in step and keeps the rest of the file.
    let before = read(&root.join("content/en/about.md"));
    let mark = irsite(&root, &["translations", "--mark", "content/en/about.md"]);
    assert_eq!(mark.code, 0, "{}", mark.stderr);
    let after = read(&root.join("content/en/about.md"));
    assert_eq!(before.lines().count(), after.lines().count());
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("translation_of = \""));
    assert_eq!(irsite(&root, &["check", "--strict"]).code, 0);
    irsite(&root, &["build"]);
    let html = read(&root.join("public/en/about/index.html"));
    assert!(!html.contains("stale-notice"));
}

#[test]
fn build_output_has_no_reload_script_and_reports_progress() {
    let (_dir, root) = check_site();
    let run = irsite(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("pages 2 ja + 2 en") && run.stderr.contains(" ms"), "{}", run.stderr);
    for page in ["public/ja/index.html", "public/en/about/index.html"] {
        let html = read(&root.join(page));
        assert!(!html.contains("__irsite") && !html.contains("EventSource"), "{page}");
    }
    let quiet = irsite(&root, &["--quiet", "build"]);
    assert_eq!(quiet.code, 0);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

/// A static file at the path of a generated file fails `check` as it fails a build.
#[test]
fn static_file_replacing_a_generated_one() {
    let (_dir, root) = check_site();
    std::fs::create_dir_all(root.join("static/en/about")).unwrap();
    std::fs::write(root.join("static/en/about/index.html"), "<p>not the page</p>\n").unwrap();
    let run = irsite(&root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/en/about/index.html"), "{}", run.stderr);
    assert!(run.stderr.contains("would replace the generated file `en/about/index.html`"), "{}", run.stderr);
}

#[test]
fn heading_id_taken_from_the_theme_or_a_chart() {
    let (_dir, root) = check_site();
    edit(&root, "content/en/about.md", "## Overview {#overview}", "## Overview {#main}");
    let line = line_of(&root, "content/en/about.md", "{#main}");
    fails_at(
        &root,
        "content/en/about.md",
        line,
        "heading id `main` is already used by the theme's template `base.html`",
    );
    edit(&root, "content/en/about.md", "{#main}", "{#chart-dividends-desc}");
    fails_at(
        &root,
        "content/en/about.md",
        line,
        "heading id `chart-dividends-desc` is already used by the chart `dividends`",
    );
    // The ids of a second placement of the chart are reserved too.
    edit(&root, "content/en/about.md", "{#chart-dividends-desc}", "{#chart-dividends_2}");
    fails_at(
        &root,
        "content/en/about.md",
        line,
        "heading id `chart-dividends_2` is already used by the chart `dividends`",
    );
}
