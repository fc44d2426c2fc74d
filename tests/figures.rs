//! Figures in prose come from `content/data/`, in both languages.
//!
//! - `no_figure_is_typed_by_hand`: the real pages, with their shortcodes removed, contain no
//!   number that is a value in the data (raw, or as rendered in Japanese or English).
//! - `both_languages_use_the_same_figures`: each page references the same (id, row) pairs
//!   in Japanese and English.
//! - Unit rendering in both languages through the real shortcode path (a small site built
//!   in a temporary folder), error cases with file and line, and sample figures of the
//!   real site's built pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use irsite::config::Config;
use irsite::data::Data;
use irsite::format::{self, FigureOptions, Number, Unit};
use irsite::lang::Lang;
use irsite::shortcode;
use irsite::site::Site;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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
fn forms_of(value: Number, unit: Unit) -> BTreeSet<String> {
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
fn data_numbers(data: &Data) -> BTreeMap<String, BTreeSet<(String, &'static str)>> {
    let mut numbers: BTreeMap<String, BTreeSet<(String, &'static str)>> = BTreeMap::new();
    for table in data.tables.values() {
        for column in &table.columns {
            for (row, value) in table.rows.iter().zip(&column.values) {
                if let Some(v) = value {
                    for form in forms_of(*v, column.unit) {
                        numbers.entry(form).or_default().insert((format!("{}.{} {}", table.name, column.id, row.id), column.unit.id()));
                    }
                }
            }
        }
    }
    for fact in data.facts.values() {
        for form in forms_of(fact.value, fact.unit) {
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
    let table: [(&str, &'static [&'static str]); 14] = [
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
        ("秒", &["seconds"]),
        (" seconds", &["seconds"]),
    ];
    if yen_before {
        return Some(if after.starts_with(" billion") || after.starts_with(" million") { &["oku_yen"] } else { &["yen"] });
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
    let mut blank = |text: &mut Vec<u8>, s: usize, e: usize| {
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
            let shown = ["title", "description", "nav_title"].iter().any(|k| {
                line.strip_prefix(k).is_some_and(|rest| rest.trim_start().starts_with('='))
            });
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

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

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
    let rest_after_range = after_text.strip_prefix(range_dash).map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
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
    if MONTHS.iter().any(|m| before_text.ends_with(&format!("{m} "))) {
        return Some("date");
    }
    // Small whole numbers without a unit after them: list counts and ordinals such as
    // "three points" written as digits, "PUE 1.0" (the theoretical best, not a figure).
    // With a unit (`5社`, `10%`, `1名`) they are still checked.
    let value: f64 = canonical(token).parse().unwrap_or(f64::MAX);
    let unit_follows = ["%", "％", "億", "円", "万", "社", "名", "秒", " billion", " million", " companies", " people", " seconds", " lines", " members"]
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
    let data = Data::load(&repo().join("content/data")).unwrap();
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
                    Some(units) => figures.iter().filter(|(_, u)| units.contains(u) || ["count", "ratio"].contains(u)).map(|(f, _)| f).collect(),
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
