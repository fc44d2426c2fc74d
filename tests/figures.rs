//! Figures in prose come from `content/data/`, in both languages.
//!
//! - `no_figure_is_typed_by_hand`: the real pages, with their shortcodes removed, contain no
//!   number that is a value in the data (raw, or as rendered in Japanese or English).
//! - `both_languages_use_the_same_figures`: each page references the same (id, row) pairs
//!   in Japanese and English.
//! - Unit rendering in both languages through the real shortcode path (a small site built
//!   in a temporary folder), error cases with file and line, and sample figures of the
//!   real site's built pages.

mod common;

use common::{copy_dir, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use irsite::config::Config;
use irsite::data::Data;
use irsite::format::{self, FigureOptions, Number, Unit};
use irsite::lang::Lang;
use irsite::model::calendar::MONTHS_EN;
use irsite::shortcode;
use irsite::site::Site;

fn pages(lang: Lang) -> Vec<PathBuf> {
    let dir = repo().join("content").join(lang.code());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// No figure typed by hand
// ---------------------------------------------------------------------------

/// A number written as digits, normalized so that numerically equal spellings compare
/// equal: no grouping commas, no sign, no trailing fractional zeros (`2,263` → `2263`,
/// `23.00` → `23`, `△1.0` → `1`).
fn canonical(token: &str) -> String {
    let mut s: String = token.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    let trimmed = s.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Every number token in `text`: digit runs with grouping commas and one decimal part.
fn number_tokens(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut seen_dot = false;
        while i < bytes.len() {
            let b = bytes[i];
            let next_digit = bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if b.is_ascii_digit() || (b == b',' && next_digit && !seen_dot) {
                i += 1;
            } else if b == b'.' && next_digit && !seen_dot {
                seen_dot = true;
                i += 1;
            } else {
                break;
            }
        }
        out.push((start, i));
    }
    out
}

/// The numbers a value can appear as: raw, and the digits of its ja and en renderings
/// (en shows oku_yen in billions or millions and man_lines in millions or lines, so
/// `44.4` oku_yen is also looked for as `4.44` and `2,263` as `226.3`).
fn forms_of(value: Number, unit: &Unit) -> BTreeSet<String> {
    let mut forms = BTreeSet::new();
    forms.insert(canonical(&value.to_string()));
    for lang in Lang::ALL {
        let text = format::figure(value, unit, lang, &FigureOptions::default()).unwrap();
        for (s, e) in number_tokens(&text) {
            forms.insert(canonical(&text[s..e]));
        }
    }
    forms
}

/// Every number of `content/data`, with the figures (label and unit) it is a form of.
fn data_numbers(data: &Data) -> BTreeMap<String, BTreeSet<(String, &str)>> {
    let mut numbers: BTreeMap<String, BTreeSet<(String, &str)>> = BTreeMap::new();
    for table in data.tables.values() {
        for column in &table.columns {
            for (row, value) in table.rows.iter().zip(&column.values) {
                if let Some(v) = value {
                    for form in forms_of(*v, &column.unit) {
                        numbers
                            .entry(form)
                            .or_default()
                            .insert((format!("{}.{} {}", table.name, column.id, row.id), column.unit.id()));
                    }
                }
            }
        }
    }
    for fact in data.facts.values() {
        for form in forms_of(fact.value, &fact.unit) {
            numbers.entry(form).or_default().insert((fact.id.clone(), fact.unit.id()));
        }
    }
    numbers
}

/// The units a number in prose is written with, from the text around it, or `None` when
/// it has no unit. A number with a unit is only compared with figures of that unit
/// (`1社に依存しない`, "one company", is not `board_women` = 1 person); `count` and
/// `ratio` figures have no unit in either language and are compared with every number.
fn context_units(before: &str, after: &str) -> Option<&'static [&'static str]> {
    let yen_before = before.ends_with('¥') || before.ends_with("-¥");
    let table: [(&str, &'static [&'static str]); 16] = [
        ("億円", &["oku_yen"]),
        ("百万円", &["oku_yen"]),
        (" billion", &["oku_yen"]),
        (" million lines", &["man_lines"]),
        (" lines", &["man_lines"]),
        ("万回線", &["man_lines"]),
        ("円", &["yen"]),
        ("%", &["percent", "pct_change"]),
        ("％", &["percent", "pct_change"]),
        ("社", &["companies"]),
        (" companies", &["companies"]),
        ("名", &["people"]),
        (" people", &["people"]),
        (" person", &["people"]),
        ("秒", &["seconds"]),
        (" seconds", &["seconds"]),
    ];
    if yen_before {
        return Some(if after.starts_with(" billion") || after.starts_with(" million") {
            &["oku_yen"]
        } else {
            &["yen"]
        });
    }
    table.iter().find(|(suffix, _)| after.starts_with(suffix)).map(|(_, units)| *units)
}

/// The text of a page an author types: front matter values shown on the site (title,
/// description, nav_title) and the body, with the parts that are not prose blanked out
/// (same length, so offsets keep their lines):
/// - shortcodes (the figures they render come from the data),
/// - heading ids `{#fy2021-vs-assumptions}`, link destinations `](../mid-term-plan/)`,
///   autolinks `<https://…>`, inline code and HTML tags: ids and addresses, not figures.
fn prose(source: &str) -> String {
    let mut text: Vec<u8> = source.as_bytes().to_vec();
    let blank = |text: &mut Vec<u8>, s: usize, e: usize| {
        for b in &mut text[s..e] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    // Front matter: keep only the shown values.
    if let Some(end) = source[3..].find("\n+++").map(|i| i + 3) {
        let mut offset = 0;
        for line in source[..end + 4].split_inclusive('\n') {
            let shown = ["title", "description", "nav_title"]
                .iter()
                .any(|k| line.strip_prefix(k).is_some_and(|rest| rest.trim_start().starts_with('=')));
            if !shown {
                blank(&mut text, offset, offset + line.len());
            }
            offset += line.len();
        }
    }
    for code in shortcode::scan(source).expect("pages parse") {
        blank(&mut text, code.start, code.end);
    }
    let patterns: [(&str, &str); 5] = [("{#", "}"), ("](", ")"), ("<http", ">"), ("`", "`"), ("<", ">")];
    for (open, close) in patterns {
        let snapshot = String::from_utf8_lossy(&text).into_owned();
        let mut from = 0;
        while let Some(s) = snapshot[from..].find(open).map(|i| i + from) {
            let body = s + open.len();
            let Some(e) = snapshot[body..].find(close).map(|i| i + body + close.len()) else { break };
            // Only within one line: a lone `<` or backtick is not a span.
            if snapshot[s..e].contains('\n') {
                from = body;
                continue;
            }
            // `](` of a link: keep the `]`.
            let s = if open == "](" { s + 1 } else { s };
            blank(&mut text, s, e);
            from = e;
        }
    }
    String::from_utf8(text).expect("blanking keeps UTF-8: only ASCII bytes are replaced")
}

fn is_letter_or_joiner(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-' || c == '/')
}

/// Why a number in prose is not a figure, or `None` when it may be one. Each rule is about
/// the number's context, so a figure typed with its unit is still caught.
fn excluded(text: &str, s: usize, e: usize) -> Option<&'static str> {
    let token = &text[s..e];
    let before = text[..s].chars().next_back();
    let after_text = &text[e..];
    let after = after_text.chars().next();
    let before_text = &text[..s];
    // Part of a name or id: `FY2021`, `Q1`, `1Q`, `P2`, `Gen.2`, `2-1`. A figure is never
    // glued to Latin letters (en units are separated by a space, ja units are kana/kanji).
    if is_letter_or_joiner(before) || is_letter_or_joiner(after) || before_text.ends_with("Gen.") {
        return Some("part of a name or id");
    }
    // Calendar years: four digits without grouping, 1900–2099 (a figure of that size is
    // written with a comma, `2,045`, and in English as billions).
    if token.len() == 4 && !token.contains([',', '.']) && (1900..2100).contains(&token.parse::<u32>().unwrap_or(0)) {
        return Some("year");
    }
    // Dates, durations and ordinals: 2021年4月, 24時間365日, 第1四半期, 101～200位, 30年近く,
    // 3つ, December 27, 2021, almost 30 years, 1st.
    for suffix in ["年", "月", "日", "時間", "位", "つ"] {
        if after_text.starts_with(suffix) {
            return Some("date, duration or ordinal");
        }
    }
    if before_text.ends_with('第') {
        return Some("ordinal");
    }
    // Ranks: トップ10企業, 上位100社, the top 100 customers.
    if ["トップ", "上位", "top ", "Top "].iter().any(|w| before_text.ends_with(w)) {
        return Some("rank");
    }
    // Rank ranges written without a unit: 101～200位, customers ranked 201–300. A range of
    // figures with a unit after it (`2,045～2,263億円`) is still checked.
    let range_dash = |c: char| matches!(c, '～' | '–' | '〜');
    let rest_after_range =
        after_text.strip_prefix(range_dash).map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let rest_after_number = if before.is_some_and(range_dash) { Some(after_text) } else { rest_after_range };
    if let Some(rest) = rest_after_number {
        if !token.contains([',', '.']) && context_units("", rest).is_none() {
            return Some("range of ranks");
        }
    }
    for word in [" year", " month", " day", " hour", " quarter", "st ", "nd ", "rd ", "th "] {
        if after_text.starts_with(word) {
            return Some("date, duration or ordinal");
        }
    }
    if MONTHS_EN.iter().any(|m| before_text.ends_with(&format!("{m} "))) {
        return Some("date");
    }
    // Small whole numbers without a unit after them: list counts and ordinals such as
    // "three points" written as digits, "PUE 1.0" (the theoretical best, not a figure).
    // With a unit (`5社`, `10%`, `1名`) they are still checked.
    let value: f64 = canonical(token).parse().unwrap_or(f64::MAX);
    let unit_follows = [
        "%",
        "％",
        "億",
        "円",
        "万",
        "社",
        "名",
        "秒",
        " billion",
        " million",
        " companies",
        " people",
        " person",
        " seconds",
        " lines",
        " members",
    ]
    .iter()
    .any(|u| after_text.starts_with(u))
        || before_text.ends_with('¥');
    if value <= 10.0 && !unit_follows {
        return Some("small number without a unit");
    }
    None
}

#[test]
fn no_figure_is_typed_by_hand() {
    let data = Data::load(&repo(), &repo().join("content/data")).unwrap();
    let numbers = data_numbers(&data);
    let mut found = Vec::new();
    let mut excluded_count: BTreeMap<&str, usize> = BTreeMap::new();
    for lang in Lang::ALL {
        for path in pages(lang) {
            let source = std::fs::read_to_string(&path).unwrap();
            let text = prose(&source);
            for (s, e) in number_tokens(&text) {
                let Some(figures) = numbers.get(&canonical(&text[s..e])) else { continue };
                let figures: Vec<&String> = match context_units(&text[..s], &text[e..]) {
                    None => figures.iter().map(|(f, _)| f).collect(),
                    Some(units) => figures
                        .iter()
                        .filter(|(_, u)| units.contains(u) || ["count", "ratio"].contains(u))
                        .map(|(f, _)| f)
                        .collect(),
                };
                if figures.is_empty() {
                    if std::env::var_os("SHOW_EXCLUDED").is_some() {
                        let ctx: String = text[s..].chars().take(12).collect();
                        eprintln!("excluded (unit differs): {}: {ctx}", path.display());
                    }
                    *excluded_count.entry("unit differs from every figure of that value").or_default() += 1;
                    continue;
                }
                if let Some(reason) = excluded(&text, s, e) {
                    if std::env::var_os("SHOW_EXCLUDED").is_some() {
                        let line = text[..s].matches('\n').count() + 1;
                        let ctx: String = text[s..].chars().take(12).collect();
                        eprintln!("excluded ({reason}): {}:{line}: {ctx}", path.display());
                    }
                    *excluded_count.entry(reason).or_default() += 1;
                    continue;
                }
                let line = text[..s].matches('\n').count() + 1;
                let figures: Vec<&str> = figures.iter().map(|f| f.as_str()).take(3).collect();
                found.push(format!(
                    "{}:{line}: `{}` is typed by hand; it is the value of {} — use {{{{ fig(…) }}}}",
                    path.strip_prefix(repo()).unwrap().display(),
                    &text[s..e],
                    figures.join(", ")
                ));
            }
        }
    }
    eprintln!("numbers matching a data value but excluded by context: {excluded_count:?}");
    assert!(found.is_empty(), "{} figures typed by hand:\n{}", found.len(), found.join("\n"));
}

// ---------------------------------------------------------------------------
// Both languages reference the same figures
// ---------------------------------------------------------------------------

/// (id, row, change) of every `fig` reference of a page.
fn references(path: &Path) -> BTreeSet<(String, String, String)> {
    let source = std::fs::read_to_string(path).unwrap();
    let mut refs = BTreeSet::new();
    for code in shortcode::scan(&source).unwrap().into_iter().filter(|c| c.name == "fig") {
        let arg = |k: &str| code.str_arg(k).ok().flatten().unwrap_or("").to_string();
        let row = if arg("period").is_empty() { arg("category") } else { arg("period") };
        refs.insert((arg("id"), row, arg("change")));
    }
    refs
}

#[test]
fn both_languages_use_the_same_figures() {
    let mut problems = Vec::new();
    for ja in pages(Lang::Ja) {
        let en = repo().join("content/en").join(ja.file_name().unwrap());
        let (ja_set, en_set) = (references(&ja), references(&en));
        for missing in ja_set.difference(&en_set) {
            problems.push(format!("{}: {missing:?} is used in ja, not in en", en.display()));
        }
        for missing in en_set.difference(&ja_set) {
            problems.push(format!("{}: {missing:?} is used in en, not in ja", ja.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// A small site in a temporary folder, rendered by the real pipeline
// ---------------------------------------------------------------------------

const TEST_FACTS: &str = r#"
[oku_pos]
value = "2263"
unit = "oku_yen"
[oku_small]
value = "8.4"
unit = "oku_yen"
[oku_neg]
value = "-12"
unit = "oku_yen"
[oku_zero]
value = "0"
unit = "oku_yen"
[oku_round]
value = "44.45"
unit = "oku_yen"
[yen_pos]
value = "48.00"
unit = "yen"
[yen_neg]
value = "-1.50"
unit = "yen"
[pct_pos]
value = "10.4"
unit = "percent"
[pct_neg]
value = "-0.5"
unit = "percent"
[pct_zero]
value = "0.0"
unit = "percent"
[pct_round]
value = "0.125"
unit = "percent"
[pct_tiny_neg]
value = "-0.04"
unit = "percent"
[chg_pos]
value = "6.3"
unit = "pct_change"
[chg_neg]
value = "-1.0"
unit = "pct_change"
[chg_zero]
value = "0.0"
unit = "pct_change"
[lines_big]
value = "137.4"
unit = "man_lines"
[lines_small]
value = "45.2"
unit = "man_lines"
[people]
value = "4147"
unit = "people"
as_of = "2022-03-31"
[companies]
value = "13000"
unit = "companies"
as_of = "2021-03-31"
[count]
value = "83"
unit = "count"
as_of = "2022-06-02"
[seconds]
value = "30"
unit = "seconds"
[one_second]
value = "1"
unit = "seconds"
[ratio]
value = "1.2"
unit = "ratio"
[loss]
value = "△16071"
unit = "million_yen"
[per]
value = "18.4"
unit = "times"
[margin_diff]
value = "-0.8"
unit = "points"
[treasury]
value = "1200"
unit = "shares"
"#;

const TEST_TABLE_CSV: &str = "period,income,margin\nFY2019,100,\nFY2020,142,6.7\nFY2021,235,10.4\nFY2022,99,9.9\n";
const TEST_TABLE_TOML: &str = r#"
source = "3-1"
[columns.income]
unit = "oku_yen"
label = "test-income"
[columns.margin]
unit = "percent"
label = "test-margin"
[status]
FY2022 = "forecast"
"#;

/// A site with the real theme and interface strings, the test data above, and `ja` / `en`
/// page bodies for `page.md`.
fn test_site(ja: &str, en: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    copy_dir(&repo().join("themes"), &root.join("themes"));
    for lang in ["ja", "en"] {
        let locales = root.join("locales").join(lang);
        std::fs::create_dir_all(&locales).unwrap();
        std::fs::copy(repo().join("locales").join(lang).join("site.ftl"), locales.join("site.ftl")).unwrap();
        std::fs::write(locales.join("data.ftl"), "test-income = Income\ntest-margin = Margin\n").unwrap();
        let content = root.join("content").join(lang);
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(
            content.join("_index.md"),
            "+++\ntitle = \"Home\"\ndescription = \"Home\"\nweight = 0\n+++\n\nHome.\n",
        )
        .unwrap();
        let body = if lang == "ja" { ja } else { en };
        std::fs::write(
            content.join("page.md"),
            format!("+++\ntitle = \"Page\"\ndescription = \"Page\"\nweight = 1\n+++\n{body}"),
        )
        .unwrap();
    }
    let data = root.join("content/data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("facts.toml"), TEST_FACTS).unwrap();
    std::fs::copy(repo().join("content/data/units.toml"), data.join("units.toml")).unwrap();
    std::fs::write(data.join("t.csv"), TEST_TABLE_CSV).unwrap();
    std::fs::write(data.join("t.toml"), TEST_TABLE_TOML).unwrap();
    dir
}

/// Page bodies start on line 6 of the file (after four lines of front matter and `+++`).
const BODY_LINE: usize = 6;

/// Renders one shortcode per line in both languages; returns (ja, en) text per line.
fn render_lines(codes: &[&str]) -> Vec<(String, String)> {
    let body = codes.join("\n\n");
    let dir = test_site(&body, &body);
    let site = Site::load(Config::load(dir.path()).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let report = site.render_all().unwrap_or_else(|e| panic!("{e}"));
    let text = |lang: Lang, line: usize| {
        report
            .figure_uses
            .iter()
            .find(|u| u.lang == lang && u.page == "page" && u.line == line)
            .map(|u| u.text.clone())
            .unwrap_or_else(|| panic!("no figure on line {line}"))
    };
    (0..codes.len()).map(|i| (text(Lang::Ja, BODY_LINE + 2 * i), text(Lang::En, BODY_LINE + 2 * i))).collect()
}

#[test]
fn each_unit_renders_in_both_languages() {
    let cases: &[(&str, &str, &str)] = &[
        // oku_yen: ja 億円, en billions (one more decimal) or millions below ¥1 billion.
        (r#"{{ fig(id="oku_pos") }}"#, "2,263億円", "¥226.3 billion"),
        (r#"{{ fig(id="oku_small") }}"#, "8.4億円", "¥840 million"),
        (r#"{{ fig(id="oku_neg") }}"#, "△12億円", "-¥1.2 billion"),
        (r#"{{ fig(id="oku_zero") }}"#, "0億円", "¥0 million"),
        (r#"{{ fig(id="oku_pos", precision=0) }}"#, "2,263億円", "¥226 billion"),
        (r#"{{ fig(id="oku_round", precision=1) }}"#, "44.5億円", "¥4.4 billion"),
        (r#"{{ fig(id="oku_small", unit="million_yen") }}"#, "840百万円", "¥840 million"),
        (r#"{{ fig(id="oku_small", unit="bn_yen") }}"#, "8.4億円", "¥0.84 billion"),
        // yen per share: decimals as written.
        (r#"{{ fig(id="yen_pos") }}"#, "48.00円", "¥48.00"),
        (r#"{{ fig(id="yen_neg") }}"#, "△1.50円", "-¥1.50"),
        (r#"{{ fig(id="yen_pos", precision=0) }}"#, "48円", "¥48"),
        // percent: no sign for positives; rounding half away from zero on the decimal digits.
        (r#"{{ fig(id="pct_pos") }}"#, "10.4%", "10.4%"),
        (r#"{{ fig(id="pct_neg") }}"#, "△0.5%", "-0.5%"),
        (r#"{{ fig(id="pct_zero") }}"#, "0.0%", "0.0%"),
        (r#"{{ fig(id="pct_round", precision=2) }}"#, "0.13%", "0.13%"),
        (r#"{{ fig(id="pct_tiny_neg", precision=1) }}"#, "0.0%", "0.0%"),
        // pct_change: always signed; ja △ for decreases.
        (r#"{{ fig(id="chg_pos") }}"#, "+6.3%", "+6.3%"),
        (r#"{{ fig(id="chg_neg") }}"#, "△1.0%", "-1.0%"),
        (r#"{{ fig(id="chg_zero") }}"#, "±0.0%", "0.0%"),
        // man_lines: en in millions of lines, or lines below a million.
        (r#"{{ fig(id="lines_big") }}"#, "137.4万回線", "1.374 million lines"),
        (r#"{{ fig(id="lines_small") }}"#, "45.2万回線", "452,000 lines"),
        // counts and people.
        (r#"{{ fig(id="people") }}"#, "4,147名", "4,147 people"),
        (r#"{{ fig(id="companies") }}"#, "13,000社", "13,000"),
        (r#"{{ fig(id="count") }}"#, "83", "83"),
        (r#"{{ fig(id="seconds") }}"#, "30秒", "30 seconds"),
        (r#"{{ fig(id="one_second") }}"#, "1秒", "1 second"),
        (r#"{{ fig(id="ratio") }}"#, "1.2", "1.2"),
        // as-of dates.
        (r#"{{ fig(id="people", as_of=true) }}"#, "4,147名（2022年3月末時点）", "4,147 people (as of March 31, 2022)"),
        (r#"{{ fig(id="count", as_of=true) }}"#, "83（2022年6月2日時点）", "83 (as of June 2, 2022)"),
        // table figures and change between periods (computed from the figures as written).
        (r#"{{ fig(id="t.income", period="FY2021") }}"#, "235億円", "¥23.5 billion"),
        (r#"{{ fig(id="t.margin", period="FY2021") }}"#, "10.4%", "10.4%"),
        (r#"{{ fig(id="t.income", period="FY2021", change="FY2020") }}"#, "+65.5%", "+65.5%"),
        (r#"{{ fig(id="t.income", period="FY2022", change="FY2019") }}"#, "△1.0%", "-1.0%"),
        (r#"{{ fig(id="t.income", period="FY2019", change="FY2019") }}"#, "±0.0%", "0.0%"),
        (r#"{{ fig(id="t.income", period="FY2021", change="FY2020", precision=2) }}"#, "+65.49%", "+65.49%"),
        // latest: the latest actual period (FY2022 is a forecast), and the one before
        (r#"{{ fig(id="t.income", period="latest") }}"#, "235億円", "¥23.5 billion"),
        (r#"{{ fig(id="t.income", period="latest-1") }}"#, "142億円", "¥14.2 billion"),
        (r#"{{ fig(id="t.income", period="latest", change="latest-1") }}"#, "+65.5%", "+65.5%"),
        // money in any money unit, per language; magnitudes of losses
        (r#"{{ fig(id="loss") }}"#, "△16,071百万円", "-¥16,071 million"),
        (r#"{{ fig(id="loss", abs=true) }}"#, "16,071百万円", "¥16,071 million"),
        (r#"{{ fig(id="loss", unit="oku_yen") }}"#, "△160.71億円", "-¥16.071 billion"),
        (
            r#"{{ fig(id="loss", unit_ja="oku_yen", unit_en="billion_yen", abs=true) }}"#,
            "160.71億円",
            "¥16.071 billion",
        ),
        (r#"{{ fig(id="oku_pos", unit="million_yen", unit_en="bn_yen") }}"#, "226,300百万円", "¥226.3 billion"),
        (r#"{{ fig(id="oku_neg", abs=true) }}"#, "12億円", "¥1.2 billion"),
        (r#"{{ fig(id="per") }}"#, "18.4倍", "18.4x"),
        (r#"{{ fig(id="margin_diff") }}"#, "△0.8ポイント", "-0.8 pt"),
        (r#"{{ fig(id="treasury") }}"#, "1,200株", "1,200 shares"),
    ];
    let codes: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let rendered = render_lines(&codes);
    let mut wrong = Vec::new();
    for ((code, ja, en), (got_ja, got_en)) in cases.iter().zip(&rendered) {
        if (got_ja.as_str(), got_en.as_str()) != (*ja, *en) {
            wrong.push(format!("{code}: expected {ja} / {en}, got {got_ja} / {got_en}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Builds a site whose ja page has `code` on its third body line, and returns the error.
fn build_error(code: &str) -> String {
    let dir = test_site(&format!("Text.\n\nA figure: {code}\n"), "Text.\n");
    let result = Site::load(Config::load(dir.path()).unwrap()).and_then(|site| site.build(&dir.path().join("public")));
    let err = match result {
        Ok(_) => panic!("`{code}` should fail the build"),
        Err(e) => e.to_string(),
    };
    let at = format!("content/ja/page.md:{}", BODY_LINE + 2);
    assert!(err.contains(&at), "error for `{code}` should name {at}: {err}");
    assert!(!dir.path().join("public").exists(), "a failed build writes nothing");
    err
}

#[test]
fn figure_errors_fail_the_build_with_file_and_line() {
    let cases: &[(&str, &str)] = &[
        (r#"{{ fig(id="no_such_fact") }}"#, "unknown figure id `no_such_fact`"),
        (r#"{{ fig(id="nope.income", period="FY2021") }}"#, "unknown table `nope`"),
        (r#"{{ fig(id="t.profit", period="FY2021") }}"#, "no column `profit`"),
        (r#"{{ fig(id="t.income", period="FY2030") }}"#, "no row `FY2030`"),
        (r#"{{ fig(id="t.income", period="2021") }}"#, "invalid period"),
        (r#"{{ fig(id="t.income") }}"#, "needs period"),
        (r#"{{ fig(id="t.margin", period="FY2019") }}"#, "its cell is empty (the source does not state it)"),
        (r#"{{ fig(id="people", period="FY2021") }}"#, "takes no period"),
        (r#"{{ fig(id="pct_pos", unit="million_yen") }}"#, "cannot be shown as million_yen"),
        (r#"{{ fig(id="oku_pos", unit="trillion_yen") }}"#, "unknown unit \"trillion_yen\""),
        (r#"{{ fig(id="t.income", period="latest-9") }}"#, "goes back too far"),
        (r#"{{ fig(id="t.income", period="latest+1") }}"#, "or latest / latest-1"),
        (r#"{{ fig(id="loss", change="FY2020", abs=true) }}"#, "give period"),
        (r#"{{ fig(id="t.income", period="FY2021", change="FY2020", abs=true) }}"#, "abs=true does not apply"),
        (r#"{{ fig(id="per", period="FY2021") }}"#, "takes no period"),
        (r#"{{ fig(id="oku_pos", precision=9) }}"#, "out of range"),
        (r#"{{ fig(id="t.margin", period="FY2021", change="FY2020") }}"#, "not meaningful for a figure in percent"),
        (r#"{{ fig(id="t.income", period="FY2021", change="FY2030") }}"#, "no row `FY2030`"),
        (r#"{{ fig(id="oku_pos", change="FY2020") }}"#, "give period"),
        (r#"{{ fig(id="ratio", as_of=true) }}"#, "has no as_of date"),
        (r#"{{ fig(id="oku_pos", colour="red") }}"#, "has no argument `colour`"),
    ];
    for (code, message) in cases {
        let err = build_error(code);
        assert!(err.contains(message), "`{code}`: expected “{message}” in: {err}");
    }
}

// ---------------------------------------------------------------------------
// The real site
// ---------------------------------------------------------------------------

#[test]
fn real_pages_show_localized_figures() {
    let out = tempfile::tempdir().unwrap();
    let site = Site::load(Config::load(&repo()).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let public = out.path().join("public");
    site.build(&public).unwrap_or_else(|e| panic!("{e}"));
    let page =
        |lang: &str, name: &str| std::fs::read_to_string(public.join(lang).join(name).join("index.html")).unwrap();
    // (page, id as a reminder, ja, en)
    let samples: &[(&str, &str, &str, &str)] = &[
        ("results", "consolidated-results.revenue FY2021", "2,263億円", "¥226.3 billion"),
        ("results", "consolidated-results.operating_income_yoy FY2021 (printed)", "+65.3%", "+65.3%"),
        ("results", "enterprise-network-services.revenue_excl_mobile_yoy FY2019", "△1.0%", "-1.0%"),
        ("results", "wan_large_customer_decline_fy2019", "44.4億円", "¥4.44 billion"),
        ("about", "employees, as_of", "4,147名（2022年3月末時点）", "4,147 people (as of March 31, 2022)"),
        ("about", "ntt_group_share", "26.9%", "26.9%"),
        ("shareholder-returns", "dividends.annual FY2021", "48.00円", "¥48.00"),
        ("shareholder-returns", "dividend_fy2021_year_end_revised_forecast", "23.00円", "¥23.00"),
        ("mobile-iot", "mvne_customers", "170社", "170"),
        ("strengths", "network_availability", "99.9999%", "99.9999%"),
        ("strengths", "annual_downtime_max", "30秒", "30 seconds"),
        ("video-delivery", "jocdn_capital", "8.4億円", "¥840 million"),
    ];
    let mut missing = Vec::new();
    for (name, id, ja, en) in samples {
        if !page("ja", name).contains(ja) {
            missing.push(format!("ja/{name}: {id} should show {ja}"));
        }
        if !page("en", name).contains(en) {
            missing.push(format!("en/{name}: {id} should show {en}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn audit_lists_every_figure_with_its_uses() {
    let site = Site::load(Config::load(&repo()).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let report = site.render_all().unwrap_or_else(|e| panic!("{e}"));
    let entries = irsite::audit::audit(&site, &report.figure_uses);
    let cells: usize =
        site.data.tables.values().flat_map(|t| &t.columns).map(|c| c.values.iter().flatten().count()).sum();
    assert_eq!(entries.len(), cells + site.data.facts.len());
    let revenue =
        entries.iter().find(|e| e.id == "consolidated-results.revenue" && e.row.as_deref() == Some("FY2021")).unwrap();
    assert_eq!(
        (revenue.ja.as_str(), revenue.en.as_str(), revenue.source.as_str()),
        ("2,263億円", "¥226.3 billion", "3-1")
    );
    assert!(revenue.uses.iter().any(|u| u.page == "results" && u.lang == Lang::Ja && u.chart.is_none()));
    assert!(revenue.uses.iter().any(|u| u.page == "results" && u.lang == Lang::En && u.chart.is_none()));
    // Both languages show the same figures and every figure is shown somewhere.
    let flagged: Vec<String> = entries
        .iter()
        .filter(|e| e.flag != irsite::audit::AuditFlag::Ok)
        .map(|e| format!("{} {:?}: {}", e.id, e.row, e.flag.label()))
        .collect();
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
    let table = irsite::audit::audit_table(&entries);
    assert!(table.lines().next().unwrap().starts_with("FIGURE"));
    let csv = irsite::audit::audit_csv(&entries);
    assert!(csv.starts_with("figure,row,value,unit"));
    assert!(csv.contains("employees,,4147,people,actual,\"4,147名\",\"4,147 people\",1-1,2022-03-31,,about,ja,"));
}

/// `irsite figures --format csv` puts an author's text (a source note) that starts like a
/// formula into the spreadsheet as text, with a leading `'`; negative values stay numbers.
#[test]
fn figures_csv_never_carries_a_formula() {
    let dir = test_site("{{ fig(id=\"oku_pos\") }}", "{{ fig(id=\"oku_pos\") }}");
    let sidecar = dir.path().join("content/data/t.toml");
    let text = std::fs::read_to_string(&sidecar).unwrap();
    assert!(text.contains("source = \"3-1\""));
    std::fs::write(
        &sidecar,
        text.replace("source = \"3-1\"", "source = \"=HYPERLINK(\\\"https://attacker.example/\\\")\""),
    )
    .unwrap();
    let out = common::irsite(dir.path(), &["figures", "--format", "csv"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let mut sources = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for field in record.iter() {
            assert!(!field.starts_with(['=', '+', '@', '\t', '\r']), "a formula cell: {field:?}");
            if field.starts_with('-') {
                assert!(field.parse::<f64>().is_ok(), "a formula cell: {field:?}");
            }
        }
        sources += record.iter().filter(|f| f.starts_with("'=HYPERLINK(")).count();
    }
    assert!(sources > 0, "the source note is kept, as text:\n{csv}");
}
