//! Markdown to HTML: CommonMark plus tables and footnotes, stable heading ids, shortcode
//! expansion, emphasis next to CJK punctuation and internal `@/page.md` links. Every step works on pulldown-cmark's events, so
//! what the parser calls code, HTML or a link's URL is never rewritten as text.

mod cjk;
#[cfg(test)]
mod conformance;
mod emphasis;
mod shortcodes;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, LineIndex, Location, Result, Stage};
use crate::shortcode::Shortcode;

pub use shortcodes::{shortcodes, MAX_BLOCKS_PER_PAGE, MAX_SHORTCODES_PER_PAGE};

/// What a shortcode turns into.
pub enum Expansion {
    /// Inline text (escaped for HTML when the page is written).
    Text(String),
    /// Inline text in a `<span>` of the given class, e.g. a figure the theme keeps on one line.
    Span { class: &'static str, text: String },
    /// A block of HTML; the shortcode must stand alone in its paragraph.
    Block(String),
}

/// The page-specific services Markdown rendering needs from the rest of the pipeline.
pub trait Hooks {
    fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion>;
    /// Resolves an internal link such as `@/results.md#highlights` to a relative URL.
    fn internal_link(&mut self, target: &str, location: &Location) -> Result<String>;
    /// What else on the page writes the element id `id` (the theme's templates, a chart), if
    /// anything: a heading may not take such an id.
    fn reserved_id(&self, id: &str) -> Option<String> {
        let _ = id;
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every link and image destination written by the author, with its file line.
    pub links: Vec<Link>,
}

/// An event with the byte range of the page body it came from.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// The page body being rendered, for error locations.
struct Source<'a> {
    path: &'a Path,
    body: &'a str,
    first_line: usize,
    /// Built when a line is first asked for.
    lines: std::cell::OnceCell<LineIndex>,
}

impl Source<'_> {
    fn at(&self, line: usize, column: usize) -> Location {
        Location::at(self.path, self.first_line + line - 1, column)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.lines.get_or_init(|| LineIndex::new(self.body)).line(offset) - 1
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Wide tables scroll inside their own focusable box so the page never overflows on phones.
const TABLE_BOX_OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">\n";
const TABLE_BOX_CLOSE: &str = "</div>\n";

/// Renders `body`, which starts at `first_line` of the file at `path`.
pub fn render(path: &Path, body: &str, first_line: usize, hooks: &mut dyn Hooks) -> Result<Rendered> {
    let source = Source { path, body, first_line, lines: std::cell::OnceCell::new() };
    let events: Vec<Spanned> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let events = emphasis::cjk_friendly(body, events);
    let events = shortcodes::expand(&source, events, hooks)?;

    let mut out_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut ids = Ids::default();
    let mut errors = Vec::new();
    // Explicit ids are reserved first so generated ones never take them.
    for (event, range) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            let location = Location::line(path, source.line_of(range.start));
            if let Some(owner) = hooks.reserved_id(id) {
                errors.push(
                    Error::input(Stage::Content, location, format!("heading id `{id}` is already used by {owner}"))
                        .with_hint("give the heading another id, e.g. {#my-section}"),
                );
            } else if !ids.used.insert(id.to_string()) {
                errors.push(Error::input(
                    Stage::Content,
                    location,
                    format!("heading id `{id}` is used twice on this page"),
                ));
            }
        }
    }
    // The events are moved, not copied, into the output.
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner: Vec<Event> = Vec::new();
                let mut end = None;
                for (e, _) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        end = Some(e);
                        break;
                    }
                    inner.push(e);
                }
                // A heading the parser left open ends with the last event.
                let end = end.or_else(|| inner.pop());
                let text_content = plain_text(&inner);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => ids.generate(&slugify(&text_content), |id| hooks.reserved_id(id).is_some()),
                };
                headings.push(Heading { level: heading_number(level), id: id.clone(), text: text_content });
                out_events.push(Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs }));
                out_events.extend(inner);
                out_events.extend(end);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let line = source.line_of(range.start);
                let mut dest = dest_url.to_string();
                links.push(Link { dest: dest.clone(), line });
                if let Some(target) = dest_url.strip_prefix("@/") {
                    match hooks.internal_link(target, &Location::line(path, line)) {
                        Ok(url) => dest = url,
                        Err(e) => errors.push(e),
                    }
                }
                out_events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id }));
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                links.push(Link { dest: dest_url.to_string(), line: source.line_of(range.start) });
                out_events.push(event);
            }
            // Only tables the parser made are boxed: an author's own `<table>` is left as written.
            Event::Start(Tag::Table(_)) => {
                out_events.push(Event::Html(CowStr::Borrowed(TABLE_BOX_OPEN)));
                out_events.push(event);
            }
            Event::End(TagEnd::Table) => {
                out_events.push(event);
                out_events.push(Event::Html(CowStr::Borrowed(TABLE_BOX_CLOSE)));
            }
            other => out_events.push(other),
        }
    }
    Error::collect(errors)?;

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    Ok(Rendered { html, headings, links })
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// A readable id that keeps Japanese: `業績ハイライト`, `fy2021-results`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Heading ids of one page: the ids taken, and for each generated base the next number to try,
/// so that many equal headings cost one step each rather than a count from 1.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// A free id from `base`: `base`, `base-2`, `base-3`… An id that something else on the
    /// page owns (`reserved`) is never generated: `section-` is put before it.
    fn generate(&mut self, base: &str, reserved: impl Fn(&str) -> bool) -> String {
        let base = if reserved(base) { format!("section-{base}") } else { base.to_string() };
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        loop {
            let id = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            n += 1;
            if !self.used.contains(&id) && !reserved(&id) {
                self.next.insert(base, n);
                self.used.insert(id.clone());
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoHooks;
    impl Hooks for NoHooks {
        fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion> {
            match code.name.as_str() {
                "fig" => Ok(Expansion::Text("2,263億円".into())),
                "chart" => Ok(Expansion::Block("<figure>chart</figure>".into())),
                _ => Err(Error::input(Stage::Shortcode, location.clone(), "unknown")),
            }
        }
        fn internal_link(&mut self, target: &str, _: &Location) -> Result<String> {
            Ok(format!("../{}", target.trim_end_matches(".md")))
        }
        fn reserved_id(&self, id: &str) -> Option<String> {
            (id == "main" || id.starts_with("chart-c-")).then(|| "the theme".to_string())
        }
    }

    fn md(text: &str) -> Rendered {
        render(Path::new("x.md"), text, 1, &mut NoHooks).unwrap()
    }

    #[test]
    fn bold_next_to_japanese_punctuation() {
        let r = md("**営業利益（前年比+10%）**を達成");
        assert_eq!(r.html, "<p><strong>営業利益（前年比+10%）</strong>を達成</p>\n");
        // Latin text keeps CommonMark behaviour.
        assert_eq!(md("a **b** c").html, "<p>a <strong>b</strong> c</p>\n");
        // Code is left alone.
        assert!(md("`**売上**を`").html.contains("<code>**売上**を</code>"));
    }

    #[test]
    fn heading_ids_keep_japanese_and_are_unique() {
        let r = md("## 業績ハイライト\n\n## 業績ハイライト\n\n## Results FY2021\n\n## 株主還元 {#returns}\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["業績ハイライト", "業績ハイライト-2", "results-fy2021", "returns"]);
        assert!(r.html.contains("<h2 id=\"業績ハイライト\">業績ハイライト</h2>"));
    }

    #[test]
    fn shortcodes_expand_inline_and_as_blocks() {
        let r = md("売上は{{ fig(id=\"x\") }}でした。\n\n{{ chart(id=\"c\") }}\n\nafter");
        assert_eq!(r.html, "<p>売上は2,263億円でした。</p>\n<figure>chart</figure>\n<p>after</p>\n");
        let err = render(Path::new("p.md"), "text {{ chart(id=\"c\") }}", 5, &mut NoHooks).unwrap_err();
        assert!(err.to_string().starts_with("p.md:5:6: shortcode error"), "{err}");
    }

    #[test]
    fn internal_links_resolve_and_lines_are_recorded() {
        let r = md("intro\n\nsee [results](@/results.md)\n");
        assert!(r.html.contains("href=\"../results\""));
        assert_eq!(r.links, vec![Link { dest: "@/results.md".into(), line: 3 }]);
    }

    #[test]
    fn shortcodes_are_found_in_text_only() {
        let fig = "{{ fig(id=\"x\") }}";
        let places = [
            format!("`{fig}`"),
            format!("```\n{fig}\n```"),
            format!("    {fig}"),
            format!("[a](https://e.example/{{{{x}}}} '{fig}')"),
            format!("[a](<https://e.example/{fig}>)"),
            format!("![{fig}](a.png)"),
            format!("<div title='{fig}'>\n{fig}\n</div>"),
            format!("a <span title='{fig}'>b</span>"),
        ];
        for page in places {
            let html = md(&page).html;
            assert!(!html.contains("2,263"), "{page:?} gave {html}");
        }
        assert!(md(&format!("*{fig}* and [{fig}](u)"))
            .html
            .contains("<em>2,263億円</em> and <a href=\"u\">2,263億円</a>"));
    }

    #[test]
    fn markup_inside_shortcode_arguments_stays_in_the_argument() {
        let r = md("a {{ fig(id=\"<b>*x*</b>`y`\") }} b");
        assert_eq!(r.html, "<p>a 2,263億円 b</p>\n");
        let err = render(Path::new("p.md"), "*a {{ fig(id=\"b*\") }}", 1, &mut NoHooks).unwrap_err();
        assert!(err.to_string().contains("overlaps Markdown markup"), "{err}");
    }

    #[test]
    fn text_that_looks_like_a_placeholder_stays_text() {
        let r = md("IRSITEBLOCK0 `IRSITEBLOCK0` <a title=\"IRSITEBLOCK0\">x</a>\n\n{{ chart(id=\"c\") }}\n");
        assert_eq!(r.html.matches("IRSITEBLOCK0").count(), 3, "{}", r.html);
        assert_eq!(r.html.matches("<figure>chart</figure>").count(), 1);
    }

    #[test]
    fn blocks_replace_a_paragraph_of_their_own() {
        let r = md("{{ chart(id=\"a\") }}\n{{ chart(id=\"b\") }}\n\n> {{ chart(id=\"c\") }}\n");
        assert_eq!(
            r.html,
            "<figure>chart</figure><figure>chart</figure>\n<blockquote>\n<figure>chart</figure></blockquote>\n"
        );
        for page in [
            "text\n{{ chart(id=\"a\") }}",
            "{{ chart(id=\"a\") }} {{ chart(id=\"b\") }}",
            "- {{ chart(id=\"a\") }}",
            "# {{ chart(id=\"a\") }}",
        ] {
            let err = render(Path::new("p.md"), page, 1, &mut NoHooks).unwrap_err();
            assert!(err.to_string().contains("must stand on a line of its own"), "{page:?}: {err}");
        }
    }

    #[test]
    fn only_tables_of_the_parser_are_boxed() {
        let r = md("<table class=\"x\"><tr><td title=\"</table>\">a</td></tr></table>\n\n| a |\n|---|\n| b |\n");
        assert_eq!(r.html.matches("<div class=\"table-scroll\"").count(), 1, "{}", r.html);
        assert_eq!(r.html.matches("</div>").count(), 1, "{}", r.html);
        assert!(
            r.html.starts_with("<table class=\"x\"><tr><td title=\"</table>\">a</td></tr></table>\n<div"),
            "{}",
            r.html
        );
    }

    #[test]
    fn many_equal_headings_get_numbered_ids() {
        let body = "## Notes\n\n## Notes-2\n\n".to_string() + &"## Notes\n\n".repeat(3000);
        let ids: Vec<String> = md(&body).headings.into_iter().map(|h| h.id).collect();
        let expected: Vec<String> = ["notes".to_string(), "notes-2".to_string()]
            .into_iter()
            .chain((3..=3002).map(|n| format!("notes-{n}")))
            .collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn ids_owned_by_the_theme_or_a_chart_are_refused_or_avoided() {
        let err =
            render(Path::new("p.md"), "intro\n\n## A {#main}\n\n## B {#chart-c-title}\n", 4, &mut NoHooks).unwrap_err();
        let messages: Vec<String> = err.flatten().iter().map(|e| e.to_string()).collect();
        assert!(
            messages[0].starts_with("p.md:6: content error: heading id `main` is already used by the theme"),
            "{messages:?}"
        );
        assert!(messages[1].starts_with("p.md:8:"), "{messages:?}");
        let ids: Vec<String> = md("## Main\n\n## Chart C title\n").headings.into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["section-main", "section-chart-c-title"]);
    }

    #[test]
    fn a_page_asking_for_too_much_work_is_refused() {
        let figs = "{{ fig(id=\"x\") }} ".repeat(MAX_SHORTCODES_PER_PAGE + 1);
        let err = render(Path::new("p.md"), &figs, 1, &mut NoHooks).unwrap_err();
        assert!(err.to_string().contains(&format!("at most {MAX_SHORTCODES_PER_PAGE} shortcodes")), "{err}");
        let column = MAX_SHORTCODES_PER_PAGE * "{{ fig(id=\"x\") }} ".len() + 1;
        assert!(err.to_string().starts_with(&format!("p.md:1:{column}:")), "{err}");
        let charts = "{{ chart(id=\"c\") }}\n\n".repeat(MAX_BLOCKS_PER_PAGE + 1);
        let err = render(Path::new("p.md"), &charts, 1, &mut NoHooks).unwrap_err();
        assert!(err.to_string().contains(&format!("at most {MAX_BLOCKS_PER_PAGE} charts")), "{err}");
    }

    #[test]
    fn emphasis_next_to_cjk_punctuation() {
        let cases = [
            ("*注意（重要）*です", "<p><em>注意（重要）</em>です</p>\n"),
            ("***注意（重要）***です", "<p><em><strong>注意（重要）</strong></em>です</p>\n"),
            ("これは**重要（\n必須）**です", "<p>これは<strong>重要（\n必須）</strong>です</p>\n"),
            ("𠮟**(こちらが正式表記)**", "<p>𠮟<strong>(こちらが正式表記)</strong></p>\n"),
            ("ㇰ**(ku)**ㇿ", "<p>ㇰ<strong>(ku)</strong>ㇿ</p>\n"),
            ("**売上（{{ fig(id=\"x\") }}）**を達成", "<p><strong>売上（2,263億円）</strong>を達成</p>\n"),
            ("| 項目 |\n|---|\n| **注意（重要）**です |\n", "<td><strong>注意（重要）</strong>です</td>"),
        ];
        for (page, want) in cases {
            let html = md(page).html;
            assert!(html.contains(want), "{page:?} gave {html}");
        }
    }

    #[test]
    fn emphasis_is_never_made_in_code_html_urls_or_escapes() {
        let cases = [
            ("`**注意**を`", "<p><code>**注意**を</code></p>\n"),
            ("```\n**注意**を\n```", "<pre><code>**注意**を\n</code></pre>\n"),
            ("[a](https://e.example/**注意**を \"**注意**を\")", "<p><a href=\"https://e.example/**%E6%B3%A8%E6%84%8F**%E3%82%92\" title=\"**注意**を\">a</a></p>\n"),
            ("<https://e.example/**注意**を>", "<p><a href=\"https://e.example/**%E6%B3%A8%E6%84%8F**%E3%82%92\">https://e.example/**注意**を</a></p>\n"),
            ("<div title=\"**注意**を\">\n**注意**を\n</div>", "<div title=\"**注意**を\">\n**注意**を\n</div>"),
            ("a <span title=\"**注意**を\">b</span>", "<p>a <span title=\"**注意**を\">b</span></p>\n"),
            // Both runs can open and close here, and their lengths add up to 3: no pair.
            ("\\**注意**を", "<p>**注意**を</p>\n"),
            ("\\**note**", "<p>*<em>note</em>*</p>\n"),
            ("\\*\\*注意\\*\\*を", "<p>**注意**を</p>\n"),
            ("**注意&#42;*を", "<p>**注意**を</p>\n"),
        ];
        for (page, want) in cases {
            assert_eq!(md(page).html, want, "{page:?}");
        }
        let alt = md("![**注意（重要）**を](a.png)").html;
        assert_eq!(alt, "<p><img src=\"a.png\" alt=\"注意（重要）を\" /></p>\n");
    }
}
