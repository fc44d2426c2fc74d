//! Markdown to HTML: CommonMark plus tables and footnotes, stable heading ids, shortcode
//! expansion and internal `@/page.md` links.

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, Location, Result, Stage};
use crate::shortcode::{self, Shortcode};

/// What a shortcode turns into.
pub enum Expansion {
    /// Inline text (escaped for HTML by this module).
    Text(String),
    /// Inline text in a `<span>` of the given class, e.g. a figure the theme keeps on one line.
    Span { class: &'static str, text: String },
    /// A block of HTML; the shortcode must stand on a line of its own.
    Block(String),
}

/// The page-specific services Markdown rendering needs from the rest of the pipeline.
pub trait Hooks {
    fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion>;
    /// Resolves an internal link such as `@/results.md#highlights` to a relative URL.
    fn internal_link(&mut self, target: &str, location: &Location) -> Result<String>;
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

const BLOCK_MARK: &str = "IRSITEBLOCK";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`, which starts at `first_line` of the file at `path`.
pub fn render(path: &Path, body: &str, first_line: usize, hooks: &mut dyn Hooks) -> Result<Rendered> {
    let loc = |line: usize, column: usize| Location::at(path, first_line + line - 1, column);
    // Most pages of a large site have no shortcode: a vectorised search skips the
    // byte-by-byte scan.
    let codes = if body.contains("{{") {
        shortcode::scan(body).map_err(|e| {
            Error::input(Stage::Shortcode, loc(e.line, e.column), e.message)
                .with_hint("shortcodes look like {{ fig(id=\"employees\") }}")
        })?
    } else {
        Vec::new()
    };

    // Expand shortcodes in place. Line breaks are kept so later line numbers stay right.
    let mut text = String::with_capacity(body.len());
    let mut blocks = Vec::new();
    let mut last = 0;
    let mut errors = Vec::new();
    for code in &codes {
        text.push_str(&body[last..code.start]);
        last = code.end;
        let location = loc(code.line, code.column);
        match hooks.shortcode(code, &location) {
            Ok(Expansion::Text(s)) => text.push_str(&escape_inline(&s)),
            Ok(Expansion::Span { class, text: s }) => {
                text.push_str(&format!("<span class=\"{class}\">{}</span>", escape_inline(&s)));
            }
            Ok(Expansion::Block(html)) => {
                let line_start = body[..code.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                let line_end = body[code.end..].find('\n').map(|i| code.end + i).unwrap_or(body.len());
                let alone =
                    body[line_start..code.start].trim().is_empty() && body[code.end..line_end].trim().is_empty();
                if !alone {
                    errors.push(Error::input(
                        Stage::Shortcode,
                        location,
                        format!("`{}` must stand on a line of its own", code.name),
                    ));
                    continue;
                }
                text.push_str(&format!("{BLOCK_MARK}{}", blocks.len()));
                blocks.push(html);
            }
            Err(e) => errors.push(e),
        }
    }
    text.push_str(&body[last..]);
    Error::collect(errors)?;

    let text = fix_cjk_emphasis(&text);
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(&text, options()).into_offset_iter().collect();
    let lines = crate::error::LineIndex::new(&text);
    let line_of = |offset: usize| first_line + lines.line(offset) - 1;

    let mut out_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut used_ids = BTreeSet::new();
    let mut errors = Vec::new();
    // Explicit ids are reserved first so generated ones never take them.
    for (event, range) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            if !used_ids.insert(id.to_string()) {
                errors.push(Error::input(
                    Stage::Content,
                    Location::line(path, line_of(range.start)),
                    format!("heading id `{id}` is used twice on this page"),
                ));
            }
        }
    }
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let end = events[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map(|p| i + p)
                    .unwrap_or(events.len() - 1);
                let inner: Vec<Event> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                let text_content = plain_text(&inner);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => unique_id(&slugify(&text_content), &mut used_ids),
                };
                headings.push(Heading { level: heading_number(*level), id: id.clone(), text: text_content });
                out_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                out_events.extend(inner);
                out_events.push(events[end].0.clone());
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let line = line_of(range.start);
                let mut dest = dest_url.to_string();
                links.push(Link { dest: dest.clone(), line });
                if let Some(target) = dest_url.strip_prefix("@/") {
                    match hooks.internal_link(target, &Location::line(path, line)) {
                        Ok(url) => dest = url,
                        Err(e) => errors.push(e),
                    }
                }
                out_events.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                links.push(Link { dest: dest_url.to_string(), line: line_of(range.start) });
                out_events.push(event.clone());
            }
            other => out_events.push(other.clone()),
        }
        i += 1;
    }
    Error::collect(errors)?;

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    if html.contains("table>") {
        // Wide tables scroll inside their own focusable box so the page never overflows on phones.
        html = wrap_tables(&html);
    }
    if !blocks.is_empty() {
        html = splice_blocks(&html, &blocks);
    }
    Ok(Rendered { html, headings, links })
}

/// `<table>…</table>` becomes `<div class="table-scroll" tabindex="0"><table>…</table></div>`,
/// in one pass over the page.
fn wrap_tables(html: &str) -> String {
    const OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">";
    let mut out = String::with_capacity(html.len() + 64);
    let mut last = 0;
    for (at, _) in html.match_indices("table>") {
        let bytes = html.as_bytes();
        if at >= 1 && bytes[at - 1] == b'<' {
            out.push_str(&html[last..at - 1]);
            out.push_str(OPEN);
            last = at - 1;
        } else if at >= 2 && &html[at - 2..at] == "</" {
            out.push_str(&html[last..at + 6]);
            out.push_str("</div>");
            last = at + 6;
        }
    }
    out.push_str(&html[last..]);
    out
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

fn unique_id(base: &str, used: &mut BTreeSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}

/// Inline text from a shortcode must not be read as Markdown or HTML.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '`' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn splice_blocks(html: &str, blocks: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + blocks.iter().map(|b| b.len()).sum::<usize>());
    let mut rest = html;
    while let Some(pos) = rest.find(BLOCK_MARK) {
        let digits_start = pos + BLOCK_MARK.len();
        let digits = rest[digits_start..].bytes().take_while(|b| b.is_ascii_digit()).count();
        let index: usize = rest[digits_start..digits_start + digits].parse().unwrap_or(usize::MAX);
        let Some(block) = blocks.get(index) else {
            out.push_str(&rest[..digits_start]);
            rest = &rest[digits_start..];
            continue;
        };
        let before = &rest[..pos];
        let after = &rest[digits_start + digits..];
        // The placeholder sits alone in a paragraph: drop the <p> wrapper around it.
        if before.ends_with("<p>") && after.starts_with("</p>\n") {
            out.push_str(&before[..before.len() - 3]);
            out.push_str(block);
            rest = &after[5..];
        } else {
            out.push_str(before);
            out.push_str(block);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// CommonMark's flanking rules leave `**営業利益（前年比+10%）**を達成` as literal asterisks,
/// because the closing run sits between punctuation and a letter. Japanese authors write exactly
/// this, so `**…**` pairs touching CJK text become `<strong>` before parsing.
pub fn fix_cjk_emphasis(text: &str) -> String {
    if !text.contains("**") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !line.contains("**") || line.starts_with("    ") {
            out.push_str(line);
            continue;
        }
        out.push_str(&fix_line(line));
    }
    out
}

fn fix_line(line: &str) -> String {
    // Positions of `**` runs outside inline code.
    let bytes = line.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
            let fence = &line[i..i + run];
            match line[i + run..].find(fence) {
                Some(close) => i = i + run + close + run,
                None => i += run,
            }
            continue;
        }
        if bytes[i] == b'*' {
            let run = bytes[i..].iter().take_while(|b| **b == b'*').count();
            if run == 2 {
                marks.push(i);
            }
            i += run;
            continue;
        }
        i += 1;
    }
    let mut replace = Vec::new();
    for pair in marks.chunks(2) {
        let [open, close] = pair else { break };
        let inner = &line[open + 2..*close];
        if inner.is_empty() || inner.starts_with(char::is_whitespace) || inner.ends_with(char::is_whitespace) {
            continue;
        }
        let before = line[..*open].chars().next_back();
        let after = line[close + 2..].chars().next();
        let touches_cjk =
            [before, after, inner.chars().next(), inner.chars().next_back()].into_iter().flatten().any(is_cjk);
        if touches_cjk {
            replace.push((*open, *close));
        }
    }
    if replace.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 16 * replace.len());
    let mut last = 0;
    for (open, close) in replace {
        out.push_str(&line[last..open]);
        out.push_str("<strong>");
        out.push_str(&line[open + 2..close]);
        out.push_str("</strong>");
        last = close + 2;
    }
    out.push_str(&line[last..]);
    out
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
    }

    fn md(text: &str) -> Rendered {
        render(Path::new("x.md"), text, 1, &mut NoHooks).unwrap()
    }

    #[test]
    fn tables_are_wrapped_in_one_pass() {
        let html = "<p>a</p>\n<table><tr><td>x</td></tr></table>\n<p>b table> </p><table></table>";
        assert_eq!(
            wrap_tables(html),
            html.replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\"><table>")
                .replace("</table>", "</table></div>")
        );
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
        assert_eq!(r.html, "<p>売上は2,263億円でした。</p>\n<figure>chart</figure><p>after</p>\n");
        let err = render(Path::new("p.md"), "text {{ chart(id=\"c\") }}", 5, &mut NoHooks).unwrap_err();
        assert!(err.to_string().starts_with("p.md:5:6: shortcode error"), "{err}");
    }

    #[test]
    fn internal_links_resolve_and_lines_are_recorded() {
        let r = md("intro\n\nsee [results](@/results.md)\n");
        assert!(r.html.contains("href=\"../results\""));
        assert_eq!(r.links, vec![Link { dest: "@/results.md".into(), line: 3 }]);
    }
}
