//! The bilingual pipeline end to end: fixture sites built by the real binary.

mod common;

use std::fs;

use common::*;

#[test]
fn builds_both_languages_with_alternates_switcher_and_sitemap() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));

    for (lang, other) in [("ja", "en"), ("en", "ja")] {
        for page in ["", "results/"] {
            let html = read(&out.join(lang).join(page).join("index.html"));
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}/{page}");
            assert!(html.contains(&format!("<link rel=\"canonical\" href=\"https://example.com/{lang}/{page}\">")));
            for l in ["ja", "en"] {
                assert!(
                    html.contains(&format!(
                        "<link rel=\"alternate\" hreflang=\"{l}\" href=\"https://example.com/{l}/{page}\">"
                    )),
                    "{lang}/{page} → {l}"
                );
            }
            // The home pages name the language chooser at the root as x-default, like it does.
            let x_default = if page.is_empty() { String::new() } else { format!("ja/{page}") };
            assert!(html.contains(&format!("hreflang=\"x-default\" href=\"https://example.com/{x_default}\"")));
            // The switcher links to the twin, relatively.
            let depth = if page.is_empty() { "../" } else { "../../" };
            assert!(
                html.contains(&format!("<a href=\"{depth}{other}/{page}\" hreflang=\"{other}\"")),
                "switcher on {lang}/{page}"
            );
            // The forward-looking statements notice is on every page.
            assert!(html.contains("id=\"disclaimer-heading\""));
        }
    }
    let en = read(&out.join("en/results/index.html"));
    assert!(en.contains("Japanese original prevails"));
    assert!(!read(&out.join("ja/results/index.html")).contains("Japanese original prevails"));

    let sitemap = read(&out.join("sitemap.xml"));
    for url in ["ja/", "en/", "ja/results/", "en/results/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.com/{url}</loc>")), "{url}");
    }
    // The four pages and the language chooser.
    assert!(sitemap.contains("<loc>https://example.com/</loc>"));
    assert_eq!(sitemap.matches("<url>").count(), 5);
    assert_eq!(sitemap.matches("hreflang=\"en\"").count(), 5);
    assert!(read(&out.join("robots.txt")).contains("Sitemap: https://example.com/sitemap.xml"));
    let chooser = read(&out.join("index.html"));
    assert!(chooser.contains("href=\"ja/\" hreflang=\"ja\""));
    assert!(chooser.contains("<link rel=\"canonical\" href=\"https://example.com/\">"));
    assert!(chooser.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/\">"));
    assert!(out.join("404.html").is_file());
    assert!(out.join("css/site.css").is_file());
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn markdown_japanese_bold_heading_ids_figures_and_internal_links() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let ja = read(&out.join("ja/results/index.html"));
    assert!(ja.contains("<strong>営業利益（前年比+10%）</strong>を達成"), "CJK bold");
    assert!(ja.contains("<h2 id=\"業績ハイライト\">業績ハイライト</h2>"));
    assert!(ja.contains("<h2 id=\"業績ハイライト-2\">"));
    let en = read(&out.join("en/results/index.html"));
    assert!(en.contains("<h2 id=\"highlights\">Highlights</h2>"));
    // Figures come out localized, each kept on one line by its span.
    assert!(read(&out.join("ja/index.html")).contains("売上高は<span class=\"fig\">2,263億円</span>です"));
    assert!(read(&out.join("en/index.html")).contains("Revenue was <span class=\"fig\">¥226.3 billion</span>."));
    let links: Vec<String> =
        attr_values(&read(&out.join("ja/index.html")), "href").iter().map(|h| percent_decode(h)).collect();
    assert!(links.contains(&"../ja/results/#業績ハイライト".to_string()), "{links:?}");
    // No bidi isolation marks from Fluent.
    assert!(!ja.contains('\u{2068}') && !ja.contains('\u{2069}'));
}

#[test]
fn sub_path_base_url_keeps_links_working() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--base-url", "https://example.com/ir/"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = read(&out.join("en/results/index.html"));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://example.com/ir/en/results/\">"));
    assert!(html.contains("hreflang=\"ja\" href=\"https://example.com/ir/ja/results/\""));
    assert!(read(&out.join("sitemap.xml")).contains("<loc>https://example.com/ir/ja/</loc>"));
    assert!(read(&out.join("404.html")).contains("href=\"/ir/css/site.css\""));
    // Page links are relative, so the tree works wherever it is served.
    assert!(!attr_values(&html, "href").iter().any(|h| h.starts_with('/')), "no root-relative links");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

/// Crawlers read only /robots.txt: a build for a sub-path says that its robots.txt is not read
/// there; a build for the root of a host does not.
#[test]
fn robots_txt_under_a_sub_path_is_warned_about() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--base-url", "https://example.com/ir/"]);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    assert!(err.contains("robots.txt is written to /ir/robots.txt, where crawlers do not look"), "{err}");
    assert!(err.contains("Sitemap: https://example.com/ir/sitemap.xml"), "the hint gives the line to add: {err}");
    let root = build(site.path(), &out, &["--base-url", "https://example.com/"]);
    assert!(root.status.success());
    assert!(!stderr(&root).contains("robots.txt"), "{}", stderr(&root));
}

/// A line break in --base-url would write extra lines into robots.txt.
#[test]
fn base_url_flag_with_a_line_break_is_refused() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--base-url", "https://example.com/\nDisallow: /"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("--base-url") && stderr(&result).contains("line breaks"), "{}", stderr(&result));
    assert!(!out.exists());
}

#[test]
fn rebuilds_are_byte_identical() {
    let site = fixture_site("basic");
    let a = site.path().join("a");
    let b = site.path().join("b");
    assert!(build(site.path(), &a, &[]).status.success());
    assert!(build(site.path(), &b, &[]).status.success());
    assert_eq!(snapshot(&a), snapshot(&b));
}

/// Applies `edit` to a fresh fixture, builds over a previous good output, and returns stderr.
fn failing_build(edit: impl FnOnce(&std::path::Path)) -> String {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    assert!(build(site.path(), &out, &[]).status.success());
    let before = snapshot(&out);
    edit(site.path());
    let result = build(site.path(), &out, &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(&out), before, "a failed build leaves the previous output intact");
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left behind");
    err
}

#[test]
fn malformed_front_matter_names_file_and_line() {
    let err = failing_build(|root| {
        edit(root, "content/ja/results.md", "weight = 10", "weight = = 10");
    });
    assert!(err.contains("content/ja/results.md:4:"), "{err}");
}

#[test]
fn unknown_front_matter_key_is_an_error() {
    let err = failing_build(|root| {
        edit(root, "content/en/results.md", "weight = 10", "weight = 10\nauthor = \"x\"");
    });
    assert!(err.contains("content/en/results.md:5:"), "{err}");
    assert!(err.contains("unknown field `author`"), "{err}");
}

#[test]
fn page_in_one_language_only_is_an_error() {
    let err = failing_build(|root| {
        fs::write(
            root.join("content/ja/extra.md"),
            "+++\ntitle = \"追加\"\ndescription = \"説明\"\nweight = 20\n+++\n本文\n",
        )
        .unwrap();
    });
    assert!(err.contains("content/ja/extra.md"), "{err}");
    assert!(err.contains("no en twin"), "{err}");
}

#[test]
fn key_missing_in_one_locale_is_an_error() {
    let err = failing_build(|root| {
        edit(root, "locales/en/fixture.ftl", "chart-sales = Revenue trend\n", "");
    });
    assert!(err.contains("locales/ja/fixture.ftl:2"), "{err}");
    assert!(err.contains("`chart-sales` has no en translation"), "{err}");
}

#[test]
fn template_error_names_template_and_line() {
    let err = failing_build(|root| {
        edit(
            root,
            "themes/default/templates/page.html",
            "<h1>{{ page.title }}</h1>",
            "<h1>{{ page.no_such_field }}</h1>",
        );
    });
    assert!(err.contains("templates/page.html:4:"), "{err}");
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let err = failing_build(|root| {
        let path = root.join("content/en/results.md");
        let mut bytes = fs::read(&path).unwrap();
        bytes.extend_from_slice(b"\nbad \xff byte\n");
        fs::write(path, bytes).unwrap();
    });
    assert!(err.contains("content/en/results.md:14"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn unknown_chart_and_figure_ids_name_the_line() {
    let err = failing_build(|root| {
        edit(root, "content/en/results.md", "chart(id=\"sales\")", "chart(id=\"nope\")");
        edit(root, "content/ja/_index.md", "period=\"FY2021\"", "period=\"FY2030\"");
    });
    assert!(err.contains("content/en/results.md:10:1"), "{err}");
    assert!(err.contains("unknown chart id `nope`"), "{err}");
    assert!(err.contains("content/ja/_index.md:6:"), "{err}");
    assert!(err.contains("no row `FY2030`"), "{err}");
}

#[test]
fn crlf_and_bom_sources_build() {
    let site = fixture_site("basic");
    let path = site.path().join("content/en/results.md");
    let text = format!("\u{feff}{}", read(&path).replace('\n', "\r\n"));
    fs::write(&path, text).unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(read(&out.join("en/results/index.html")).contains("<h2 id=\"highlights\">Highlights</h2>"));
}

#[test]
fn real_site_has_every_deck_section_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build(&repo(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let sections = [
        ("about", "IIJとは"),
        ("strengths", "IIJグループの強み"),
        ("results", "2021年度連結業績"),
        ("mobile-iot", "モバイル"),
        ("security-cloud-dc", "セキュリティ"),
        ("outlook", "2022年度連結業績見通し"),
        ("mid-term-plan", "中期計画"),
        ("fintech", "FinTech"),
        ("video-delivery", "動画配信"),
        ("shareholder-returns", "株主還元"),
        ("sustainability", "サステナビリティ"),
    ];
    for (slug, ja_title) in sections {
        let ja = read(&out.join("ja").join(slug).join("index.html"));
        let en = read(&out.join("en").join(slug).join("index.html"));
        let h1 = ja.split("<h1>").nth(1).unwrap().split("</h1>").next().unwrap();
        assert!(h1.contains(ja_title), "{slug}: {h1}");
        assert!(en.contains("<html lang=\"en\">"));
        // Same section structure in both languages.
        assert_eq!(ja.matches("<h2 id=").count(), en.matches("<h2 id=").count(), "{slug}: h2 count");
    }
    // Deck order in the navigation.
    let home = read(&out.join("ja/index.html"));
    let nav = home.split("class=\"site-nav\"").nth(1).unwrap();
    let positions: Vec<usize> = sections
        .iter()
        .map(|(slug, _)| nav.find(&format!("ja/{slug}/\"")).unwrap_or_else(|| panic!("{slug} in nav")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "deck order: {positions:?}");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let site = fixture_site("basic");
    fs::create_dir_all(site.path().join("templates/partials")).unwrap();
    let footer = read(&site.path().join("themes/default/templates/partials/footer.html"));
    fs::write(
        site.path().join("templates/partials/footer.html"),
        format!("<p class=\"house-footer\">house</p>\n{footer}"),
    )
    .unwrap();
    fs::create_dir_all(site.path().join("static/css")).unwrap();
    fs::write(site.path().join("static/css/site.css"), "body { color: #000; }\n").unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(read(&out.join("en/results/index.html")).contains("<p class=\"house-footer\">house</p>"));
    assert_eq!(read(&out.join("css/site.css")), "body { color: #000; }\n");
    // Theme files not overridden are still there.
    assert!(out.join("css/print.css").is_file());
}

#[test]
fn unknown_site_toml_key_is_an_error() {
    let err = failing_build(|root| {
        edit(root, "site.toml", "theme = \"default\"", "theme = \"default\"\ncolour = \"blue\"");
    });
    assert!(err.contains("site.toml:5"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
}

/// A site without a themes/ folder: the theme compiled into the binary, templates, CSS and
/// interface strings in both languages.
#[test]
fn a_site_without_themes_builds_from_the_built_in_theme() {
    let site = fixture_site("basic");
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let css = read(&out.join("css/site.css"));
    assert_eq!(css, read(&repo().join("themes/default/static/css/site.css")));
    let ja = read(&out.join("ja/results/index.html"));
    let en = read(&out.join("en/results/index.html"));
    assert!(ja.contains("本文へスキップ") && ja.contains("将来の見通しに関する記述について"));
    assert!(en.contains("Skip to content") && en.contains("Forward-looking statements"));
    // No [company]: the disclaimer names the site's title instead.
    assert!(en.contains("currently available to Test Corp IR"), "{en}");
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let check = irsite_command(site.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

/// One template and one CSS file of the site replace the built-in ones; the rest stays.
#[test]
fn a_site_overrides_one_template_and_one_css_file() {
    let site = fixture_site("basic");
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let footer = read(&repo().join("themes/default/templates/partials/footer.html"));
    fs::create_dir_all(site.path().join("templates/partials")).unwrap();
    fs::write(
        site.path().join("templates/partials/footer.html"),
        footer.replace("<footer class=\"site-footer\">", "<footer class=\"site-footer\"><p>Own footer</p>"),
    )
    .unwrap();
    fs::create_dir_all(site.path().join("static/css")).unwrap();
    fs::write(site.path().join("static/css/print.css"), "body { color: #000; }\n").unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let page = read(&out.join("en/results/index.html"));
    assert!(page.contains("<p>Own footer</p>"));
    assert!(page.contains("Skip to content"), "the built-in base template is still used");
    assert_eq!(read(&out.join("css/print.css")), "body { color: #000; }\n");
    assert_eq!(read(&out.join("css/site.css")), read(&repo().join("themes/default/static/css/site.css")));
}

/// [company] in site.toml: name in the header area, footer, disclaimer, structured data and
/// social cards; a brand colour too light for WCAG AA is darkened, with a warning.
#[test]
fn company_identity_and_brand_colour_come_from_site_toml() {
    let site = fixture_site("basic");
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let toml = read(&site.path().join("site.toml"));
    fs::write(
        site.path().join("site.toml"),
        format!(
            "{toml}\n[company]\nsecurities_code = \"9999\"\nbrand_color = \"#ffcc00\"\n[company.name]\nja = \"テスト株式会社\"\nen = \"Test </script> Corp\"\n[company.copyright]\nen = \"Test Holdings\"\n"
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let warning = stderr(&result);
    assert!(warning.contains("brand_color #ffcc00") && warning.contains("WCAG AA"), "{warning}");
    let en = read(&out.join("en/index.html"));
    assert!(
        en.contains("currently available to Test &lt;&#x2F;script&gt; Corp")
            || en.contains("currently available to Test &lt;/script&gt; Corp"),
        "{en}"
    );
    assert!(en.contains("© Test Holdings"));
    assert!(en.contains("<meta property=\"og:locale\" content=\"en_US\">"));
    assert!(en.contains("<meta property=\"og:locale:alternate\" content=\"ja_JP\">"));
    assert!(en.contains("<meta property=\"og:url\" content=\"https://example.com/en/\">"));
    assert!(en.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert_eq!(en.matches("</script>").count(), 1, "only the JSON-LD element's own end tag");
    let json = en.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    assert!(json.contains("\"tickerSymbol\":\"TSE 9999\""), "{json}");
    assert!(json.contains("Test \\u003c/script\\u003e Corp"), "{json}");
    let ja = read(&out.join("ja/index.html"));
    assert!(ja.contains("© テスト株式会社"), "copyright defaults to the name");
    // The darkened colour, not the requested one, reaches the pages.
    let style = ja.split("html:root { --brand: ").nth(1).unwrap();
    let used = &style[..7];
    assert_ne!(used, "#ffcc00");
    let check = irsite_command(site.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("brand_color #ffcc00"), "check repeats the warning");
    assert!(stderr(&check).contains(&format!("uses the darker {used}")));
}

/// Where an id is written or referenced: the page, and which chart figure (from 1) of the page
/// holds it (0: outside every chart).
#[derive(Debug, Default)]
struct PageIds {
    /// (id, figure)
    ids: Vec<(String, usize)>,
    /// (attribute, referenced id, figure): `aria-labelledby`, `aria-describedby`, `href="#…"`
    /// and SVG paints `url(#…)`.
    references: Vec<(String, String, usize)>,
}

/// The ids and id references of one HTML page, read by an HTML5 parser.
fn page_ids(html: &str) -> PageIds {
    let doc = scraper::Html::parse_document(html);
    let charts = scraper::Selector::parse("figure.chart").unwrap();
    let figures: Vec<_> = doc.select(&charts).map(|f| f.id()).collect();
    let mut page = PageIds::default();
    for node in doc.root_element().descendants() {
        let Some(element) = scraper::ElementRef::wrap(node) else { continue };
        // The chart figure (from 1) this element is, or is inside of.
        let figure = std::iter::once(node)
            .chain(node.ancestors())
            .find_map(|n| figures.iter().position(|f| *f == n.id()))
            .map_or(0, |i| i + 1);
        let e = element.value();
        if let Some(id) = e.id() {
            page.ids.push((id.to_string(), figure));
        }
        for name in ["aria-labelledby", "aria-describedby"] {
            for id in e.attr(name).into_iter().flat_map(str::split_ascii_whitespace) {
                page.references.push((name.to_string(), id.to_string(), figure));
            }
        }
        if let Some(fragment) = e.attr("href").and_then(|h| h.strip_prefix('#')) {
            page.references.push(("href".to_string(), fragment.to_string(), figure));
        }
        for (name, value) in e.attrs() {
            for part in value.split("url(#").skip(1) {
                let id = part.split(')').next().unwrap().to_string();
                page.references.push((name.to_string(), id, figure));
            }
        }
    }
    page
}

#[test]
fn a_chart_placed_twice_writes_unique_ids_and_its_references_stay_inside_each_placement() {
    let site = fixture_site("basic");
    let twice = "{{ chart(id=\"sales\") }}\n\nSee [the chart](#chart-sales).\n\n{{ chart(id=\"sales\") }}\n\n\
                 {{ chart(id=\"sales\") }}\n";
    edit(site.path(), "content/en/results.md", "{{ chart(id=\"sales\") }}\n", twice);
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));

    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(|e| e.ok()) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let name = entry.path().strip_prefix(&out).unwrap().display().to_string();
        let page = page_ids(&read(entry.path()));
        let mut seen = std::collections::BTreeSet::new();
        for (id, _) in &page.ids {
            assert!(seen.insert(id.as_str()), "{name}: id `{id}` is written twice");
        }
        for (attr, id, figure) in &page.references {
            let target = page.ids.iter().find(|(i, _)| i == id);
            let (_, target_figure) = target.unwrap_or_else(|| panic!("{name}: {attr} `#{id}` names no element"));
            // A chart's own references (title, description, patterns) point into the same
            // placement, never into another copy of the chart.
            if *figure > 0 {
                assert_eq!(target_figure, figure, "{name}: {attr} `#{id}` leaves its chart");
            }
        }
    }
    assert!(pages >= 4, "{pages} pages");

    let page = page_ids(&read(&out.join("en/results/index.html")));
    let figure_ids: Vec<&str> = page
        .ids
        .iter()
        .filter(|(id, _)| id.strip_prefix("chart-sales").is_some_and(|rest| !rest.contains('-')))
        .map(|(id, _)| id.as_str())
        .collect();
    // The first placement keeps the ids it always had, so links to it keep working.
    assert_eq!(figure_ids, ["chart-sales", "chart-sales_2", "chart-sales_3"]);
    let titles = page.references.iter().filter(|(attr, _, figure)| attr == "aria-labelledby" && *figure > 0);
    let titles: Vec<(&str, usize)> = titles.map(|(_, id, figure)| (id.as_str(), *figure)).collect();
    assert_eq!(titles, [("chart-sales-title", 1), ("chart-sales_2-title", 2), ("chart-sales_3-title", 3)]);
    assert!(page.references.iter().any(|(attr, id, figure)| attr == "href" && id == "chart-sales" && *figure == 0));
    // Every placement shares the one CSV download.
    let downloads = attr_values(&read(&out.join("en/results/index.html")), "href");
    assert_eq!(downloads.iter().filter(|h| h.ends_with("en/data/sales.csv")).count(), 3);
}
