//! The published test cases of the CommonMark CJK-friendly amendments (tests/cjk-friendly/,
//! see its README for their source and licence).

use std::path::PathBuf;

use pulldown_cmark::{Options, Parser};

use super::emphasis::cjk_friendly;
use super::Spanned;

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cjk-friendly").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html(markdown: &str, options: Options, amended: bool) -> String {
    let mut events: Vec<Spanned> = Parser::new_ext(markdown, options).into_offset_iter().collect();
    if amended {
        events = cjk_friendly(markdown, events);
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    out
}

/// The expected HTML of each test of a vitest snapshot file, by test name.
fn snapshots(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in text.split("exports[`").skip(1) {
        let (name, rest) = entry.split_once("`] = `\n\"").expect("snapshot entry");
        let value = rest.rsplit_once("\"\n`;").expect("snapshot end").0;
        found.push((name.to_string(), value.replace("\\`", "`").replace("&quot;", "\"")));
    }
    found
}

#[test]
fn published_cases_of_the_amendments() {
    let expected = snapshots(&data("markdownIt.spec.ts.snap"));
    let files = [
        ("** around Kana/Han is converted to <strong>", "strong.md"),
        ("** around Korean is converted to <strong>", "korean.md"),
        (
            "** around pseudo-emoji (CJK symbols that are also unqualified-emoji) is converted to <strong>",
            "pseudo-emoji.md",
        ),
        ("recognizes non-BMP punctuation and symbols", "non-bmp.md"),
        ("process underscores around CJK punctuation", "underscore-cjk-punct.md"),
        ("Example Markdown in README", "readme-example.md"),
    ];
    let mut failures = Vec::new();
    let (mut passed, mut plain_passed) = (0, 0);
    for (test, file) in files {
        let want =
            &expected.iter().find(|(name, _)| name == &format!("markdown-it-cjk-friendly > {test} 1")).unwrap().1;
        let got = html(&data(file), Options::empty(), true);
        let plain = html(&data(file), Options::empty(), false);
        plain_passed += want.lines().zip(plain.lines()).filter(|(w, p)| w == p).count();
        // Compared paragraph by paragraph, so that a failure names the case.
        let (want_lines, got_lines): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
        assert_eq!(want_lines.len(), got_lines.len(), "{file}: {got}");
        for (w, g) in want_lines.iter().zip(&got_lines) {
            if w == g {
                passed += 1;
            } else {
                failures.push(format!("{file}:\n  want {w}\n  got  {g}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} passed, {} failed:\n{}", passed, failures.len(), failures.join("\n"));
    // The cases test something: CommonMark's own rules fail most of them.
    assert!(plain_passed < passed / 2, "{plain_passed} of {passed} pass without the amendments");
    eprintln!("{passed} paragraphs as published; {plain_passed} of them also without the amendments");
}

#[test]
fn commonmark_examples_are_unchanged_by_the_amendments() {
    let examples: Vec<serde_json::Value> = serde_json::from_str(&data("commonmark.json")).unwrap();
    assert_eq!(examples.len(), 652);
    let mut failures = Vec::new();
    for example in &examples {
        let markdown = example["markdown"].as_str().unwrap();
        for options in [Options::empty(), super::options()] {
            let (plain, amended) = (html(markdown, options, false), html(markdown, options, true));
            if plain != amended {
                failures.push(format!(
                    "example {}: {markdown:?}\n  without {plain:?}\n  with    {amended:?}",
                    example["example"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of 652 differ:\n{}", failures.len(), failures.join("\n"));
}
