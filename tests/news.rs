//! News entries end to end: the fixture site `tests/fixtures/news` (five Japanese entries over
//! two years, one of each English status, page size 2) built by the real binary, its lists,
//! archives, pages, English status marks and Atom feeds read back with an independent parser.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The entries of a list page as (href, title), in the order shown.
fn listed(html: &str) -> Vec<(String, String)> {
    html.split("<p class=\"news-title\">")
        .skip(1)
        .map(|item| {
            let href = attr_values(item, "href").into_iter().next().expect("an item links somewhere");
            let start = item.find("<span").unwrap();
            let title_start = start + item[start..].find('>').unwrap() + 1;
            let title_end = title_start + item[title_start..].find("</span>").unwrap();
            (href, item[title_start..title_end].to_string())
        })
        .collect()
}

fn titles(out: &Path, page: &str) -> Vec<String> {
    listed(&read(&out.join(page).join("index.html"))).into_iter().map(|(_, t)| t).collect()
}

const AGM: &str = "定時株主総会招集ご通知";
const RESULTS: &str = "2024年3月期 決算短信〔日本基準〕（連結）";
const DIVIDEND: &str = "剰余金の配当に関するお知らせ";
const ALLIANCE: &str = "業務提携に関するお知らせ";
const OFFICE: &str = "本社移転のお知らせ";

/// The news fixture built into `public/` with these extra arguments.
fn built(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture_site("news");
    let out = site.path().join("public");
    let result = build(site.path(), &out, extra);
    assert!(result.status.success(), "{}", stderr(&result));
    (site, out)
}

#[test]
fn attachments_with_spaces_japanese_and_reserved_characters_get_working_links() {
    let site = fixture_site("news");
    let docs = site.path().join("static/docs");
    let name = "決算短信 2024#Q4 (100%).pdf";
    fs::rename(docs.join("2024-q4-tanshin.pdf"), docs.join(name)).unwrap();
    edit(site.path(), "content/ja/news/2024/q4-results.md", "docs/2024-q4-tanshin.pdf", &format!("docs/{name}"));
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let encoded = "docs/%E6%B1%BA%E7%AE%97%E7%9F%AD%E4%BF%A1%202024%23Q4%20%28100%25%29.pdf";
    let list = read(&out.join("ja/news/index.html"));
    assert!(list.contains(&format!("<a href=\"../../{encoded}\">決算短信</a>")), "{list}");
    let entry = read(&out.join("ja/news/2024/q4-results/index.html"));
    assert!(entry.contains(&format!("<a href=\"../../../../{encoded}\">決算短信</a>")), "{entry}");
    assert!(out.join("docs").join(name).is_file());
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn check_and_build_refuse_a_static_file_where_a_feed_goes() {
    let site = fixture_site("news");
    assert_static_files_clash(site.path(), &["ja/news/feed.xml", "en/news/feed.xml"]);
}

#[test]
fn lists_are_newest_first_paged_and_archived_by_year() {
    let (_site, out) = built(&[]);
    // Newest first; on one day the entry with a time of day comes first (15:00 after a date
    // alone), and entries of the same moment follow their paths (alliance before office).
    assert_eq!(titles(&out, "ja/news"), [AGM, RESULTS]);
    assert_eq!(titles(&out, "ja/news/page/2"), [DIVIDEND, ALLIANCE]);
    assert_eq!(titles(&out, "ja/news/page/3"), [OFFICE]);
    assert!(!out.join("ja/news/page/4").exists());
    assert!(!out.join("ja/news/page/1").exists(), "page 1 is the list itself");
    assert_eq!(titles(&out, "ja/news/2024"), [AGM, RESULTS]);
    assert_eq!(titles(&out, "ja/news/2024/page/2"), [DIVIDEND]);
    assert_eq!(titles(&out, "ja/news/2023"), [ALLIANCE, OFFICE]);
    assert!(!out.join("ja/news/2023/page/2").exists());

    let first = read(&out.join("ja/news/index.html"));
    assert!(first.contains("<span aria-current=\"page\">1</span>"));
    assert!(first.contains("<a href=\"../../ja/news/page/2/\" rel=\"next\">"));
    assert!(first.contains("<a href=\"../../ja/news/2023/\">2023年</a>"));
    let last = read(&out.join("ja/news/page/3/index.html"));
    assert!(last.contains("<a href=\"../../../../ja/news/page/2/\" rel=\"prev\">"));
    assert!(!last.contains("rel=\"next\""));
    assert!(last.contains("<title>ニュース （3/3ページ） | テスト株式会社 IR</title>"), "{last}");
    let archive = read(&out.join("ja/news/2024/index.html"));
    assert!(archive.contains("<h1>2024年のニュース</h1>"));
    assert!(archive.contains("<a href=\"../../../ja/news/2024/\" aria-current=\"page\">2024年</a>"));
    // Dates, categories and attachments with type and size.
    assert!(first.contains("<time datetime=\"2024-05-10T15:00:00+09:00\">2024年5月10日 15:00</time>"));
    assert!(first.contains("<span class=\"news-category\">決算短信</span>"));
    let pdf = fs::metadata(out.join("docs/2024-q4-tanshin.pdf")).unwrap().len();
    assert!(first.contains(&format!(
        "<a href=\"../../docs/2024-q4-tanshin.pdf\">決算短信</a> <span class=\"news-file\">(PDF, {pdf} B)</span>"
    )));
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn the_japanese_list_links_each_english_version_with_its_status() {
    let (_site, out) = built(&[]);
    let mut japanese: Vec<String> = Vec::new();
    for page in ["ja/news", "ja/news/page/2", "ja/news/page/3"] {
        let html = read(&out.join(page).join("index.html"));
        assert!(html.contains("英文ページにリンクしています"), "{page}: the list says what the marks are");
        for item in html.split("<li class=\"news-item\">").skip(1) {
            let (_, title) = listed(item).remove(0);
            let status = item.split_once("<span class=\"news-status ").map(|(_, rest)| {
                let link = between(rest, "<a ", "</a>");
                let href = attr_values(&format!("<a {link}"), "href").remove(0);
                assert!(link.contains("hreflang=\"en\""), "{title}: {link}");
                format!("{} → {href}", link.split_once('>').unwrap().1)
            });
            japanese.push(format!("{title}: {}", status.unwrap_or_else(|| "-".into())));
        }
    }
    assert_eq!(
        japanese,
        [
            format!("{AGM}: 英文遅延（2024年6月27日に英文開示） → ../../en/news/2024/agm/"),
            format!("{RESULTS}: 英文全文 → ../../en/news/2024/q4-results/"),
            format!("{DIVIDEND}: 英文要約 → ../../../../en/news/2024/dividend/"),
            format!("{ALLIANCE}: 英文全文 → ../../../../en/news/2023/alliance/"),
            format!("{OFFICE}: -"),
        ]
    );
    // The home page's newest entries carry the same link.
    let home = read(&out.join("ja/index.html"));
    assert!(home.contains("<a href=\"../en/news/2024/agm/\" hreflang=\"en\">英文遅延（2024年6月27日に英文開示）</a>"));
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn the_english_list_shows_every_japanese_entry_with_its_english_status() {
    let (_site, out) = built(&[]);
    let mut english: Vec<(String, String)> = Vec::new();
    for page in ["en/news", "en/news/page/2", "en/news/page/3"] {
        let html = read(&out.join(page).join("index.html"));
        for item in html.split("<li class=\"news-item\">").skip(1) {
            let status = item
                .split("news-status-")
                .nth(1)
                .and_then(|s| s.split_once("\">"))
                .map(|(_, rest)| rest.split("</span>").next().unwrap().to_string());
            let (href, title) = listed(item).remove(0);
            english.push((format!("{title} → {href}"), status.unwrap_or_default()));
        }
    }
    let expected = [
        (
            "Notice of the annual general meeting of shareholders → ../../en/news/2024/agm/",
            "Delayed: English version published June 27, 2024",
        ),
        (
            "Consolidated financial results for the fiscal year ended March 31, 2024 → ../../en/news/2024/q4-results/",
            "Full translation",
        ),
        ("Notice of dividends (summary) → ../../../../en/news/2024/dividend/", "English summary (outline)"),
        ("Notice of a business alliance → ../../../../en/news/2023/alliance/", "Full translation"),
        ("本社移転のお知らせ → ../../../../ja/news/2023/office/", "Japanese only"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(english, expected);
    // The Japanese-only entry links to the Japanese page, marked as Japanese.
    let last = read(&out.join("en/news/page/3/index.html"));
    assert!(last.contains(
        "<a href=\"../../../../ja/news/2023/office/\" hreflang=\"ja\"><span lang=\"ja\">本社移転のお知らせ</span> <span class=\"news-in-other\">(Japanese)</span></a>"
    ));
    assert!(!out.join("en/news/2023/office").exists());
    // The Japanese page says it has no translation; its switcher offers the English list.
    let office = read(&out.join("ja/news/2023/office/index.html"));
    assert!(office.contains("<html lang=\"ja\" data-english-status=\"japanese-only\">"));
    assert!(office.contains("<a href=\"../../../../en/news/\" hreflang=\"en\" lang=\"en\">"));
    assert!(!office.contains("hreflang=\"en\" href="), "no English alternate in the head");
    // English entries say what they are, with the way to the original.
    let summary = read(&out.join("en/news/2024/dividend/index.html"));
    assert!(
        summary.contains("English summary (outline). <a href=\"../../../../ja/news/2024/dividend/\" hreflang=\"ja\">")
    );
    let agm = read(&out.join("en/news/2024/agm/index.html"));
    assert!(agm.contains("<time datetime=\"2024-06-20\">June 20, 2024</time>"), "date taken from the Japanese entry");
    assert!(agm.contains("<span class=\"news-category\">IR event</span>"));
    // The English entry has its own attachment.
    let results = read(&out.join("en/news/2024/q4-results/index.html"));
    assert!(results.contains("<a href=\"../../../../docs/2024-q4-tanshin-en.pdf\">Earnings release</a>"));
}

#[test]
fn home_pages_navigation_nested_pages_and_sitemap() {
    let (_site, out) = built(&[]);
    let home = read(&out.join("ja/index.html"));
    assert_eq!(listed(&home).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), [AGM, RESULTS]);
    assert!(home.contains("<a href=\"../ja/news/\">ニュース一覧</a>"));
    let home_en = read(&out.join("en/index.html"));
    assert!(home_en.contains("Delayed: English version published June 27, 2024"));
    // The navigation lists the news at its weight (5: after the home page, before results).
    let nav = home.split("class=\"site-nav\"").nth(1).unwrap();
    let news_at = nav.find("../ja/news/").unwrap();
    assert!(nav.find("../ja/results/").unwrap() > news_at);
    assert!(read(&out.join("ja/news/2024/agm/index.html"))
        .contains("<a href=\"../../../../ja/news/\" aria-current=\"page\">"));
    // A page in a sub-folder, paired with its twin by path, linking to an entry.
    let policy = read(&out.join("ja/ir/policy/index.html"));
    assert!(policy.contains("hreflang=\"en\" href=\"https://example.com/en/ir/policy/\""));
    assert!(policy.contains("<a href=\"../../../ja/news/2023/office/\">"));

    let sitemap = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    for url in [
        "https://example.com/ja/news/",
        "https://example.com/en/news/page/3/",
        "https://example.com/ja/news/2023/",
        "https://example.com/ja/news/2023/office/",
        "https://example.com/en/ir/policy/",
    ] {
        assert!(locs.contains(&url), "{url} in the sitemap");
    }
    assert!(!locs.contains(&"https://example.com/en/news/2023/office/"));
    // Every page written (the language chooser too) is in the sitemap, and only those.
    assert!(locs.contains(&"https://example.com/"));
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() == "index.html")
        .count();
    assert_eq!(locs.len(), pages);
}

#[test]
fn atom_feeds_parse_with_absolute_urls_and_the_newest_entry_date() {
    let (site, out) = built(&["--base-url", "https://ir.example.com/ir/"]);
    for (lang, first_title, count) in
        [("ja", AGM, 5), ("en", "Notice of the annual general meeting of shareholders", 5)]
    {
        let bytes = fs::read(out.join(lang).join("news/feed.xml")).unwrap();
        let feed = feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{lang} feed: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.id, format!("https://ir.example.com/ir/{lang}/news/"));
        assert_eq!(feed.language.as_deref(), Some(lang));
        // The newest entry's date (2024-06-20 JST), never the build time.
        assert_eq!(feed.updated.unwrap().to_rfc3339(), "2024-06-19T15:00:00+00:00");
        assert!(feed
            .links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self")
                && l.href == format!("https://ir.example.com/ir/{lang}/news/feed.xml")));
        assert_eq!(feed.entries.len(), count);
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, first_title);
        for entry in &feed.entries {
            assert!(entry.id.starts_with("https://ir.example.com/ir/"), "{}", entry.id);
            assert!(entry.links.iter().all(|l| l.href.starts_with("https://ir.example.com/ir/")));
            assert!(entry.updated.is_some());
        }
        let results = &feed.entries[1];
        assert_eq!(results.updated.unwrap().to_rfc3339(), "2024-05-10T06:00:00+00:00", "15:00 JST");
        assert_eq!(results.categories[0].term, "earnings");
    }
    let en = feed_rs::parser::parse(fs::read(out.join("en/news/feed.xml")).unwrap().as_slice()).unwrap();
    let office = en.entries.last().unwrap();
    assert_eq!(office.id, "https://ir.example.com/ir/ja/news/2023/office/");
    assert_eq!(office.links[0].href_lang.as_deref(), Some("ja"));
    assert!(office
        .categories
        .iter()
        .any(|c| c.term == "english-japanese-only" && c.label.as_deref() == Some("Japanese only")));

    // Every page links its language's feed in <head>; the language chooser links both.
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = read(path);
        let head = &html[..html.find("</head>").unwrap()];
        let rel = path.strip_prefix(&out).unwrap().to_string_lossy().to_string();
        let lang = if rel.starts_with("en/") { "en" } else { "ja" };
        let link = head.split("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"").nth(1);
        let href = link.unwrap_or_else(|| panic!("{rel} has no feed link")).split('"').next().unwrap();
        assert!(href.ends_with(&format!("{lang}/news/feed.xml")), "{rel}: {href}");
        if !rel.ends_with("404.html") {
            let target = path.parent().unwrap().join(href);
            assert!(target.is_file(), "{rel}: {href} resolves");
        }
    }

    // A second build of the same input writes the same feeds and lists.
    let again = site.path().join("again");
    assert!(build(site.path(), &again, &["--base-url", "https://ir.example.com/ir/"]).status.success());
    assert_eq!(snapshot(&out), snapshot(&again));
}

#[test]
fn page_size_and_home_count_come_from_site_toml() {
    let site = fixture_site("news");
    edit(site.path(), "site.toml", "page_size = 2\nhome_entries = 2", "page_size = 10\nhome_entries = 0");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(titles(&out, "ja/news"), [AGM, RESULTS, DIVIDEND, ALLIANCE, OFFICE]);
    assert!(!out.join("ja/news/page").exists());
    assert!(!read(&out.join("ja/news/index.html")).contains("news-pager"));
    assert!(!read(&out.join("ja/index.html")).contains("news-latest"));
}

#[test]
fn a_site_without_news_has_no_lists_feeds_or_feed_links() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    assert!(build(site.path(), &out, &[]).status.success());
    assert!(!out.join("ja/news").exists());
    for page in ["ja/index.html", "en/results/index.html", "index.html"] {
        assert!(!read(&out.join(page)).contains("application/atom+xml"), "{page}");
    }
}

#[test]
fn check_reports_delayed_english_as_a_warning_and_a_missing_status_as_an_error() {
    let site = fixture_site("news");
    let result = irsite(site.path(), &["check"]);
    let text = stderr(&result);
    assert!(
        text.contains(
            "warning[content]: English version delayed: published 2024-06-27 after the Japanese one of 2024-06-20"
        ),
        "{text}"
    );
    assert!(text.contains("content/ja/news/2024/agm.md:7:1"), "{text}");
    assert!(!text.contains("content/en/news/2024/dividend.md"), "a summary is not a stale translation: {text}");

    edit(site.path(), "content/ja/news/2023/alliance.md", "english = \"full\"\n", "");
    let result = irsite(site.path(), &["check"]);
    let text = stderr(&result);
    assert!(!result.status.success());
    assert!(text.contains("error[front matter]: the entry has no English status (`english`)"), "{text}");
    assert!(text.contains("content/ja/news/2023/alliance.md:1"), "{text}");
}
