//! Shortcodes in the text the parser found. Only text events are searched, never code, HTML,
//! a link's URL or title, or an image's description. An inline shortcode becomes text; a
//! block one (a chart) takes the place of the paragraph it stands alone in.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{options, Expansion, Hooks, Source, Spanned};
use crate::error::{Cursor, Error, Result, Stage};
use crate::shortcode::{self, ParseError, Shortcode};

/// Most shortcodes one page may hold. Each costs a lookup and output, and a page that asks for
/// more is a mistake (a generated file, a paste gone wrong), not a report to render.
pub const MAX_SHORTCODES_PER_PAGE: usize = 2_000;
/// Most block shortcodes (charts) one page may hold: each is a figure with an SVG, a table and
/// a CSV.
pub const MAX_BLOCKS_PER_PAGE: usize = 100;

/// Depth inside events whose text is not prose: code blocks and images' descriptions.
#[derive(Default)]
struct NotProse(usize);

impl NotProse {
    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => self.0 += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => self.0 = self.0.saturating_sub(1),
            _ => {}
        }
    }

    fn prose(&self) -> bool {
        self.0 == 0
    }
}

/// The end (exclusive index) of the run of text events starting at `start` that are next to
/// each other in the source: the parser splits one stretch of text into several events.
fn text_run_end(events: &[Spanned], start: usize) -> usize {
    let mut end = start + 1;
    while end < events.len() && matches!(events[end].0, Event::Text(_)) && events[end].1.start == events[end - 1].1.end
    {
        end += 1;
    }
    end
}

/// Every shortcode of a page body, in order, as the build sees them.
pub fn shortcodes(body: &str) -> std::result::Result<Vec<Shortcode>, ParseError> {
    let events: Vec<Spanned> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut positions = Cursor::new(body);
    let events = join_split(body, events, &mut positions)?;
    let mut found = Vec::new();
    let mut state = NotProse::default();
    let mut i = 0;
    while i < events.len() {
        state.see(&events[i].0);
        if state.prose() && matches!(events[i].0, Event::Text(_)) {
            let end = text_run_end(&events, i);
            found.extend(shortcode::scan_in(body, events[i].1.start..events[end - 1].1.end, &mut positions)?);
            i = end;
        } else {
            i += 1;
        }
    }
    Ok(found)
}

/// A shortcode starts in text but its arguments may hold what the parser read as markup:
/// `{{ fig(id="<b>") }}` is text, inline HTML, text. Such a shortcode becomes one text event
/// again, provided the markup lies wholly inside it; the part of the last event after it stays
/// text of its own.
fn join_split<'a>(
    body: &'a str,
    mut events: Vec<Spanned<'a>>,
    positions: &mut Cursor,
) -> std::result::Result<Vec<Spanned<'a>>, ParseError> {
    if shortcode::find_open(body).is_none() {
        // No text of the page can hold a shortcode, split or not.
        return Ok(events);
    }
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut state = NotProse::default();
    // The run last measured (a split goes on in the same run) and the end of the line last
    // found, so that neither is searched for again for every shortcode of a long line.
    let mut run: Range<usize> = 0..0;
    let mut line_end = 0;
    let mut found = 0;
    let mut i = 0;
    while i < events.len() {
        state.see(&events[i].0);
        if !(state.prose() && matches!(events[i].0, Event::Text(_))) || found > MAX_SHORTCODES_PER_PAGE {
            // Past the limit the expansion stops with an error anyway.
            out.push(events[i].clone());
            i += 1;
            continue;
        }
        if !run.contains(&i) {
            run = i..text_run_end(&events, i);
        }
        let end = run.end;
        let span = events[i].1.start..events[end - 1].1.end;
        let mut split = None;
        let mut from = span.start;
        while let Some(at) = shortcode::find_open(&body[from..span.end]).map(|k| from + k) {
            // A shortcode never spans lines.
            if line_end <= at {
                line_end = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |k| at + k);
            }
            match shortcode::parse_at(&body[..line_end], at, positions) {
                Ok(Some(code)) if code.end > span.end => {
                    found += 1;
                    split = Some(code);
                    break;
                }
                Ok(Some(code)) => {
                    found += 1;
                    from = code.end;
                }
                // What is not a shortcode, or is a malformed one, is left to the expansion.
                Ok(None) | Err(_) => from = at + 2,
            }
        }
        let Some(code) = split else {
            out.extend(events[i..end].iter().cloned());
            i = end;
            continue;
        };
        push_text(&mut out, &mut events[i..end], &mut 0, span.start..code.start, body);
        let (line, column) = positions.line_col(code.start);
        let overlap = || ParseError {
            message: format!("`{}` shortcode overlaps Markdown markup that goes on past its end", code.name),
            line,
            column,
        };
        let mut depth = 0usize;
        let mut j = end;
        while j < events.len() && events[j].1.start < code.end {
            let (event, range) = &events[j];
            match event {
                Event::Start(_) if range.end <= code.end => depth += 1,
                Event::End(_) if range.start >= code.start && depth > 0 => depth -= 1,
                Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_)
                    if range.end <= code.end => {}
                Event::Text(_) if depth == 0 => break,
                _ => return Err(overlap()),
            }
            j += 1;
        }
        if depth > 0 {
            return Err(overlap());
        }
        out.push((Event::Text(CowStr::Borrowed(&body[code.start..code.end])), code.start..code.end));
        if j < events.len() && events[j].1.start < code.end {
            // The rest of the text event the shortcode ends in, read again from here.
            let end = events[j].1.end;
            events[j] = (Event::Text(CowStr::Borrowed(&body[code.end..end])), code.end..end);
        }
        i = j;
    }
    Ok(out)
}

/// The paragraph being copied, and where its block shortcodes went.
struct Paragraph {
    /// Index of its start event in the output.
    start: usize,
    blocks: Vec<(String, crate::error::Location)>,
}

/// Replaces shortcodes in the text of `events` with their expansions.
pub(super) fn expand<'a>(
    source: &Source<'a>,
    events: Vec<Spanned<'a>>,
    hooks: &mut dyn Hooks,
) -> Result<Vec<Spanned<'a>>> {
    let body = source.body;
    let mut positions = Cursor::new(body);
    let mut events = join_split(body, events, &mut positions).map_err(|e| {
        Error::input(Stage::Shortcode, source.at(e.line, e.column), e.message)
            .with_hint("inside a shortcode's arguments, Markdown markup such as *…* or `…` must be complete")
    })?;
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut errors = Vec::new();
    let mut state = NotProse::default();
    let mut paragraph: Option<Paragraph> = None;
    let (mut count, mut blocks) = (0, 0);
    let mut i = 0;
    while i < events.len() {
        state.see(&events[i].0);
        if state.prose() && matches!(events[i].0, Event::Text(_)) {
            let end = text_run_end(&events, i);
            let run = &mut events[i..end];
            let span = run[0].1.start..run[run.len() - 1].1.end;
            let codes = if shortcode::find_open(&body[span.clone()]).is_some() {
                shortcode::scan_in(body, span.clone(), &mut positions).map_err(|e| {
                    Error::input(Stage::Shortcode, source.at(e.line, e.column), e.message)
                        .with_hint("shortcodes look like {{ fig(id=\"employees\") }}")
                })?
            } else {
                Vec::new()
            };
            let mut at = span.start;
            let mut next_event = 0;
            for code in codes {
                let location = source.at(code.line, code.column);
                count += 1;
                if count > MAX_SHORTCODES_PER_PAGE {
                    return Err(too_many(location, MAX_SHORTCODES_PER_PAGE, "shortcodes"));
                }
                push_text(&mut out, run, &mut next_event, at..code.start, body);
                at = code.end;
                let range = code.start..code.end;
                match hooks.shortcode(&code, &location) {
                    Ok(Expansion::Text(text)) => out.push((Event::Text(text.into()), range)),
                    Ok(Expansion::Span { class, text }) => {
                        out.push((Event::InlineHtml(format!("<span class=\"{class}\">").into()), range.clone()));
                        out.push((Event::Text(text.into()), range.clone()));
                        out.push((Event::InlineHtml(CowStr::Borrowed("</span>")), range));
                    }
                    Ok(Expansion::Block(html)) => {
                        blocks += 1;
                        if blocks > MAX_BLOCKS_PER_PAGE {
                            return Err(too_many(location, MAX_BLOCKS_PER_PAGE, "charts"));
                        }
                        match paragraph.as_mut() {
                            Some(p) => p.blocks.push((code.name.clone(), location)),
                            None => errors.push(not_alone(&code.name, location)),
                        }
                        out.push((Event::Html(html.into()), range));
                    }
                    Err(e) => errors.push(e),
                }
            }
            push_text(&mut out, run, &mut next_event, at..span.end, body);
            i = end;
            continue;
        }
        match &events[i].0 {
            Event::Start(Tag::Paragraph) => paragraph = Some(Paragraph { start: out.len(), blocks: Vec::new() }),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take().filter(|p| !p.blocks.is_empty()) {
                    if blocks_alone(&out[p.start + 1..]) {
                        // The paragraph was only block shortcodes, one a line: the blocks replace it.
                        let kept: Vec<Spanned> =
                            out.drain(p.start..).filter(|(e, _)| matches!(e, Event::Html(_))).collect();
                        out.extend(kept);
                        i += 1;
                        continue;
                    }
                    errors.extend(p.blocks.into_iter().map(|(name, location)| not_alone(&name, location)));
                }
            }
            _ => {}
        }
        // Moved: nothing reads an event again once it is copied to the output.
        out.push(std::mem::replace(&mut events[i], (Event::SoftBreak, 0..0)));
        i += 1;
    }
    Error::collect(errors)?;
    Ok(out)
}

/// Whether a paragraph's content is block expansions only, one a line (blank text aside).
fn blocks_alone(content: &[Spanned]) -> bool {
    let mut on_line = 0;
    for (event, _) in content {
        match event {
            Event::Html(_) => {
                on_line += 1;
                if on_line > 1 {
                    return false;
                }
            }
            Event::SoftBreak => on_line = 0,
            Event::Text(t) if t.trim().is_empty() => {}
            _ => return false,
        }
    }
    true
}

/// The part `want` of a run of text events, as events: whole events where they fit, else the
/// matching slice of the event's text, or of the source where the text is not the source's
/// (an escape or an entity reference, which the shortcode's own bounds never split). Parts are
/// asked for in order; `next` is the first event the next part may overlap. An event taken
/// whole is moved out of `run` (no later part overlaps it); its range stays.
fn push_text<'a>(
    out: &mut Vec<Spanned<'a>>,
    run: &mut [Spanned<'a>],
    next: &mut usize,
    want: Range<usize>,
    body: &'a str,
) {
    while *next < run.len() && run[*next].1.end <= want.start {
        *next += 1;
    }
    for (event, range) in &mut run[*next..] {
        if range.start >= want.end {
            break;
        }
        let part = range.start.max(want.start)..range.end.min(want.end);
        if part.is_empty() {
            continue;
        }
        if part == *range {
            out.push((std::mem::replace(event, Event::SoftBreak), part));
            continue;
        }
        let text = match event {
            Event::Text(t) if **t == body[range.clone()] => match t {
                CowStr::Borrowed(t) => CowStr::Borrowed(&t[part.start - range.start..part.end - range.start]),
                other => CowStr::from(other[part.start - range.start..part.end - range.start].to_string()),
            },
            _ => CowStr::Borrowed(&body[part.clone()]),
        };
        out.push((Event::Text(text), part));
    }
}

fn not_alone(name: &str, location: crate::error::Location) -> Error {
    Error::input(Stage::Shortcode, location, format!("`{name}` must stand on a line of its own"))
        .with_hint("put a blank line before and after it")
}

fn too_many(location: crate::error::Location, limit: usize, what: &str) -> Error {
    Error::input(Stage::Shortcode, location, format!("a page may hold at most {limit} {what}; this is one more"))
        .with_hint("split the content over several pages")
}
