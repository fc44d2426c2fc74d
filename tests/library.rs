//! The document library, the IR calendar and the financial-data workbook, on the fixture
//! site `tests/fixtures/library` and on the real site: listings, file sizes, the calendar
//! split by build date, the errors, and the .ics and .xlsx files read back with independent
//! parsers (`ical`, `calamine`).

mod common;

use std::fs;
use std::path::Path;

use calamine::{Data, Reader};
use common::{assert_workbook_matches_csvs, between, build, edit, fixture_site, open_xlsx, read, repo, stderr, texts};

fn built(today: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture_site("library");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--today", today]);
    assert!(result.status.success(), "{}", stderr(&result));
    (site, out)
}

#[test]
fn library_lists_documents_by_period_and_type_with_measured_sizes() {
    let (_site, out) = built("2026-05-13");
    let en = read(&out.join("en/library/index.html"));
    let fy2025 = between(&en, "id=\"library-fy2025\"", "</section>");
    // The type list's order within a period: earnings report, presentation, newsletter.
    assert_eq!(
        texts(fy2025, "document-title"),
        [
            "Consolidated financial results for FY2025",
            "FY2025 results presentation",
            "Shareholder newsletter no. 30, data"
        ]
    );
    // Sizes of the fixture's files: 1,800, 15,000 and 23 bytes on the English page (the
    // Japanese file stands in where there is no English one).
    assert_eq!(texts(fy2025, "document-file"), ["PDF, 1.8 KB", "PDF, 15 KB", "CSV, 23 B"]);
    let marks: Vec<bool> =
        fy2025.split("<li class=\"document\">").skip(1).map(|li| li.contains("Japanese only")).collect();
    assert_eq!(marks, [false, true, true]);
    assert!(fy2025.contains("href=\"../../library/fy2025/tanshin-en.pdf\">"), "{fy2025}");
    assert!(fy2025.contains("href=\"../../library/fy2025/presentation.pdf\" hreflang=\"ja\">"), "{fy2025}");
    // The period with the newest document comes first; the quarter follows.
    assert!(en.find("id=\"library-fy2025\"").unwrap() < en.find("id=\"library-fy2025q3\"").unwrap());
    assert!(en.contains(">Q3 FY2025</h2>"), "{en}");

    let ja = read(&out.join("ja/library/index.html"));
    let fy2025 = between(&ja, "id=\"library-fy2025\"", "</section>");
    assert_eq!(texts(fy2025, "document-file"), ["PDF（2.3 KB）", "PDF（15 KB）", "CSV（23 B）"]);
    assert!(!ja.contains("日本語のみ"), "the Japanese page never marks a document Japanese-only");
    assert!(ja.contains(">2025年度</h2>") && ja.contains("<time datetime=\"2026-05-12\">2026年5月12日</time>"));

    // Documents are published as they are, once for both languages.
    for file in ["fy2025/tanshin.pdf", "fy2025/tanshin-en.pdf", "fy2025/presentation.pdf", "fy2025q3/tanshin.pdf"] {
        let source = fs::read(repo().join("tests/fixtures/library/content/library").join(file)).unwrap();
        assert_eq!(fs::read(out.join("library").join(file)).unwrap(), source, "{file}");
    }
    assert!(common::broken_links(&out).is_empty(), "{:?}", common::broken_links(&out));
}

#[test]
fn file_names_with_spaces_japanese_and_reserved_characters_get_working_links() {
    let site = fixture_site("library");
    let library = site.path().join("content/library");
    // A space, Japanese, `#`, `%`, `?`, `&` and `+`: each would end or change a raw href.
    let names = [
        ("fy2025/tanshin.pdf", "fy2025/決算短信 2026#1.pdf"),
        ("fy2025/tanshin-en.pdf", "fy2025/Results 100% Q&A?+.pdf"),
    ];
    for (from, to) in names {
        fs::rename(library.join(from), library.join(to)).unwrap();
        edit(site.path(), "content/data/library.toml", &format!("\"{from}\""), &format!("\"{to}\""));
    }
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--today", "2026-05-13"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let ja = read(&out.join("ja/library/index.html"));
    assert!(ja.contains("href=\"../../library/fy2025/%E6%B1%BA%E7%AE%97%E7%9F%AD%E4%BF%A1%202026%231.pdf\""), "{ja}");
    let en = read(&out.join("en/library/index.html"));
    assert!(en.contains("href=\"../../library/fy2025/Results%20100%25%20Q%26A%3F%2B.pdf\""), "{en}");
    // Published under their own names, and every link of the site reaches its file.
    for (from, to) in names {
        let source = fs::read(repo().join("tests/fixtures/library/content/library").join(from)).unwrap();
        assert_eq!(fs::read(out.join("library").join(to)).unwrap(), source, "{to}");
    }
    assert!(common::broken_links(&out).is_empty(), "{:?}", common::broken_links(&out));
    let check = common::irsite(site.path(), &["check"]);
    assert!(stderr(&check).contains("0 errors"), "{}", stderr(&check));
}

#[test]
fn check_and_build_refuse_static_files_where_calendars_workbooks_and_documents_go() {
    let site = fixture_site("library");
    common::assert_static_files_clash(
        site.path(),
        &["ja/calendar.ics", "en/calendar.ics", "ja/data/financial-data.xlsx", "library/fy2025/tanshin.pdf"],
    );
}

#[test]
fn calendar_splits_events_by_the_build_date() {
    for (today, upcoming, past) in [
        (
            "2026-05-12",
            vec![
                "FY2025 results announcement",
                "FY2025 results briefing (online)",
                "30th annual general meeting of shareholders",
            ],
            vec!["Year-end dividend record date"],
        ),
        (
            "2026-05-13",
            vec!["FY2025 results briefing (online)", "30th annual general meeting of shareholders"],
            vec!["FY2025 results announcement", "Year-end dividend record date"],
        ),
    ] {
        let (_site, out) = built(today);
        let html = read(&out.join("en/calendar/index.html"));
        let upcoming_part = between(&html, "id=\"calendar-upcoming\"", "</section>");
        let past_part = between(&html, "id=\"calendar-past\"", "</section>");
        assert_eq!(texts(upcoming_part, "event-title"), upcoming, "upcoming on {today}");
        assert_eq!(texts(past_part, "event-title"), past, "past on {today}");
        assert!(html.contains("href=\"../../en/calendar.ics\""), "the page links its calendar file");
    }
    let (_site, out) = built("2026-07-01");
    let html = read(&out.join("ja/calendar/index.html"));
    assert!(between(&html, "id=\"calendar-upcoming\"", "</section>").contains("現在お知らせする予定はありません"));
    assert!(html.contains("<time datetime=\"2026-05-13T10:00+09:00\">2026年5月13日</time> <span class=\"event-time\">10:00～11:00（日本時間）</span>"), "{html}");
}

fn property<'a>(props: &'a [ical::property::Property], name: &str) -> &'a ical::property::Property {
    props.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"))
}

fn param(prop: &ical::property::Property, name: &str) -> Option<String> {
    prop.params.as_ref()?.iter().find(|(n, _)| n == name).map(|(_, v)| v.join(","))
}

#[test]
fn calendar_files_parse_with_stable_uids_and_the_build_date_as_dtstamp() {
    let (_site, out) = built("2026-05-13");
    let text = read(&out.join("en/calendar.ics"));
    assert!(text.lines().count() > 10 && text.split("\r\n").all(|line| !line.contains('\n')), "lines end in CRLF");
    let calendars: Vec<_> = ical::IcalParser::new(text.as_bytes()).collect::<Result<_, _>>().expect("valid iCalendar");
    assert_eq!(calendars.len(), 1);
    let calendar = &calendars[0];
    assert_eq!(property(&calendar.properties, "VERSION").value.as_deref(), Some("2.0"));
    assert!(property(&calendar.properties, "PRODID").value.is_some());
    assert_eq!(calendar.timezones.len(), 1);
    assert_eq!(property(&calendar.timezones[0].properties, "TZID").value.as_deref(), Some("Asia/Tokyo"));
    assert!(calendar.timezones[0].properties.iter().all(|p| p.name != "UID" && p.name != "DTSTAMP"));
    assert_eq!(calendar.events.len(), 4);
    let mut uids = Vec::new();
    for event in &calendar.events {
        let props = &event.properties;
        // Midnight of the build date in Tokyo, in UTC: not the time of the build.
        assert_eq!(property(props, "DTSTAMP").value.as_deref(), Some("20260512T150000Z"));
        uids.push(property(props, "UID").value.clone().unwrap());
        let start = property(props, "DTSTART");
        match property(props, "SUMMARY").value.as_deref() {
            Some("Year-end dividend record date") => {
                assert_eq!(param(start, "VALUE").as_deref(), Some("DATE"));
                assert_eq!(start.value.as_deref(), Some("20260331"));
                assert_eq!(property(props, "DTEND").value.as_deref(), Some("20260401"), "all-day ends the next day");
            }
            Some("FY2025 results briefing (online)") => {
                assert_eq!(param(start, "TZID").as_deref(), Some("Asia/Tokyo"));
                assert_eq!(start.value.as_deref(), Some("20260513T100000"));
                assert_eq!(property(props, "DTEND").value.as_deref(), Some("20260513T110000"));
            }
            Some("30th annual general meeting of shareholders") => {
                assert_eq!(param(start, "TZID").as_deref(), Some("Asia/Tokyo"));
                assert_eq!(property(props, "LOCATION").value.as_deref(), Some("Chiyoda\\, Tokyo (a fictional venue)"));
            }
            Some("FY2025 results announcement") => assert_eq!(start.value.as_deref(), Some("20260512T150000")),
            other => panic!("unexpected event {other:?}"),
        }
    }
    uids.sort();
    assert_eq!(
        uids,
        [
            "2026-03-31-record-date.en@ir.example.org",
            "2026-05-12-earnings.en@ir.example.org",
            "2026-05-13-briefing.en@ir.example.org",
            "agm-2026.en@ir.example.org"
        ]
    );
    // Another build date changes DTSTAMP only: the UIDs stay.
    let (_site, later) = built("2026-06-01");
    let again = read(&later.join("en/calendar.ics"));
    assert_eq!(again.replace("DTSTAMP:20260531T150000Z", "DTSTAMP:20260512T150000Z"), text);
    let ja = read(&out.join("ja/calendar.ics"));
    assert!(ja.contains("SUMMARY:第30回 定時株主総会") && ja.contains("UID:agm-2026.ja@ir.example.org"), "{ja}");
}

#[test]
fn source_date_epoch_sets_the_build_date_and_rebuilds_are_identical() {
    let site = fixture_site("library");
    let run = |name: &str| {
        let out = site.path().join(name);
        // 2026-05-12 15:00 UTC is 2026-05-13 00:00 in Tokyo.
        let result = common::irsite_command(site.path())
            .args(["build", "--output", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1778598000")
            .output()
            .unwrap();
        assert!(result.status.success(), "{}", stderr(&result));
        out
    };
    let first = run("first");
    let second = run("second");
    assert_eq!(common::snapshot(&first), common::snapshot(&second));
    let html = read(&first.join("en/calendar/index.html"));
    assert!(html.contains("As of May 13, 2026"), "{html}");
    let (_dir, explicit) = built("2026-05-13");
    for file in ["en/calendar.ics", "ja/data/financial-data.xlsx", "en/calendar/index.html"] {
        assert_eq!(fs::read(first.join(file)).unwrap(), fs::read(explicit.join(file)).unwrap(), "{file}");
    }

    let bad = common::irsite_command(site.path())
        .args(["build", "--output", site.path().join("bad").to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "last tuesday")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&bad));
    let bad = build(site.path(), &site.path().join("bad"), &["--today", "2026-13-01"]);
    assert!(!bad.status.success() && stderr(&bad).contains("--today"), "{}", stderr(&bad));
}

fn failing(edit_site: impl FnOnce(&Path)) -> String {
    let site = fixture_site("library");
    edit_site(site.path());
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--today", "2026-05-13"]);
    assert!(!result.status.success(), "the build should fail");
    assert!(!out.exists(), "a failed build writes no site");
    stderr(&result)
}

#[test]
fn library_and_calendar_errors_name_the_entry_and_line() {
    let err = failing(|root| fs::remove_file(root.join("content/library/fy2025/presentation.pdf")).unwrap());
    assert!(err.contains("content/data/library.toml:22"), "{err}");
    assert!(
        err.contains("2026年3月期 決算説明資料") && err.contains("content/library/fy2025/presentation.pdf` not found"),
        "{err}"
    );

    let err = failing(|root| edit(root, "content/data/library.toml", "type = \"presentation\"", "type = \"slides\""));
    assert!(err.contains("library.toml:18") && err.contains("unknown document type `slides`"), "{err}");
    assert!(err.contains("tanshin, presentation, shareholder-letter"), "the hint lists the site's types: {err}");

    let err = failing(|root| edit(root, "content/data/library.toml", "date = \"2026-05-12\"", "date = \"2026-05-32\""));
    assert!(err.contains("library.toml:27") && err.contains("2026-05-32"), "{err}");

    let err = failing(|root| edit(root, "content/data/library.toml", "period = \"FY2025Q3\"", "period = \"2025Q3\""));
    assert!(err.contains("library.toml:40") && err.contains("2025Q3"), "{err}");

    let err = failing(|root| edit(root, "content/data/library.toml", "fy2025q3/tanshin.pdf", "../../site.toml"));
    assert!(err.contains("library.toml:43") && err.contains("relative path inside content/library/"), "{err}");

    let err = failing(|root| edit(root, "content/data/calendar.toml", "type = \"agm\"", "type = \"meeting\""));
    assert!(err.contains("calendar.toml:43") && err.contains("unknown event type `meeting`"), "{err}");

    let err =
        failing(|root| edit(root, "content/data/calendar.toml", "date = \"2026-05-13\"", "date = \"13 May 2026\""));
    assert!(err.contains("calendar.toml:36") && err.contains("13 May 2026"), "{err}");

    let err = failing(|root| edit(root, "content/data/calendar.toml", "time = \"15:00\"", "time = \"3pm\""));
    assert!(err.contains("calendar.toml:31") && err.contains("HH:MM"), "{err}");

    let err = failing(|root| fs::remove_file(root.join("content/data/calendar.toml")).unwrap());
    assert!(err.contains("content/ja/calendar.md") && err.contains("`calendar` needs events"), "{err}");
}

#[test]
fn workbook_holds_every_number_of_the_real_site_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let result = build(&repo(), &out, &["--today", "2026-05-13"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let data = repo().join("content/data");
    let ja = assert_workbook_matches_csvs(&out.join("ja/data/financial-data.xlsx"), &data);
    let en = assert_workbook_matches_csvs(&out.join("en/data/financial-data.xlsx"), &data);
    assert!(ja > 100 && ja == en, "{ja} and {en} numbers compared");

    let mut book = open_xlsx(&out.join("en/data/financial-data.xlsx"));
    let results = book.worksheet_range("consolidated-results").unwrap();
    assert_eq!(results.get_value((2, 0)), Some(&Data::String("Period".into())));
    assert_eq!(results.get_value((2, 1)), Some(&Data::String("Revenue (¥100 million)".into())));
    assert_eq!(results.get_value((5, 0)), Some(&Data::String("FY2021".into())));
    let notes: Vec<String> = (6..12).filter_map(|r| results.get_value((r, 1))).map(|v| v.to_string()).collect();
    assert!(notes.iter().any(|n| n.contains("slide 3-1")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("May 13, 2026")), "the build date: {notes:?}");
    let forecast = book.worksheet_range("fy2022-forecast").unwrap();
    let rows: Vec<String> = (3..8).filter_map(|r| forecast.get_value((r, 0))).map(|v| v.to_string()).collect();
    assert!(rows.contains(&"FY2022 (Forecast)".to_string()), "{rows:?}");
}

#[test]
fn workbook_on_the_fixture_marks_forecasts_and_categories_and_is_linked() {
    let (_site, out) = built("2026-05-13");
    let data = repo().join("tests/fixtures/library/content/data");
    assert_eq!(assert_workbook_matches_csvs(&out.join("ja/data/financial-data.xlsx"), &data), 18);
    let mut book = open_xlsx(&out.join("ja/data/financial-data.xlsx"));
    let results = book.worksheet_range("results").unwrap();
    assert_eq!(results.get_value((0, 0)), Some(&Data::String("売上高・営業利益の推移（架空）".into())));
    assert_eq!(results.get_value((2, 4)), Some(&Data::String("売上高前年比 (%)".into())));
    assert_eq!(results.get_value((6, 0)), Some(&Data::String("2026年度 (予想)".into())));
    let notes: Vec<String> = (8..13).filter_map(|r| results.get_value((r, 1))).map(|v| v.to_string()).collect();
    assert!(notes.contains(&"2026年3月末時点".to_string()), "as-of row: {notes:?}");
    // the source as the sidecar gives it: the theme does not say what kind of document it is
    assert!(notes.contains(&"2-1".to_string()), "source row: {notes:?}");
    let segments = book.worksheet_range("segments").unwrap();
    assert_eq!(segments.get_value((4, 0)), Some(&Data::String("部品".into())));
    for page in ["ja/index.html", "ja/results/index.html", "ja/library/index.html", "en/library/index.html"] {
        let html = read(&out.join(page));
        // Once on every page that places `workbook`, the library page included.
        assert_eq!(html.matches("data/financial-data.xlsx\" download>").count(), 1, "{page}");
    }
    let ja = read(&out.join("ja/library/index.html"));
    assert!(ja.contains("data/financial-data.xlsx\" download>財務データ一括ダウンロード（Excel）</a>"));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let site = fixture_site("library");
    let formulas = ["=1+2", "+81-3-1234", "-5", "@SUM(A1:A3)"];
    let ftl = site.path().join("locales/en/fixture.ftl");
    let text = read(&ftl)
        .replace("series-revenue = Revenue", &format!("series-revenue = {}", formulas[0]))
        .replace("series-operating-income = Operating income", &format!("series-operating-income = {}", formulas[1]))
        .replace("segment-parts = Parts", &format!("segment-parts = {}", formulas[2]))
        .replace(
            "chart-results = Revenue and operating income (fictional)",
            &format!("chart-results = {}", formulas[3]),
        );
    fs::write(&ftl, text).unwrap();
    let out = site.path().join("public");
    let result = build(site.path(), &out, &["--today", "2026-05-13"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let mut book = open_xlsx(&out.join("en/data/financial-data.xlsx"));
    let results = book.worksheet_range("results").unwrap();
    assert_eq!(results.get_value((0, 0)), Some(&Data::String("@SUM(A1:A3)".into())));
    assert_eq!(results.get_value((2, 1)), Some(&Data::String("=1+2 (¥100 million)".into())));
    assert_eq!(results.get_value((2, 2)), Some(&Data::String("+81-3-1234 (¥100 million)".into())));
    let segments = book.worksheet_range("segments").unwrap();
    assert_eq!(segments.get_value((4, 0)), Some(&Data::String("-5".into())));
    for sheet in ["results", "segments"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{sheet} has a formula");
    }
}

#[test]
fn a_site_without_library_or_calendar_writes_neither() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(!out.join("library").exists() && !out.join("ja/calendar.ics").exists());
    assert!(out.join("ja/data/financial-data.xlsx").exists(), "a site with data tables gets its workbook");
}

#[test]
fn check_accepts_links_to_documents_calendar_files_and_workbooks() {
    let site = fixture_site("library");
    let result = common::irsite(site.path(), &["check"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(stderr(&result).contains("0 errors, 0 warnings"), "{}", stderr(&result));
}
