//! Emphasis next to CJK text, by the CommonMark CJK-friendly amendments (markdown-cjk-friendly,
//! proposed in commonmark-spec issue 650).
//!
//! Under CommonMark's own rules `**営業利益（前年比+10%）**を達成` stays literal: a `**` after
//! punctuation and before a letter cannot close. pulldown-cmark follows those rules, so this
//! pass takes the emphasis of each stretch of inline content apart again into its delimiter
//! runs, at their places in the source, and pairs them anew with the amended flanking rules and
//! CommonMark's own pairing algorithm. Delimiters only ever come from text events that are the
//! source as written: code, HTML, autolinks, links' destinations and titles, entity references
//! and backslash-escaped `\*` are never touched. Links, images and strikethrough keep the bounds
//! the parser gave them; their content is paired on its own, as CommonMark does for links.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::cjk;
use super::Spanned;

/// Pairs the emphasis of every stretch of inline content of `events` again.
pub(super) fn cjk_friendly<'a>(body: &'a str, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    if !has_delimiter(body) {
        // Emphasis and delimiter runs are all made of `*` and `_` of the source: with none,
        // there is nothing to pair again.
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // Ranges of the enclosing blocks, and whether each is a code block.
    let mut blocks: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let in_code = blocks.last().is_some_and(|(_, code)| *code);
        if !in_code && is_inline(&events[i].0) {
            let start = i;
            while i < events.len() && is_inline(&events[i].0) {
                i += 1;
            }
            let scope = blocks.last().map_or(0..body.len(), |(range, _)| range.clone());
            resolve(body, &events[start..i], Some(scope), &mut out);
            continue;
        }
        match &events[i].0 {
            Event::Start(tag) => blocks.push((events[i].1.clone(), matches!(tag, Tag::CodeBlock(_)))),
            Event::End(_) => {
                blocks.pop();
            }
            _ => {}
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        _ => false,
    }
}

/// A delimiter run: `*`s or `_`s next to each other in the source.
struct Run {
    ch: u8,
    /// Source offset of its first character, and its length in the source.
    start: usize,
    len: usize,
    can_open: bool,
    can_close: bool,
    /// Characters used from its start (closing) and from its end (opening).
    closed: usize,
    opened: usize,
    /// Emphasis it closes, in the order found (innermost first): strong?, source range.
    closes: Vec<(bool, Range<usize>)>,
    /// Emphasis it opens, in the order found (innermost first).
    opens: Vec<(bool, Range<usize>)>,
}

impl Run {
    fn remaining(&self) -> usize {
        self.len - self.closed - self.opened
    }
}

/// What a stretch of inline content is made of: events kept as they are, and delimiter runs.
enum Piece<'a> {
    Kept(Spanned<'a>),
    Run(usize),
}

/// Pairs the emphasis of one stretch of inline content and writes it to `out`. `block` is the
/// range of the block it fills, whose start and end count as whitespace; `None` inside a link.
fn resolve<'a>(body: &'a str, events: &[Spanned<'a>], block: Option<Range<usize>>, out: &mut Vec<Spanned<'a>>) {
    let has_delimiters = events.iter().any(|(event, _)| match event {
        Event::Start(Tag::Emphasis | Tag::Strong) => true,
        Event::Text(t) => has_delimiter(t),
        _ => false,
    });
    if !has_delimiters {
        out.extend(events.iter().cloned());
        return;
    }
    // Delimiter characters in source order: (char, offset, count), merged into runs below.
    let mut pieces: Vec<Piece<'a>> = Vec::with_capacity(events.len());
    let mut runs: Vec<Run> = Vec::new();
    let add_delimiters = |pieces: &mut Vec<Piece<'a>>, runs: &mut Vec<Run>, ch: u8, at: usize, n: usize| {
        if let Some(Piece::Run(last)) = pieces.last() {
            let run = &mut runs[*last];
            if run.ch == ch && run.start + run.len == at {
                run.len += n;
                return;
            }
        }
        runs.push(Run {
            ch,
            start: at,
            len: n,
            can_open: false,
            can_close: false,
            closed: 0,
            opened: 0,
            closes: Vec::new(),
            opens: Vec::new(),
        });
        pieces.push(Piece::Run(runs.len() - 1));
    };
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                let n = if matches!(event, Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)) { 2 } else { 1 };
                let at = if matches!(event, Event::Start(_)) { range.start } else { range.end - n };
                add_delimiters(&mut pieces, &mut runs, body.as_bytes()[at], at, n);
            }
            Event::Start(tag) => {
                let end = matching_end(events, i);
                let opaque = matches!(tag, Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. });
                let mut inner = Vec::new();
                if opaque {
                    inner.extend(events[i + 1..end].iter().cloned());
                } else {
                    resolve(body, &events[i + 1..end], None, &mut inner);
                }
                pieces.push(Piece::Kept(events[i].clone()));
                pieces.extend(inner.into_iter().map(Piece::Kept));
                if end < events.len() {
                    pieces.push(Piece::Kept(events[end].clone()));
                }
                i = end + 1;
                continue;
            }
            Event::Text(text) if **text == body[range.clone()] && has_delimiter(text) => {
                let bytes = text.as_bytes();
                let mut from = 0;
                let mut k = 0;
                while k < bytes.len() {
                    let b = bytes[k];
                    if (b == b'*' || b == b'_') && !escaped(body, range.start + k) {
                        if from < k {
                            pieces.push(Piece::Kept((
                                Event::Text(slice(text, from..k)),
                                range.start + from..range.start + k,
                            )));
                        }
                        add_delimiters(&mut pieces, &mut runs, b, range.start + k, 1);
                        from = k + 1;
                    }
                    k += 1;
                }
                if from < bytes.len() {
                    pieces.push(Piece::Kept((
                        Event::Text(slice(text, from..bytes.len())),
                        range.start + from..range.end,
                    )));
                }
            }
            _ => pieces.push(Piece::Kept(events[i].clone())),
        }
        i += 1;
    }
    for run in &mut runs {
        classify(body, run, block.as_ref());
    }
    pair(&mut runs);
    for piece in pieces {
        match piece {
            Piece::Kept(event) => out.push(event),
            Piece::Run(r) => {
                let run = &runs[r];
                for (strong, range) in &run.closes {
                    let end = if *strong { TagEnd::Strong } else { TagEnd::Emphasis };
                    out.push((Event::End(end), range.clone()));
                }
                let literal = run.start + run.closed..run.start + run.len - run.opened;
                if !literal.is_empty() {
                    out.push((Event::Text(CowStr::Borrowed(&body[literal.clone()])), literal));
                }
                for (strong, range) in run.opens.iter().rev() {
                    let start = if *strong { Tag::Strong } else { Tag::Emphasis };
                    out.push((Event::Start(start), range.clone()));
                }
            }
        }
    }
}

/// Whether `text` holds an emphasis delimiter character.
fn has_delimiter(text: &str) -> bool {
    memchr::memchr2(b'*', b'_', text.as_bytes()).is_some()
}

/// Index of the end event of the start event at `start` (events nest properly).
fn matching_end(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (k, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len()
}

fn slice<'a>(text: &CowStr<'a>, range: Range<usize>) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[range]),
        other => CowStr::from(other[range].to_string()),
    }
}

/// Whether the character at `at` is escaped by a backslash: an odd number of them before it.
fn escaped(body: &str, at: usize) -> bool {
    body.as_bytes()[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// What a delimiter run's neighbour is, for the flanking rules.
#[derive(Default)]
struct Side {
    space: bool,
    punct: bool,
    cjk: bool,
    ideographic_selector: bool,
}

/// The character before `at`, read as the amendments say: a variation selector U+FE00–U+FE0E
/// takes the class of the character before it.
fn before(body: &str, at: usize) -> Side {
    let mut chars = body[..at].chars().rev();
    let Some(c) = chars.next() else { return Side { space: true, ..Side::default() } };
    if cjk::is_ideographic_variation_selector(c) {
        return Side { ideographic_selector: true, ..Side::default() };
    }
    if cjk::is_general_variation_selector(c) {
        let Some(base) = chars.next() else { return Side { space: true, ..Side::default() } };
        let ambiguous = cjk::is_ambiguous_cjk_punctuation(base, c);
        return Side {
            space: cjk::is_whitespace(base),
            punct: cjk::is_punctuation(base),
            cjk: cjk::is_cjk(base) || ambiguous,
            ideographic_selector: false,
        };
    }
    class(c)
}

fn class(c: char) -> Side {
    if cjk::is_whitespace(c) {
        return Side { space: true, ..Side::default() };
    }
    Side { space: false, punct: cjk::is_punctuation(c), cjk: cjk::is_cjk(c), ideographic_selector: false }
}

/// Decides whether a run can open and close emphasis.
fn classify(body: &str, run: &mut Run, block: Option<&Range<usize>>) {
    let end = run.start + run.len;
    // The start and the end of a block's content count as whitespace (a table cell's `|`
    // is not part of its content).
    let b = if block.is_some_and(|r| run.start <= r.start) {
        Side { space: true, ..Side::default() }
    } else {
        before(body, run.start)
    };
    let a = match body[end..].chars().next() {
        Some(c) if !block.is_some_and(|r| end >= r.end) => class(c),
        _ => Side { space: true, ..Side::default() },
    };
    let left = !a.space && (!a.punct || b.space || b.punct || a.cjk || b.cjk || b.ideographic_selector);
    let right = !b.space && (!b.punct || a.space || a.punct || b.cjk || a.cjk);
    if run.ch == b'*' {
        run.can_open = left;
        run.can_close = right;
    } else {
        run.can_open = left && (!right || b.punct);
        run.can_close = right && (!left || a.punct);
    }
}

/// CommonMark's "process emphasis" over all runs of a stretch: each closer, in order, takes the
/// nearest earlier opener of its kind that the rule of three allows; runs between a matched
/// pair become text. Runs taken out are unlinked, and a search that failed is not repeated
/// past the same point for closers of the same kind, so the work stays linear.
fn pair(runs: &mut [Run]) {
    let n = runs.len();
    let mut prev: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
    let mut next: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
    fn unlink(i: usize, prev: &mut [Option<usize>], next: &mut [Option<usize>]) {
        if let Some(p) = prev[i] {
            next[p] = next[i];
        }
        if let Some(nx) = next[i] {
            prev[nx] = prev[i];
        }
    }
    let mut floors: HashMap<(u8, bool, usize), Option<usize>> = HashMap::new();
    let mut current = (n > 0).then_some(0);
    while let Some(c) = current {
        if !runs[c].can_close {
            current = next[c];
            continue;
        }
        let key = (runs[c].ch, runs[c].can_open, runs[c].len % 3);
        let floor = floors.get(&key).copied().flatten();
        let mut candidate = prev[c];
        let mut found = None;
        while let Some(o) = candidate {
            if Some(o) == floor {
                break;
            }
            let (opener, closer) = (&runs[o], &runs[c]);
            if opener.ch == closer.ch && opener.can_open && opener.remaining() > 0 {
                let both = opener.can_close || closer.can_open;
                let odd = both && (opener.len + closer.len) % 3 == 0 && !(opener.len % 3 == 0 && closer.len % 3 == 0);
                if !odd {
                    found = Some(o);
                    break;
                }
            }
            candidate = prev[o];
        }
        let Some(o) = found else {
            floors.insert(key, prev[c]);
            let after = next[c];
            if !runs[c].can_open {
                unlink(c, &mut prev, &mut next);
            }
            current = after;
            continue;
        };
        let used = if runs[c].remaining() >= 2 && runs[o].remaining() >= 2 { 2 } else { 1 };
        let open_end = runs[o].start + runs[o].len - runs[o].opened;
        let close_start = runs[c].start + runs[c].closed;
        let range = open_end - used..close_start + used;
        runs[o].opened += used;
        runs[o].opens.push((used == 2, range.clone()));
        runs[c].closed += used;
        runs[c].closes.push((used == 2, range));
        // Runs between the pair are text now.
        let mut between = next[o];
        while let Some(k) = between.filter(|&k| k != c) {
            between = next[k];
            unlink(k, &mut prev, &mut next);
        }
        if runs[o].remaining() == 0 {
            unlink(o, &mut prev, &mut next);
        }
        if runs[c].remaining() == 0 {
            let after = next[c];
            unlink(c, &mut prev, &mut next);
            current = after;
        }
    }
}
